"""Rich text: what the editor may produce, and the sanitiser that enforces it.

Rich text is cleaned with nh3 twice: when it is saved (so the database holds only safe HTML)
and again when it is rendered (so HTML that reached the database another way, say an old
backup or a SQL shell, is still made safe). Keep the editor's extensions and the allow-list
below in step.
"""

import nh3

# The editor toolbar (django-prose-editor extensions).
RICH_TEXT_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "History": True,
    }
}

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "s", "sub", "sup", "h2", "h3", "h4",
    "ul", "ol", "li", "blockquote", "hr", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# No javascript:, data: or vbscript: URLs; relative links to the site's own pages stay.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html):
    """Return ``html`` with everything outside the allow-list removed."""
    if not html:
        return ""
    cleaned = _cleaner.clean(html).strip()
    # The editor leaves one empty paragraph in an empty document; store that as empty.
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned
