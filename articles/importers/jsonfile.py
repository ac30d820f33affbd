"""JSON files read into ArticleRecords (the schema is documented in docs/importing.md).

A file holds one article (an object) or several (a list of objects). Every article in it must be
valid for the file to import: a file is imported whole or not at all.
"""

import json
import re
from datetime import date, datetime

from django.utils import timezone

from .names import agency_name, normalize_name
from .records import ArticleRecord, BylineRecord, ImportFileError, PhotoRecord, decode_utf8, start_of_day

FIELDS = {
    "headline",
    "section",
    "body",
    "published",
    "bylines",
    "photos",
    "legacy_id",
    "dek",
    "kind",
    "headline_ko",
    "dek_ko",
    "body_ko",
    "ko_unaligned",
}
REQUIRED = ("headline", "section", "body")
BYLINE_FIELDS = {"name", "email", "agency"}
PHOTO_FIELDS = {"caption", "credit", "alt"}


def parse_json(data):
    """The ArticleRecords of a JSON file's bytes; ImportFileError says what is wrong and where."""
    try:
        document = json.loads(decode_utf8(data))
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"malformed JSON ({exc.msg}, line {exc.lineno} column {exc.colno})") from None
    if isinstance(document, dict):
        return [_article(document, "")]
    if isinstance(document, list):
        if not document:
            raise ImportFileError("the JSON list holds no articles")
        return [_article(item, f"article {number}: ") for number, item in enumerate(document, 1)]
    raise ImportFileError(f"expected a JSON object or a list of objects, found {_type(document)}")


def _article(item, where):
    try:
        if not isinstance(item, dict):
            raise ImportFileError(f"expected an object, found {_type(item)}")
        unknown = sorted(set(item) - FIELDS)
        if unknown:
            raise ImportFileError(f"unknown field {unknown[0]!r} (known: {', '.join(sorted(FIELDS))})")
        missing = [name for name in REQUIRED if not item.get(name)]
        if missing:
            raise ImportFileError(f"no {missing[0]!r} (required: {', '.join(REQUIRED)})")
        record = ArticleRecord(
            headline=_clean(_string(item, "headline")),
            sections=_sections(item["section"]),
            paragraphs=_paragraphs(item["body"]),
            bylines=[_byline(b, n) for n, b in enumerate(_list(item, "bylines"), 1)],
            photos=[_photo(p, n) for n, p in enumerate(_list(item, "photos"), 1)],
            published_at=_published(item.get("published")),
            legacy_id=_legacy_id(item.get("legacy_id")),
            dek=_clean(_string(item, "dek")),
            kind=_string(item, "kind"),
            headline_ko=_clean(_string(item, "headline_ko")),
            dek_ko=_clean(_string(item, "dek_ko")),
            paragraphs_ko=_paragraphs(item["body_ko"], "body_ko") if item.get("body_ko") else [],
            ko_unaligned=_boolean(item, "ko_unaligned"),
        )
        record.validate()
    except ImportFileError as exc:
        raise ImportFileError(f"{where}{exc}") from None
    return record


def _type(value):
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _clean(text):
    return re.sub(r"\s+", " ", text).strip()


def _string(item, name):
    value = item.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ImportFileError(f"{name!r} must be a string, found {_type(value)}")
    return value


def _list(item, name):
    value = item.get(name) or []
    if not isinstance(value, list):
        raise ImportFileError(f"{name!r} must be a list, found {_type(value)}")
    return value


def _sections(value):
    """ "National > Politics" or ["National", "Politics"]; a leading "Home" is the site."""
    if isinstance(value, str):
        value = re.split(r"\s*(?:>|›|»)\s*", value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ImportFileError("'section' must be a string such as 'National > Politics' or a list of names")
    names = [_clean(v) for v in value if v.strip()]
    if names and names[0].casefold() == "home":
        names = names[1:]
    if not names:
        raise ImportFileError("'section' names no section")
    return names


def _paragraphs(value, name="body"):
    """A list of paragraphs, or one string whose paragraphs are separated by blank lines."""
    if isinstance(value, str):
        value = re.split(r"\n\s*\n", value.replace("\r\n", "\n"))
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ImportFileError(f"{name!r} must be a list of paragraphs (strings) or a string")
    paragraphs = [_clean(v) for v in value if v.strip()]
    if not paragraphs:
        raise ImportFileError(f"{name!r} has no paragraphs")
    return paragraphs


def _boolean(item, name):
    value = item.get(name)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ImportFileError(f"{name!r} must be true or false, found {_type(value)}")
    return value


def _byline(value, number):
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict):
        raise ImportFileError(f"byline {number} must be a name or an object, found {_type(value)}")
    unknown = sorted(set(value) - BYLINE_FIELDS)
    if unknown:
        raise ImportFileError(f"byline {number} has an unknown field {unknown[0]!r}")
    name = _clean(_string(value, "name"))
    if not name:
        raise ImportFileError(f"byline {number} has no 'name'")
    is_agency = value.get("agency")
    if is_agency is not None and not isinstance(is_agency, bool):
        raise ImportFileError(f"byline {number}: 'agency' must be true or false")
    # Without "agency", a known wire service (Yonhap, AP) is taken as one.
    known = agency_name(name)
    if is_agency or (is_agency is None and known):
        return BylineRecord(name=known or name, is_agency=True)
    email = _clean(_string(value, "email")).casefold()
    return BylineRecord(name=normalize_name(name), email=email)


def _photo(value, number):
    if not isinstance(value, dict):
        raise ImportFileError(f"photo {number} must be an object, found {_type(value)}")
    unknown = sorted(set(value) - PHOTO_FIELDS)
    if unknown:
        raise ImportFileError(f"photo {number} has an unknown field {unknown[0]!r}")
    photo = PhotoRecord(
        caption=_clean(_string(value, "caption")),
        credit=_clean(_string(value, "credit")),
        alt_text=_clean(_string(value, "alt")),
    )
    if not (photo.caption or photo.credit):
        raise ImportFileError(f"photo {number} has neither 'caption' nor 'credit'")
    return photo


def _published(value):
    """ "2014-08-28" (00:00 in the newsroom's zone) or an ISO 8601 time; without an offset, newsroom time."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ImportFileError(f"'published' must be a date string such as '2014-08-28', found {_type(value)}")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return start_of_day(date.fromisoformat(value))
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ImportFileError(
            f"'published' {value!r} is not a date such as '2014-08-28' or '2014-08-28T19:21:00+09:00'"
        ) from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _legacy_id(value):
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ImportFileError(f"'legacy_id' must be a string or a number, found {_type(value)}")
    return str(value).strip()
