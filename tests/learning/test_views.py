import csv
import io
import json

import pytest
from django.urls import reverse

from learning import review
from learning.models import SavedWord
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("minji", email="minji@example.com", password="pw")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json", HTTP_ACCEPT="application/json")


def test_a_reader_saves_a_word_with_its_story_and_sentence(reader_client, reader):
    story = ArticleFactory()
    response = post_json(
        reader_client,
        reverse("learning:save"),
        {"word": "moguls", "form": "moguls", "article": story.pk, "sentence": "Business moguls met."},
    )
    assert response.status_code == 201 and response.json() == {"saved": True, "created": True, "word": "moguls"}
    word = SavedWord.objects.get(user=reader)
    assert (word.article, word.sentence) == (story, "Business moguls met.")
    assert post_json(reader_client, reverse("learning:save"), {"word": "moguls"}).status_code == 200


def test_a_logged_out_save_asks_the_page_to_keep_it(client):
    """Logged out, the API says so (the page keeps the word in the browser until login)."""
    response = post_json(client, reverse("learning:save"), {"word": "mogul"})
    assert response.status_code == 401 and response.json() == {"error": "login_required"}


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '{"word": ""}'])
def test_bad_saves_are_400s(reader_client, body):
    response = reader_client.post(
        reverse("learning:save"), body, content_type="application/json", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400


def test_the_form_save_redirects_back_with_a_message(reader_client):
    response = reader_client.post(reverse("learning:save"), {"word": "inroad", "next": "/dictionary/inroad/"})
    assert response.status_code == 302 and response["Location"] == "/dictionary/inroad/"
    response = reader_client.post(reverse("learning:save"), {"word": "rub", "next": "https://evil.example/"})
    assert response["Location"] == reverse("learning:words")


def test_words_saved_while_logged_out_join_the_account(reader_client, reader):
    """The browser's list is sent after login; bad items are passed over, drafts lose their sentence."""
    story, draft = ArticleFactory(), ArticleFactory(draft=True)
    items = [
        {"word": "mogul", "article": story.pk, "sentence": "Moguls met."},
        {"word": "inroad", "article": draft.pk, "sentence": "Secret."},
        {"word": ""},
        "junk",
    ]
    response = reader_client.post(reverse("learning:sync"), json.dumps(items), content_type="application/json")
    assert response.json() == {"saved": 2}
    assert sorted(SavedWord.objects.filter(user=reader).values_list("lemma", "sentence")) == [
        ("inroad", ""),
        ("mogul", "Moguls met."),
    ]


def test_my_words_lists_sorts_and_removes(reader_client, reader):
    story = ArticleFactory(headline="Moguls meet in Seoul")
    review.save_word(reader, "mogul", article=story, sentence="Business moguls met.")
    review.save_word(reader, "inroad")
    page = reader_client.get(reverse("learning:words"), {"sort": "word"}).content.decode()
    assert page.index(">inroad<") < page.index(">mogul<")
    assert "Business moguls met." in page and "Moguls meet in Seoul" in page
    assert "Review 2 words due" in page
    word = SavedWord.objects.get(lemma="inroad")
    assert reader_client.post(reverse("learning:remove", args=[word.pk])).status_code == 302
    assert not SavedWord.objects.filter(pk=word.pk).exists()


def test_a_reader_cannot_remove_anothers_word(reader_client, django_user_model):
    other = django_user_model.objects.create_user("other", password="pw")
    word, _ = review.save_word(other, "mogul")
    assert reader_client.post(reverse("learning:remove", args=[word.pk])).status_code == 404


def test_my_words_needs_a_login(client):
    response = client.get(reverse("learning:words"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_csv_export_has_every_word_and_hides_withdrawn_sentences(reader_client, reader):
    story, gone = ArticleFactory(), ArticleFactory()
    review.save_word(reader, "mogul", article=story, sentence="Business moguls met.")
    review.save_word(reader, "inroad", article=gone, sentence="A withdrawn sentence.")
    gone.status = gone.Status.WITHDRAWN
    gone.save()
    response = reader_client.get(reverse("learning:export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["word", "as written", "sentence", "story"]
    assert [(r[0], r[2]) for r in rows[1:]] == [("inroad", ""), ("mogul", "Business moguls met.")]
    assert "withdrawn" not in response.content.decode()


def test_review_shows_a_due_card_and_schedules_the_answer(reader_client, reader):
    word, _ = review.save_word(reader, "mogul")
    page = reader_client.get(reverse("learning:review")).content.decode()
    assert "What does this word mean?" in page and "mogul" in page
    response = reader_client.post(reverse("learning:review"), {"word": word.pk, "rating": "good"})
    assert response.status_code == 302
    word.refresh_from_db()
    assert word.reviews == 1 and word.due > word.created_at
    assert "Nothing is due" in reader_client.get(reverse("learning:review")).content.decode()


def test_the_words_are_in_the_data_export_and_go_with_the_account(reader_client, reader):
    from accounts import data

    review.save_word(reader, "mogul")
    exported = json.loads(reader_client.get(reverse("accounts:export")).content)
    assert [w["word"] for w in exported["saved_words"]] == ["mogul"]
    data.delete_account(reader)
    assert not SavedWord.objects.exists()
