"""The reader's query and filters: the form, the words cleaned, the filters parsed, the public
stories they narrow to, and the words as a PostgreSQL tsquery (or as plain words on SQLite)."""

import datetime
import re
import unicodedata

from django import forms
from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import levels
from ..models import Article, Person, Section, start_of_day
from . import sql

MAX_QUERY_LENGTH = 200
RESULT_CAP = 1000
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000\ue001]")
LEXEME = re.compile(r"'((?:[^']|'')*)'(:[*A-D]+)?")
NEEDS_PREFIX = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3040-\u30ff\u4e00-\u9fff]")
PHRASE_OPERATOR = re.compile(r"<(?:-|[0-9]+)>")
SIMPLE_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


class TsQuery(Func):
    """A tsquery given in PostgreSQL's own text form (as websearch_to_tsquery printed it)."""

    template = "%(expressions)s::tsquery"
    output_field = SearchQueryField()


class Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def matching(queryset, words, column="search_vector"):
    """The rows of `queryset` whose document (or `column`) matches the tsquery text `words`."""
    return queryset.filter(Matches(F(column), TsQuery(Value(words))))


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True)
    section = forms.CharField(required=False, max_length=100)
    author = forms.CharField(required=False, max_length=120)
    sort = forms.ChoiceField(
        required=False,
        choices=[("relevance", gettext_lazy("Most relevant")), ("date", gettext_lazy("Newest first"))],
        initial="relevance",
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=RESULT_CAP)
    level = forms.CharField(required=False, max_length=10, label="Reading level")

    def __init__(self, data):
        super().__init__(data)
        # "from" is a Python keyword: the date fields are added by name.
        self.fields["from"] = forms.DateField(required=False, label=_("From"))
        self.fields["to"] = forms.DateField(required=False, label=_("To"))


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
            messages.append(
                _("The “%(filter)s” filter was not understood and was ignored.")
                % {"filter": form.fields[name].label or name}
            )
    section_slug, author_slug = cleaned.get("section"), cleaned.get("author")
    if section_slug:
        # Only a section or author with a public story: any other is answered as if it did not exist.
        filters["section"] = Section.objects.with_public_stories().filter(slug=section_slug).first()
        if filters["section"] is None:
            messages.append(_("There is no such section; searching every section."))
    if author_slug:
        filters["author"] = Person.objects.with_public_stories().filter(slug=author_slug).first()
        if filters["author"] is None:
            messages.append(_("There is no such author; searching every author."))
    filters["from"], filters["to"] = cleaned.get("from"), cleaned.get("to")
    if filters["from"] and filters["to"] and filters["from"] > filters["to"]:
        messages.append(_("The dates were the wrong way round; they have been swapped."))
        filters["from"], filters["to"] = filters["to"], filters["from"]
    filters["level"] = levels.band_from(cleaned.get("level"))
    if cleaned.get("level") and filters["level"] is None:
        messages.append("There is no such reading level; searching every level.")
    filters["sort"] = cleaned.get("sort") or "relevance"
    filters["page"] = cleaned.get("page") or 1
    return filters, messages


def date_bounds(filters):
    """The first moment of the `from` day and the first moment after the `to` day, in the
    newsroom's zone (as pub_date is); None where the reader set no bound."""
    start = first_moment(filters["from"]) if filters.get("from") else None
    end = first_moment(filters["to"], days=1) if filters.get("to") else None
    return start, end


def first_moment(day, days=0):
    """The first moment of the day `days` after `day`; None past the ends of the calendar (the
    day after 9999-12-31; 0001-01-01 in Seoul, before the first moment in UTC), where no story
    can lie: such a bound narrows nothing."""
    try:
        moment = start_of_day(day + datetime.timedelta(days=days))
        moment.astimezone(datetime.UTC)
    except OverflowError:
        return None
    return moment


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
    # Unsteered: at a rare band PostgreSQL ANDs article_level_order with GIN's bitmap; the estimates take its share.
    qs = qs.at_level(filters.get("level"))
    # Given as times, so that the date index can start and stop at them.
    start, end = date_bounds(filters)
    when = "published_at"
    if steered == "gin" and (start or end):
        qs, when = qs.alias(published_plus=F("published_at") + datetime.timedelta(0)), "published_plus"
    if start:
        qs = qs.filter(**{f"{when}__gte": start})
    if end:
        qs = qs.filter(**{f"{when}__lt": end})
    return qs


def postgres_tsquery(text):
    """The tsquery text for the reader's words, with Korean lexemes as prefixes; None when empty."""
    with connection.cursor() as cursor:
        cursor.execute(sql.TSQUERY, [text])
        raw = cursor.fetchone()[0]
    if not raw:
        return None

    def prefix(match):
        if match.group(2) or not NEEDS_PREFIX.search(match.group(1)):
            return match.group(0)
        return f"{match.group(0)}:*"

    return LEXEME.sub(prefix, raw)


def lexemes(tsquery):
    """The words of a tsquery text, as PostgreSQL stemmed them."""
    return [m.group(1).replace("''", "'") for m in LEXEME.finditer(tsquery)]


def simple_tokens(query):
    """The reader's words and "quoted phrases" (at most ten), each with whether it is excluded."""
    tokens = []
    for token in SIMPLE_TOKEN.findall(query)[:10]:
        negate = token.startswith("-") and len(token) > 1
        words = " ".join(token.lstrip("-").strip('"').split())
        if words:
            tokens.append((words, negate))
    return tokens


def simple_match(qs, query):
    """Every word or "quoted phrase" (-excluded) in the headline, dek or body, English or Korean:
    the SQLite search. A substring, so a Korean word is found with its particles, as on PostgreSQL."""
    for words, negate in simple_tokens(query):
        condition = Q()
        for name in ("headline", "dek", "body", "headline_ko", "dek_ko", "body_ko"):
            condition |= Q(**{f"{name}__icontains": words})
        qs = qs.exclude(condition) if negate else qs.filter(condition)
    return qs


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
