"""Choosing the sense a sentence uses: a rule-based part of speech, WordNet's case and tagged counts,
and the words a sense shares with the sentence and the story (a simplified Lesk).

No tagger model can be shipped offline here, and the neighbouring words with WordNet's counts are
enough for news English: bench/senses.py measures it on a hand-labelled set.
"""

import math
import re


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
BE = _words("is are was were be been being am")
HAVE = _words("has have had having")
NUMBERS = re.compile(r"^(?:\d|(?:hundred|thousand|million|billion|trillion|percent)$)")
# A figure beside a word makes a change in amount the likelier reading ("prices rose 3 percent").
AMOUNT_LEXNAMES = frozenset({"verb.change", "noun.quantity", "noun.possession"})
AMOUNT_WINDOW = 4
# Words that name an amount, for the same reading: "the number of wrestlers has risen".
AMOUNT_WORDS = _words("number numbers price prices share shares rate rates cost costs fare fares value total amount")

# How far the evidence moves a sense, in units of log(1 + tagged count); set by bench/senses.py on the
# labelled set (word overlap turns out to be weak evidence, the part of speech and figures strong).
POS_WEIGHT = 5.0
CASE_WEIGHT = 6.0
AMOUNT_WEIGHT = 2.5
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


def guess_pos(form, lemma, sentence, *, strong=False):
    """The part of speech the sentence gives the word, from its neighbours and its ending; None if unsure.

    With `strong`, only the neighbours that all but settle it count (a modal, a subject pronoun, an
    auxiliary, a determiner, a figure), not the word's ending alone.
    """
    words = tokens(sentence)
    at = position(form.split()[0], words) if form else None
    if at is None:
        return None
    lowered = [w.lower() for w in words]
    prev = lowered[at - 1] if at > 0 else ""
    before = lowered[at - 2] if at > 1 else ""
    after = lowered[at + 1] if at + 1 < len(words) else ""
    word = lowered[at]
    inflected = word != lemma
    modifies = (
        bool(after) and after not in STOP_WORDS and not NUMBERS.match(after) and not after.endswith(("ed", "ly"))
    )
    if word.endswith("ly") and not lemma.endswith("ly"):
        return "adverb"
    if prev in MODALS or (prev == "to" and not inflected and after in DETERMINERS | {"up", "out", "off"}):
        return "verb"
    if prev in SUBJECTS and before not in PREPOSITIONS:
        return "verb"
    if prev in HAVE and inflected and not word.endswith("s"):
        return "verb"
    if prev in BE:
        return "verb" if word.endswith(("ed", "en", "ing")) or (inflected and not word.endswith("s")) else "adjective"
    determined = prev in DETERMINERS or prev.endswith("'s") or prev in PREPOSITIONS or NUMBERS.match(prev)
    if determined or (before in ARTICLES and not inflected and not prev.endswith("ly")):
        return "adjective" if modifies and not word.endswith("s") else "noun"
    if word.endswith("ing") and inflected and (after in OBJECT_STARTS or NUMBERS.match(after)):
        return "verb"  # with its object: "filling 1.2 kilometers", "rubbing the leaves"
    if strong:
        return None
    if after == "of" or (at == 0 and after in PREPOSITIONS):
        return "noun"
    if prev in {"and", "or"} and before and before != word:
        return guess_pos(before, before, sentence, strong=True)
    if inflected and word.endswith("s"):
        if after in ARTICLES or NUMBERS.match(after):
            return "verb"
        return "noun" if prev.endswith("ed") or prev in PAST_FORMS else None
    if inflected or word.endswith("ed"):
        return "verb"
    if prev == "to" and not inflected:
        return "verb"
    if modifies:
        return "adjective"
    return None


def near_a_figure(form, sentence):
    words = tokens(sentence)
    at = position(form.split()[0], words) if form else None
    if at is None:
        return False
    nearby = [w.lower() for w in words[max(at - AMOUNT_WINDOW, 0) : at + 1 + AMOUNT_WINDOW]]
    return any(NUMBERS.match(w) for w in words[at + 1 : at + 1 + AMOUNT_WINDOW]) or bool(AMOUNT_WORDS & set(nearby))


def choose(form, lemma, senses, sentence="", story="", *, initial=False):
    """The index in `senses` of the sense `form` has in `sentence` (within `story`); 0 when nothing tells."""
    if len(senses) < 2:
        return 0
    pos = guess_pos(form, lemma, sentence)
    available = {sense["pos"] for sense in senses}
    if pos == "adjective" and pos not in available:
        pos = "noun"  # a noun modifying a noun: "fish cake", "peak times"
    amount = near_a_figure(form, sentence)
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
        if amount and sense.get("lexname") in AMOUNT_LEXNAMES:
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
