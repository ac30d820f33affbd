"""How a search reads the archive on PostgreSQL: which index finds the newest matches, and how
many documents relevance ranks, so that no search reads more than a bounded number of them.

PostgreSQL's own estimates are poor for this (it cannot know that the rows it walks carry large
documents), so a `Planner` chooses the path from a cost model of its own and tells PostgreSQL
which one to take.
"""

import datetime
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, F, FloatField, Func, QuerySet, Value, Window
from django.utils import timezone

from ..models import Article
from . import sql
from .query import LEXEME, PHRASE_OPERATOR, RESULT_CAP, TsQuery, date_bounds, filtered, matching

PHRASE_POOL = 100
BODY_CANDIDATES = 40  # relevance ranks the newest matches of the whole document...
SUMMARY_CANDIDATES = 60  # ...and of its small part (headline, dek, bylines, captions)
SUMMARY_BUDGET = 20_000  # µs: beyond this the small part's candidates are not looked for
ESTIMATED_CAP = 5  # an estimate this many times the cap is shown as "1,000+" without counting
STATEMENT_TIMEOUT_MS = 5000  # no search may hold a connection longer
STATS_SECONDS = 600
_stats = {"at": -1e9, "public": 1, "freqs": {}}

PATHS = {
    # The date index, newest first, never a sort of every match (as an index of a section list would need).
    "walk": {"enable_indexscan": "on", "enable_bitmapscan": "off", "enable_sort": "off"},
    # GIN's bitmap of the matches, their rows sorted by date.
    "gin": {"enable_indexscan": "off", "enable_bitmapscan": "on", "enable_sort": "on"},
    # A handful of stories by primary key.
    "ids": {"enable_indexscan": "on", "enable_bitmapscan": "on", "enable_sort": "on"},
}


@dataclass(frozen=True)
class Costs:
    """What reading one row costs, in µs (measured at 1,000,000 stories): walking the date index
    reads each story's heap row and its TOASTed document; a match found through GIN costs its heap
    row, fetched to sort by date, and each posting of the words' posting lists."""

    walk_row: float = 25
    gin_row: float = 5
    gin_posting: float = 0.15
    date_entry: float = 0.5  # an entry of the date index read into a bitmap

    def paths(self, scope, candidates, k):
        """What finding the newest k of the candidates in the scope costs by each path, and the
        share of the scope's time that the window path starts with.

        - Walking the date index reads stories newest first until k match: about k / share rows,
          each costing its document. Cheap for common words.
        - GIN finds every match without reading a document, then fetches each match's row to
          sort them by date. Cheap for rare words.
        - Between the two, GIN's matches are intersected with a window of the newest dates, wide
          enough to hold about 2k matches if stories are spread evenly over time (widened if
          not), so that only the window's matches are fetched.
        """
        c = candidates
        share = 2 * k / c.estimate
        walk = k * scope.stories / c.estimate * c.row_cost
        gin = max(c.estimate, c.postings) * self.gin_row + c.postings * self.gin_posting
        window = share * scope.stories * self.date_entry + c.postings * self.gin_posting + 2 * k * self.gin_row
        return {"walk": walk, "gin": gin, "window": window}, share


@dataclass
class Scope:
    """The public stories a search goes through, as the date index sees them: how many, and the
    times of the oldest and newest (the whole archive, or the reader's dates)."""

    stories: float
    start: datetime.datetime
    end: datetime.datetime


@dataclass
class Candidates:
    """The matches of one tsquery in one document column, as the cost model sees them."""

    hits: QuerySet  # steered for the date index (see filtered())
    gin_hits: QuerySet  # steered for GIN
    estimate: float  # how many match, by PostgreSQL's estimate
    postings: float  # how many postings GIN reads to find them, before any filter
    row_cost: float  # what walking the date index pays for each story it reads


@dataclass
class Found:
    """One page of a search: the ids in order (one more than the page, to tell whether there is
    a next), how many match (up to RESULT_CAP + 1), and how many were ranked by relevance."""

    ids: list = field(default_factory=list)
    count: int = 0
    ranked_among: int = 0
    partial: bool = False  # phrases: counted among the newest PHRASE_POOL stories with all the words


def archive_stats():
    """The number of stories and the share of them holding each common lexeme, from ANALYZE's
    statistics (read once per ten minutes): what the choice between index paths is made from."""
    if time.monotonic() - _stats["at"] > STATS_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(sql.ARCHIVE_STATS, [Article.Status.PUBLISHED])
            total, elems, freqs, oldest = cursor.fetchone()
        if not total or total < 0:  # never analyzed: the planner's guess from the table's size
            total = estimated_rows(Article.objects.published())
        # most_common_elem_freqs ends with three summary figures: zip stops at the last lexeme.
        frequencies = dict(zip(elems or [], freqs or [], strict=False))
        _stats.update(at=time.monotonic(), public=max(1.0, total), freqs=frequencies, oldest=oldest)
    return _stats


def estimated_rows(queryset):
    """PostgreSQL's estimate of how many rows a queryset gives (EXPLAIN: nothing is read)."""
    query, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + query, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return max(1.0, plan[0]["Plan"]["Plan Rows"])


def set_local(cursor, settings):
    """Set PostgreSQL settings for the rest of the transaction, in one statement."""
    cursor.execute(sql.set_config(len(settings)), [item for pair in settings.items() for item in pair])


def take_path(name):
    """Tell PostgreSQL which path the next statement takes (for the rest of the transaction)."""
    with connection.cursor() as cursor:
        set_local(cursor, PATHS[name])


@contextmanager
def bounded():
    """A transaction in which the search's statements have a time limit and enough memory for
    exact bitmaps (a lossy one makes PostgreSQL read every document it covers again). The settings
    are transaction-local, and put back on the way out: inside an outer transaction (tests,
    ATOMIC_REQUESTS) they would otherwise outlive the search."""
    # JIT compiles for plans that look costly (as any plan with a disabled node does): hundreds of
    # milliseconds spent to save a few.
    settings = {
        "statement_timeout": str(STATEMENT_TIMEOUT_MS),
        "jit": "off",
        "work_mem": "32MB",
        "enable_seqscan": "off",
        **PATHS["ids"],
    }
    names = list(settings)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            sql.swap_config(len(names)), names + [item for name in names for item in (name, settings[name])]
        )
        previous = cursor.fetchone()[: len(names)]
        try:
            yield
        finally:
            set_local(cursor, dict(zip(names, previous, strict=True)))


def seen(ids, k):
    """The ids, and how many match in all when fewer than k were found (else None: not known)."""
    return ids, len(ids) if len(ids) < k else None


def counted(estimate):
    """Whether matches this many are counted, rather than shown as "1,000+"."""
    return estimate < ESTIMATED_CAP * RESULT_CAP


class Planner:
    """One search's reading of the archive on PostgreSQL (inside bounded()): the reader's filters
    and tsquery, the archive's statistics and the stories the dates leave, and the costs of each
    index path; `page()` chooses the paths and gives one page of results.

    Nothing here reads more than a bounded number of documents, however common the words:
    - the newest matches come from whichever of the date index and GIN reads fewer rows;
    - relevance ranks the newest BODY_CANDIDATES matches of the whole document with the newest
      SUMMARY_CANDIDATES matches of its small part (headline, dek, bylines, captions), so that the
      stories *about* the words are among the candidates however long ago they ran;
    - a phrase is checked in the newest PHRASE_POOL stories that have all its words (and in every
      story's small part, which is cheap to read whole);
    - the count is exact up to RESULT_CAP, or "1,000+" without counting when the planner expects
      many times that.
    """

    def __init__(self, filters, tsquery, costs=None):
        self.filters, self.tsquery, self.costs = filters, tsquery, costs or Costs()
        # What PostgreSQL estimates from, and what runs (see filtered()).
        self.base = filtered(filters)
        self.steered, self.gin_steered = filtered(filters, steered=True), filtered(filters, steered="gin")
        self.stats = archive_stats()
        self.scope = self.dates_scope()

    def dates_scope(self):
        """The stories a walk of the date index goes through: all, or those between the dates."""
        now = timezone.now()
        scope = Scope(self.stats["public"], self.stats["oldest"] or now, now)
        start, end = date_bounds(self.filters)
        if start or end:
            scope.stories = estimated_rows(filtered({"from": self.filters.get("from"), "to": self.filters.get("to")}))
            scope.start = max(scope.start, start) if start else scope.start
            scope.end = min(scope.end, end) if end else scope.end
        return scope

    def postings(self, tsquery):
        """About how many postings GIN reads for a tsquery: the rarest of words that must all be
        there (GIN skips through the others), the sum of alternatives (or)."""
        words = [m.group(1) for m in LEXEME.finditer(tsquery) if not tsquery[: m.start()].rstrip().endswith("!")]
        # A lexeme missing from the statistics is rarer than the rarest one listed there.
        rare = min(self.stats["freqs"].values(), default=0.001) / 2
        shares = [self.stats["freqs"].get(word, rare) for word in words] or [rare]
        share = sum(shares) if "|" in tsquery else min(shares)
        return min(1.0, share) * self.stats["public"]

    def document(self, words):
        """The matches of `words` in the whole document."""
        return Candidates(
            hits=matching(self.steered, words),
            gin_hits=matching(self.gin_steered, words),
            estimate=estimated_rows(matching(self.base, words)),
            postings=self.postings(words),
            row_cost=self.costs.walk_row,
        )

    def summary(self):
        """The matches of the tsquery in the document's small part, whose rows are cheap to read.
        Its postings are about its matches (its words are few, and seldom repeated); with a section
        or an author (or a reading level), GIN still fetches the matches of every section and author."""
        estimate = estimated_rows(matching(self.base, self.tsquery, "search_summary"))
        if self.filters.get("section") or self.filters.get("author") or self.filters.get("level"):
            postings = estimated_rows(matching(Article.objects.published(), self.tsquery, "search_summary"))
        else:
            postings = estimate
        return Candidates(
            hits=matching(self.steered, self.tsquery, "search_summary"),
            gin_hits=matching(self.gin_steered, self.tsquery, "search_summary"),
            estimate=estimate,
            postings=postings,
            row_cost=self.costs.gin_row,
        )

    def newest(self, candidates, k, count=False, budget=None):
        """The ids of the newest k candidates, by the cheapest path, and the number of candidates
        where the path saw them all (else None; `count` asks GIN's path to count them all). With a
        `budget`, nothing is read (None, None) when even the cheapest path would cost more."""
        costs, share = self.costs.paths(self.scope, candidates, k)
        if budget is not None and min(costs.values()) > budget:
            return None, None
        if share >= 0.5 or min(costs["walk"], costs["gin"]) <= costs["window"]:
            if costs["walk"] < costs["gin"]:
                take_path("walk")
                newest = candidates.hits.order_by("-published_at", "-pk")
                return seen(list(newest.values_list("pk", flat=True)[:k]), k)
            take_path("gin")
            newest = candidates.gin_hits.order_by("-published_at", "-pk")
            if not count:
                return seen(list(newest.values_list("pk", flat=True)[:k]), k)
            # The sort reads every match anyway: counting them on the way is cheaper than again.
            rows = list(newest.annotate(total=Window(Count("pk"))).values_list("pk", "total")[:k])
            return [pk for pk, _ in rows], rows[0][1] if rows else 0
        take_path("gin")
        newest = candidates.hits.order_by("-published_at", "-pk")
        scope = self.scope
        while True:
            since = scope.end - share * (scope.end - scope.start)
            ids = list(newest.filter(published_at__gte=since).values_list("pk", flat=True)[:k])
            if len(ids) >= k or share >= 1:
                return seen(ids, k)
            share = min(1, share * 8)

    def count(self, candidates, known=None):
        """How many stories match, up to RESULT_CAP + 1: `known` when every match has been seen,
        none counted when the planner expects many more than the cap, else counted through GIN."""
        if known is not None:
            return known
        if not counted(candidates.estimate):
            return RESULT_CAP + 1
        take_path("gin")  # reads no document, whatever the query
        return candidates.gin_hits.values("pk")[: RESULT_CAP + 1].count()

    def page(self, offset, page_size):
        """The page of results from `offset`, newest first or most relevant first."""
        wanted = offset + page_size + 1
        by_date = self.filters.get("sort") == "date"
        if PHRASE_OPERATOR.search(self.tsquery):
            # Checking a phrase reads each document that has all its words: only the newest few.
            pool, _ = self.newest(self.document(PHRASE_OPERATOR.sub("&", self.tsquery)), PHRASE_POOL)
            take_path("ids")
            hits = matching(self.base.filter(pk__in=pool), self.tsquery)
            newest = list(hits.order_by("-published_at", "-pk").values_list("pk", flat=True))
            found = Found(count=len(newest), partial=len(pool) >= PHRASE_POOL)
            if by_date:
                found.ids = newest[offset:wanted]
                return found
            body = newest[:BODY_CANDIDATES]
        else:
            document = self.document(self.tsquery)
            count = counted(document.estimate)
            ids, known = self.newest(document, wanted if by_date else BODY_CANDIDATES, count=count)
            found = Found(count=self.count(document, known))
            if by_date:
                found.ids = ids[offset:wanted]
                return found
            body = ids
        # Too costly to find (a word common in headlines, narrowed to one section): the newest
        # matches of the whole document are ranked alone.
        summary, _ = self.newest(self.summary(), SUMMARY_CANDIDATES, budget=SUMMARY_BUDGET)
        candidates = set(body) | set(summary or [])
        found.ranked_among = len(candidates)
        found.count = max(found.count, len(candidates))
        take_path("ids")
        tsquery = TsQuery(Value(self.tsquery))
        ranked = (
            Article.objects.filter(pk__in=candidates)
            .annotate(rank=Func(F("search_vector"), tsquery, function="ts_rank", output_field=FloatField()))
            .order_by("-rank", "-published_at", "-pk")
        )
        found.ids = list(ranked.values_list("pk", flat=True)[offset:wanted])
        return found
