"""The search page."""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from newsroom import pagecache

from .. import levels
from ..models import Section
from .query import SearchForm, clean_query, parse_filters
from .results import Results, search

logger = logging.getLogger(__name__)


def public_sections():
    """The sections a reader may filter by (those with a public story), in the table's order."""
    tree = Section.tree()
    public = Section.public_ids(tree)
    return sorted((s for s in Section.by_id(tree).values() if s.pk in public), key=lambda s: (s.position, s.name))


# Not kept in the page cache: its addresses are as many as the queries readers type.
@pagecache.exempt
@require_safe
def search_view(request):
    form = SearchForm(request.GET)
    filters, messages = parse_filters(form)
    try:
        results = search(request.GET.get("q", ""), filters)
    except DatabaseError:
        # A search stopped by its time limit (or a query PostgreSQL could not take): an empty page
        # that says so, not a 500. The failed statement was inside its own transaction.
        logger.warning("search failed: %r", request.GET.get("q", "")[:200], exc_info=True)
        results = Results(query=clean_query(request.GET.get("q", ""))[0])
        results.messages.append(_("That search could not be run; try other words."))
    results.messages[:0] = messages
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "articles/search.html",
        {
            "form": form,
            "results": results,
            "filters": filters,
            "level_bands": levels.BANDS,
            # From the cached tree: no query once the tree is cached.
            "sections": public_sections(),
            "base_query": params.urlencode(),
            "start_number": (results.page - 1) * settings.NEWSROOM["SEARCH_PAGE_SIZE"] + 1,
        },
    )
