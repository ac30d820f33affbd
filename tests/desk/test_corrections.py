"""Corrections: appended by editors, shown with the story and in print, listed publicly, in a feed."""

import datetime

import feedparser
import pytest

from articles.corrections import corrections_for_jsonld
from articles.models import Article, Correction
from tests.factories import ArticleFactory

from .conftest import change_url, form_data

pytestmark = pytest.mark.django_db


def add_correction(client, story, text, kind="correction", date="2026-11-20"):
    data = form_data(story)
    data |= {
        "corrections-TOTAL_FORMS": 1,
        "corrections-0-id": "",
        "corrections-0-article": story.pk,
        "corrections-0-date": date,
        "corrections-0-kind": kind,
        "corrections-0-text": text,
    }
    return client.post(change_url(story), data)


def test_editor_appends_a_correction_that_readers_see(client, editor, editor_client):
    story = ArticleFactory(headline="Exports rose 5 percent")
    response = add_correction(editor_client, story, "Exports rose 4 percent, not 5 percent.")
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.created_by == editor
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'id="corrections"' in html
    assert "Exports rose 4 percent, not 5 percent." in html
    assert '<time datetime="2026-11-20">November 20, 2026</time>' in html


def test_the_correction_is_in_the_print_view(client, story):
    Correction.objects.create(article=story, kind="clarification", text="The meeting was in Seoul.")
    html = client.get(story.get_print_url()).content.decode()
    assert "Clarification" in html and "The meeting was in Seoul." in html


def test_a_correction_is_part_of_the_story_history(editor_client):
    story = ArticleFactory()
    add_correction(editor_client, story, "A name was misspelled.")
    from articles.desk import revisions

    snap = revisions.snapshot(revisions.history(story).first())
    assert [c["text"] for c in snap.corrections] == ["A name was misspelled."]


def test_corrections_form_is_not_offered_on_an_unpublished_story(editor_client):
    story = ArticleFactory(draft=True)
    html = editor_client.get(change_url(story)).content.decode()
    assert "corrections-TOTAL_FORMS" not in html


def test_a_correction_to_an_undated_story_is_refused_in_the_corrections_admin(editor_client):
    story = ArticleFactory(draft=True)
    data = {"article": story.pk, "date": "2026-11-20", "kind": "correction", "text": "x"}
    response = editor_client.post("/admin/articles/correction/add/", data)
    assert response.status_code == 200
    assert "has not been published" in response.content.decode()
    assert not Correction.objects.exists()


def test_the_corrections_page_lists_only_corrections_of_public_stories(client):
    live = ArticleFactory(headline="Live story")
    Correction.objects.create(article=live, text="Live correction.")
    for hidden in (ArticleFactory(scheduled=True), ArticleFactory(status=Article.Status.WITHDRAWN)):
        Correction.objects.create(article=hidden, text=f"Hidden correction {hidden.status}.")
    draft = ArticleFactory(headline="Unpublished later")
    Correction.objects.create(article=draft, text="Hidden after unpublishing.")
    draft.status = Article.Status.DRAFT
    draft.save()
    response = client.get("/corrections/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Live correction." in html and f'href="{live.get_absolute_url()}#corrections"' in html
    assert "Hidden" not in html
    assert 'type="application/rss+xml"' in html and "/corrections/feed/" in html


@pytest.mark.parametrize("count", [1, 15])
def test_the_corrections_page_query_count_does_not_grow_with_the_list(client, django_assert_num_queries, count):
    """Three queries whatever the length: the paginator's count, the page (each story and its section
    joined in) and the section navigation."""
    for i in range(count):
        Correction.objects.create(article=ArticleFactory(), text=f"Correction {i}.")
    with django_assert_num_queries(3):
        assert client.get("/corrections/").status_code == 200


@pytest.mark.parametrize("page", ["0", "x", "99", "-1"])
def test_bad_page_numbers_are_404(client, page):
    Correction.objects.create(article=ArticleFactory(), text="One.")
    assert client.get(f"/corrections/?page={page}").status_code == 404


def test_the_feed_carries_public_corrections_newest_first(client):
    older = ArticleFactory(headline="Older story")
    newer = ArticleFactory(headline="Newer story")
    Correction.objects.create(article=older, text="Old fix.", date=datetime.date(2026, 1, 1))
    Correction.objects.create(article=newer, text="New fix.", date=datetime.date(2026, 2, 1), kind="clarification")
    Correction.objects.create(article=ArticleFactory(draft=True), text="Secret fix.")
    response = client.get("/corrections/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Clarification: Newer story", "Correction: Older story"]
    assert feed.entries[0].link.endswith(newer.get_absolute_url() + "#corrections")
    assert b"Secret fix." not in response.content


def test_corrections_for_jsonld_yields_correction_comments(story):
    Correction.objects.create(article=story, text="A date was wrong.", date=datetime.date(2026, 3, 4))
    assert list(corrections_for_jsonld(story)) == [
        {"@type": "CorrectionComment", "text": "Correction: A date was wrong.", "datePublished": "2026-03-04"}
    ]
