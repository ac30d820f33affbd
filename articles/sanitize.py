"""Story bodies are stored as clean HTML: a small set of tags, nothing that runs."""

import re
from html import unescape

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


# A block's end: one block (paragraph, heading, item, quotation) becomes one line of text.
BLOCK_END = re.compile(r"(?i)</(?:p|h2|h3|li|blockquote)>|<br\s*/?>")
TAG = re.compile(r"<[^>]*>")


def html_to_text(html):
    """A stored body as plain text: one line a block, tags gone, entities decoded, no blank lines.

    Bodies are sanitized on save, so every tag is one of ALLOWED_TAGS and a plain pattern is enough.
    """
    text = unescape(TAG.sub("", BLOCK_END.sub("\n", html or "")))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
