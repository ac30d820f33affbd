"""JSON files (one object or a list) are read into records; anything off the schema is refused by name."""

import json
from datetime import datetime

import pytest

from articles.importers.jsonfile import parse_json
from articles.importers.records import BylineRecord, ImportFileError, PhotoRecord

from .expected import BROKEN, FIXTURES, JSON, SEOUL

MINIMAL = {"headline": "Council extends program", "section": "Local", "body": ["One paragraph."]}


def parse(document):
    return parse_json(json.dumps(document, ensure_ascii=False).encode())


def refused(document):
    with pytest.raises(ImportFileError) as raised:
        parse(document)
    return str(raised.value)


@pytest.mark.parametrize("name", sorted(JSON))
def test_fixture(name):
    """Every field of each committed JSON file is read as written out in tests/importers/expected.py."""
    assert parse_json((FIXTURES / name).read_bytes()) == JSON[name]


@pytest.mark.parametrize("name", sorted(n for n in BROKEN if n.endswith(".json")))
def test_broken_fixture(name):
    """Malformed JSON, the wrong shape, a missing field and an impossible date are refused with the reason."""
    with pytest.raises(ImportFileError) as raised:
        parse_json((FIXTURES / "broken" / name).read_bytes())
    assert str(raised.value) == BROKEN[name]


def test_minimal_article():
    """Headline, section and body are enough: no date, no byline, no photo, kind left to the default."""
    [record] = parse(MINIMAL)
    assert (record.headline, record.sections, record.paragraphs) == (
        "Council extends program",
        ["Local"],
        ["One paragraph."],
    )
    assert (record.published_at, record.bylines, record.photos) == (None, [], [])
    assert (record.legacy_id, record.dek, record.kind) == ("", "", "")


def test_naive_time_is_newsroom_time_and_a_number_id_is_text():
    """A time without an offset is the newsroom's; a numeric legacy id becomes its digits."""
    [record] = parse({**MINIMAL, "published": "2016-05-17T10:30:00", "legacy_id": 3018877})
    assert record.published_at == datetime(2016, 5, 17, 10, 30, tzinfo=SEOUL)
    assert record.legacy_id == "3018877"


def test_byte_order_mark_and_windows_line_ends():
    """A JSON file saved with a BOM and CRLF is read like any other."""
    data = b"\xef\xbb\xbf" + json.dumps({**MINIMAL, "body": "One.\r\n\r\nTwo."}).encode().replace(b"\n", b"\r\n")
    [record] = parse_json(data)
    assert record.paragraphs == ["One.", "Two."]


def test_agency_flag():
    """ "agency": true makes any name a wire credit; false keeps a known name a person."""
    bylines = [{"name": "Kyunghyang Wire", "agency": True}, {"name": "Reuters", "agency": False}]
    [record] = parse({**MINIMAL, "bylines": bylines})
    assert record.bylines == [BylineRecord("Kyunghyang Wire", is_agency=True), BylineRecord("Reuters")]


def test_photo_fields():
    [record] = parse({**MINIMAL, "photos": [{"credit": "YONHAP"}, {"caption": "A view.", "alt": "Hills"}]})
    assert record.photos == [PhotoRecord("", "YONHAP"), PhotoRecord("A view.", "", "Hills")]


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (12, "expected a JSON object or a list of objects, found a number"),
        ([], "the JSON list holds no articles"),
        ([MINIMAL, 3], "article 2: expected an object, found a number"),
        ({**MINIMAL, "headlne": "x"}, "unknown field 'headlne'"),
        ({"section": "Local", "body": ["x"]}, "no 'headline' (required: headline, section, body)"),
        ({**MINIMAL, "body": [1, 2]}, "'body' must be a list of paragraphs (strings) or a string"),
        ({**MINIMAL, "body": ["  ", ""]}, "'body' has no paragraphs"),
        ({**MINIMAL, "section": "Home"}, "'section' names no section"),
        ({**MINIMAL, "headline": ["x"]}, "'headline' must be a string, found a list"),
        ({**MINIMAL, "bylines": "Kim"}, "'bylines' must be a list, found a string"),
        ({**MINIMAL, "bylines": [{"email": "a@b.kr"}]}, "byline 1 has no 'name'"),
        ({**MINIMAL, "bylines": [{"name": "Kim", "role": "x"}]}, "byline 1 has an unknown field 'role'"),
        ({**MINIMAL, "bylines": [{"name": "Kim", "agency": "yes"}]}, "byline 1: 'agency' must be true or false"),
        ({**MINIMAL, "bylines": [{"name": "Kim", "email": "kim at x"}]}, "byline email 'kim at x' is not an email"),
        ({**MINIMAL, "photos": [{}]}, "photo 1 has neither 'caption' nor 'credit'"),
        ({**MINIMAL, "photos": ["x"]}, "photo 1 must be an object, found a string"),
        ({**MINIMAL, "published": 2014}, "'published' must be a date string such as '2014-08-28', found a number"),
        ({**MINIMAL, "kind": "gossip"}, "kind 'gossip' is not one of news, analysis, feature, opinion, editorial"),
        ({**MINIMAL, "headline": "x" * 301}, "headline is longer than 300 characters"),
        ({**MINIMAL, "legacy_id": True}, "'legacy_id' must be a string or a number, found true/false"),
        (
            {**MINIMAL, "body_ko": ["하나.", "둘."]},
            "the Korean body has 2 paragraphs and the English 1: give each English paragraph its Korean",
        ),
        ({**MINIMAL, "body_ko": [3]}, "'body_ko' must be a list of paragraphs (strings) or a string"),
        ({**MINIMAL, "body_ko": ["하나."], "ko_unaligned": "yes"}, "'ko_unaligned' must be true or false"),
        ({**MINIMAL, "headline_ko": "서울 야시장"}, "a Korean headline or dek without a Korean body"),
        ({**MINIMAL, "headline_ko": "가" * 301, "body_ko": "하나."}, "Korean headline is longer than 300"),
    ],
)
def test_refused(document, reason):
    """Each departure from the schema is named in the reason."""
    assert refused(document).startswith(reason)


def test_korean_version():
    """headline_ko, dek_ko and body_ko (a list, or a string split at blank lines like body) are read."""
    document = {
        **MINIMAL,
        "body": "One.\n\nTwo.",
        "headline_ko": " 시의회, 사업 연장 ",
        "dek_ko": "요약",
        "body_ko": "하나.\n\n둘.",
    }
    [record] = parse(document)
    assert (record.headline_ko, record.dek_ko, record.paragraphs_ko, record.ko_unaligned) == (
        "시의회, 사업 연장",
        "요약",
        ["하나.", "둘."],
        False,
    )
    assert record.korean_fields() == {
        "headline_ko": "시의회, 사업 연장",
        "dek_ko": "요약",
        "body_ko": "<p>하나.</p>\n<p>둘.</p>",
        "ko_unaligned": False,
    }


def test_an_unaligned_korean_version_may_have_its_own_paragraphs():
    """ko_unaligned lets the Korean have another number of paragraphs; its markup is text, as in body."""
    [record] = parse({**MINIMAL, "body_ko": ["하나.", "<b>둘</b>"], "ko_unaligned": True})
    assert record.paragraphs_ko == ["하나.", "<b>둘</b>"]
    assert record.korean_fields()["body_ko"] == "<p>하나.</p>\n<p>&lt;b&gt;둘&lt;/b&gt;</p>"


def test_no_korean_version():
    """Without the Korean fields the record has none, and a null ko_unaligned is false."""
    [record] = parse({**MINIMAL, "ko_unaligned": None})
    assert record.korean_fields() == {"headline_ko": "", "dek_ko": "", "body_ko": "", "ko_unaligned": False}
