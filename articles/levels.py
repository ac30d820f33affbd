"""A story's reading level, from its own text: how long its sentences are and how rare its words.

The band is CEFR-like (A2 to C2), for learners choosing what to read; it is an estimate from two
measures that readability research keeps finding (sentence length, vocabulary frequency), not a
test score. Frequencies are wordfreq's Zipf scale for English; names are left out of the word
measure, since "Alibaba" is rare in English and no harder to read for it.
"""

import math
from dataclasses import dataclass

import regex
from wordfreq import zipf_frequency

BANDS = ["A2", "B1", "B2", "C1", "C2"]
# Upper bounds of the difficulty score for each band but the last, calibrated on the committed set of
# stories written at three levels (tests/fixtures/levels/stories.json) and the demo's stories.
BAND_LIMITS = [9.0, 13.0, 17.0, 21.0]
RARE = 4.0  # Zipf below this: beyond the 10,000 or so commonest English words
WORDS_PER_MINUTE = 180  # a learner reading carefully; native readers manage about 240
SENTENCE = regex.compile(r"(?<=[.!?][\"”’)]?)\s+(?=[\"“(]?\p{Lu}|\d)")
WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")


@dataclass(frozen=True)
class Level:
    band: str
    minutes: int
    score: float


def words_and_sentences(text):
    sentences = [s for s in SENTENCE.split(" ".join(text.split())) if WORD.search(s)]
    return sentences, [WORD.findall(s) for s in sentences]


def difficulty(text):
    """The score behind the band: mean words per sentence plus the share of rare words (in points)."""
    sentences, words = words_and_sentences(text)
    count = sum(len(w) for w in words)
    if not count:
        return 0.0
    vocabulary = [
        word.lower()
        for sentence in words
        for i, word in enumerate(sentence)
        # A capitalised word after a sentence's first is taken for a name.
        if i == 0 or not word[0].isupper()
    ]
    rare = sum(1 for word in vocabulary if zipf_frequency(word, "en") < RARE) / max(len(vocabulary), 1)
    return 0.5 * count / len(sentences) + 40 * rare


def level_of(text):
    """The reading level of a story's plain text."""
    score = difficulty(text)
    band = next((b for b, limit in zip(BANDS, BAND_LIMITS, strict=False) if score < limit), BANDS[-1])
    count = len(WORD.findall(text))
    return Level(band=band, minutes=max(1, math.ceil(count / WORDS_PER_MINUTE)), score=round(score, 2))
