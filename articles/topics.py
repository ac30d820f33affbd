"""Topics (subjects across sections and years) and the related stories under an article."""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import levels
from .cards import cards_by_id, page_of_cards
from .models import Article, Topic

RELATED_COUNT = 4


@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.with_public_stories(), slug=slug)
    band = levels.band_from(request.GET.get("level"))
    stories = Article.objects.published().filter(topics=topic).at_level(band)
    page = page_of_cards(stories, request, f"topic:{topic.pk}:{band}")
    return render(
        request,
        "articles/topic_detail.html",
        {"topic": topic, "page": page, "level_band": band, "level_bands": levels.BANDS},
    )


@require_safe
def topic_list(request):
    return render(request, "articles/topic_list.html", {"topics": Topic.objects.with_public_stories()})


def related_stories(article, request=None, count=RELATED_COUNT):
    """The cards of the newest other public stories on the article's topics, then from its section.

    A fixed number of queries: the two lists are index walks newest first (LIMIT count) that read
    ids alone, and their cards come kept (cards_by_id()): the rows, bylines and photos of those not
    kept are fetched together.
    """
    topic_ids = [topic.pk for topic in article.topics.all()]
    public = Article.objects.published().exclude(pk=article.pk).newest_first().values_list("pk", flat=True)
    related = []
    if topic_ids:
        on_topic = Article.topics.through.objects.filter(article_id=OuterRef("pk"), topic_id__in=topic_ids)
        related = list(public.filter(Exists(on_topic))[:count])
    if len(related) < count:
        related += list(public.filter(section_id=article.section_id).exclude(pk__in=related)[: count - len(related)])
    cards = cards_by_id(related, request)
    return [cards[pk] for pk in related if pk in cards]
