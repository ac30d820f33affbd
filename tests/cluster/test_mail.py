"""Mail the site sends a reader is sent by the worker, not by the app server that answered the reader."""

import json
import uuid

import pytest
import requests

from .conftest import STATE, wait_for

pytestmark = pytest.mark.cluster


def test_a_password_reset_through_the_front_is_mailed_by_the_worker(cluster):
    """The reset answers at once; the send_mail task is done by the worker, and the mail written (EMAIL_FILE_PATH)."""
    address = f"reader-{uuid.uuid4().hex[:8]}@example.com"
    cluster.manage(
        "from django.contrib.auth import get_user_model; "
        f"u = get_user_model().objects.create_user('{address}', email='{address}', password=None); "
        f"u.emailaddress_set.create(email='{address}', primary=True, verified=True)"
    )
    reader = requests.Session()
    form = f"{cluster.front}/accounts/password/reset/"
    assert reader.get(form, timeout=10).status_code == 200
    response = reader.post(
        form,
        data={"email": address, "csrfmiddlewaretoken": reader.cookies["csrftoken"]},
        headers={"Referer": form},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.status_code

    def task():
        return json.loads(
            cluster.manage(
                "import json; from django_tasks_db.models import DBTaskResult; "
                "found = [(r.status, r.worker_ids) for r in DBTaskResult.objects.filter("
                "task_path='newsroom.cluster.tasks.send_mail').order_by('-enqueued_at')[:20] "
                f"if '{address}' in r.args_kwargs['args'][0]['to']]; print(json.dumps(found))"
            )
        )

    def mailed():
        return any(address in path.read_text(errors="replace") for path in (STATE / "mail").glob("*.log"))

    sent = wait_for(lambda: task() and task()[0][0] == "SUCCESSFUL", seconds=20, step=0.5)
    ((status, workers),) = task()
    assert sent is not None, f"the worker never sent the mail (task {status})"
    assert workers, "no worker took the task"
    assert mailed()
