"""Revision history: every save keeps a version; editors see what changed and restore an old version."""

import pytest

from articles.desk import revisions
from tests.factories import ArticleFactory, PersonFactory, PhotoFactory

from .conftest import CHANGELIST_URL, change_url, client_for, form_data

pytestmark = pytest.mark.django_db


def versions_of(article):
    return list(revisions.history(article))


def test_every_admin_save_keeps_a_version_with_who_and_what(editor, editor_client):
    story = ArticleFactory(headline="First headline")
    editor_client.post(change_url(story), form_data(story, headline="Second headline"))
    story.refresh_from_db()
    editor_client.post(change_url(story), form_data(story, dek="A new summary"))
    history = versions_of(story)
    assert len(history) == 3
    newest, older, baseline = history
    assert baseline.revision.get_comment() == revisions.BASELINE_COMMENT
    assert baseline.revision.user is None and baseline.field_dict["headline"] == "First headline"
    assert newest.revision.user == older.revision.user == editor
    assert "Summary" in newest.revision.get_comment() or "dek" in newest.revision.get_comment().lower()
    assert older.field_dict["headline"] == "Second headline"
    assert newest.field_dict["dek"] == "A new summary"


def test_a_version_holds_the_bylines_and_photos(editor_client):
    story = ArticleFactory()
    PhotoFactory(article=story, caption="Caption one")
    person = PersonFactory(name="Seo Ji-eun")
    editor_client.post(change_url(story), form_data(story, bylines=[(person, 0)]))
    snap = revisions.snapshot(versions_of(story)[0])
    assert [b["person_id"] for b in snap.bylines] == [person.pk]
    assert [p["caption"] for p in snap.photos] == ["Caption one"]


def test_the_first_desk_save_of_an_imported_story_can_be_compared_and_undone(editor_client):
    """A story that came in without history gets its stored state recorded before the desk's first save."""
    story = ArticleFactory(headline="As imported")
    editor_client.post(change_url(story), form_data(story, headline="Edited in the desk"))
    newest, baseline = versions_of(story)
    page = editor_client.get(f"/admin/articles/article/{story.pk}/revisions/{newest.pk}/").content.decode()
    assert "<del>As imported</del>" in page or "<del>As</del>" in page
    editor_client.post(f"/admin/articles/article/{story.pk}/revisions/{baseline.pk}/")
    story.refresh_from_db()
    assert story.headline == "As imported"


def test_the_version_page_shows_the_diff(editor_client):
    story = ArticleFactory(body="<p>The minister said yes.</p>")
    editor_client.post(change_url(story), form_data(story))
    story.refresh_from_db()
    editor_client.post(change_url(story), form_data(story, body="<p>The minister said no.</p>"))
    newest = versions_of(story)[0]
    response = editor_client.get(f"/admin/articles/article/{story.pk}/revisions/{newest.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>yes.</del>" in html and "<ins>no.</ins>" in html
    listing = editor_client.get(f"/admin/articles/article/{story.pk}/revisions/").content.decode()
    assert "editor" in listing and listing.count("/revisions/") >= 2


def test_restore_brings_back_text_bylines_and_photos_as_a_new_version(editor, editor_client):
    """Restoring puts back the old headline, bylines and photos; the restore itself is a new version."""
    first_author, second_author = PersonFactory(name="Kim Min-ji"), PersonFactory(name="Lee Ha-na")
    story = ArticleFactory(headline="Original headline")
    PhotoFactory(article=story, caption="Original photo")
    editor_client.post(change_url(story), form_data(story, bylines=[(first_author, 0)]))
    old_version = versions_of(story)[0]

    story.refresh_from_db()
    data = form_data(story, headline="Rewritten headline")
    byline = story.bylines.get()
    photo = story.photos.get()
    data |= {"bylines-0-person": second_author.pk, "photos-0-DELETE": "on"}
    assert data["bylines-0-id"] == byline.pk and data["photos-0-id"] == photo.pk
    assert editor_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Rewritten headline" and not story.photos.exists()
    assert story.byline_people == [second_author]

    response = editor_client.post(f"/admin/articles/article/{story.pk}/revisions/{old_version.pk}/")
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Original headline"
    assert story.byline_people == [first_author]
    assert [p.caption for p in story.photos.all()] == ["Original photo"]
    assert story.photos.get().image.name == photo.image.name
    history = versions_of(story)
    assert len(history) == 4  # before the desk, bylines added, rewritten, restored
    assert history[0].revision.user == editor
    assert "Restored" in history[0].revision.get_comment()


def test_restore_keeps_the_publishing_state(editor_client):
    """A restore puts back content, not status: an old draft version does not unpublish a live story."""
    story = ArticleFactory(draft=True, headline="Draft headline")
    editor_client.post(change_url(story), form_data(story))
    draft_version = versions_of(story)[0]
    story.refresh_from_db()
    editor_client.post(change_url(story), form_data(story, status="published", headline="Live headline"))
    editor_client.post(f"/admin/articles/article/{story.pk}/revisions/{draft_version.pk}/")
    story.refresh_from_db()
    assert story.headline == "Draft headline"
    assert story.is_public


def test_reporter_cannot_restore(reporter, editor_client):
    story = ArticleFactory(draft=True, created_by=reporter, headline="One")
    reporter_client = client_for(reporter)
    reporter_client.post(change_url(story), form_data(story))
    story.refresh_from_db()
    reporter_client.post(change_url(story), form_data(story, headline="Two"))
    old = versions_of(story)[1]
    assert reporter_client.get(f"/admin/articles/article/{story.pk}/revisions/{old.pk}/").status_code == 200
    response = reporter_client.post(f"/admin/articles/article/{story.pk}/revisions/{old.pk}/")
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline == "Two"


def test_history_of_another_reporters_story_is_forbidden(reporter, other_reporter):
    story = ArticleFactory(draft=True, created_by=other_reporter)
    assert client_for(reporter).get(f"/admin/articles/article/{story.pk}/revisions/").status_code == 403


def test_unknown_version_is_a_404(editor_client):
    story, other = ArticleFactory(), ArticleFactory()
    editor_client.post(change_url(other), form_data(other))
    foreign = versions_of(other)[0]
    assert editor_client.get(f"/admin/articles/article/{story.pk}/revisions/{foreign.pk}/").status_code == 404
    assert editor_client.get(f"/admin/articles/article/{story.pk}/revisions/999999/").status_code == 404


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [("publish", "draft", "published"), ("unpublish", "published", "draft"), ("withdraw", "published", "withdrawn")],
)
def test_bulk_actions_record_history(editor, editor_client, action, start, end):
    stories = [ArticleFactory(status=start, headline=f"Bulk {i}") for i in range(3)]
    editor_client.post(CHANGELIST_URL, {"action": action, "_selected_action": [s.pk for s in stories]})
    for story in stories:
        story.refresh_from_db()
        assert story.status == end
        history = versions_of(story)
        assert len(history) == 2
        assert history[0].revision.user == editor
        assert history[0].field_dict["status"] == end
        assert history[1].field_dict["status"] == start  # as it stood before the desk touched it


def test_versions_are_not_kept_for_deleted_inline_rows():
    """A revision holds the bylines and photos the story had after the save, not those removed by it."""
    story = ArticleFactory()
    PhotoFactory(article=story)
    revisions.save_with_revision(story, None, "first")
    story.photos.all().delete()
    revisions.save_with_revision(story, None, "second")
    newest, first = (revisions.snapshot(v) for v in versions_of(story)[:2])
    assert newest.photos == []
    assert len(first.photos) == 1
    assert not newest.revision.version_set.filter(content_type__model="photo").exists()


@pytest.mark.parametrize("saves", [1, 6])
def test_the_versions_page_costs_the_same_however_long_the_history(editor_client, django_assert_num_queries, saves):
    """Six queries: session, user, the story, the user's permissions (two: own and groups'), and the
    versions with their revision and its user joined in (the content type is in Django's cache)."""
    story = ArticleFactory()
    for i in range(saves):
        story.refresh_from_db()
        editor_client.post(change_url(story), form_data(story, dek=f"Summary {i}"))
    with django_assert_num_queries(6):
        response = editor_client.get(f"/admin/articles/article/{story.pk}/revisions/")
    assert response.content.decode().count("See this version") == saves + 1
