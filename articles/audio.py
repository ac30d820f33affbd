"""A story's recorded reading: an MP3 an editor attaches, checked like a photo, and the audio feed.

The check reads the file's first bytes, not its name: an ID3v2 tag (whose size it skips) then an MPEG
audio frame header with a real version, layer, bit rate and sample rate. The duration is estimated from
the first frame's bit rate (exact for the constant bit rates spoken-word recordings use).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.utils.feedgenerator import Rss201rev2Feed

from .models import Article

DEFAULT_MAX_BYTES = 60 * 1024 * 1024  # an hour at 128 kbit/s
# Bit rates in kbit/s by (version, layer) for MPEG-1 and MPEG-2/2.5, index 1..14.
BITRATES = {
    (1, 1): [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    (1, 2): [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    (1, 3): [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    (2, 1): [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    (2, 2): [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    (2, 3): [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
NOT_MP3 = "This file is not an MP3 recording we can read. Export the reading as MP3."


def max_audio_bytes():
    return settings.NEWSROOM.get("AUDIO_MAX_BYTES", DEFAULT_MAX_BYTES)


def frame_bitrate(header):
    """The bit rate (kbit/s) an MPEG audio frame header gives, or None if it is not one."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version_bits, layer_bits = (header[1] >> 3) & 0b11, (header[1] >> 1) & 0b11
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 0b11
    if version_bits == 0b01 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    version = 1 if version_bits == 0b11 else 2
    layer = 4 - layer_bits
    return BITRATES[(version, layer)][bitrate_index - 1]


def audio_start(data):
    """Where the audio frames begin: after an ID3v2 tag if the file has one."""
    if data[:3] == b"ID3" and len(data) >= 10:
        size = 0
        for byte in data[6:10]:
            size = (size << 7) | (byte & 0x7F)
        return 10 + size
    return 0


def validate_audio(upload):
    """Refuse anything but an MP3 of reasonable size; returns its estimated duration in seconds."""
    if upload.size > max_audio_bytes():
        raise ValidationError(
            "This recording is %(size)s MB; it may be at most %(limit)s MB.",
            code="too_big",
            params={"size": round(upload.size / 1024 / 1024, 1), "limit": max_audio_bytes() // 1024 // 1024},
        )
    upload.seek(0)
    head = upload.read(64 * 1024)
    start = audio_start(head)
    if start + 4 > len(head):
        upload.seek(start)
        head = head[:start] + upload.read(4)
    upload.seek(0)
    bitrate = frame_bitrate(head[start : start + 4])
    if bitrate is None:
        raise ValidationError(NOT_MP3, code="invalid_audio")
    return round((upload.size - start) * 8 / (bitrate * 1000))


class PodcastFeed(Rss201rev2Feed):
    """RSS 2.0 with the iTunes namespace that podcast apps read."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", settings.NEWSROOM["NAME"])
        handler.addQuickElement("itunes:explicit", "false")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("duration"):
            handler.addQuickElement("itunes:duration", str(item["duration"]))


class AudioFeed(Feed):
    """Stories with a recorded reading, newest first, as a podcast."""

    feed_type = PodcastFeed
    link = "/"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{settings.NEWSROOM['NAME']}: stories read aloud"

    def description(self):
        return "Recorded readings of the newsroom's stories, for listening and for learning English."

    def items(self):
        return list(Article.objects.published().exclude(audio="").newest_first()[:30])

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.dek or item.headline

    def item_pubdate(self, item):
        return item.published_at

    def item_enclosure_url(self, item):
        return self.request.build_absolute_uri(item.audio.url)

    def item_enclosure_length(self, item):
        try:
            return item.audio.size
        except OSError:
            return 0

    item_enclosure_mime_type = "audio/mpeg"

    def item_extra_kwargs(self, item):
        return {"duration": item.audio_seconds}
