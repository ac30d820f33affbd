"""Keyset pages of a story's thread, newest first, addressed by comment id.

A page is the comments before (older than) or after (newer than) a given id, so the database walks
the comment_thread index straight to it: the 500th page costs what the first does.
"""

from django.http import Http404

from articles.pagination import Keyset

MISSING = "That page of comments does not exist."
THREAD = Keyset("id", encode=lambda comment: comment.pk, missing=MISSING)


def cursor(value):
    """A positive id from a query-string value; anything else is a 404."""
    if value is None:
        return None
    if not value.isdigit() or len(value) > 18 or int(value) < 1:
        raise Http404(MISSING)
    return int(value)


def thread_page(queryset, per_page, before=None, after=None):
    """The page of the thread older than the id `before`, newer than `after`, or the newest."""
    return THREAD.page(queryset, per_page, before=(before,) if before else None, after=(after,) if after else None)
