"""Photos are decoded under a memory budget: refused by decoded size before decoding, reduced on load."""

import io
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles import photos
from articles.models import Photo
from articles.photos import ImageTooLarge, make_renditions, rendition_name
from tests.factories import ArticleFactory, PhotoFactory

from .conftest import change_url, form_data

pytestmark = pytest.mark.django_db


def encoded(image, kind="PNG", **options):
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def png_header_only(width, height, colour_type=6):
    """A PNG that claims `width` × `height` (RGBA by default) and holds no pixels: read by its header only."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def post_photo(client, story, content, name):
    photo = {"caption": "Caption", "credit": "YONHAP", "alt_text": "A crowd", "position": 0}
    photo["image"] = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(change_url(story), form_data(story, photos=[photo]))


def stored_photo(content, name="photos/2026/01/stored.png"):
    photo = PhotoFactory()
    photo.image.storage.delete(photo.image.name)
    photo.image.name = photo.image.storage.save(name, ContentFile(content))
    photo.save()
    return photo


def rendition(photo, width):
    with photo.image.storage.open(rendition_name(photo.image.name, width)) as handle, Image.open(handle) as image:
        image.load()
        return image.copy()


def test_the_budget_is_100_mib_by_default():
    """Room for a 24-megapixel frame with transparency (6000 × 4000 × 4 bytes = 96 MB), and no more."""
    assert photos.max_decoded_bytes() == 100 * 1024 * 1024
    with Image.open(io.BytesIO(png_header_only(6000, 4000))) as image:
        assert photos.decoded_bytes(image) == 96_000_000


def test_an_upload_over_the_budget_is_refused_with_a_clear_message_before_decoding(editor_client):
    """35 megapixels of RGBA are within the pixel limit but would take 134 MB: refused on the form."""
    story = ArticleFactory(draft=True)
    response = post_photo(editor_client, story, png_header_only(7000, 5000), "poster.png")
    assert response.status_code == 200
    page = response.content.decode()
    assert "7000 × 5000 pixels and would take 134 MB of memory to open; the limit is 100 MB" in page
    assert "not a picture we can read" not in page  # refused from the header, before the (empty) pixels
    assert not Photo.objects.exists()


def test_a_jpeg_is_judged_by_what_it_decodes_to_at_reduced_scale(editor_client, settings):
    """A JPEG is decoded at half scale or less for the renditions, so the budget admits it where a PNG is refused."""
    settings.NEWSROOM = settings.NEWSROOM | {"PHOTO_MAX_DECODED_BYTES": 16 * 1024 * 1024}
    picture = Image.new("RGB", (3400, 2400), "teal")  # 32.6 MB decoded in full, 8.2 MB at half scale
    story = ArticleFactory(draft=True)
    refused = post_photo(editor_client, story, encoded(picture), "wide.png")
    assert "would take 31 MB of memory to open; the limit is 16 MB" in refused.content.decode()
    accepted = post_photo(editor_client, story, encoded(picture, "JPEG"), "wide.jpg")
    assert accepted.status_code == 302
    assert Photo.objects.get().renditions == [320, 640, 960, 1280, 1600]


def test_a_large_legal_png_still_gets_every_rendition(editor_client):
    """A flat 4000 × 3000 PNG (48 MB decoded, a few KB on disk) is within the budget and gets its renditions."""
    story = ArticleFactory(draft=True)
    response = post_photo(editor_client, story, encoded(Image.new("RGB", (4000, 3000), "navy")), "big.png")
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.renditions == [320, 640, 960, 1280, 1600]
    assert rendition(photo, 1600).size == (1600, 1200)
    assert rendition(photo, 1600).getpixel((800, 600))[:3] == pytest.approx((0, 0, 128), abs=3)


def test_a_photo_stored_another_way_over_the_budget_is_reported_not_decoded(capsys):
    """make_renditions (the command for imported photos) refuses it by its header and says why."""
    photo = stored_photo(png_header_only(7000, 5000))
    with pytest.raises(ImageTooLarge, match="decoding would take 134 MB, over the limit of 100 MB"):
        make_renditions(photo)
    with pytest.raises(SystemExit):
        call_command("make_renditions")
    assert "PHOTO_MAX_DECODED_BYTES" in capsys.readouterr().err
    photo.refresh_from_db()
    assert photo.renditions == []


def test_strips_reassemble_the_whole_picture(monkeypatch):
    """Converted a few rows at a time, the picture comes out whole: the last rows are there, in place."""
    monkeypatch.setattr(photos, "STRIP_BYTES", 3 * 4 * 4100)  # 3 rows of a 4100-pixel-wide picture
    picture = Image.new("RGB", (4100, 3001), "red")
    picture.paste("blue", (0, 1500, 4100, 3001))
    photo = stored_photo(encoded(picture))
    assert make_renditions(photo) == [320, 640, 960, 1280, 1600]
    largest = rendition(photo, 1600)
    assert largest.size == (1600, 1171)
    assert largest.getpixel((800, 10))[:3] == pytest.approx((255, 0, 0), abs=8)
    assert largest.getpixel((800, 1165))[:3] == pytest.approx((0, 0, 255), abs=8)


def test_a_palette_png_keeps_its_transparency():
    """A palette picture is converted to RGBA strip by strip, with its transparent colour kept."""
    picture = Image.new("P", (2000, 1000), 0)
    picture.putpalette([255, 255, 255, 200, 30, 30] + [0] * 762)
    picture.paste(1, (1000, 0, 2000, 1000))
    photo = stored_photo(encoded(picture, transparency=0))
    make_renditions(photo)
    largest = rendition(photo, 1600)
    assert largest.mode == "RGBA"
    assert largest.getpixel((100, 500))[3] == 0
    assert largest.getpixel((1500, 500)) == pytest.approx((200, 30, 30, 255), abs=8)


def test_a_16_bit_grey_png_is_scaled_to_8_bits_not_clipped_to_white():
    """Pillow's convert() clips 16-bit values to 255; the renditions keep the picture's tones."""
    picture = Image.new("I;16", (800, 600))
    picture.paste(Image.new("I;16", (800, 600), 0x4000))  # a quarter of full scale: 64 of 255
    photo = stored_photo(encoded(picture))
    make_renditions(photo)
    assert rendition(photo, 800).convert("L").getpixel((400, 300)) == pytest.approx(64, abs=3)


def test_a_webp_is_counted_at_what_pillow_takes_to_decode_it(editor_client):
    """Pillow decodes WebP through libwebp's animation decoder: 16 bytes a pixel, so 7.5 megapixels is too many."""
    story = ArticleFactory(draft=True)
    response = post_photo(editor_client, story, encoded(Image.new("RGB", (3000, 2500), "navy"), "WEBP"), "x.webp")
    assert "would take 114 MB of memory to open; the limit is 100 MB" in response.content.decode()
    accepted = post_photo(editor_client, story, encoded(Image.new("RGB", (3000, 2000), "navy"), "WEBP"), "y.webp")
    assert accepted.status_code == 302
