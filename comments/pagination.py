"""Keyset pages of a story's thread, newest first, addressed by comment id.

A page is the comments before (older than) or after (newer than) a given id, so the database walks
the comment_thread index straight to it: the 500th page costs what the first does, and nothing
counts the rows it skips.
"""

from dataclasses import dataclass

from django.http import Http404


@dataclass
class ThreadPage:
    comments: list
    older: int | None  # id for ?before= of the next (older) page
    newer: int | None  # id for ?after= of the previous (newer) page
    is_first: bool


def cursor(value):
    """A positive id from a query-string value; anything else is a 404."""
    if value is None:
        return None
    if not value.isdigit() or len(value) > 18 or int(value) < 1:
        raise Http404("That page of comments does not exist.")
    return int(value)


def thread_page(queryset, per_page, before=None, after=None):
    if before and after:
        raise Http404("That page of comments does not exist.")
    if after:
        rows = list(queryset.filter(pk__gt=after).order_by("id")[: per_page + 1])
        has_newer = len(rows) > per_page
        rows = list(reversed(rows[:per_page]))
        if not rows:
            raise Http404("That page of comments does not exist.")
        return ThreadPage(rows, rows[-1].pk, rows[0].pk if has_newer else None, not has_newer)
    ordered = queryset.order_by("-id")
    if before:
        ordered = ordered.filter(pk__lt=before)
    rows = list(ordered[: per_page + 1])
    has_older = len(rows) > per_page
    rows = rows[:per_page]
    if before and not rows:
        raise Http404("That page of comments does not exist.")
    return ThreadPage(rows, rows[-1].pk if has_older else None, rows[0].pk if before else None, not before)
