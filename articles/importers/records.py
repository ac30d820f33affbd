"""What an importer reads from a file, before anything touches the database.

Both readers (saved text pages and JSON) produce `ArticleRecord`s; the writer stores them. A file
that cannot become a record raises `ImportFileError` with a reason a person can act on.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from articles.models import Article, Person, Photo, Section
from articles.sanitize import paragraphs_to_html, sanitize_html


class ImportFileError(Exception):
    """A file (or an article in it) that cannot be imported; the message says what is missing."""


@dataclass
class BylineRecord:
    name: str
    email: str = ""
    is_agency: bool = False


@dataclass
class PhotoRecord:
    caption: str
    credit: str = ""
    alt_text: str = ""


@dataclass
class ArticleRecord:
    headline: str
    sections: list[str]
    paragraphs: list[str]
    bylines: list[BylineRecord] = field(default_factory=list)
    photos: list[PhotoRecord] = field(default_factory=list)
    # Aware datetime when the file prints a date; None leaves the choice to --published.
    published_at: datetime | None = None
    legacy_id: str = ""
    dek: str = ""
    kind: str = ""
    # The Korean version: its paragraphs follow the English ones one for one unless unaligned.
    headline_ko: str = ""
    dek_ko: str = ""
    paragraphs_ko: list[str] = field(default_factory=list)
    ko_unaligned: bool = False

    def validate(self):
        """Raise ImportFileError for what the database would refuse, in words an editor understands."""
        if not self.headline:
            raise ImportFileError("no headline")
        if not self.sections:
            raise ImportFileError("no section")
        if not self.paragraphs:
            raise ImportFileError("no body paragraphs")
        _max_length("headline", self.headline, Article, "headline")
        _max_length("legacy id", self.legacy_id, Article, "legacy_id")
        for name in self.sections:
            _max_length("section name", name, Section, "name")
        for byline in self.bylines:
            _max_length("byline name", byline.name, Person, "name")
            if byline.email:
                try:
                    validate_email(byline.email)
                except ValidationError:
                    raise ImportFileError(f"byline email {byline.email!r} is not an email address") from None
        for photo in self.photos:
            _max_length("photo credit", photo.credit, Photo, "credit")
            _max_length("photo alt text", photo.alt_text, Photo, "alt_text")
        if self.kind and self.kind not in Article.Kind.values:
            raise ImportFileError(f"kind {self.kind!r} is not one of {', '.join(Article.Kind.values)}")
        self.validate_korean()

    def validate_korean(self):
        _max_length("Korean headline", self.headline_ko, Article, "headline_ko")
        if (self.headline_ko or self.dek_ko) and not self.paragraphs_ko:
            raise ImportFileError("a Korean headline or dek without a Korean body")
        if self.paragraphs_ko and not self.ko_unaligned and len(self.paragraphs_ko) != len(self.paragraphs):
            raise ImportFileError(
                f"the Korean body has {len(self.paragraphs_ko)} paragraphs and the English "
                f"{len(self.paragraphs)}: give each English paragraph its Korean, or set ko_unaligned"
            )

    def korean_fields(self):
        """The story's Korean fields as the model holds them."""
        return {
            "headline_ko": self.headline_ko,
            "dek_ko": self.dek_ko,
            "body_ko": sanitize_html(paragraphs_to_html(self.paragraphs_ko)),
            "ko_unaligned": self.ko_unaligned,
        }


def _max_length(label, value, model, field_name):
    limit = model._meta.get_field(field_name).max_length
    if len(value) > limit:
        raise ImportFileError(f"{label} is longer than {limit} characters: {value[:40]!r}...")


def decode_utf8(data):
    """The text of a file's bytes: UTF-8, byte-order mark dropped, line ends made \\n."""
    if b"\x00" in data:
        raise ImportFileError("binary file, not a text page (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFileError("empty file")
    return text


def headline_key(text):
    """Headlines compared loosely: case, punctuation, quotes and spacing aside."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def start_of_day(day):
    """00:00 in the newsroom's zone on `day`, so a story's URL carries that date."""
    return timezone.make_aware(datetime.combine(day, time.min))
