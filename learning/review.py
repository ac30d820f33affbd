"""Saving words and reviewing them: every change to a reader's words goes through here.

Scheduling is the `fsrs` package's (Free Spaced Repetition Scheduler, MIT), with fuzzing off so that
the same answers on the same days always give the same due dates (readers compare notes; tests pin them).
"""

from dataclasses import dataclass

import regex
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from fsrs import Card, Rating, Scheduler

from .models import SavedWord

SCHEDULER = Scheduler(enable_fuzzing=False)
RATINGS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}
MAX_SENTENCE = 600


class WordError(ValueError):
    """A word that cannot be saved, with a reason a reader can read."""


def save_word(user, lemma, *, form="", article=None, sentence="", now=None):
    """Save `lemma` for `user` (idempotent: saving it again keeps its schedule). Returns (word, created)."""
    lemma = " ".join((lemma or "").split()).lower()
    if not lemma or len(lemma) > 100:
        raise WordError(_("Give a word of 1 to 100 characters."))
    if article is None or not article.is_public:
        # A sentence is kept only with the public story it came from.
        article, sentence = None, ""
    existing = SavedWord.objects.filter(user=user, lemma__iexact=lemma).first()
    if existing:
        return existing, False
    card = Card()
    now = now or timezone.now()
    card.due = now
    try:
        with transaction.atomic():
            word = SavedWord.objects.create(
                user=user,
                lemma=lemma,
                form=(form or "")[:100],
                article=article,
                sentence=" ".join((sentence or "").split())[:MAX_SENTENCE],
                card=card.to_dict(),
                due=now,
            )
    except IntegrityError:
        # The same word saved twice at once (two tabs): the first one stands.
        return SavedWord.objects.get(user=user, lemma__iexact=lemma), False
    return word, True


def answer(word, rating, *, now=None):
    """Record the reader's answer ("again", "hard", "good", "easy") and schedule the next review."""
    if rating not in RATINGS:
        raise WordError(_("Answer again, hard, good or easy."))
    now = now or timezone.now()
    card, _log = SCHEDULER.review_card(Card.from_dict(word.card), RATINGS[rating], review_datetime=now)
    word.card = card.to_dict()
    word.due = card.due
    word.reviews += 1
    word.last_review = now
    word.save(update_fields=["card", "due", "reviews", "last_review"])
    return word


@dataclass
class ReviewCard:
    """What a review shows: the word asking for its meaning, or later the story's sentence with a blank."""

    word: SavedWord
    kind: str  # "meaning" or "blank"
    prompt: str

    @property
    def answer(self):
        return self.word.form or self.word.lemma


def card_for(word):
    """The first review of a word asks its meaning; once known, the story's sentence with it blanked."""
    sentence = word.shown_sentence
    blanked = blank_out(sentence, [word.form, word.lemma]) if sentence else None
    if word.reviews == 0 or not blanked:
        return ReviewCard(word, "meaning", word.lemma)
    return ReviewCard(word, "blank", blanked)


def blank_out(sentence, forms):
    """`sentence` with the first of `forms` it contains (as a whole word) replaced by a blank, or None."""
    for form in forms:
        if not form:
            continue
        pattern = regex.compile(r"(?<!\w)" + regex.escape(form) + r"\w*", regex.IGNORECASE)
        if pattern.search(sentence):
            return pattern.sub("_____", sentence, count=1)
    return None


def next_due(user, now=None):
    return (
        SavedWord.objects.filter(user=user)
        .due(now or timezone.now())
        .select_related("article")
        .order_by("due", "pk")
        .first()
    )


def due_count(user, now=None):
    return SavedWord.objects.filter(user=user).due(now or timezone.now()).count()
