"""Template filters of the dictionary's pages."""

from django import template

from ..models import KoreanGloss

register = template.Library()


@register.filter
def part_of_speech(value):
    """A part of speech ("noun", "adjective", ...) as the reader's language names it; anything else as it is."""
    try:
        return KoreanGloss.Pos(value).label if value else value
    except ValueError:
        return value
