"""Readers' accounts: sign up, log in and out, reset a password, export their data, delete it all."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from accounts.models import Profile
from comments.models import Comment, CommentingBan, CommentReport
from tests.comments.conftest import client_for, make_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return make_reader(django_user_model, "Kim Min-ji", "minji.private@example.com")


@pytest.fixture
def other_reader(django_user_model):
    return make_reader(django_user_model, "Park Ji-hoon", "jihoon@example.com")


def signup(client, **overrides):
    data = {
        "email": "newreader@example.com",
        "display_name": "New Reader",
        "password1": "a long and unusual passphrase",
        "password2": "a long and unusual passphrase",
    }
    return client.post("/accounts/signup/", data | overrides)


def test_sign_up_with_email_and_display_name(client):
    """Sign-up asks for an email, a display name and a password; the reader is logged in."""
    page = client.get("/accounts/signup/").content.decode()
    assert 'name="display_name"' in page and 'name="email"' in page
    assert '<link rel="stylesheet" href="/static/css/site.css">' in page
    response = signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="newreader@example.com")
    assert Profile.objects.get(user=user).display_name == "New Reader"
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    ("name", "message"),
    [("someone@example.com", "please do not use an email address"), ("   ", "This field is required")],
)
def test_display_name_is_never_an_email_or_blank(client, name, message):
    response = signup(client, display_name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.exists()


def test_log_in_with_email_and_log_out(client, reader):
    """Readers log in with their email address; logging out is a POST."""
    response = client.post("/accounts/login/", {"login": reader.email, "password": "pw"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reader.pk)
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_a_message_not_a_login(client, reader):
    response = client.post("/accounts/login/", {"login": reader.email, "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, reader):
    """The reset mail carries a link that sets a new password."""
    client.post("/accounts/password/reset/", {"email": reader.email})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reader.email]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    action = form.redirect_chain[-1][0] if form.redirect_chain else link
    response = client.post(action, {"password1": "brand new passphrase 42", "password2": "brand new passphrase 42"})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password("brand new passphrase 42")


def test_readers_log_in_page_is_not_the_admins(client):
    """Pages that need a login send readers to the readers' login, not the admin's."""
    response = client.get("/accounts/profile/")
    assert response["Location"].startswith("/accounts/login/?next=")
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_profile_changes_the_display_name(reader):
    client = client_for(reader)
    response = client.post("/accounts/profile/", {"display_name": "  Kim   M.  "})
    assert response.status_code == 302
    assert Profile.objects.get(user=reader).display_name == "Kim M."


def test_export_is_a_json_download_of_everything_about_the_reader(reader, other_reader, story):
    """The export has the account, comments (with their status) and reports; nobody else's data."""
    mine = Comment.objects.create(article=story, author=reader, body="내 댓글")
    theirs = Comment.objects.create(article=story, author=other_reader, body="Someone else's words")
    CommentReport.objects.create(comment=theirs, reporter=reader, reason="spam")
    response = client_for(reader).get("/accounts/profile/export/")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="newsroom-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == reader.email
    assert data["account"]["display_name"] == "Kim Min-ji"
    assert [c["body"] for c in data["comments"]] == ["내 댓글"]
    assert data["comments"][0]["url"].endswith(f"#comment-{mine.pk}")
    assert data["reports"] == [
        {"comment_id": theirs.pk, "reason": "spam", "created_at": data["reports"][0]["created_at"]}
    ]
    assert "Someone else's words" not in response.content.decode()
    assert data["barred_from_commenting"] is False


def test_export_needs_login(client):
    assert client.get("/accounts/profile/export/").status_code == 302


def test_deleting_the_account_removes_comments_and_keeps_hidden_ones_anonymised(reader, other_reader, story):
    """Published and waiting comments go; hidden ones stay authorless for the record; the user is gone."""
    Comment.objects.create(article=story, author=reader, body="Published words")
    Comment.objects.create(article=story, author=reader, body="Waiting words", status="pending")
    hidden = Comment.objects.create(article=story, author=reader, body="Hidden words", status="hidden")
    Comment.objects.create(article=story, author=other_reader, body="Other reader stays")
    CommentingBan.objects.create(user=reader)
    client = client_for(reader)
    assert client.post("/accounts/profile/delete/", {}).status_code == 400
    response = client.post("/accounts/profile/delete/", {"confirm": "on"})
    assert "Your account is deleted, with your 2 comments." in response.content.decode()
    assert not get_user_model().objects.filter(pk=reader.pk).exists()
    assert list(Comment.objects.values_list("body", flat=True).order_by("id")) == [
        "Hidden words",
        "Other reader stays",
    ]
    hidden.refresh_from_db()
    assert hidden.author is None and hidden.status == "hidden"
    assert "_auth_user_id" not in client.session
    assert "Published words" not in Client().get(story.get_absolute_url()).content.decode()


def test_editors_cannot_delete_their_account_from_the_readers_page(staff_client):
    response = staff_client.post("/accounts/profile/delete/", {"confirm": "on"})
    assert response.status_code == 403
    assert get_user_model().objects.filter(username="desk").exists()


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/3rdparty/",
        "/accounts/logout/",
        "/accounts/profile/",
    ],
)
def test_account_pages_render_in_the_sites_design(reader, url):
    """allauth's management pages use the site's base template, footer links included."""
    response = client_for(reader).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="masthead"' in html and 'href="/privacy/"' in html
    assert reader.email not in html or url == "/accounts/email/"


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_entrance_pages_render_for_visitors(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.content.decode()
