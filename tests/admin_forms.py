"""
Admin form data, one way for every test: what the rendered form would send, read from its
HTML by lxml (``form_data``, ``admin_form_data``, ``submit``), or a complete add form's data for
each kind of content (``page_form_data``, ``partner_form_data``, ``publication_form_data``).
"""

import lxml.html

from centre.models import Status
from partners.models import Kind
from publications.models import PublicationType


def form_data(html, form_id=None, **overrides):
    """
    ``{name: value or [values]}`` as a browser would send the form with id ``form_id``, or else
    the page's own form (not the logout or language forms), with ``overrides``; an override of
    None leaves the field out (an unticked checkbox).
    """
    document = lxml.html.fromstring(html)
    if form_id:
        [form] = document.xpath("//form[@id=$id]", id=form_id)
    else:  # an admin model form (id "<model>_form") or a form without an action of its own
        form = next(
            form
            for form in document.forms
            if (form.method or "").lower() == "post"
            and ((form.get("id") or "").endswith("_form") or not form.get("action"))
        )
    data = {}
    textareas = {field.name for field in form.inputs if field.tag == "textarea"}
    # lxml sends what a browser sends: no disabled, unticked, file or submit fields.
    for name, value in form.form_values():
        if name in textareas:
            value = value.removeprefix("\n")  # browsers drop the newline after <textarea>
        if name in data:
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    for name, value in overrides.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def admin_form_data(response, **overrides):
    """The POST data of the admin form in ``response`` as it was rendered, with ``overrides``."""
    return form_data(response.content.decode(), **overrides)


def submit(client, url, changes=None, **extra):
    """GET the admin form at ``url``, apply ``changes`` (None removes a field) and POST it."""
    response = client.post(url, form_data(client.get(url).text, **(changes or {})), **extra)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


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
