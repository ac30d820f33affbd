"""Article metadata for machines (canonical, Open Graph, JSON-LD), share links and related stories."""

import json
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from .. import fragments

register = template.Library()

# As django.utils.html.json_script escapes them: no "</script>" or "<!--" can close the block.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute(request, url):
    """An absolute URL: on SITE_URL when it is set (behind a proxy), else on the request's host."""
    base = settings.NEWSROOM.get("SITE_URL", "").rstrip("/")
    if url.startswith(("http://", "https://")):
        return url
    return f"{base}{url}" if base else request.build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return absolute(context["request"], url)


def article_ld(request, article):
    """schema.org NewsArticle (OpinionNewsArticle for opinion and editorials) as a dict."""
    url = absolute(request, article.get_absolute_url())
    photos = [absolute(request, p.image.url) for p in article.photos.all() if p.image]
    authors = [
        {
            "@type": "Organization" if person.is_agency else "Person",
            "name": person.name,
            "url": absolute(request, person.get_absolute_url()),
        }
        for person in article.byline_people
    ]
    opinion = article.kind in ("opinion", "editorial")
    data = {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle" if opinion else "NewsArticle",
        "headline": article.headline[:110],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        # In the newsroom's zone, with its offset: the day a reader sees on the page and in the URL.
        "datePublished": localtime(article.published_at).isoformat(),
        "dateModified": localtime(max(article.updated_at, article.published_at)).isoformat(),
        "articleSection": article.section.name,
        "inLanguage": "en",
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSROOM["NAME"],
            "url": absolute(request, "/"),
            "logo": {"@type": "ImageObject", "url": absolute(request, static("img/favicon.svg"))},
        },
    }
    if article.dek:
        data["description"] = article.dek
    if authors:
        data["author"] = authors
    if photos:
        data["image"] = photos
    return data


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    payload = json.dumps(article_ld(context["request"], article), ensure_ascii=False).translate(JSON_ESCAPES)
    # A data block, never executed, so the CSP's script-src does not apply: no nonce, and the page can be
    # kept in the page cache (a nonce is for one response only).
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_links(context, article):
    url = absolute(context["request"], article.get_absolute_url())
    title = article.headline
    return {
        "url": url,
        "title": title,
        "email": "mailto:?" + urlencode({"subject": title, "body": f"{title}\n{url}"}, quote_via=quote),
        "x": "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
        "facebook": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
    }


@register.simple_tag(takes_context=True)
def related_stories(context, article):
    """The related stories under a story, from the fragment cache when it has them (safe HTML: a template's)."""
    return fragments.related_html(context.get("request"), article)
