"""Two-factor sign-in for staff: with an authenticator set up, neither login opens with the password alone."""

import time

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

PASSWORD = "right password"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "desk", email="desk@example.com", password=PASSWORD, is_staff=True, is_superuser=True
    )
    user.emailaddress_set.create(email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def secret(editor):
    """TOTP set up for the editor, as /accounts/2fa/totp/activate/ does; its secret returned."""
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)
    return secret


def current_code(secret):
    """The code an authenticator app shows now, by allauth's own TOTP functions."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def desk_login(client, code=None, username="desk"):
    data = {"username": username, "password": PASSWORD, "next": "/admin/"}
    if code is not None:
        data["code"] = code
    return client.post("/admin/login/", data)


def test_the_password_alone_does_not_open_the_desk(secret, client):
    """A staff member with TOTP set up is asked for the code; the admin stays shut."""
    response = desk_login(client)
    assert response.status_code == 200
    assert "enter the code from your authenticator app as well" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_the_password_and_the_current_code_open_the_desk(secret, client):
    assert desk_login(client, current_code(secret))["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_counts_towards_the_lock(secret, client):
    """Wrong codes are failed sign-ins: five lock the account, so codes cannot be guessed."""
    wrong = f"{(int(current_code(secret)) + 1) % 1_000_000:06d}"
    response = desk_login(client, wrong)
    assert "That two-factor code is wrong or has been used" in response.content.decode()
    for _ in range(4):
        desk_login(client, wrong)
    assert desk_login(client, current_code(secret)).status_code == 303  # locked (accounts/throttle.py)
    assert "_auth_user_id" not in client.session


def test_a_code_cannot_be_used_twice(secret):
    code = current_code(secret)
    assert desk_login(Client(), code)["Location"] == "/admin/"
    assert "wrong or has been used" in desk_login(Client(), code).content.decode()


def test_a_recovery_code_opens_the_desk_once(editor, secret):
    """For a lost phone: each recovery code works once."""
    recovery = RecoveryCodes.activate(editor).get_unused_codes()[0]
    assert desk_login(Client(), recovery)["Location"] == "/admin/"
    assert desk_login(Client(), recovery).status_code == 200


def test_the_readers_login_asks_for_the_code_too(editor, secret, client):
    """The other door: allauth's login with the staff member's email stops at its two-factor stage."""
    response = client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_without_two_factor_sign_in_with_the_password_by_default(editor, client):
    assert desk_login(client)["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@override_settings(STAFF_REQUIRE_MFA=True)
def test_when_required_staff_set_it_up_before_the_admin(editor, client):
    """STAFF_REQUIRE_MFA: the admin sends a staff member without it to set up an authenticator first."""
    assert desk_login(client)["Location"] == "/admin/"
    response = client.get("/admin/articles/article/")
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=%2Fadmin%2Farticles%2Farticle%2F"
    page = client.get(response["Location"], follow=True)
    assert page.status_code == 200
    TOTP.activate(editor, generate_totp_secret())
    assert client.get("/admin/articles/article/").status_code == 200
