import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_copy_link_puts_the_story_address_on_the_clipboard(page, site, story):
    """The copy button works with the site's own script only, under the site's CSP."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + story.get_absolute_url())
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".share__status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == site + story.get_absolute_url()
    # The JSON-LD block is readable data; nothing was refused by the CSP; nothing left the site.
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["headline"] == story.headline
    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert all(url.startswith(site) for url in requests), requests


def test_reader_searches_a_phrase_and_lands_on_the_story(page, site, story):
    page.goto(site + "/search/?q=" + "%22Alibaba+CEO%22")
    first = page.locator(".search-result").first
    expect(first.locator("h2")).to_have_text("President meets with Alibaba CEO")
    first.get_by_role("link", name="President meets with Alibaba CEO").click()
    expect(page.locator("h1")).to_have_text("President meets with Alibaba CEO")
    # From the story to its day.
    page.locator(".dateline-links a").first.click()
    expect(page.locator(".story-list")).to_contain_text("President meets with Alibaba CEO")
