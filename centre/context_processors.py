from django.conf import settings


def site(request):
    """The Centre's contact details, shown in every page's footer."""
    return {
        "CENTRE_CONTACT_EMAIL": settings.CENTRE_CONTACT_EMAIL,
        "CENTRE_CONTACT_PHONE": settings.CENTRE_CONTACT_PHONE,
        "CENTRE_WEBSITE": settings.CENTRE_WEBSITE,
    }
