from django.http import Http404, QueryDict


class NulBytesMiddleware:
    """
    Keep NUL characters away from the views.

    PostgreSQL refuses text containing NUL, so a NUL reaching a database lookup is a 500. No
    real address or query contains one: a path with NUL is a 404, and NULs are dropped from
    query parameters (a search for "inqilab%00" is a search for "inqilab").
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
        return self.get_response(request)
