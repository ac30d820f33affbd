import pytest

from dictionary.models import KoreanGloss

pytestmark = pytest.mark.django_db


def test_api_answers_in_the_contract_shape(client, wordnet_loaded, starter_glosses):
    """/api/dictionary/<word>/: word, lemma, entries of {pos, definition}, korean; lemmatized, any case."""
    response = client.get("/api/dictionary/Moguls/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"word", "lemma", "entries", "korean"}
    assert data["word"] == "moguls"
    assert data["lemma"] == "mogul"
    assert {"pos": "noun", "definition": "a very wealthy or powerful businessman"} in data["entries"]
    assert all(set(e) == {"pos", "definition"} for e in data["entries"])
    assert data["korean"] == ["거물", "재벌"]


def test_korean_is_empty_where_the_newsroom_has_no_gloss(client, wordnet_loaded):
    assert client.get("/api/dictionary/materialized/").json()["korean"] == []


def test_a_phrase_with_only_a_newsroom_gloss_is_found(client, wordnet_loaded):
    """An editor's gloss for a phrase the source lacks makes it an entry of its own, without senses."""
    KoreanGloss.objects.create(term="Make inroads into", korean="~에 진출하다")
    data = client.get("/api/dictionary/make%20inroads%20into/").json()
    assert data == {
        "word": "make inroads into",
        "lemma": "make inroads into",
        "entries": [],
        "korean": ["~에 진출하다"],
    }


def test_unknown_word_is_a_json_404(client, wordnet_loaded):
    """The contract's 404, with why the word is missing and what to try."""
    response = client.get("/api/dictionary/zzyzx/")
    assert response.status_code == 404
    data = response.json()
    assert {"error": "not_found", "word": "zzyzx", "reason": "unknown"}.items() <= data.items()
    assert "plain form" in data["advice"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/dictionary/%21%21%21/",
        "/api/dictionary/%E2%80%9D/",
        "/api/dictionary/%ED%85%8C%EC%8A%A4%ED%8A%B8/",
        "/api/dictionary/" + "a" * 1000 + "/",
        "/api/dictionary/..%2F..%2Fetc%2Fpasswd/",
        "/api/dictionary/../../etc/passwd/",
        "/api/dictionary/%00/",
        "/api/dictionary/mogul%00/",
        "/api/dictionary/%FF%FE/",
        "/api/dictionary/%F0%9F%98%80/",
        "/api/dictionary/a/b/c/",
        "/api/dictionary/%20/",
        "/api/dictionary/'%3B%20DROP%20TABLE%20dictionary_word%3B--/",
    ],
)
def test_no_input_gives_a_server_error(client, wordnet_loaded, path):
    """Punctuation, Unicode, 1,000 characters, path tricks and NUL bytes: a 404 with a JSON body, never a 500."""
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_api_refuses_writes(client, wordnet_loaded):
    assert client.post("/api/dictionary/mogul/").status_code == 405


def test_a_lookup_is_three_small_queries(client, wordnet_loaded, starter_glosses, django_assert_num_queries):
    """Irregular forms, candidate headwords, the gloss: each one indexed read."""
    with django_assert_num_queries(3):
        assert client.get("/api/dictionary/revitalized/").json()["lemma"] == "revitalize"
