"""A Korean reader switches the whole interface to Korean and back, on a phone and on a desktop; the
stories stay in English. Screenshots go to /tmp/korean-shots/ for a person to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Where a person looks at them after a run; nothing reads them back.
SHOTS = Path("/tmp/korean-shots")  # noqa: S108
SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=False)


def switch(page):
    return page.locator("form.language-switch")


def word_break(page, selector):
    return page.locator(selector).first.evaluate("element => getComputedStyle(element).wordBreak")


@pytest.mark.parametrize("screen", SCREENS)
def test_a_korean_reader_switches_the_interface_and_back(browser, site, story, screen):
    """Accept-Language ko gets Korean chrome at once; the switch turns it English, which is remembered
    after a reload and on another page; switching back gives Korean again. The story stays English."""
    context = browser.new_context(viewport=SCREENS[screen], locale="ko-KR", device_scale_factor=1)
    page = context.new_page()
    page.goto(site + story.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(switch(page).locator('[aria-current="true"]')).to_have_text("한국어")
    expect(page.locator(".story__headline")).to_have_attribute("lang", "en")
    expect(page.locator(".story__body")).to_have_attribute("lang", "en")
    expect(page.locator(".story__headline")).to_have_text(story.headline)
    assert word_break(page, "body") == "keep-all"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    shoot(page, f"{screen}-1-korean-first-visit")

    switch(page).get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(site + story.get_absolute_url())
    expect(switch(page).locator('[aria-current="true"]')).to_have_text("English")
    shoot(page, f"{screen}-2-switched-to-english")
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(site + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch(page).get_by_role("button", name="한국어").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page).to_have_url(site + "/")
    expect(page.get_by_role("link", name=story.headline).first).to_have_attribute("lang", "en")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    shoot(page, f"{screen}-3-back-to-korean-home")
    page.goto(site + story.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    shoot(page, f"{screen}-4-korean-story")
    context.close()
