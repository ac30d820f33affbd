import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client

from dictionary.models import KoreanGloss
from newsroom import roles

pytestmark = pytest.mark.django_db

Status = KoreanGloss.Status
QUEUE = "/admin/dictionary/koreangloss/?review=needed"


@pytest.fixture
def queued():
    return {
        "summit": KoreanGloss.objects.create(
            term="summit", pos="noun", korean="봉우리", status=Status.SUGGESTED, source=KoreanGloss.NIKL, need=2
        ),
        "mogul": KoreanGloss.objects.create(term="mogul", status=Status.MISSING, source="", need=5),
        "bill": KoreanGloss.objects.create(term="bill", pos="noun", korean="법안", need=9),
    }


@pytest.fixture
def editor_client(db, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    client = Client()
    client.force_login(user)
    return client


def test_the_queue_lists_suggested_and_missing_glosses_most_needed_first(staff_client, queued):
    """Reviewed glosses are not in the queue; the word most stories need comes first."""
    page = staff_client.get(QUEUE).content.decode()
    assert page.index(">mogul<") < page.index(">summit<")
    assert ">bill<" not in page
    assert "Review queue" in page


def test_one_click_approves_a_suggestion(staff_client, queued):
    """The row's button posts to the approve view; the suggestion becomes reviewed, its credit kept."""
    summit = queued["summit"]
    page = staff_client.get(QUEUE).content.decode()
    assert f'formaction="/admin/dictionary/koreangloss/{summit.pk}/approve/"' in page
    response = staff_client.post(f"/admin/dictionary/koreangloss/{summit.pk}/approve/", HTTP_REFERER=QUEUE)
    assert response.status_code == 302 and response.url == QUEUE
    summit.refresh_from_db()
    assert (summit.status, summit.source) == (Status.REVIEWED, KoreanGloss.NIKL)
    assert LogEntry.objects.filter(object_id=str(summit.pk)).exists()


def test_one_click_rejects_a_suggestion(staff_client, queued):
    summit = queued["summit"]
    staff_client.post(f"/admin/dictionary/koreangloss/{summit.pk}/reject/")
    summit.refresh_from_db()
    assert summit.status == Status.REJECTED
    assert ">summit<" not in staff_client.get(QUEUE).content.decode()


def test_a_missing_word_cannot_be_approved_without_korean(staff_client, queued):
    """Approving an empty row warns and changes nothing; its row offers only reject (and the form)."""
    mogul = queued["mogul"]
    page = staff_client.get(QUEUE).content.decode()
    assert f"/{mogul.pk}/approve/" not in page and f"/{mogul.pk}/reject/" in page
    response = staff_client.post(f"/admin/dictionary/koreangloss/{mogul.pk}/approve/", follow=True)
    assert "has no Korean yet" in response.content.decode()
    mogul.refresh_from_db()
    assert mogul.status == Status.MISSING


def test_editing_on_the_form_makes_the_gloss_the_newsrooms(staff_client, queued):
    """An editor who corrects a suggestion has written it: reviewed, and the newsroom's own."""
    summit = queued["summit"]
    response = staff_client.post(
        f"/admin/dictionary/koreangloss/{summit.pk}/change/",
        {"term": "summit", "pos": "noun", "sense": "summit (meeting)", "korean": "정상 회담", "note": ""},
    )
    assert response.status_code == 302
    summit.refresh_from_db()
    assert (summit.status, summit.source, summit.korean) == (Status.REVIEWED, KoreanGloss.NEWSROOM, "정상 회담")


def test_filling_in_a_missing_word_needs_korean(staff_client, queued):
    mogul = queued["mogul"]
    url = f"/admin/dictionary/koreangloss/{mogul.pk}/change/"
    assert staff_client.post(url, {"term": "mogul", "pos": "noun", "korean": ""}).status_code == 200
    staff_client.post(url, {"term": "mogul", "pos": "noun", "korean": "거물"})
    mogul.refresh_from_db()
    assert (mogul.status, mogul.korean) == (Status.REVIEWED, "거물")


def test_bulk_actions_approve_and_reject(staff_client, queued):
    extra = KoreanGloss.objects.create(
        term="tycoon", pos="noun", korean="재벌", status=Status.SUGGESTED, source=KoreanGloss.NIKL
    )
    staff_client.post(
        "/admin/dictionary/koreangloss/",
        {"action": "approve_selected", "_selected_action": [queued["summit"].pk, extra.pk]},
    )
    assert set(KoreanGloss.objects.filter(status=Status.REVIEWED).values_list("term", flat=True)) == {
        "bill",
        "summit",
        "tycoon",
    }


def test_review_views_take_only_posts_from_editors(client, editor_client, queued, django_user_model):
    """A GET changes nothing; a reporter (view only) may not decide; an editor may."""
    summit = queued["summit"]
    url = f"/admin/dictionary/koreangloss/{summit.pk}/approve/"
    assert editor_client.get(url).status_code == 405
    reporter = django_user_model.objects.create_user("reporter", password="pw", is_staff=True)
    reporter.groups.add(Group.objects.get(name=roles.REPORTERS))
    client.force_login(reporter)
    assert client.post(url).status_code == 403
    summit.refresh_from_db()
    assert summit.status == Status.SUGGESTED
    assert editor_client.post(url).status_code == 302
    summit.refresh_from_db()
    assert summit.status == Status.REVIEWED


def test_recount_need_from_the_queue(staff_client, wordnet_loaded, starter_glosses, seed_story):
    """The queue's button counts how many published stories list each word."""
    KoreanGloss.objects.filter(term="mogul").delete()
    response = staff_client.post("/admin/dictionary/koreangloss/refresh-needs/", follow=True)
    assert "Need counted for" in response.content.decode()
    mogul = KoreanGloss.objects.get(term="mogul")
    assert (mogul.status, mogul.need) == (Status.MISSING, 1)
    assert KoreanGloss.objects.get(term="entrepreneur", pos="noun").need == 1
