"""Which client and scheme a request is, believing forwarded headers only from TRUSTED_PROXIES.

Its own module, free of models: newsroom.pagecache.KeptPages calls `believe` in front of Django.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class TrustedProxyMiddleware:
    """The client's address and scheme as the front server saw them, from trusted proxies only.

    Django's SECURE_PROXY_SSL_HEADER believes X-Forwarded-Proto from anyone, and nothing reads
    X-Forwarded-For; here both are read only when the connecting peer is in TRUSTED_PROXIES, and
    from anyone else they are dropped, so no view, rate limit or log can be told a made-up address.
    Kept pages are answered before Django (newsroom.pagecache.KeptPages), which calls `believe` first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        _networks(tuple(settings.TRUSTED_PROXIES))  # a mistyped setting stops the start, not a request

    def __call__(self, request):
        believe(request.META)
        return self.get_response(request)


@functools.cache
def _networks(proxies):
    networks = []
    for item in proxies:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {item!r} is not an address or network.") from exc
    return networks


# Few addresses connect (the front servers, or loopback), and every request asks: remembered.
@functools.lru_cache(maxsize=1024)
def _trusted(address, proxies):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(proxies))


# Marks a request already believed (an environ key, which no header can set: theirs begin "HTTP_").
BELIEVED = "newsroom.proxies_believed"


def believe(meta):
    """Take the client's address, the scheme and the request id (X-Request-ID) from a trusted proxy's
    headers, and drop them from anyone else's; once per request (the second call finds it done)."""
    if meta.get(BELIEVED):
        return
    meta[BELIEVED] = True
    proxies = tuple(settings.TRUSTED_PROXIES)
    if _trusted(meta.get("REMOTE_ADDR", ""), proxies):
        # The rightmost address not of a trusted proxy is the client: anything to its left was
        # written by the client itself.
        hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        while hops and _trusted(hops[-1], proxies):
            hops.pop()
        if hops and _is_address(hops[-1]):
            meta["REMOTE_ADDR"] = hops[-1]
        proto = meta.get("HTTP_X_FORWARDED_PROTO", "").split(",")[0].strip().lower()
        if proto in {"http", "https"}:
            meta["wsgi.url_scheme"] = proto
    else:
        meta.pop("HTTP_X_FORWARDED_FOR", None)
        meta.pop("HTTP_X_FORWARDED_PROTO", None)
        meta.pop("HTTP_X_REQUEST_ID", None)


def _is_address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
