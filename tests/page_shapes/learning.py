"""A reader's words: the list, review, the CSV export, and the POST-only doors (save, sync, remove)."""

from learning import review
from tests.factories import ArticleFactory
from tests.page_shapes import page, reader

POST_ONLY = "answers POST only; a GET is refused with 405"


def _saved(word="mogul"):
    story = ArticleFactory(headline="Business moguls meet the president")
    saved, _ = review.save_word(reader(), word, form=word + "s", article=story, sentence=f"Business {word}s met.")
    return saved


@page("my words", reader=True)
def words():
    _saved()
    return "/accounts/words/?sort=word"


@page("my words, logged out (login)", status=302)
def words_logged_out():
    return "/accounts/words/"


@page("my words, review", reader=True)
def review_page():
    _saved("inroad")
    return "/accounts/words/review/"


@page("my words, CSV export", reader=True, unchecked_reason="not an HTML page (a CSV download)")
def export():
    return "/accounts/words/export.csv"


@page("my words, save asked with GET", status=405, reader=True, unchecked_reason=POST_ONLY)
def save():
    return "/accounts/words/save/"


@page("my words, sync asked with GET", status=405, reader=True, unchecked_reason=POST_ONLY)
def sync():
    return "/accounts/words/sync/"


@page("my words, remove asked with GET", status=405, reader=True, unchecked_reason=POST_ONLY)
def remove():
    return f"/accounts/words/{_saved('listing').pk}/remove/"
