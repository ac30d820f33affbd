"""An editor's publish through one app server shows through the front within the micro-cache's bound."""

import pytest
import requests

from .conftest import wait_for

pytestmark = pytest.mark.cluster

# The front keeps an anonymous page 1 s, and may serve it one more second while it refreshes it;
# the replica's lag on loopback is milliseconds.
BOUND = 2.5


def act(session, base, action, article_id):
    changelist = f"{base}/admin/articles/article/"
    session.get(changelist, timeout=10)
    response = session.post(
        changelist,
        data={
            "action": action,
            "_selected_action": article_id,
            "index": "0",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": changelist},
        timeout=30,
    )
    assert response.status_code == 200, response.status_code


def front_status(cluster, path):
    return requests.get(cluster.front + path, timeout=10).status_code


def test_publish_through_app_server_a_shows_through_the_front(cluster):
    """Unpublished on server A, the story is gone from the front within the bound; published again, back."""
    article_id, path = cluster.manage(
        "from articles.models import Article; a = Article.objects.published().latest('published_at'); "
        "print(a.pk, a.get_absolute_url())"
    ).split()
    editor = cluster.login(cluster.apps[0])
    assert front_status(cluster, path) == 200

    act(editor, cluster.apps[0], "unpublish", article_id)
    gone = wait_for(lambda: front_status(cluster, path) == 404, seconds=BOUND)
    act(editor, cluster.apps[0], "publish", article_id)
    back = wait_for(lambda: front_status(cluster, path) == 200, seconds=BOUND)

    assert gone is not None, f"still served {BOUND} s after it was unpublished"
    assert back is not None, f"still missing {BOUND} s after it was published"
