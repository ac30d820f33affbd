"""What a reader sees and does: navigating from the front page to a story and its author, reading
on a phone, moving by keyboard, and printing a story."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, PersonFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def front_page(story):
    """The seed-like story in National › Politics, and another story in Business."""
    business = SectionFactory(name="Business")
    PhotoFactory(article=ArticleFactory(section=business, headline="Exports rise for the sixth month"))
    return story


def test_home_to_section_to_story_to_author(page, site, front_page):
    """A reader goes from the front page to a section, a story in it, and the story's author."""
    page.goto(site + "/")
    nav = page.get_by_role("navigation", name="Sections", exact=True)
    expect(nav.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    nav.get_by_role("link", name="National").click()
    expect(page.locator("h1")).to_have_text("National")
    expect(page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")).to_have_text(["Home", "National"])
    expect(nav.get_by_role("link", name="National")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name="Politics", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Politics")
    # In a subsection, its top section stays marked in the navigation.
    expect(
        page.get_by_role("navigation", name="Sections", exact=True).get_by_role("link", name="National")
    ).to_have_attribute("aria-current", "true")
    page.get_by_role("link", name="President meets with Alibaba CEO").click()
    expect(page.locator("h1")).to_have_text("President meets with Alibaba CEO")
    expect(page).to_have_title("President meets with Alibaba CEO | Newsroom Daily")
    page.locator(".byline").get_by_role("link", name="Kim Min-ji").click()
    expect(page.locator("h1")).to_have_text("Kim Min-ji")
    expect(page.get_by_role("link", name="President meets with Alibaba CEO")).to_be_visible()
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Home").click()
    expect(page).to_have_url(site + "/")
    business = page.get_by_role("region", name="Business")
    expect(business.get_by_role("heading", name="Exports rise for the sixth month")).to_be_visible()


@pytest.mark.parametrize("path", ["home", "section", "story", "author", "print"])
def test_phone_layout_has_no_sideways_scroll(browser, site, front_page, path):
    """At 390px nothing is wider than the screen, even a long unbroken word or a long byline."""
    ArticleFactory(
        section=front_page.section,
        headline="Supercalifragilisticexpialidociousnesslessly long headline word",
        authors=[PersonFactory(name=f"Correspondent Number {n} With A Long Name") for n in range(4)],
        body="<p>"
        + "a" * 120
        + "</p><p>https://example.com/a/very/long/address/that/does/not/break/"
        + "x" * 60
        + "</p>",
    )
    url = {
        "home": "/",
        "section": front_page.section.get_absolute_url(),
        "story": front_page.get_absolute_url(),
        "author": front_page.bylines.first().person.get_absolute_url(),
        "print": front_page.get_print_url(),
    }[path]
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(site + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if path == "story":
        # The story reads in one column as wide as the screen allows, in a readable size.
        body = page.locator(".story__body p").first
        box = body.bounding_box()
        assert box["width"] > 300
        assert float(body.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")) >= 17
    context.close()


def test_skip_link_is_the_first_stop_and_shows_when_focused(page, site, front_page):
    """Tab once: the skip link appears; Enter moves focus to the main content."""
    page.goto(site + front_page.get_absolute_url())
    skip = page.get_by_role("link", name="Skip to content")
    top_before = skip.bounding_box()["y"]
    assert top_before < 0  # off screen until needed
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 10
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # The next stop is inside the content, not back in the masthead.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_keyboard_focus_is_visible_on_links(page, site, front_page):
    """Every link reached by Tab shows a focus outline of at least 2px (the masthead's search field and
    language switch come first, so the walk is long enough to reach ten links)."""
    page.goto(site + front_page.get_absolute_url())
    seen = 0
    for _ in range(16):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        tag, style, width = outline
        if tag == "A":
            assert style != "none" and width >= 2, outline
            seen += 1
    assert seen >= 10


def test_printed_story_is_the_story_without_the_site(page, site, front_page, tmp_path):
    """Printed, a story keeps the paper's name, headline, byline, caption and text, and drops the
    navigation, toolbar and comments."""
    page.goto(site + front_page.get_absolute_url())
    page.emulate_media(media="print")
    for hidden in (".section-nav", ".toolbar", "#comments", ".site-footer", ".breadcrumb"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".masthead__title")).to_be_visible()
    pdf = tmp_path / "story.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "President meets with Alibaba CEO" in text
    assert "Seo Ji-eun" in text and "[NEWSIS]" in text
    assert "First paragraph of the story." in text
    assert "Dictionary" not in text and "Comments" not in text
