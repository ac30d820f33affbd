"""The comment settings, with their defaults (newsroom/settings.py reads them from the environment).

COMMENTS_MAX_LENGTH      characters a comment may have, counted as readers see them (see text.py)
COMMENTS_PREMODERATION   False: comments appear at once; True: they wait for an editor
COMMENTS_RATE_LIMIT      comments one reader may post ...
COMMENTS_RATE_WINDOW     ... within this many seconds
COMMENTS_PAGE_SIZE       comments shown per page
"""

from django.conf import settings


def max_length():
    return getattr(settings, "COMMENTS_MAX_LENGTH", 250)


def premoderation():
    return getattr(settings, "COMMENTS_PREMODERATION", False)


def rate_limit():
    return getattr(settings, "COMMENTS_RATE_LIMIT", 5), getattr(settings, "COMMENTS_RATE_WINDOW", 60)


def page_size():
    return getattr(settings, "COMMENTS_PAGE_SIZE", 20)
