"""
Rich text: the editor's toolbar and the nh3 allow-list (keep them in step). Rich text is
sanitised by ``save()`` and shown as stored; ``manage.py sanitize_rich_text`` cleans what came
another way. nh3's time grows with the square of the nesting depth, so ``check_rich_text``
first bounds size, depth and tags in linear time.
"""

import html as html_module
import re

import nh3
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from js_asset import Media

# The editor toolbar (django-prose-editor extensions).
RICH_TEXT_EDITOR_CONFIG = {
    "extensions": {
        **dict.fromkeys(["Bold", "Italic", "Strike", "Subscript", "Superscript"], True),
        "Heading": {"levels": [2, 3, 4]},
        **dict.fromkeys(["BulletList", "OrderedList", "ListItem", "Blockquote"], True),
        **dict.fromkeys(["HorizontalRule", "HardBreak"], True),
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
        "History": True,
    }
}


# Where a block of rich text ends (a heading, paragraph, list item…).
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div|td|th|dt|dd)\s*>|<br\s*/?>", re.I)
_ANY_TAG = re.compile(r"<[^>]*>")
BLOCK_MARK = "\x1f"


def text_blocks(html):
    """Rich text's text block by block (tags are no words), as a reader reads it."""
    text = _ANY_TAG.sub(" ", _BLOCK_END.sub(BLOCK_MARK, html or ""))
    return html_module.unescape(text).split(BLOCK_MARK)


def editor_media(request, media):
    """
    A form's ``media`` for ``request``, with the script that names each rich-text editor after
    its label. The editor's import map is an inline script, which runs under a policy without
    'unsafe-inline' with this request's CSP nonce (django-js-asset's Media carries it).
    """
    media += forms.Media(js=["js/editor-names.js"])
    nonce = getattr(request, "csp_nonce", None)  # lazy: false until read, so no truth test
    return media if nonce is None else Media.from_media(media, nonce=nonce)


ALLOWED_TAGS = {
    "p", "br", "strong", "em", "s", "sub", "sup", "h2", "h3", "h4",
    "ul", "ol", "li", "blockquote", "hr", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# No javascript:, data: or vbscript: URLs; relative links to the site's own pages stay.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# HTML written without the editor (no JavaScript, imports) often marks bold and italic with <b>
# and <i>: they are let through nh3 and then renamed to the editor's <strong> and <em>.
RENAMED_TAGS = {"b": "strong", "i": "em"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS | RENAMED_TAGS.keys(),
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)

# Limits no real text reaches, chosen so that the worst text within them is sanitised in well
# under a second (see benchmarks/rich_text.py).
# A 70-page report is about 200,000 characters; the Centre's longest page has a few thousand.
MAX_RICH_TEXT_LENGTH = 200_000
# The editor's deepest structure, a list inside a list inside a quote with a bold, italic link
# in it, is about 10 elements deep; lists nested ten levels stay under 30.
MAX_RICH_TEXT_DEPTH = 30
# Paragraphs with some bold text and links have a tag (start or end) every 50 to 100
# characters: 2,000 to 4,000 in the longest text allowed. This bound holds whatever the markup,
# so it also bounds nh3's time for markup that the depth count reads otherwise than nh3 does.
MAX_RICH_TEXT_TAGS = 10_000

# Elements that are never open: nothing can be nested in them.
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})  # fmt: skip
# Elements whose inside nh3 reads otherwise than as tags, or by other rules (foreign content).
_OPAQUE = frozenset({
    "iframe", "math", "noembed", "noframes", "noscript", "plaintext", "script", "style", "svg",
    "textarea", "title", "xmp",
})  # fmt: skip
_WS = r"\t\n\f\r "
# An attribute as the HTML standard's tokenizer reads it: a quote starts a value only after
# "="; a name runs to a space, "/", ">" or "=". Possessive, so no text is read twice.
_ATTRIBUTE = (
    rf"[^{_WS}/>][^{_WS}/>=]*+"
    rf"(?:[{_WS}]*+=[{_WS}]*+(?:\"[^\"]*+\"|'[^']*+'|[^{_WS}>\"'][^{_WS}>]*+)?)?"
)
_TAG_REST = rf"(?:[{_WS}/]++|(?>{_ATTRIBUTE}))*+>"
_MARKUP = re.compile(
    r"<(?:"
    r"!--(?:-?>|.*?(?:--!?>|\Z))"  # a comment, ended as the standard ends it
    r"|[!?][^>]*+>?"  # a doctype, CDATA or processing instruction: up to the next ">"
    rf"|/(?P<end>[A-Za-z][^{_WS}/>]*+){_TAG_REST}"
    rf"|(?P<start>[A-Za-z][^{_WS}/>]*+){_TAG_REST}"
    r"|/(?![A-Za-z])[^>]*+>?"  # "</" and no name: ignored up to the next ">"
    r"|(?P<unclosed>/?[A-Za-z])"  # a tag that never ends: the rest of the text is inside it
    r")",
    re.DOTALL,
)
_TAG = re.compile(r"</?[A-Za-z]")
# A tag in nh3's output, where every "<" starts a tag (text has "&lt;") and every attribute value
# is in double quotes (a quote inside is "&quot;"), so a "<b>" inside a value is not matched.
_CLEAN_TAG = re.compile(r'<(?P<end>/?)(?P<name>[a-z][a-z0-9]*)(?P<rest>(?:[^">]|"[^"]*")*)>')
_START_TAG = re.compile(r"<[A-Za-z]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def rich_text_depth(html, limit=None):
    """
    How deeply the elements of ``html`` are nested, in one pass, never below nh3's count: an
    end tag closes only the innermost element, and after markup nh3 reads by other rules
    (script, svg, a tag that never ends) every later tag counts as nested. Stops beyond ``limit``.
    """
    open_elements = []
    depth = 0
    for match in _MARKUP.finditer(html):
        name = (match["start"] or "").translate(_ASCII_LOWER)
        if match["unclosed"] or name in _OPAQUE:
            rest = sum(1 for _tag in _START_TAG.finditer(html, match.start() + 1))
            return max(depth, len(open_elements) + 1 + rest)
        if name and name not in _VOID:
            open_elements.append(name)
            depth = max(depth, len(open_elements))
            if limit is not None and depth > limit:
                break
        elif (end := match["end"]) and open_elements[-1:] == [end.translate(_ASCII_LOWER)]:
            open_elements.pop()
    return depth


def _grouped(number):
    return number_format(number, force_grouping=True)


def check_rich_text(html):
    """Raise ``ValidationError`` if ``html`` is too long, too deep or has too many tags."""
    if len(html) > MAX_RICH_TEXT_LENGTH:
        raise ValidationError(
            _("This text is too long: %(length)s characters, at most %(limit)s."),
            code="rich_text_too_long",
            params={"length": _grouped(len(html)), "limit": _grouped(MAX_RICH_TEXT_LENGTH)},
        )
    tags = sum(1 for _tag in _TAG.finditer(html))
    if tags > MAX_RICH_TEXT_TAGS:
        raise ValidationError(
            _("This text has too much formatting: %(count)s tags, at most %(limit)s."),
            code="rich_text_too_many_tags",
            params={"count": _grouped(tags), "limit": _grouped(MAX_RICH_TEXT_TAGS)},
        )
    if rich_text_depth(html, limit=MAX_RICH_TEXT_DEPTH) > MAX_RICH_TEXT_DEPTH:
        raise ValidationError(
            _(
                "This text is nested too deeply: more than %(limit)s elements (quotes, lists, "
                "paragraphs) inside one another."
            ),
            code="rich_text_too_deep",
            params={"limit": MAX_RICH_TEXT_DEPTH},
        )


def _rename_tag(match):
    name = RENAMED_TAGS.get(match["name"], match["name"])
    return f"<{match['end']}{name}{match['rest']}>"


def sanitize_html(html):
    """``html`` within the allow-list; ``ValidationError`` (before nh3) if over the limits."""
    if not html:
        return ""
    check_rich_text(html)
    cleaned = _CLEAN_TAG.sub(_rename_tag, _cleaner.clean(html)).strip()
    # What is stored is sanitised again by each save: it must be within the limits too (nh3
    # adds rel="…" to links, escapes "<" in text, and may repeat formatting in each paragraph).
    check_rich_text(cleaned)
    # The editor leaves one empty paragraph in an empty document; store that as empty.
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


def resanitize_stored_rich_text():
    """
    Sanitise every stored rich text again, in place; text over the limits is kept escaped.
    Returns ``(changed, over_the_limits)``: lists of ``(model label, pk, field name)``.
    """
    changed, over = [], []
    for model in apps.get_models():
        fields = model._meta.concrete_fields
        names = [f.attname for f in fields if getattr(f, "sanitize", None) is sanitize_html]
        if not names:
            continue
        for row in model._default_manager.values_list("pk", *names).iterator():
            pk, updates = row[0], {}
            for name, html in zip(names, row[1:], strict=True):
                try:
                    cleaned = sanitize_html(html)
                except ValidationError:
                    cleaned = format_html("<p>{}</p>", html)
                    over.append((model._meta.label, pk, name))
                if cleaned != (html or ""):
                    updates[name] = cleaned
                    changed.append((model._meta.label, pk, name))
            if updates:
                model._default_manager.filter(pk=pk).update(**updates)
    return changed, over
