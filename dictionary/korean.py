"""Korean glosses by part of speech: the one place that decides which gloss a reader sees.

The newsroom's reviewed glosses come before suggested ones; a gloss for the part of speech the
sentence uses comes before one written for any use of the word, and a gloss for another part of
speech comes last (a learner is better served by 청구하다 for "bill" than by nothing). Suggested
glosses are inverted from the National Institute of Korean Language's Basic Korean Dictionary (as
the `namehint` package ships it), ranked and filtered by `nikl_suggestions`.
"""

import json
import math
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import NamedTuple

from . import wordnet
from .lemmatize import rule_candidates
from .models import KoreanGloss, split_glosses

SHOWN = (KoreanGloss.Status.REVIEWED, KoreanGloss.Status.SUGGESTED)
POS_LETTERS = {"n": "noun", "v": "verb", "a": "adjective", "r": "adverb"}


class Gloss(NamedTuple):
    korean: list  # ["법안", "의안"]
    status: str  # reviewed | suggested
    source: str  # newsroom | nikl-basic-korean-dictionary
    pos: str  # "" for any
    sense: str  # "bill (law)", or ""

    @property
    def reviewed(self):
        return self.status == KoreanGloss.Status.REVIEWED


def _order(row, pos):
    if pos and row.pos == pos:
        fit = 0
    elif not row.pos or not pos:
        fit = 1
    else:
        fit = 3
    # A reviewed gloss for any use outranks a suggestion for the exact part of speech.
    return (fit + (row.status != KoreanGloss.Status.REVIEWED) * 1.5, row.sense != "", row.sense)


def rank(rows, pos=None):
    """Glosses from `KoreanGloss` rows of one term, best first, for a use as `pos` (None: any)."""
    shown = [row for row in rows if row.status in SHOWN and row.korean]
    return [
        Gloss(split_glosses(row.korean), row.status, row.source, row.pos, row.sense)
        for row in sorted(shown, key=lambda row: _order(row, pos))
    ]


def glosses_for(lemma, pos=None):
    """[Gloss, ...] for a lemma used as `pos` ("noun", "verb", "adjective", "adverb" or None), best first."""
    return rank(KoreanGloss.objects.filter(term=lemma, status__in=SHOWN), pos)


def glosses_for_many(lemmas, pos=None):
    """{lemma: [Gloss, ...]} for several lemmas in one query (lemmas without any are absent)."""
    rows = defaultdict(list)
    for row in KoreanGloss.objects.filter(term__in=set(lemmas), status__in=SHOWN):
        rows[row.term].append(row)
    return {term: rank(found, pos) for term, found in rows.items()}


# Suggestions from the Basic Korean Dictionary ---------------------------------------------------

MAX_POSITION = 3  # the English word must be among an entry's first three equivalents
MIN_KOREAN_ZIPF = 2.0  # rarer Korean headwords are archaic or technical: a learner would not know them
SHOWN_SUGGESTIONS = 2
DERIVED_PENALTY = 0.4
SYNONYM_SENSES, MAX_SYNONYMS, SYNONYM_PENALTY = 2, 6, 1.0


PREFIXES = ("be ", "get ", "become ", "to ")


@cache
def nikl_index():
    """{english lemma: [(korean headword, position of the English among its equivalents, equivalents,
    derived)]}; `derived` when the English matched only once inflected or stripped ("be stunned": stun)."""
    data = json.loads(resources.files("namehint").joinpath("dictionary.json").read_text(encoding="utf-8"))
    index = defaultdict(list)
    for entry in data.values():
        headword = entry["word"].strip()
        if not headword or headword.startswith("-") or headword.endswith("-") or " " in headword:
            continue  # endings, affixes and set phrases: not a gloss for an English word
        equivalents = list(dict.fromkeys(e.strip().lower() for e in entry["meaning"].split(";") if e.strip()))
        for position, english in enumerate(equivalents):
            index[english].append((headword, position, len(equivalents), False))
            bare = next((english[len(p) :] for p in PREFIXES if english.startswith(p)), english)
            derived = {bare} if bare != english else set()
            if " " not in bare:
                derived |= set(rule_candidates(bare)[1:])
            for key in derived - {english}:
                index[key].append((headword, position, len(equivalents), True))
    return dict(index)


@cache
def wordnet_synonyms(path=wordnet.DEFAULT_PATH):
    """{(lemma, pos): [synonym, ...]} from WordNet's synsets, the lemma's commonest senses first."""
    synsets = {}
    for name, pos in wordnet.POS_FILES.items():
        with open(path / f"data.{name}", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue
                fields = line.split()
                count = int(fields[3], 16)
                words = [fields[4 + 2 * i].replace("_", " ").lower() for i in range(count)]
                synsets[(pos, fields[0])] = [w.split("(")[0] for w in words]
    synonyms = {}
    for name, pos in wordnet.POS_FILES.items():
        with open(path / f"index.{name}", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue
                fields = line.split()
                lemma, offsets = fields[0].replace("_", " "), fields[-int(fields[2]) :]
                found = [w for o in offsets[:SYNONYM_SENSES] for w in synsets.get((pos, o), []) if w != lemma]
                if found:
                    synonyms[(lemma, pos)] = list(dict.fromkeys(found))
    return synonyms


@cache
def korean_zipf():
    from wordfreq import get_frequency_dict

    return {word: math.log10(freq) + 9 for word, freq in get_frequency_dict("ko").items()}


def korean_word_zipf(headword):
    """How common a Korean headword is; a 하다/되다 verb counts as common as its noun (거래하다 as 거래)."""
    freqs = korean_zipf()
    if headword in freqs:
        return freqs[headword]
    for ending in ("하다", "되다", "시키다", "스럽다", "롭다", "다"):
        if headword.endswith(ending) and headword[: -len(ending)] in freqs:
            return freqs[headword[: -len(ending)]] - (0.3 if ending == "다" else 0)
    return 0.0


def korean_fits(headword, pos):
    """Whether a Korean headword can gloss an English word of this part of speech, by its ending."""
    predicate = headword.endswith("다")
    if pos in ("verb", "adjective"):
        return predicate or (pos == "adjective" and headword.endswith("적"))
    return not predicate


def _candidates(lemma, pos, penalty=0.0):
    for headword, position, equivalents, derived in nikl_index().get(lemma, []):
        if position >= MAX_POSITION or not korean_fits(headword, pos):
            continue
        zipf = korean_word_zipf(headword)
        if zipf < MIN_KOREAN_ZIPF:
            continue
        score = zipf - 1.2 * position - 0.25 * (equivalents - 1) + (0.8 if equivalents == 1 else 0)
        yield score - penalty - (DERIVED_PENALTY if derived else 0), headword


def nikl_suggestions(lemma, pos, synonyms=None):
    """Up to two Korean headwords for an English lemma in one part of speech, most likely sense first.

    Inverted, the dictionary lists every entry that mentions the English word, so the ranking
    prefers entries that give it first and give few other equivalents (a specific word, not 하다),
    and Korean headwords that are common; entries for the wrong part of speech and rare headwords
    are dropped. A word the dictionary lacks may borrow from its WordNet synonyms in its commonest
    senses (`synonyms`: from `wordnet_synonyms`), ranked below any direct match.
    """
    scored = sorted(((-score, h) for score, h in _candidates(lemma, pos)), key=lambda pair: pair)
    if not scored and synonyms:
        for synonym in synonyms.get((lemma, pos), [])[:MAX_SYNONYMS]:
            scored += [(-score, h) for score, h in _candidates(synonym, pos, SYNONYM_PENALTY)]
        scored.sort()
    if not scored:
        return []
    best = -scored[0][0]
    return list(dict.fromkeys(h for s, h in scored if -s >= best - 1.0))[:SHOWN_SUGGESTIONS]


def suggested_gloss(lemma, pos, synonyms=None):
    """An unsaved suggested KoreanGloss for a lemma in one part of speech, or None."""
    korean = nikl_suggestions(lemma, pos, synonyms)
    if not korean:
        return None
    return KoreanGloss(
        term=lemma, pos=pos, korean="; ".join(korean), status=KoreanGloss.Status.SUGGESTED, source=KoreanGloss.NIKL
    )


# Review ------------------------------------------------------------------------------------------


class ReviewError(Exception):
    pass


def approve(gloss):
    """An editor vouches for a suggested gloss: readers see it as reviewed (its source still credited)."""
    if not gloss.korean:
        raise ReviewError(f"“{gloss.term}” has no Korean yet: write it on its form.")
    gloss.status = KoreanGloss.Status.REVIEWED
    gloss.save(update_fields=["status", "updated_at"])


def reject(gloss):
    """An editor turns a suggestion down; it is kept, unshown, so that the next suggestion run skips it."""
    if gloss.status == KoreanGloss.Status.REVIEWED:
        raise ReviewError(f"“{gloss.term}” is the newsroom's own gloss: correct or delete it on its form.")
    gloss.status = KoreanGloss.Status.REJECTED
    gloss.save(update_fields=["status", "updated_at"])
