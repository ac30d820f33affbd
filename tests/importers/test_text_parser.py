"""Saved pages (.txt) are read into records: breadcrumb, headline, photos, body, byline, dates, ids."""

from datetime import datetime

import pytest

from articles.importers.records import BylineRecord, ImportFileError, PhotoRecord
from articles.importers.text import byline, caption, parse_text, printed_dates

from .expected import BROKEN, FIXTURES, SEED_PARAGRAPH_OPENINGS, SEOUL, TEXT

CHROME = ["테스트", "print dictionary print", "help-image", "lock icon", "Log in", "log in", "(0/250자)", "Standards"]


def test_seed_page():
    """The seed becomes its headline, section path, ten paragraphs in order, one photo and Seo Ji-eun."""
    record = parse_text((FIXTURES / "seed-alibaba.txt").read_bytes())
    assert record.headline == "President meets with Alibaba CEO"
    assert record.sections == ["National", "Politics"]
    assert len(record.paragraphs) == 10
    for paragraph, opening in zip(record.paragraphs, SEED_PARAGRAPH_OPENINGS, strict=True):
        assert paragraph.startswith(opening)
    assert record.paragraphs[-1].endswith("with more than 100 million visitors a day.")
    assert record.photos == [
        PhotoRecord(
            "President Park Geun-hye, right, meets with Jack Ma, center, the executive chairman of China’s "
            "e-commerce giant Alibaba, yesterday at the Blue House.",
            "NEWSIS",
        )
    ]
    assert record.bylines == [BylineRecord("Seo Ji-eun", "spring@joongang.co.kr")]
    assert (record.published_at, record.legacy_id, record.dek, record.kind) == (None, "", "", "")


def test_seed_page_keeps_no_chrome():
    """None of the page's toolbar, comment box, counter or test string reaches the story."""
    record = parse_text((FIXTURES / "seed-alibaba.txt").read_bytes())
    text = " ".join([record.headline, *record.paragraphs, *(p.caption + p.credit for p in record.photos)])
    for noise in CHROME:
        assert noise not in text


@pytest.mark.parametrize("name", sorted(TEXT))
def test_variant(name):
    """Every field of each committed variant is read as written out in tests/importers/expected.py."""
    assert parse_text((FIXTURES / name).read_bytes()) == TEXT[name]


def test_windows_line_ends_and_byte_order_mark_are_in_the_fixtures():
    """The CRLF and BOM variants really are (git keeps them: tests/fixtures/import/.gitattributes)."""
    assert b"\r\n" in (FIXTURES / "budget-editorial-crlf.txt").read_bytes()
    assert (FIXTURES / "hanok-bom-legacy-id.txt").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("name", sorted(n for n in BROKEN if n.endswith(".txt")))
def test_broken_page(name):
    """A file that is not an article page is refused with the reason."""
    with pytest.raises(ImportFileError) as raised:
        parse_text((FIXTURES / "broken" / name).read_bytes())
    assert str(raised.value) == BROKEN[name]


def page(*lines):
    return "\n\n".join(lines).encode()


BODY = "The council voted on Monday to extend the program for another year."


def test_chrome_elsewhere_on_a_page_is_dropped():
    """Other toolbars, copyright lines, link lists and stray Korean labels go; Korean in a paragraph stays."""
    record = parse_text(
        page(
            "Home > Local",
            "Share Facebook Twitter",
            "Council extends program",
            "검색",
            BODY,
            "Residents call the program 동네 돌봄, or neighborhood care.",
            "Copyright © JoongAng Daily. All rights reserved.",
            "Related articles",
            "By Han Ji-won [jwhan@example.com]",
        )
    )
    assert record.headline == "Council extends program"
    assert record.paragraphs == [BODY, "Residents call the program 동네 돌봄, or neighborhood care."]
    assert record.bylines == [BylineRecord("Han Ji-won", "jwhan@example.com")]


def test_sentences_that_mention_chrome_words_are_content():
    """Words the chrome uses, inside a sentence of the story, do not make it chrome."""
    sentences = [
        "The film is a social comment on housing.",
        "Log in attempts on customers’ accounts tripled last year as criminals tried passwords stolen "
        "from other sites, the Financial Supervisory Service said.",
        "Print editions sold 3 percent fewer copies.",
    ]
    record = parse_text(page("Home > Local", "Council extends program", *sentences))
    assert record.paragraphs == sentences


def test_korean_breadcrumb():
    """A breadcrumb in Korean is a breadcrumb, not a stray label; "홈" is the site."""
    record = parse_text(page("홈 > 정치", "Council extends program", BODY))
    assert record.sections == ["정치"]


def test_a_long_korean_paragraph_is_content():
    """Only a few words of Korean standing alone are taken for a label; a Korean sentence is kept."""
    korean = "시민들은 월요일 저녁 광장에 모여 촛불을 들고 조용히 행진했다."
    record = parse_text(page("Home > National", "Citizens march in silence", BODY, korean))
    assert record.paragraphs == [BODY, korean]


def test_breadcrumb_without_home_and_ending_with_the_headline():
    """ "Home" is the site, not a section; a crumb repeating the headline is the story, not a section."""
    record = parse_text(page("News > Economy > Council extends program", "Council extends program", BODY))
    assert record.sections == ["News", "Economy"]


def test_headline_only_above_the_breadcrumb():
    """A page that prints its headline only as the page title still has one."""
    record = parse_text(page("Council extends program", "Home > Local", BODY))
    assert (record.headline, record.paragraphs) == ("Council extends program", [BODY])


def test_a_site_name_above_the_breadcrumb_is_not_the_headline():
    """When the line under the breadcrumb is shaped like a headline, it is the headline."""
    record = parse_text(page("Korea JoongAng Daily", "Home > Local", "Council extends program", BODY))
    assert record.headline == "Council extends program"


def test_hard_wrapped_comment_box_without_blank_lines():
    """The comment box goes from its first prompt to the end of its block."""
    record = parse_text(
        page("Home > Local", "Council extends program", BODY)
        + b"\nPlease log in to comment\nwith your account\nshown here"
    )
    assert record.paragraphs == [BODY]


def test_url_line_gives_the_legacy_id_and_is_not_body():
    """The old site's address on the page carries its id (aid=...), and is not printed in the story."""
    url = "http://koreajoongangdaily.joins.com/news/article/article.aspx?aid=2994120"
    record = parse_text(page("Home > Local", "Council extends program", url, BODY))
    assert (record.legacy_id, record.paragraphs) == ("2994120", [BODY])


def test_id_line_gives_the_legacy_id():
    """A line such as "Article ID: 77" is the old site's id."""
    record = parse_text(page("Home > Local", "Council extends program", "Article ID: 77", BODY))
    assert (record.legacy_id, record.paragraphs) == ("77", [BODY])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Aug 28,2014", datetime(2014, 8, 28, tzinfo=SEOUL)),
        ("Published: Aug. 28, 2014", datetime(2014, 8, 28, tzinfo=SEOUL)),
        ("2014-08-28 19:21", datetime(2014, 8, 28, 19, 21, tzinfo=SEOUL)),
        ("2014.08.28", datetime(2014, 8, 28, tzinfo=SEOUL)),
        ("Thursday, August 28, 2014 7:21 p.m.", datetime(2014, 8, 28, 19, 21, tzinfo=SEOUL)),
        ("Posted on 28 August 2014", datetime(2014, 8, 28, tzinfo=SEOUL)),
        ("입력 2014-08-28 09:05", datetime(2014, 8, 28, 9, 5, tzinfo=SEOUL)),
    ],
)
def test_printed_dates(line, expected):
    """Dates as pages print them, in the newsroom's zone."""
    [(_label, value)] = printed_dates(line)
    assert value == expected


@pytest.mark.parametrize("line", ["The vote was held on Aug 28, 2014 in Seoul.", "2014 was a good year", "Aug 2014"])
def test_sentences_with_dates_are_not_date_lines(line):
    """Only a line that is wholly a date is taken for the page's date."""
    assert printed_dates(line) is None


def test_a_printed_date_that_does_not_exist_is_an_error():
    """Feb. 30 is refused with the line quoted, rather than guessed."""
    with pytest.raises(ImportFileError, match=r"'Feb\. 30, 2015' is not a real date"):
        parse_text(page("Home > Local", "Council extends program", "Feb. 30, 2015", BODY))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BY SEO JI-EUN [spring@joongang.co.kr]", [BylineRecord("Seo Ji-eun", "spring@joongang.co.kr")]),
        (
            "BY KIM A-YOUNG, PARK JI-MIN [kim.ay@x.kr, park.jm@x.kr]",
            [BylineRecord("Kim A-young", "kim.ay@x.kr"), BylineRecord("Park Ji-min", "park.jm@x.kr")],
        ),
        ("BY JOHN DOE AND JANE ROE", [BylineRecord("John Doe"), BylineRecord("Jane Roe")]),
        ("By Lee Ho-jin spring@x.kr", [BylineRecord("Lee Ho-jin", "spring@x.kr")]),
        ("BY YONHAP", [BylineRecord("Yonhap", is_agency=True)]),
        ("AP", [BylineRecord("AP", is_agency=True)]),
        ("Yonhap News Agency", [BylineRecord("Yonhap", is_agency=True)]),
        ("Reuters, AFP", [BylineRecord("Reuters", is_agency=True), BylineRecord("AFP", is_agency=True)]),
        (
            "BY CHO MIN-SU AND YONHAP [cho@x.kr]",
            [BylineRecord("Cho Min-su", "cho@x.kr"), BylineRecord("Yonhap", is_agency=True)],
        ),
    ],
)
def test_bylines(line, expected):
    """Bylines with one or more names (emails paired in order) and bare wire credits."""
    assert byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, the plant will employ 300 people.",
        "By Friday, Park will decide.",
        "Yonhap reported the news first.",
        "Contact us at desk@joongang.co.kr",
    ],
)
def test_sentences_are_not_bylines(line):
    """A paragraph that starts with "By" is not a byline."""
    assert byline(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Fans cheer in Seoul on Sunday. [YONHAP]", PhotoRecord("Fans cheer in Seoul on Sunday.", "YONHAP")),
        ("Fans cheer. [Reuters]", PhotoRecord("Fans cheer.", "Reuters")),
        ("Fans cheer. [KIM SEONG-RYONG]", PhotoRecord("Fans cheer.", "Kim Seong-ryong")),
        ("Fans cheer. [AP/YONHAP]", PhotoRecord("Fans cheer.", "AP/YONHAP")),
    ],
)
def test_captions(line, expected):
    """A caption's bracketed credit is held apart; a photographer's name is written as a name."""
    assert caption(line) == expected


@pytest.mark.parametrize(
    "line", ["He said the deal was done [in July].", "The court [sic] ruled.", "Values rose [see chart]"]
)
def test_brackets_in_sentences_are_not_credits(line):
    """Brackets inside the story's sentences are not photo credits."""
    assert caption(line) is None
