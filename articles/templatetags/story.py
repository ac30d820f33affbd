"""A story's page, its own parts kept as a fragment (articles.fragments.story_parts)."""

from django import template
from django.utils.safestring import mark_safe

from .. import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def story_part(context, article, name):
    """One part of the story's page ("description", "head" or "story"). The parts are fetched or built
    together once per request and kept on the story."""
    parts = getattr(article, "_page_parts", None)
    if parts is None:
        parts = fragments.story_parts(context.get("request"), article, preview=bool(context.get("preview")))
        article._page_parts = parts
    return mark_safe(parts[name])
