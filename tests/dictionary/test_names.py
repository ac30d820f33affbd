"""Gloss mode's "Mark names": people, places and organizations, not months, nationalities or headline capitals."""

import importlib.util
from pathlib import Path

import pytest

from dictionary.vocabulary import mark_words, names_in, occurrences

BENCH = Path(__file__).resolve().parents[2] / "bench" / "names.py"


def bench():
    spec = importlib.util.spec_from_file_location("bench_names", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def marked(text):
    """The names mark_words() marks in a story of these paragraphs (one a line)."""
    paragraphs = text.strip().splitlines()
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = str(mark_words(body, [], names_in(occurrences("\n".join(paragraphs)))))
    return [part.split("</span>", 1)[0] for part in html.split('<span class="name">')[1:]]


def test_the_labelled_set_scores_above_its_floor():
    """Precision and recall on the labelled sentences (bench/names.py prints them): 1.000 and 0.975
    when this was written, against 0.700 and 0.898 before; the floor leaves room for a fair trade."""
    names = bench()
    rows = names.labelled()
    result = names.score(rows)
    print(f"precision {result.precision:.3f}, recall {result.recall:.3f}, {result.tokens} words")
    assert result.tokens >= 150 and len({row["story"] for row in rows}) >= 15
    assert result.precision >= 0.95
    assert result.recall >= 0.9


def test_a_labelled_name_missing_from_its_sentence_is_an_error():
    """A typo in the set fails loudly instead of scoring a word that is not there."""
    names = bench()
    row = {"story": "seed", "sentence": "Ma also told Park he was visiting Seoul for a third time in four months.",
           "names": ["Ma", "Park", "Busan"]}  # fmt: skip
    with pytest.raises(ValueError, match="Busan"):
        names.score([row])


def test_months_weekdays_nationalities_and_languages_are_not_names():
    text = """
    Ma visited Seoul in July and met Chinese and Korean officials on Thursday, speaking English.
    Koreans and Ethiopians ran with Kenyan runners in March, and a Korean-American coach joined them.
    The Buddhist temple at Jogye opened on Dec. 5, when I saw Ma there.
    """
    assert marked(text) == ["Ma", "Seoul", "Jogye", "Ma"]


def test_a_nationality_after_a_place_word_is_not_a_place():
    """ "North Korean" is a nationality; "North Korea" a place."""
    text = "Officials of North Korea met North Korean athletes in Seoul."
    assert marked(text) == ["North", "Korea", "Seoul"]


def test_headline_capitals_are_typography_not_names():
    """A kicker or headline in capitals marks nothing, and gives no evidence; an acronym in a sentence is a name."""
    text = """
    PRESIDENT PARK MEETS ALIBABA CEO JACK MA
    President Park met Jack Ma of Alibaba, and the AI company's CEO said UNESCO and Seoul would help.
    """
    assert marked(text) == ["Park", "Jack", "Ma", "Alibaba", "UNESCO", "Seoul"]


def test_a_common_word_opening_a_sentence_is_marked_only_as_part_of_a_name():
    """ "Market" names only inside "Garak Market": where it opens a sentence on its own it is the common
    word; "National Assembly" opening a sentence is still a name, and so is "Park" the surname."""
    text = """
    Traders at Garak Market in Seoul said prices fell, and Park told the National Assembly.
    Market traders expect more. National Assembly members voted. Park said so too.
    """
    assert marked(text) == ["Garak", "Market", "Seoul", "Park", "National", "Assembly", "National", "Assembly", "Park"]


def test_a_title_s_full_stop_does_not_open_a_sentence_and_possessives_are_names():
    text = """
    “It is fair,” said Rep. Yoon Sang-ho, who met the Assembly’s leaders with China’s envoy.
    Yoon agreed with the Assembly.
    """
    assert marked(text) == ["Yoon", "Sang-ho", "Assembly", "China", "Yoon", "Assembly"]


def test_common_words_inside_a_longer_name_are_marked_there():
    """ "the market" and "the city" elsewhere in the story do not stop "Gwangjang Market" and "City Hall"
    from being names."""
    text = """
    The market opens late. Visitors go to Gwangjang Market and City Hall in Seoul.
    The city is near.
    """
    assert marked(text) == ["Gwangjang", "Market", "City", "Hall", "Seoul"]
