"""A story's card, as every list of stories shows it (home, sections, authors, topics, archives, related).

A card is built in two steps. Its parts that do not depend on where it is shown (the photo, the
section and reading level, the headline's link, the dek, the bylines and date) are built once per story
and interface language, and kept in the cache like the other pieces many pages repeat
(articles.fragments): a page reads all its cards' parts at once (two get_many: their versions, then the
parts), and fetches bylines and photos only for the stories whose parts it did not find. Then each card
is put together from its parts with the options of its list (its photo or not, the lead card, its
heading level, its dek).

A card is kept under two versions (newsroom.invalidation): its story's ("card:<id>", bumped by a write
of the story, one of its bylines or one of its photos) and every card's ("cards", bumped by a section or
a person renamed, and by every write that bypasses signals). So a write makes only what it shows stale:
after a story is published or edited, a list page builds that story's card and reads the others kept.
The parts are built in Python (f-strings and html.escape) rather than by a template: a page lists up to
32 cards, and a card made by the template engine cost about 0.5 ms of CPU, most of a cold home page.
"""

from dataclasses import replace
from html import escape
from typing import NamedTuple

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext, ngettext, pgettext

from newsroom import pagecache

from . import fragments
from .models import Article, Section, people_and_photos
from .pagination import decode, paginate

# In every kept card's name: a release that changes Parts changes it, so that during a rolling deploy
# neither release reads the other's cards.
FORMAT = 1


class Parts(NamedTuple):
    """A card's HTML, but for what its list chooses, and its story's id. `photo` is the picture up to the
    place of its loading attribute and `photo_end` the rest ("" for a story without a photo to show)."""

    pk: int
    photo: str
    photo_end: str
    meta: str
    headline: str
    dek: str
    byline: str


def shape_cards(stories, request=None):
    """Stories fetched as card_rows() made ready for their cards, all lists of a page at once: their
    sections from the cached tree (with_sections()), then their cards' parts from the cache, built for
    the stories not found there (bylines and photos in two queries for those stories together)."""
    # A story may be in two lists of a page: one of its instances builds the card, each gets it.
    found = kept_parts({story.pk: story for story in with_sections(stories, request)}, build_parts, request)
    for story in stories:
        story.card_parts = found[story.pk]
    return stories


def cards_by_id(ids, request=None):
    """{id: Parts} for stories known only by id (public ones: the page's list queries found them), for a
    page that needs nothing of them but their cards. The kept parts are read from the cache; only the
    stories whose parts were not found are fetched (one query for them together, then their bylines and
    photos), so a page whose cards are all kept reads no story's row. A story gone since its list was
    read has no card."""

    def build(missing_ids):
        rows = Article.objects.filter(pk__in=missing_ids).card_rows().in_bulk()
        built = dict(zip(rows, build_parts(with_sections(list(rows.values()), request)), strict=True))
        return [built.get(pk) for pk in missing_ids]

    found = kept_parts({pk: pk for pk in ids}, build, request)
    return {pk: parts for pk, parts in found.items() if parts is not None}


def kept_parts(items, build, request):
    """{id: Parts} for {story id: what its card is built from}: read from the cache in two get_many (the
    cards' versions, then the cards), and for those not found, build([their items]) in one call."""
    names = {pk: card_name(pk) for pk in items}
    found = fragments.cached_many(
        {names[pk]: item for pk, item in items.items()},
        build,
        request,
        tags={name: card_tags(pk) for pk, name in names.items()},
    )
    return {pk: found[name] for pk, name in names.items()}


def page_of_cards(stories, request, name):
    """One page of `stories` (public ones, from the request's cursor: articles.pagination) as their cards.
    Only the stories' ids and dates are read (all the page's cursors need), and the page of ids is kept
    under `name` (what the list is, e.g. its section and reading level) and the cursor, like the other
    pieces pages repeat: until the next write or scheduled publication. Then the cards (cards_by_id())."""
    before, after = (request.GET.get(param) for param in ("before", "after"))
    for cursor in (before, after):  # a malformed one is a 404 before it is part of a key
        if cursor:
            decode(cursor)

    def page_of_ids():
        rows = stories.values_list("pk", "published_at", named=True)  # the cursors' fields
        page = paginate(rows, request, settings.NEWSROOM["PAGE_SIZE"])
        return replace(page, object_list=[row.pk for row in page.object_list])

    page = fragments.cached(f"page:{name}:{before or ''}:{after or ''}", page_of_ids, request)
    cards = cards_by_id(page.object_list, request)
    return replace(page, object_list=[cards[pk] for pk in page.object_list if pk in cards])


def with_sections(stories, request=None):
    """The stories with their sections from the cached tree (one instance per section, so each section's
    URL is reversed once for the page), not a query or a join."""
    sections = Section.by_id(Section.tree(request))
    for story in stories:
        if story.section_id in sections:  # else (a tree older than the story) its section loads itself
            story.section = sections[story.section_id]
    return stories


def card_name(pk):
    return f"card:{FORMAT}:{pk}:{get_language()}"


def card_tags(pk):
    """The versions a kept card depends on: every card's, and its own story's."""
    return (pagecache.CARDS, f"card:{pk}")


def build_parts(stories):
    """The cards' parts of stories whose parts are not kept: their bylines and photos read for all of
    them together (two queries), then each card's parts."""
    prefetch_related_objects(stories, *people_and_photos())
    return [card_parts(story) for story in stories]


def card_parts(article):
    """The parts of a story's card (Parts). Every value is escaped as the template escaped it (html.escape,
    which Django's escape wraps): they are plain text from the database and the catalogue, none of it
    already safe HTML."""
    url = escape(article.get_absolute_url())
    photo = photo_end = ""
    picture = article.lead_photo
    if picture is not None and picture.image:
        source = ""
        if picture.renditions:
            source = (
                f'<source type="image/webp" srcset="{escape(picture.webp_srcset)}"'
                ' sizes="(min-width: 48rem) 24rem, 100vw">'
            )
        size = f' width="{escape(str(picture.width))}" height="{escape(str(picture.height))}"' if picture.width else ""
        photo = (
            f'<a class="card__photo" href="{url}" tabindex="-1" aria-hidden="true"><picture>{source}'
            f'<img src="{escape(picture.image.url)}" alt=""{size}'
        )
        photo_end = ' decoding="async"></picture></a>'
    section = article.section
    kind = ""
    if article.kind != Article.Kind.NEWS:
        label = article.get_kind_display()
        if label != section.name:
            kind = f' <span class="kind kind--{escape(article.kind)}">{escape(label)}</span>'
    level = f" {reading_level(article)}" if article.level else ""
    people = article.byline_people
    names = ", ".join(escape(person.name) for person in people)
    if people:
        names += ' <span aria-hidden="true">·</span> '
    machine = shown = ""
    if article.published_at:
        published = localtime(article.published_at)
        machine = published.strftime("%Y-%m-%dT%H:%M:%S%z")  # the date filter's 'Y-m-d\TH:i:sO'
        shown = escape(date_format(published, pgettext("date format", "M j, Y")))
    return Parts(
        pk=article.pk,
        photo=photo,
        photo_end=photo_end,
        meta=(
            f'<p class="card__meta"><a href="{escape(section.get_absolute_url())}">{escape(section.name)}</a>'
            f"{kind}{level}</p>"
        ),
        headline=f'<a href="{url}" lang="en">{escape(article.headline)}</a>',
        dek=f'<p class="card__dek" lang="en">{escape(article.dek)}</p>' if article.dek else "",
        byline=f'<p class="card__byline">{names}<time datetime="{machine}">{shown}</time></p>',
    )


def story_card(article, *, show_photo=False, lead=False, level="3", no_dek=False):
    """A story's card: its photo (with `show_photo`), section, kind, reading level, headline, dek (unless
    `no_dek`), bylines and date; `level` is its headline's heading level, `lead` the page's first card (no
    lazy photo). `article` may be its card's parts (cards_by_id()); a story shaped for cards (shape_cards())
    brings its parts; any other has them built now."""
    kept = article if isinstance(article, Parts) else article.__dict__.get("card_parts")
    parts = kept or card_parts(article)
    photo = show_photo and parts.photo
    classes = "card" + (" card--lead" if lead else "") + (" card--photo" if photo else "")
    lazy = "" if lead else ' loading="lazy"'
    picture = f"{parts.photo}{lazy}{parts.photo_end}" if photo else ""
    level = escape(str(level or "3"))
    dek = "" if no_dek else parts.dek
    return mark_safe(
        f'<article class="{classes}">\n  {picture}\n  {parts.meta}\n'
        f'  <h{level} class="card__headline">{parts.headline}</h{level}>\n'
        f"  {dek}\n  {parts.byline}\n</article>\n"
    )


def story_cards(stories, *, photo="none", level="3", no_dek=False):
    """The cards of a list, one after another: with their photos for "all", for the "first" card alone,
    or for "none"; the other options as story_card()'s. One tag for a list costs less than a tag per card
    in a loop (the template engine resolves each tag's arguments again for every card)."""
    return mark_safe(
        "".join(
            story_card(story, show_photo=photo == "all" or (photo == "first" and n == 0), level=level, no_dek=no_dek)
            for n, story in enumerate(stories)
        )
    )


def search_results(stories):
    """Search's results, each a card without photo or dek but with its snippet (the window of its text
    around the match, articles.search.snippets): stories shaped for cards (shape_cards()), with a
    `snippet` of safe HTML."""
    return mark_safe("".join(search_result(story.card_parts, story.snippet) for story in stories))


def search_result(parts, snippet):
    return (
        f'<li class="search-result">\n  {parts.meta}\n  <h2 class="card__headline">{parts.headline}</h2>\n'
        f'  <p class="search-result__snippet" lang="en">{snippet}</p>\n  {parts.byline}\n</li>\n'
    )


def reading_level(article):
    """The story's reading level and minutes to read ("" for a story without a level)."""
    if not article.level:
        return ""
    minutes = ""
    if article.reading_minutes:
        count = ngettext("%(minutes)s min", "%(minutes)s min", article.reading_minutes) % {
            "minutes": article.reading_minutes
        }
        minutes = format_html(' <span aria-hidden="true">·</span> {}', mark_safe(count))
    return format_html(
        # The newline the included template ended with, kept so that no page changes by a byte.
        '<span class="reading-level" title="{}"><span class="visually-hidden">{} </span>{}{}</span>\n',
        gettext(
            "Reading level (A2 easiest, C2 hardest) and minutes to read, estimated from sentence length and how "
            "common the words are"
        ),
        gettext("Reading level"),
        article.level,
        minutes,
    )
