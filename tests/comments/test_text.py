"""How comment text is counted and checked (comments/text.py); the browser runs the same cases."""

import json
from pathlib import Path

import pytest

from comments.text import count_characters, has_forbidden_characters, normalize

CASES = json.loads((Path(__file__).parent / "counting_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_counts_characters_as_readers_see_them(case):
    """Each shared case counts the same in Python as tests/browser/test_comments.py checks in Chromium."""
    assert count_characters(normalize(case["text"])) == case["count"]


def test_normalize_turns_crlf_and_cr_into_lf_and_composes():
    """CRLF and lone CR become LF; decomposed text is composed (NFC)."""
    assert normalize("a\r\nb\rc") == "a\nb\nc"
    assert normalize("\u1112\u1161\u11ab") == "한"


@pytest.mark.parametrize(
    "text",
    ["a\x00b", "bell\x07", "escape\x1b[31m", "\x85next line", "lone \ud800 surrogate", "broken \ufffd bytes"],
)
def test_control_characters_surrogates_and_replacement_characters_are_forbidden(text):
    """NUL and other controls, lone surrogates and U+FFFD (invalid UTF-8 once decoded) are refused."""
    assert has_forbidden_characters(text)


@pytest.mark.parametrize("text", ["line one\nline two", "tab\tseparated", "한국어 👍🏽", "<b>tags are text</b>"])
def test_ordinary_text_newlines_and_tabs_are_allowed(text):
    """Newlines, tabs, Korean, emoji and angle brackets are ordinary text."""
    assert not has_forbidden_characters(text)


def test_settings_check_refuses_a_limit_above_the_database_ceiling(settings):
    """COMMENTS_MAX_LENGTH past BODY_CEILING / 8 is a system check error; the default passes."""
    from comments.checks import check_comment_settings

    assert check_comment_settings(None) == []
    settings.COMMENTS_MAX_LENGTH = 5000
    assert [error.id for error in check_comment_settings(None)] == ["comments.E001"]
    settings.COMMENTS_MAX_LENGTH, settings.COMMENTS_RATE_LIMIT = 250, 0
    assert [error.id for error in check_comment_settings(None)] == ["comments.E002"]
