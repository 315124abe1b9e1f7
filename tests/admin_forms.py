"""
Admin form data, one way for every test: what the rendered form would send
(``admin_form_data``, ``form_data``, ``submit``), or a complete add form's data for each kind of
content (``page_form_data``, ``partner_form_data``, ``publication_form_data``).
"""

from html.parser import HTMLParser

from centre.models import Status
from partners.models import Kind
from publications.models import PublicationType


class FormFields(HTMLParser):
    """
    The values a browser would submit for the form with id ``form_id``, or else the page's own
    form: the first with method="post" that posts to the page itself (no action: not the
    logout or language forms).
    """

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.fields, self._in_form, self._done = [], False, False
        self._select, self._textarea = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self._done:
            if self.form_id:
                self._in_form = attrs.get("id") == self.form_id
            else:
                self._in_form = (attrs.get("method") or "").lower() == "post" and not attrs.get(
                    "action"
                )
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("file", "submit", "button", "image", "reset"):
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            # [name, first option's value, anything selected?, multiple?]
            self._select = [name, None, False, "multiple" in attrs]
        elif tag == "option" and self._select:
            if self._select[1] is None:
                self._select[1] = attrs.get("value", "")
            if "selected" in attrs:
                self._select[2] = True
                self.fields.append((self._select[0], attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
        elif tag == "select" and self._select:
            name, first, selected, multiple = self._select
            if not selected and not multiple and first is not None:
                self.fields.append((name, first))  # what a browser sends
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows <textarea>.
            name, value = self._textarea
            self.fields.append((name, value.removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data


def form_data(html, form_id=None):
    """``{name: value or [values]}`` as the page's post form would send it."""
    parser = FormFields(form_id)
    parser.feed(html)
    data = {}
    for name, value in parser.fields:
        if name in data:
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    return data


def submit(client, url, changes=None, **extra):
    """GET the admin form at ``url``, apply ``changes`` (None removes a field) and POST it."""
    data = form_data(client.get(url).text)
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)  # the test client does not check it
    response = client.post(url, data, **extra)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def admin_form_data(response, **overrides):
    """
    The POST data of the admin add/change form in ``response`` as it was rendered (inline
    formsets included), with ``overrides``; an override of None leaves the field out (an
    unticked checkbox).
    """
    from django import forms

    data = {}
    all_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        all_forms += [inline.formset.management_form, *inline.formset.forms]
    for form in all_forms:
        for name, field in form.fields.items():
            key, value = form.add_prefix(name), form[name].value()
            if isinstance(field, forms.FileField) or value is None:
                continue
            if isinstance(field.widget, forms.MultiWidget):
                for index, part in enumerate(field.widget.decompress(value)):
                    data[f"{key}_{index}"] = "" if part is None else part
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, (list, tuple)):
                data[key] = [str(item) for item in value]
            else:
                data[key] = field.widget.format_value(value) or ""
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def page_form_data(**overrides):
    data = {
        "title_az": "Yeni səhifə",
        "title_en": "New page",
        "title_ru": "Новая страница",
        "slug_az": "",
        "slug_en": "",
        "slug_ru": "",
        "summary_az": "Xülasə",
        "summary_en": "Summary",
        "summary_ru": "Резюме",
        "body_az": "<p><strong>Qalın</strong> mətn</p><script>alert(1)</script>",
        "body_en": "<p>Body <a href='https://weforum.org'>link</a></p><ul><li>one</li></ul>",
        "body_ru": "<p>Текст</p>",
        "seo_description_az": "",
        "seo_description_en": "",
        "seo_description_ru": "",
        "parent": "",
        "show_in_menu": "on",
        "menu_order": "5",
        "status": Status.DRAFT,
        "publish_from_0": "",
        "publish_from_1": "",
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
        "milestones-0-date": "06.01.2021",
        "milestones-0-title_az": "Fərman",
        "milestones-0-title_en": "Decree",
        "milestones-0-title_ru": "Указ",
        "milestones-0-description_az": "",
        "milestones-0-description_en": "",
        "milestones-0-description_ru": "",
    }
    data.update(overrides)
    return data


def partner_form_data(**overrides):
    data = {
        "name_az": "Yaponiya Dördüncü Sənaye İnqilabı Mərkəzi",
        "name_en": "Centre for the Fourth Industrial Revolution Japan",
        "name_ru": "Центр Четвертой промышленной революции Японии",
        "short_name_az": "C4IR Yaponiya",
        "short_name_en": "C4IR Japan",
        "short_name_ru": "C4IR Япония",
        "slug_az": "",
        "slug_en": "",
        "slug_ru": "",
        "kind": Kind.NETWORK_CENTRE,
        "summary_az": "Tokiodakı mərkəz.",
        "summary_en": "The centre in Tokyo.",
        "summary_ru": "Центр в Токио.",
        "description_az": "<p>Avtonom <strong>mobillik</strong>.</p><script>alert(1)</script>",
        "description_en": "<p>Autonomous mobility.</p>",
        "description_ru": "<p>Автономная мобильность.</p>",
        "country": "JP",
        "host_institution_az": "Dünya İqtisadi Forumu",
        "host_institution_en": "World Economic Forum",
        "host_institution_ru": "Всемирный экономический форум",
        "founded_year": "2018",
        "website": "https://jp.example.org/",
        "reference_url": "https://apinitiative.org/en/?p=23149",
        "is_active": "on",
        "order": "0",
    }
    data.update(overrides)
    return data


def publication_form_data(**overrides):
    data = {
        "title_az": "4Sİ texnologiyalarının uğurlu həlləri",
        "title_en": "Successful solutions of 4IR technologies",
        "title_ru": "Успешные решения технологий 4ПР",
        "abstract_az": "Xülasə",
        "abstract_en": "Abstract",
        "abstract_ru": "Аннотация",
        "publication_type": PublicationType.RESEARCH,
        "publication_date": "2024-05-01",
        "status": Status.DRAFT,
        "publish_from_0": "",
        "publish_from_1": "",
        "files-TOTAL_FORMS": "3",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "3",
    }
    for code in ("az", "en", "ru"):
        for field in ("slug", "authors", "publisher", "cover_alt"):
            data.setdefault(f"{field}_{code}", "")
    data.update(overrides)
    return data


def file_rows(*uploads):
    """Inline rows ``files-N-…`` for (language, upload) pairs."""
    rows = {}
    for index, (language, upload) in enumerate(uploads):
        rows[f"files-{index}-language"] = language
        rows[f"files-{index}-file"] = upload
    return rows
