"""A story's reading level, from its own text: how long its sentences are and how rare its words.

The band is CEFR-like (A2 to C2), for learners choosing what to read; it is an estimate from two
measures that readability research keeps finding (sentence length, vocabulary frequency), not a
test score. Frequencies are wordfreq's Zipf scale for English; names are left out of the word
measure, since "Alibaba" is rare in English and no harder to read for it.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

BANDS = ["A2", "B1", "B2", "C1", "C2"]
# Upper bounds of the difficulty score for each band but the last, calibrated on the committed set of
# stories written at three levels (tests/fixtures/levels/stories.json) and the demo's stories.
BAND_LIMITS = [9.0, 13.0, 17.0, 21.0]
RARE = 4.0  # Zipf below this: beyond the 10,000 or so commonest English words
WORDS_PER_MINUTE = 180  # a learner reading carefully; native readers manage about 240
STRIP = "\"'“”‘’()[]{},;:—–-…*"
ENDS = (".", "!", "?")
# Abbreviations whose full stop ends no sentence.
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "vs", "jr", "sr", "gov", "sen", "rep", "gen", "lt", "col"}


@dataclass(frozen=True)
class Level:
    band: str
    minutes: int
    score: float


def band_from(value):
    """A band a reader asked for (`?level=b1`), or None for anything else."""
    band = (value or "").strip().upper()
    return band if band in BANDS else None


@lru_cache(maxsize=200_000)
def is_rare(word):
    return zipf_frequency(word, "en") < RARE


def measure(text):
    """(words, sentences, rare share) of a text, in one pass over its whitespace-separated tokens.

    Plain string methods rather than a regular expression: generate_articles measures a million
    stories with this.
    """
    words = sentences = rare = counted = 0
    sentence_start = True
    for raw in text.split():
        token = raw.strip(STRIP)
        ends = token.endswith(ENDS)
        word = token.rstrip(".!?")
        if word.isalpha() or ("'" in word and word.replace("'", "").isalpha()):
            words += 1
            # A capitalised word after a sentence's first is taken for a name.
            if sentence_start or not word[0].isupper():
                counted += 1
                rare += is_rare(word.lower())
            sentence_start = False
        if (
            ends
            and not sentence_start
            and word.lower() not in ABBREVIATIONS
            and not (len(word) == 1 and word.isupper())
        ):
            sentences += 1
            sentence_start = True
    if not sentence_start:
        sentences += 1
    return words, sentences, rare / counted if counted else 0.0


def level_of(text):
    """The reading level of a story's plain text."""
    words, sentences, rare = measure(text)
    score = 0.5 * words / sentences + 40 * rare if words else 0.0
    band = next((b for b, limit in zip(BANDS, BAND_LIMITS, strict=False) if score < limit), BANDS[-1])
    return Level(band=band, minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)), score=round(score, 2))
