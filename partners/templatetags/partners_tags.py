from django import template

from partners.models import Kind, Partner

register = template.Library()


@register.inclusion_tag("partners/includes/network_centres.html")
def network_centres():
    """The C4IR network centres' logos, each linking to its partner page (the home page)."""
    centres = Partner.objects.active().filter(kind=Kind.NETWORK_CENTRE).in_name_order()
    return {"centres": list(centres)}
