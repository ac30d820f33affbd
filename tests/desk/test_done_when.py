"""The issue's "done when", end to end through the admin and the public site.

A reporter drafts a story with a photo, an editor reviews it and schedules it for tomorrow morning,
it appears by itself at that time, gets a correction, and its whole history can be seen and
restored; two editors racing on one story lose nothing.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from articles.desk import revisions
from articles.models import Article
from tests.factories import PersonFactory, SectionFactory

from .conftest import ADD_URL, CHANGELIST_URL, change_url, client_for, form_data
from .test_photos import image_bytes, upload

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def test_a_story_from_draft_to_scheduled_publication_correction_and_restore(
    reporter, editor, second_editor, client, django_capture_on_commit_callbacks
):
    politics = SectionFactory(name="Politics", parent=SectionFactory(name="National"))
    author = PersonFactory(name="Seo Ji-eun", email="spring@joongang.co.kr")
    today = datetime.datetime(2026, 11, 26, 15, 0, tzinfo=SEOUL)
    tomorrow_morning = datetime.datetime(2026, 11, 27, 7, 0, tzinfo=SEOUL)

    with time_machine.travel(today, tick=False):
        # The reporter drafts the story with a photo and submits it.
        reporter_client = client_for(reporter)
        data = form_data(
            headline="President meets with Alibaba CEO",
            section=politics,
            body="<p>President Park met Jack Ma on Thursday.</p>",
            status="review",
            bylines=[(author, 0)],
            photos=[
                {
                    "image": upload(image_bytes(1600, 1000), "meeting.jpg"),
                    "caption": "The president with Jack Ma at the Blue House.",
                    "credit": "NEWSIS",
                    "alt_text": "Two men shaking hands",
                    "position": 0,
                }
            ],
        )
        # The photo's renditions are a task queued when the save commits: run it as the worker would.
        with django_capture_on_commit_callbacks(execute=True):
            assert reporter_client.post(ADD_URL, data).status_code == 302
        story = Article.objects.get()
        assert story.status == Article.Status.REVIEW and story.created_by == reporter
        assert reporter_client.get(f"/preview/{story.pk}/").status_code == 200

        # The editor reviews it, tightens the headline and schedules it for tomorrow morning.
        editor_client = client_for(editor)
        story.refresh_from_db()
        response = editor_client.post(
            change_url(story),
            form_data(
                story,
                headline="President meets Alibaba's Jack Ma",
                status="published",
                published_at=tomorrow_morning,
            ),
        )
        assert response.status_code == 302
        story.refresh_from_db()
        assert story.is_scheduled
        url = story.get_absolute_url()
        assert url == "/2026/11/27/president-meets-with-alibaba-ceo/"

        # Not public yet, and the desk sees when it will be.
        assert client.get(url).status_code == 404
        assert "Alibaba" not in client.get("/").content.decode()
        scheduled = editor_client.get(CHANGELIST_URL, {"state": "scheduled"}).content.decode()
        assert "Scheduled for 2026-11-27 07:00" in scheduled

    with time_machine.travel(tomorrow_morning + datetime.timedelta(seconds=1), tick=False):
        # It appears by itself: nobody touched it.
        page = client.get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "President meets Alibaba&#x27;s Jack Ma" in html
        assert 'type="image/webp"' in html and "1600w" in html and 'width="1600" height="1000"' in html
        assert "Alibaba" in client.get("/").content.decode()

        # It gets a correction, which readers see.
        story.refresh_from_db()
        data = form_data(story) | {
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-id": "",
            "corrections-0-article": story.pk,
            "corrections-0-date": "2026-11-27",
            "corrections-0-kind": "correction",
            "corrections-0-text": "The meeting was on Wednesday, not Thursday.",
        }
        assert editor_client.post(change_url(story), data).status_code == 302
        assert "The meeting was on Wednesday" in client.get(url).content.decode()
        assert "The meeting was on Wednesday" in client.get("/corrections/").content.decode()

        # Its whole history: the reporter's draft, the editor's scheduling, the correction.
        history = list(revisions.history(story))
        assert [v.revision.user for v in history] == [editor, editor, reporter]
        listing = editor_client.get(f"/admin/articles/article/{story.pk}/revisions/").content.decode()
        assert listing.count("See this version") == 3

        # Restoring the reporter's version brings back their headline, as a new version; still live.
        first = history[-1]
        assert editor_client.post(f"/admin/articles/article/{story.pk}/revisions/{first.pk}/").status_code == 302
        story.refresh_from_db()
        assert story.headline == "President meets with Alibaba CEO"
        assert story.is_public
        assert [p.caption for p in story.photos.all()] == ["The president with Jack Ma at the Blue House."]
        assert story.byline_people == [author]
        assert len(list(revisions.history(story))) == 4
        assert client.get(url).status_code == 200

        # Two editors race on the story: the second is told, and nothing is lost.
        story.refresh_from_db()
        first_form = form_data(story, dek="Talks on e-commerce and tourism.")
        second_form = form_data(story, body="<p>President Park met Jack Ma on Wednesday.</p>")
        assert editor_client.post(change_url(story), first_form).status_code == 302
        conflict = client_for(second_editor).post(change_url(story), second_form)
        assert conflict.status_code == 409
        assert "met Jack Ma on Wednesday." in conflict.content.decode()
        story.refresh_from_db()
        assert story.dek == "Talks on e-commerce and tourism."
        assert "Thursday" in story.body
        assert timezone.now() > story.published_at
