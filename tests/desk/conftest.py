"""Fixtures for the editorial desk: people in the desk's roles, and the admin form as a browser posts it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from newsroom.roles import EDITORS, REPORTERS

from ..admin_forms import form_data  # noqa: F401 - the desk tests import it from here


def _member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reporter(db, django_user_model):
    return _member(django_user_model, "reporter", REPORTERS)


@pytest.fixture
def other_reporter(db, django_user_model):
    return _member(django_user_model, "other-reporter", REPORTERS)


@pytest.fixture
def editor(db, django_user_model):
    return _member(django_user_model, "editor", EDITORS)


@pytest.fixture
def second_editor(db, django_user_model):
    return _member(django_user_model, "second-editor", EDITORS)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reporter_client(reporter):
    return client_for(reporter)


@pytest.fixture
def editor_client(editor):
    return client_for(editor)


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


ADD_URL = "/admin/articles/article/add/"
CHANGELIST_URL = "/admin/articles/article/"


def hours_from_now(hours):
    return timezone.now() + datetime.timedelta(hours=hours)
