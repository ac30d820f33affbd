import pytest

from dictionary.lemmatize import normalize, rank, rule_candidates
from dictionary.lookup import lemmatize_many, lookup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Moguls", "moguls"),
        ("  “Entrepreneur,” ", "entrepreneur"),
        ("China’s", "china"),
        ("leaders'", "leaders"),
        ("make   inroads\ninto", "make inroads into"),
        ("e‑commerce", "e-commerce"),
        ("ＭＯＧＵＬ", "mogul"),
        ("테스트", "테스트"),
        ("...", ""),
        ("", ""),
        ("a\x00b", ""),
        ("x" * 101, ""),
        (None, ""),
    ],
)
def test_normalize_gives_a_lookup_form_or_nothing(raw, expected):
    """Input is folded to lower case without surrounding punctuation; what cannot be a word gives ""."""
    assert normalize(raw) == expected


def test_rule_candidates_undo_regular_inflections():
    """WordNet's detachment rules propose the bases of regular forms, the word itself first."""
    assert rule_candidates("moguls")[:2] == ["moguls", "mogul"]
    assert "revitalize" in rule_candidates("revitalized")
    assert "plan" in rule_candidates("planned")
    assert "make inroads" in rule_candidates("making inroads")


def test_rank_prefers_headword_then_irregular_then_regular():
    """A headword is its own lemma; then an irregular base; then a regular one; None when nothing is known."""
    assert rank("mogul", {}, {"mogul": ("n", 3.0)}) == "mogul"
    assert rank("went", {"went": ["go"]}, {"go": ("v", 6.0)}) == "go"
    assert rank("moguls", {}, {"mogul": ("n", 3.0)}) == "mogul"
    assert rank("zzzs", {}, {}) is None


def test_rank_sends_adjective_participles_and_plurals_to_their_base():
    """'exchanged' (an adjective headword too) is a form of the verb; 'news' stays 'news', 'gas' stays 'gas'."""
    known = {"exchanged": ("a", 2.0), "exchange": ("nv", 4.6)}
    assert rank("exchanged", {}, known) == "exchange"
    assert rank("transactions", {}, {"transactions": ("n", 4.2), "transaction": ("n", 3.9)}) == "transaction"
    assert rank("news", {}, {"news": ("n", 6.0), "new": ("a", 6.5)}) == "news"
    assert rank("gas", {}, {"gas": ("nv", 4.6), "ga": ("n", 2.5)}) == "gas"


def test_rank_prefers_the_commoner_base_over_a_rarer_headword_the_rules_reach():
    """does -> do (not doe), finest -> fine (not fin), passed -> pass (not pas), soles -> sole (not sol)."""
    assert rank("does", {}, {"doe": ("n", 3.1), "do": ("v", 7.0)}) == "do"
    assert rank("finest", {}, {"fin": ("n", 3.0), "fine": ("anv", 5.3)}) == "fine"
    assert rank("passed", {}, {"pas": ("n", 3.2), "pass": ("nv", 5.2)}) == "pass"
    assert rank("soles", {"soles": ["sol"]}, {"sol": ("n", 3.3), "sole": ("anv", 4.0)}) == "sole"


def test_rank_an_irregular_form_yields_to_its_base_only_when_the_base_is_as_common():
    """lent -> lend (the church season is the rarer word), but left stays left (commoner than leave)."""
    assert rank("lent", {"lent": ["lend"]}, {"lent": ("n", 3.3), "lend": ("v", 3.9)}) == "lend"
    assert rank("left", {"left": ["leave"]}, {"left": ("anr", 5.6), "leave": ("nv", 5.4)}) == "left"


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("materialized", "materialize"),
        ("moguls", "mogul"),
        ("exchanged", "exchange"),
        ("revitalized", "revitalize"),
        ("Entrepreneurs", "entrepreneur"),
        ("went", "go"),
        ("mice", "mouse"),
        ("news", "news"),
        ("transactions", "transaction"),
        ("ranging", "range"),
    ],
)
def test_lookup_finds_the_entry_of_an_inflected_form(wordnet_loaded, form, lemma):
    """Inflected forms find their entry in the loaded WordNet (regular rules and the exception lists)."""
    entry = lookup(form)
    assert entry is not None
    assert entry.lemma == lemma


def test_lemmatize_many_costs_two_queries_whatever_the_number_of_words(wordnet_loaded, django_assert_num_queries):
    """A story's words are lemmatized together: irregular forms, then headwords."""
    words = {"moguls", "materialized", "went", "mice", "the", "leaders", "zzzz"}
    with django_assert_num_queries(2):
        result = lemmatize_many(words)
    assert result["moguls"][0] == "mogul"
    assert result["went"][0] == "go"
    assert "zzzz" not in result
    assert result["mogul" if "mogul" in result else "moguls"][1] == pytest.approx(3.07, abs=0.2)
