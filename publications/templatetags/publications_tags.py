"""Publications shown elsewhere on the site (the home page), without the pages app importing us."""

from html import escape

from django import template
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext

from centre.addresses import slug_addresses
from centre.cache import kept_for_this_generation
from centre.i18n import language_codes, local_name, localized_field, shown_language, site_language
from centre.templatetags.centre_tags import in_language_label, lang_attr

from ..models import Publication

register = template.Library()

LAZY = mark_safe(' loading="lazy"')
NO_COVER = mark_safe('<span class="cover cover--none" aria-hidden="true">PDF</span>')


@register.simple_tag
def home_publications(count=3):
    """
    The home page's newest featured publication and the newest others: the same for every
    visitor, so rendered once per language and page cache generation.
    """
    return kept_for_this_generation(
        f"home-publications:{get_language()}",
        lambda: render_to_string(
            "publications/includes/home_publications.html", _home_publications(count)
        ),
    )


def _home_publications(count):
    """The newest featured publication and the newest others, in two queries."""
    published = Publication.objects.published()
    # One query for both: the newest featured one, and the newest count + 1 (one of which may
    # be that featured one).
    shown = list(
        published.filter(
            Q(pk__in=published.featured().values("pk")[:1])
            | Q(pk__in=published.newest_first().values("pk")[: count + 1])
        )
        .newest_first()
        .with_files()
    )
    # Newest first, so the first featured one shown is the newest featured of all.
    featured = next((publication for publication in shown if publication.featured), None)
    latest = [publication for publication in shown if publication is not featured][:count]
    return {"featured": featured, "latest": latest}


CARD = (
    '<li class="publication-card">\n'
    '          <div class="publication-card__cover">{}</div>\n'
    '          <div class="publication-card__body">\n'
    '            <p class="publication-card__meta"><span class="tag tag--type">{}</span>{}</p>\n'
    '            <h3 class="publication-card__title"><a href="{}"{}>{}</a>{}</h3>\n'
    "            {}\n"
    "            {}\n"
    "          </div>\n"
    "        </li>"
)


@register.simple_tag
def publication_cards(publications):
    """
    The publication list's cards, written here rather than by a dozen tags and filters a card,
    with what is the same for every card worked out once: the page's language, the "in
    Azerbaijani" labels, the detail address around the slug. Each text is read from the column
    of the language it shows in (centre.i18n.shown_language), and escaped.
    """
    page = site_language()
    marks = language_marks(page)
    address = slug_addresses("publications:detail", "slug")
    cards = []
    for publication in publications:
        title_language = shown_language(publication, "title", page)
        abstract_language = shown_language(publication, "abstract", page)
        date = publication.publication_date
        abstract = getattr(publication, localized_field("abstract", abstract_language))
        cards.append(
            CARD.format(
                cover(publication, "(min-width: 48em) 10rem, 6rem", lazy=True),
                escape(publication.get_publication_type_display()),
                f' <time datetime="{date.isoformat()}">{escape(date_format(date))}</time>'
                if date
                else "",
                escape(address(publication.slug)),
                marks[title_language][0],
                escape(getattr(publication, localized_field("title", title_language))),
                marks[title_language][1],
                f'<p class="publication-card__abstract"{marks[abstract_language][0]}>'
                f"{escape(Truncator(abstract).words(36, truncate=' …'))}</p>"
                if abstract
                else "",
                pdf_languages(publication, page),
            )
        )
    return mark_safe("\n        ".join(cards))  # noqa: S308 (every text in it escaped above)


def language_marks(page):
    """
    ``{code: (lang attribute, "in Azerbaijani" label)}`` for text in each language on a page
    in ``page``: both empty for the page's own. Partner cards too.
    """
    marks = {code: (f' lang="{code}"', in_language_label(code)) for code in language_codes()}
    marks[page] = ("", "")
    return marks


CURRENT_OPTION = mark_safe(' aria-current="true" class="is-active"')


@register.simple_tag
def facet_options(facet):
    """
    A filter's options (publications.filters.facets) as the ``<li>`` links of its list, one a
    line: written here rather than by a template loop, a list's sidebar has some 35.
    """
    links = []
    for option in facet["options"]:
        lang = option["lang"]
        links.append(
            f'<li><a href="{escape(option["url"])}"{CURRENT_OPTION if option["active"] else ""}'
            + (f' lang="{escape(lang)}">' if lang else ">")
            + f"{escape(option['label'])}</a></li>"
        )
    return mark_safe("\n          ".join(links))  # noqa: S308 (every part escaped)


@register.simple_tag
def pdf_languages(publication, page=None):
    """
    ``{% pdf_languages publication %}``: the languages of its PDFs as plain text (the files
    are on its page), each name in its own language and marked so where it is not the page's.
    """
    codes = publication.file_languages
    if not codes:
        return ""
    page = page or site_language()
    names = ", ".join(
        (f'<span lang="{escape(code)}">' if code != page else "<span>")
        + f"{escape(local_name(code))}</span>"
        for code in codes
    )
    return mark_safe(  # noqa: S308 (every part escaped)
        '<p class="language-tags"><span class="language-tags__label">'
        f"{escape(gettext('PDF in'))}</span> <span>{names}</span></p>"
    )


@register.simple_tag
def download_button(file):
    """
    A PDF to download, named in the file's own language ("English PDF") and marked so where
    that is not the page's; beside it, the same file to read in the browser. Written as one
    string, each part escaped (cheaper than format_html, which a page asks of every file).
    """
    lang, label, pages = lang_attr(file.language), escape(file.label), file.page_count
    url, code = file.get_absolute_url(), escape(file.language)
    count = ngettext("%(counter)s page", "%(counter)s pages", pages) % {"counter": pages}
    return mark_safe(  # noqa: S308 (every part escaped, lang_attr's own included)
        f'<span class="download">\n<a class="button button--download" href="{escape(url)}" '
        f'hreflang="{code}" type="application/pdf" download>\n  <span class="visually-hidden">'
        f'{escape(gettext("Download"))}: </span><span class="button__label"{lang}>{label}</span>'
        f'\n  <span class="button__meta">{escape(filesizeformat(file.size))} · {escape(count)}'
        f'</span>\n</a>\n<a class="download__read" href="{escape(file.get_read_url(url))}" '
        f'hreflang="{code}" type="application/pdf">{escape(gettext("Read in the browser"))}'
        f'<span class="visually-hidden">: <span{lang}>{label}</span></span></a>\n</span>'
    )


@register.simple_tag
def cover(publication, sizes, alt="", lazy=False):
    """
    ``{% cover publication sizes %}``: the cover of the page's language where its PDF has one
    (``Publication.shown_cover``) as WebP with a JPEG/PNG fallback, or a plain PDF mark.
    """
    image = publication.shown_cover.cover_image
    return picture(image, "cover", sizes, alt, lazy) if image else NO_COVER


def picture(image, css_class, sizes, alt="", lazy=False):
    """
    The ``<picture>`` of ``image`` (centre.files.picture_sources): WebP, then the image's own
    format. Partners' logos too.
    """
    webp, sizes = image["webp_srcset"], escape(sizes)
    source = f'<source type="image/webp" srcset="{escape(webp)}" sizes="{sizes}">' if webp else ""
    return mark_safe(  # noqa: S308 (every part escaped)
        f'<picture class="{escape(css_class)}">{source}<img src="{escape(image["src"])}" '
        f'srcset="{escape(image["srcset"])}" sizes="{sizes}" width="{image["width"]}" '
        f'height="{image["height"]}" alt="{conditional_escape(alt)}"{LAZY if lazy else ""} '
        'decoding="async"></picture>'
    )
