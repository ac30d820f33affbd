"""Choosing the sense a sentence uses: a rule-based part of speech, WordNet's case and tagged counts,
a figure beside the word (a change of magnitude, by WordNet's own hypernyms), a negation before it
(WordNet's "used in negative statement"), and the words a sense shares with the sentence and the story
(a simplified Lesk).

No tagger model can be shipped offline here, and the neighbouring words with WordNet's counts are
enough for news English: bench/senses.py measures it on a hand-labelled set.
"""

import math
import re
from dataclasses import dataclass


def _words(text):
    return frozenset(text.split())


WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?|\d[\d,.]*")
STOP_WORDS = _words(
    "a about above after again against all also am an and any are as at be because been before being "
    "below between both but by can could did do does doing down during each few for from further had has "
    "have having he her here hers herself him himself his how i if in into is it its itself just me more "
    "most my myself no nor not now of off on once only or other our ours out over own same she should so "
    "some such than that the their theirs them themselves then there these they this those through to too "
    "under until up very was we were what when where which while who whom why will with would you your"
)
# Words too common in glosses or stories to tell senses apart.
NOISE = STOP_WORDS | _words(
    "said says say one two three new year years people something someone somebody used especially usually "
    "etc make makes made take given give way thing things part kind act state quality"
)
# Before a noun phrase, so what comes before them is a verb with its object: "raises the fare".
ARTICLES = _words("a an the its his her their our my your this these those")
# What starts an object, not a time ("listing this fall"): "filling 1.2 kilometers", "rubbing the leaves".
OBJECT_STARTS = _words("a an the its his her their our my your")
DETERMINERS = _words(
    "a an the this that these those its his her their our my your some any no every each many several few "
    "more most another other such whose all both"
)
MODALS = _words("will would can could should may might must shall did does do don't didn't won't can't")
SUBJECTS = _words("i we you he she they it who")
PREPOSITIONS = _words(
    "of in on at for with by from into onto about over under after before between among through during "
    "against toward towards without within across"
)
# Common irregular past forms: what follows them is their object ("held talks").
PAST_FORMS = _words("held made took gave won lost had got saw found kept left sent set put began")
# Determiners (or relative pronouns) a plural noun cannot follow.
SINGULAR_DETERMINERS = _words("that this")
BE = _words("is are was were be been being am")
HAVE = _words("has have had having")
NUMBERS = re.compile(r"^(?:\d|(?:hundred|thousand|million|billion|trillion|percent)$)")
# A figure beside a word makes a change in amount the likelier reading ("prices rose 3 percent").
# For a verb, WordNet's own kind "change magnitude" (rise in value, fall in size); for a noun, its lexnames.
AMOUNT_LEXNAMES = frozenset({"noun.quantity", "noun.possession"})
AMOUNT_KIND = "change magnitude"
AMOUNT_WINDOW = 6
# WordNet's usage note for a sense of negative sentences ("yet": "used in negative statement ..."), and
# the negations that call for it.
NEGATIVE_USAGE = re.compile(r"\bused (?:in|with) (?:a )?negati")
NEGATIONS = _words("not never no nor")
NEGATION_WINDOW = 3
NEGATION_WEIGHT = 2.0
# Words that name an amount, for the same reading: "the number of wrestlers has risen".
AMOUNT_WORDS = _words("number numbers price prices share shares rate rates cost costs fare fares value total amount")

# How far the evidence moves a sense, in units of log(1 + tagged count); set by bench/senses.py on the
# labelled set (word overlap turns out to be weak evidence, the part of speech and figures strong).
POS_WEIGHT = 5.0
CASE_WEIGHT = 6.0
AMOUNT_WEIGHT = 4.0
RANK_WEIGHT = 0.1
UNTAGGED_RANK_WEIGHT = 0.05
SENTENCE_WEIGHT = 0.5
SENTENCE_CAP = 2
STORY_WEIGHT = 0.2
STORY_CAP = 3
STEM = 6


def tokens(text):
    return WORD.findall(text.replace("’", "'"))


def stem(word):
    """A crude stem, enough to meet "businessman" with "business" and "prices" with "price"."""
    word = word.lower()
    for suffix in ("ies", "ing", "ed", "s"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:STEM]


def content_stems(text):
    return {stem(w) for w in tokens(text) if len(w) > 2 and w.lower() not in NOISE and not NUMBERS.match(w)}


def position(form, words):
    lowered = [w.lower() for w in words]
    target = form.lower().replace("’", "'")
    return lowered.index(target) if target in lowered else None


@dataclass(frozen=True)
class Neighbours:
    """A word in its sentence, lower-cased: the two words before it, the one after, and its lemma."""

    word: str
    lemma: str
    prev: str
    before: str
    after: str

    @property
    def inflected(self):
        return self.word != self.lemma

    @property
    def modifies(self):
        """Whether the next word looks like a noun this one could stand before."""
        after = self.after
        return (
            bool(after) and after not in STOP_WORDS and not NUMBERS.match(after) and not after.endswith(("ed", "ly"))
        )


def neighbours(form, lemma, sentence):
    words = [w.lower() for w in tokens(sentence)]
    at = position(form.split()[0], words) if form else None
    if at is None:
        return None
    return Neighbours(
        word=words[at],
        lemma=lemma,
        prev=words[at - 1] if at > 0 else "",
        before=words[at - 2] if at > 1 else "",
        after=words[at + 1] if at + 1 < len(words) else "",
    )


def guess_pos(form, lemma, sentence, *, strong=False):
    """The part of speech the sentence gives the word, from its neighbours and its ending; None if unsure.

    With `strong`, only the neighbours that all but settle it count (a modal, a subject pronoun, an
    auxiliary, a determiner, a figure), not the word's ending alone.
    """
    near = neighbours(form, lemma, sentence)
    if near is None:
        return None
    pos = _settled_pos(near)
    if pos or strong:
        return pos
    return _likely_pos(near, sentence)


def _settled_pos(near):
    """The part of speech the closest neighbours all but settle, or None."""
    prev, word, inflected = near.prev, near.word, near.inflected
    if word.endswith("ly") and not near.lemma.endswith("ly"):
        return "adverb"
    if prev in MODALS or (prev == "to" and not inflected and near.after in DETERMINERS | {"up", "out", "off"}):
        return "verb"
    if prev in SUBJECTS and near.before not in PREPOSITIONS:
        return "verb"
    if prev in HAVE and inflected and not word.endswith("s"):
        return "verb"
    if prev in BE:
        return "verb" if word.endswith(("ed", "en", "ing")) or (inflected and not word.endswith("s")) else "adjective"
    if prev in SINGULAR_DETERMINERS and inflected and word.endswith("s"):
        return "verb"  # no plural follows "that" or "this": "a message that holds the attention"
    determined = prev in DETERMINERS or prev.endswith("'s") or prev in PREPOSITIONS or NUMBERS.match(prev)
    if determined or (near.before in ARTICLES and not inflected and not prev.endswith("ly")):
        return "adjective" if near.modifies and not word.endswith("s") else "noun"
    if word.endswith("ing") and inflected and (near.after in OBJECT_STARTS or NUMBERS.match(near.after)):
        return "verb"  # with its object: "filling 1.2 kilometers", "rubbing the leaves"
    return None


def _likely_pos(near, sentence):
    """The part of speech the word's ending and looser neighbours suggest, or None."""
    prev, before, after, word, inflected = near.prev, near.before, near.after, near.word, near.inflected
    if after == "of" or (not prev and after in PREPOSITIONS):
        return "noun"
    if prev in {"and", "or"} and before and before != word:
        return guess_pos(before, before, sentence, strong=True)
    if inflected and word.endswith("s"):
        if not prev:
            return "noun"  # a sentence opens with its subject: "Volunteers season napa cabbage"
        if after in ARTICLES or NUMBERS.match(after):
            return "verb"
        return "noun" if prev.endswith("ed") or prev in PAST_FORMS else None
    if inflected or word.endswith("ed") or (prev == "to" and not inflected):
        return "verb"
    if near.modifies:
        return "adjective"
    return None


def near_a_figure(form, sentence):
    words = tokens(sentence)
    at = position(form.split()[0], words) if form else None
    if at is None:
        return False
    nearby = [w.lower() for w in words[max(at - AMOUNT_WINDOW, 0) : at + 1 + AMOUNT_WINDOW]]
    return any(NUMBERS.match(w) for w in words[at + 1 : at + 1 + AMOUNT_WINDOW]) or bool(AMOUNT_WORDS & set(nearby))


def negated(form, sentence):
    """Whether a negation comes shortly before the word: "have not yet found", "is not yet"."""
    words = [w.lower() for w in tokens(sentence)]
    at = position(form.split()[0], words) if form else None
    if at is None:
        return False
    return any(w in NEGATIONS or w.endswith("n't") for w in words[max(at - NEGATION_WINDOW, 0) : at])


def is_an_amount(sense):
    return sense.get("lexname") in AMOUNT_LEXNAMES or AMOUNT_KIND in sense.get("broader", ())


def choose(form, lemma, senses, sentence="", story="", *, initial=False):
    """The index in `senses` of the sense `form` has in `sentence` (within `story`); 0 when nothing tells."""
    if len(senses) < 2:
        return 0
    pos = guess_pos(form, lemma, sentence)
    available = {sense["pos"] for sense in senses}
    if pos == "adjective" and pos not in available:
        pos = "noun"  # a noun modifying a noun: "fish cake", "peak times"
    amount = near_a_figure(form, sentence)
    negative = negated(form, sentence)
    capital = bool(form) and form[0].isupper() and not initial
    near = content_stems(sentence) - content_stems(lemma) - {stem(form)}
    around = content_stems(story) - near - content_stems(lemma) if story else set()
    ranks = {}
    tagged = any(sense.get("count") for sense in senses)
    best, best_score = 0, -math.inf
    for index, sense in enumerate(senses):
        rank = ranks[sense["pos"]] = ranks.get(sense["pos"], -1) + 1
        # WordNet orders untagged senses too, but with no counts behind the order it is weak evidence.
        score = math.log1p(sense.get("count", 0)) - (RANK_WEIGHT if tagged else UNTAGGED_RANK_WEIGHT) * rank
        if pos in available:
            score += POS_WEIGHT if sense["pos"] == pos else 0
        if NEGATIVE_USAGE.search(sense["definition"]):
            score += NEGATION_WEIGHT if negative else -NEGATION_WEIGHT
        if amount and is_an_amount(sense):
            score += AMOUNT_WEIGHT
        if (sense.get("capitalized") and not capital) or (
            capital and not sense.get("capitalized") and any(s.get("capitalized") for s in senses)
        ):
            score -= CASE_WEIGHT
        bag = content_stems(
            " ".join([sense["definition"], *sense.get("synonyms", []), *sense.get("examples", [])])
        ) - content_stems(lemma)
        score += SENTENCE_WEIGHT * min(len(bag & near), SENTENCE_CAP) + STORY_WEIGHT * min(
            len(bag & around), STORY_CAP
        )
        if score > best_score:
            best, best_score = index, score
    return best


def measure(cases, entries, lemma_of):
    """Score `cases` ({"word", "sentence", "sense", "story"?}) against WordNet's `entries` ({lemma: senses}).

    `lemma_of(word, sentence)` gives a word's lemma. Returns (chosen right, first sense right, misses), a miss
    being (case, chosen key, first key).
    """
    chosen_right = first_right = 0
    misses = []
    for case in cases:
        lemma = lemma_of(case["word"], case["sentence"])
        senses = entries.get(lemma, [])
        if not senses:
            misses.append((case, None, None))
            continue
        initial = case["sentence"].lstrip("“\"'‘(").startswith(case["word"])
        chosen = senses[choose(case["word"], lemma, senses, case["sentence"], case.get("story", ""), initial=initial)]
        chosen_right += chosen["key"] == case["sense"]
        first_right += senses[0]["key"] == case["sense"]
        if chosen["key"] != case["sense"]:
            misses.append((case, chosen["key"], senses[0]["key"]))
    return chosen_right, first_right, misses
