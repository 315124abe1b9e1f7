import json
import unicodedata
from typing import NamedTuple

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as N_

from centre.cache import kept_for_this_generation
from centre.i18n import IN_LANGUAGE, language_codes, shown_language, site_language
from centre.i18n import language_links as _language_links
from centre.models import SiteContact
from pages.context_processors import menu_links

register = template.Library()

CENTRE_NAME = N_("Fourth Industrial Revolution Analysis and Coordination Centre")
CENTRE_DESCRIPTION = N_(
    "Azerbaijan's Fourth Industrial Revolution Analysis and Coordination Centre, the World "
    "Economic Forum's C4IR Azerbaijan."
)


@register.filter
def rich_text(value):
    """
    Stored rich text as is: ``save()`` sanitised it. Sanitising on each view would cost time
    growing with the text (for hostile text stored before its limits, with its depth squared).
    """
    return mark_safe(value or "")  # noqa: S308 - sanitised by the model's save()


def other_language(obj, field=None, page=None):
    """The language of ``obj.<field>``'s text if it is not the page's (``page``, default: the
    active language), else None. Without ``field``, ``obj`` is already a language code (e.g. a
    search entry's). Cards pass ``page``, worked out once for all their fields."""
    page = page or site_language()
    code = shown_language(obj, field, page) if field else obj
    return code if code and code != page else None


def lang_attribute(code):
    """` lang="az"` for text in ``code``, a language other than the page's; "" for None."""
    return format_html(' lang="{}"', code) if code else ""


def in_language_label(code):
    """The small "in Azerbaijani" label for text in ``code``, another language; "" for None."""
    if not code:
        return ""
    return format_html('<span class="in-language">{}</span>', IN_LANGUAGE.get(code, code))


@register.simple_tag
def lang_attr(obj, field=None):
    """
    ``<h3{% lang_attr publication "title" %}>``: ` lang="az"` where the field shows another
    language's text than the page's (WCAG 3.1.2, language of parts).
    """
    return lang_attribute(other_language(obj, field))


@register.simple_tag
def in_language(obj, field=None):
    """``{% in_language partner "name" %}``: the small "in Azerbaijani" label beside such text."""
    return in_language_label(other_language(obj, field))


@register.simple_tag
def day_time(day, css_class=""):
    """
    ``{% day_time milestone.date "timeline__date" %}``: ``<time datetime="2021-01-06">6 January
    2021</time>``, a day (a ``date``) as the page's language writes it (what
    ``|date:"DATE_FORMAT"`` gives) and in ISO 8601 for machines, in one call rather than two
    filters through the template engine (about 150 calls less a date).
    """
    return format_html(
        '<time{} datetime="{}">{}</time>',
        format_html(' class="{}"', css_class) if css_class else "",
        day.isoformat(),
        date_format(day),
    )


class Frame(NamedTuple):
    """What base.html shows the same on every page of a language (the marked item aside)."""

    head_assets: str  # fonts, the stylesheet, the icon
    header_start: str  # the skip link and the header up to the language switcher
    header_end: str  # the rest of the header: the main menu
    footer: str  # with the contact details staff set


# Where the page's own language switcher goes in a frame's rendered header.
SWITCHER_SLOT = "<!-- the language switcher -->"


def marked_menu_item(context):
    """
    The main menu's item for this page (``aria-current``): "home", a top-level page's pk (its
    ``section``: the page itself or the one it is under), a list's ``nav_section``, or "".
    """
    page = context.get("page")
    if getattr(page, "is_home", False):
        return "home"
    section = context.get("section")
    if section is not None:
        return getattr(section, "pk", "")
    return context.get("nav_section") or ""


@register.simple_tag(takes_context=True)
def site_frame(context):
    """
    The frame of every page (head links, header, footer): rendered once per language, page
    cache generation and marked menu item (a staff write ends it, as it ends the cached pages).
    The same for staff and the public: the menu lists only published pages
    (``Page.objects.menu``) whoever asks, the footer the contact details.
    """
    marked = marked_menu_item(context)

    def render():
        header = render_to_string(
            "includes/header.html",
            {
                "menu_pages": menu_links(),
                "marked": marked,
                "language_switcher": mark_safe(SWITCHER_SLOT),  # noqa: S308 - a constant
            },
        )
        start, end = header.strip().split(SWITCHER_SLOT)
        # Both halves of the template's safe output are as safe.
        return Frame(
            render_to_string("includes/head_assets.html"),
            mark_safe(start),  # noqa: S308
            mark_safe(end),  # noqa: S308
            render_to_string("includes/footer.html", {"contact": SiteContact.current()}),
        )

    return kept_for_this_generation(f"frame:{get_language()}:{marked}", render)


@register.simple_tag
def language_switcher(languages):
    """This page in each language (``languages``: ``{% language_links %}``), this one unlinked."""
    items = format_html_join(
        "\n",
        "    <li>\n      {}\n    </li>",
        (
            (
                format_html(
                    '<span aria-current="true" lang="{}">{}</span>',
                    language["code"],
                    language["name"],
                )
                if language["is_current"]
                else format_html(
                    '<a href="{}" hreflang="{}" lang="{}">{}</a>',
                    language["path"],
                    language["code"],
                    language["code"],
                    language["name"],
                ),
            )
            for language in languages
        ),
    )
    return format_html(
        '<nav class="language-switcher" aria-label="{}">\n  <ul>\n{}\n  </ul>\n</nav>',
        gettext("Choose a language"),
        items,
    )


@register.simple_tag
def hreflang_links(languages):
    """``<link rel="alternate">`` to this page in each language it has its own text in."""
    return format_html_join(
        "",
        '\n  <link rel="alternate" hreflang="{}" href="{}">',
        (
            (code, language["url"])
            for language in languages
            if language["available"]
            for code in (
                (language["code"], "x-default") if language["is_default"] else (language["code"],)
            )
        ),
    )


@register.simple_tag(takes_context=True)
def language_links(context, obj=None):
    request = context.get("request")
    if request is None:  # e.g. the 500 page, rendered without a request
        return []
    return _language_links(request, obj or None)


@register.filter
def shows_fallback(obj):
    """
    Whether the page of ``obj`` shows another language's text (Azerbaijani) for want of the
    active language's: such a page is not indexed (templates/base.html).
    """
    available = getattr(obj, "available_languages", None)
    return available is not None and site_language() not in available


@register.simple_tag(takes_context=True)
def canonical_url(context, obj=None):
    request = context["request"]
    path = obj.get_absolute_url() if obj else request.path
    return request.build_absolute_uri(path)


OG_LOCALES = {"az": "az_AZ", "en": "en_GB", "ru": "ru_RU"}


# The Centre's own picture (static/img/og-default.png), for pages that share no image of theirs.
DEFAULT_IMAGE = {"path": "img/og-default.png", "width": 1200, "height": 630}


def shortened(text, length):
    """
    ``text|truncatechars:length``, at less cost: Django's Truncator counts a text's characters
    one by one (a call for each).
    """
    text = unicodedata.normalize("NFC", str(text))  # as Truncator compares it
    # Combining characters are not counted: a text no longer than ``length`` fits.
    if len(text) <= length:
        return text
    if any(map(unicodedata.combining, text)):
        return Truncator(text).chars(length)
    # What Truncator does then, without a call for each character before the cut.
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)])


register.filter("shortened", shortened, is_safe=True)

SOCIAL_META = """\
<meta property="og:site_name" content="{site_name}">
  <meta property="og:type" content="{type}">
  <meta property="og:title" content="{title}">
  <meta property="og:description" content="{long_description}">
  <meta property="og:url" content="{url}">
  <meta property="og:image" content="{image}">{image_size}
  <meta property="og:image:alt" content="{image_alt}">
  <meta property="og:locale" content="{locale}">{alternate_locales}
  <meta name="twitter:card" content="{card}">
  <meta name="twitter:title" content="{title}">
  <meta name="twitter:description" content="{short_description}">
  <meta name="twitter:image" content="{image}">
  <meta name="twitter:image:alt" content="{image_alt}">"""


@register.simple_tag(takes_context=True)
def social_meta(context, obj=None, title="", description=""):
    """
    OpenGraph and Twitter card tags for the page showing ``obj`` (its ``meta_*``, else the
    Centre's own). A square image (a logo) makes a small card: a wide card would crop it.
    """
    request = context["request"]
    language = get_language()
    image = getattr(obj, "meta_image_url", None)
    if image:
        size = getattr(obj, "meta_image_size", None)
        image_alt = getattr(obj, "meta_image_alt", "") or str(obj)
    else:
        image = static(DEFAULT_IMAGE["path"])
        size = (DEFAULT_IMAGE["width"], DEFAULT_IMAGE["height"])
        image_alt = gettext(CENTRE_NAME)
    width, height = size or (None, None)
    square = bool(size) and abs(width - height) <= max(width, height) / 10
    # The language of the text shared: an untranslated item's is the default language.
    if shows_fallback(obj):
        language = settings.LANGUAGE_CODE
    description = description or getattr(obj, "meta_description", "") or gettext(CENTRE_DESCRIPTION)
    alternate_locales = [
        OG_LOCALES.get(code, code)
        for code in getattr(obj, "available_languages", None) or language_codes()
        if code != language
    ]
    return format_html(
        SOCIAL_META,
        site_name=gettext("4SIM"),
        type=getattr(obj, "og_type", "website"),
        title=title or (str(obj) if obj else gettext(CENTRE_NAME)),
        long_description=shortened(description, 300),
        short_description=shortened(description, 200),
        url=canonical_url(context, obj),
        image=request.build_absolute_uri(image),
        image_size=format_html(
            '\n  <meta property="og:image:width" content="{}">'
            '\n  <meta property="og:image:height" content="{}">',
            width,
            height,
        )
        if width
        else "",
        image_alt=image_alt,
        locale=OG_LOCALES.get(language, language),
        alternate_locales=format_html_join(
            "",
            '\n  <meta property="og:locale:alternate" content="{}">',
            ((locale,) for locale in alternate_locales),
        ),
        card="summary" if square else "summary_large_image",
    )


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Structured data for search engines, escaped so no text can close the script element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def organization_json_ld(context):
    """The Centre as a schema.org organisation, for the home page."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": gettext(CENTRE_NAME),
        "alternateName": ["4SİM", "C4IR Azerbaijan"],
        "url": request.build_absolute_uri(reverse("pages:home")),
        "logo": request.build_absolute_uri(static(DEFAULT_IMAGE["path"])),
        "foundingDate": "2021-01-06",
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": gettext("Ministry of Economy of the Republic of Azerbaijan"),
        },
        "memberOf": {
            "@type": "Organization",
            "name": gettext(
                "World Economic Forum Centre for the Fourth Industrial Revolution Network"
            ),
        },
        "address": {
            "@type": "PostalAddress",
            "addressLocality": gettext("Baku"),
            "addressCountry": "AZ",
        },
    }
    contact = SiteContact.current()
    if contact.email:
        data["email"] = contact.email
    if contact.website:
        data["sameAs"] = [contact.website]
    return json_ld(data)


BREADCRUMBS = """\
<nav class="breadcrumbs container" aria-label="{label}">
  <ol>
{items}
    <li><span aria-current="page"{lang}>{title}</span></li>
  </ol>
</nav>
{json_ld}"""


@register.simple_tag(takes_context=True)
def breadcrumbs(context, current_title, current=None, current_field="title"):
    """
    The way here: home, the view's ``breadcrumbs`` (pages above, or a list as ``{"title": …,
    "get_absolute_url": …}``) and this page, ``current_title`` (the text of ``current``'s
    ``current_field``, so its language can be told), with the same trail as structured data.
    """
    request = context["request"]
    trail = [(gettext("Home"), reverse("pages:home"), "")]
    for crumb in context.get("breadcrumbs") or []:
        if isinstance(crumb, dict):
            trail.append((crumb["title"], crumb["get_absolute_url"], ""))
        else:
            trail.append((crumb.title, crumb.get_absolute_url(), lang_attr(crumb, "title")))
    link = '    <li><a href="{}"{}>{}</a></li>'
    items = format_html_join("\n", link, ((url, lang, title) for title, url, lang in trail))
    structured = [(title, url) for title, url, _lang in trail] + [(current_title, request.path)]
    return format_html(
        BREADCRUMBS,
        label=gettext("Breadcrumbs"),
        items=items,
        lang=lang_attr(current, current_field) if current else "",
        title=current_title,
        json_ld=json_ld(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": str(name),
                        "item": request.build_absolute_uri(path),
                    }
                    for position, (name, path) in enumerate(structured, start=1)
                ],
            }
        ),
    )
