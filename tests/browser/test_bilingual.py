"""A bilingual story imported from JSON, read in Chromium: English, side by side, alternating; on a
phone and a desktop, remembered, printed and looked up. Screenshots go to /tmp/bilingual-shots/."""

import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.test_page_quality import axe_violations
from tests.dictionary.fixtures import wordnet_loaded  # noqa: F401
from tests.quality_tools import require_axe

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "bilingual" / "night-market.json"
SHOTS = Path(tempfile.gettempdir()) / "bilingual-shots"  # kept after the run, to be looked at
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
# Where the first pair's English and Korean paragraphs sit.
FIRST_PAIR = """() => {
  const pair = document.querySelector('.bilingual__pair');
  const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, top: r.top, bottom: r.bottom}; };
  return {en: box(pair.querySelector('.bilingual__en')), ko: box(pair.querySelector('.bilingual__ko'))};
}"""


@pytest.fixture
def story(site):
    call_command("import_articles", str(FIXTURE), stdout=io.StringIO(), stderr=io.StringIO())
    return Article.objects.get(legacy_id="3017001")


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def choose(page, layout):
    page.locator(".bilingual__switch").get_by_role("button", name=layout, exact=True).click()
    expect(page.get_by_role("button", name=layout, exact=True)).to_have_attribute("aria-pressed", "true")


@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_switch_layouts_without_sideways_scroll_and_remember_them(browser, site, story, device):
    """English first; side by side puts the Korean beside each paragraph, alternating under it; no
    layout scrolls sideways; the choice holds after a reload."""
    context = browser.new_context(viewport=VIEWPORTS[device])
    page = context.new_page()
    page.goto(site + story.get_absolute_url())
    korean = page.locator('.bilingual__pair .bilingual__ko[lang="ko"]')
    expect(korean).to_have_count(4)
    expect(korean.first).to_be_hidden()
    expect(page.get_by_role("button", name="English", exact=True)).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    shot(page, f"{device}-english")

    choose(page, "Side by side")
    expect(korean.first).to_be_visible()
    boxes = page.evaluate(FIRST_PAIR)
    assert boxes["ko"]["left"] > boxes["en"]["left"] and abs(boxes["ko"]["top"] - boxes["en"]["top"]) < 2
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    expect(page.locator(".bilingual__headline")).to_have_text("서울, 한강 변에서 올해 첫 야시장 열어")
    shot(page, f"{device}-side")

    choose(page, "Alternating")
    boxes = page.evaluate(FIRST_PAIR)
    assert boxes["ko"]["top"] >= boxes["en"]["bottom"] - 1 and abs(boxes["ko"]["left"] - boxes["en"]["left"]) < 20
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    shot(page, f"{device}-alternate")

    page.reload()
    expect(page.get_by_role("button", name="Alternating", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(korean.first).to_be_visible()
    choose(page, "English")
    page.reload()
    expect(korean.first).to_be_hidden()
    context.close()


@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_print_keeps_the_chosen_layout(browser, site, story, device, tmp_path):
    """The layout chosen on the story's page is the print view's, on screen and on paper; the
    switch itself is not printed."""
    context = browser.new_context(viewport=VIEWPORTS[device])
    page = context.new_page()
    page.goto(site + story.get_absolute_url())
    choose(page, "Side by side")
    page.goto(site + story.get_print_url())
    expect(page.get_by_role("button", name="Side by side", exact=True)).to_have_attribute("aria-pressed", "true")
    page.emulate_media(media="print")
    expect(page.locator(".bilingual__switch")).to_be_hidden()
    expect(page.locator(".bilingual__more")).to_be_hidden()
    expect(page.locator(".bilingual__pair .bilingual__ko").first).to_be_visible()
    boxes = page.evaluate(FIRST_PAIR)
    assert boxes["ko"]["left"] > boxes["en"]["left"] and abs(boxes["ko"]["top"] - boxes["en"]["top"]) < 2
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    shot(page, f"{device}-print-side")
    page.pdf(path=str(tmp_path / "story.pdf"), format="A4")
    pdf = subprocess.run(["pdftotext", str(tmp_path / "story.pdf"), "-"], capture_output=True, text=True, check=True)
    text = " ".join(pdf.stdout.split())
    assert "Seoul Metropolitan Government" in text and "여의도 한강공원에서" in text
    assert "Side by side" not in text and "More stories" not in text
    page.emulate_media(media="screen")
    choose(page, "Alternating")
    page.emulate_media(media="print")
    boxes = page.evaluate(FIRST_PAIR)
    assert boxes["ko"]["top"] >= boxes["en"]["bottom"] - 1
    shot(page, f"{device}-print-alternate")
    context.close()


@pytest.mark.usefixtures("wordnet_loaded")
def test_the_dictionary_looks_up_english_words_side_by_side(browser, site, story):
    """In the dictionary view's side-by-side layout, a click on an English word opens its entry, and a
    click on a layout button opens none."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(site + story.get_dictionary_url())
    choose(page, "Side by side")
    expect(page.locator("#lookup-popover")).to_be_hidden()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    word = page.locator(".bilingual__en").nth(1)
    box = page.evaluate(
        """(el) => {
          const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const at = walker.currentNode.data.indexOf('visitors');
            if (at >= 0) {
              const range = document.createRange();
              range.setStart(walker.currentNode, at);
              range.setEnd(walker.currentNode, at + 8);
              walker.currentNode.parentElement.scrollIntoView({block: 'center'});
              const r = range.getBoundingClientRect();
              return {x: r.left + r.width / 2, y: r.top + r.height / 2};
            }
          }
          return null;
        }""",
        word.element_handle(),
    )
    page.mouse.click(box["x"], box["y"])
    expect(page.locator("#popover-title")).to_have_text("visitor")
    shot(page, "phone-dictionary-side")
    context.close()


def test_without_javascript_the_story_is_in_english(browser, site, story):
    """No script: the English alone, and no buttons that would do nothing."""
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(site + story.get_absolute_url())
    expect(page.locator(".bilingual__switch")).to_be_hidden()
    expect(page.locator(".bilingual__ko").first).to_be_hidden()
    expect(page.locator(".bilingual__en").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("view", ["get_absolute_url", "get_print_url", "get_dictionary_url"])
def test_every_layout_is_accessible_and_runs_under_the_csp(browser, site, story, view):
    """With the CSP enforced the script runs without an error; axe finds nothing in any layout."""
    require_axe()
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site + getattr(story, view)())
    choose(page, "Side by side")
    assert errors == []
    # axe is injected as an inline script, which the CSP forbids: a second context lifts it.
    checked = browser.new_context(viewport=VIEWPORTS["phone"], bypass_csp=True)
    page = checked.new_page()
    page.goto(site + getattr(story, view)())
    for layout in ("English", "Side by side", "Alternating"):
        choose(page, layout)
        assert axe_violations(page) == [], layout
    checked.close()
    context.close()
