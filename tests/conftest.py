import pytest
from django.conf import settings
from django.test import Client

from .factories import ArticleFactory, PersonFactory, PhotoFactory, SectionFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def politics():
    national = SectionFactory(name="National")
    return SectionFactory(name="Politics", parent=national)


@pytest.fixture
def story(politics):
    """A published story with two bylines and a photo."""
    article = ArticleFactory(
        headline="President meets with Alibaba CEO",
        section=politics,
        authors=[PersonFactory(name="Seo Ji-eun", email="spring@joongang.co.kr"), PersonFactory(name="Kim Min-ji")],
    )
    PhotoFactory(article=article, caption="The president at the Blue House.", credit="NEWSIS")
    return article


@pytest.fixture
def staff_client(db, django_user_model):
    user = django_user_model.objects.create_user("desk", password="pw", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine}" + ("" if engine == "postgresql" else " (tests marked postgres are skipped)")


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://... to run it")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
