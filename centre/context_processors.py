from django.utils.functional import SimpleLazyObject

from centre.models import SiteContact


def site(request):
    """The Centre's contact details as staff set them in the admin, for every page's footer."""
    return {"site_contact": SimpleLazyObject(SiteContact.current)}
