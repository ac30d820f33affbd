"""A story's recorded reading: MP3 uploads are checked by their bytes, and the stories form a podcast feed."""

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.audio import frame_bitrate, validate_audio
from articles.models import Article
from tests.factories import ArticleFactory

from .conftest import change_url, form_data

pytestmark = pytest.mark.django_db

# An MPEG-1 Layer III frame header: 128 kbit/s, 44.1 kHz.
FRAME = b"\xff\xfb\x90\x64"


def mp3_bytes(seconds=2, tagged=True):
    frames = (FRAME + b"\x00" * 413) * round(seconds * 128_000 / 8 / 417)
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10 if tagged else b""
    return tag + frames


def upload(content, name="reading.mp3"):
    return SimpleUploadedFile(name, content, content_type="audio/mpeg")


def test_an_mp3_is_recognised_after_its_tag_and_its_length_estimated():
    assert frame_bitrate(FRAME) == 128
    assert validate_audio(upload(mp3_bytes(seconds=4))) == 4
    assert validate_audio(upload(mp3_bytes(seconds=3, tagged=False))) == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"ID3\x04\x00\x00\x00\x00\x00\x0a", "not an MP3 recording we can read"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not an MP3 recording we can read"),
        (b"\xff\xff\xff\xff" * 10, "not an MP3 recording we can read"),
    ],
)
def test_anything_else_is_refused_with_a_clear_message(editor_client, content, message):
    """An empty file, a bare tag, a picture renamed .mp3 or noise: a message on the form, nothing stored."""
    story = ArticleFactory(draft=True)
    response = editor_client.post(change_url(story), form_data(story, audio=upload(content)))
    assert response.status_code == 200
    assert message in response.content.decode()
    story.refresh_from_db()
    assert not story.audio


def test_an_oversized_recording_is_refused(editor_client, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "AUDIO_MAX_BYTES": 1000}
    story = ArticleFactory(draft=True)
    response = editor_client.post(change_url(story), form_data(story, audio=upload(mp3_bytes())))
    assert "it may be at most" in response.content.decode()


def test_a_recording_is_stored_and_the_story_joins_the_audio_feed(editor_client, client):
    """The feed lists public stories with a reading, with an audio/mpeg enclosure and its duration."""
    story = ArticleFactory(headline="Late-night trains for the year end")
    response = editor_client.post(change_url(story), form_data(story, audio=upload(mp3_bytes(seconds=6))))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.audio.name.endswith(".mp3") and story.audio_seconds == 6
    ArticleFactory(draft=True, headline="A draft with a reading", audio=story.audio.name)
    ArticleFactory(headline="A story with no reading")
    feed = feedparser.parse(client.get("/feeds/audio/").content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Late-night trains for the year end"]
    enclosure = feed.entries[0].enclosures[0]
    assert enclosure.type == "audio/mpeg" and enclosure.href.endswith(story.audio.url)
    assert int(enclosure.length) == story.audio.size
    assert feed.entries[0].itunes_duration == "6"
    assert Article.objects.filter(audio="").count() == 1
