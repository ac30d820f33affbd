"""The desk's state changes, called directly: who may make each, what each checks, and the revision it saves."""

import datetime

import pytest
from django.utils import timezone

from articles.desk import actions, revisions
from articles.models import Article
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory

from .conftest import CHANGELIST_URL, hours_from_now

pytestmark = pytest.mark.django_db
Status = Article.Status


def latest_comment(article):
    return revisions.history(article).first().revision.get_comment()


def test_a_reporter_submits_their_own_draft_with_a_revision(reporter):
    story = ArticleFactory(draft=True, created_by=reporter)
    actions.submit(story, reporter)
    story.refresh_from_db()
    assert story.status == Status.REVIEW
    assert latest_comment(story) == "Submitted for review."
    assert revisions.history(story).first().revision.user == reporter


def test_a_reporter_may_not_submit_someone_elses_draft(reporter, other_reporter):
    story = ArticleFactory(draft=True, created_by=other_reporter)
    with pytest.raises(actions.DeskError, match="their own drafts"):
        actions.submit(story, reporter)
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert not revisions.history(story).exists()


def test_only_a_draft_is_submitted(editor):
    with pytest.raises(actions.DeskError, match="Only a draft"):
        actions.submit(ArticleFactory(), editor)


def test_an_editor_publishes_a_draft_now_with_a_revision(editor):
    story = ArticleFactory(draft=True)
    actions.publish(story, editor)
    story.refresh_from_db()
    assert story.is_public
    assert timezone.now() - story.published_at < datetime.timedelta(minutes=1)
    assert latest_comment(story) == "Published."
    assert revisions.history(story).count() == 2  # the story as it stood, then the change


@pytest.mark.parametrize(
    "change",
    [
        lambda story, user: actions.publish(story, user),
        lambda story, user: actions.schedule(story, user, hours_from_now(2)),
    ],
)
def test_a_reporter_may_not_publish_or_schedule(reporter, change):
    story = ArticleFactory(draft=True, created_by=reporter)
    with pytest.raises(actions.DeskError, match="Only an editor"):
        change(story, reporter)
    story.refresh_from_db()
    assert story.status == Status.DRAFT and story.published_at is None


def test_publishing_keeps_a_set_time(editor):
    when = hours_from_now(5)
    story = ArticleFactory(status=Status.REVIEW, published_at=when)
    actions.publish(story, editor)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.published_at == when and not story.is_public


def test_publishing_refuses_a_slug_another_story_has_on_the_day(editor):
    live = ArticleFactory(slug="same-slug")
    story = ArticleFactory(draft=True, slug="Same-Slug", published_at=None)
    with pytest.raises(actions.DeskError) as refused:
        actions.publish(story, editor, at=live.published_at)
    assert refused.value.message_dict["slug"] == [
        f"Another story on {live.pub_date:%Y-%m-%d} already has this address; change the slug."
    ]
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_publishing_refuses_undescribed_photos(editor):
    story = ArticleFactory(draft=True)
    PhotoFactory(article=story, credit="")
    with pytest.raises(actions.DeskError, match="Photo 1 needs credit"):
        actions.publish(story, editor)


def test_an_editor_schedules_a_story_for_later(editor):
    story = ArticleFactory(draft=True)
    when = hours_from_now(3)
    actions.schedule(story, editor, when)
    story.refresh_from_db()
    assert story.is_scheduled and story.published_at == when
    assert latest_comment(story) == f"Scheduled for {timezone.localtime(when):%Y-%m-%d %H:%M}."


def test_a_schedule_is_for_a_time_to_come(editor):
    story = ArticleFactory(draft=True)
    with pytest.raises(actions.DeskError, match="time to come"):
        actions.schedule(story, editor, hours_from_now(-1))


def test_an_editor_unpublishes_with_a_revision(editor, reporter):
    story = ArticleFactory()
    with pytest.raises(actions.DeskError, match="Only an editor"):
        actions.unpublish(story, reporter)
    actions.unpublish(story, editor)
    story.refresh_from_db()
    assert story.status == Status.DRAFT
    assert latest_comment(story) == "Unpublished."


def test_an_editor_withdraws_a_published_story_with_a_revision(editor, reporter):
    story = ArticleFactory()
    with pytest.raises(actions.DeskError, match="legal-withdrawal"):
        actions.withdraw(story, reporter)
    actions.withdraw(story, editor)
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    assert latest_comment(story) == "Withdrawn for legal reasons."
    with pytest.raises(actions.DeskError, match="Only a published story"):
        actions.withdraw(ArticleFactory(draft=True), editor)


def test_removing_deletes_a_draft_and_keeps_a_published_story(editor, reporter):
    draft, live = ArticleFactory(draft=True, created_by=reporter), ArticleFactory(created_by=reporter)
    with pytest.raises(actions.DeskError):
        actions.remove(live, reporter)
    assert actions.remove(draft, reporter) is True
    assert actions.remove(live, editor) is False
    assert not Article.objects.filter(pk=draft.pk).exists()
    live.refresh_from_db()
    assert live.status == Status.DRAFT
    assert latest_comment(live) == "Removed from the site: unpublished and kept as a draft."


def test_an_editor_restores_an_old_version_and_a_reporter_may_not(editor, reporter):
    story = ArticleFactory(headline="The first headline", created_by=reporter)
    revisions.save_with_revision(story, editor, "First save.")
    story.headline = "The second headline"
    revisions.save_with_revision(story, editor, "Second save.")
    first = list(revisions.history(story))[1]
    with pytest.raises(actions.DeskError, match="Only an editor"):
        actions.restore(story, first, reporter)
    actions.restore(story, first, editor)
    story.refresh_from_db()
    assert story.headline == "The first headline"
    assert latest_comment(story).startswith("Restored the version of")


def test_a_version_whose_section_is_gone_is_not_restored(editor):
    gone = SectionFactory()
    story = ArticleFactory(section=gone, headline="In the old section")
    revisions.save_with_revision(story, editor, "Saved in the old section.")
    story.section = SectionFactory()
    story.headline = "Moved"
    revisions.save_with_revision(story, editor, "Moved.")
    old = list(revisions.history(story))[1]
    gone.delete()
    with pytest.raises(actions.DeskError, match="section no longer exists"):
        actions.restore(story, old, editor)
    story.refresh_from_db()
    assert story.headline == "Moved"


@pytest.mark.parametrize(("count", "message"), [(1, "Published 1 story."), (3, "Published 3 stories.")])
def test_a_bulk_action_counts_in_words(editor_client, count, message):
    stories = [ArticleFactory(draft=True) for _ in range(count)]
    response = editor_client.post(
        CHANGELIST_URL, {"action": "publish", "_selected_action": [s.pk for s in stories]}, follow=True
    )
    assert message in response.content.decode()


def test_a_bulk_action_names_the_stories_it_left_and_why(editor_client):
    draft = ArticleFactory(draft=True)
    live = ArticleFactory(headline="Already out")
    response = editor_client.post(
        CHANGELIST_URL, {"action": "publish", "_selected_action": [draft.pk, live.pk]}, follow=True
    )
    page = response.content.decode()
    assert "Published 1 story." in page
    assert "1 story was left as it was. “Already out”: It is published, not a draft or submitted." in page
