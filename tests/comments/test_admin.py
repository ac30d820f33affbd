"""The editors' moderation queue in the admin."""

import pytest

from comments.models import Comment, CommentingBan, CommentReport

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"


def make(story, author, body, status=Comment.Status.PUBLISHED):
    return Comment.objects.create(article=story, author=author, body=body, status=status)


def test_queue_lists_reported_first_then_waiting_then_newest(staff_client, story, reader, other_reader):
    """Most reports on top, then comments awaiting approval, then the rest, newest first."""
    plain_old = make(story, reader, "Plain old comment")
    reported_once = make(story, reader, "Reported once")
    waiting = make(story, reader, "Waiting comment", status=Comment.Status.PENDING)
    reported_twice = make(story, reader, "Reported twice")
    plain_new = make(story, reader, "Plain new comment")
    CommentReport.objects.create(comment=reported_once, reporter=other_reader)
    CommentReport.objects.create(comment=reported_twice, reporter=other_reader)
    CommentReport.objects.create(comment=reported_twice, reporter=reader)
    html = staff_client.get(QUEUE).content.decode()
    order = [c.body for c in (reported_twice, reported_once, waiting, plain_new, plain_old)]
    positions = [html.index(body) for body in order]
    assert positions == sorted(positions)
    assert "Kim Min-ji" in html


def test_reported_filter(staff_client, story, reader, other_reader):
    reported = make(story, reader, "Reported one")
    make(story, reader, "Unreported one")
    CommentReport.objects.create(comment=reported, reporter=other_reader)
    html = staff_client.get(QUEUE + "?reported=yes").content.decode()
    assert "Reported one" in html and "Unreported one" not in html


def test_hide_in_bulk_removes_comments_from_the_story_but_keeps_them(staff_client, client, story, reader):
    """The hide action: readers no longer see the comments; the rows stay, marked with who hid them."""
    a, b = make(story, reader, "Offensive A"), make(story, reader, "Offensive B")
    response = staff_client.post(QUEUE, {"action": "hide", "_selected_action": [a.pk, b.pk]})
    assert response.status_code == 302
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Offensive A" not in page and "Offensive B" not in page
    hidden = Comment.objects.filter(status="hidden")
    assert hidden.count() == 2
    assert all(c.moderated_by.username == "desk" and c.moderated_at for c in hidden)


def test_approve_in_bulk_publishes_and_dismisses_reports(staff_client, client, story, reader, other_reader):
    """Approving publishes waiting comments and clears reports, so they leave the top of the queue."""
    waiting = make(story, reader, "Please approve me", status=Comment.Status.PENDING)
    reported = make(story, reader, "Wrongly reported")
    CommentReport.objects.create(comment=reported, reporter=other_reader)
    staff_client.post(QUEUE, {"action": "approve", "_selected_action": [waiting.pk, reported.pk]})
    assert set(Comment.objects.values_list("status", flat=True)) == {"published"}
    assert not CommentReport.objects.exists()
    assert "Please approve me" in client.get(story.get_absolute_url()).content.decode()


def test_delete_in_bulk(staff_client, story, reader):
    """Django's delete action, with its confirmation step, deletes for good."""
    a, b = make(story, reader, "Spam A"), make(story, reader, "Spam B")
    staff_client.post(QUEUE, {"action": "delete_selected", "_selected_action": [a.pk, b.pk], "post": "yes"})
    assert not Comment.objects.exists()


def test_bar_authors_from_commenting(staff_client, reader_client, story, reader):
    """Barring the author of a comment stops them posting."""
    comment = make(story, reader, "Troll")
    staff_client.post(QUEUE, {"action": "bar_authors", "_selected_action": [comment.pk]})
    ban = CommentingBan.objects.get()
    assert (ban.user, ban.barred_by.username) == (reader, "desk")
    response = reader_client.post(story.get_absolute_url() + "comments/", {"body": "Again"})
    assert response.status_code == 403


def test_editor_bars_a_reader_from_the_ban_page(staff_client, reader):
    response = staff_client.post("/admin/comments/commentingban/add/", {"user": reader.pk, "reason": "Spam"})
    assert response.status_code == 302
    assert CommentingBan.objects.get().barred_by.username == "desk"


def test_editors_change_status_but_cannot_rewrite_or_add_comments(staff_client, story, reader):
    """The change form changes the status only: the text is read-only and there is no add page."""
    comment = make(story, reader, "Readers' own words")
    assert staff_client.get("/admin/comments/comment/add/").status_code == 403
    staff_client.post(
        f"/admin/comments/comment/{comment.pk}/change/",
        {"status": "hidden", "body": "Rewritten", "reports-TOTAL_FORMS": "0", "reports-INITIAL_FORMS": "0"},
    )
    comment.refresh_from_db()
    assert (comment.status, comment.body) == ("hidden", "Readers' own words")
    assert comment.moderated_by.username == "desk"


def test_queue_with_many_comments_loads(staff_client, story, reader):
    Comment.objects.bulk_create([Comment(article=story, author=reader, body=f"c{i}") for i in range(300)])
    assert staff_client.get(QUEUE).status_code == 200
