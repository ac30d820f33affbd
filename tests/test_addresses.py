"""A story's address: every view under it finds the story the same way, and URLs are reversed, not joined."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from articles.models import Article, Section
from articles.pagination import STORIES, decode

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


@pytest.fixture
def moved():
    """A story that moved from /2014/08/28/old-name/ to /2014/08/29/new-name/."""
    story = ArticleFactory(headline="Old name", published_at=datetime.datetime(2014, 8, 28, 9, tzinfo=SEOUL))
    story.slug = "new-name"
    story.published_at += datetime.timedelta(days=1)
    story.save()
    return story


@pytest.mark.parametrize("view", ["", "print/", "dictionary/", "comments/"])
def test_an_old_address_redirects_to_the_same_view_at_the_new_one(client, moved, view):
    response = client.get(f"/2014/08/28/old-name/{view}")
    assert response.status_code == 301
    assert response["Location"] == f"/2014/08/29/new-name/{view}"


@pytest.mark.parametrize("view", ["", "print/", "dictionary/", "comments/"])
def test_a_slug_in_another_case_redirects_to_the_same_view(client, moved, view):
    response = client.get(f"/2014/08/29/NEW-Name/{view}")
    assert response.status_code == 301
    assert response["Location"] == f"/2014/08/29/new-name/{view}"


def test_every_view_under_a_story_is_reversed_from_its_route(moved):
    address = {"year": 2014, "month": 8, "day": 29, "slug": "new-name"}
    assert moved.address() == address
    assert moved.get_absolute_url() == reverse("articles:article", kwargs=address) == "/2014/08/29/new-name/"
    assert moved.get_print_url() == "/2014/08/29/new-name/print/"
    assert moved.get_dictionary_url() == reverse("dictionary:article", kwargs=address)
    assert moved.get_dictionary_url() == "/2014/08/29/new-name/dictionary/"
    assert moved.url_for("comments:thread") == "/2014/08/29/new-name/comments/"


def test_an_undated_draft_has_only_its_preview():
    """A draft without a date has no address yet: its page, print and dictionary links are its preview."""
    draft = ArticleFactory(draft=True)
    preview = f"/preview/{draft.pk}/"
    assert draft.get_absolute_url() == draft.get_print_url() == draft.get_dictionary_url() == preview


@pytest.mark.parametrize(
    "url", ["/2014/8/28/old-name/comments/", "/14/08/28/old-name/comments/", "/2014/08/2x/old-name/comments/"]
)
def test_the_comments_route_takes_only_the_dated_address_shape(client, moved, url):
    assert client.get(url).status_code == 404


def test_an_impossible_date_is_a_404_under_every_view(client, moved):
    for view in ("", "print/", "dictionary/", "comments/"):
        assert client.get(f"/2014/02/30/new-name/{view}").status_code == 404


def test_healthz_is_the_projects_and_answers_without_a_redirect(client):
    assert resolve("/healthz").func.__module__ == "newsroom.views"
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\ncache: ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_a_section_subtree_costs_one_query_at_any_depth():
    """One query for the whole tree, however deep; none when the tree is given or cached."""
    top = section = SectionFactory(name="Level 0")
    for level in range(1, 6):
        section = SectionFactory(name=f"Level {level}", parent=section)
    SectionFactory(name="Elsewhere")
    with CaptureQueriesContext(connection) as queries:
        ids = top.descendant_ids()
    assert len(queries) == 1
    assert len(ids) == 6 and ids[0] == top.pk and ids[-1] == section.pk
    with CaptureQueriesContext(connection) as queries:
        assert top.descendant_ids() == ids
    assert len(queries) == 0
    tree = Section.tree()
    with CaptureQueriesContext(connection) as queries:
        assert section.descendant_ids(tree) == [section.pk]
    assert len(queries) == 0


def test_keyset_pages_walk_stories_of_the_same_second_once_each_way():
    """Stories published in the same second are told apart by id: older pages and back give each once."""
    when = datetime.datetime(2020, 1, 1, 9, tzinfo=SEOUL)
    ids = sorted((ArticleFactory(published_at=when).pk for _ in range(5)), reverse=True)
    public = Article.objects.published()
    seen, page = [], STORIES.page(public, 2)
    while True:
        seen.extend(a.pk for a in page.object_list)
        if not page.next_cursor:
            break
        page = STORIES.page(public, 2, before=decode(page.next_cursor))
    assert seen == ids
    back = STORIES.page(public, 2, after=decode(page.prev_cursor))
    assert [a.pk for a in back.object_list] == ids[2:4]
