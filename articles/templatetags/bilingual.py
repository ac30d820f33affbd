"""The paragraphs of a bilingual story, paired for its layouts."""

from django import template

from .. import paragraphs

register = template.Library()


@register.simple_tag
def bilingual_pairs(body, article):
    """(English, Korean) paragraph pairs of `body` (the story's body as the page shows it)."""
    return paragraphs.pairs(body, article.body_ko, aligned=not article.ko_unaligned)
