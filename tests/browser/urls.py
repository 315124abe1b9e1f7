"""The site's URLconf, as the browser tests use it.

Uploaded images come from the site's own checked view (centre/files.py), as in production: no
URL here serves MEDIA_ROOT directly, so the browser sees exactly what visitors see.
"""

from centre.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns]
