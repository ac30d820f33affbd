"""Photos: uploads are checked, renditions are made, and a published story's photos are described."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles.models import Article, Photo
from articles.photos import make_renditions, rendition_name
from tests.factories import ArticleFactory, PhotoFactory

from .conftest import change_url, form_data

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


def test_a_good_upload_is_stored_with_webp_renditions(editor_client):
    story = ArticleFactory(draft=True)
    response = post_photo(editor_client, story, upload(image_bytes(1000, 750)))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (1000, 750)
    assert photo.renditions == [320, 640, 960, 1000]
    for width in photo.renditions:
        with photo.image.storage.open(rendition_name(photo.image.name, width)) as handle, Image.open(handle) as img:
            assert img.format == "WEBP"
            assert img.size == (width, round(750 * width / 1000))


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
