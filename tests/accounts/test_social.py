"""Log in with X and Facebook: buttons only once the newsroom configures the apps; the OAuth
round trip runs for real except for the provider's servers, whose answers are mocked at the HTTP
layer (no callback can reach these machines)."""

import json
from unittest import mock
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.test import Client

from accounts.models import Profile
from comments.models import Comment

pytestmark = pytest.mark.django_db


def fake_response(payload, status=200):
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(payload).encode()
    response.headers["Content-Type"] = "application/json"
    return response


class FakeProvider:
    """Answers the token and profile requests allauth makes, and remembers them."""

    def __init__(self, routes):
        self.routes, self.calls = routes, []

    def __call__(self, session, method, url, *args, **kwargs):
        self.calls.append((method, url))
        for prefix, payload in self.routes.items():
            if url.startswith(prefix):
                return fake_response(payload)
        raise AssertionError(f"unexpected request to {url}")


def configure(provider, name):
    return SocialApp.objects.create(provider=provider, name=name, client_id="client-id", secret="client-secret")


def test_no_social_buttons_until_the_newsroom_configures_apps(client, story):
    """Without SocialApps, neither the comment box nor the login page offers X or Facebook."""
    for url in (story.get_absolute_url(), "/accounts/login/"):
        html = client.get(url).content.decode()
        # (The share links name Facebook too: the login buttons are what must be absent.)
        assert "Log in with X" not in html and "Log in with Facebook" not in html


def test_an_app_configured_or_removed_is_offered_or_not_at_the_next_view(client, story):
    """The apps are kept for every box and login page, and an app saved or deleted in the admin is in
    (or gone from) the next page of each, the box kept before it included."""
    url, button = story.get_absolute_url(), "/accounts/twitter_oauth2/login/"
    assert button not in client.get(url).content.decode()
    app = configure("twitter_oauth2", "X")
    for page in (url, "/accounts/login/"):
        assert button in client.get(page).content.decode(), page
    app.delete()
    for page in (url, "/accounts/login/"):
        assert button not in client.get(page).content.decode(), page


def test_buttons_appear_once_apps_are_configured(client, story):
    """With X and Facebook apps in the admin, the box and the login page show both."""
    configure("twitter_oauth2", "X")
    configure("facebook", "Facebook")
    box = client.get(story.get_absolute_url()).content.decode()
    assert "Log in with X" in box and "Log in with Facebook" in box
    assert "/accounts/twitter_oauth2/login/?" in box
    login = client.get("/accounts/login/").content.decode()
    assert "/accounts/twitter_oauth2/login/" in login and "/accounts/facebook/login/" in login


def start_login(client, provider, next_url):
    """POST to allauth's login view; it redirects to the provider with a state to come back with."""
    response = client.post(f"/accounts/{provider}/login/?{urlencode({'next': next_url})}")
    assert response.status_code == 302, response.content
    query = parse_qs(urlsplit(response["Location"]).query)
    return response["Location"], query["state"][0]


def test_x_login_creates_a_reader_named_from_their_x_profile(client, story):
    """X (OAuth2 with PKCE): the callback exchanges the code, reads the profile, logs the reader in
    with their X name as display name, and returns them to the story."""
    configure("twitter_oauth2", "X")
    next_url = story.get_absolute_url() + "#comments"
    location, state = start_login(client, "twitter_oauth2", next_url)
    assert location.startswith("https://x.com/i/oauth2/authorize?")
    fake = FakeProvider(
        {
            "https://api.x.com/2/oauth2/token": {"access_token": "token", "token_type": "bearer", "expires_in": 7200},
            "https://api.x.com/2/users/me": {"data": {"id": "4242", "name": "Jack Ma", "username": "jackma"}},
        }
    )
    with mock.patch.object(requests.Session, "request", autospec=True, side_effect=fake):
        response = client.get("/accounts/twitter_oauth2/login/callback/", {"code": "abc", "state": state})
    assert response.status_code == 302
    assert response["Location"] == next_url
    account = SocialAccount.objects.get(provider="twitter_oauth2")
    assert account.uid == "4242"
    assert Profile.objects.get(user=account.user).display_name == "Jack Ma"
    assert [url.split("?")[0] for _, url in fake.calls] == [
        "https://api.x.com/2/oauth2/token",
        "https://api.x.com/2/users/me",
    ]
    html = client.get(story.get_absolute_url()).content.decode()
    assert "You comment as Jack Ma." in html


def test_facebook_login_creates_a_reader(client, story):
    """Facebook: the Graph API's answer gives the display name; the email is kept but never shown."""
    configure("facebook", "Facebook")
    _location, state = start_login(client, "facebook", story.get_absolute_url())
    fake = FakeProvider(
        {
            "https://graph.facebook.com/": {"access_token": "token", "token_type": "bearer", "expires_in": 3600},
        }
    )
    profile = {"id": "7777", "name": "Lee Soo-jin", "email": "soojin@example.com", "first_name": "Soo-jin"}

    def answer(session, method, url, *args, **kwargs):
        if "/me" in url:
            fake.calls.append((method, url))
            return fake_response(profile)
        return fake(session, method, url, *args, **kwargs)

    with mock.patch.object(requests.Session, "request", autospec=True, side_effect=answer):
        response = client.get("/accounts/facebook/login/callback/", {"code": "abc", "state": state})
    assert response.status_code == 302
    user = SocialAccount.objects.get(provider="facebook", uid="7777").user
    assert user.email == "soojin@example.com"
    assert user.profile.display_name == "Lee Soo-jin"
    assert "Lee Soo-jin" in client.get(story.get_absolute_url()).content.decode()
    Comment.objects.create(article=story, author=user, body="Hello from Facebook")
    public = Client().get(story.get_absolute_url()).content.decode()
    assert "Lee Soo-jin" in public and "soojin" not in public


def test_a_forged_callback_state_logs_nobody_in(client):
    """A callback whose state was not issued to this browser is refused, and no account is made."""
    configure("twitter_oauth2", "X")
    start_login(client, "twitter_oauth2", "/")
    with mock.patch.object(requests.Session, "request", autospec=True, side_effect=AssertionError("no request")):
        response = client.get("/accounts/twitter_oauth2/login/callback/", {"code": "abc", "state": "forged"})
    assert response.status_code == 401
    assert "Third-Party Login Failure" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_provider_error_is_a_friendly_page(client):
    """The reader cancels at X: a page that says login failed, not a 500."""
    configure("twitter_oauth2", "X")
    _location, state = start_login(client, "twitter_oauth2", "/")
    response = client.get(
        "/accounts/twitter_oauth2/login/callback/", {"error": "access_denied", "state": state}, follow=True
    )
    assert response.status_code == 200
    assert "Login Cancelled" in response.content.decode()
    assert not SocialAccount.objects.exists()
