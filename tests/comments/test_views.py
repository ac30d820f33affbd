"""The comment box, posting, deleting and reporting, as readers (and intruders) use them."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment, CommentingBan, CommentReport, PostingRecord
from tests.factories import ArticleFactory

from .conftest import client_for, make_reader

pytestmark = pytest.mark.django_db


def thread_url(article):
    return article.get_absolute_url() + "comments/"


def make_comment(article, author, body="A comment.", status=Comment.Status.PUBLISHED):
    return Comment.objects.create(article=article, author=author, body=body, status=status)


# The box under a story


def test_logged_out_reader_sees_why_the_box_is_closed_and_a_login_link_back_to_the_story(client, story):
    """Logged out: the reason, a login link whose next= returns to the story's comments, the policy."""
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert "To write comments, please log in." in html
    assert f'href="/accounts/login/?next={story.get_absolute_url().replace("/", "%2F")}%23comments"' in html
    assert 'href="/standards/"' in html
    assert "<textarea" not in html


def test_login_link_logs_in_and_returns_to_the_story(client, story, reader):
    """Logging in through the box's link lands back on the story's comments."""
    response = client.post(
        "/accounts/login/",
        {"login": reader.email, "password": "pw", "next": story.get_absolute_url() + "#comments"},
    )
    assert response.status_code == 302
    assert response["Location"] == story.get_absolute_url() + "#comments"


def test_logged_in_reader_sees_the_form_counter_and_policy_link(reader_client, story):
    """Logged in: a textarea without maxlength (browsers would cut), the counter "(0/250)" and the policy."""
    html = reader_client.get(story.get_absolute_url()).content.decode()
    assert 'data-max-length="250"' in html
    assert "maxlength" not in html
    assert "(0/250)" in html
    assert "Standards Board Policy" in html
    assert 'src="/static/js/comments.js"' in html


def test_the_kept_anonymous_box_is_fresh_after_each_comment_and_each_moderation(client, story, reader):
    """The anonymous box is a cached fragment: a new comment, and one hidden, are on the next render."""
    url = story.get_absolute_url()
    assert "0 comments" in client.get(url).content.decode()
    comment = make_comment(story, reader, body="Fresh at once.")
    html = client.get(url).content.decode()
    assert "Fresh at once." in html and "1 comment<" in html
    comment.status = Comment.Status.HIDDEN
    comment.save()
    html = client.get(url).content.decode()
    assert "Fresh at once." not in html and "0 comments" in html


def test_a_logged_in_reader_never_gets_the_box_kept_for_anonymous_readers(client, reader_client, story):
    """The box kept for anonymous readers is theirs alone: a reader's own box (their form) is not kept."""
    url = story.get_absolute_url()
    assert "<textarea" not in client.get(url).content.decode()
    assert "<textarea" in reader_client.get(url).content.decode()
    html = client.get(url).content.decode()
    assert "<textarea" not in html and "You comment as" not in html
    assert "To write comments, please log in." in html


def test_staff_preview_of_a_draft_has_no_comment_form(staff_client, politics):
    """A draft's preview says comments open on publication, and offers no form."""
    draft = ArticleFactory(draft=True, section=politics)
    html = staff_client.get(f"/preview/{draft.pk}/").content.decode()
    assert "Comments open when the story is published." in html
    assert "<textarea" not in html


def test_comments_show_a_display_name_never_an_email(client, story, reader):
    """The author's display name is shown; their email address appears nowhere on the page."""
    make_comment(story, reader, "Good meeting.")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Kim Min-ji" in html
    assert reader.email not in html
    assert reader.username not in html


def test_a_reader_without_a_profile_is_shown_neutrally_not_by_email(client, story, django_user_model):
    """Even with no display name chosen, the email (or its username part) is not shown."""
    user = django_user_model.objects.create_user("secret.person", email="secret.person@example.com", password="pw")
    make_comment(story, user)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "secret.person" not in html
    assert f"Reader {user.pk}" in html


# Posting


def test_posting_publishes_at_once_and_redirects_to_the_comment(reader_client, story, reader):
    """Post-moderation: the comment is published and the reader lands on it."""
    response = reader_client.post(thread_url(story), {"body": "Welcome, Jack Ma."})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{story.get_absolute_url()}#comment-{comment.pk}"
    assert (comment.author, comment.status, comment.body) == (reader, "published", "Welcome, Jack Ma.")
    page = reader_client.get(story.get_absolute_url()).content.decode()
    assert "Welcome, Jack Ma." in page
    assert "Your comment is published." in page


def test_premoderation_holds_comments_for_an_editor(reader_client, client, story, settings):
    """With COMMENTS_PREMODERATION, a comment waits: its author sees it marked, other readers do not."""
    settings.COMMENTS_PREMODERATION = True
    response = reader_client.post(thread_url(story), {"body": "Waiting for approval."})
    assert response["Location"] == story.get_absolute_url() + "#comments"
    assert Comment.objects.get().status == "pending"
    own = reader_client.get(story.get_absolute_url()).content.decode()
    assert "Waiting for approval." in own
    assert "Awaiting approval: only you can see it." in own
    assert "Waiting for approval." not in client.get(story.get_absolute_url()).content.decode()


def test_a_250_character_korean_comment_is_accepted(reader_client, story):
    """Exactly the limit, in Korean syllables, is accepted and stored whole."""
    body = "가" * 250
    assert reader_client.post(thread_url(story), {"body": body}).status_code == 302
    assert Comment.objects.get().body == body


def test_250_emoji_sequences_count_as_250_characters(reader_client, story):
    """An emoji with a skin tone is one character, so 250 of them fit."""
    assert reader_client.post(thread_url(story), {"body": "👍🏽" * 250}).status_code == 302


def test_251_characters_are_refused_with_a_clear_message_and_the_text_kept(reader_client, story):
    """Over the limit: 400, the count and the limit in words, the whole text back in the form."""
    body = "가" * 251
    response = reader_client.post(thread_url(story), {"body": body})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your comment has 251 characters; the limit is 250." in html
    assert f">\n{body}</textarea>" in html
    assert "(251/250)" in html
    assert not Comment.objects.exists()


def test_crlf_counts_as_one_character_like_in_the_browser(reader_client, story):
    """Browsers send a newline as CRLF; it counts as one, so 249 letters and a newline fit."""
    body = "a" * 124 + "\r\n" + "b" * 125
    assert reader_client.post(thread_url(story), {"body": body}).status_code == 302
    assert Comment.objects.get().body == "a" * 124 + "\n" + "b" * 125


def test_the_limit_is_a_setting(reader_client, story, settings):
    """COMMENTS_MAX_LENGTH changes the limit and the counter."""
    settings.COMMENTS_MAX_LENGTH = 10
    response = reader_client.post(thread_url(story), {"body": "x" * 11})
    assert "the limit is 10" in response.content.decode()
    assert "(0/10)" in reader_client.get(story.get_absolute_url()).content.decode()


def test_blank_comment_is_refused(reader_client, story):
    """Only spaces and newlines: refused, nothing stored."""
    response = reader_client.post(thread_url(story), {"body": "  \r\n  "})
    assert response.status_code == 400
    assert "Write your comment first." in response.content.decode()
    assert not Comment.objects.exists()


def test_surrounding_whitespace_is_trimmed_when_stored(reader_client, story):
    """Leading and trailing blank lines are not kept."""
    reader_client.post(thread_url(story), {"body": "\n  Hello  \n"})
    assert Comment.objects.get().body == "Hello"


@pytest.mark.parametrize(
    "article_kwargs",
    [{"status": "draft"}, {"scheduled": True}],
    ids=["draft with a date", "scheduled"],
)
def test_posting_to_a_story_that_is_not_public_is_a_404(reader_client, politics, article_kwargs):
    """Only Article.objects.published() stories take comments: drafts and future stories are a 404."""
    article = ArticleFactory(section=politics, **article_kwargs)
    url = article.get_absolute_url() + "comments/"
    assert reader_client.post(url, {"body": "Sneaky."}).status_code == 404
    assert reader_client.get(url).status_code == 404
    assert not Comment.objects.exists()


def test_logged_out_post_is_sent_to_log_in_and_stores_nothing(client, story):
    """An anonymous post stores nothing and goes to the login page, coming back to the thread."""
    response = client.post(thread_url(story), {"body": "Anonymous."})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Comment.objects.exists()


def test_posting_without_the_csrf_token_is_refused(reader, story):
    """CSRF protects the comment form: a forged post is a 403 and stores nothing."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert client.post(thread_url(story), {"body": "Forged."}).status_code == 403
    assert not Comment.objects.exists()


def test_get_of_the_thread_page_lists_comments_and_links_back(client, story, reader):
    """The thread page has the story's headline as a link back, and the comments."""
    make_comment(story, reader, "On the thread page.")
    html = client.get(thread_url(story)).content.decode()
    assert f'href="{story.get_absolute_url()}"' in html
    assert "On the thread page." in html


# Hostile input


def test_script_tags_are_shown_as_text(reader_client, client, story):
    """Markup is escaped: a script tag is shown, never run."""
    reader_client.post(thread_url(story), {"body": '<script>alert("x")</script><a href="http://spam.example">win</a>'})
    html = client.get(story.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<a href="http://spam.example"' not in html
    assert "<script>alert" not in html


def test_a_url_in_a_comment_is_not_a_link(reader_client, client, story):
    """Links are not made clickable."""
    reader_client.post(thread_url(story), {"body": "see https://spam.example/buy"})
    html = client.get(story.get_absolute_url()).content.decode()
    assert "see https://spam.example/buy" in html
    assert 'href="https://spam.example' not in html


def test_a_10_kb_body_is_refused_and_kept(reader_client, story):
    """10 KB of text: a clear refusal, the text back in the form, no 500."""
    body = "spam " * 2048
    response = reader_client.post(thread_url(story), {"body": body})
    assert response.status_code == 400
    assert "far longer than 250 characters" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "raw",
    [b"body=a%00b", b"body=%ED%A0%80", b"body=%FF%FE%FD", b"body=caf%C3", b"body=esc%1B%5B31m"],
    ids=["NUL", "UTF-8 surrogate", "not UTF-8", "truncated UTF-8", "terminal escape"],
)
def test_invalid_unicode_and_control_characters_are_refused(reader_client, story, raw):
    """NUL bytes, invalid UTF-8 and control characters: a 400 with a message, nothing stored."""
    response = reader_client.post(thread_url(story), raw, content_type="application/x-www-form-urlencoded")
    html = response.content.decode()
    assert response.status_code == 400
    assert "cannot be shown" in html or "Null characters are not allowed." in html
    assert not Comment.objects.exists()


def test_combining_mark_pileups_are_refused(reader_client, story):
    """One letter with thousands of combining marks ("Zalgo") is one character, but is still refused."""
    response = reader_client.post(thread_url(story), {"body": "a" + "\u0301" * 3000})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_bidi_controls_are_isolated_on_the_page(reader_client, client, story):
    """A right-to-left override stays inside its comment (dir=auto isolates it)."""
    reader_client.post(thread_url(story), {"body": "\u202eevil"})
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<p class="comment__body" dir="auto">\u202eevil</p>' in html


@pytest.mark.parametrize(
    "query",
    ["?before=abc", "?before=-1", "?after=0", "?before=1&after=2", "?before=1", "?after=99999999", "?before=9" * 30],
)
def test_bad_page_cursors_are_404(client, story, reader, query):
    """Malformed, conflicting or empty thread pages are a 404, never a 500."""
    make_comment(story, reader)
    make_comment(story, reader)
    assert client.get(thread_url(story) + query).status_code == 404


# Rate limit and bans


def test_rate_limit_refuses_the_sixth_comment_in_a_minute_with_a_friendly_message(reader_client, story):
    """Five comments a minute; the sixth is a 429 that keeps the text and says to wait."""
    for n in range(5):
        assert reader_client.post(thread_url(story), {"body": f"Comment {n}"}).status_code == 302
    response = reader_client.post(thread_url(story), {"body": "One too many."})
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "You can post 5 comments every 60 seconds." in html
    assert "One too many.</textarea>" in html
    assert Comment.objects.count() == 5


def test_rate_limit_is_per_reader(reader_client, other_client, story):
    """Another reader's posts do not count against you."""
    for n in range(5):
        reader_client.post(thread_url(story), {"body": f"Comment {n}"})
    assert other_client.post(thread_url(story), {"body": "My first."}).status_code == 302


def test_rate_limit_survives_deleting_ones_comments(reader_client, story, reader):
    """Deleting comments does not reset the count (it is kept apart, in PostingRecord)."""
    for n in range(5):
        reader_client.post(thread_url(story), {"body": f"Comment {n}"})
    Comment.objects.filter(author=reader).delete()
    assert reader_client.post(thread_url(story), {"body": "Again."}).status_code == 429


def test_rate_limit_window_passes(reader_client, story, reader):
    """Posts older than the window no longer count, and their records are pruned."""
    old = timezone.now() - timedelta(seconds=61)
    PostingRecord.objects.bulk_create([PostingRecord(user=reader, created_at=old) for _ in range(5)])
    assert reader_client.post(thread_url(story), {"body": "Later."}).status_code == 302
    assert PostingRecord.objects.filter(user=reader).count() == 1


def test_rate_limit_is_counted_in_the_database_not_in_a_process(reader, story):
    """Two separate clients (as two server processes would be) share one count."""
    first, second = client_for(reader), client_for(reader)
    for n in range(3):
        first.post(thread_url(story), {"body": f"From process one {n}"})
    for n in range(2):
        second.post(thread_url(story), {"body": f"From process two {n}"})
    assert first.post(thread_url(story), {"body": "Sixth."}).status_code == 429


def test_a_barred_reader_cannot_post_and_is_told_why(reader_client, story, reader):
    """A barred reader sees no form, and a post anyway is a 403 that stores nothing."""
    CommentingBan.objects.create(user=reader)
    html = reader_client.get(story.get_absolute_url()).content.decode()
    assert "barred your account from commenting" in html
    assert "<textarea" not in html
    response = reader_client.post(thread_url(story), {"body": "Let me in."})
    assert response.status_code == 403
    assert not Comment.objects.exists()


# Deleting and reporting


def test_a_reader_deletes_their_own_comment(reader_client, story, reader):
    """Own comment: a confirmation page, then it is gone."""
    comment = make_comment(story, reader, "Regrettable.")
    delete_url = f"/comments/{comment.pk}/delete/"
    assert "Regrettable." in reader_client.get(delete_url).content.decode()
    response = reader_client.post(delete_url)
    assert response["Location"] == story.get_absolute_url() + "#comments"
    assert not Comment.objects.exists()


def test_nobody_can_delete_another_readers_comment(other_client, staff_client, client, story, reader):
    """Another reader, an editor on the site, or a stranger: 404 or login, and the comment stays."""
    comment = make_comment(story, reader, "Mine.")
    delete_url = f"/comments/{comment.pk}/delete/"
    assert other_client.get(delete_url).status_code == 404
    assert other_client.post(delete_url).status_code == 404
    assert staff_client.post(delete_url).status_code == 404
    assert client.post(delete_url)["Location"].startswith("/accounts/login/")
    assert Comment.objects.filter(pk=comment.pk, body="Mine.").exists()


def test_nobody_can_edit_a_comment(other_client, reader_client, story, reader):
    """There is no edit address; posting at a comment's addresses changes nothing."""
    comment = make_comment(story, reader, "Original.")
    for url in [f"/comments/{comment.pk}/", f"/comments/{comment.pk}/edit/"]:
        assert other_client.post(url, {"body": "Changed."}).status_code == 404
        assert reader_client.post(url, {"body": "Changed."}).status_code == 404
    other_client.post(f"/comments/{comment.pk}/report/", {"reason": "spam", "body": "Changed."})
    other_client.post(thread_url(story), {"body": "Changed.", "id": comment.pk})
    comment.refresh_from_db()
    assert comment.body == "Original."


def test_a_reader_reports_a_comment_once(other_client, story, reader, other_reader):
    """A report is stored once per reader; the reporter is thanked."""
    comment = make_comment(story, reader, "Rude words.")
    url = f"/comments/{comment.pk}/report/"
    assert other_client.get(url).status_code == 200
    response = other_client.post(url, {"reason": "abuse"})
    assert response["Location"] == comment.get_absolute_url()
    other_client.post(url, {"reason": "spam"})
    report = CommentReport.objects.get()
    assert (report.reporter, report.reason) == (other_reader, "abuse")


def test_reports_of_own_hidden_or_unknown_comments_are_404(reader_client, story, reader, other_reader):
    """One's own comment, a hidden one, or a made-up id cannot be reported; a bad reason is a 400."""
    own = make_comment(story, reader)
    hidden = make_comment(story, other_reader, status=Comment.Status.HIDDEN)
    visible = make_comment(story, other_reader)
    assert reader_client.post(f"/comments/{own.pk}/report/", {"reason": "spam"}).status_code == 404
    assert reader_client.post(f"/comments/{hidden.pk}/report/", {"reason": "spam"}).status_code == 404
    assert reader_client.post("/comments/999999/report/", {"reason": "spam"}).status_code == 404
    assert reader_client.post(f"/comments/{visible.pk}/report/", {"reason": "<script>"}).status_code == 400
    assert not CommentReport.objects.exists()


def test_hidden_comments_vanish_for_readers_but_are_kept(client, story, reader):
    """A hidden comment is not on the page or in the count, and is still in the database."""
    make_comment(story, reader, "Hidden words.", status=Comment.Status.HIDDEN)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Hidden words." not in html
    assert "0 comments" in html
    assert Comment.objects.filter(body="Hidden words.").exists()


# Pages of a long thread


def test_long_threads_are_paged_newest_first(client, story, reader, settings):
    """The story shows the newest page; "Older comments" walks back, "Newer comments" forward."""
    settings.COMMENTS_PAGE_SIZE = 3
    comments = [make_comment(story, reader, f"Comment number {n:02d}.") for n in range(7)]
    html = client.get(story.get_absolute_url()).content.decode()
    assert "7 comments" in html
    assert [c in html for c in ("Comment number 06.", "Comment number 04.", "Comment number 03.")] == [
        True,
        True,
        False,
    ]
    assert f"?before={comments[4].pk}" in html
    page2 = client.get(thread_url(story) + f"?before={comments[4].pk}").content.decode()
    assert "Comment number 03." in page2 and "Comment number 01." in page2
    assert "Comment number 04." not in page2
    assert f"?after={comments[3].pk}" in page2
    back = client.get(thread_url(story) + f"?after={comments[3].pk}").content.decode()
    assert "Comment number 06." in back and "Comment number 04." in back


def test_other_readers_are_isolated_from_each_others_stories(reader_client, story, politics, reader):
    """A comment belongs to its story: another story's box does not show it."""
    other = ArticleFactory(section=politics, headline="Another story")
    make_comment(story, reader, "About Alibaba.")
    assert "About Alibaba." not in reader_client.get(other.get_absolute_url()).content.decode()


def test_second_reader_can_post_after_the_first(django_user_model, story):
    """Two readers comment on one story; both comments show, newest first."""
    first = client_for(make_reader(django_user_model, "First Reader"))
    second = client_for(make_reader(django_user_model, "Second Reader"))
    first.post(thread_url(story), {"body": "First!"})
    second.post(thread_url(story), {"body": "Second!"})
    html = Client().get(story.get_absolute_url()).content.decode()
    assert html.index("Second!") < html.index("First!")
