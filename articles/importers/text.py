"""Saved article pages (the text of a page, like the seed) read into an ArticleRecord.

A page is read line by line. Its parts are recognised by their shape, not by the words of any one
story: the breadcrumb ("Home > National > Politics"), the headline (the line after the breadcrumb,
often also the page's title above it), photo captions (a line ending in a bracketed credit such as
[NEWSIS] or [PARK SANG-MOON]), the byline ("BY NAME[, NAME][ AND NAME] [email, ...]" or a wire
credit such as "Yonhap"), printed dates and the old site's URL. The rest is body, less the site's
chrome: toolbars, the comment box and its prompts, counters and stray test strings. The byline ends
the story; whatever a saved page has after it belongs to the site.
"""

import re
import unicodedata
from datetime import datetime

from django.utils import timezone

from .names import agency_name, is_korean_name, normalize_name
from .records import ArticleRecord, BylineRecord, ImportFileError, PhotoRecord, decode_utf8, headline_key

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)

# A toolbar is a line made only of these words ("print dictionary print", "Share Facebook Twitter").
TOOLBAR_WORDS = frozenset(
    str.split(
        "print dictionary email e-mail share facebook twitter kakao kakaotalk font size a+ a- list top scrap "
        "tweet like reprint url copy"
    )
)
# The comment box begins with one of these; the rest of its block (up to a blank line) goes with it.
COMMENT_BOX = re.compile(
    r"^(?:log ?in|sign ?in)\b.*\b(?:account|to (?:connect|comment))"
    r"|^help-image\b|^lock icon$|^social comments?\??$"
    r"|^to (?:write|post|leave) (?:a )?comments?\b.*\blog ?in|^please (?:log|sign) ?in\b",
    re.IGNORECASE,
)
# Chrome wherever it stands: the comment counter, the comment policy link, copyright, link lists.
CHROME = re.compile(
    r"\(\d+/\d+\s*자\)|^\(\d+/\d+\)$|^standards board policy\b|^copyright\b|\ball rights reserved\b"
    r"|^(?:related|more) (?:articles|stories|news)$|^most (?:popular|viewed|read)$|^(?:\d+ )?comments?(?: \(\d+\))?$",
    re.IGNORECASE,
)
# Chrome is short: a longer line that happens to match is a sentence of the story.
CHROME_MAX_LENGTH = 100
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")

CRUMB_SEPARATOR = re.compile(r"\s+(?:>>?|›|»)\s+")
SITE_ROOTS = frozenset({"home", "홈", "main", "front page", "homepage"})

MONTHS = {name: number for number, name in enumerate(str.split("jan feb mar apr may jun jul aug sep oct nov dec"), 1)}
_LABEL = r"(?:(?P<label>published|posted|updated|modified|date|입력|수정|승인)(?:\s+(?:on|at))?\s*:?\s*)?"
_TIME = r"(?:\s*,?\s*(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?)?\s*(?:kst)?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
DATE_PATTERNS = [
    # Aug 28,2014 / Published: Aug. 28, 2014 / Thursday, August 28, 2014 7:21 p.m.
    re.compile(_LABEL + _WEEKDAY + r"(?P<month>[a-z]{3,9})\.?\s*(?P<day>\d{1,2})\s*,\s*(?P<year>\d{4})" + _TIME, re.I),
    # 28 August 2014
    re.compile(_LABEL + _WEEKDAY + r"(?P<day>\d{1,2})\s+(?P<month>[a-z]{3,9})\.?,?\s+(?P<year>\d{4})" + _TIME, re.I),
    # 2014-08-28 19:21 / 2014.08.28 / 2014/08/28
    re.compile(_LABEL + r"(?P<year>\d{4})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})\.?" + _TIME, re.I),
]
UPDATE_LABELS = frozenset({"updated", "modified", "수정"})

URL_LINE = re.compile(r"^(?:(?:url|source|link)\s*:\s*)?(?P<url>https?://\S+)$", re.I)
URL_ID = re.compile(r"[?&](?:aid|article_?id|articleid|idxno|news_?id|no|id)=(?P<id>[\w-]+)", re.I)
ID_LINE = re.compile(r"^(?:article|legacy|story)\s*(?:id|no\.?|number)\s*[:#]?\s*(?P<id>[\w-]+)$", re.I)

CAPTION = re.compile(r"^(?P<caption>.*?)\s*\[(?P<credit>[^\[\]]{1,80})\]$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
BYLINE = re.compile(r"^by\s+(?P<names>.+)$", re.I)
NAME_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:and|&)\s+", re.I)
NAME_WORD = re.compile(r"[A-Z][A-Za-z.'’-]*|van|von|de|da|del|der|den|di|du|la|le|bin")
ROLE_WORDS = frozenset({"reporter", "writer", "correspondent", "editor", "contributor", "columnist", "staff"})

KIND_BY_SECTION = {
    "editorial": "editorial",
    "editorials": "editorial",
    "opinion": "opinion",
    "column": "opinion",
    "columns": "opinion",
    "analysis": "analysis",
    "feature": "feature",
    "features": "feature",
}


def parse_text(data):
    """An ArticleRecord from the bytes of a saved page; ImportFileError says what is missing."""
    lines = content_lines(decode_utf8(data))
    published_at, legacy_id, lines = take_metadata(lines)
    crumb_at = next((i for i, line in enumerate(lines) if breadcrumb(line) is not None), None)
    if crumb_at is None:
        raise ImportFileError("no breadcrumb line such as 'Home > National > Politics' naming the story's section")
    before, sections, after = lines[:crumb_at], breadcrumb(lines[crumb_at]), lines[crumb_at + 1 :]
    headline, after = take_headline(before, after)
    if sections and headline and headline_key(sections[-1]) == headline_key(headline):
        sections = sections[:-1]  # some sites end the breadcrumb with the story itself
    if not sections:
        raise ImportFileError("the breadcrumb names no section (only the site's home)")
    if not headline:
        raise ImportFileError("no headline after the breadcrumb")
    paragraphs, photos, bylines = take_story(after)
    if not paragraphs:
        raise ImportFileError("no body paragraphs after the headline")
    record = ArticleRecord(
        headline=headline,
        sections=sections,
        paragraphs=paragraphs,
        bylines=bylines,
        photos=photos,
        published_at=published_at,
        legacy_id=legacy_id,
        kind=next((KIND_BY_SECTION[s.casefold()] for s in reversed(sections) if s.casefold() in KIND_BY_SECTION), ""),
    )
    record.validate()
    return record


def clean(line):
    line = unicodedata.normalize("NFC", line).translate(ZERO_WIDTH)
    return re.sub(r"\s+", " ", line).strip()


def content_lines(text):
    """The page's non-empty lines, less its chrome."""
    lines = []
    for block in re.split(r"\n[^\S\n]*\n", text):
        for raw in block.split("\n"):
            line = clean(raw)
            if not line:
                continue
            if len(line) <= CHROME_MAX_LENGTH and COMMENT_BOX.search(line):
                break
            if not is_chrome(line):
                lines.append(line)
    return lines


def is_chrome(line):
    words = line.casefold().split()
    return (
        all(word in TOOLBAR_WORDS for word in words)
        or (len(line) <= CHROME_MAX_LENGTH and CHROME.search(line) is not None)
        # A few words of Korean with no English at all, standing alone in an English page: a menu
        # label or a test string, not content (Korean inside a paragraph is kept).
        or (
            HANGUL.search(line) is not None
            and LATIN_OR_DIGIT.search(line) is None
            and len(words) <= 3
            and CRUMB_SEPARATOR.search(line) is None
        )
        # Leftover fragments of widgets ("s", "|", "›").
        or len(line) == 1
        or (len(line) == 2 and not line.isalnum())
    )


def take_metadata(lines):
    """(printed publication time or None, legacy id, the other lines)."""
    published, updated, legacy_id, rest = None, None, "", []
    for line in lines:
        dates = printed_dates(line)
        if dates is not None:
            for label, value in dates:
                if label in UPDATE_LABELS:
                    updated = updated or value
                else:
                    published = published or value
            continue
        url = URL_LINE.match(line)
        if url:
            found = URL_ID.search(url["url"])
            legacy_id = legacy_id or (found["id"] if found else "")
            continue
        id_line = ID_LINE.match(line)
        if id_line:
            legacy_id = legacy_id or id_line["id"]
            continue
        rest.append(line)
    return published or updated, legacy_id, rest


def printed_dates(line):
    """[(label, aware datetime)] when the whole line is one or more printed dates, else None."""
    found = []
    for segment in re.split(r"\s*[|·]\s*", line):
        match = next((m for p in DATE_PATTERNS if (m := p.fullmatch(segment))), None)
        if match is None:
            return None
        month = MONTHS.get(match["month"][:3].casefold()) if not match["month"].isdigit() else int(match["month"])
        if month is None:
            return None
        hour, minute = int(match["hour"] or 0), int(match["minute"] or 0)
        ampm = (match["ampm"] or "").replace(".", "").casefold()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        try:
            value = datetime(
                int(match["year"]), month, int(match["day"]), hour, minute, tzinfo=timezone.get_current_timezone()
            )
        except ValueError:
            raise ImportFileError(f"the printed date {segment!r} is not a real date") from None
        found.append(((match["label"] or "").casefold(), value))
    return found


def breadcrumb(line):
    """The section names of a breadcrumb line, without the site's home, or None."""
    parts = CRUMB_SEPARATOR.split(line)
    if len(parts) < 2 or any(len(p) > 60 or not p or p[-1] in ".?!" for p in parts):
        return None
    return parts[1:] if parts[0].casefold() in SITE_ROOTS else parts


def take_headline(before, after):
    """(headline, the lines after it).

    The headline is the line under the breadcrumb when that line is shaped like one; otherwise the
    page's title above the breadcrumb (a page that prints its headline only there).
    """
    title = before[-1] if before else ""
    if after and looks_like_headline(after[0]):
        headline, after = after[0], after[1:]
    elif title:
        headline = title
    else:
        return "", after
    while after and headline_key(after[0]) == headline_key(headline):
        after = after[1:]
    return headline, after


def looks_like_headline(line):
    """Short, not a sentence ending in a full stop, and not a caption or a byline."""
    return (
        len(line) <= 300
        and re.search(r"[.,;:][\"”’']?$", line) is None
        and caption(line) is None
        and byline(line) is None
    )


def take_story(lines):
    """(paragraphs, photos, bylines) from the lines after the headline. The byline ends the story."""
    paragraphs, photos, bylines = [], [], []
    for line in lines:
        photo = caption(line)
        if photo is not None:
            photos.append(photo)
            continue
        found = byline(line) if not bylines else None
        if found:
            bylines = found
            if paragraphs:
                break
            continue
        paragraphs.append(line)
    return paragraphs, photos, bylines


def caption(line):
    """A PhotoRecord when the line is a caption with its bracketed credit, else None."""
    match = CAPTION.match(line)
    if not match:
        return None
    credit = match["credit"].strip()
    is_credit = (re.search(r"[a-z]", credit) is None and re.search(r"[A-Z]", credit) is not None) or all(
        agency_name(part) for part in credit.split("/")
    )
    if not is_credit or len(credit.split()) > 6 or re.search(r"[.?!;:]", credit):
        return None
    words = credit.split()
    if is_korean_name(words):
        credit = normalize_name(credit)
    return PhotoRecord(caption=match["caption"].strip(), credit=credit)


def wire_credit(text):
    """[BylineRecord] for a line that is only agencies ("YONHAP", "AP and YONHAP"), else None."""
    parts = NAME_SEPARATOR.split(text)
    if not all(agency_name(part) for part in parts):
        return None
    return [BylineRecord(name=agency_name(part), is_agency=True) for part in parts]


def byline_part(part):
    """One name of a byline as a record; None to pass over (empty, "staff reporter"); False if no name."""
    words = part.split()
    if not words or any(word.casefold() in ROLE_WORDS for word in words):
        return None
    agency = agency_name(part)
    if agency:
        return BylineRecord(name=agency, is_agency=True)
    if len(words) <= 5 and all(NAME_WORD.fullmatch(word) for word in words):
        return BylineRecord(name=normalize_name(part))
    return False


def byline(line):
    """[BylineRecord] when the line is a byline or a bare wire credit, else None."""
    emails = EMAIL.findall(line)
    # What is left of the line once its emails are out: "BY A AND B" without the empty brackets.
    rest = re.sub(r"\s*[\[(][\s,;]*(?:and[\s,;]*)*[\])]", "", EMAIL.sub("", line), flags=re.I).strip(" ,;")
    match = BYLINE.match(rest)
    if match is None:
        return None if emails else wire_credit(rest)
    records = []
    for part in NAME_SEPARATOR.split(match["names"].strip(" ,")):
        record = byline_part(part)
        if record is False:
            return None
        if record is not None:
            records.append(record)
    if not records:
        return None
    people = [r for r in records if not r.is_agency]
    for person, email in zip(people, emails, strict=False):
        person.email = email.casefold()
    return records
