"""How a comment's text is counted and checked; static/js/comments.js applies the same rule.

The count is of user-perceived characters: extended grapheme clusters (Unicode UAX #29), after
CRLF and lone CR become LF and the text is NFC-normalized. A Korean syllable is one character,
whether typed precomposed or as jamo; an emoji is one, including skin tones, ZWJ families and
flags; "e" with a combining accent is one. Code points would count 👍🏽 as two and a family
as seven, which a reader cannot see. In the browser, Intl.Segmenter("grapheme") implements the same
clusters. A cluster can carry any number of combining marks ("Zalgo" text), so the code points of a
comment are capped too (MAX_CODE_POINTS_PER_CHARACTER each, on average).
"""

import unicodedata

import regex

GRAPHEME = regex.compile(r"\X")
# On average per character: ordinary text needs one or two; the long emoji sequences (families,
# the flags of England or Scotland) about seven, and nobody writes 250 of those.
MAX_CODE_POINTS_PER_CHARACTER = 8
# The database's ceiling on a comment's code points; COMMENTS_MAX_LENGTH may be at most an eighth of it.
BODY_CEILING = 8000
# Control characters (NUL and friends), lone surrogates, and U+FFFD, which is what bytes that were
# not valid UTF-8 become when the request is decoded. Newline and tab are text.
FORBIDDEN = regex.compile(r"[^\P{Cc}\n\t]|\p{Cs}|\uFFFD")


def normalize(text):
    """The text as it is counted and stored: CRLF and CR as LF, then NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def count_characters(text):
    """The number of characters a reader sees in `text` (already normalized)."""
    return len(GRAPHEME.findall(text))


def has_forbidden_characters(text):
    return FORBIDDEN.search(text) is not None
