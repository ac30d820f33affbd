"""Looking words up: one word for the API and the word page, every word of a story in a few queries."""

import re
from collections import defaultdict

from django.utils.translation import gettext as _
from wordfreq import zipf_frequency

from .korean import glosses_for_many
from .lemmatize import first_words, normalize, rank, rule_candidates
from .models import Inflection, KoreanGloss, Word
from .senses import choose

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
CONTEXT_MAX_LENGTH = 1000


class Entry:
    """A looked-up word: what the reader typed, its lemma, senses and Korean glosses.

    `chosen` is the index of the sense the reader's sentence uses, when a sentence was given.
    """

    def __init__(self, word, lemma, entries, korean, chosen=None, english=None, korean_status="reviewed"):
        self.word = word
        self.lemma = lemma
        self.entries = entries
        self.korean = korean
        # "suggested": the Korean comes from the NIKL dictionary's data, not yet reviewed by the newsroom.
        self.korean_status = korean_status
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
        if self.korean and self.korean_status != "reviewed":
            data["korean_status"] = self.korean_status
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
    if lemma is None:
        # A phrase or word the source lacks can still have the newsroom's own gloss.
        best = _best_gloss(word, None)
        if best is None and " " in word:
            phrase = longer_phrase(wanted)
            return Entry(word, phrase.term, [], phrase.glosses) if phrase else None
        if best is None:
            return None
        return Entry(word, word, [], best.korean, korean_status=best.status)
    senses = known[lemma][2]
    chosen = None
    if context:
        form = _form_in(text, context)
        chosen = choose(form, lemma, senses, context, initial=context.lstrip("“\"'‘(").startswith(form))
    # The gloss for the part of speech the sentence uses, where it can tell (bill: 법안, not 부리).
    best = _best_gloss(lemma, senses[chosen]["pos"] if chosen is not None and senses else None, word)
    return Entry(word, lemma, senses, best.korean if best else [], chosen, korean_status=best.status if best else "")


def _best_gloss(lemma, pos, *others):
    """The Korean to show for `lemma` (else for the first of `others` that has some): reviewed first."""
    found = glosses_for_many({lemma, *others}, pos)
    for term in (lemma, *others):
        if found.get(term):
            return found[term][0]
    return None


def _form_in(text, context):
    """The word as the sentence spells it (its case tells a name from a word: Mogul, mogul)."""
    match = re.search(r"(?<![\w-])" + re.escape(text.strip()) + r"(?![\w-])", context, re.IGNORECASE)
    return match.group(0) if match else text.strip()


def longer_phrase(candidates):
    """The newsroom's gloss for a phrase that begins with the reader's: "make inroads" -> "make inroads into"."""
    query = None
    for candidate in candidates:
        if " " in candidate:
            condition = KoreanGloss.objects.filter(
                term__startswith=candidate + " ", status=KoreanGloss.Status.REVIEWED
            )
            query = condition if query is None else query | condition
    return query.order_by("term").first() if query is not None else None


def korean_lookup(word):
    """A Korean word: the English terms whose newsroom gloss it is, commonest first, the first with its senses.

    A term whose first gloss is the word comes before one that lists it further on (가구: household's
    furnishing's and furniture's first gloss, so the commonest English leads).
    """
    shown = KoreanGloss.objects.filter(korean__contains=word, status=KoreanGloss.Status.REVIEWED)
    glosses = [g for g in shown if word in g.glosses]
    if not glosses:
        return None
    glosses.sort(key=lambda g: (g.glosses.index(word), -zipf_frequency(g.term, "en"), g.term))
    terms = list(dict.fromkeys(g.term for g in glosses))
    senses = Word.objects.filter(lemma=terms[0]).values_list("entries", flat=True).first()
    return Entry(word, terms[0], senses or [], glosses[0].glosses, english=terms)


def why_missing(text, context=""):
    """Why a word has no entry, as (reason, advice for the reader in their language): a Korean word, a phrase, a
    name, or unknown."""
    word = normalize(text) or text.strip()[:100]
    context = context[:CONTEXT_MAX_LENGTH] if isinstance(context, str) else ""
    if HANGUL.search(word):
        spelled = re.search(r"([A-Za-z][A-Za-z' -]*?)\s*\(\s*" + re.escape(word) + r"\s*\)", context)
        advice = _("“%(word)s” is Korean, and the newsroom has no English gloss for it yet.") % {"word": word}
        if spelled:
            spelling = spelled.group(1).split()[-1]
            advice += " " + _("This story writes it in English letters as “%(spelling)s”.") % {"spelling": spelling}
        return "korean", advice
    if " " in word:
        words = ", ".join(word.split())
        return (
            "phrase",
            _("“%(phrase)s” is a phrase the dictionary does not have. Look up its words one at a time: %(words)s.")
            % {"phrase": word, "words": words},
        )
    form = _form_in(text, context) if context else text.strip()
    initial = bool(context) and context.lstrip("“\"'‘(").startswith(form)
    if form[:1].isupper() and not initial:
        return "name", _(
            "“%(word)s” looks like a name (a person, place or company), and names are not in the dictionary."
        ) % {"word": form}
    return (
        "unknown",
        _("No entry for “%(word)s”. Check the spelling, or try the word’s plain form (mogul rather than moguls).")
        % {"word": word},
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
