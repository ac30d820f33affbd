"""A photo uploaded through one app server: stored in the object store, served by the front, rendered by the worker."""

import json
import uuid
from io import BytesIO

import boto3
import pytest
import requests
from PIL import Image

from .conftest import form_fields, wait_for

pytestmark = pytest.mark.cluster


def jpeg(width=1100, height=700):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def test_a_photo_uploaded_through_one_app_server_is_served_from_the_object_store(cluster):
    """Uploaded on server B, the photo is in the bucket and at /media/ through the front; the worker renders it."""
    uid = uuid.uuid4().hex[:8]
    article_id = cluster.manage(
        "from articles.models import Article, Section; "
        f"a = Article.objects.create(headline='Cluster photo {uid}', slug='cluster-photo-{uid}', "
        "section=Section.objects.first(), body='<p>A picture, for the cluster test.</p>'); print(a.pk)"
    )
    base = cluster.apps[1]
    editor = cluster.login(base)
    change = f"{base}/admin/articles/article/{article_id}/change/"
    fields = form_fields(editor.get(change, timeout=10).text, "article_form")
    fields = [(n, v) for n, v in fields if "__prefix__" not in n and not n.startswith("photos-")]
    fields += [
        ("photos-TOTAL_FORMS", "1"),
        ("photos-INITIAL_FORMS", "0"),
        ("photos-0-caption", "A blue test card."),
        ("photos-0-credit", "NEWSROOM"),
        ("photos-0-alt_text", "A plain blue rectangle."),
        ("photos-0-position", "0"),
        ("photos-0-id", ""),
        ("photos-0-article", article_id),
        ("_continue", "Save and continue editing"),
    ]
    saved = editor.post(
        change,
        data=fields,
        files={"photos-0-image": (f"cluster-{uid}.jpg", jpeg(), "image/jpeg")},
        headers={"Referer": change},
        timeout=60,
    )
    assert saved.status_code == 200 and "errornote" not in saved.text, saved.text[:2000]

    def photo():
        return json.loads(
            cluster.manage(
                "import json; from articles.models import Photo; "
                f"p = Photo.objects.get(article_id={article_id}); "
                "from django_tasks_db.models import DBTaskResult; "
                "done = DBTaskResult.objects.filter(task_path='newsroom.cluster.tasks.make_photo_renditions', "
                "args_kwargs__args=[p.pk], status='SUCCESSFUL').values_list('worker_ids', flat=True).first(); "
                "print(json.dumps({'name': p.image.name, 'renditions': p.renditions, 'worker': done}))"
            )
        )

    rendered = wait_for(lambda: photo()["worker"], seconds=20, step=0.5)
    stored = photo()
    bucket = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{cluster.conf['S3_PORT']}",
        region_name="us-east-1",
        aws_access_key_id=cluster.secrets["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=cluster.secrets["S3_SECRET_ACCESS_KEY"],
    )
    original = requests.get(f"{cluster.front}/media/{stored['name']}", timeout=10)
    stem = stored["name"].rsplit(".", 1)[0]
    smallest = requests.get(f"{cluster.front}/media/renditions/{stem}-320w.webp", timeout=10)

    assert rendered is not None, "the worker never finished the renditions task"
    assert stored["renditions"] == [320, 640, 960, 1100]
    assert bucket.head_object(Bucket=cluster.conf["S3_BUCKET"], Key=stored["name"])["ContentLength"] > 0
    assert original.status_code == 200 and original.headers["Content-Type"] == "image/jpeg"
    assert smallest.status_code == 200 and smallest.headers["Content-Type"] == "image/webp"
    assert "x-amz-request-id" not in {name.lower() for name in original.headers}
