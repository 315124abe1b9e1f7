"""Submitting admin forms as a browser would: read the form's fields, change some, post."""

from html.parser import HTMLParser


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
