"""Roles and permissions on the desk: reporters write their own drafts; editors review, publish and correct."""

import pytest
from django.contrib.auth.models import Group, Permission

from articles.models import Article, Correction
from newsroom import roles
from newsroom.roles import EDITORS, REPORTERS
from tests.factories import ArticleFactory, SectionFactory

from .conftest import ADD_URL, CHANGELIST_URL, change_url, client_for, form_data, hours_from_now

pytestmark = pytest.mark.django_db
Status = Article.Status


def group_perms(name):
    return {f"{p.content_type.app_label}.{p.codename}" for p in Group.objects.get(name=name).permissions.all()}


def test_the_groups_hold_exactly_the_declared_permissions():
    """Each group holds its declared set, every declared permission exists, and nothing else is granted."""
    assert group_perms(REPORTERS) == roles.ROLES[REPORTERS]
    assert group_perms(EDITORS) == roles.ROLES[EDITORS]


def test_reporters_may_not_do_the_desks_work_and_editors_may_do_all_a_reporter_may():
    """Publishing, withdrawal, corrections, comments and pages are the editors'; reporters tag topics."""
    desk_only = {
        "articles.publish_article",
        "articles.withdraw_article",
        "articles.restore_article",
        "articles.delete_article",
        "articles.add_correction",
        "articles.change_topic",
        "comments.change_comment",
        "pages.change_page",
        "dictionary.change_koreangloss",
    }
    assert "articles.view_topic" in roles.ROLES[REPORTERS]
    assert not desk_only & roles.ROLES[REPORTERS]
    assert desk_only | roles.ROLES[REPORTERS] <= roles.ROLES[EDITORS]


def test_no_role_reaches_the_superusers_part_of_the_admin():
    """Users, groups and the login providers' secrets stay with superusers."""
    # Lifting a colleague's desk sign-in lock is the one accounts permission an editor holds: it
    # reaches no reader's data (accounts/admin.py).
    granted = (roles.ROLES[REPORTERS] | roles.ROLES[EDITORS]) - {"accounts.unlock_login"}
    assert not {perm for perm in granted if perm.split(".")[0] in {"auth", "socialaccount", "account", "accounts"}}


def test_a_flush_brings_the_groups_back_exactly():
    """A flushed database (as live-server tests leave it) gets both groups back, with their permissions."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) == {REPORTERS, EDITORS}
    assert group_perms(EDITORS) == roles.ROLES[EDITORS]


def test_a_changed_declaration_reaches_the_groups_on_the_next_migrate(monkeypatch):
    """Adding or removing a permission in newsroom/roles.py is enough: post_migrate makes the groups match."""
    from django.core.management import call_command

    reporters = roles.ROLES[REPORTERS] - {"articles.view_topic"} | {"pages.view_page"}
    monkeypatch.setitem(roles.ROLES, REPORTERS, reporters)
    Group.objects.get(name=EDITORS).permissions.add(Permission.objects.get(codename="view_user"))
    call_command("migrate", verbosity=0)
    assert group_perms(REPORTERS) == reporters
    assert group_perms(EDITORS) == roles.ROLES[EDITORS]


def test_reporter_writes_a_draft_and_submits_it_for_review(reporter, reporter_client):
    """A reporter's new story is theirs; they may save it as a draft or ready for review."""
    section = SectionFactory(name="Politics")
    data = form_data(headline="Assembly passes budget", section=section, body="<p>Text.</p>", status="review")
    response = reporter_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Article.objects.get(headline="Assembly passes budget")
    assert story.created_by == reporter
    assert story.status == Status.REVIEW
    assert story.published_at is None


def test_reporter_cannot_publish_through_the_form(reporter, reporter_client):
    """The status a reporter may set is checked on the server, whatever the browser sends."""
    story = ArticleFactory(draft=True, created_by=reporter)
    response = reporter_client.post(change_url(story), form_data(story, status="published"))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.status == Status.DRAFT


def test_reporter_cannot_schedule(reporter, reporter_client):
    """The publication time is read-only for reporters: a posted time is ignored."""
    story = ArticleFactory(draft=True, created_by=reporter)
    response = reporter_client.post(change_url(story), form_data(story, published_at=hours_from_now(5)))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.published_at is None


def test_reporter_cannot_edit_another_reporters_draft(reporter_client, other_reporter):
    story = ArticleFactory(draft=True, created_by=other_reporter, headline="Theirs")
    assert reporter_client.get(change_url(story)).status_code in (302, 403, 404)
    response = reporter_client.post(change_url(story), form_data(story, headline="Mine now"))
    assert response.status_code in (302, 403, 404)
    story.refresh_from_db()
    assert story.headline == "Theirs"


def test_reporter_sees_only_their_own_stories_in_the_list(reporter, reporter_client, other_reporter):
    ArticleFactory(draft=True, created_by=reporter, headline="My draft")
    ArticleFactory(draft=True, created_by=other_reporter, headline="Their draft")
    html = reporter_client.get(CHANGELIST_URL).content.decode()
    assert "My draft" in html
    assert "Their draft" not in html


def test_a_submitted_story_is_read_only_for_its_reporter(reporter, reporter_client):
    """Once submitted, the desk edits the story: its reporter sees it but cannot change it."""
    story = ArticleFactory(status=Status.REVIEW, published_at=None, created_by=reporter, headline="Submitted")
    response = reporter_client.get(change_url(story))
    assert response.status_code == 200
    assert b'name="headline"' not in response.content  # shown read-only
    response = reporter_client.post(change_url(story), form_data(story, headline="Changed"))
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline == "Submitted"


@pytest.mark.parametrize("action", ["publish", "unpublish", "withdraw", "delete_selected"])
def test_editor_only_actions_posted_by_a_reporter_do_nothing(reporter, reporter_client, action):
    """A reporter posting an editor's action gets no action: the admin only runs actions the user may run."""
    draft = ArticleFactory(draft=True, created_by=reporter)
    live = ArticleFactory(created_by=reporter)
    before = {a.pk: (a.status, a.published_at) for a in (draft, live)}
    response = reporter_client.post(
        CHANGELIST_URL, {"action": action, "_selected_action": [draft.pk, live.pk], "post": "yes"}, follow=True
    )
    assert response.status_code == 200
    after = {a.pk: (a.status, a.published_at) for a in Article.objects.filter(pk__in=before)}
    assert after == before


def test_reporter_may_submit_own_drafts_by_action(reporter, reporter_client, other_reporter):
    mine = ArticleFactory(draft=True, created_by=reporter)
    theirs = ArticleFactory(draft=True, created_by=other_reporter)
    reporter_client.post(CHANGELIST_URL, {"action": "submit_for_review", "_selected_action": [mine.pk, theirs.pk]})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == Status.REVIEW
    assert theirs.status == Status.DRAFT


def test_editor_publishes_a_submitted_story(editor_client, reporter):
    story = ArticleFactory(status=Status.REVIEW, published_at=None, created_by=reporter)
    response = editor_client.post(change_url(story), form_data(story, status="published"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_public


def test_editor_corrects_anyone_s_published_story(editor_client, reporter):
    story = ArticleFactory(created_by=reporter, headline="Typo in teh headline")
    response = editor_client.post(change_url(story), form_data(story, headline="Typo fixed in the headline"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Typo fixed in the headline"


def test_withdrawal_needs_its_own_permission(editor, reporter):
    """An editor without the legal-withdrawal permission may not withdraw, by form or by action."""
    editor.groups.clear()
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article", "publish_article"])
    )
    client = client_for(editor)
    story = ArticleFactory()
    response = client.post(change_url(story), form_data(story, status="withdrawn"))
    assert response.status_code == 200
    client.post(CHANGELIST_URL, {"action": "withdraw", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


def test_reporter_cannot_add_corrections(reporter_client):
    """Corrections are the editors' to append: a reporter has no form for them."""
    story = ArticleFactory()
    data = {"article": story.pk, "date": "2026-01-01", "kind": "correction", "text": "x"}
    response = reporter_client.post("/admin/articles/correction/add/", data)
    assert response.status_code == 403
    assert not Correction.objects.exists()


def test_reporter_previews_own_drafts_only(reporter_client, reporter, other_reporter):
    mine = ArticleFactory(draft=True, created_by=reporter, headline="My secret draft")
    theirs = ArticleFactory(draft=True, created_by=other_reporter)
    response = reporter_client.get(f"/preview/{mine.pk}/")
    assert response.status_code == 200
    assert b"Preview: this story is not public" in response.content
    assert "no-cache" in response["Cache-Control"]
    assert reporter_client.get(f"/preview/{theirs.pk}/").status_code == 404


def test_editor_previews_any_draft(editor_client, reporter):
    story = ArticleFactory(draft=True, created_by=reporter)
    assert editor_client.get(f"/preview/{story.pk}/").status_code == 200


def test_staff_without_a_role_cannot_preview(django_user_model):
    """Being staff is not enough: preview follows the admin's view permission."""
    user = django_user_model.objects.create_user("intern", password="pw", is_staff=True)
    story = ArticleFactory(draft=True)
    assert client_for(user).get(f"/preview/{story.pk}/").status_code == 404


def test_the_scheduled_view_lists_what_goes_live_next_first(editor_client):
    later = ArticleFactory(headline="Goes live later", published_at=hours_from_now(30))
    sooner = ArticleFactory(headline="Goes live sooner", published_at=hours_from_now(2))
    ArticleFactory(headline="Already live")
    ArticleFactory(draft=True, headline="Just a draft")
    response = editor_client.get(CHANGELIST_URL, {"state": "scheduled"})
    listed = list(response.context["cl"].result_list)
    assert listed == [sooner, later]
    assert "Scheduled for" in response.content.decode()
