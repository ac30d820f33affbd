import os

import pytest

from articles.sanitize import paragraphs_to_html
from dictionary import wordnet
from dictionary.lookup import lookup
from dictionary.senses import choose, guess_pos, measure
from dictionary.vocabulary import story_vocabulary
from tests.factories import ArticleFactory

from .senses_cases import HELDOUT, load_cases, real_dictionary

# The goal is 0.85 first-sense accuracy; what is reached today is pinned, so that it cannot
# slip back while the rest is worked on (see bench/senses.py --misses for what is still wrong).
GOAL = 0.85
REACHED = 0.74  # 146 of 196
# The held-out set (senses_heldout.jsonl) was labelled before any tuning and is never tuned on; its
# figure is pinned too, so that a change that fits the first set at the cost of new sentences shows.
HELDOUT_REACHED = 0.56  # 67 of 119
SEED_MOGULS = (
    "On the sidelines of the summit, big names from both Korea and China participated in a business forum "
    "at the Shilla Hotel in central Seoul, which included Ma as well as his fellow Chinese business moguls."
)


def test_the_labelled_set_is_large_and_quoted_from_the_stories():
    """At least 150 hand-labelled cases, each sentence found in its story, each sense a WordNet sense key."""
    cases = load_cases()
    assert len(cases) >= 150
    assert all("%" in case["sense"] and case["word"].lower() in case["sentence"].lower() for case in cases)


def test_the_held_out_set_is_large_and_new():
    """At least 100 more cases, none a (word, sentence) of the tuning set."""
    cases, tuning = load_cases(HELDOUT), load_cases()
    assert len(cases) >= 100
    assert all("%" in case["sense"] and case["word"].lower() in case["sentence"].lower() for case in cases)
    assert not {(c["word"], c["sentence"]) for c in cases} & {(c["word"], c["sentence"]) for c in tuning}


@pytest.mark.parametrize(
    "name, path, reached",
    [("tuning", None, REACHED), ("held-out", HELDOUT, HELDOUT_REACHED)],
    ids=["tuning", "heldout"],
)
def test_sense_accuracy_on_the_labelled_sets(capsys, name, path, reached):
    """The chosen sense beats WordNet's first sense and holds what it has reached (the goal is 85%)."""
    if not wordnet.DEFAULT_PATH.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(
                "WordNet is not installed (apt-get install wordnet-base): the sense accuracy cannot be measured"
            )
        pytest.skip("WordNet is not installed: apt-get install wordnet-base")
    cases = load_cases(path) if path else load_cases()
    entries, lemma_of = real_dictionary()
    chosen, first, _ = measure(cases, entries, lemma_of)
    chosen, first = chosen / len(cases), first / len(cases)
    with capsys.disabled():
        print(
            f"\n{name} sense accuracy: chosen {chosen:.2f}, WordNet first sense {first:.2f} ({len(cases)} cases;"
            f" goal {GOAL:.2f})"
        )
    assert chosen >= reached and chosen > first


def test_business_moguls_are_businessmen_and_the_capital_is_the_dynasty(wordnet_loaded):
    """Lower case in a sentence rules out WordNet's capitalised Mogul; a capital mid-sentence asks for it."""
    entry = lookup("moguls", SEED_MOGULS)
    assert entry.chosen_sense["definition"] == "a very wealthy or powerful businessman"
    entry = lookup("Moguls", "The Moguls ruled India until 1857.")
    assert "Muslim dynasty" in entry.chosen_sense["definition"]


def test_held_talks_are_the_noun():
    """A word after a past form is its object: "held talks" is the noun; "to talk" the verb."""
    assert guess_pos("talks", "talk", "President Park held talks yesterday with Jack Ma.") == "noun"
    assert guess_pos("talk", "talk", "We will talk tomorrow.") == "verb"


def test_a_figure_beside_the_word_chooses_a_change_in_amount():
    """ "rose 6.2 percent" is the rise in value, not the upward movement WordNet counts first."""
    senses = [
        {"pos": "verb", "definition": "move upward", "count": 26, "broader": ["travel"]},
        {"pos": "verb", "definition": "increase in value", "count": 23, "broader": ["increase", "change magnitude"]},
    ]
    assert choose("rose", "rise", senses, "Shares of Hanbit rose 6.2 percent on the news.") == 1
    assert choose("rose", "rise", senses, "The balloon rose over the hills.") == 0


def test_an_amount_is_a_change_of_magnitude_not_any_change():
    """ "fell 30 percent" is WordNet's kind "change magnitude", not another change it counts more often."""
    senses = [
        {"pos": "verb", "definition": "descend in free fall", "count": 43, "broader": ["travel"]},
        {
            "pos": "verb",
            "definition": "pass suddenly into a state",
            "count": 16,
            "broader": ["change state", "change"],
        },
        {"pos": "verb", "definition": "decrease in size", "count": 3, "broader": ["change magnitude", "change"]},
    ]
    assert choose("fell", "fall", senses, "Prices of napa cabbage fell 30 percent from a year earlier.") == 2
    assert choose("fell", "fall", senses, "The climber fell from the ridge.") == 0


def test_broader_kinds_come_from_wordnet_hypernyms(wordnet_loaded):
    """Each sense carries what WordNet says it is a kind of, nearest first."""
    rise = lookup("rose", "Shares rose 6.2 percent on the news.")
    assert "change magnitude" in rise.chosen_sense["broader"]


def test_a_plural_cannot_follow_that_and_a_sentence_opens_with_its_subject():
    """ "a message that holds" is the verb; "Volunteers season cabbage" opens with the noun."""
    sentence = "What they have not yet found is a message that holds the attention of voters."
    assert guess_pos("holds", "hold", sentence) == "verb"
    assert guess_pos("Volunteers", "volunteer", "Volunteers season napa cabbage at a community center.") == "noun"


def test_api_marks_the_sense_of_the_sentence(client, wordnet_loaded):
    """?context= adds "sense" and "chosen": true on that entry; without it, the contract's shape alone."""
    data = client.get("/api/dictionary/moguls/", {"context": SEED_MOGULS}).json()
    chosen = [entry for entry in data["entries"] if entry.get("chosen")]
    assert len(chosen) == 1 and chosen[0]["definition"] == "a very wealthy or powerful businessman"
    assert data["entries"][data["sense"]] == chosen[0]
    plain = client.get("/api/dictionary/moguls/").json()
    assert "sense" not in plain and not any("chosen" in entry for entry in plain["entries"])


def test_word_page_shows_the_sense_of_the_sentence_first(client, wordnet_loaded):
    html = client.get("/dictionary/moguls/", {"context": SEED_MOGULS}).content.decode()
    chosen = html.index("In this sentence")
    assert chosen < html.index("a very wealthy or powerful businessman") < html.index("Other senses")
    assert html.index("Other senses") < html.index("a bump on a ski slope")


def test_definitions_read_as_text(client, wordnet_loaded):
    """WordNet's TeX quotes (`talk about') reach readers as typographic quotes."""
    data = client.get("/api/dictionary/talk/").json()
    definitions = " ".join(entry["definition"] for entry in data["entries"])
    assert "`" not in definitions and "“talk about”" in definitions


def test_past_tenses_used_as_verbs_are_reduced(wordnet_loaded):
    """ "held" and "rose" used as verbs are hold and rise; "won" after a figure is the currency."""
    assert lookup("held", "President Park held talks yesterday.").lemma == "hold"
    assert lookup("rose", "Shares rose 6.2 percent on the news.").lemma == "rise"
    assert lookup("won", "Tickets cost 25,000 won.").lemma == "won"
    assert lookup("won", "She won the race.").lemma == "win"


def test_vocabulary_marks_the_sense_and_skips_addresses(client, wordnet_loaded, politics):
    """The list shows the sentence's sense under "In this sentence"; "www" from a URL is not a word."""
    article = ArticleFactory(
        section=politics,
        body=paragraphs_to_html(
            [
                "Chinese business moguls held talks with the president in Seoul yesterday.",
                "Shares of the company rose 6.2 percent, according to www.example.com and news@example.com.",
            ]
        ),
    )
    items = {item.term: item for item in story_vocabulary(article)}
    assert "www" not in items
    assert items["mogul"].sense == ("noun", "a very wealthy or powerful businessman")
    html = client.get(article.get_dictionary_url()).content.decode()
    assert (
        'In this sentence</span> <span class="vocab__pos">noun</span> a very wealthy or powerful businessman' in html
    )


def test_korean_words_are_looked_up_against_the_glosses(client, wordnet_loaded, starter_glosses):
    """가구 is the newsroom's Korean for household (and furniture); 김장, with no gloss, says so and names the
    story's spelling."""
    data = client.get("/api/dictionary/가구/").json()
    assert "household" in data["english"] and data["lemma"] in data["english"]
    assert data["english"].index("household") < data["english"].index("furnishing")
    response = client.get(
        "/api/dictionary/김장/",
        {"context": "Every November, families gather for kimjang (김장), the making of kimchi."},
    )
    assert response.status_code == 404
    data = response.json()
    assert data["reason"] == "korean"
    assert "no English gloss" in data["advice"] and "“kimjang”" in data["advice"]


def test_a_phrase_finds_the_longer_phrase_the_newsroom_glosses(client, wordnet_loaded, starter_glosses):
    """ "make inroads" finds "make inroads into"; a phrase with nothing says it is a phrase."""
    data = client.get("/api/dictionary/make%20inroads/").json()
    assert data["lemma"] == "make inroads into" and data["korean"]
    data = client.get("/api/dictionary/on%20the%20sidelines/").json()
    assert data["lemma"] == "on the sidelines of"
    data = client.get("/api/dictionary/zzyzx%20quux/").json()
    assert data["reason"] == "phrase" and "one at a time" in data["advice"]


def test_a_name_is_called_a_name(client, wordnet_loaded):
    """A capitalised word the dictionary lacks, met mid-sentence, is a name, not a form to reduce."""
    data = client.get("/api/dictionary/Shilla/", {"context": SEED_MOGULS}).json()
    assert data["reason"] == "name"
    assert "plain form" not in data["advice"]


def test_a_word_without_a_korean_gloss_says_so(client, wordnet_loaded):
    assert "No Korean gloss yet." in client.get("/dictionary/materialized/").content.decode()


def test_a_negation_asks_for_the_sense_wordnet_notes_for_negative_statements():
    """ "not yet" takes the sense WordNet marks "used in negative statement"; "yet to see" does not."""
    senses = [
        {"pos": "adverb", "definition": "up to the present time", "count": 22},
        {"pos": "adverb", "definition": "used in negative statement to describe a situation", "count": 15},
    ]
    assert choose("yet", "yet", senses, "Household lending is not yet, the governor said.") == 1
    assert choose("yet", "yet", senses, "I have yet to see the results.") == 0
