import pytest
from django.test import Client

from accounts.models import Profile


def make_reader(django_user_model, name, email=None):
    email = email or f"{name.lower().replace(' ', '.')}@example.com"
    user = django_user_model.objects.create_user(username=email.split("@")[0], email=email, password="pw")
    Profile.objects.create(user=user, display_name=name)
    return user


@pytest.fixture
def reader(db, django_user_model):
    """A reader with a display name, whose email must never show."""
    return make_reader(django_user_model, "Kim Min-ji", "minji.private@example.com")


@pytest.fixture
def other_reader(db, django_user_model):
    return make_reader(django_user_model, "Park Ji-hoon", "jihoon@example.com")


def client_for(user):
    client = Client(enforce_csrf_checks=False)
    client.force_login(user)
    return client


@pytest.fixture
def reader_client(reader):
    return client_for(reader)


@pytest.fixture
def other_client(other_reader):
    return client_for(other_reader)
