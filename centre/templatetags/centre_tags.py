from django import template
from django.utils.safestring import mark_safe

from centre.html import sanitize_html
from centre.i18n import language_links as _language_links

register = template.Library()


@register.filter
def rich_text(value):
    """Render stored rich text, sanitised once more on the way out."""
    return mark_safe(sanitize_html(value))  # noqa: S308 - nh3 has just cleaned it


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
