"""Story bodies are stored as clean HTML: a small set of tags, nothing that runs."""

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {"p", "a", "em", "strong", "i", "b", "blockquote", "ul", "ol", "li", "h2", "h3", "br", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html):
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def paragraphs_to_html(paragraphs):
    """Plain-text paragraphs as escaped <p> elements."""
    return "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs if p.strip())
