"""Addresses: old URLs keep working after a slug or date change; removal unpublishes; withdrawal answers 410."""

import datetime
import zoneinfo

import pytest

from articles.models import Article, ArticleRedirect
from tests.factories import ArticleFactory, PhotoFactory

from .conftest import CHANGELIST_URL, change_url, form_data

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
Status = Article.Status


def test_a_changed_slug_redirects_permanently_from_the_old_address(client, editor_client):
    story = ArticleFactory(headline="Alibaba CEO meets president")
    old_url = story.get_absolute_url()
    editor_client.post(change_url(story), form_data(story, slug="president-meets-alibaba-ceo"))
    story.refresh_from_db()
    assert story.slug == "president-meets-alibaba-ceo"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
    assert client.get(old_url + "print/")["Location"] == story.get_absolute_url() + "print/"


def test_a_changed_date_redirects_too_even_when_the_slug_is_not_unique(client, editor_client):
    """The old date and slug find the story, where the slug alone would be ambiguous."""
    when = datetime.datetime(2014, 8, 28, 9, tzinfo=SEOUL)
    story = ArticleFactory(headline="Weather", published_at=when)
    ArticleFactory(headline="Weather", published_at=when + datetime.timedelta(days=3))
    old_url = story.get_absolute_url()
    editor_client.post(change_url(story), form_data(story, published_at=when + datetime.timedelta(days=1)))
    story.refresh_from_db()
    assert story.pub_date == datetime.date(2014, 8, 29)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


def test_an_old_address_of_an_unpublished_story_is_a_404(client):
    story = ArticleFactory(headline="Moved then pulled")
    old_url = story.get_absolute_url()
    story.slug = "moved"
    story.save()
    story.status = Status.DRAFT
    story.save()
    assert client.get(old_url).status_code == 404


def test_moving_back_to_an_old_address_makes_it_live_again(client):
    story = ArticleFactory(headline="Back and forth")
    first = story.get_absolute_url()
    story.slug = "elsewhere"
    story.save()
    story.slug = "back-and-forth"
    story.save()
    assert client.get(first).status_code == 200
    assert ArticleRedirect.objects.filter(article=story).count() == 1


def test_the_form_says_kindly_when_a_slug_is_taken_that_day(editor_client):
    when = datetime.datetime(2014, 8, 28, 9, tzinfo=SEOUL)
    ArticleFactory(headline="Rain", published_at=when)
    story = ArticleFactory(headline="Snow", published_at=when)
    response = editor_client.post(change_url(story), form_data(story, slug="RAIN"))
    assert response.status_code == 200
    assert "already has this address" in response.content.decode()


def test_deleting_a_published_story_unpublishes_it_and_keeps_it(client, editor_client):
    story = ArticleFactory(headline="Removed but kept")
    PhotoFactory(article=story)
    confirm = editor_client.get(f"/admin/articles/article/{story.pk}/delete/")
    assert "not deleted" in confirm.content.decode()
    response = editor_client.post(f"/admin/articles/article/{story.pk}/delete/", {"post": "yes"}, follow=True)
    assert "it was not deleted" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert story.photos.count() == 1
    assert client.get(f"/{story.pub_date:%Y/%m/%d}/{story.slug}/").status_code == 404


def test_deleting_a_draft_deletes_it(editor_client):
    story = ArticleFactory(draft=True)
    editor_client.post(f"/admin/articles/article/{story.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=story.pk).exists()


def test_delete_selected_unpublishes_the_published_and_deletes_the_drafts(editor_client):
    live, draft = ArticleFactory(), ArticleFactory(draft=True)
    selection = {"action": "delete_selected", "_selected_action": [live.pk, draft.pk]}
    confirm = editor_client.post(CHANGELIST_URL, selection)
    assert confirm.status_code == 200 and "are not deleted" in confirm.content.decode()
    editor_client.post(CHANGELIST_URL, selection | {"post": "yes"})
    live.refresh_from_db()
    assert live.status == Status.DRAFT
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_a_withdrawn_story_answers_410_with_a_noindex_notice(client, editor_client):
    story = ArticleFactory(headline="Defamatory claim")
    url = story.get_absolute_url()
    editor_client.post(CHANGELIST_URL, {"action": "withdraw", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    for path in (url, url + "print/"):
        response = client.get(path)
        assert response.status_code == 410
        html = response.content.decode()
        assert "has been withdrawn" in html
        assert 'name="robots" content="noindex"' in html
        assert "Defamatory claim" not in html


def test_a_withdrawn_story_leaves_every_public_list(client, editor_client):
    story = ArticleFactory(headline="Pulled for legal reasons")
    editor_client.post(CHANGELIST_URL, {"action": "withdraw", "_selected_action": [story.pk]})
    assert not Article.objects.published().filter(pk=story.pk).exists()
    for url in ("/", story.section.get_absolute_url()):
        assert "Pulled for legal reasons" not in client.get(url).content.decode()


def test_an_editor_with_the_permission_can_reinstate_a_withdrawn_story(client, editor_client):
    story = ArticleFactory(status=Status.WITHDRAWN)
    response = editor_client.post(change_url(story), form_data(story, status="published"))
    assert response.status_code == 302
    assert client.get(story.get_absolute_url()).status_code == 200


def test_a_draft_cannot_be_withdrawn(editor_client):
    story = ArticleFactory(draft=True)
    response = editor_client.post(change_url(story), form_data(story, status="withdrawn"))
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_the_delete_page_of_a_published_story_does_not_say_it_will_be_deleted(editor_client):
    story = ArticleFactory(headline="Kept on removal")
    page = editor_client.get(f"/admin/articles/article/{story.pk}/delete/").content.decode()
    assert "It is not deleted" in page and "Take it off the site" in page
    assert "Are you sure you want to delete" not in page and "deleted-objects" not in page


def test_a_withdrawn_story_offers_no_removal(editor_client):
    story = ArticleFactory(status=Status.WITHDRAWN)
    page = editor_client.get(f"/admin/articles/article/{story.pk}/delete/").content.decode()
    assert "cannot be removed" in page and 'name="post"' not in page


def test_delete_selected_lists_only_the_drafts_as_deleted(editor_client):
    live, draft = ArticleFactory(headline="Published one"), ArticleFactory(draft=True, headline="Draft one")
    selection = {"action": "delete_selected", "_selected_action": [live.pk, draft.pk]}
    response = editor_client.post(CHANGELIST_URL, selection)
    deleted = " ".join(str(item) for item in response.context["deletable_objects"])
    assert "Draft one" in deleted and "Published one" not in deleted
    assert [s.pk for s in response.context["kept_stories"]] == [live.pk]
    assert response.content.decode().count('name="_selected_action"') == 2


def test_delete_selected_of_published_stories_only_offers_to_take_them_off(editor_client):
    live = ArticleFactory()
    response = editor_client.post(CHANGELIST_URL, {"action": "delete_selected", "_selected_action": [live.pk]})
    page = response.content.decode()
    assert "are not deleted" in page and "Take them off the site" in page
    assert "Are you sure you want to delete" not in page
