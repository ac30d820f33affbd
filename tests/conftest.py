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


def pytest_itemcollected(item):
    # Browser tests run against a live server, on a transactional database that is flushed after each;
    # they get back what the migrations put there (groups, the site's pages) before each.
    if "tests/browser/" in str(item.path) and not item.get_closest_marker("django_db"):
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # pytest-django puts transactional tests last, as Django does, so that their flush cannot empty the
    # database under the others; pytest then regroups tests by Playwright's parametrized browser
    # fixture, which moves the browser tests back in among them. Put them last again (a stable sort).
    items.sort(key=_is_transactional)
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://... to run it")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(autouse=True)
def _page_cache(request, settings):
    """Tests marked page_cache run with the anonymous page cache on (tests/settings.py turns it off)."""
    if request.node.get_closest_marker("page_cache"):
        settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE": True}
