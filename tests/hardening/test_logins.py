"""Logins: the desk's throttled per account and address in the shared cache; readers' limits on
the real client address; password reset (and, in production, sign-up) does not say which emails exist."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings

from accounts import throttle

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("desk", password="right password", is_staff=True)


def desk_login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def test_the_right_password_is_refused_after_five_wrong_ones(editor, client):
    """Five wrong passwords lock the account: the sixth try, right or not, is refused with a message."""
    for _ in range(5):
        assert desk_login(client, "desk", "wrong").status_code == 200
    response = desk_login(client, "desk", "right password")
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert "Too many failed sign-ins" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_is_kept_in_the_shared_cache(editor):
    """The failures are counted in the cache every worker shares, not in one worker's memory."""
    for _ in range(5):
        desk_login(Client(), "desk", "wrong")  # a new client each time: nothing kept in a session
    assert cache.get(throttle._key("account", "desk", "lock"))
    assert desk_login(Client(), "DESK", "right password").status_code == 303


def test_one_address_guessing_many_accounts_is_locked_out(editor, client):
    """Twenty failures from one address, each for another username, lock that address."""
    for n in range(20):
        desk_login(client, f"guess{n}", "wrong")
    assert desk_login(client, "desk", "right password").status_code == 303
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert desk_login(other, "desk", "right password")["Location"] == "/admin/"


def test_an_editor_can_lift_the_lock(editor, client):
    """`manage.py unlock_login --user` lifts the lock; the right password then works."""
    for _ in range(5):
        desk_login(client, "desk", "wrong")
    call_command("unlock_login", user="desk", address="127.0.0.1")
    assert desk_login(client, "desk", "right password")["Location"] == "/admin/"


def test_a_success_forgets_earlier_failures(editor, client):
    """Four slips then a success do not count towards the next lock."""
    for _ in range(4):
        desk_login(client, "desk", "wrong")
    desk_login(client, "desk", "right password")
    client.logout()
    desk_login(client, "desk", "wrong")
    assert desk_login(client, "desk", "right password")["Location"] == "/admin/"


@pytest.fixture
def reader(django_user_model):
    user = django_user_model.objects.create_user("reader", email="reader@example.com", password="pw")
    user.emailaddress_set.create(email=user.email, primary=True, verified=True)
    return user


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_readers_limits_count_each_real_client_behind_the_proxy(reader):
    """Behind the front server, one reader's failed logins do not lock out every other reader."""
    noisy = Client(REMOTE_ADDR="10.0.0.1", headers={"x-forwarded-for": "198.51.100.1"})
    for n in range(10):
        noisy.post("/accounts/login/", {"login": f"nobody{n}@example.com", "password": "wrong"})
    refused = noisy.post("/accounts/login/", {"login": reader.email, "password": "pw"})
    assert "Too many failed login attempts" in refused.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.1", headers={"x-forwarded-for": "198.51.100.2"})
    assert other.post("/accounts/login/", {"login": reader.email, "password": "pw"}).status_code == 302


def test_password_reset_answers_the_same_for_known_and_unknown_emails(reader, client):
    """Reset says the same, and mails whoever asked, for an account that exists and one that does not."""
    known = client.post("/accounts/password/reset/", {"email": reader.email})
    unknown = client.post("/accounts/password/reset/", {"email": "stranger@example.com"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert sorted(message.to[0] for message in mail.outbox) == ["reader@example.com", "stranger@example.com"]


@override_settings(ACCOUNT_EMAIL_VERIFICATION="mandatory")  # as in deploy/newsroom.env.example
def test_in_production_signup_answers_the_same_for_a_taken_email(reader, client):
    """With verification mandatory, signing up with a taken email looks just like a new one."""

    def signup(email):
        password = "a long passphrase 42"
        data = {"email": email, "display_name": "Someone", "password1": password, "password2": password}
        return Client().post("/accounts/signup/", data)

    taken, new = signup(reader.email), signup("fresh@example.com")
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert reader._meta.model.objects.filter(email=reader.email).count() == 1
    assert {message.to[0] for message in mail.outbox} == {reader.email, "fresh@example.com"}
