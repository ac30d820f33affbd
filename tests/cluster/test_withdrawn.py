"""A withdrawn story's photo files stop being served; brought back, they are served again."""

import pytest
import requests

from .conftest import wait_for

pytestmark = pytest.mark.cluster


def test_a_withdrawn_storys_photos_stop_being_served(cluster):
    """Withdrawn, the story's picture is a 404 at the front within seconds (the worker moves it); restored, back."""
    article_id, image = cluster.manage(
        "from articles.models import Article; "
        "a = Article.objects.published().filter(photos__image__startswith='demo/').latest('published_at'); "
        "print(a.pk, a.photos.exclude(image='').first().image.name)"
    ).split()
    picture = f"{cluster.front}/media/{image}"

    def status():
        return requests.get(picture, timeout=10).status_code

    def set_status(value):
        # Withdrawing is the legal desk's right, not the demo editor's: the story is changed as the desk would.
        cluster.manage(
            f"from articles.models import Article; a = Article.objects.get(pk={article_id}); "
            f"a.status = Article.Status.{value}; a.save()"
        )

    assert status() == 200
    set_status("WITHDRAWN")
    try:
        withheld = wait_for(lambda: status() == 404, seconds=15, step=0.25)
    finally:
        set_status("PUBLISHED")
    restored = wait_for(lambda: status() == 200, seconds=15, step=0.25)

    assert withheld is not None, "the withdrawn story's picture is still served"
    assert restored is not None, "the restored story's picture did not come back"
