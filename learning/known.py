"""About how much of a story a reader knows: an estimate shown on the story's dictionary view.

A word counts as known when it is common enough that the word list never picks it (wordfreq Zipf
at or above dictionary.vocabulary.COMMON) or when the reader has reviewed it at least once; names
are left out, as the reading level leaves them out.
"""

from functools import lru_cache

from wordfreq import zipf_frequency

from dictionary.lemmatize import normalize
from dictionary.vocabulary import COMMON, names_in, occurrences

from .models import SavedWord


@lru_cache(maxsize=100_000)
def is_common(word):
    return zipf_frequency(word, "en") >= COMMON


def known_share(article, known):
    """The percentage of the story's words (each appearance, names left out) that are common or in `known`."""
    tokens = occurrences(article.plain_text())
    names = names_in(tokens)
    counted = hits = 0
    for token, _, _ in tokens:
        key = normalize(token)
        if key in names:
            continue
        counted += 1
        hits += key in known or is_common(key)
    return round(100 * hits / counted) if counted else None


def reader_share(user, article, vocabulary):
    """The share for a logged-in reader who has reviewed words (one query), else None."""
    if not user.is_authenticated:
        return None
    reviewed = SavedWord.objects.filter(user=user, reviews__gt=0).values_list("lemma", "form")
    known = {normalize(word) for pair in reviewed for word in pair if word}
    if not known:
        return None
    # The story's own forms of the words the reader knows: "moguls" for a reviewed "mogul".
    known |= {normalize(item.form) for item in vocabulary if normalize(item.term) in known}
    return known_share(article, known)
