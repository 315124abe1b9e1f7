"""The site's URLconf, plus uploaded files, as a single machine without nginx serves them.

The test settings leave ``DJANGO_SERVE_MEDIA`` off (nginx's job in production), but a browser
must see the partners' logos and the publications' covers (``DJANGO_SERVE_MEDIA=1`` in
``.env.example`` does the same for ``make run``).
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from centre.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
