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

import html
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
from django.db.models import BooleanField, F, FloatField, Func, Q, Value
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from .models import Article, Person, Section

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


def filtered(filters):
    """Public stories narrowed by the reader's filters; every search starts here."""
    qs = Article.objects.published()
    if filters.get("section"):
        qs = qs.filter(section_id__in=filters["section"].descendant_ids())
    if filters.get("author"):
        qs = qs.filter(bylines__person=filters["author"])
    if filters.get("from"):
        qs = qs.filter(pub_date__gte=filters["from"])
    if filters.get("to"):
        qs = qs.filter(pub_date__lte=filters["to"])
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


PHRASE_POOL = 1000
PHRASE_OPERATOR = re.compile(r"<(?:-|[0-9]+)>")
COMMON_SHARE = 0.05  # a query matching more than this share of stories walks the date index
STATEMENT_TIMEOUT_MS = 5000  # no search may hold a connection longer
_lexeme_stats = {"at": 0.0, "freqs": {}}


def lexeme_frequencies():
    """The share of stories holding each of the commonest lexemes (ANALYZE's statistics, kept 10 minutes)."""
    if time.monotonic() - _lexeme_stats["at"] > 600:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE tablename = 'articles_article' AND attname = 'search_vector'"
            )
            row = cursor.fetchone()
        _lexeme_stats["freqs"] = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        _lexeme_stats["at"] = time.monotonic()
    return _lexeme_stats["freqs"]


def walks_date_index(tsquery):
    """Whether the newest matches are found faster by walking the date index than through GIN.

    Walking reads each story's document (large, compressed) until enough match: cheap when most
    stories match. GIN finds the matches without reading documents (except to check phrases):
    cheap unless it must fetch a large share of the table. The share comes from the lexemes'
    statistics; phrases and rare words always go through GIN.
    """
    if "<" in tsquery:
        return False
    freqs = lexeme_frequencies()
    positive = [m.group(1) for m in LEXEME.finditer(tsquery) if not tsquery[: m.start()].rstrip().endswith("!")]
    if not positive:
        return False
    shares = [freqs.get(lexeme, 0.0) for lexeme in positive]
    estimate = min(1.0, sum(shares)) if "|" in tsquery else _product(shares)
    return estimate >= COMMON_SHARE


def _product(values):
    result = 1.0
    for value in values:
        result *= value
    return result


@contextmanager
def bounded(gin_only):
    """A transaction in which the search's statements have a time limit and, if `gin_only`, use GIN.

    The settings are transaction-local, and put back on the way out: inside an outer transaction
    (tests, ATOMIC_REQUESTS) they would otherwise outlive the search.
    """
    # JIT compiles for plans that look costly (as any plan with a disabled node does): hundreds of
    # milliseconds spent to save a few.
    settings = {"statement_timeout": str(STATEMENT_TIMEOUT_MS), "jit": "off"}
    if gin_only:
        # The planner's estimates for phrases and combined words are poor; a walk of the date
        # index or a sequential scan would read every document. GIN plus a sort of its matches.
        settings.update(enable_seqscan="off", enable_indexscan="off")
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
            cursor.execute(
                "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(names)),
                [item for pair in zip(names, previous, strict=True) for item in pair],
            )


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
        tsq = TsQuery(Value(tsquery))
        hits = base.filter(Matches(F("search_vector"), tsq))
        walk = walks_date_index(tsquery)
        with bounded(gin_only=True):
            if PHRASE_OPERATOR.search(tsquery):
                # Checking a phrase reads each document that has all its words. Bound that: the
                # phrase is looked for among the newest PHRASE_POOL stories with all the words.
                loose = base.filter(Matches(F("search_vector"), TsQuery(Value(PHRASE_OPERATOR.sub("&", tsquery)))))
                pool = loose.order_by("-published_at", "-pk").values("pk")[:PHRASE_POOL]
                hits = base.filter(pk__in=pool).filter(Matches(F("search_vector"), tsq))
                results.partial = loose.values("pk")[: PHRASE_POOL + 1].count() > PHRASE_POOL
            # Counting up to the cap through GIN reads no document, whatever the query.
            results.count = hits.values("pk")[: RESULT_CAP + 1].count()
            if not walk:
                ids = ranked_ids(base, hits, tsq, filters, offset, page_size, results)
        if walk:
            with bounded(gin_only=False):
                ids = ranked_ids(base, hits, tsq, filters, offset, page_size, results)
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


def ranked_ids(base, hits, tsq, filters, offset, page_size, results):
    """The ids of one page: newest first, or ranked among a bounded set of candidates."""
    newest = ("-published_at", "-pk")
    if filters.get("sort") == "date":
        return list(hits.order_by(*newest).values_list("pk", flat=True)[offset : offset + page_size + 1])
    recent = hits.order_by(*newest).values("pk")[:RECENT_CANDIDATES]
    summary = base.filter(Matches(F("search_summary"), tsq)).order_by(*newest).values("pk")[:SUMMARY_CANDIDATES]
    ranked = (
        Article.objects.filter(pk__in=recent.union(summary))
        .annotate(rank=Func(F("search_vector"), tsq, function="ts_rank", output_field=FloatField()))
        .order_by("-rank", "-published_at", "-pk")
    )
    results.ranked_among = RECENT_CANDIDATES
    return list(ranked.values_list("pk", flat=True)[offset : offset + page_size + 1])


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


def snippet_window(text, words):
    """About SNIPPET_CHARS of `text` around the first word starting like one of `words`."""
    match = None
    if words:
        pattern = re.compile(r"\b(?:%s)\w*" % "|".join(re.escape(w) for w in words), re.IGNORECASE)  # noqa: UP031
        match = pattern.search(text)
    start = max(0, match.start() - SNIPPET_CHARS // 3) if match else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    window = " ".join(text[start : start + SNIPPET_CHARS].split())
    return ("… " if start else "") + window + (" …" if start + SNIPPET_CHARS < len(text) else "")


def query_stems(tsquery, query):
    """The words to look for in a text: the tsquery's lexemes, or the reader's own words."""
    if tsquery:
        return [m.group(1).replace("''", "'") for m in LEXEME.finditer(tsquery)]
    return [w for w in WORD.findall(query) if not w.startswith("-")]


def add_snippets(articles, query, tsquery):
    """Set `snippet` (safe HTML) on each article: a window of its text with the query's words marked."""
    stems = query_stems(tsquery, query)
    windows = [snippet_window(plain_text(a), stems) for a in articles]
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
    if not words:
        return text
    pattern = re.compile(r"\b(?:%s)\w*" % "|".join(re.escape(w) for w in words), re.IGNORECASE)  # noqa: UP031
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


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
