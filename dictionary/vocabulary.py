"""Choosing the words of a story a learner most likely needs, and marking them in its text.

A word qualifies when the dictionary knows it, it is not a name nor another word the story always
capitalises (a month, a nationality: dictionary.names), and it is neither very common nor unknown
to wordfreq; the rarest come first. Editors' pinned terms come before all of them.
"""

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.core.cache import cache
from django.db.models import Count, Max
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .korean import glosses_for_many
from .lemmatize import normalize
from .lookup import lemmatize_many
from .models import DictionarySource, KoreanGloss, Word, split_glosses
from .names import extend_names, marked_here, names_in
from .senses import choose

# Zipf: "the" 7.7, "percent" 5.0, "summit" 4.3, "entrepreneur" 4.0, "mogul" 3.1, "revitalize" 2.9.
COMMON = 4.4  # and above: a learner of news English knows it
VERY_COMMON = 5.0  # never listed, even to fill a short list
RARE_FLOOR = 1.0  # below: unknown to wordfreq, usually a name or a typo the source happens to have
MIN_WORDS, MAX_WORDS = 10, 30
WORDS_PER_ITEM = 15  # a story of 450 words lists 30; one of 150, 10
DEFINITIONS_SHOWN = 2

TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
TAG = re.compile(r"(<[^>]*>)")
BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "br",
    "div",
    "figcaption",
    "td",
    "th",
    "dd",
    "dt",
}
# Addresses are not words: "www" and "joongang" from a URL or an e-mail address stay out of the list.
ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|kr|net|org)\b\S*"
)


@dataclass
class Item:
    term: str  # the dictionary form: "mogul", or a pinned phrase
    form: str  # as it first appears in the story: "moguls"
    sentence: str
    pinned: bool = False
    zipf: float = 0.0
    definitions: list = field(default_factory=list)  # [(pos, [definition, ...]), ...], the others
    korean: list = field(default_factory=list)
    sense: tuple = ()  # (pos, definition): the one its sentence uses

    @cached_property
    def url(self):
        """Its dictionary page; None for a term no URL can carry (an editor's "either/or")."""
        try:
            return reverse("dictionary:word", kwargs={"word": self.term})
        except NoReverseMatch:
            return None


def split_sentences(text):
    return [s.strip() for line in text.splitlines() for s in SENTENCE_END.split(line) if s.strip()]


def occurrences(text):
    """Every token with its sentence, and whether it opens that sentence: [(token, sentence, initial)]."""
    found = []
    for sentence in split_sentences(text):
        for i, match in enumerate(TOKEN.finditer(ADDRESS.sub(" ", sentence))):
            found.append((match.group(), sentence, i == 0))
    return found


def _senses(item, senses, story):
    """(the sense the item's sentence uses, the others by part of speech, a few of each)."""
    initial = item.sentence.lstrip("“\"'‘(").startswith(item.form)
    chosen = choose(item.form, item.term, senses, item.sentence, story, initial=initial)
    groups = {}
    for index, sense in enumerate(senses):
        if index != chosen:
            groups.setdefault(sense["pos"], []).append(sense["definition"])
    others = [(pos, definitions[:DEFINITIONS_SHOWN]) for pos, definitions in groups.items()]
    return (senses[chosen]["pos"], senses[chosen]["definition"]), others


def sentence_with(term, sentences):
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, term.split())), re.IGNORECASE)
    return next((s for s in sentences if pattern.search(s.replace("’", "'"))), "")


def _candidates(tokens, names, lemmas, seen):
    """Each listable word once, at its first appearance, in story order (`seen` holds terms already taken)."""
    candidates = []
    for token, sentence, _ in tokens:
        key = normalize(token)
        if key in names or key not in lemmas:
            continue
        lemma, zipf = lemmas[key]
        if lemma in seen or len(lemma) < 3 or zipf < RARE_FLOOR or zipf >= VERY_COMMON:
            continue
        seen.add(lemma)
        candidates.append(Item(term=lemma, form=token, sentence=sentence, zipf=zipf))
    return candidates


def _rarest(candidates, wanted, floor):
    """Up to `wanted` of the rarest uncommon candidates, filled up to `floor` with common ones, in story order."""
    rare_first = sorted(candidates, key=lambda item: item.zipf)
    chosen = [item for item in rare_first if item.zipf < COMMON][: max(wanted, 0)]
    if len(chosen) < floor:
        # A short story: fill up to the minimum with common (not very common) words.
        extra = [item for item in rare_first if item.zipf >= COMMON]
        chosen += extra[: floor - len(chosen)]
    order = {item.term: i for i, item in enumerate(candidates)}
    chosen.sort(key=lambda item: order[item.term])
    return chosen


def _pinned_items(pinned_terms, pinned_keys, lemmas, sentences):
    return [
        Item(
            term=(lemma := lemmas.get(key, (key, 0.0))[0]),
            form=term.term,
            sentence=sentence_with(term.term, sentences) or sentence_with(lemma, sentences),
            pinned=True,
            definitions=[("", [term.definition])] if term.definition else [],
            korean=split_glosses(term.korean),
        )
        for term, key in zip(pinned_terms, pinned_keys, strict=True)
    ]


def _fill_entries(items, text):
    """Each item's senses (the sentence's first) and Korean glosses, in two queries."""
    terms = {item.term for item in items}
    if not terms:
        return
    entries = dict(Word.objects.filter(lemma__in=terms).values_list("lemma", "entries"))
    # A gloss written for the form ("soaring") serves where its lemma (soar) has none.
    forms = {normalize(item.form) for item in items}
    glosses = glosses_for_many(terms | forms)
    for item in items:
        if not item.definitions and entries.get(item.term):
            item.sense, item.definitions = _senses(item, entries[item.term], text)
        if not item.korean:
            found = glosses.get(item.term) or glosses.get(normalize(item.form)) or []
            item.korean = found[0].korean if found else []


def story_vocabulary(article, pinned_terms=None):
    """The story's word list: pinned terms first (in the editors' order), then the chosen words in story order.

    A fixed number of queries whatever the story's length: irregular forms, headwords, the chosen
    words' entries, their Korean glosses (and the pinned terms, unless given).
    """
    if pinned_terms is None:
        pinned_terms = list(article.dictionary_terms.all())
    text = article.plain_text()
    tokens = occurrences(text)
    pinned_keys = [normalize(t.term) for t in pinned_terms]
    first_sentences = {}
    for token, sentence, _ in tokens:
        first_sentences.setdefault(normalize(token), sentence)
    lemmas = lemmatize_many(set(first_sentences) | set(pinned_keys), first_sentences)
    candidates = _candidates(tokens, names_in(tokens).capitalised, lemmas, set(pinned_keys))
    wanted = max(MIN_WORDS, min(MAX_WORDS, len(tokens) // WORDS_PER_ITEM)) - len(pinned_terms)
    items = _pinned_items(pinned_terms, pinned_keys, lemmas, split_sentences(text))
    items += _rarest(candidates, wanted, MIN_WORDS - len(pinned_terms))
    _fill_entries(items, text)
    return items


def _words_and_names(forms, names):
    """One pattern for the listed words' forms (group 1) and the names (group 2 before a possessive,
    else the whole match); a group with nothing to match never does."""

    def alternatives(forms):
        return "|".join(
            r"\s+".join(re.escape(w).replace("'", "['’]") for w in form.split())
            for form in sorted(forms, key=len, reverse=True)
        )

    words, names = (alternatives(group) if group else "(?!)" for group in (forms, names))
    end = r"(?![\w-]|['’]\w)"  # a listed word's form is matched whole; a name may take a possessive
    return re.compile(rf"(?<![\w'’-])(?:({words}){end}|({names})(?=['’]s(?![\w-]))|(?:{names}){end})", re.IGNORECASE)


def _linked(item, match):
    """A listed word's first appearance linked to its entry, with its Korean gloss over it if it has one."""
    if item is None or item.url is None:
        return match.group(0)
    linked = (
        f'<a class="lookup" href="{escape(item.url)}" data-term="{escape(item.term)}" draggable="false">'
        f"{match.group(1)}</a>"
    )
    if not item.korean:
        return linked
    return f'<ruby class="gloss">{linked}<rt lang="ko">{escape(item.korean[0])}</rt></ruby>'


def mark_words(body_html, items, names=()):
    """The body with the first appearance of each listed word linked to its entry (outside existing links).

    A listed word with a Korean gloss is wrapped in `<ruby>` with the gloss in `<rt lang="ko">`, and
    capitalised appearances of a name (`names`, as names_in() gives them) in `<span class="name">`
    where dictionary.names.marked_here() says it names there, with the capitalised words next to it
    that are part of it. Both are hidden until the reader turns gloss mode on (a class on the
    container: one cached page for all).
    """
    remaining = {item.form.lower().replace("’", "'"): item for item in items}
    initial_names = getattr(names, "initial", names)
    names = {name for name in names if name not in remaining}
    if not remaining and not names:
        return mark_safe(body_html)

    pattern = _words_and_names(remaining, names)
    out, in_link, before = [], 0, ""
    for part in TAG.split(body_html):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].lower().strip("/") if len(part) > 2 else ""
            in_link += 1 if name == "a" and part[1] != "/" else -1 if name == "a" else 0
            if name in BLOCKS:
                before = ""
            out.append(part)
            continue
        if in_link:
            out.append(part)
            before = (before + part)[-80:]
            continue

        def link(match, part=part, before=before):
            if match.group(1) is None:
                # A possessive's "’s" (two characters) is outside the name: the next word is after it.
                after = match.end() + (2 if match.group(2) else 0)
                if marked_here(match.group(0), before + part[: match.start()], part[after:], names, initial_names):
                    return f'<span class="name">{match.group(0)}</span>'
                return match.group(0)
            return _linked(remaining.pop(" ".join(match.group(1).lower().replace("’", "'").split()), None), match)

        out.append(extend_names(pattern.sub(link, part)) if names else pattern.sub(link, part))
        before = (before + part)[-80:]
    return mark_safe("".join(out))


CACHE_SECONDS = 24 * 3600


def story_dictionary(article):
    """(vocabulary, marked body) for a story's dictionary view, cached until anything it depends on changes.

    Choosing the words costs several times what rendering a story does, so it is kept; the key holds
    the story's last change, its pinned terms, the loaded dictionary's fingerprint and the state of
    the Korean glosses (count and latest change), read in three small queries, so an editor's
    correction shows at once in every worker, whatever the cache backend.
    """
    pinned = list(article.dictionary_terms.all())
    glosses = KoreanGloss.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
    source = DictionarySource.objects.values_list("fingerprint", "loaded_at").first()
    stamp = repr(
        (
            article.updated_at,
            [(t.term, t.definition, t.korean, t.position) for t in pinned],
            glosses["n"],
            glosses["latest"],
            source,
        )
    )
    # "v3": the names as dictionary.names marks them (v2: glosses and names since gloss mode); older
    # entries are left to expire.
    key = f"dictionary:story:v3:{article.pk}:{hashlib.sha256(stamp.encode()).hexdigest()}"
    cached = cache.get(key)
    if cached is None:
        vocabulary = story_vocabulary(article, pinned)
        names = names_in(occurrences(article.plain_text()))
        cached = (vocabulary, mark_words(article.body, vocabulary, names))
        cache.set(key, cached, CACHE_SECONDS)
    return cached
