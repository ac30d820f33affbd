"""The story form: statuses in the desk's order, its Submit and Publish buttons, and history in words."""

import pytest
from django.contrib.admin.models import LogEntry

from articles.desk import revisions
from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

from .conftest import ADD_URL, CHANGELIST_URL, change_url, form_data, hours_from_now

pytestmark = pytest.mark.django_db
Status = Article.Status


def test_statuses_are_offered_in_workflow_order(editor_client):
    form = editor_client.get(change_url(ArticleFactory(draft=True))).context["adminform"].form
    assert [label for _, label in form.fields["status"].choices] == [
        "Draft",
        "Ready for review",
        "Published",
        "Withdrawn (legal)",
    ]


def test_the_status_filter_is_in_workflow_order(editor_client):
    page = editor_client.get(CHANGELIST_URL).content.decode()
    positions = [page.index(f"status__exact={value}") for value in ("draft", "review", "published", "withdrawn")]
    assert positions == sorted(positions)


def test_a_reporter_gets_submit_but_not_publish(reporter_client, reporter):
    story = ArticleFactory(draft=True, created_by=reporter)
    page = reporter_client.get(change_url(story)).content.decode()
    assert 'name="_submit_for_review" value="Submit for review"' in page
    assert "_publish_now" not in page


def test_submit_for_review_saves_the_story_as_submitted(reporter_client, reporter):
    story = ArticleFactory(draft=True, created_by=reporter)
    data = form_data(story, headline="Ready now") | {"_submit_for_review": "Submit for review"}
    assert reporter_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.status == Status.REVIEW and story.headline == "Ready now"
    comment = revisions.history(story).first().revision.get_comment()
    assert comment.startswith("Submitted for review.") and "Changed Headline" in comment
    assert "Status" not in comment


def test_a_reporter_cannot_publish_with_the_editors_button(reporter_client, reporter):
    story = ArticleFactory(draft=True, created_by=reporter)
    response = reporter_client.post(change_url(story), form_data(story) | {"_publish_now": "Publish now"})
    assert response.status_code == 200
    assert "Only an editor may publish" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_publish_now_puts_a_new_story_on_the_site_now(editor_client):
    data = form_data(headline="Out now", section=SectionFactory(), body="<p>Text.</p>") | {"_publish_now": "1"}
    assert editor_client.post(ADD_URL, data).status_code == 302
    story = Article.objects.get(headline="Out now")
    assert story.is_public


def test_publish_now_does_not_wait_for_a_set_time(editor_client):
    story = ArticleFactory(status=Status.REVIEW, published_at=hours_from_now(5))
    editor_client.post(change_url(story), form_data(story) | {"_publish_now": "1"})
    story.refresh_from_db()
    assert story.is_public


def test_a_status_change_in_the_form_is_told_in_words(editor_client, editor):
    story = ArticleFactory()
    editor_client.post(change_url(story), form_data(story, status="draft"))
    entry = LogEntry.objects.filter(object_id=str(story.pk)).latest("pk")
    assert entry.get_change_message() == "Unpublished."
    assert revisions.history(story).first().revision.get_comment() == "Unpublished."
    history = editor_client.get(f"/admin/articles/article/{story.pk}/history/").content.decode()
    assert "Unpublished." in history and "Changed Status" not in history
