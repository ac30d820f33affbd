"""Looking words up: one word for the API and the word page, every word of a story in a few queries."""

from collections import defaultdict

from .lemmatize import first_words, normalize, rank, rule_candidates
from .models import Inflection, KoreanGloss, Word


class Entry:
    """A looked-up word: what the reader typed, its lemma, senses and Korean glosses."""

    def __init__(self, word, lemma, entries, korean):
        self.word = word
        self.lemma = lemma
        self.entries = entries
        self.korean = korean

    def as_json(self):
        return {"word": self.word, "lemma": self.lemma, "entries": self.entries, "korean": self.korean}

    def by_pos(self, per_pos=None):
        """Senses grouped by part of speech, in the dictionary's order: [(pos, [definition, ...]), ...]."""
        groups = {}
        for sense in self.entries:
            groups.setdefault(sense["pos"], []).append(sense["definition"])
        return [(pos, defs[:per_pos] if per_pos else defs) for pos, defs in groups.items()]


def lookup(text):
    """The entry for a word or phrase as a reader gives it, or None. Three small indexed queries."""
    word = normalize(text)
    if not word:
        return None
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
    lemma = rank(word, exceptions, known)
    glosses = {g.term: g for g in KoreanGloss.objects.filter(term__in={lemma or word, word})}
    gloss = glosses.get(lemma) or glosses.get(word)
    if lemma is None:
        # A phrase or word the source lacks can still have the newsroom's own gloss.
        if gloss is None:
            return None
        return Entry(word, gloss.term, [], gloss.glosses)
    return Entry(word, lemma, known[lemma][2], gloss.glosses if gloss else [])


def lemmatize_many(words):
    """Map each (lower-case) word to its lemma and Zipf frequency: {word: (lemma, zipf)}, in two queries."""
    words = {w for w in words if w}
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
        lemma = rank(w, exceptions, known)
        if lemma is not None:
            result[w] = (lemma, known[lemma][1])
    return result
