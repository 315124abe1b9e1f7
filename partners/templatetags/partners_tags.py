from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from centre.cache import kept_for_this_generation
from centre.i18n import site_language
from centre.templatetags.centre_tags import in_language_label, lang_attribute, other_language
from partners.models import Kind, Partner
from publications.templatetags.publications_tags import picture

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
def partner_card(partner):
    """
    One card of the partner list (written here, not in a template: a list shows 48), the
    page's language worked out once for the languages of its name and summary.
    """
    page = site_language()
    summary, name_language = partner.summary, other_language(partner, "name", page)
    return format_html(
        '<li class="partner-card">\n<div class="partner-card__logo">{}</div>\n'
        '<h3 class="partner-card__name"><a href="{}"{}>{}</a>{}</h3>\n{}{}{}</li>',
        partner_logo(partner, lazy=True),
        partner.get_absolute_url(),
        lang_attribute(name_language),
        partner.name,
        in_language_label(name_language),
        format_html('<p class="partner-card__country">{}</p>\n', partner.country_name)
        if partner.country
        else "",
        format_html(
            '<p class="partner-card__summary"{}>{}</p>\n',
            lang_attribute(other_language(partner, "summary", page)),
            summary,
        )
        if summary
        else "",
        ""
        if partner.is_active
        else format_html(
            '<p class="partner-card__inactive">{}</p>\n', gettext("Inactive: only staff see it.")
        ),
    )


@register.simple_tag
def partner_logo(partner, sizes="160px", alt="", lazy=False):
    """
    ``{% partner_logo partner "120px" %}``: the logo as ``<picture>`` (WebP, then the original
    format) sized to its box, or the partner's initials without one. Leave ``alt`` empty where
    the name is written beside it.
    """
    image = partner.logo_image
    if not image:
        return format_html(
            '<span class="partner-logo partner-logo--placeholder" aria-hidden="true">{}</span>',
            partner.initials,
        )
    return picture(image, "partner-logo", sizes, alt, lazy)
