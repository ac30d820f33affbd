"""A reader comments in real Chromium: log in from the box, watch the counter, post, overflow."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.conftest import make_reader

pytestmark = pytest.mark.browser

CASES = json.loads((Path(__file__).parent.parent / "comments" / "counting_cases.json").read_text(encoding="utf-8"))
KOREAN_250 = ("가나다라마바사아자차카타파하" * 20)[:250]


@pytest.fixture
def reader(django_user_model, site):
    return make_reader(django_user_model, "Kim Min-ji", "minji.private@example.com")


def log_in_from_the_box(page, site, story, reader):
    page.goto(site + story.get_absolute_url())
    box = page.locator("#comments")
    expect(box).to_contain_text("To write comments, please log in.")
    box.get_by_role("link", name="Log in to comment").click()
    page.fill('input[name="login"]', reader.email)
    page.fill('input[name="password"]', "pw")
    page.locator('form[action^="/accounts/login/"] button[type="submit"]').click()
    page.wait_for_url(f"**{story.get_absolute_url()}#comments")


def test_reader_logs_in_types_250_korean_characters_posts_and_is_refused_at_251(page, site, story, reader):
    """The counter follows typing exactly; 250 Korean syllables post and show; 251 are refused, kept."""
    violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    log_in_from_the_box(page, site, story, reader)
    box = page.get_by_label("Your comment")
    counter = page.locator("#comment-counter")
    expect(counter).to_have_text("(0/250)")

    box.press_sequentially(KOREAN_250[:10])
    expect(counter).to_have_text("(10/250)")
    box.fill(KOREAN_250)
    expect(counter).to_have_text("(250/250)")
    expect(counter).not_to_have_class("comment-counter comment-counter--over")
    page.get_by_role("button", name="Post comment").click()

    expect(page.locator(".messages")).to_contain_text("Your comment is published.")
    comment = page.locator(".comment-list .comment").first
    expect(comment.locator(".comment__body")).to_have_text(KOREAN_250)
    expect(comment.locator(".comment__author")).to_have_text("Kim Min-ji")
    expect(page.locator("body")).not_to_contain_text(reader.email)

    box = page.get_by_label("Your comment")
    box.fill(KOREAN_250 + "!")
    expect(counter).to_have_text("(251/250)")
    expect(counter).to_have_class("comment-counter comment-counter--over")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#comment-limit")).to_have_text(
        "Your comment has 251 characters; the limit is 250. Please shorten it: nothing has been cut."
    )
    expect(box).to_have_value(KOREAN_250 + "!")
    assert Comment.objects.count() == 1
    assert violations == []


def test_without_javascript_the_server_refuses_251_and_keeps_the_text(browser, site, story, reader):
    """With scripts off the server does the refusing, with the same sentence and the text kept."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in_from_the_box(page, site, story, reader)
    page.get_by_label("Your comment").fill("한" * 251)
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#comment-errors")).to_contain_text("Your comment has 251 characters; the limit is 250.")
    expect(page.get_by_label("Your comment")).to_have_value("한" * 251)
    expect(page.locator("#comment-counter")).to_have_text("(251/250)")
    assert not Comment.objects.exists()
    context.close()


def test_the_browser_counts_the_shared_cases_as_the_server_does(page, site, story, reader):
    """Every case of counting_cases.json counts the same in Chromium (Intl.Segmenter) as in Python."""
    log_in_from_the_box(page, site, story, reader)
    page.wait_for_function("() => window.newsroomComments !== undefined")
    counted = page.evaluate(
        "cases => cases.map(c => window.newsroomComments.count(c.text))", [{"text": c["text"]} for c in CASES]
    )
    assert counted == [case["count"] for case in CASES]


def test_crlf_and_emoji_in_the_box_count_as_on_the_server(page, site, story, reader):
    """A typed newline and an emoji family are one character each, in the counter and on the server."""
    log_in_from_the_box(page, site, story, reader)
    box = page.get_by_label("Your comment")
    text = "가" * 247 + "\n👨‍👩‍👧‍👦🇰🇷"
    box.fill(text)
    expect(page.locator("#comment-counter")).to_have_text("(250/250)")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".messages")).to_contain_text("Your comment is published.")
    assert Comment.objects.get().body == text
