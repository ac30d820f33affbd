"""The desk's pickers of people and topics list them by name, though their admins count stories."""

import warnings

import pytest
from django.core.paginator import UnorderedObjectListWarning

from articles.models import Topic
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("model_name=byline&field_name=person", lambda name: PersonFactory(name=name)),
        ("model_name=article&field_name=topics", lambda name: Topic.objects.create(name=name, slug=name.lower())),
    ],
)
def test_the_autocomplete_is_in_name_order(admin_client, field, make):
    make("Zed Zebra")
    make("Abe Aardvark")
    with warnings.catch_warnings():
        # An unordered page would be a different page from one request to the next.
        warnings.simplefilter("error", UnorderedObjectListWarning)
        response = admin_client.get(f"/admin/autocomplete/?app_label=articles&{field}&term=")
    assert [row["text"] for row in response.json()["results"]] == ["Abe Aardvark", "Zed Zebra"]
