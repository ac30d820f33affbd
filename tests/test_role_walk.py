"""Each role walks the admin: every page and action the README promises it works; a sample of the rest is refused.

The users are staff holding one group and nothing else, so what they may do comes from newsroom/roles.py.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import Profile
from articles.models import Article, ArticleRedirect, Correction, Topic
from comments.models import Comment, CommentingBan, CommentReport
from dictionary.models import KoreanGloss, Word
from newsroom.roles import EDITORS, REPORTERS
from pages.models import Page
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
TOPICS_AUTOCOMPLETE = "autocomplete/?app_label=articles&model_name=article&field_name=topics&term=Alib"


def member(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reporter(django_user_model):
    return member(django_user_model, "reporter", REPORTERS)


@pytest.fixture
def editor(django_user_model):
    return member(django_user_model, "editor", EDITORS)


@pytest.fixture
def desk(reporter, django_user_model):
    """One of each thing the desk manages; the draft is the reporter's, the published story someone else's."""
    reader = django_user_model.objects.create_user("reader", email="reader@example.com", password="pw")
    Profile.objects.create(user=reader, display_name="Kim Min-ji")
    other = django_user_model.objects.create_user("other", email="other@example.com", password="pw")
    Profile.objects.create(user=other, display_name="Park Ji-hoon")
    section = SectionFactory(name="Politics")
    story = ArticleFactory(section=section, headline="Alibaba's chief meets the president")
    comment = Comment.objects.create(article=story, author=reader, body="A reported comment")
    CommentReport.objects.create(comment=comment, reporter=other)
    return SimpleNamespace(
        section=section,
        story=story,
        draft=ArticleFactory(draft=True, created_by=reporter, section=section, headline="A reporter's draft"),
        review=ArticleFactory(status=Status.REVIEW, published_at=None, created_by=reporter, section=section),
        person=PersonFactory(name="Seo Ji-eun"),
        topic=Topic.objects.create(name="Alibaba", slug="alibaba"),
        correction=Correction.objects.create(article=story, text="An earlier version misspelt a name."),
        redirect=ArticleRedirect.objects.create(article=story, old_date=datetime.date(2020, 1, 2), old_slug="old"),
        comment=comment,
        reader=reader,
        ban=CommentingBan.objects.create(user=other, reason="Spam"),
        page=Page.objects.get(slug="about"),
        gloss=KoreanGloss.objects.create(term="mogul", korean="거물"),
        word=Word.objects.create(lemma="mogul", parts="n", entries=[{"pos": "noun", "definition": "a magnate"}]),
    )


def admin_url(path, desk):
    ids = {name: getattr(obj, "pk", None) for name, obj in vars(desk).items()}
    return "/admin/" + path.format(**ids)


EDITOR_OPENS = [
    "",
    "articles/",
    "comments/",
    "pages/",
    "dictionary/",
    "articles/article/",
    "articles/article/add/",
    "articles/article/{story}/change/",
    "articles/article/{draft}/change/",
    "articles/article/{story}/revisions/",
    "articles/section/",
    "articles/section/add/",
    "articles/section/{section}/change/",
    "articles/person/",
    "articles/person/add/",
    "articles/person/{person}/change/",
    "articles/topic/",
    "articles/topic/add/",
    "articles/topic/{topic}/change/",
    "articles/correction/",
    "articles/correction/add/",
    "articles/correction/{correction}/change/",
    "articles/articleredirect/",
    "articles/articleredirect/add/",
    "articles/articleredirect/{redirect}/change/",
    "comments/comment/",
    "comments/comment/{comment}/change/",
    "comments/commentingban/",
    "comments/commentingban/{ban}/change/",
    "comments/commentingban/{ban}/delete/",
    "pages/page/",
    "pages/page/add/",
    "pages/page/{page}/change/",
    "pages/page/{page}/delete/",
    "dictionary/koreangloss/",
    "dictionary/koreangloss/add/",
    "dictionary/koreangloss/{gloss}/change/",
    "dictionary/word/",
    "dictionary/word/{word}/change/",
    TOPICS_AUTOCOMPLETE,
]

# What stays with superusers: accounts, groups, readers' profiles and the login providers' secrets;
# comments are readers' words (no one adds them); readers are barred from the queue, not typed in.
EDITOR_REFUSED = [
    "auth/user/",
    "auth/user/{reader}/change/",
    "auth/group/",
    "auth/group/add/",
    "accounts/profile/",
    "socialaccount/socialapp/",
    "socialaccount/socialapp/add/",
    "comments/comment/add/",
    "comments/commentingban/add/",
    "dictionary/word/add/",
]

REPORTER_OPENS = [
    "",
    "articles/",
    "dictionary/",
    "articles/article/",
    "articles/article/add/",
    "articles/article/{draft}/change/",
    "articles/article/{review}/change/",
    "articles/article/{draft}/revisions/",
    "articles/section/",
    "articles/person/",
    "articles/person/add/",
    "articles/topic/",
    "articles/topic/{topic}/change/",
    "articles/correction/",
    "dictionary/koreangloss/",
    "dictionary/word/",
    TOPICS_AUTOCOMPLETE,
    "autocomplete/?app_label=articles&model_name=article&field_name=section&term=Poli",
    "autocomplete/?app_label=articles&model_name=byline&field_name=person&term=Seo",
]

REPORTER_REFUSED = [
    ("comments/", 404),
    ("pages/", 404),
    ("comments/comment/", 403),
    ("comments/comment/{comment}/change/", 403),
    ("comments/commentingban/", 403),
    ("pages/page/", 403),
    ("pages/page/add/", 403),
    ("pages/page/{page}/change/", 403),
    ("articles/article/{story}/change/", 302),
    ("articles/section/add/", 403),
    ("articles/topic/add/", 403),
    ("articles/correction/add/", 403),
    ("articles/articleredirect/", 403),
    ("dictionary/koreangloss/add/", 403),
    ("auth/user/", 403),
    ("auth/group/", 403),
]


@pytest.mark.parametrize("path", EDITOR_OPENS)
def test_an_editor_opens_every_page_of_the_desk(editor, desk, path):
    """Stories, sections, people, topics, corrections, old addresses, comments, bans, pages, glosses, words."""
    assert client_for(editor).get(admin_url(path, desk)).status_code == 200


@pytest.mark.parametrize("path", EDITOR_REFUSED)
def test_an_editor_is_refused_the_superusers_pages(editor, desk, path):
    """Users, groups, profiles and login providers are the superusers'; nobody adds comments or words."""
    assert client_for(editor).get(admin_url(path, desk)).status_code == 403


@pytest.mark.parametrize("path", REPORTER_OPENS)
def test_a_reporter_opens_the_pages_of_their_work(reporter, desk, path):
    """Their stories, the lists their story form picks from (sections, people, topics), and the dictionary."""
    assert client_for(reporter).get(admin_url(path, desk)).status_code == 200


@pytest.mark.parametrize(("path", "status"), REPORTER_REFUSED)
def test_a_reporter_is_refused_the_editors_pages(reporter, desk, path, status):
    """Comments, bans, pages, others' stories, and making sections, topics, corrections or glosses."""
    assert client_for(reporter).get(admin_url(path, desk)).status_code == status


@pytest.mark.parametrize("user", ["reporter", "editor"])
def test_both_roles_find_topics_to_tag_and_pin_a_storys_words(request, desk, user):
    """The story form's topic picker lists topics, and the story's words inline is on the form."""
    client = client_for(request.getfixturevalue(user))
    found = client.get(admin_url(TOPICS_AUTOCOMPLETE, desk)).json()["results"]
    assert [result["text"] for result in found] == ["Alibaba"]
    assert (
        b'name="dictionary_terms-TOTAL_FORMS"'
        in client.get(admin_url("articles/article/{draft}/change/", desk)).content
    )


def test_a_reporter_tags_topics_on_their_draft_and_submits_it(reporter, desk):
    """The reporter's own draft takes topics through the story form, then goes for review by the action."""
    client = client_for(reporter)
    response = client.post(
        admin_url("articles/article/{draft}/change/", desk), form_data(desk.draft, topics=[desk.topic.pk])
    )
    assert response.status_code == 302
    assert list(desk.draft.topics.all()) == [desk.topic]
    client.post(
        admin_url("articles/article/", desk), {"action": "submit_for_review", "_selected_action": [desk.draft.pk]}
    )
    desk.draft.refresh_from_db()
    assert desk.draft.status == Status.REVIEW


def test_a_reporters_publish_and_moderation_posts_change_nothing(reporter, desk):
    """The publish action is not run for a reporter; comments and pages answer 403 to their posts."""
    client = client_for(reporter)
    client.post(admin_url("articles/article/", desk), {"action": "publish", "_selected_action": [desk.review.pk]})
    desk.review.refresh_from_db()
    assert desk.review.status == Status.REVIEW
    response = client.post(
        admin_url("comments/comment/", desk), {"action": "hide", "_selected_action": [desk.comment.pk]}
    )
    assert response.status_code == 403
    desk.comment.refresh_from_db()
    assert desk.comment.status == Comment.Status.PUBLISHED
    response = client.post(
        admin_url("pages/page/{page}/change/", desk), {"slug": "about", "title": "Mine", "body": "<p>x</p>"}
    )
    assert response.status_code == 403
    assert Page.objects.get(slug="about").title != "Mine"


def test_an_editor_sees_a_comments_reports_on_its_page(editor, desk):
    """The moderation page shows who reported the comment (the reports inline, read-only)."""
    response = client_for(editor).get(admin_url("comments/comment/{comment}/change/", desk))
    (reports,) = response.context["inline_admin_formsets"]
    assert [form.original for form in reports] == list(desk.comment.reports.all())


def test_an_editor_publishes_unpublishes_and_withdraws(editor, desk):
    """The desk's bulk actions run for an editor, on anyone's stories."""
    client = client_for(editor)
    changelist = admin_url("articles/article/", desk)
    withdrawn = ArticleFactory(section=desk.section)
    for action, story in [("publish", desk.review), ("unpublish", desk.story), ("withdraw", withdrawn)]:
        assert client.post(changelist, {"action": action, "_selected_action": [story.pk]}).status_code == 302
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert statuses[desk.review.pk] == Status.PUBLISHED
    assert statuses[desk.story.pk] == Status.DRAFT
    assert statuses[withdrawn.pk] == Status.WITHDRAWN


def test_an_editor_moderates_comments_and_bars_and_unbars_readers(editor, desk):
    """Approve, hide and bar from the queue, delete comments, and lift a ban by deleting it."""
    client = client_for(editor)
    queue = admin_url("comments/comment/", desk)
    waiting = Comment.objects.create(article=desk.story, author=desk.reader, body="Waiting", status="pending")
    spam = Comment.objects.create(article=desk.story, author=desk.reader, body="Spam")
    for action, comment in [("approve", waiting), ("hide", desk.comment), ("bar_authors", desk.comment)]:
        assert client.post(queue, {"action": action, "_selected_action": [comment.pk]}).status_code == 302
    client.post(queue, {"action": "delete_selected", "_selected_action": [spam.pk], "post": "yes"})
    assert dict(Comment.objects.values_list("body", "status")) == {
        "Waiting": "published",
        "A reported comment": "hidden",
    }
    assert CommentingBan.objects.filter(user=desk.reader, barred_by=editor).exists()
    bans = admin_url("comments/commentingban/", desk)
    client.post(bans, {"action": "delete_selected", "_selected_action": [desk.ban.pk], "post": "yes"})
    assert list(CommentingBan.objects.values_list("user", flat=True)) == [desk.reader.pk]


def test_an_editor_writes_pages_topics_and_glosses(editor, desk):
    """A site page changed, a topic and a gloss added, a gloss deleted by the bulk action."""
    client = client_for(editor)
    page = {"slug": "about", "title": "About the newsroom", "body": "<p>Who we are.</p>"}
    assert client.post(admin_url("pages/page/{page}/change/", desk), page).status_code == 302
    assert Page.objects.get(slug="about").title == "About the newsroom"
    topic = {"name": "Korea-China relations", "slug": "korea-china", "description": ""}
    assert client.post(admin_url("articles/topic/add/", desk), topic).status_code == 302
    gloss = {"term": "make inroads into", "korean": "진출하다", "note": ""}
    assert client.post(admin_url("dictionary/koreangloss/add/", desk), gloss).status_code == 302
    glosses = admin_url("dictionary/koreangloss/", desk)
    client.post(glosses, {"action": "delete_selected", "_selected_action": [desk.gloss.pk], "post": "yes"})
    assert Topic.objects.filter(slug="korea-china").exists()
    assert list(KoreanGloss.objects.values_list("term", flat=True)) == ["make inroads into"]
