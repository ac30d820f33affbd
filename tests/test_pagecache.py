"""The page cache for anonymous readers: what it keeps, what it never keeps, and that it is never stale."""

import datetime

import pytest
import time_machine
from django.core.cache import cache, caches
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from newsroom import pagecache
from newsroom.cache import FailOpenRedisCache
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.page_cache]
# Redis expires an entry by its own clock, which time_machine does not move: there the tests that travel
# in time are replaced by ones reading the lifetime Redis was given (below).
ON_REDIS = isinstance(caches["default"], FailOpenRedisCache)
travels_in_time = pytest.mark.skipif(ON_REDIS, reason="Redis expires entries by its own clock: see the ttl tests")
on_redis = pytest.mark.skipif(not ON_REDIS, reason="reads the lifetime Redis gave an entry: REDIS_URL")


@pytest.fixture
def anonymous():
    return Client()


def get(client, url, **headers):
    return client.get(url, headers=headers)


def test_an_anonymous_page_is_kept_and_served_again(anonymous):
    """The second anonymous request of a page is a hit with the same body and headers that let others keep it."""
    story = ArticleFactory(headline="Moguls meet in Seoul")
    first = get(anonymous, story.get_absolute_url())
    second = get(anonymous, story.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first.content == second.content and b"Moguls meet in Seoul" in second.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]
    control = second["Cache-Control"]
    assert all(part in control for part in ("public", "max-age=30", "s-maxage=30", "stale-while-revalidate=60"))
    assert second["ETag"] == first["ETag"] and second["Last-Modified"] == first["Last-Modified"]
    assert second["Content-Length"] == first["Content-Length"] == str(len(second.content))


def test_a_conditional_get_is_answered_304(anonymous):
    story = ArticleFactory()
    etag = get(anonymous, story.get_absolute_url())["ETag"]
    response = get(anonymous, story.get_absolute_url(), if_none_match=etag)
    assert response.status_code == 304 and response["ETag"] == etag and not response.content
    modified = get(anonymous, story.get_absolute_url())["Last-Modified"]
    assert get(anonymous, story.get_absolute_url(), if_modified_since=modified).status_code == 304


def test_a_hit_is_the_whole_page_with_its_own_request_id_and_no_query(anonymous, django_assert_num_queries):
    """A hit is served before the other middleware: it carries every header they gave the page (security,
    CSP, language), a request id of its own, and needs no database (a kept page outlives a database outage)."""
    story = ArticleFactory()
    first = get(anonymous, story.get_absolute_url())
    with django_assert_num_queries(0):
        second = get(anonymous, story.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy",
        "X-Frame-Options",
        "Content-Language",
        "Vary",
    ):
        assert second[header] == first[header], header
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert get(anonymous, story.get_absolute_url(), x_request_id="reader-report-0001")["X-Request-ID"] != (
        "reader-report-0001"
    )  # as on a miss: an id is believed only from a trusted proxy


def test_a_304_says_what_it_varies_on(anonymous):
    story = ArticleFactory()
    etag = get(anonymous, story.get_absolute_url())["ETag"]
    response = get(anonymous, story.get_absolute_url(), if_none_match=etag)
    assert response.status_code == 304 and "Accept-Language" in response["Vary"]
    assert "public" in response["Cache-Control"] and response["X-Request-ID"]
    # The page's validators, and nothing of its body (a 304's Content-Length would be the page's).
    assert response["ETag"] == etag and response["Last-Modified"] and not response.has_header("Content-Length")


def test_static_files_are_not_looked_up(anonymous, monkeypatch):
    """Static files (WhiteNoise's, streamed and never kept) cost no cache read; pages do."""
    from newsroom import pagecache

    reads = []
    monkeypatch.setattr(pagecache, "page_key", lambda request: reads.append(request.path) or "pagecache:page:x")
    get(anonymous, "/static/css/site.css")
    get(anonymous, "/")
    assert reads == ["/"]


def test_pages_for_logged_in_readers_are_never_kept(django_user_model):
    """A logged-in reader's page is neither served from the cache nor put in it, and is marked private."""
    story = ArticleFactory()
    reader = Client()
    reader.force_login(django_user_model.objects.create_user("minji", password="pw"))
    response = get(reader, story.get_absolute_url())
    assert "X-Page-Cache" not in response and "private" in response["Cache-Control"]
    assert get(Client(), story.get_absolute_url())["X-Page-Cache"] == "miss"


def test_a_page_that_sets_a_cookie_is_never_kept(anonymous):
    """The login form carries a CSRF token in a cookie: it is rendered for each reader."""
    first = get(anonymous, reverse("account_login"))
    assert first.cookies and get(Client(), reverse("account_login")).get("X-Page-Cache") != "hit"


def test_previews_are_never_kept(staff_client):
    draft = ArticleFactory(draft=True)
    response = staff_client.get(reverse("articles:preview", args=[draft.pk]))
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert get(Client(), reverse("articles:preview", args=[draft.pk])).status_code in (302, 404)


def test_the_interface_language_is_part_of_the_key(anonymous):
    story = ArticleFactory()
    get(anonymous, story.get_absolute_url(), accept_language="en")
    assert get(Client(), story.get_absolute_url(), accept_language="ko")["X-Page-Cache"] == "miss"
    assert get(Client(), story.get_absolute_url(), accept_language="ko")["X-Page-Cache"] == "hit"


def test_publishing_a_story_shows_it_on_the_next_request(anonymous):
    """Home and the section list a story the very next request after it is published."""
    section = SectionFactory(name="National")
    ArticleFactory(section=section)
    draft = ArticleFactory(section=section, draft=True, headline="Late-night trains for the year end")
    for url in ("/", section.get_absolute_url()):
        get(anonymous, url)
        assert get(anonymous, url)["X-Page-Cache"] == "hit"
    draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
    draft.save()
    for url in ("/", section.get_absolute_url(), draft.get_absolute_url()):
        assert b"Late-night trains" in get(anonymous, url).content


def test_an_edited_headline_is_fresh_everywhere_at_once(anonymous):
    story = ArticleFactory(headline="Old headline for the story")
    for url in ("/", story.get_absolute_url(), story.get_absolute_url() + "print/"):
        get(anonymous, url)
    story.headline = "Corrected headline for the story"
    story.save()
    for url in ("/", story.get_absolute_url(), story.get_absolute_url() + "print/"):
        body = get(anonymous, url).content
        assert b"Corrected headline" in body and b"Old headline" not in body


def test_a_withdrawn_story_leaves_every_cached_page(anonymous):
    story = ArticleFactory(headline="A story the court withdrew")
    get(anonymous, "/")
    get(anonymous, story.get_absolute_url())
    story.status = Article.Status.WITHDRAWN
    story.save()
    assert b"A story the court withdrew" not in get(anonymous, "/").content
    assert get(anonymous, story.get_absolute_url()).status_code == 410


def test_a_new_comment_refreshes_its_story_and_leaves_other_pages_kept(anonymous, django_user_model):
    story = ArticleFactory()
    get(anonymous, "/")
    get(anonymous, story.get_absolute_url())
    reader = django_user_model.objects.create_user("minji", password="pw")
    Comment.objects.create(article=story, author=reader, body="Welcome, Jack Ma.", status=Comment.Status.PUBLISHED)
    page = get(anonymous, story.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "Welcome, Jack Ma." in page.content.decode()
    assert get(anonymous, "/")["X-Page-Cache"] == "hit"


@travels_in_time
def test_a_scheduled_story_appears_at_its_time_without_a_write(anonymous):
    """No entry outlives the next scheduled publication: at its time the story is on the cached home page."""
    now = timezone.now()
    ArticleFactory()
    ArticleFactory(headline="Scheduled for ten minutes on", published_at=now + datetime.timedelta(minutes=10))
    with time_machine.travel(now, tick=False):
        get(anonymous, "/")
        hit = get(anonymous, "/")
        assert hit["X-Page-Cache"] == "hit" and b"Scheduled for ten minutes on" not in hit.content
    with time_machine.travel(now + datetime.timedelta(minutes=10, seconds=1), tick=False):
        page = get(anonymous, "/")
        assert b"Scheduled for ten minutes on" in page.content


def test_search_is_never_kept(anonymous):
    ArticleFactory()
    get(anonymous, "/search/?q=story")
    assert get(anonymous, "/search/?q=story").get("X-Page-Cache") != "hit"


@travels_in_time
def test_where_reads_may_lag_a_page_rendered_just_after_a_write_is_kept_only_past_the_lag(anonymous, settings):
    """In the cluster a page may be rendered from a replica that has not replayed the write yet: an entry
    made within PAGE_CACHE_SETTLE seconds of the newest write it depends on lives only until that window
    ends, so the lagging copy cannot outlive it; later entries live their full time again."""
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SETTLE": 6}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        story = ArticleFactory(headline="Replica lag")
        assert get(anonymous, story.get_absolute_url())["X-Page-Cache"] == "miss"
        assert get(anonymous, story.get_absolute_url())["X-Page-Cache"] == "hit"
    with time_machine.travel(start + datetime.timedelta(seconds=7), tick=False):
        # The entry made within the window is gone once the window has passed, with no write since.
        assert get(anonymous, story.get_absolute_url())["X-Page-Cache"] == "miss"
    with time_machine.travel(start + datetime.timedelta(seconds=60), tick=False):
        assert get(anonymous, story.get_absolute_url())["X-Page-Cache"] == "hit"


def test_on_one_machine_a_page_rendered_just_after_a_write_lives_its_full_time(anonymous):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        story = ArticleFactory(headline="One machine")
        get(anonymous, story.get_absolute_url())
    with time_machine.travel(start + datetime.timedelta(seconds=60), tick=False):
        assert get(anonymous, story.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_level_filtered_archive_is_kept_apart_from_the_whole_one(anonymous):
    """The query string is part of the key: `?level=` pages are their own entries, never another's."""
    story = ArticleFactory(headline="Moguls meet in Seoul")
    year = f"/{story.pub_date:%Y}/"
    other = "C2" if story.level != "C2" else "A2"
    assert get(anonymous, year)["X-Page-Cache"] == "miss"
    filtered = get(anonymous, f"{year}?level={other}")
    assert filtered["X-Page-Cache"] == "miss"
    assert get(anonymous, f"{year}?level={other}")["X-Page-Cache"] == "hit"
    whole, at_level = get(anonymous, year), get(anonymous, f"{year}?level={other}")
    assert whole["X-Page-Cache"] == at_level["X-Page-Cache"] == "hit"
    assert f'aria-current="true">{other}</a>'.encode() in at_level.content
    assert f'aria-current="true">{other}</a>'.encode() not in whole.content


def redis_ttl(url):
    """The seconds Redis will keep the page kept for an anonymous English reader of `url`."""
    key = cache.make_key(pagecache.page_key(RequestFactory().get(url)))
    return cache._cache.get_client(key).ttl(key)


@on_redis
def test_on_redis_no_entry_outlives_the_next_scheduled_publication(anonymous):
    ArticleFactory()
    ArticleFactory(headline="Scheduled", published_at=timezone.now() + datetime.timedelta(minutes=2))
    assert get(anonymous, "/")["X-Page-Cache"] == "miss"
    assert 110 <= redis_ttl("/") <= 120
    story = ArticleFactory(published_at=timezone.now() - datetime.timedelta(minutes=1))
    get(anonymous, story.get_absolute_url())
    assert redis_ttl(story.get_absolute_url()) <= 120


@on_redis
def test_on_redis_where_reads_may_lag_an_entry_made_just_after_a_write_lives_only_past_the_lag(anonymous, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SETTLE": 6}
    story = ArticleFactory(headline="Replica lag")
    get(anonymous, story.get_absolute_url())
    assert 1 <= redis_ttl(story.get_absolute_url()) <= 7
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE_SETTLE": 0}
    other = ArticleFactory(headline="One machine")
    get(anonymous, other.get_absolute_url())
    assert redis_ttl(other.get_absolute_url()) > 250
