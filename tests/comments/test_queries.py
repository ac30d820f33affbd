"""A story's page costs the same number of queries with no comments and with 10,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from newsroom import pagecache

from .conftest import make_reader

pytestmark = pytest.mark.django_db


def add_comments(article, authors, n):
    Comment.objects.bulk_create(
        [Comment(article=article, author=authors[i % len(authors)], body=f"Comment {i} 한국어") for i in range(n)],
        batch_size=2000,
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def authors(django_user_model):
    return [make_reader(django_user_model, f"Reader {n}", f"reader{n}@example.com") for n in range(25)]


def test_story_page_query_count_does_not_grow_with_comments(client, story, authors, reader_client):
    """Anonymous and logged-in readers: equal query counts with 0 and 10,000 comments, pinned.

    Anonymous (3 when the box is built): the story's row (1, the core's; its own parts, its related
    stories, the navigation and the social login apps the newsroom configured are cached fragments,
    built by the first request and left in place by a comment), then the page of comments with their
    authors' profiles and the comment count (2). The anonymous box is a cached fragment too, built
    again after each comment (here: after the story's tag is bumped, as a comment's save bumps it), so
    the next anonymous request costs the core's 1.
    Logged in (9): the story's row, the page of comments and their count, plus the session and the
    user, whether the reader is barred, their comments awaiting approval, their display name and
    their words due (the menu); never a cached box.
    A thread that fits on its newest page is counted from that page: one query fewer (2 and 8).
    """
    url = story.get_absolute_url()
    count_queries(client, url)  # builds the fragments, which a comment leaves in place

    def counts():
        pagecache.bump(f"article:{story.pk}")
        return count_queries(client, url), count_queries(client, url), count_queries(reader_client, url)

    empty = counts()
    add_comments(story, authors, 10_000)
    full = counts()
    assert empty == (2, 1, 8)
    assert full == (3, 1, 9)


@pytest.mark.parametrize("extra", [-1, 0, 1, 25])
def test_the_count_is_every_visible_comment_whether_or_not_it_is_read_from_the_page(client, story, authors, extra):
    """The box's count, from its newest page where that page holds the whole thread, else counted: right
    at a page less one, a full page, a page and one more, and more; a comment awaiting approval is in
    neither."""
    from comments import conf

    add_comments(story, authors, conf.page_size() + extra)
    Comment.objects.create(article=story, author=authors[0], body="Awaiting approval", status=Comment.Status.PENDING)
    pagecache.bump(f"article:{story.pk}")
    html = client.get(story.get_absolute_url()).content.decode()
    assert f"{conf.page_size() + extra} comments</p>" in html


def test_thread_page_query_count_is_the_same_deep_in_the_thread(client, story, authors):
    """Page 1 and page 400 of a 10,000-comment thread cost the same (keyset, no OFFSET)."""
    add_comments(story, authors, 10_000)
    url = story.get_absolute_url() + "comments/"
    count_queries(client, url)  # builds the cached fragments (the navigation's section tree)
    first = count_queries(client, url)
    oldest_ids = list(Comment.objects.filter(article=story).order_by("id").values_list("id", flat=True)[:30])
    deep = count_queries(client, f"{url}?before={oldest_ids[25]}")
    assert first == deep
