from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from centre.addresses import slug_addresses
from centre.cache import kept_for_this_generation
from centre.i18n import localized_field, shown_language, site_language
from partners.countries import country_name
from partners.models import Kind, Partner
from publications.templatetags.publications_tags import language_marks, picture

register = template.Library()


@register.simple_tag
def network_centres():
    """
    The C4IR network centres' logos, each linking to its partner page (the home page): the
    same for every visitor, so rendered once per language and page cache generation.
    """

    def render():
        centres = Partner.objects.active().filter(kind=Kind.NETWORK_CENTRE).in_name_order()
        return render_to_string("partners/includes/network_centres.html", {"centres": centres})

    return kept_for_this_generation(f"network-centres:{get_language()}", render)


@register.simple_tag
def partner_cards(partners):
    """
    The partner list's cards (written here, not by a template: a page shows 48), with what
    is the same for every card worked out once: the page's language, the "in Azerbaijani"
    labels, the detail address around the slug. Each text is read from the column of the
    language it shows in (centre.i18n.shown_language), and escaped.
    """
    page = site_language()
    marks = language_marks(page)
    address = slug_addresses("partners:detail", "slug")
    inactive = escape(gettext("Inactive: only staff see it."))
    cards = []
    for partner in partners:
        name_language = shown_language(partner, "name", page)
        lang, label = marks[name_language]
        summary_language = shown_language(partner, "summary", page)
        summary = getattr(partner, localized_field("summary", summary_language))
        cards.append(
            '<li class="partner-card">\n<div class="partner-card__logo">'
            f"{partner_logo(partner, lazy=True)}</div>\n"
            f'<h3 class="partner-card__name"><a href="{escape(address(partner.slug))}"'
            f"{lang}>{escape(getattr(partner, localized_field('name', name_language)))}</a>"
            f"{label}</h3>\n"
            + (
                '<p class="partner-card__country">'
                f"{escape(country_name(partner.country, page))}</p>\n"
                if partner.country
                else ""
            )
            + (
                f'<p class="partner-card__summary"{marks[summary_language][0]}>'
                f"{escape(summary)}</p>\n"
                if summary
                else ""
            )
            + ("" if partner.is_active else f'<p class="partner-card__inactive">{inactive}</p>\n')
            + "</li>\n      "
        )
    return mark_safe("".join(cards))  # noqa: S308 (every text in it escaped above)


@register.simple_tag
def partner_logo(partner, sizes="160px", alt="", lazy=False):
    """
    ``{% partner_logo partner "120px" %}``: the logo as ``<picture>`` (WebP, then the original
    format) sized to its box, or the partner's initials without one. Leave ``alt`` empty where
    the name is written beside it.
    """
    image = partner.logo_image
    if not image:
        return mark_safe(  # noqa: S308
            '<span class="partner-logo partner-logo--placeholder" aria-hidden="true">'
            f"{escape(partner.initials)}</span>"
        )
    return picture(image, "partner-logo", sizes, alt, lazy)
