from django.contrib.admin.views.decorators import staff_member_required
from django.db import connection
from django.db.models import Value
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import fragments, levels
from .addresses import resolve_article
from .cards import cards_by_id, page_of_cards
from .desk.workflow import can_preview
from .models import Article, Person, Section, shape_page, with_parents
from .printing import with_endnotes

HOME_LATEST = 12
HOME_PER_SECTION = 4


@require_safe
def home(request):
    tree = Section.tree(request)
    # The latest stories, then the latest of each top section: each list an index walk of its own; the
    # number of top sections is small and fixed. Home shows only their cards: the lists are read as ids
    # and kept like the other pieces pages repeat (until the next write or scheduled publication: the
    # ORM's compiling of the query's seven parts cost more than the rest of the page), and the cards
    # come kept (cards_by_id()), with rows read only for cards not yet kept.
    latest, *blocks = fragments.cached("home-lists", lambda: home_lists(tree), request)
    cards = cards_by_id([pk for ids in (latest, *blocks) for pk in ids], request)
    latest = [cards[pk] for pk in latest if pk in cards]
    section_blocks = [
        (section, stories)
        for section, ids in zip(tree[None], blocks, strict=True)
        if (stories := [cards[pk] for pk in ids if pk in cards])
    ]
    return render(request, "articles/home.html", {"latest": latest, "section_blocks": section_blocks})


def home_lists(tree):
    """The ids of home's lists: the latest stories, then the latest of each top section."""
    public = Article.objects.published().newest_first()
    lists = [public, *(public.filter(section_id__in=section.descendant_ids(tree)) for section in tree[None])]
    return fetch_lists(lists, [HOME_LATEST, *(HOME_PER_SECTION for _ in tree[None])])


def fetch_lists(querysets, limits):
    """The ids of the first `limit` stories of each queryset, newest first: in one query (UNION ALL) where
    the database takes a LIMIT in each part of a compound query (PostgreSQL), else one query each (SQLite)."""
    if len(querysets) == 1 or not connection.features.supports_slicing_ordering_in_compound:
        return [list(qs.values_list("pk", flat=True)[:limit]) for qs, limit in zip(querysets, limits, strict=True)]
    pairs = enumerate(zip(querysets, limits, strict=True))
    parts = [qs.values_list("pk", "published_at").annotate(list_number=Value(n))[:limit] for n, (qs, limit) in pairs]
    lists = [[] for _ in querysets]
    for pk, published_at, number in parts[0].union(*parts[1:], all=True):
        lists[number].append((published_at, pk))
    # The order of a compound query's rows is the database's to choose.
    return [[pk for _, pk in sorted(rows, reverse=True)] for rows in lists]


@require_safe
def section_detail(request, slug):
    tree = Section.tree(request)
    public = Section.public_ids(tree)
    # The section and its parents from the cached tree, the cards' sections too (articles.cards): no
    # query for any of them, and none to join to the stories' query.
    sections = Section.by_id(tree)
    section = next((s for s in sections.values() if s.slug == slug), None)
    if section is None or section.pk not in public:  # no public story in it or under it: as if it did not exist
        raise Http404("No such section.")
    with_parents(section, sections)
    band = levels.band_from(request.GET.get("level"))
    stories = Article.objects.published().filter(section_id__in=section.descendant_ids(tree)).at_level(band)
    page = page_of_cards(stories, request, f"section:{section.pk}:{band}")
    return render(
        request,
        "articles/section_detail.html",
        {
            "section": section,
            "subsections": [sub for sub in tree[section.pk] if sub.pk in public],
            "page": page,
            "level_band": band,
            "level_bands": levels.BANDS,
        },
    )


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person.objects.with_public_stories(), slug=slug)
    band = levels.band_from(request.GET.get("level"))
    stories = Article.objects.published().filter(bylines__person=person).at_level(band)
    page = page_of_cards(stories, request, f"person:{person.pk}:{band}")
    return render(
        request,
        "articles/person_detail.html",
        {"person": person, "page": page, "level_band": band, "level_bands": levels.BANDS},
    )


@require_safe
def article_detail(request, year, month, day, slug):
    # Its bylines, photos, corrections and topics are read only when the page's kept parts are built.
    article, moved = resolve_article(request, year, month, day, slug, relations=False)
    if moved:
        return moved
    return render(request, "articles/article_detail.html", {"article": article, "section": article.section})


@require_safe
def article_print(request, year, month, day, slug):
    """The story made for paper: its links as numbered endnotes, its short address printed."""
    article, moved = resolve_article(request, year, month, day, slug, chrome=False)
    if moved:
        return moved
    body, endnotes = with_endnotes(article.body, request.build_absolute_uri(article.get_absolute_url()))
    short_url = request.build_absolute_uri(reverse("articles:short", kwargs={"pk": article.pk}))
    return render(
        request,
        "articles/article_print.html",
        {
            "article": article,
            "body": body,
            "endnotes": endnotes,
            "short_url": short_url.split("://", 1)[-1],
        },
    )


@require_safe
def article_short(request, pk):
    """A short, typeable address for a public story (printed on paper): a permanent redirect to its page."""
    article = get_object_or_404(Article.objects.published().only("slug", "pub_date"), pk=pk)
    return redirect(article.get_absolute_url(), permanent=True)


@never_cache
@staff_member_required
def article_preview(request, pk):
    """Staff see a story, draft or scheduled, on its page, marked as a preview: editors any story,
    reporters their own (another's is a 404, as if it did not exist)."""
    article = get_object_or_404(Article.objects.for_page(), pk=pk)
    if not can_preview(request.user, article):
        raise Http404("No such story.")
    shape_page(article, request)
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "section": article.section, "preview": True},
    )
