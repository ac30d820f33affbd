"""From a word as it appears in a story to its dictionary form: WordNet's "morphy".

Regular inflections are undone by WordNet's detachment rules (moguls -> mogul, revitalized ->
revitalize); irregular ones come from its exception lists, loaded into `Inflection` (went -> go).
Every candidate is checked against the loaded dictionary in one query.
"""

import functools
import re
import unicodedata

from .senses import guess_pos

TERM_MAX_LENGTH = 100

# WordNet's detachment rules (wndb(5WN), morphy(7WN)), all parts of speech together: a candidate
# only counts when the dictionary has it, so an over-eager rule costs nothing.
SUFFIX_RULES = (
    ("ies", "y"),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("es", "e"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("est", "e"),
)
# Doubled final consonants: planned -> plan, biggest -> big.
DOUBLED = re.compile(r"([bdfgklmnprstvz])\1(?:ed|ing|er|est)$")

WORD_CHARS = re.compile(r"[^\W_]", re.UNICODE)
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-"})
TRIM = " \t\n\r\"'“”()[]{}<>.,;:!?*/\\|"


def normalize(text):
    """The lookup form of user input: NFKC, lower case, straight quotes, no surrounding punctuation.

    Returns "" for input that cannot be a word or phrase (empty, control characters, too long).
    """
    if not isinstance(text, str) or len(text) > 4 * TERM_MAX_LENGTH:
        return ""
    return _normalize(text)


@functools.lru_cache(maxsize=16384)
def _normalize(text):
    # Cached: a story's words repeat, and a story of 1,000 words asks for each several times.
    if not (text.isascii() and text.isprintable()):
        text = unicodedata.normalize("NFKC", text).translate(APOSTROPHES).translate(DASHES)
        if any(unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"} and not ch.isspace() for ch in text):
            return ""
    text = " ".join(text.replace("_", " ").split()).strip(TRIM).lower()
    for possessive in ("'s", "s'"):
        if text.endswith(possessive) and len(text) > len(possessive) + 1:
            text = text[: -len(possessive)] + ("s" if possessive == "s'" else "")
            break
    text = text.strip(TRIM)
    if not text or len(text) > TERM_MAX_LENGTH or not WORD_CHARS.search(text):
        return ""
    return text


def rule_candidates(word):
    """Possible lemmas of one word by the regular rules, most likely first (the word itself first)."""
    found = [word]
    if " " in word:
        # A phrase: inflect its first word (made inroads -> make inroads) or its last (business moguls).
        first, _, rest = word.partition(" ")
        head, _, last = word.rpartition(" ")
        found += [f"{base} {rest}" for base in rule_candidates(first)[1:]]
        found += [f"{head} {base}" for base in rule_candidates(last)[1:]]
        return list(dict.fromkeys(found))
    doubled = DOUBLED.search(word)
    if doubled:
        found.append(word[: doubled.start() + 1])
    for suffix, ending in SUFFIX_RULES:
        if word.endswith(suffix) and len(word) - len(suffix) + len(ending) >= 2:
            found.append(word[: -len(suffix)] + ending)
    return list(dict.fromkeys(found))


def first_words(phrase):
    """The first word of a phrase, for matching the exception lists (made -> make)."""
    return phrase.split(" ", 1)[0]


def rank(word, exceptions, known, sentence=""):
    """The lemma to show for `word`, or None; `sentence`, where given, decides between a headword and a base.

    `exceptions` maps a form to its irregular lemmas; `known` maps each headword among the
    candidates to (parts of speech, Zipf). The word itself wins when it is a headword, except for
    two kinds of form that WordNet also lists as headwords of their own: a participle listed only as
    an adjective ("exchanged", "ranging") yields to its verb, and a plural ("transactions") to its
    singular noun unless the plural is much the more common word ("news", "gas", "politics").
    An irregular form that is also a headword yields to its base when the base is at least as common
    ("lent" -> lend, but "left" stays). Otherwise the most common base wins, irregular ones first
    among equals: "does" -> do rather than doe, "finest" -> fine rather than fin.

    In a sentence, a form that is both a headword and an inflection of a verb is read as the
    sentence uses it: "prices rose" -> rise, "a rose garden" -> rose; "is playing" -> play;
    "150 won" -> won, "she won" -> win.
    """
    candidates = rule_candidates(word)
    irregular = list(exceptions.get(word, []))
    if " " in word:
        first, _, rest = word.partition(" ")
        irregular += [f"{base} {rest}" for base in exceptions.get(first, [])]
    bases = [c for c in irregular + candidates[1:] if c in known]
    exact = candidates[0] if candidates[0] in known else None
    if sentence and " " not in word and (word in exceptions or word.endswith(("ing", "ed"))):
        verb = next((b for b in bases if "v" in known[b][0]), None)
        if verb and exact and "v" not in known[exact][0]:
            pos = guess_pos(word, verb, sentence, strong=word not in exceptions)
            if pos == "verb":
                return verb
            if pos in {"noun", "adjective"} and word in exceptions and "n" in known[exact][0]:
                return exact
    if exact and word in exceptions and set(known[exact][0]) <= {"a"} and " " not in word:
        # An irregular participle listed only as an adjective ("held", "spent") is its verb's form.
        verb = next((b for b in irregular if b in known and "v" in known[b][0]), None)
        if verb:
            return verb
    if exact and " " not in word:
        parts, zipf = known[exact][:2]
        if word.endswith(("ed", "ing")) and set(parts) <= {"a"}:
            verb = next((b for b in bases if "v" in known[b][0]), None)
            if verb:
                return verb
        if word.endswith("s") and not word.endswith("ss"):
            noun = next((b for b in candidates[1:] if b in known and "n" in known[b][0]), None)
            if noun and known[noun][1] >= zipf - 0.5:
                return noun
    if exact:
        known_irregular = [b for b in irregular if b in known]
        if known_irregular and " " not in word:
            base = _most_common(known_irregular, known)
            if known[base][1] >= known[exact][1]:
                return base
        return exact
    return _most_common(bases, known) if bases else None


def _most_common(options, known):
    """The option with the highest Zipf frequency; the earliest among equals."""
    return max(options, key=lambda option: known[option][1] or 0)
