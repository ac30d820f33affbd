from datetime import UTC, datetime

import pytest
import time_machine

from learning import review
from learning.models import SavedWord
from tests.factories import ArticleFactory

START = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("minji", password="pw")


def test_a_fixed_sequence_of_answers_gives_pinned_due_dates(reader):
    """With the clock frozen, the scheduler gives the same due dates for the same answers, every time."""
    with time_machine.travel(START, tick=False):
        word, created = review.save_word(reader, "revitalize")
    assert created and word.due == START
    schedule = []
    when = START
    for rating in ["good", "good", "again", "good", "easy"]:
        with time_machine.travel(when, tick=False):
            review.answer(word, rating)
        schedule.append(word.due.isoformat())
        when = word.due
    assert schedule == [
        "2026-12-01T00:10:00+00:00",  # a new word comes back after the learning step
        "2026-12-03T00:10:00+00:00",
        "2026-12-03T00:20:00+00:00",  # forgotten: relearned ten minutes later
        "2026-12-04T00:20:00+00:00",
        "2026-12-08T00:20:00+00:00",
    ]
    word.refresh_from_db()
    assert word.reviews == 5 and word.last_review == datetime(2026, 12, 4, 0, 20, tzinfo=UTC)


def test_saving_a_word_again_keeps_its_schedule(reader):
    """A second save of the same word (in any case) neither duplicates it nor resets its reviews."""
    word, _ = review.save_word(reader, "Mogul")
    review.answer(word, "good")
    again, created = review.save_word(reader, "mogul")
    assert not created and again.pk == word.pk and again.reviews == 1
    assert SavedWord.objects.filter(user=reader).count() == 1


@pytest.mark.parametrize("bad", ["", "   ", "x" * 101])
def test_an_empty_or_overlong_word_is_refused(reader, bad):
    """Only a real word is saved; the error says what is wanted."""
    with pytest.raises(review.WordError):
        review.save_word(reader, bad)


def test_an_unknown_answer_is_refused(reader):
    word, _ = review.save_word(reader, "mogul")
    with pytest.raises(review.WordError):
        review.answer(word, "perfect")


def test_the_first_card_asks_the_meaning_and_later_ones_blank_the_sentence(reader):
    """A new word is shown for its meaning; once reviewed, the story's sentence with the word blanked."""
    story = ArticleFactory()
    word, _ = review.save_word(
        reader, "mogul", form="moguls", article=story, sentence="Business moguls met the president."
    )
    assert review.card_for(word).kind == "meaning"
    review.answer(word, "good")
    card = review.card_for(word)
    assert card.kind == "blank" and card.prompt == "Business _____ met the president."


def test_a_withdrawn_storys_sentence_is_never_shown(reader):
    """Once the story leaves the public site, its sentence is not shown, and the card falls back to the word."""
    story = ArticleFactory()
    word, _ = review.save_word(reader, "mogul", article=story, sentence="Business moguls met the president.")
    review.answer(word, "good")
    story.status = story.Status.WITHDRAWN
    story.save()
    word.refresh_from_db()
    assert word.shown_sentence == ""
    assert review.card_for(word).kind == "meaning"


def test_a_draft_storys_sentence_is_not_kept(reader):
    """A word saved against a story that is not public keeps neither the story nor the sentence."""
    draft = ArticleFactory(draft=True)
    word, _ = review.save_word(reader, "mogul", article=draft, sentence="A secret sentence.")
    assert word.article is None and word.sentence == ""


def test_due_words_are_counted_and_served_oldest_due_first(reader):
    with time_machine.travel(START, tick=False):
        first, _ = review.save_word(reader, "mogul")
    with time_machine.travel(datetime(2026, 12, 1, 1, 0, tzinfo=UTC), tick=False):
        review.save_word(reader, "inroad")
        assert review.due_count(reader) == 2
        assert review.next_due(reader) == first
