"""Sign-in locks in the admin: an editor sees who is locked out of the desk and lifts the lock, logged."""

import logging

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from accounts import throttle
from newsroom.roles import EDITORS, REPORTERS

pytestmark = pytest.mark.django_db

LOCKS = "/admin/accounts/loginlock/"


def staff(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(username, password="right password", is_staff=True, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def lock_out(username, address="203.0.113.9", tries=5):
    for _ in range(tries):
        Client(REMOTE_ADDR=address).post("/admin/login/", {"username": username, "password": "wrong"})


def desk_login(username, address="203.0.113.9"):
    response = Client(REMOTE_ADDR=address).post(
        "/admin/login/", {"username": username, "password": "right password", "next": "/admin/"}
    )
    return response.status_code, response.get("Location")


@pytest.fixture
def locked(django_user_model):
    """The account "desk" locked out after five wrong passwords from one address."""
    user = staff(django_user_model, "desk", REPORTERS)
    lock_out("desk")
    assert desk_login("desk")[0] == 303
    return user


def test_an_editor_sees_the_locked_account_with_an_unlock_button(locked, django_user_model):
    """The page lists the account from the shared cache, with a button per lock."""
    editor = staff(django_user_model, "editor", EDITORS)
    page = signed_in(editor).get(LOCKS)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Account desk" in html
    assert 'name="value" value="desk"' in html and ">Unlock</button>" in html


def test_unlock_lifts_the_lock_and_is_logged(locked, django_user_model, caplog):
    """After Unlock the right password works at once; the lift is in the log and the account's history."""
    editor = staff(django_user_model, "editor", EDITORS)
    client = signed_in(editor)
    with caplog.at_level(logging.WARNING, logger="accounts.throttle"):
        response = client.post(LOCKS, {"kind": "account", "value": "desk"}, follow=True)
    assert "Lifted the lock on the account desk." in response.content.decode()
    assert "Account desk" not in response.content.decode()
    assert desk_login("desk") == (302, "/admin/")
    assert "Desk sign-in lock lifted for account 'desk' by editor" in caplog.text
    entry = LogEntry.objects.get(object_id=str(locked.pk))
    assert (entry.user, entry.change_message) == (editor, "Lifted the desk sign-in lock")


def test_a_locked_address_is_listed_and_lifted(django_user_model):
    """Twenty failures from one address lock it; the address is listed, and Unlock lets it in again."""
    staff(django_user_model, "desk")
    for n in range(20):
        Client(REMOTE_ADDR="198.51.100.7").post("/admin/login/", {"username": f"guess{n}", "password": "x"})
    assert desk_login("desk", "198.51.100.7")[0] == 303
    client = signed_in(staff(django_user_model, "chief", is_superuser=True))
    assert "Address 198.51.100.7" in client.get(LOCKS).content.decode()
    client.post(LOCKS, {"kind": "address", "value": "198.51.100.7"})
    assert desk_login("desk", "198.51.100.7") == (302, "/admin/")


def test_a_lock_lifted_from_the_command_line_or_expired_is_not_listed(locked, django_user_model):
    """The list reads the lock keys themselves: one lifted elsewhere or expired is gone from it."""
    client = signed_in(staff(django_user_model, "editor", EDITORS))
    throttle.lift(username="desk")
    assert "Account desk" not in client.get(LOCKS).content.decode()
    lock_out("desk")
    cache.delete(throttle._key("account", "desk", "lock"))  # what expiry does
    assert "No account or address is locked out now." in client.get(LOCKS).content.decode()


def test_a_reporter_may_neither_see_nor_lift_locks(locked, django_user_model):
    """Only superusers and holders of accounts.unlock_login (the Editors role): a reporter gets 403."""
    client = signed_in(staff(django_user_model, "reporter", REPORTERS))
    assert client.get(LOCKS).status_code == 403
    assert client.post(LOCKS, {"kind": "account", "value": "desk"}).status_code == 403
    assert desk_login("desk")[0] == 303
    assert "Sign-in locks" not in client.get("/admin/").content.decode()


def test_a_bad_unlock_request_gets_a_message_not_a_500(django_user_model):
    client = signed_in(staff(django_user_model, "editor", EDITORS))
    response = client.post(LOCKS, {"kind": "everything", "value": ""}, follow=True)
    assert response.status_code == 200
    assert "Choose a lock to lift." in response.content.decode()


def test_the_page_is_in_the_admin_index_for_editors(django_user_model):
    assert "Sign-in locks" in signed_in(staff(django_user_model, "editor", EDITORS)).get("/admin/").content.decode()
