import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as N_

from centre.i18n import language_codes
from centre.i18n import language_links as _language_links
from centre.models import SiteContact

register = template.Library()

CENTRE_NAME = N_("Fourth Industrial Revolution Analysis and Coordination Centre")
CENTRE_DESCRIPTION = N_(
    "Azerbaijan's Fourth Industrial Revolution Analysis and Coordination Centre, the World "
    "Economic Forum's C4IR Azerbaijan."
)


@register.filter
def rich_text(value):
    """
    Stored rich text, as it was stored: ``save()`` sanitised it (see centre/html.py).

    Not sanitised again on each view: that cost grows with the text, and for hostile text
    stored before its limits, with the square of its depth.
    """
    return mark_safe(value or "")  # noqa: S308 - sanitised by the model's save()


@register.simple_tag(takes_context=True)
def language_links(context, obj=None):
    """``{% language_links object as links %}``: the same page in every language."""
    request = context.get("request")
    if request is None:  # e.g. the 500 page, rendered without a request
        return []
    return _language_links(request, obj or None)


@register.simple_tag(takes_context=True)
def canonical_url(context, obj=None):
    request = context["request"]
    path = obj.get_absolute_url() if obj else request.path
    return request.build_absolute_uri(path)


OG_LOCALES = {"az": "az_AZ", "en": "en_GB", "ru": "ru_RU"}


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, obj=None, title="", description=""):
    """
    OpenGraph and Twitter card tags for the page showing ``obj``.

    The object may offer ``meta_description`` and ``meta_image_url`` (a cover, a logo, a
    sharing image); otherwise the Centre's own description and picture are used.
    """
    request = context["request"]
    language = get_language()
    image = (getattr(obj, "meta_image_url", None) if obj else None) or static("img/og-default.png")
    return {
        "site_name": gettext("4SIM"),
        "title": title or (str(obj) if obj else gettext(CENTRE_NAME)),
        "description": description
        or (getattr(obj, "meta_description", "") if obj else "")
        or gettext(CENTRE_DESCRIPTION),
        "url": canonical_url(context, obj),
        "image": request.build_absolute_uri(image),
        "image_alt": getattr(obj, "meta_image_alt", "") if obj else "",
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [
            OG_LOCALES.get(code, code) for code in language_codes() if code != language
        ],
        "type": getattr(obj, "og_type", "website"),
    }


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
        "logo": request.build_absolute_uri(static("img/og-default.png")),
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
