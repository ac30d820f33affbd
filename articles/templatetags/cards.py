"""A story's card and its reading level, as the lists of every page show them (built in articles.cards)."""

from django import template

from .. import cards

register = template.Library()

register.simple_tag(cards.reading_level)
register.simple_tag(cards.story_card)
register.simple_tag(cards.story_cards)
register.simple_tag(cards.search_results)
