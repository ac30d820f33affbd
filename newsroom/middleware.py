"""Middleware that keeps hostile input and failing parts from turning into a 500.

Each class answers one question before the views run, so that no view has to:
- `newsroom.proxies.TrustedProxyMiddleware` (its own module, free of models): which client and scheme
  is this, believing forwarded headers only from the proxies named in TRUSTED_PROXIES;
- `HostileInputMiddleware`: is this input something any page could mean (no control characters,
  no number or date beyond what the database and the calendar hold);
- `DatabaseUnavailableMiddleware`: is the database answering; if not, a friendly 503;
- `CrossOriginResourcePolicyMiddleware`: the one security header Django does not set.
"""

import datetime
import logging
import re
import sys

from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, JsonResponse, QueryDict
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

logger = logging.getLogger("newsroom.middleware")

# No address contains a control character; in a query string only tab and line breaks can be meant
# (a pasted search). PostgreSQL refuses NUL in any text, so a NUL reaching a query is a 500.
PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
VALUE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# No file (media are served from the disk) nor slug has a name this long; the disk says ENAMETOOLONG.
NAME_MAX = 255
BIGINT = range(-(2**63), 2**63)


class HostileInputMiddleware:
    """Refuse input no page can mean, for every route, with a 404 (or a 400 for a year or date out
    of range), and defuse what no one meant.

    The rules are the database's, the disk's and the calendar's, so they hold for every view, the
    admin's and allauth's included: no control character in the path (in the query string each is
    replaced by U+FFFD; a cookie with one is dropped, as if never sent), no part of a path longer
    than a file name can be, no whole number beyond a 64-bit integer and no date that does not
    exist among a route's arguments. Forms are left to their fields, which refuse NUL with a message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if PATH_CONTROL.search(request.path) or any(len(part.encode()) > NAME_MAX for part in request.path.split("/")):
            return not_found(request, "No page has that address.")
        if _has_control(request.GET):
            # Each becomes U+FFFD, as bytes that are not UTF-8 already do: a search still searches
            # for what is left, a malformed cursor or date is still malformed, and PostgreSQL,
            # which refuses NUL in any text, never sees one.
            request.GET = _replace_control(request.GET)
        if not all(_is_year(value) for key, value in request.GET.items() if key.endswith("__year")):
            # A year filter (the admin's date drill-down) steps to the next year: 9999 has none.
            return HttpResponseBadRequest("That year is out of range.\n", content_type="text/plain")
        request.COOKIES = {
            name: value for name, value in request.COOKIES.items() if not PATH_CONTROL.search(name + value)
        }
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = [*view_args, *view_kwargs.values()]
        if any(isinstance(value, int) and value not in BIGINT for value in values):
            return not_found(request, "No page has that number.")
        if {"year", "month", "day"} <= view_kwargs.keys():
            try:
                datetime.date(int(view_kwargs["year"]), int(view_kwargs["month"]), int(view_kwargs["day"]))
            except (TypeError, ValueError):
                return not_found(request, "There is no such date.")
        return None

    def process_exception(self, request, exception):
        # A date at either end of the calendar overflows when a view steps a day past it (search's
        # "to" filter at 9999-12-31): the reader asked for dates no story can have.
        if isinstance(exception, OverflowError):
            return HttpResponseBadRequest("That date is out of range.\n", content_type="text/plain")
        # Signing in through a provider with no app configured (no keys in this deployment).
        if isinstance(exception, SocialApp.DoesNotExist):
            return HttpResponseNotFound("Signing in this way is not set up here.\n", content_type="text/plain")
        return None


def not_found(request, reason):
    """The 404 of the route asked for: the API's JSON (as for an unknown word), else the site's page."""
    if request.path.startswith("/api/"):
        word = PATH_CONTROL.sub("", request.path.rstrip("/").rsplit("/", 1)[-1])[:100]
        return JsonResponse({"error": "not_found", "word": word}, status=404)
    raise Http404(reason)


def _replace_control(querydict):
    clean = QueryDict(mutable=True)
    for key, values in querydict.lists():
        clean.setlist(VALUE_CONTROL.sub("\ufffd", key), [VALUE_CONTROL.sub("\ufffd", value) for value in values])
    clean._mutable = False
    return clean


def _is_year(value):
    return value.isascii() and value.isdigit() and 1 <= int(value) < datetime.MAXYEAR


def _has_control(querydict):
    return any(
        VALUE_CONTROL.search(key) or any(VALUE_CONTROL.search(value) for value in values)
        for key, values in querydict.lists()
    )


DATABASE_ERRORS = (OperationalError, InterfaceError)


def unavailable(request):
    """The friendly 503, rendered without the database (no context processor runs), in the reader's language:
    it can answer before the locale middleware has run, so the language is read from the request here."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        body = render_to_string("503.html", {"name": settings.NEWSROOM["NAME"]})
    response = HttpResponse(body, status=503)
    response["Content-Language"] = language
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


@receiver(got_request_exception, dispatch_uid="newsroom.database_unavailable")
def _mark_database_errors(sender, request=None, **kwargs):
    # A middleware's own query (the session saved on the way out) fails outside any view, where no
    # process_exception sees it: the request is marked, and the 500 it became is answered as a 503.
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        request.database_unavailable = True


class DatabaseUnavailableMiddleware:
    """With the database stopped or unreachable, a friendly 503 instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_unavailable", False):
            return unavailable(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable: %s", exception, extra={"request": request})
            return unavailable(request)
        return None


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy on every response (Django has COOP, not CORP): no other site
    embeds this one's pages, images or scripts, which keeps them out of side-channel reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
