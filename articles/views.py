from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import levels
from .addresses import resolve_article
from .desk.workflow import can_preview
from .models import Article, Person, Section, shape_cards
from .pagination import paginate
from .printing import with_endnotes

HOME_LATEST = 12
HOME_PER_SECTION = 4


@require_safe
def home(request):
    public = Article.objects.published().card_rows().newest_first()
    latest = list(public[:HOME_LATEST])
    # One query per top section, each an index walk; the number of top sections is small and fixed.
    section_blocks = []
    tree = Section.tree(request)
    for section in tree[None]:
        stories = list(public.filter(section_id__in=section.descendant_ids(tree))[:HOME_PER_SECTION])
        if stories:
            section_blocks.append((section, stories))
    shape_cards([*latest, *(story for _, stories in section_blocks for story in stories)], request)
    return render(request, "articles/home.html", {"latest": latest, "section_blocks": section_blocks})


@require_safe
def section_detail(request, slug):
    section = get_object_or_404(Section.objects.select_related("parent", "parent__parent"), slug=slug)
    tree = Section.tree(request)
    public = Section.public_ids(tree)
    if section.pk not in public:  # no public story in it or under it: as if it did not exist
        raise Http404("No such section.")
    band = levels.band_from(request.GET.get("level"))
    stories = Article.objects.published().filter(section_id__in=section.descendant_ids(tree)).at_level(band)
    page = paginate(stories.for_cards(), request, settings.NEWSROOM["PAGE_SIZE"])
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
    stories = Article.objects.published().filter(bylines__person=person).at_level(band).for_cards()
    page = paginate(stories, request, settings.NEWSROOM["PAGE_SIZE"])
    return render(
        request,
        "articles/person_detail.html",
        {"person": person, "page": page, "level_band": band, "level_bands": levels.BANDS},
    )


@require_safe
def article_detail(request, year, month, day, slug):
    article, moved = resolve_article(request, year, month, day, slug)
    if moved:
        return moved
    return render(request, "articles/article_detail.html", {"article": article, "section": article.section})


@require_safe
def article_print(request, year, month, day, slug):
    """The story made for paper: its links as numbered endnotes, its short address printed."""
    article, moved = resolve_article(request, year, month, day, slug)
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
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "section": article.section, "preview": True},
    )
