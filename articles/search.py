"""Full-text search of the public archive.

On PostgreSQL: the weighted document kept by triggers (articles/search_sql.py) and its GIN index;
the reader's words in websearch syntax ("quoted phrase", -without, or); Korean words matched as
prefixes, so that 삼성전자 finds 삼성전자가 (particles attach to the noun). Relevance ranks a bounded
candidate set: the most recent matches of the whole document and of its small part (headline,
dek, bylines, captions), never every hit of a common word. Counts stop at RESULT_CAP ("1,000+").
Snippets: a window of each result's text around its first match, highlighted by ts_headline,
only for the page's results.

On SQLite (development): every word must appear in the headline, dek or body; newest first.
"""

import datetime
import html
import json
import logging
import re
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQueryField
from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, Count, F, FloatField, Func, Q, Value, Window
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from .models import Article, Person, Section, start_of_day

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULT_CAP = 1000
RECENT_CANDIDATES = 300
SUMMARY_CANDIDATES = 200
SNIPPET_CHARS = 320
START, STOP = "\ue000", "\ue001"  # private-use marks for ts_headline, replaced by <mark> after escaping
HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=15, HighlightAll=true"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")
LEXEME = re.compile(r"'((?:[^']|'')*)'(:[*A-D]+)?")
NEEDS_PREFIX = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3040-\u30ff\u4e00-\u9fff]")
TAG = re.compile(r"<[^>]*>")
WORD = re.compile(r"\w+")
SIMPLE_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


class TsQuery(Func):
    """A tsquery given in PostgreSQL's own text form (as websearch_to_tsquery printed it)."""

    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()


class Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True)
    section = forms.CharField(required=False, max_length=100)
    author = forms.CharField(required=False, max_length=120)
    sort = forms.ChoiceField(
        required=False, choices=[("relevance", "Most relevant"), ("date", "Newest first")], initial="relevance"
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=RESULT_CAP)

    def __init__(self, data):
        super().__init__(data)
        # "from" is a Python keyword: the date fields are added by name.
        self.fields["from"] = forms.DateField(required=False, label="From")
        self.fields["to"] = forms.DateField(required=False, label="To")


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


def clean_query(raw):
    """The reader's words without control characters, on one line, at most MAX_QUERY_LENGTH long."""
    text = " ".join(CONTROL.sub(" ", unicodedata.normalize("NFC", raw or "")).split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH


def parse_filters(form):
    """The valid filters of a bound form, and a message for each one ignored."""
    messages, filters = [], {}
    form.is_valid()
    cleaned = form.cleaned_data  # the valid fields only
    for name in form.errors:
        if name != "page":
            messages.append(f"The “{form.fields[name].label or name}” filter was not understood and was ignored.")
    section_slug, author_slug = cleaned.get("section"), cleaned.get("author")
    if section_slug:
        filters["section"] = Section.objects.filter(slug=section_slug).first()
        if filters["section"] is None:
            messages.append("There is no such section; searching every section.")
    if author_slug:
        filters["author"] = Person.objects.filter(slug=author_slug).first()
        if filters["author"] is None:
            messages.append("There is no such author; searching every author.")
    filters["from"], filters["to"] = cleaned.get("from"), cleaned.get("to")
    if filters["from"] and filters["to"] and filters["from"] > filters["to"]:
        messages.append("The dates were the wrong way round; they have been swapped.")
        filters["from"], filters["to"] = filters["to"], filters["from"]
    filters["sort"] = cleaned.get("sort") or "relevance"
    filters["page"] = cleaned.get("page") or 1
    return filters, messages


def filtered(filters, steered=False):
    """Public stories narrowed by the reader's filters; every search starts here.

    `steered`: conditions are hidden from the section index ("+ 0": the same rows), and with
    "gin" from the date index too. Beside GIN, PostgreSQL would otherwise AND in those indexes'
    bitmaps of every story in the section or between the dates (237,000 entries for Business at a
    million: 27 ms) to spare fetching a few thousand rows (15 ms). The date walk and the date
    window need the dates indexed; estimates are made unsteered, so the planner knows the shares."""
    qs = Article.objects.published()
    if filters.get("section"):
        ids = filters["section"].descendant_ids()
        if steered:
            qs = qs.alias(section_plus=F("section_id") + 0).filter(section_plus__in=ids)
        else:
            qs = qs.filter(section_id__in=ids)
    if filters.get("author"):
        qs = qs.filter(bylines__person=filters["author"])
    # The days are the newsroom's (as pub_date is), given as times so that the date index can
    # start and stop at them.
    when = "published_at"
    if steered == "gin" and (filters.get("from") or filters.get("to")):
        qs, when = qs.alias(published_plus=F("published_at") + datetime.timedelta(0)), "published_plus"
    if filters.get("from"):
        qs = qs.filter(**{f"{when}__gte": start_of_day(filters["from"])})
    if filters.get("to"):
        qs = qs.filter(**{f"{when}__lt": start_of_day(filters["to"] + datetime.timedelta(days=1))})
    return qs


def postgres_tsquery(text):
    """The tsquery text for the reader's words, with Korean lexemes as prefixes; None when empty."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery('english', %s)::text", [text])
        raw = cursor.fetchone()[0]
    if not raw:
        return None

    def prefix(match):
        if match.group(2) or not NEEDS_PREFIX.search(match.group(1)):
            return match.group(0)
        return f"{match.group(0)}:*"

    return LEXEME.sub(prefix, raw)


PHRASE_POOL = 100
PHRASE_OPERATOR = re.compile(r"<(?:-|[0-9]+)>")
BODY_CANDIDATES = 40  # relevance ranks the newest matches of the whole document...
SUMMARY_CANDIDATES = 60  # ...and of its small part (headline, dek, bylines, captions)
# What reading one row costs, in the units of the cost model below (measured at 1,000,000 stories):
# walking the date index reads each story's heap row and its TOASTed document (~25 µs); a match
# found through GIN costs its heap row, fetched to sort by date (~5 µs), and each posting of the
# words' posting lists (~0.15 µs).
WALK_ROW = 25
GIN_ROW = 5
GIN_POSTING = 0.15
DATE_ENTRY = 0.5  # an entry of the date index read into a bitmap
SUMMARY_BUDGET = 20_000  # µs: beyond this the small part's candidates are not looked for
ESTIMATED_CAP = 5  # an estimate this many times the cap is shown as "1,000+" without counting
STATEMENT_TIMEOUT_MS = 5000  # no search may hold a connection longer
_stats = {"at": -1e9, "public": 1, "freqs": {}}


def archive_stats():
    """The number of stories and the share of them holding each common lexeme, from ANALYZE's
    statistics (read once per ten minutes): what the choice between index paths is made from."""
    if time.monotonic() - _stats["at"] > 600:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs,"
                " (SELECT min(published_at) FROM articles_article WHERE status = %s)"
                " FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname AND s.attname = 'search_vector'"
                " WHERE c.relname = 'articles_article'",
                [Article.Status.PUBLISHED],
            )
            total, elems, freqs, oldest = cursor.fetchone()
        if not total or total < 0:  # never analyzed: the planner's guess from the table's size
            total = estimated_rows(Article.objects.published().values("pk"))
        # most_common_elem_freqs ends with three summary figures: zip stops at the last lexeme.
        frequencies = dict(zip(elems or [], freqs or [], strict=False))
        _stats.update(at=time.monotonic(), public=max(1.0, total), freqs=frequencies, oldest=oldest)
    return _stats


def postings_read(tsquery):
    """About how many postings GIN reads for a tsquery: the rarest of words that must all be
    there (GIN skips through the others), the sum of alternatives (or)."""
    stats = archive_stats()
    words = [m.group(1) for m in LEXEME.finditer(tsquery) if not tsquery[: m.start()].rstrip().endswith("!")]
    # A lexeme missing from the statistics is rarer than the rarest one listed there.
    rare = min(stats["freqs"].values(), default=0.001) / 2
    shares = [stats["freqs"].get(word, rare) for word in words] or [rare]
    share = sum(shares) if "|" in tsquery else min(shares)
    return min(1.0, share) * stats["public"]


def estimated_rows(queryset):
    """The planner's estimate of how many rows a queryset gives (EXPLAIN: nothing is read)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return max(1.0, plan[0]["Plan"]["Plan Rows"])


PATHS = {
    # The date index, newest first, never a sort of every match (as an index of a section list would need).
    "walk": {"enable_indexscan": "on", "enable_bitmapscan": "off", "enable_sort": "off"},
    # GIN's bitmap of the matches, their rows sorted by date.
    "gin": {"enable_indexscan": "off", "enable_bitmapscan": "on", "enable_sort": "on"},
    # A handful of stories by primary key.
    "ids": {"enable_indexscan": "on", "enable_bitmapscan": "on", "enable_sort": "on"},
}


def set_local(cursor, settings):
    """Set PostgreSQL settings for the rest of the transaction, in one statement."""
    cursor.execute(
        "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(settings)),
        [item for pair in settings.items() for item in pair],
    )


def take_path(name):
    """Tell the planner which path the next statement takes (for the rest of the transaction)."""
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
            "SELECT " + ", ".join(["current_setting(%s)"] * len(names) + ["set_config(%s, %s, true)"] * len(names)),
            names + [item for name in names for item in (name, settings[name])],
        )
        previous = cursor.fetchone()[: len(names)]
        try:
            yield
        finally:
            set_local(cursor, dict(zip(names, previous, strict=True)))


@dataclass
class Scope:
    """The public stories a search goes through, as the date index sees them: how many, and the
    times of the oldest and newest (the whole archive, or the reader's dates)."""

    stories: float
    start: datetime.datetime
    end: datetime.datetime


def newest_ids(matches, k, estimate, scope, postings, row_cost=WALK_ROW, count=False, gin_matches=None, budget=None):
    """The ids of the newest k stories of `matches`, by the cheapest of three paths, and the number
    of matches where the path saw them all (else None; `count` asks GIN's path to count them all).
    `gin_matches`: the same stories, steered for GIN's path (see filtered()). `postings`: the
    matches of the words alone, which GIN fetches before any filter. With a `budget`, nothing is
    read (None, None) when even the cheapest path would cost more.

    - Walking the date index reads stories newest first until k match: about k / share rows, each
      costing its document (`row_cost`). Cheap for common words.
    - GIN finds every match without reading a document, then fetches each match's row to sort
      them by date. Cheap for rare words.
    - Between the two, GIN's matches are intersected with a window of the newest dates, wide
      enough to hold about 2k matches if stories are spread evenly over time (widened if not),
      so that only the window's matches are fetched.
    The planner's own estimates are poor for these (it cannot know that the rows it walks carry
    large documents), so the choice is made here, and the planner is told which path to take.
    """
    walk = k * scope.stories / estimate * row_cost
    gin = max(estimate, postings) * GIN_ROW + postings * GIN_POSTING
    share = 2 * k / estimate  # of the scope's time, for the window
    window = share * scope.stories * DATE_ENTRY + postings * GIN_POSTING + 2 * k * GIN_ROW
    if budget is not None and min(walk, gin, window) > budget:
        return None, None
    newest = matches.order_by("-published_at", "-pk")
    if share >= 0.5 or min(walk, gin) <= window:
        if walk < gin:
            take_path("walk")
            return seen(list(newest.values_list("pk", flat=True)[:k]), k)
        take_path("gin")
        newest = (gin_matches if gin_matches is not None else matches).order_by("-published_at", "-pk")
        if not count:
            return seen(list(newest.values_list("pk", flat=True)[:k]), k)
        # The sort reads every match anyway: counting them on the way is cheaper than again.
        rows = list(newest.annotate(total=Window(Count("pk"))).values_list("pk", "total")[:k])
        return [pk for pk, _ in rows], rows[0][1] if rows else 0
    take_path("gin")
    while True:
        since = scope.end - share * (scope.end - scope.start)
        ids = list(newest.filter(published_at__gte=since).values_list("pk", flat=True)[:k])
        if len(ids) >= k or share >= 1:
            return seen(ids, k)
        share = min(1, share * 8)


def seen(ids, k):
    """The ids, and how many match in all when fewer than k were found (else None: not known)."""
    return ids, len(ids) if len(ids) < k else None


def search(raw_query, filters, page_size=None):
    """One page of results for the reader's words and filters."""
    page_size = page_size or settings.NEWSROOM["SEARCH_PAGE_SIZE"]
    query, shortened = clean_query(raw_query)
    results = Results(query=query, page=filters.get("page", 1))
    if shortened:
        results.messages.append(f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters.")
    if not query:
        return results
    offset = (results.page - 1) * page_size
    if offset >= RESULT_CAP:
        results.messages.append(f"Only the first {RESULT_CAP:,} results can be shown; narrow your search.")
        return results
    base = filtered(filters)
    if connection.vendor == "postgresql":
        tsquery = postgres_tsquery(query)
        if tsquery is None:
            results.messages.append("Those words are too common to search for; try more specific ones.")
            return results
        with bounded():
            ids = postgres_page(base, tsquery, filters, offset, page_size, results)
    else:
        tsquery = None
        hits = simple_match(base, query)
        ids = list(hits.order_by("-published_at", "-pk").values_list("pk", flat=True)[offset : offset + page_size + 1])
        results.count = hits.values("pk")[: RESULT_CAP + 1].count()
    results.capped = results.count > RESULT_CAP
    results.has_next = len(ids) > page_size and offset + page_size < RESULT_CAP
    ids = ids[:page_size]
    if results.ranked_among and results.count > results.ranked_among and filters.get("sort") != "date":
        results.messages.append(
            f"The most relevant of the {results.ranked_among:,} newest matches come first; "
            "sort by date to go through all of them."
        )
    if not ids:
        if results.page > 1:
            results.messages.append("There are no more results; this page is past the end.")
        return results
    by_pk = Article.objects.filter(pk__in=ids).for_lists().in_bulk()
    results.hits = [by_pk[pk] for pk in ids]
    add_snippets(results.hits, query, tsquery)
    return results


def postgres_page(base, tsquery, filters, offset, page_size, results):
    """The ids of one page (one more, to tell whether there is a next), and the count, on PostgreSQL.

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
    tsq = TsQuery(Value(tsquery))
    # What runs (see filtered()); `base` is what the planner estimates.
    steered, gin_only = filtered(filters, steered=True), filtered(filters, steered="gin")

    def matching(queryset, column="search_vector", words=tsquery):
        return queryset.filter(Matches(F(column), TsQuery(Value(words))))

    hits, gin_hits = matching(steered), matching(gin_only)
    wanted = offset + page_size + 1
    # The stories a walk of the date index goes through: all, or those between the dates.
    stats, now = archive_stats(), timezone.now()
    scope = Scope(stats["public"], stats["oldest"] or now, now)
    if filters.get("from") or filters.get("to"):
        dates = {"from": filters.get("from"), "to": filters.get("to")}
        scope.stories = estimated_rows(filtered(dates).values("pk"))
        if dates["from"]:
            scope.start = max(scope.start, start_of_day(dates["from"]))
        if dates["to"]:
            scope.end = min(scope.end, start_of_day(dates["to"] + datetime.timedelta(days=1)))
    if PHRASE_OPERATOR.search(tsquery):
        # Checking a phrase reads each document that has all its words: only the newest few.
        loose = PHRASE_OPERATOR.sub("&", tsquery)
        estimate = estimated_rows(matching(base, words=loose).values("pk"))
        pool, _ = newest_ids(
            matching(steered, words=loose),
            PHRASE_POOL,
            estimate,
            scope,
            postings_read(loose),
            gin_matches=matching(gin_only, words=loose),
        )
        results.partial = len(pool) >= PHRASE_POOL
        take_path("ids")
        hits = matching(base.filter(pk__in=pool))
        newest = list(hits.order_by("-published_at", "-pk").values_list("pk", flat=True))
        results.count = len(newest)
        if filters.get("sort") == "date":
            return newest[offset:wanted]
        body = newest[:BODY_CANDIDATES]
    else:
        estimate = estimated_rows(matching(base).values("pk"))
        if filters.get("sort") == "date":
            ids, known = newest_ids(
                hits, wanted, estimate, scope, postings_read(tsquery), count=counted(estimate), gin_matches=gin_hits
            )
            results.count = count_hits(gin_hits, estimate, known)
            return ids[offset:wanted]
        body, known = newest_ids(
            hits,
            BODY_CANDIDATES,
            estimate,
            scope,
            postings_read(tsquery),
            count=counted(estimate),
            gin_matches=gin_hits,
        )
        results.count = count_hits(gin_hits, estimate, known)
    # The small part's postings are about its matches (its words are few, and seldom repeated);
    # with a section or an author, GIN still fetches the matches of every section and author.
    estimate = estimated_rows(matching(base, "search_summary").values("pk"))
    if filters.get("section") or filters.get("author"):
        postings = estimated_rows(matching(Article.objects.published(), "search_summary").values("pk"))
    else:
        postings = estimate
    summary, _ = newest_ids(
        matching(steered, "search_summary"),
        SUMMARY_CANDIDATES,
        estimate,
        scope,
        postings,
        row_cost=GIN_ROW,
        gin_matches=matching(gin_only, "search_summary"),
        budget=SUMMARY_BUDGET,
    )
    # Too costly to find (a word common in headlines, narrowed to one section): the newest
    # matches of the whole document are ranked alone.
    candidates = set(body) | set(summary or [])
    results.ranked_among = len(candidates)
    results.count = max(results.count, len(candidates))
    take_path("ids")
    ranked = (
        Article.objects.filter(pk__in=candidates)
        .annotate(rank=Func(F("search_vector"), tsq, function="ts_rank", output_field=FloatField()))
        .order_by("-rank", "-published_at", "-pk")
    )
    return list(ranked.values_list("pk", flat=True)[offset:wanted])


def counted(estimate):
    """Whether matches this many are counted, rather than shown as "1,000+"."""
    return estimate < ESTIMATED_CAP * RESULT_CAP


def count_hits(gin_hits, estimate, known=None):
    """How many stories match, up to RESULT_CAP + 1: `known` when every match has been seen, none
    counted when the planner expects many more than the cap, else counted through GIN (`gin_hits`:
    steered for it, see filtered())."""
    if known is not None:
        return known
    if not counted(estimate):
        return RESULT_CAP + 1
    take_path("gin")  # reads no document, whatever the query
    return gin_hits.values("pk")[: RESULT_CAP + 1].count()


def simple_match(qs, query):
    """Every word or "quoted phrase" (-excluded) in the headline, dek or body: the SQLite search."""
    for token in SIMPLE_TOKEN.findall(query)[:10]:
        negate = token.startswith("-") and len(token) > 1
        word = " ".join(token.lstrip("-").strip('"').split())
        if not word:
            continue
        condition = Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
        qs = qs.exclude(condition) if negate else qs.filter(condition)
    return qs


def plain_text(article):
    return html.unescape(TAG.sub(" ", article.body))


def snippet_window(texts, patterns):
    """About SNIPPET_CHARS around the first match of the first pattern that matches one of
    `texts` (the body, the dek, the captions), or the start of the body."""
    for pattern in patterns:
        for text in texts:
            if match := pattern.search(text):
                return window_around(text, match.start())
    return window_around(texts[0], None)


def window_around(text, at):
    start = max(0, at - SNIPPET_CHARS // 3) if at else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    window = " ".join(text[start : start + SNIPPET_CHARS].split())
    return ("… " if start else "") + window + (" …" if start + SNIPPET_CHARS < len(text) else "")


def word_patterns(stems):
    """Where to look for the query's words in a text: a word that starts like a stem and goes on
    by at most a suffix's length ("market" finds "markets" and "marketing", not "marketplace"),
    failing that by any length."""
    if not stems:
        return []
    alternatives = "|".join(re.escape(stem) for stem in stems)
    return [
        re.compile(rf"\b(?:{alternatives})\w{{0,4}}\b", re.IGNORECASE),
        re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE),
    ]


def query_stems(tsquery, query):
    """The words to look for in a text: the tsquery's lexemes, or the reader's own words."""
    if tsquery:
        return [m.group(1).replace("''", "'") for m in LEXEME.finditer(tsquery)]
    return [w for w in WORD.findall(query) if not w.startswith("-")]


def add_snippets(articles, query, tsquery):
    """Set `snippet` (safe HTML) on each article: a window of its text with the query's words marked."""
    stems = query_stems(tsquery, query)
    patterns = word_patterns(stems)
    # A story can match by its dek or a caption alone: they are looked in after its body.
    windows = [
        snippet_window([plain_text(a), a.dek, " ".join(p.caption for p in a.photos.all())], patterns) for a in articles
    ]
    marked = None
    if tsquery:
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT ts_headline('english', w, %s::tsquery, %s)"
                    " FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n",
                    [tsquery, HEADLINE_OPTIONS, windows],
                )
                marked = [row[0] for row in cursor.fetchall()]
        except DatabaseError:
            marked = None
    if marked is None:
        marked = [mark_words(w, stems) for w in windows]
    for article, text in zip(articles, marked, strict=True):
        article.snippet = mark_safe(  # escaped here; only our own <mark> tags are added
            escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
        )


def mark_words(text, words):
    """The words marked where ts_headline is not there: any word starting like one of them."""
    if not words:
        return text
    return word_patterns(words)[-1].sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


def admin_search(queryset, term):
    """The admin's story search: the same engine on PostgreSQL (drafts included), words elsewhere."""
    term, _ = clean_query(term)
    if not term:
        return queryset
    exact = Q(legacy_id=term) | Q(slug__iexact=term)
    if connection.vendor == "postgresql":
        tsquery = postgres_tsquery(term)
        if tsquery is None:
            return queryset.filter(exact)
        return queryset.filter(exact | Q(Matches(F("search_vector"), TsQuery(Value(tsquery)))))
    return simple_match(queryset, term) | queryset.filter(exact)


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
        results.messages.append("That search could not be run; try other words.")
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
            "sections": Section.objects.all(),
            "base_query": params.urlencode(),
            "start_number": (results.page - 1) * settings.NEWSROOM["SEARCH_PAGE_SIZE"] + 1,
        },
    )
