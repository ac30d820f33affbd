"""Looking words up: one word for the API and the word page, every word of a story in a few queries."""

import re
from collections import defaultdict

from .lemmatize import first_words, normalize, rank, rule_candidates
from .models import Inflection, KoreanGloss, Word
from .senses import choose

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
CONTEXT_MAX_LENGTH = 1000


class Entry:
    """A looked-up word: what the reader typed, its lemma, senses and Korean glosses.

    `chosen` is the index of the sense the reader's sentence uses, when a sentence was given.
    """

    def __init__(self, word, lemma, entries, korean, chosen=None, english=None):
        self.word = word
        self.lemma = lemma
        self.entries = entries
        self.korean = korean
        self.chosen = chosen
        self.english = english or []  # for a Korean word: the English terms the newsroom glosses with it

    def as_json(self):
        entries = [{"pos": sense["pos"], "definition": sense["definition"]} for sense in self.entries]
        data = {"word": self.word, "lemma": self.lemma, "entries": entries, "korean": self.korean}
        if self.chosen is not None and entries:
            entries[self.chosen]["chosen"] = True
            data["sense"] = self.chosen
        if self.english:
            data["english"] = self.english
        return data

    @property
    def chosen_sense(self):
        return self.entries[self.chosen] if self.chosen is not None and self.entries else None

    def by_pos(self, per_pos=None):
        """Senses grouped by part of speech, in the dictionary's order: [(pos, [definition, ...]), ...].

        The chosen sense, shown on its own, is left out.
        """
        groups = {}
        for index, sense in enumerate(self.entries):
            if index != self.chosen:
                groups.setdefault(sense["pos"], []).append(sense["definition"])
        return [(pos, defs[:per_pos] if per_pos else defs) for pos, defs in groups.items()]


def lookup(text, context=""):
    """The entry for a word or phrase as a reader gives it, or None. Three small indexed queries.

    With `context` (the sentence the reader met it in), the lemma and the sense are the ones the
    sentence uses. A Korean word is looked up against the newsroom's glosses.
    """
    word = normalize(text)
    if not word:
        return None
    context = context[:CONTEXT_MAX_LENGTH] if isinstance(context, str) else ""
    if HANGUL.search(word):
        return korean_lookup(word)
    exceptions = defaultdict(list)
    for form, lemma in Inflection.objects.filter(form__in={word, first_words(word)}).values_list("form", "lemma"):
        exceptions[form].append(lemma)
    irregular = {lemma for lemmas in exceptions.values() for lemma in lemmas}
    if " " in word:
        rest = word.partition(" ")[2]
        irregular = {f"{lemma} {rest}" for lemma in exceptions.get(first_words(word), [])} | irregular
    wanted = set(rule_candidates(word)) | irregular
    rows = Word.objects.filter(lemma__in=wanted).values_list("lemma", "parts", "zipf", "entries")
    known = {lemma: (parts, zipf, entries) for lemma, parts, zipf, entries in rows}
    lemma = rank(word, exceptions, known, context)
    glosses = {g.term: g for g in KoreanGloss.objects.filter(term__in={lemma or word, word})}
    gloss = glosses.get(lemma) or glosses.get(word)
    if lemma is None:
        # A phrase or word the source lacks can still have the newsroom's own gloss.
        if gloss is None and " " in word:
            gloss = longer_phrase(wanted)
        if gloss is None:
            return None
        return Entry(word, gloss.term, [], gloss.glosses)
    senses = known[lemma][2]
    chosen = None
    if context:
        form = _form_in(text, context)
        chosen = choose(form, lemma, senses, context, initial=context.lstrip("“\"'‘(").startswith(form))
    return Entry(word, lemma, senses, gloss.glosses if gloss else [], chosen)


def _form_in(text, context):
    """The word as the sentence spells it (its case tells a name from a word: Mogul, mogul)."""
    match = re.search(r"(?<![\w-])" + re.escape(text.strip()) + r"(?![\w-])", context, re.IGNORECASE)
    return match.group(0) if match else text.strip()


def longer_phrase(candidates):
    """The newsroom's gloss for a phrase that begins with the reader's: "make inroads" -> "make inroads into"."""
    query = None
    for candidate in candidates:
        if " " in candidate:
            condition = KoreanGloss.objects.filter(term__startswith=candidate + " ")
            query = condition if query is None else query | condition
    return query.order_by("term").first() if query is not None else None


def korean_lookup(word):
    """A Korean word: the English terms whose newsroom gloss it is, the first with its senses."""
    glosses = [g for g in KoreanGloss.objects.filter(korean__contains=word) if word in g.glosses]
    if not glosses:
        return None
    terms = [g.term for g in glosses]
    senses = dict(Word.objects.filter(lemma__in=terms).values_list("lemma", "entries"))
    return Entry(word, terms[0], senses.get(terms[0], []), glosses[0].glosses, english=terms)


def why_missing(text, context=""):
    """Why a word has no entry, as (reason, advice for the reader): a Korean word, a phrase, a name, or unknown."""
    word = normalize(text) or text.strip()[:100]
    context = context[:CONTEXT_MAX_LENGTH] if isinstance(context, str) else ""
    if HANGUL.search(word):
        spelled = re.search(r"([A-Za-z][A-Za-z' -]*?)\s*\(\s*" + re.escape(word) + r"\s*\)", context)
        advice = f"“{word}” is Korean, and the newsroom has no English gloss for it yet."
        if spelled:
            advice += f" This story writes it in English letters as “{spelled.group(1).split()[-1]}”."
        return "korean", advice
    if " " in word:
        words = ", ".join(word.split())
        return (
            "phrase",
            f"“{word}” is a phrase the dictionary does not have. Look up its words one at a time: {words}.",
        )
    form = _form_in(text, context) if context else text.strip()
    initial = bool(context) and context.lstrip("“\"'‘(").startswith(form)
    if form[:1].isupper() and not initial:
        return "name", f"“{form}” looks like a name (a person, place or company), and names are not in the dictionary."
    return (
        "unknown",
        f"No entry for “{word}”. Check the spelling, or try the word's plain form (mogul rather than moguls).",
    )


def lemmatize_many(words, sentences=None):
    """Map each (lower-case) word to its lemma and Zipf frequency: {word: (lemma, zipf)}, in two queries.

    `sentences` ({word: sentence}) lets a form be read as its sentence uses it: "prices rose" -> rise.
    """
    words = {w for w in words if w}
    sentences = sentences or {}
    candidates = {c for w in words for c in rule_candidates(w)}
    exceptions = defaultdict(list)
    for form, lemma in Inflection.objects.filter(form__in=words).values_list("form", "lemma"):
        exceptions[form].append(lemma)
    wanted = candidates | {lemma for lemmas in exceptions.values() for lemma in lemmas}
    known = {
        lemma: (parts, zipf)
        for lemma, parts, zipf in Word.objects.filter(lemma__in=wanted).values_list("lemma", "parts", "zipf")
    }
    result = {}
    for w in words:
        lemma = rank(w, exceptions, known, sentences.get(w, ""))
        if lemma is not None:
            result[w] = (lemma, known[lemma][1])
    return result
