from importlib import import_module

from django.conf import settings
from django.http import Http404, QueryDict
from django.template import loader
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


class NulBytesMiddleware:
    """
    PostgreSQL refuses text with NUL (a 500): a path with one is a 404, NULs are dropped from
    query parameters, and a cookie holding one (not this site's) is ignored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        query_string = request.META.get("QUERY_STRING", "")
        if "%00" in query_string or "\x00" in query_string:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        cookies = {k: v for k, v in request.COOKIES.items() if "\x00" not in k + v}
        if len(cookies) < len(request.COOKIES):
            request.COOKIES = cookies
            # SessionMiddleware runs first and has already taken its key from the cookie.
            session = getattr(request, "session", None)
            if session is not None and "\x00" in (session.session_key or ""):
                request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        return self.get_response(request)


def method_not_allowed_page(get_response):
    """Django's empty 405 gets a page that says why, in the visitor's language."""

    def middleware(request):
        response = get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            response.content = loader.render_to_string("405.html")
            response["Content-Type"] = "text/html; charset=utf-8"
        return response

    return middleware


def public_read(view):
    """
    A public view that only reads (a function, a callable such as a feed, or a class view):
    GET and HEAD (and a class view's OPTIONS) only, any other method a 405 with Allow; no CSRF
    check, so that a POST without a token is that 405 too, not a 403.
    """
    if isinstance(view, type):
        view.http_method_names = ["get", "head", "options"]
        return method_decorator(csrf_exempt, name="dispatch")(view)
    return csrf_exempt(require_safe(view))
