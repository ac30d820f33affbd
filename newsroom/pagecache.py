"""The full-page cache for anonymous readers, shared by every worker, and never stale.

A page is kept when the request could not have been personal (no session or messages cookie), the
response sets no cookie (so it carries no CSRF token), uses no CSP nonce, and says nothing against
it (`Cache-Control: private`, `no-store`, `no-cache`, or a view marked `exempt`). The interface
language, the scheme and the host are part of its key.

Freshness is exact. Each entry records the versions of the tags it depends on, read *before* the
page was rendered: "site" for everything (stories, sections, people, topics, pages, glosses) and
"article:<id>" for what one story's page alone shows (its comments); the kept cards below the pages also
use "cards" and "card:<id>" (articles.cards). A write bumps its tags once its
transaction commits (newsroom.invalidation), so the next read sees a version that differs and
renders afresh. A render that began before the write carries the old version, so it can never be
taken for fresh. A scheduled story needs no write: no entry lives past the next scheduled
publication time.

Cost of a write: one cache write per tag, after commit. Cost of a hit: two cache reads (the entry,
then its tags' versions) and nothing else. It is answered in front of Django's handler by KeptPages,
the WSGI application gunicorn serves, which builds the request as Django would and sends the kept
page: no handler, no signals, no middleware, no response object (where Django's handler is called
directly, as by the test client, PageCacheMiddleware answers it the same way). The middleware runs just
inside the request id, outside the hardening, security and session middleware, and keeps the finished
response (their headers included). A hit never needs the database: a kept page is served while the
database is down. What it skips cannot matter to a kept page: input the hardening refuses, an http
request the security middleware redirects, a host not allowed, a static file and a 503 are never kept
(not a 200, or streamed, or `no-store`), so no entry answers them.
"""

import hashlib
import math
import time
from datetime import UTC, datetime
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils.translation import get_language_from_request

from newsroom.proxies import believe
from newsroom.request_id import given_or_new

SITE = "site"
# Every story's card (articles.cards), beside "card:<id>" for one story's: see newsroom.invalidation.
CARDS = "cards"
MAX_AGE = 300  # seconds an entry may live at most, even with nothing written
# What a browser or CDN may keep without asking: short, since only this cache is invalidated exactly.
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 30, "s_maxage": 30, "stale_while_revalidate": 60}
# Headers made afresh for each response served from an entry (or never kept: a kept page sets no cookie,
# and its expiry is the validators' and Cache-Control's); every other header is kept with it, the
# validators and Cache-Control as every reader gets them.
FRESH_HEADERS = {"set-cookie", "date", "expires", "x-page-cache", "x-request-id"}
# What a 304 carries of the kept page's headers (RFC 9110 15.4.5: what a 200 would have sent of these).
NOT_MODIFIED_HEADERS = {"etag", "last-modified", "cache-control", "vary", "content-location"}
# Set on a request KeptPages has looked up already (and found nothing to send): it is not asked twice.
LOOKED = "newsroom.pagecache.looked"
VERSION_KEY = "pagecache:v:{}"
NEXT_KEY = "pagecache:next:{}"


def exempt(view):
    """Mark a view whose pages are never kept (search: its queries are unbounded in number)."""

    def wrapped(request, *args, **kwargs):
        request.page_cache_exempt = True
        return view(request, *args, **kwargs)

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    wrapped.__wrapped__ = view
    return wrapped


def bump(*tags):
    """Make every page that depends on these tags stale now (call after the write has committed)."""
    token = f"{time.time_ns()}"
    cache.set_many({VERSION_KEY.format(tag): token for tag in tags}, None)


def versions(tags):
    found = cache.get_many([VERSION_KEY.format(tag) for tag in tags])
    return {tag: found.get(VERSION_KEY.format(tag), "0") for tag in tags}


def versions_or_new(tags):
    """The versions of tags that may be missing from the cache (one per story: a cold one may be evicted):
    a missing one is given a new version now, so that nothing kept under an earlier one is read again."""
    found = versions(tags)
    missing = [tag for tag, version in found.items() if version == "0"]
    if missing:
        token = f"{time.time_ns()}"
        cache.set_many({VERSION_KEY.format(tag): token for tag in missing}, None)
        found.update(dict.fromkeys(missing, token))
    return found


def depends_on(request, tag):
    """Record that the page being rendered shows what `tag` names; read its version now, before rendering."""
    known = getattr(request, "page_cache_tags", None)
    if known is not None and tag not in known:
        known.update(versions([tag]))


def is_anonymous_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def page_key(request):
    language = get_language_from_request(request)
    raw = f"{request.scheme}|{request.get_host()}|{request.get_full_path()}|{language}"
    # "v3": an entry keeps a finished response's status, headers and body; a worker of another release,
    # during a rolling deploy, never reads one of these, nor this one one of its.
    return "pagecache:page:v3:" + hashlib.sha256(raw.encode()).hexdigest()


def keepable(request, response):
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if getattr(request, "page_cache_exempt", False) or response.cookies:
        return False
    if bool(getattr(request, "_csp_nonce", None)):
        return False  # a nonce is for one response only
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def next_publication(site_version):
    """When the next scheduled story goes live (a UTC timestamp), or None; cached per site version."""
    from articles.models import Article

    key = NEXT_KEY.format(site_version)
    cached = cache.get(key)
    now = time.time()
    if cached is None or (cached and cached <= now):
        when = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=datetime.now(UTC))
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        cached = when.timestamp() if when else 0
        cache.set(key, cached, MAX_AGE)
    return cached or None


def lifetime(tags):
    """Seconds a page rendered now, showing what `tags` ({tag: version}) name, may be kept: never past the
    next scheduled publication, nor past the time its reads may have lagged the newest write (settling)."""
    seconds = MAX_AGE
    upcoming = next_publication(tags[SITE])
    if upcoming is not None:
        seconds = min(seconds, int(upcoming - time.time()))
    return min(seconds, settling(tags))


def settling(tags):
    """Where reads may come from a replica (PAGE_CACHE_SETTLE seconds, the most it may lag: set by the
    cluster's settings), how long until it has surely replayed the newest write of these tags; a page or
    piece rendered before then may show the rows from before that write. MAX_AGE where nothing settles."""
    settle = settings.NEWSROOM.get("PAGE_CACHE_SETTLE", 0)
    if not settle:
        return MAX_AGE
    # A version is the time of its tag's last write, in nanoseconds (bump()).
    settled_at = max(int(version) for version in tags.values()) / 1e9 + settle
    return min(MAX_AGE, max(0, math.ceil(settled_at - time.time())) or MAX_AGE)


def entry_from(response, tags):
    """What is kept of `response` (its validators and Cache-Control set first, as every later reader gets
    them): its status, its headers but the fresh ones, and its body, with what the next request checks it
    by. Plain values, not a response object: read back for a 304, none of the body is made into one."""
    content = response.content
    entry = {"etag": quote_etag(hashlib.sha256(content).hexdigest()[:32]), "modified": int(time.time()), "tags": tags}
    set_validators(response, entry)
    entry["status"] = response.status_code
    entry["headers"] = tuple((name, value) for name, value in response.items() if name.lower() not in FRESH_HEADERS)
    entry["content"] = content
    return entry


def set_validators(response, entry):
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])
    patch_cache_control(response, **PUBLIC_CACHE_CONTROL)


def in_scope(request):
    """Whether the page cache is on and this is a page (static files are WhiteNoise's, never kept)."""
    return settings.NEWSROOM["PAGE_CACHE"] and not request.path.startswith(settings.STATIC_URL)


def kept(request, key):
    """The page kept under `key` if it is still fresh, as `answer` gives it for `request`; else None."""
    entry = cache.get(key)
    if entry is None or versions(entry["tags"]) != entry["tags"]:
        return None
    return answer(request, entry)


def answer(request, entry):
    """The kept page as (status, headers, body), or a 304 for a browser that has it."""
    if not_modified(request, entry):
        return 304, [(name, value) for name, value in entry["headers"] if name.lower() in NOT_MODIFIED_HEADERS], b""
    return entry["status"], list(entry["headers"]), entry["content"]


def as_response(page, cache_status):
    status, headers, body = page
    response = HttpResponse(body, status=status, headers=headers)
    response["X-Page-Cache"] = cache_status
    return response


def not_modified(request, entry):
    match = request.META.get("HTTP_IF_NONE_MATCH")
    if match is not None:
        return entry["etag"] in {tag.strip() for tag in match.split(",")} or match.strip() == "*"
    since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if not since:
        return False
    since = parse_http_date_safe(since)
    return since is not None and since >= entry["modified"]


class PageCacheMiddleware:
    """Keep anonymous readers' pages in the shared cache, and serve them where KeptPages has not already
    looked (the test client, a server given Django's own application); see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not in_scope(request):
            return self.get_response(request)
        if not is_anonymous_request(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control") and request.method in ("GET", "HEAD"):
                response["Cache-Control"] = "private"
            return response
        key = page_key(request)
        if not request.META.get(LOOKED) and (page := kept(request, key)) is not None:
            return as_response(page, "hit")
        request.page_cache_tags = versions([SITE])
        response = self.get_response(request)
        if not keepable(request, response):
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private" if response.status_code == 200 else "no-cache"
            return response
        seconds = lifetime(request.page_cache_tags)
        entry = entry_from(response, dict(request.page_cache_tags))
        if seconds > 0:
            cache.set(key, entry, seconds)
        if not_modified(request, entry):
            return as_response(answer(request, entry), "miss")
        response["X-Page-Cache"] = "miss"
        return response


class KeptPages:
    """Django's WSGI application with kept pages answered in front of it (newsroom.wsgi): a hit builds
    the request (as Django would, so that its key, language and anonymity are the same) and nothing
    more: no handler, no signals, no middleware, no response object. Everything else, and every miss,
    goes on to Django, told that the cache has been asked (PageCacheMiddleware does not ask again)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD") and settings.NEWSROOM["PAGE_CACHE"]:
            believe(environ)
            request = WSGIRequest({**environ})  # Django decodes PATH_INFO in place: once only
            page = None
            if in_scope(request) and is_anonymous_request(request):
                try:
                    page = kept(request, page_key(request))
                except DisallowedHost:
                    pass  # Django answers it (400)
                else:
                    environ[LOOKED] = True
            if page is not None:
                status, headers, body = page
                headers += [("X-Page-Cache", "hit"), ("X-Request-ID", given_or_new(environ))]
                start_response(f"{status} {HTTPStatus(status).phrase}", headers)
                return [body]
        return self.application(environ, start_response)
