"""A hostile-input corpus generated from the URL patterns: every route, with payloads in its path,
its query string, a form posted to it, its headers and raw request lines."""

import re
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver

# What an attacker or a broken client sends in a path segment.
SEGMENTS = [
    "\x00",
    "a\x00b",
    "x\x1fy",
    "%",
    "..",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "x" * 2000,
    "한국어-기사",
    "\U0001f600",
    "\\",
    "9" * 25,
    "-1",
    "0",
]
# In a query string or a form field.
VALUES = [
    "\x00",
    "a\x00",
    "\x07",
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "9" * 25,
    "-1",
    "x" * 5000,
    "' OR 1=1--",
    "\ufeff",
    "<svg onload=alert(1)>",
    "[]",
    "\U0001f600",
]
PARAMS = ["q", "page", "p", "o", "from", "to", "section", "sort", "next", "lang", "word", "e", "_to_field"]
# Admin's story list: its filters, date drill-down, search and ordering.
ADMIN_QUERIES = [
    "published_at__gte=%00",
    "published_at__gte=9999-12-31",
    "published_at__lt=0001-01-01",
    "published_at__year=9999",
    "published_at__year=9999&published_at__month=12",
    "published_at__year=9999&published_at__month=12&published_at__day=31",
    "published_at__year=0&published_at__month=0",
    "published_at__year=2024&published_at__month=2&published_at__day=30",
    "published_at__year=" + "9" * 25,
    "o=1.2.3",
    "o=-99",
    "o=" + "9" * 25,
    "o=x",
    "o=%00",
    "q=%00",
    "q=" + "x" * 5000,
    "p=-1",
    "p=" + "9" * 25,
    "status__exact=%00",
    "section__id__exact=" + "9" * 25,
    "section__id__exact=x",
    "e=1",
    "_to_field=password",
    "all=&o=1",
    "pk__in=1,x",
]
DATES = ["9999/12/31", "0001/01/01", "2024/02/30", "0000/00/00", "2024/13/01", "9999/12", "0000", "9999"]
HEADERS = [
    {"Accept-Language": "x" * 500},
    {"Accept-Language": "ko;q=abc, *;q=2"},
    {"Accept-Language": "\x00"},
    {"Cookie": "sessionid=\x00\x00\x00\x00\x00\x00\x00\x00"},
    {"Cookie": "sessionid=" + "a" * 4000},
    {"Cookie": "csrftoken=%00; sessionid=%00"},
    {"Cookie": "django_language=\x00"},
    {"If-Modified-Since": "Mon, 99 Xyz 99999 99:99:99 GMT"},
    {"If-None-Match": '"\x00"'},
    {"Range": "bytes=999999999-0"},
    {"X-Forwarded-For": "\x00, 999.1.1.1, ::::::"},
    {"X-Forwarded-Proto": "gopher"},
    {"Referer": "\x00"},
    {"Content-Type": "multipart/form-data; boundary="},
    {"Host": "evil.example\x00"},
    {"Host": "[::1"},
]
RAW = [
    # (method, PATH_INFO as the WSGI server decodes it, QUERY_STRING)
    ("GET", "/\xff\xfe", ""),
    ("GET", "/%", ""),
    ("GET", "//", ""),
    ("GET", "/./../", ""),
    ("GET", "/", "%"),
    ("GET", "/", "%zz=%zz"),
    ("GET", "/", "&&&==&"),
    ("GET", "/", "q=" + "%ff" * 10),
    ("GET", "/search/", "q=%ff%fe"),
    ("GET", "/search/", "q=%c0%80"),
    ("GET", "/search/", "q=%ed%a0%80"),
    ("BREW", "/", ""),
    ("TRACE", "/", ""),
    ("OPTIONS", "*", ""),
    ("PROPFIND", "/admin/", ""),
    ("DELETE", "/search/", ""),
    ("PUT", "/accounts/login/", ""),
    ("GET", "/" + "a/" * 500, ""),
    ("GET", "/dictionary/\xc3\x28/", ""),
    ("HEAD", "/feeds/rss/", ""),
]


def routes():
    """Every route as (pattern text, names of its arguments), the admin's included."""

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, [*prefix, entry.pattern])
            elif isinstance(entry, URLPattern):
                chain = [*prefix, entry.pattern]
                names = [name for part in chain for name in _argument_names(part)]
                yield "".join(str(part) for part in chain), chain, names

    return list(walk(get_resolver().url_patterns, []))


def _argument_names(pattern):
    if hasattr(pattern, "converters") and pattern.converters:
        return list(pattern.converters)
    return list(pattern.regex.groupindex)


def fill(chain, values):
    """The path of a route with its arguments given (raw strings, quoted here)."""
    path = ""
    for part in chain:
        text = str(part)
        if text.startswith("^"):  # a regular expression: put the values into its named groups
            text = text.lstrip("^").rstrip("$")
            text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: "\0" + m.group(1) + "\0", text)
            text = re.sub(r"\[(.)[^\]]*\][+*]?", r"\1", text)
            text = re.sub(r"\\(.)", r"\1", text)
            text = re.sub("\0(\\w+)\0", lambda m: quote(values.get(m.group(1), "1"), safe=""), text)
        else:
            text = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: quote(values.get(m.group(1), "1"), safe=""), text)
        path += text
    return "/" + path


def requests(base_values):
    """The corpus: (kind, method, path, extra) for every route and payload."""
    corpus = []
    all_routes = routes()
    for text, chain, names in all_routes:
        admin = text.startswith("admin/")
        good = fill(chain, base_values)
        corpus.append(("path", "GET", good, {}))
        for name in dict.fromkeys(names):
            for payload in SEGMENTS[:6] if admin else SEGMENTS:
                corpus.append(("path", "GET", fill(chain, {**base_values, name: payload}), {}))
        if not admin:
            for param in PARAMS:
                for value in VALUES[:4]:
                    corpus.append(("query", "GET", good, {"data": {param: value}}))
            corpus.append(("query", "GET", good, {"data": dict.fromkeys(PARAMS, VALUES)}))
            for value in VALUES:
                form = dict.fromkeys(("email", "password", "login", "body", "q", "word", "next"), value)
                corpus.append(("form", "POST", good, {"data": form}))
    for date in DATES:
        corpus.append(("path", "GET", f"/{date}/", {}))
        corpus.append(("path", "GET", f"/{date}/story/", {}))
        corpus.append(("query", "GET", "/search/", {"QUERY_STRING": f"q=news&from={date.replace('/', '-')}"}))
        corpus.append(("query", "GET", "/search/", {"QUERY_STRING": f"q=news&to={date.replace('/', '-')}"}))
    for text, _chain, names in all_routes:
        if text.startswith("admin/") and text.endswith("/") and not names and text.count("/") == 3:
            for query in ADMIN_QUERIES[9:] if "article" not in text else ADMIN_QUERIES:
                corpus.append(("admin", "GET", "/" + text, {"QUERY_STRING": query}))
    pages = ["/", "/search/", "/accounts/login/", "/admin/login/", "/feeds/rss/", "/sitemap.xml", "/dictionary/mogul/"]
    for page in pages:
        for headers in HEADERS:
            corpus.append(("headers", "GET", page, {"headers": headers}))
    for method, path, query in RAW:
        corpus.append(("raw", method, path, {"raw": True, "QUERY_STRING": query}))
    return corpus
