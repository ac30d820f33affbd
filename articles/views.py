import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .desk.workflow import can_preview
from .models import Article, Byline, Person, Photo, Section
from .pagination import paginate
from .printing import with_endnotes
from .redirects import find_redirect

HOME_LATEST = 12
HOME_PER_SECTION = 4


def _article_queryset():
    """A single story with everything its page shows, in a fixed number of queries."""
    return (
        Article.objects.without_search_documents()
        .select_related("section", "section__parent", "section__parent__parent")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("person")),
            Prefetch("photos", queryset=Photo.objects.order_by("position", "pk")),
            "corrections",
            "topics",
        )
    )


@require_safe
def home(request):
    public = Article.objects.published().select_related("section").newest_first()
    latest = list(public[:HOME_LATEST])
    # One query per top section, each an index walk; the number of top sections is small and fixed.
    section_blocks = []
    for section, ids in _top_sections_with_descendants():
        stories = list(public.filter(section_id__in=ids)[:HOME_PER_SECTION])
        if stories:
            section_blocks.append((section, stories))
    # Bylines and photos for every story on the page at once: two queries, however many stories.
    prefetch_related_objects(
        [*latest, *(story for _, stories in section_blocks for story in stories)],
        Prefetch("bylines", queryset=Byline.objects.select_related("person")),
        Prefetch("photos", queryset=Photo.objects.order_by("position", "pk")),
    )
    return render(request, "articles/home.html", {"latest": latest, "section_blocks": section_blocks})


def _section_children():
    """The section tree as {parent id: [children]}, from one query of the (small) section table:
    cheaper than a query per level whenever a page needs a section's subtree."""
    children = defaultdict(list)
    for section in Section.objects.all():
        children[section.parent_id].append(section)
    return children


def _subtree_ids(children, root):
    ids, frontier, seen = [], [root], set()
    while frontier:
        frontier = [s for s in frontier if s.pk not in seen]
        seen.update(s.pk for s in frontier)
        ids.extend(s.pk for s in frontier)
        frontier = [child for s in frontier for child in children[s.pk]]
    return ids


def _top_sections_with_descendants():
    """Each top section with the ids of itself and all its subsections."""
    children = _section_children()
    return [(top, _subtree_ids(children, top)) for top in children[None]]


@require_safe
def section_detail(request, slug):
    section = get_object_or_404(Section.objects.select_related("parent", "parent__parent"), slug=slug)
    children = _section_children()
    stories = Article.objects.published().filter(section_id__in=_subtree_ids(children, section)).for_lists()
    page = paginate(stories, request, settings.NEWSROOM["PAGE_SIZE"])
    return render(
        request,
        "articles/section_detail.html",
        {"section": section, "subsections": children[section.pk], "page": page},
    )


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    stories = Article.objects.published().filter(bylines__person=person).for_lists()
    page = paginate(stories, request, settings.NEWSROOM["PAGE_SIZE"])
    return render(request, "articles/person_detail.html", {"person": person, "page": page})


def _date_or_404(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise Http404("No such date.") from exc


def resolve_article(request, year, month, day, slug, suffix=""):
    """The public story at this address, or a permanent redirect to its one true address.

    Returns (article, None) or (None, redirect). A story is found by its day and slug (any case);
    on another day, it is found when exactly one public story has that slug. `suffix` is the
    view's part of the path ("print/", "dictionary/"), kept across the redirect.
    """
    date = _date_or_404(year, month, day)
    public = _article_queryset().published()
    article = public.filter(pub_date=date, slug__iexact=slug).first()
    if article is None:
        gone = _withdrawn_response(request, date, slug)
        if gone is not None:
            return None, gone
        moved = find_redirect(date, slug)
        if moved is not None and moved.is_public:
            return None, redirect(moved.get_absolute_url() + suffix, permanent=True)
        elsewhere = list(public.filter(slug__iexact=slug)[:2])
        if len(elsewhere) != 1:
            raise Http404("No such story.")
        article = elsewhere[0]
    target = article.get_absolute_url() + suffix
    if request.path != target:
        return None, redirect(target, permanent=True)
    return article, None


def _withdrawn_response(request, date, slug):
    """410 Gone for a story the desk withdrew (at its address, or at an old address of it)."""
    withdrawn = Article.objects.filter(status=Article.Status.WITHDRAWN, pub_date=date, slug__iexact=slug).first()
    if withdrawn is None:
        moved = find_redirect(date, slug)
        withdrawn = moved if moved is not None and moved.status == Article.Status.WITHDRAWN else None
    if withdrawn is None:
        return None
    html = render_to_string("articles/article_withdrawn.html", {"date": withdrawn.pub_date}, request=request)
    return HttpResponse(html, status=410)


@require_safe
def article_detail(request, year, month, day, slug):
    article, moved = resolve_article(request, year, month, day, slug)
    if moved:
        return moved
    return render(request, "articles/article_detail.html", {"article": article, "section": article.section})


@require_safe
def article_print(request, year, month, day, slug):
    """The story made for paper: its links as numbered endnotes, its short address printed."""
    article, moved = resolve_article(request, year, month, day, slug, suffix="print/")
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
    article = get_object_or_404(_article_queryset(), pk=pk)
    if not can_preview(request.user, article):
        raise Http404("No such story.")
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "section": article.section, "preview": True},
    )


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
