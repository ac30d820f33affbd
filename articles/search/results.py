"""One page of results for the reader's words and filters, on PostgreSQL or (in development) SQLite."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from ..cards import shape_cards
from ..models import Article, photos_in_order
from .planner import Planner, bounded
from .query import MAX_QUERY_LENGTH, RESULT_CAP, clean_query, filtered, postgres_tsquery, simple_match
from .snippets import add_snippets


@dataclass
class Results:
    query: str = ""
    hits: list = field(default_factory=list)
    count: int = 0
    capped: bool = False
    page: int = 1
    has_next: bool = False
    messages: list = field(default_factory=list)
    ranked_among: int = 0
    partial: bool = False  # phrases: counted among the newest PHRASE_POOL stories with all the words

    @property
    def count_display(self):
        if self.capped:
            return f"{RESULT_CAP:,}+"
        return f"{self.count:,}+" if self.partial else f"{self.count:,}"

    @property
    def quoted(self):
        """The query as the results line quotes it: a query that is one "phrase" without its own
        quotes, which the line's quotation marks stand for."""
        inner = self.query[1:-1]
        if len(self.query) > 2 and self.query[0] == self.query[-1] == '"' and '"' not in inner:
            return inner
        return self.query


def search(raw_query, filters, page_size=None):
    """One page of results for the reader's words and filters."""
    page_size = page_size or settings.NEWSROOM["SEARCH_PAGE_SIZE"]
    query, shortened = clean_query(raw_query)
    results = Results(query=query, page=filters.get("page", 1))
    if shortened:
        results.messages.append(
            _("Your search was shortened to its first %(length)s characters.") % {"length": MAX_QUERY_LENGTH}
        )
    if not query:
        return results
    offset = (results.page - 1) * page_size
    if offset >= RESULT_CAP:
        results.messages.append(
            _("Only the first %(count)s results can be shown; narrow your search.") % {"count": f"{RESULT_CAP:,}"}
        )
        return results
    if connection.vendor == "postgresql":
        tsquery = postgres_tsquery(query)
        if tsquery is None:
            results.messages.append(_("Those words are too common to search for; try more specific ones."))
            return results
        with bounded():
            found = Planner(filters, tsquery).page(offset, page_size)
        ids, results.count = found.ids, found.count
        results.ranked_among, results.partial = found.ranked_among, found.partial
    else:
        tsquery = None
        hits = simple_match(filtered(filters), query)
        ids = list(hits.order_by("-published_at", "-pk").values_list("pk", flat=True)[offset : offset + page_size + 1])
        results.count = hits.values("pk")[: RESULT_CAP + 1].count()
    results.capped = results.count > RESULT_CAP
    results.has_next = len(ids) > page_size and offset + page_size < RESULT_CAP
    ids = ids[:page_size]
    if results.ranked_among and results.count > results.ranked_among and filters.get("sort") != "date":
        results.messages.append(
            _("The most relevant of the %(count)s newest matches come first; sort by date to go through all of them.")
            % {"count": f"{results.ranked_among:,}"}
        )
    if not ids:
        if results.page > 1:
            results.messages.append(_("There are no more results; this page is past the end."))
        return results
    # The rows with what the snippets look in (body, dek, captions, Korean); their cards' parts kept
    # (articles.cards), so bylines are read only for the results whose cards are not.
    rows = Article.objects.filter(pk__in=ids).without_search_documents().prefetch_related(photos_in_order())
    by_pk = rows.in_bulk()
    results.hits = shape_cards([by_pk[pk] for pk in ids if pk in by_pk])
    add_snippets(results.hits, query, tsquery)
    return results
