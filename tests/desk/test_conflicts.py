"""No lost work: when two editors save the same story, the second gets a conflict page, never an overwrite."""

import threading

import pytest
from django.db import connection

from articles.models import Article
from tests.factories import ArticleFactory

from .conftest import change_url, client_for, form_data

pytestmark = pytest.mark.django_db


def test_second_save_of_the_same_version_gets_a_conflict_page(editor, second_editor):
    story = ArticleFactory(headline="Original", body="<p>Original text.</p>")
    first, second = client_for(editor), client_for(second_editor)
    # Both open the story: the forms carry the same version.
    first_form = form_data(story, headline="First editor's headline")
    second_form = form_data(story, body="<p>Second editor's text.</p>")

    assert first.post(change_url(story), first_form).status_code == 302
    response = second.post(change_url(story), second_form)

    assert response.status_code == 409
    html = response.content.decode()
    assert "not saved" in html
    assert "First editor&#x27;s headline" in html  # theirs
    assert "Second editor&#x27;s text." in html  # mine
    assert "editor" in html  # who saved in between
    story.refresh_from_db()
    assert story.headline == "First editor's headline"
    assert story.body == "<p>Original text.</p>"


def test_the_conflict_page_lets_the_second_editor_save_deliberately(editor, second_editor):
    story = ArticleFactory(headline="Original")
    first, second = client_for(editor), client_for(second_editor)
    stale = form_data(story, headline="Second editor wins")
    first.post(change_url(story), form_data(story, dek="Summary from the first editor"))
    response = second.post(change_url(story), stale)
    assert response.status_code == 409
    resend = dict(response.context["resend"])
    story.refresh_from_db()
    assert resend["edit_lock"] == story.lock_version
    assert second.post(change_url(story), resend).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Second editor wins"


def test_a_bulk_action_after_the_form_was_opened_is_a_conflict_too(editor_client, second_editor):
    story = ArticleFactory()
    stale = form_data(story, headline="Edited in an open form")
    client_for(second_editor).post("/admin/articles/article/", {"action": "unpublish", "_selected_action": [story.pk]})
    assert editor_client.post(change_url(story), stale).status_code == 409
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    assert story.headline != "Edited in an open form"


def test_a_form_without_its_version_is_refused(editor_client):
    story = ArticleFactory(headline="Kept")
    data = form_data(story, headline="Changed")
    del data["edit_lock"]
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "reload the page" in response.content.decode()
    story.refresh_from_db()
    assert story.headline == "Kept"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_one_wins_one_conflicts(django_user_model):
    """On PostgreSQL the compare-and-lock is one statement: of two saves at the same moment, exactly one lands."""
    from django.contrib.auth.models import Group

    from newsroom.roles import EDITORS

    editors = Group.objects.get_or_create(name=EDITORS)[0]
    users = []
    for name in ("racer-a", "racer-b"):
        user = django_user_model.objects.create_user(name, password="pw", is_staff=True, is_superuser=True)
        user.groups.add(editors)
        users.append(user)
    story = ArticleFactory(headline="Before the race")
    forms = [form_data(story, headline=f"Headline by {u.username}") for u in users]
    statuses, barrier = {}, threading.Barrier(2)

    def save(user, data):
        try:
            client = client_for(user)
            barrier.wait()
            statuses[user.username] = client.post(change_url(story), data).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=pair) for pair in zip(users, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses.values()) == [302, 409]
    story.refresh_from_db()
    winner = next(name for name, status in statuses.items() if status == 302)
    assert story.headline == f"Headline by {winner}"


def test_the_conflict_page_compares_what_changed_in_the_desks_words(editor, second_editor):
    """Labels, not stored values; one publication time in two zones is no change; no "someone else"."""
    story = ArticleFactory(headline="Original", kind=Article.Kind.NEWS)
    first, second = client_for(editor), client_for(second_editor)
    stale = form_data(story, dek="The second editor's summary")
    first.post(change_url(story), form_data(story, headline="The first editor's headline"))
    response = second.post(change_url(story), stale)
    assert response.status_code == 409
    rows = {label: (old, new, differs) for label, old, new, differs, _ in response.context["rows"]}
    assert rows["Kind"] == ("News", "News", False)
    assert rows["Status"] == ("Published", "Published", False)
    assert rows["Publication time"][2] is False
    assert rows["Headline"][2] is True and rows["Summary"][2] is True
    html = response.content.decode()
    assert "This story was saved elsewhere after you opened it" in html
    assert "Someone else" not in html and "someone else" not in html
