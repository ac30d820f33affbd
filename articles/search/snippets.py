"""Snippets: a window of each result's text around its first match, with the query's words marked.

On PostgreSQL ts_headline marks the words (it stems them as the document does), in one statement
for the page; elsewhere, or if it fails, they are marked here. ts_headline marks every word of a
phrase wherever it stands: a phrase's word keeps its mark only where it stands in the phrase.
"""

import itertools
import re
from dataclasses import dataclass

from django.db import DatabaseError, connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..sanitize import html_to_text
from . import sql
from .query import LEXEME, lexemes, simple_tokens

SNIPPET_CHARS = 320
START, STOP = "\ue000", "\ue001"  # private-use marks for ts_headline, replaced by <mark> after escaping
HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=15, HighlightAll=true"
PHRASE = re.compile(rf"{LEXEME.pattern}(?:\s*<(?:-|[0-9]+)>\s*{LEXEME.pattern})+")
DISTANCE = re.compile(r"<(-|[0-9]+)>")
MARKED_OR_WORD = re.compile(rf"{START}([^{STOP}]*){STOP}|\w+")
WORD = re.compile(r"\w+")


@dataclass
class Terms:
    """What to look for in a text: phrases (each a list of stems, or of words on SQLite), at most
    `distance` words apart within a phrase, and the words that stand alone."""

    phrases: list
    words: list
    distance: int = 1

    @classmethod
    def of(cls, query, tsquery):
        """The terms of a PostgreSQL tsquery, or of the reader's own words."""
        if not tsquery:
            tokens = [WORD.findall(words) for words, negate in simple_tokens(query) if not negate]
            return cls([t for t in tokens if len(t) > 1], [t[0] for t in tokens if len(t) == 1])
        phrases = [lexemes(m.group(0)) for m in PHRASE.finditer(tsquery)]
        gaps = [1 if d == "-" else int(d) for d in DISTANCE.findall(tsquery)]
        return cls(phrases, lexemes(PHRASE.sub(" ", tsquery)), max(gaps, default=1))

    def patterns(self):
        """Where to look for the terms, best first: a phrase; a word that starts like a stem and
        goes on by at most a suffix's length ("market" finds "markets" and "marketing", not
        "marketplace"); failing that, by any length."""
        stems = self.alternatives([stem for phrase in self.phrases for stem in phrase] + self.words)
        if not stems:
            return []
        phrases = [re.compile(rf"\b(?:{self.phrase_alternatives()})\w*", re.IGNORECASE)] if self.phrases else []
        return [
            *phrases,
            re.compile(rf"\b(?:{stems})\w{{0,4}}\b", re.IGNORECASE),
            re.compile(rf"\b(?:{stems})\w*", re.IGNORECASE),
        ]

    def marking(self):
        """What the terms mark: a phrase whole, and a word of its own; None when there is neither."""
        choices = [rf"(?:{self.phrase_alternatives()})\w*"] if self.phrases else []
        if self.words:
            choices.append(rf"(?:{self.alternatives(self.words)})\w*")
        return re.compile(rf"\b(?:{'|'.join(choices)})", re.IGNORECASE) if choices else None

    def phrase_alternatives(self):
        gap = rf"\w{{0,4}}\W+(?:\w+\W+){{0,{self.distance - 1}}}"
        return "|".join(gap.join(re.escape(stem) for stem in phrase) for phrase in self.phrases)

    @staticmethod
    def alternatives(stems):
        return "|".join(re.escape(stem) for stem in stems)


def starts_like(word, stem):
    """Whether a word ts_headline marked may be a form of a stem. Its own stem is not known here:
    the stem without its last letter is enough ("citi" for "city", "agre" for "agreed")."""
    return word.lower().startswith(stem[:-1] if len(stem) > 3 else stem)


def snippet_window(texts, patterns):
    """About SNIPPET_CHARS around the first match of the first pattern that matches one of
    `texts` (the body, the dek, the captions), or the start of the body."""
    texts = [" ".join(text.split()) for text in texts]
    for pattern in patterns:
        for text in texts:
            if match := pattern.search(text):
                return window_around(text, match.start())
    return window_around(texts[0], 0)


def window_around(text, at):
    """About SNIPPET_CHARS of `text` (on one line), from a third of them before `at`, cut between
    words: after a space, and before one (Korean is written with spaces between words too). A text
    with no space near the cut (Chinese, Japanese) is cut between characters."""
    start = max(0, at - SNIPPET_CHARS // 3)
    if start and text[start - 1] != " ":
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    end = start + SNIPPET_CHARS
    if end < len(text) and text[end] != " ":
        space = text.rfind(" ", max(start, at) + 1, end)
        end = space if space >= 0 else end
    window = text[start:end].strip()
    return ("… " if start else "") + window + (" …" if end < len(text) else "")


def mark(text, terms):
    """The terms marked where ts_headline is not there: a phrase whole, and words of their own."""
    pattern = terms.marking()
    if pattern is None:
        return text
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


def keep_phrase_marks(text, terms):
    """ts_headline's marks, less those of a phrase's word standing alone (a lone "Ma" after
    "Jack Ma"): a mark is kept on the phrase's words in their order, at most `distance` words
    apart, and on a word of its own."""
    if not terms.phrases:
        return text
    items = list(MARKED_OR_WORD.finditer(text))
    marked = [i for i, item in enumerate(items) if item.group(1) is not None]
    words = {i: items[i].group(1) for i in marked}
    keep = {i for i in marked if any(starts_like(words[i], stem) for stem in terms.words)}
    for phrase in terms.phrases:
        for n in range(len(marked) - len(phrase) + 1):
            run = marked[n : n + len(phrase)]
            if all(b - a <= terms.distance for a, b in itertools.pairwise(run)) and all(
                starts_like(words[i], stem) for i, stem in zip(run, phrase, strict=True)
            ):
                keep.update(run)
    pieces, last = [], 0
    for i in marked:
        if i not in keep:
            pieces += [text[last : items[i].start()], words[i]]
            last = items[i].end()
    return "".join([*pieces, text[last:]])


def add_snippets(articles, query, tsquery):
    """Set `snippet` (safe HTML) on each article: a window of its text with the query's words marked."""
    terms = Terms.of(query, tsquery)
    patterns = terms.patterns()
    # A story can match by its dek, a caption or its Korean alone: they are looked in after its body.
    windows = [
        snippet_window(
            [html_to_text(a.body), a.dek, " ".join(p.caption for p in a.photos.all()), html_to_text(a.body_ko)],
            patterns,
        )
        for a in articles
    ]
    marked = None
    if tsquery:
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql.HEADLINES, [tsquery, HEADLINE_OPTIONS, windows])
                marked = [keep_phrase_marks(row[0], terms) for row in cursor.fetchall()]
        except DatabaseError:
            marked = None
    if marked is None:
        marked = [mark(w, terms) for w in windows]
    for article, text in zip(articles, marked, strict=True):
        article.snippet = mark_safe(  # escaped here; only our own <mark> tags are added
            escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
        )
