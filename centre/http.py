"""
Which HTTP methods each view takes, and a clear answer when it does not take the one asked.

A POST, PUT or DELETE to a public page is refused with 405 and an ``Allow`` header naming what
the address does take, in the visitor's language, whether or not a CSRF token came with it:
a view that refuses the method writes nothing, so there is nothing for the CSRF check to guard.
"""

from django.http import HttpResponseNotAllowed
from django.template import loader
from django.views import View
from django.views.decorators.http import require_http_methods


def allow_methods(*methods):
    """``require_http_methods()``, remembered on the view for ``MethodNotAllowedMiddleware``."""

    def decorator(view):
        view = require_http_methods(list(methods))(view)
        view.allowed_methods = frozenset(methods)
        return view

    return decorator


READ_METHODS = frozenset({"GET", "HEAD"})
read_only = allow_methods(*READ_METHODS)


def allowed_methods(view):
    """The methods ``view`` takes, or None when it does not say (a plain function)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:  # a class-based view: the methods it has a handler for
        names = {name for name in view_class.http_method_names if hasattr(view_class, name)}
        if "get" in names:
            names.add("head")  # View.setup() gives every view with get() a head()
        return frozenset(name.upper() for name in names)
    return getattr(view, "allowed_methods", None)


# The order Django's own views list methods in an Allow header.
METHOD_ORDER = {name.upper(): position for position, name in enumerate(View.http_method_names)}


class MethodNotAllowedMiddleware:
    """
    A request whose view does not take its method is answered 405 here, with ``Allow``, before
    the CSRF check (see the module's description) and without calling the view. Every empty 405
    (Django's views give one) gets a page that says why, in the visitor's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            response.content = loader.render_to_string("405.html")
            response["Content-Type"] = "text/html; charset=utf-8"
        return response

    def process_view(self, request, view, view_args, view_kwargs):
        allowed = allowed_methods(view)
        if allowed is None or request.method in allowed:
            return None
        unknown = len(METHOD_ORDER)
        return HttpResponseNotAllowed(sorted(allowed, key=lambda m: METHOD_ORDER.get(m, unknown)))
