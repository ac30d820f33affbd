import pytest

from dictionary.models import KoreanGloss, StoryTerm

from ..admin_forms import form_data

pytestmark = pytest.mark.django_db


def test_editors_add_and_correct_korean_glosses(staff_client):
    response = staff_client.post(
        "/admin/dictionary/koreangloss/add/", {"term": " Moguls Of Media ", "korean": "언론 재벌 ;  거물", "note": ""}
    )
    assert response.status_code == 302
    gloss = KoreanGloss.objects.get()
    assert (gloss.term, gloss.korean) == ("moguls of media", "언론 재벌; 거물")
    response = staff_client.post(
        f"/admin/dictionary/koreangloss/{gloss.pk}/change/", {"term": "moguls of media", "korean": "언론 거물"}
    )
    assert response.status_code == 302
    gloss.refresh_from_db()
    assert gloss.korean == "언론 거물"
    listing = staff_client.get("/admin/dictionary/koreangloss/", {"q": "거물"})
    assert "moguls of media" in listing.content.decode()


def test_a_duplicate_gloss_gets_a_message_not_an_error(staff_client):
    KoreanGloss.objects.create(term="mogul", korean="거물")
    response = staff_client.post("/admin/dictionary/koreangloss/add/", {"term": "MOGUL", "korean": "재벌"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_editors_pin_words_on_the_story_form(staff_client, story):
    """The story form has an inline for the words of the story (the dictionary adds it to ArticleAdmin)."""
    url = f"/admin/articles/article/{story.pk}/change/"
    page = staff_client.get(url).content.decode()
    assert "dictionary_terms-TOTAL_FORMS" in page
    assert "make inroads into" in page
    form = form_data(story)
    form |= {
        "dictionary_terms-TOTAL_FORMS": 1,
        "dictionary_terms-INITIAL_FORMS": 0,
        "dictionary_terms-0-term": "Make inroads into",
        "dictionary_terms-0-korean": "~에 진출하다",
        "dictionary_terms-0-position": 0,
    }
    response = staff_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert StoryTerm.objects.get(article=story).term == "make inroads into"


def test_loaded_words_are_read_only(staff_client, wordnet_loaded):
    assert staff_client.get("/admin/dictionary/word/", {"q": "mogul"}).status_code == 200
    assert staff_client.get("/admin/dictionary/word/add/").status_code == 403


def test_the_desks_roles_may_pin_words_and_editors_correct_glosses(db):
    """Reporters and editors see the story's words inline; only editors change the Korean glosses."""
    from django.contrib.auth.models import Group

    from newsroom.roles import EDITORS, REPORTERS

    reporters, editors = Group.objects.get(name=REPORTERS), Group.objects.get(name=EDITORS)
    assert reporters.permissions.filter(codename="add_storyterm").exists()
    assert not reporters.permissions.filter(codename="change_koreangloss").exists()
    assert editors.permissions.filter(codename="change_koreangloss").exists()
