import re

import pytest

from articles.search.snippets import SNIPPET_CHARS, Terms, keep_phrase_marks, mark, window_around
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def snippets(client, query):
    return {a.headline: str(a.snippet) for a in client.get("/search/", {"q": query}).context["results"].hits}


def joined(snippet):
    """The snippet with the marks of neighbouring words made one (ts_headline marks each word)."""
    return snippet.replace("</mark> <mark>", " ")


@pytest.mark.postgres
def test_snippets_show_the_word_itself_from_the_body_or_else_the_dek_or_a_caption(client, politics):
    """The window is around the word itself (not a longer word), in the body, else the dek or a caption."""
    filler = "Nothing to see in this sentence at all. " * 12
    ArticleFactory(
        headline="Trading floor",
        body=f"<p>The marketplace opened early. {filler} Shares in the markets fell.</p>",
    )
    PhotoFactory(
        article=ArticleFactory(headline="Harbour scene", body=f"<p>{filler}</p>"),
        caption="Fishermen sell their catch at a market in Busan.",
    )
    ArticleFactory(headline="Weekend", dek="Where the market stalls open late.", body=f"<p>{filler}</p>")
    found = snippets(client, "market")
    # Not "marketplace" (another word): the window is around "markets", and that is marked.
    assert "<mark>markets</mark>" in found["Trading floor"]
    assert "<mark>market</mark> in Busan" in found["Harbour scene"]
    assert "the <mark>market</mark> stalls" in found["Weekend"]


def test_a_phrase_is_marked_where_it_is_a_phrase(client, seed):
    """The phrase "Jack Ma" marks Jack Ma, not a lone "Ma" later; a word of its own is still marked."""
    snippet = snippets(client, '"Jack Ma"')[seed.headline]
    assert "<mark>Jack Ma</mark>" in joined(snippet)
    assert "Ma also" in snippet and "<mark>Ma</mark> also" not in snippet
    snippet = snippets(client, '"Jack Ma" Park')[seed.headline]
    assert "<mark>Jack Ma</mark>" in joined(snippet) and "<mark>Park</mark> he" in snippet
    assert "<mark>Ma</mark> also" not in snippet


def test_entities_in_the_body_are_text_in_the_snippet(client, politics):
    """The body's HTML is read as text: an entity is its character, escaped once."""
    ArticleFactory(headline="Carrier results", body="<p>AT&amp;T reported</p><p>profits&nbsp;rose.</p>")
    snippet = snippets(client, "profits")["Carrier results"]
    assert snippet.startswith("AT&amp;T reported ") and "&amp;amp;" not in snippet


@pytest.mark.parametrize(
    "word",
    ["antidisestablishmentarianism", "삼성전자가"],
)
def test_the_window_is_cut_between_words(word):
    """Both ends of the window fall between words, in English as in Korean (spaced by words too)."""
    words = [f"{word}{i}" for i in range(200)]
    text = " ".join(words)
    at = text.index(words[100])
    window = window_around(text, at)
    assert window.startswith("… ") and window.endswith(" …")
    inside = window[2:-2].split(" ")
    assert set(inside) <= set(words) and words[100] in inside
    assert len(window) <= SNIPPET_CHARS + 4


def test_a_text_without_spaces_is_cut_between_characters():
    """Chinese or Japanese, written without spaces, still gets a window of about SNIPPET_CHARS."""
    text = "中" * 1000
    window = window_around(text, 500)
    assert window == "… " + "中" * SNIPPET_CHARS + " …"


def test_terms_tell_phrases_from_words():
    """A tsquery's phrases keep their words together, with the widest gap a stop word leaves."""
    terms = Terms.of("", "'jack' <-> 'ma' & 'alibaba'")
    assert (terms.phrases, terms.words, terms.distance) == ([["jack", "ma"]], ["alibaba"], 1)
    terms = Terms.of("", "'govern' <2> 'korea'")
    assert (terms.phrases, terms.words, terms.distance) == ([["govern", "korea"]], [], 2)
    terms = Terms.of('"Jack Ma" alibaba -park', None)
    assert (terms.phrases, terms.words) == ([["Jack", "Ma"]], ["alibaba"])


def test_marks_outside_postgresql_take_a_phrase_whole():
    """Without ts_headline, a phrase is marked whole, and a word of its own alone."""
    terms = Terms.of('"Jack Ma" Park', None)
    marked = mark("Park met Jack Ma. Ma said so.", terms)
    assert re.sub("\ue000(.*?)\ue001", r"[\1]", marked) == "[Park] met [Jack Ma]. Ma said so."


def test_ts_headline_marks_of_a_lone_phrase_word_are_taken_off():
    """A phrase's word marked by ts_headline away from the rest of the phrase loses its mark."""
    terms = Terms.of("", "'jack' <-> 'ma' & 'park'")
    text = "\ue000Park\ue001 met \ue000Jack\ue001 \ue000Ma\ue001. \ue000Ma\ue001 said so."
    kept = keep_phrase_marks(text, terms)
    assert re.sub("\ue000(.*?)\ue001", r"[\1]", kept) == "[Park] met [Jack] [Ma]. Ma said so."
