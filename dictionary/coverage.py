"""How well the Korean glosses cover the published stories: what their vocabulary lists and texts need."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch

from articles.models import Article

from . import wordnet
from .korean import SHOWN, glosses_for_many
from .lemmatize import normalize
from .lookup import lemmatize_many
from .models import KoreanGloss, StoryTerm
from .vocabulary import names_in, occurrences, story_vocabulary

REJECTED = KoreanGloss.Status.REJECTED
# WordNet lists a few function words as nouns or verbs ("a", "in", "be", "have"): not what a learner clicks.
FUNCTION_WORD_ZIPF = 6.0
# The newsroom glosses every WordNet lemma at least this common (wordfreq's Zipf scale): issue 12's floor.
COMMON_ZIPF = 3.0


def common_lemmas_without_gloss(terms, zipf=COMMON_ZIPF, path=wordnet.DEFAULT_PATH):
    """The WordNet lemmas a learner meets often (Zipf >= `zipf`, one word) that `terms` has no gloss for,
    commonest first, as [(lemma, zipf)], and how many common lemmas there are in all."""
    frequencies = wordnet.zipf_frequencies(wordnet.single_words(path))
    common = {lemma: value for lemma, value in frequencies.items() if value >= zipf}
    missing = sorted(((lemma, value) for lemma, value in common.items() if lemma not in terms), key=lambda t: -t[1])
    return missing, len(common)


def published_stories():
    return Article.objects.published().prefetch_related(
        Prefetch("dictionary_terms", queryset=StoryTerm.objects.order_by("position", "pk"))
    )


def _iterate(articles):
    return articles.iterator(chunk_size=200) if hasattr(articles, "iterator") else articles


def listed_terms(articles=None):
    """{term: [story URL, ...]} for every word the stories' vocabulary lists pick, and whether the
    list's own Korean (an editor's pinned gloss) covers it: ({term: urls}, {terms with pinned Korean})."""
    listed, pinned_korean = {}, set()
    for article in _iterate(published_stories() if articles is None else articles):
        for item in story_vocabulary(article, list(article.dictionary_terms.all())):
            listed.setdefault(item.term, []).append(article.get_absolute_url())
            if item.pinned and item.korean:
                pinned_korean.add(item.term)
    return listed, pinned_korean


def missing_glosses(articles=None):
    """{term: [story URL, ...]} for every listed word without a Korean gloss, over published stories."""
    listed, pinned_korean = listed_terms(articles)
    glossed = glosses_for_many(listed)
    return {term: urls for term, urls in listed.items() if term not in glossed and term not in pinned_korean}


def refresh_needs(articles=None):
    """Store on each gloss how many published stories list its term, and queue listed terms that have
    no gloss at all as `missing` rows, so the review queue orders itself by need. Returns the counts."""
    listed, pinned_korean = listed_terms(articles)
    need = Counter({term: len(set(urls)) for term, urls in listed.items()})
    with transaction.atomic():
        KoreanGloss.objects.filter(status=KoreanGloss.Status.MISSING).delete()
        KoreanGloss.objects.exclude(need=0).update(need=0)
        rows = list(KoreanGloss.objects.filter(term__in=need))
        for row in rows:
            row.need = need[row.term]
        KoreanGloss.objects.bulk_update(rows, ["need"], batch_size=1000)
        # Queued: terms without Korean to show, unless an editor has turned the queued word itself down.
        known = {row.term for row in rows if row.status in SHOWN or (row.status == REJECTED and not row.korean)}
        KoreanGloss.objects.bulk_create(
            [
                KoreanGloss(term=term, status=KoreanGloss.Status.MISSING, source="", need=count)
                for term, count in need.items()
                if term not in known and term not in pinned_korean
            ],
            batch_size=1000,
        )
    return need


@dataclass
class Coverage:
    listed: int = 0  # distinct vocabulary-list words
    listed_korean: int = 0
    listed_reviewed: int = 0
    content: int = 0  # distinct content lemmas in the stories' texts
    content_korean: int = 0
    content_reviewed: int = 0
    missing: Counter = field(default_factory=Counter)  # listed term -> stories that need it
    unreviewed: Counter = field(default_factory=Counter)  # listed terms shown only as suggested
    content_missing: dict = field(default_factory=dict)  # content lemma -> Zipf, for those without Korean

    @staticmethod
    def share(part, whole):
        return part / whole if whole else 1.0


def measure(articles=None):
    """Coverage of the vocabulary lists' words and of the distinct content lemmas of the stories.

    A content lemma is a word the dictionary knows that is not a name (as the vocabulary lists
    decide it), not a single letter (the "s" of "U.S.") and not among the very commonest function
    words (a Zipf of 6 and above: the, of, be); a reader may click any of them.
    """
    articles = list(_iterate(published_stories() if articles is None else articles))
    listed, pinned_korean = listed_terms(articles)
    content = {}
    for article in articles:
        tokens = occurrences(article.plain_text())
        names = names_in(tokens).capitalised  # as the word lists leave them out
        words = {normalize(token) for token, _, _ in tokens} - names
        content.update(
            (lemma, zipf)
            for lemma, zipf in lemmatize_many(words).values()
            if zipf < FUNCTION_WORD_ZIPF and len(lemma) > 1
        )
    glossed = glosses_for_many(set(listed) | set(content))
    report = Coverage(listed=len(listed), content=len(content))
    for term, urls in listed.items():
        if term in glossed or term in pinned_korean:
            report.listed_korean += 1
            reviewed = term in pinned_korean or glossed[term][0].reviewed
            report.listed_reviewed += reviewed
            if not reviewed:
                report.unreviewed[term] = len(set(urls))
        else:
            report.missing[term] = len(set(urls))
    for term, zipf in content.items():
        if term in glossed:
            report.content_korean += 1
            report.content_reviewed += glossed[term][0].reviewed
        else:
            report.content_missing[term] = zipf
    return report
