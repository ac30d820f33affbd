"""Topics (subjects across sections and years) and the related stories under an article."""

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import fragments, levels
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

    Read from two lists kept like a list page's (until the next write or scheduled publication) and shared
    by every story with the same topics or section: the newest public stories on any of these topics
    (count + 1 of them, so that `count` remain without the story itself) and the newest of the section
    (2 × count + 1: without the story and those already on its topics). So a story's first view reads
    no query for them once another story on its topics and of its section has been shown, and at most
    two (index walks newest first, ids alone) before; their cards come kept (cards_by_id()).
    """
    topic_ids = sorted(topic.pk for topic in article.topics.all())
    related = []
    if topic_ids:
        on_topics = Article.topics.through.objects.filter(article_id=OuterRef("pk"), topic_id__in=topic_ids)
        newest = newest_ids(f"topics:{','.join(map(str, topic_ids))}", Exists(on_topics), count + 1, request)
        related = [pk for pk in newest if pk != article.pk][:count]
    if len(related) < count:
        newest = newest_ids(f"section:{article.section_id}", Q(section_id=article.section_id), 2 * count + 1, request)
        related += [pk for pk in newest if pk != article.pk and pk not in related][: count - len(related)]
    cards = cards_by_id(related, request)
    return [cards[pk] for pk in related if pk in cards]


def newest_ids(name, condition, count, request=None):
    """The ids of the newest `count` public stories that meet `condition`, kept under `name`."""

    def build():
        public = Article.objects.published().filter(condition).newest_first()
        return list(public.values_list("pk", flat=True)[:count])

    return fragments.cached(f"newest:{name}:{count}", build, request)
