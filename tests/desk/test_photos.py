"""Photos: uploads are checked, renditions are made (by the task, once the save commits), and a
published story's photos are described."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import default_task_backend
from PIL import Image

from articles.desk import revisions
from articles.models import Article, Photo
from articles.photos import make_renditions, rendition_name
from newsroom.cluster import tasks
from tests.factories import ArticleFactory, PhotoFactory

from .conftest import change_url, client_for, form_data

pytestmark = pytest.mark.django_db


def image_bytes(width=800, height=600, kind="JPEG", color="navy"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, kind)
    return buffer.getvalue()


def png_header_only(width, height):
    """A tiny PNG whose header claims a huge picture: what a decompression bomb looks like to a server."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_photo(client, story, file, **fields):
    photo = {"caption": "Caption", "credit": "YONHAP", "alt_text": "A crowd", "position": 0, "image": file} | fields
    return client.post(change_url(story), form_data(story, photos=[photo]))


# Where a worker runs the tasks (the cluster), the request only queues them: the dummy backend keeps
# what is queued and runs nothing.
DEFERRED_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def queued(task):
    return [result for result in default_task_backend.results if result.task.func is task.func]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<html>not a picture</html>", "photo.jpg", "not a picture we can read"),
        (png_header_only(7_000, 7_000), "bomb.png", "more than the 40 million allowed"),
        (png_header_only(100_000, 100_000), "huge-bomb.png", "far too many pixels"),
        (image_bytes(kind="TIFF"), "scan.tif", "TIFF images are not accepted"),
        (image_bytes(kind="BMP"), "scan.bmp", "BMP images are not accepted"),
        (image_bytes(1200, 900)[:4000], "cut-short.jpg", "not a picture we can read"),
        (b"", "empty.jpg", "not a picture we can read"),
    ],
)
def test_a_bad_upload_gets_a_clear_message_not_a_500(editor_client, content, name, message):
    story = ArticleFactory(draft=True)
    response = post_photo(editor_client, story, upload(content, name))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Photo.objects.exists()


def test_an_oversized_file_is_refused_before_it_is_read(editor_client, settings):
    settings.NEWSROOM = settings.NEWSROOM | {"PHOTO_MAX_BYTES": 10_000}
    story = ArticleFactory(draft=True)
    response = post_photo(editor_client, story, upload(image_bytes(2000, 1500) + b"\0" * 20_000))
    assert response.status_code == 200
    assert "may be at most" in response.content.decode()
    assert not Photo.objects.exists()


def test_a_good_upload_is_stored_with_renditions_made_by_the_task(editor_client, django_capture_on_commit_callbacks):
    story = ArticleFactory(draft=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_photo(editor_client, story, upload(image_bytes(1000, 750)))
    assert response.status_code == 302
    # The desk asked for them once, through the task, after the story's save committed.
    assert len([c for c in callbacks if "request_renditions" in c.__qualname__]) == 1
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (1000, 750)
    assert photo.renditions == [320, 640, 960, 1000]
    for width in photo.renditions:
        with photo.image.storage.open(rendition_name(photo.image.name, width)) as handle, Image.open(handle) as img:
            assert img.format == "WEBP"
            assert img.size == (width, round(750 * width / 1000))


def test_without_the_commit_no_renditions_are_made(editor_client, django_capture_on_commit_callbacks):
    """The task waits for the commit: a save that never commits queues nothing."""
    story = ArticleFactory(draft=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert post_photo(editor_client, story, upload(image_bytes(700, 500))).status_code == 302
    assert len(callbacks) >= 1
    assert Photo.objects.get().renditions == []


def test_until_the_worker_has_made_them_the_desk_shows_renditions_pending(
    editor_client, settings, django_capture_on_commit_callbacks
):
    """With the task queued and not yet run, the story's photo list says so; once it has run, it does not."""
    settings.TASKS = DEFERRED_TASKS
    story = ArticleFactory(draft=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_photo(editor_client, story, upload(image_bytes(700, 500))).status_code == 302
    photo = Photo.objects.get()
    (result,) = queued(tasks.make_photo_renditions)
    assert result.args == [photo.pk] and photo.renditions == []
    page = editor_client.get(change_url(story)).content.decode()
    assert page.count("renditions pending") == 1

    tasks.make_photo_renditions.call(*result.args)  # what the worker does
    assert Photo.objects.get().renditions == [320, 640, 700]
    assert "renditions pending" not in editor_client.get(change_url(story)).content.decode()


def test_renditions_pending_is_in_korean_for_a_korean_desk(editor, settings):
    settings.TASKS = DEFERRED_TASKS
    photo = PhotoFactory(article__draft=True)
    client = client_for(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    page = client.get(change_url(photo.article)).content.decode()
    assert "크기별 사진 만드는 중" in page and "renditions pending" not in page


def test_a_caption_change_does_not_make_renditions_again(editor_client, django_capture_on_commit_callbacks):
    photo = PhotoFactory(article__draft=True)
    make_renditions(photo)
    data = form_data(photo.article) | {"photos-0-caption": "A better caption"}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert editor_client.post(change_url(photo.article), data).status_code == 302
    assert not [c for c in callbacks if "request_renditions" in c.__qualname__]
    photo.refresh_from_db()
    assert (photo.caption, photo.renditions) == ("A better caption", [320, 640, 960, 1200])


@pytest.mark.django_db(transaction=True)
def test_a_picture_that_cannot_be_resized_is_stored_and_the_editor_told(editor_client, monkeypatch):
    """Where tasks run at once the task runs at the admin's commit, before the response: the editor
    gets a warning. (A real commit: captured callbacks would run only after the response.)"""

    def broken(photo):
        raise OSError("cannot resize")

    monkeypatch.setattr(tasks, "make_renditions", broken)
    story = ArticleFactory(draft=True)
    response = post_photo(editor_client, story, upload(image_bytes(700, 500)))
    assert response.status_code == 302
    photo = Photo.objects.get()
    page = editor_client.get(response["Location"]).content.decode()
    assert f"Photo {photo.pk} is stored, but smaller versions could not be made." in page
    assert "renditions pending" in editor_client.get(change_url(story)).content.decode()


def test_renditions_are_retried_later_where_a_worker_runs_them(monkeypatch, settings):
    """The object store briefly away: the task is queued again for later, twice, then fails."""
    settings.TASKS = DEFERRED_TASKS
    photo = PhotoFactory()

    def away(photo):
        raise OSError("the store is away")

    monkeypatch.setattr(tasks, "make_renditions", away)
    assert tasks.make_photo_renditions.call(photo.pk) == []
    (retry,) = queued(tasks.make_photo_renditions)
    assert retry.args == [photo.pk, 2] and retry.task.run_after > retry.enqueued_at
    assert tasks.make_photo_renditions.call(photo.pk, 2) == []
    with pytest.raises(OSError, match="the store is away"):
        tasks.make_photo_renditions.call(photo.pk, 3)
    assert [r.args for r in queued(tasks.make_photo_renditions)] == [[photo.pk, 2], [photo.pk, 3]]


def test_a_photo_brought_back_by_a_restore_gets_its_renditions_from_the_task(
    editor_client, django_capture_on_commit_callbacks
):
    """A revision keeps no rendition widths: a restored photo asks the task for them again."""
    story = ArticleFactory(draft=True)
    PhotoFactory(article=story)
    assert editor_client.post(change_url(story), form_data(story)).status_code == 302
    old_version = next(iter(revisions.history(story)))
    story.refresh_from_db()
    data = form_data(story) | {"photos-0-DELETE": "on"}
    assert editor_client.post(change_url(story), data).status_code == 302
    assert not story.photos.exists()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = editor_client.post(f"/admin/articles/article/{story.pk}/revisions/{old_version.pk}/")
    assert response.status_code == 302
    assert len([c for c in callbacks if "request_renditions" in c.__qualname__]) == 1
    assert story.photos.get().renditions == [320, 640, 960, 1200]


def test_a_small_picture_gets_one_rendition_at_its_own_width():
    photo = PhotoFactory(image__width=200, image__height=100)
    assert make_renditions(photo) == [200]
    photo.refresh_from_db()
    assert photo.renditions == [200]


def test_article_page_offers_srcset_sizes_and_lazy_loading_below_the_fold(client):
    story = ArticleFactory()
    lead, second = PhotoFactory(article=story, position=0), PhotoFactory(article=story, position=1)
    for photo in (lead, second):
        make_renditions(photo)
    html = client.get(story.get_absolute_url()).content.decode()
    html = html[html.index("<body") :]  # the figures, not the image URLs in the head's metadata
    assert html.count('type="image/webp"') == 2
    assert f"{rendition_name(lead.image.name, 640)}" in html and "640w" in html and "1200w" in html
    assert 'width="1200" height="800"' in html
    lead_tag = html[html.index(lead.image.url) - 400 : html.index(lead.image.url) + 200]
    second_tag = html[html.index(second.image.url) : html.index(second.image.url) + 200]
    assert 'loading="lazy"' not in lead_tag.split("<img")[-1]
    assert 'loading="lazy"' in second_tag


def test_decorative_photo_has_empty_alt(client):
    story = ArticleFactory()
    PhotoFactory(article=story, decorative=True, alt_text="Should not be read out")
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'alt=""' in html
    assert "Should not be read out" not in html


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"caption": ""}, "caption"),
        ({"credit": ""}, "credit"),
        ({"alt_text": ""}, "alt text (or mark it decorative)"),
    ],
)
def test_publishing_needs_caption_credit_and_alt_text(editor_client, fields, missing):
    story = ArticleFactory(draft=True)
    data = form_data(story, status="published")
    data |= {
        "photos-TOTAL_FORMS": 1,
        "photos-0-image": upload(image_bytes()),
        "photos-0-caption": "Caption",
        "photos-0-credit": "NEWSIS",
        "photos-0-alt_text": "Alt",
        "photos-0-position": 0,
    } | {f"photos-0-{k}": v for k, v in fields.items()}
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 200
    assert f"needs {missing}" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT


def test_a_decorative_photo_may_be_published_without_alt_text(editor_client):
    story = ArticleFactory(draft=True)
    PhotoFactory(article=story, alt_text="", decorative=True)
    response = editor_client.post(change_url(story), form_data(story, status="published"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_public


def test_a_photo_whose_file_was_lost_in_an_import_does_not_block_publishing(editor_client):
    story = ArticleFactory(draft=True)
    PhotoFactory(article=story, image="", caption="", credit="", alt_text="")
    assert editor_client.post(change_url(story), form_data(story, status="published")).status_code == 302
    story.refresh_from_db()
    assert story.is_public


def test_the_publish_action_refuses_undescribed_photos(editor_client):
    story = ArticleFactory(draft=True)
    PhotoFactory(article=story, alt_text="")
    response = editor_client.post(
        "/admin/articles/article/", {"action": "publish", "_selected_action": [story.pk]}, follow=True
    )
    assert "needs alt text" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT


def test_make_renditions_command_fills_in_photos_that_came_without(capsys):
    """Imported and generated photos get their renditions from the command; lost files are passed over."""
    with_file = PhotoFactory()
    lost = PhotoFactory()
    lost.image.storage.delete(lost.image.name)
    assert with_file.renditions == [] and lost.renditions == []
    call_command("make_renditions")
    stored = dict(Photo.objects.values_list("pk", "renditions"))
    assert stored == {with_file.pk: [320, 640, 960, 1200], lost.pk: []}
    assert "renditions made for 1 photo(s); 0 failed" in capsys.readouterr().out
