"""Each public page costs a fixed number of queries, whatever the number of stories, bylines and photos.

Every page is measured on two archives of the same shape: a few stories with one byline and one photo
each, and many stories with three bylines and three photos each. The same pinned number must hold for
both, so a query per row in any list fails here. A change that adds a query to a page must change
the number here, with its reason.
"""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Byline, Photo
from newsroom import pagecache

from .factories import ArticleFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db

PAGE_SIZE = 5
SCALES = {
    # stories in each of the three leaf sections, bylines per story, photos per story
    "few": (2 * PAGE_SIZE + 2, 1, 1),
    "many": (6 * PAGE_SIZE + 3, 3, 3),
}

# What many pages repeat is kept in the cache (articles.fragments) until the next write: the section
# tree, which also gives the navigation its top sections (1 query, on the first page after a write),
# each story's card (articles.cards) and each story's related stories (below). The tests measure a
# page twice: the first render after the archive was written, which builds the fragments, and the next
# one, which finds them.
TREE = 1
# The cards of a list whose stories' cards are not kept yet: the bylines with their people (1) and the
# photos (1) of those stories together, however many. A page whose cards are all kept reads neither.
CARDS = 1 + 1
# A list page that shows nothing of its stories but their cards (home, sections, authors, topics) reads
# its lists as ids, and the rows of the stories whose cards are not kept (1 query for them all) before
# their CARDS; none of either once all are kept.
ROWS = 1
# Its lists of ids are kept too, until the next write or scheduled publication: when they are read, when
# the next scheduled story goes live (1: no kept list may outlive it; once per write, shared with the
# page cache and every other piece kept until then).
NEXT = 1
# Home: the latest stories and the latest of each top section (3 here, a small number the editors
# choose, never the number of stories): on PostgreSQL one query, a UNION ALL of an index walk each;
# where the database takes no LIMIT in a compound query's parts (SQLite), one query each (1 + 3).
HOME = 1 if connection.features.supports_slicing_ordering_in_compound else 1 + 3
# Section page: one page of stories (1), then their cards (ROWS, CARDS); the section, its parents, its subtree, its
# subsections and the stories' sections all come from the tree.
# A deep page is the same: its cursor is a condition in the same indexed query.
SECTION = 1
# Author page: the person (1), a page of their stories (1), then their cards (ROWS, CARDS).
AUTHOR = 1 + 1
# Topic page: the topic (1), a page of its stories (1), then their cards (ROWS, CARDS).
TOPIC = 1 + 1
# Once a list page's tree, lists and cards are kept: home and sections read nothing, an author's or a
# topic's page only the person or the topic (1).
KEPT = 0
KEPT_AUTHOR = KEPT_TOPIC = 1
# Article page: the story's row (1). Its section and the breadcrumb's parents come from the tree,
# linked: no query for a section at any depth. The story's own parts (its header, body, photos,
# bylines, corrections, topics, share links and related stories, and the head's metadata) are a
# fragment: when it is built, bylines (1), photos (1), corrections (1), topics (1). Under it the comment
# box, for anonymous readers a fragment, fresh with the story's comments: when it is built, a page of
# comments with their authors (1; their count too where the thread is longer than that page, not here),
# and the social login apps configured (1). Its related stories are a fragment too: when it is built,
# when the next scheduled story goes live (1: no fragment may outlive it; shared with the page cache,
# once per write), one indexed query of the newest ids of its section (1; kept, like its topics', for
# every story of the section), and the cards not kept (ROWS, CARDS; none when there is no related story,
# or when a list page has kept their cards).
STORY = 1
STORY_PARTS = 1 + 1 + 1 + 1
COMMENTS = 2
ARTICLE = STORY + STORY_PARTS + COMMENTS
RELATED = 1 + 1 + ROWS + CARDS
RELATED_LONE = 1 + 1


def assert_queries(client, url, first, then, django_assert_num_queries):
    """The page costs `first` queries when it builds the fragments, `then` when they are cached."""
    with django_assert_num_queries(first):
        client.get(url)
    with django_assert_num_queries(then):
        response = client.get(url)
    assert response.status_code == 200
    return response


def another_story_written():
    """What a write of a story on no list measured here does: every page stale, every card here kept
    (newsroom.invalidation). The next list page reads its tree, when the next scheduled story goes live,
    and its list again (TREE + NEXT + its own queries), and no card."""
    pagecache.bump(pagecache.SITE)


@pytest.fixture(params=list(SCALES))
def archive(request, settings):
    """Stories in National › Politics › Assembly, Business › Economy and Culture, at one scale."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_SIZE": PAGE_SIZE}
    per_section, byline_count, photo_count = SCALES[request.param]
    national = SectionFactory(name="National")
    assembly = SectionFactory(name="Assembly", parent=SectionFactory(name="Politics", parent=national))
    economy = SectionFactory(name="Economy", parent=SectionFactory(name="Business"))
    culture = SectionFactory(name="Culture")
    people = [PersonFactory() for _ in range(byline_count)]
    start = timezone.now() - datetime.timedelta(days=60)
    stories = []
    for n, section in enumerate(itertools.islice(itertools.cycle([assembly, economy, culture]), 3 * per_section)):
        stories.append(ArticleFactory(section=section, published_at=start + datetime.timedelta(hours=n)))
    ArticleFactory(section=assembly, draft=True)
    Byline.objects.bulk_create(
        Byline(article=story, person=person, position=i) for story in stories for i, person in enumerate(people)
    )
    Photo.objects.bulk_create(
        Photo(article=story, image=f"photos/{story.pk}-{i}.jpg", width=1200, height=800, caption=f"Caption {i}")
        for story in stories
        for i in range(photo_count)
    )
    return {
        "scale": request.param,
        "national": national,
        "assembly": assembly,
        "people": people,
        "stories": stories,
        "photo_count": photo_count,
    }


def test_home(client, archive, django_assert_num_queries):
    """Home: the latest stories and the latest of each top section, in HOME queries at any scale."""
    response = assert_queries(client, "/", TREE + NEXT + HOME + ROWS + CARDS, KEPT, django_assert_num_queries)
    assert len(response.context["latest"]) == 12
    assert [len(stories) for _, stories in response.context["section_blocks"]] == [4, 4, 4]
    # The bylines really are shown, from the prefetch: every person's name on every card.
    assert response.content.decode().count(archive["people"][-1].name) >= 12


def test_section_first_page(client, archive, django_assert_num_queries):
    """A top section lists its whole subtree, newest first, in SECTION queries at any scale."""
    url = archive["national"].get_absolute_url()
    response = assert_queries(client, url, TREE + NEXT + SECTION + ROWS + CARDS, KEPT, django_assert_num_queries)
    page = response.context["page"]
    newest = sorted(
        (s for s in archive["stories"] if s.section_id == archive["assembly"].pk),
        key=lambda s: s.published_at,
        reverse=True,
    )
    assert [a.pk for a in page.object_list] == [s.pk for s in newest[:PAGE_SIZE]]
    assert 'href="/section/politics/"' in response.content.decode()  # its subsection, from the same tree query


def test_section_deep_cursor_page(client, archive, django_assert_num_queries):
    """The last page reached by cursors costs what the first page costs (its cards kept on the way)."""
    url = archive["national"].get_absolute_url()
    page = client.get(url).context["page"]
    cursor, depth = page.next_cursor, 1
    while True:
        page = client.get(f"{url}?before={cursor}").context["page"]
        depth += 1
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert depth >= 3  # really a deep page, not the second one
    another_story_written()
    with django_assert_num_queries(TREE + NEXT + SECTION):
        response = client.get(f"{url}?before={cursor}")
    assert response.status_code == 200
    assert response.context["page"].object_list


def test_author_page(client, archive, django_assert_num_queries):
    """An author page lists a page of their stories in AUTHOR queries at any scale."""
    person = archive["people"][0]
    response = assert_queries(
        client, person.get_absolute_url(), TREE + NEXT + AUTHOR + ROWS + CARDS, KEPT_AUTHOR, django_assert_num_queries
    )
    assert len(response.context["page"].object_list) == PAGE_SIZE


def test_article_page(client, archive, django_assert_num_queries):
    """An article three sections deep, with all its bylines and photos, costs ARTICLE queries, and STORY
    (its row) once its fragments (its own parts and the anonymous comment box among them) are cached."""
    story = archive["stories"][0]
    url = story.get_absolute_url()
    response = assert_queries(client, url, TREE + ARTICLE + RELATED, STORY, django_assert_num_queries)
    html = response.content.decode()
    assert html.count('class="figure"') == archive["photo_count"]
    assert all(person.get_absolute_url() in html for person in archive["people"])
    assert 'href="/section/national/"' in html and 'href="/section/assembly/"' in html


def test_article_page_whose_related_cards_are_kept(client, archive, django_assert_num_queries):
    """Related stories are most often among the newest, whose cards a list page has kept: then the story's
    first view reads their ids alone (1; the tree and the next scheduled story were read by home)."""
    client.get("/")
    with django_assert_num_queries(ARTICLE + 1):
        response = client.get(archive["stories"][0].get_absolute_url())
    related = response.content.decode().split('id="related-heading"')[1]
    assert related.count('class="card__headline"') == 4


@pytest.mark.parametrize("depth", [4, 5, 7])
def test_deep_breadcrumb_costs_no_query_at_any_depth(client, depth, django_assert_num_queries):
    """Past the three levels the view loads with the story, the breadcrumb reads the (cached) tree."""
    section = None
    for level in range(depth):
        section = SectionFactory(name=f"Level {level}", parent=section)
    story = ArticleFactory(section=section)
    # A lone story: no related stories, so no query for their bylines and photos; the breadcrumb reads
    # the section tree the navigation reads.
    with django_assert_num_queries(TREE + ARTICLE + RELATED_LONE):
        response = client.get(story.get_absolute_url())
    crumbs = [s.name for s in response.context["article"].section.ancestry()]
    assert crumbs == [f"Level {level}" for level in range(depth)]


def test_breadcrumb_of_an_unusual_tree_stops_at_a_cycle(db):
    """A parent loop made outside the admin does not hang the breadcrumb."""
    a = SectionFactory(name="A")
    b = SectionFactory(name="B", parent=a)
    c = SectionFactory(name="C", parent=b)
    d = SectionFactory(name="D", parent=c)
    type(a).objects.filter(pk=a.pk).update(parent=d)
    fresh = type(a).objects.get(pk=d.pk)
    assert [s.name for s in fresh.ancestry()][-1] == "D"
    assert len(fresh.ancestry()) == 4


def test_unpublished_stories_are_not_counted_in(client, archive):
    """The draft in the archive is on no list page (the pinned pages show only public stories)."""
    draft = Article.objects.get(status=Article.Status.DRAFT)
    for url in ["/", archive["national"].get_absolute_url(), archive["assembly"].get_absolute_url()]:
        assert draft.headline not in client.get(url).content.decode()


@pytest.mark.parametrize("band", ["stories'", "nonsense"])
def test_section_page_filtered_by_level_costs_the_same(client, archive, band, django_assert_num_queries):
    """`?level=` is one more condition in the same indexed query: SECTION queries, at any scale (each page
    measured after a write elsewhere, its cards kept, as SECTION assumes)."""
    level = archive["stories"][0].level if band == "stories'" else band
    client.get(archive["national"].get_absolute_url(), {"level": level})
    another_story_written()
    with django_assert_num_queries(TREE + NEXT + SECTION):
        response = client.get(archive["national"].get_absolute_url(), {"level": level})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == PAGE_SIZE


def test_month_archive_filtered_by_level_costs_the_same(client, archive, django_assert_num_queries):
    """A month at one reading level costs no more than the whole month: the level is a condition, not a query.

    Three fewer: a month with no story at that level is an empty list, not a 404, so neither the
    month's existence nor its neighbours' are looked up (the neighbours are the calendar's).
    """
    when = archive["stories"][0].pub_date
    url = f"/{when.year}/{when.month:02d}/"
    client.get(url)  # builds the cached section tree and cards; both counts below are of a warm page
    client.get(url, {"level": archive["stories"][0].level})
    with CaptureQueriesContext(connection) as whole_month:
        client.get(url)
    with django_assert_num_queries(len(whole_month) - 3):
        response = client.get(url, {"level": archive["stories"][0].level})
    assert response.status_code == 200
    assert response.context["page_obj"].object_list


@pytest.mark.parametrize("band", ["stories'", "nonsense"])
def test_author_and_topic_pages_filtered_by_level_cost_the_same(client, archive, band, django_assert_num_queries):
    """`?level=` on an author's or a topic's page is a condition in the same query: AUTHOR and TOPIC
    queries, filtered or not; a band that is not one is ignored (the whole list)."""
    from articles.models import Topic

    level = archive["stories"][0].level if band == "stories'" else band
    topic = Topic.objects.create(name="Assembly business")
    Article.topics.through.objects.bulk_create(
        Article.topics.through(article=story, topic=topic) for story in archive["stories"]
    )
    person = archive["people"][0]
    pages = ((person.get_absolute_url(), AUTHOR, KEPT_AUTHOR), (topic.get_absolute_url(), TOPIC, KEPT_TOPIC))
    for url, pinned, kept in pages:
        client.get(url)  # builds the cached section tree and the cards
        client.get(url, {"level": level})
        another_story_written()
        with django_assert_num_queries(TREE + NEXT + pinned):
            client.get(url)
        another_story_written()
        with django_assert_num_queries(TREE + NEXT + pinned):
            response = client.get(url, {"level": level})
        with django_assert_num_queries(kept):
            client.get(url, {"level": level})
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == PAGE_SIZE
        assert response.context["level_band"] == (level if band == "stories'" else None)


@pytest.mark.parametrize("band", ["stories'", "nonsense"])
def test_year_and_day_archives_filtered_by_level_cost_the_same(client, archive, band, django_assert_num_queries):
    """A year or a day at one reading level costs no more than the whole period (a bad band: the
    same page and count as none). Fewer with a real band: a period with no story at that level is an
    empty list, not a 404, so neither its existence nor its neighbours' are looked up (the
    neighbours are the calendar's): 3 fewer for a year (is it empty, its neighbouring years), 5 for a day (is it
    empty, the neighbouring days and months)."""
    when = archive["stories"][0].pub_date
    fewer = {"year": 3, "day": 5} if band == "stories'" else {"year": 0, "day": 0}
    level = archive["stories"][0].level if band == "stories'" else band
    for period, url in (("year", f"/{when.year}/"), ("day", f"/{when.year}/{when.month:02d}/{when.day:02d}/")):
        client.get(url)  # builds the cached section tree and cards; both counts below are of a warm page
        client.get(url, {"level": level})
        with CaptureQueriesContext(connection) as whole:
            client.get(url)
        with django_assert_num_queries(len(whole) - fewer[period]):
            response = client.get(url, {"level": level})
        assert response.status_code == 200
        assert response.context["total" if period == "year" else "paginator"]
