"""The dictionary view in Chromium: click words, select phrases, use the keyboard, print it."""

import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.dictionary.fixtures import AXE, seed_story, starter_glosses, wordnet_loaded  # noqa: F401
from tests.quality_tools import require_axe

pytestmark = pytest.mark.browser


# The centre of the first appearance of a word in the story's text, found without changing the page.
WORD_BOX = """(word) => {
  const area = document.querySelector('[data-lookup-area]');
  const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
  const pattern = new RegExp('\\\\b' + word + '\\\\b');
  while (walker.nextNode()) {
    const match = pattern.exec(walker.currentNode.data);
    if (match) {
      const range = document.createRange();
      range.setStart(walker.currentNode, match.index);
      range.setEnd(walker.currentNode, match.index + word.length);
      range.startContainer.parentElement.scrollIntoView({block: 'center'});
      const box = range.getBoundingClientRect();
      return {x: box.left + box.width / 2, y: box.top + box.height / 2, left: box.left, right: box.right};
    }
  }
  return null;
}"""


@pytest.fixture
def dictionary_page(page, site, wordnet_loaded, starter_glosses, seed_story):  # noqa: F811
    page.goto(site + seed_story.get_dictionary_url())
    return page


def click_word(page, word):
    # The web fonts first: one that arrives late reflows the text after the word's place was taken.
    page.evaluate("document.fonts.ready.then(() => true)")
    box = page.evaluate(WORD_BOX, word)
    assert box, f"{word} is not in the story"
    page.mouse.click(box["x"], box["y"])


@pytest.mark.parametrize(
    ("word", "headword", "definition", "korean", "sentence"),
    [
        ("entrepreneur", "entrepreneur", "organizes a business venture", "기업가", "The 51-year-old entrepreneur"),
        ("materialize", "materialize", "become reality", "실현되다", "to materialize the business deals"),
        ("revitalize", "revitalize", "give new life or vigor to", "활성화하다", "measures to revitalize"),
        ("moguls", "mogul", "a very wealthy or powerful businessman", "거물", "his fellow Chinese business moguls"),
    ],
)
def test_click_a_word_to_see_its_entry(dictionary_page, word, headword, definition, korean, sentence):
    """Clicking a word in the text opens a small dialog beside it: headword, part of speech, definitions,
    the Korean gloss and the sentence of this story where the word appears."""
    page = dictionary_page
    click_word(page, word)
    dialog = page.get_by_role("dialog", name=headword)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(definition)
    expect(dialog).to_contain_text(korean)
    expect(dialog.locator(".popover__sentence")).to_contain_text(sentence)
    expect(dialog).to_contain_text("verb" if headword in {"materialize", "revitalize"} else "noun")
    if word != headword:
        expect(dialog).to_contain_text(f"“{word}” is a form of “{headword}”")


def test_closing_returns_the_reader_to_the_same_place(dictionary_page):
    page = dictionary_page
    click_word(page, "revitalize")
    before = page.evaluate("window.scrollY")
    dialog = page.get_by_role("dialog")
    # The reader closes the entry once it is there. While it loads, the popover is re-placed when the
    # entry arrives; a click in that moment lands on the page, and Playwright scrolls to try again.
    expect(dialog).to_contain_text("give new life or vigor to")
    expect(dialog).not_to_have_attribute("aria-busy", "true")
    page.get_by_role("button", name="Close the dictionary entry").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert page.evaluate("window.scrollY") == before


def test_keyboard_tab_enter_escape(dictionary_page):
    """Tab reaches the words; Enter opens a labelled dialog with focus in it; Escape closes it and focus
    returns to the word."""
    page = dictionary_page
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('lookup')"):
            break
    else:
        pytest.fail("Tab never reached a word to look up")
    term = page.evaluate("document.activeElement.dataset.term")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=term)
    expect(dialog).to_be_visible()
    assert page.evaluate("document.getElementById('lookup-popover').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.dataset.term") == term
    assert page.evaluate("document.activeElement.classList.contains('lookup')")


def test_lookup_field_opens_the_dialog(dictionary_page):
    page = dictionary_page
    page.get_by_label("Look up a word or phrase").fill("Revitalized")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="revitalize")
    expect(dialog).to_contain_text("활성화하다")
    page.keyboard.press("Escape")
    expect(page.get_by_label("Look up a word or phrase")).to_be_focused()


def test_select_a_phrase_to_look_it_up_and_copying_still_works(dictionary_page):
    """Selecting "make inroads into" offers a Look up button that opens its entry; the selection stays as
    the reader made it, so copying works as on any page."""
    page = dictionary_page
    start = page.evaluate(WORD_BOX, "make")
    end = page.evaluate(WORD_BOX, "into")
    page.mouse.move(start["left"] + 1, start["y"])
    page.mouse.down()
    page.mouse.move(end["right"] - 1, end["y"], steps=8)
    page.mouse.up()
    selected = page.evaluate("window.getSelection().toString()")
    assert selected == "make inroads into"
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.get_by_role("button", name="Look up “make inroads into”").click()
    dialog = page.get_by_role("dialog", name="make inroads into")
    expect(dialog).to_contain_text("~에 진출하다")
    expect(dialog.locator(".popover__sentence")).to_contain_text("to aim to make inroads into each other")
    assert page.evaluate("window.getSelection().toString()") == selected


def test_no_accessibility_violation_with_the_popover_open(dictionary_page):
    require_axe()
    page = dictionary_page
    click_word(page, "moguls")
    expect(page.get_by_role("dialog", name="mogul")).to_contain_text("거물")
    # Evaluated rather than added as a <script>: the page's CSP rightly refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run()")
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert violations == []


def test_without_javascript_words_link_to_their_pages(browser, site, wordnet_loaded, starter_glosses, seed_story):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + seed_story.get_dictionary_url())
    page.locator(".vocab").get_by_role("link", name="entrepreneur").click()
    expect(page.locator("h1")).to_have_text("entrepreneur")
    expect(page.locator(".entry__korean")).to_contain_text("기업가")
    context.close()


def test_dictionary_view_prints_with_its_vocabulary_list(dictionary_page, tmp_path):
    page = dictionary_page
    page.emulate_media(media="print")
    pdf = tmp_path / "dictionary.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "WORDS IN THIS STORY" in text
    for word in ("entrepreneur", "materialize", "revitalize", "mogul"):
        assert word in text
    assert "기업가" in text
    assert "Alibaba accounts for nearly 80 percent" in " ".join(text.split())
    assert "Look up a word" not in text


def test_word_page_has_no_accessibility_violation(page, site, wordnet_loaded, starter_glosses):  # noqa: F811
    require_axe()
    page.goto(site + "/dictionary/moguls/")
    expect(page.locator("h1")).to_have_text("mogul")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run()")
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []


# Scrolls so that a word of the story sits `gap` pixels above the bottom of the viewport; its centre.
WORD_NEAR_BOTTOM = """([word, gap]) => {
  const area = document.querySelector('[data-lookup-area]');
  const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
  const pattern = new RegExp('\\\\b' + word + '\\\\b');
  while (walker.nextNode()) {
    const match = pattern.exec(walker.currentNode.data);
    if (match) {
      const range = document.createRange();
      range.setStart(walker.currentNode, match.index);
      range.setEnd(walker.currentNode, match.index + word.length);
      const top = range.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, top - window.innerHeight + gap);
      const box = range.getBoundingClientRect();
      return {x: box.left + box.width / 2, y: box.top + box.height / 2};
    }
  }
  return null;
}"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 900)])
def test_popover_opened_near_the_bottom_stays_in_view(dictionary_page, width, height, tmp_path):
    """Opened on a word at the bottom of the screen, the whole entry is in the viewport (above the word on a
    desktop, a sheet along the bottom on a phone), with the sentence's sense first under "In this sentence"."""
    page = dictionary_page
    page.set_viewport_size({"width": width, "height": height})
    box = page.evaluate(WORD_NEAR_BOTTOM, ["moguls", 40])
    assert box and box["y"] > height - 60
    page.mouse.click(box["x"], box["y"])
    dialog = page.get_by_role("dialog", name="mogul")
    expect(dialog.locator(".popover__chosen")).to_contain_text("a very wealthy or powerful businessman")
    expect(dialog.locator(".popover__chosen")).to_contain_text("In this sentence")
    bounds = dialog.bounding_box()
    assert bounds["y"] >= 0 and bounds["y"] + bounds["height"] <= height + 1
    assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= width + 1
    if width > 640:
        assert bounds["y"] + bounds["height"] <= box["y"], "on a desktop it opens above the word"
    # NEWSROOM_SCREENSHOTS keeps them for a person to look at.
    shots = Path(os.environ.get("NEWSROOM_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=shots / f"popover-bottom-{width}x{height}.png")


def test_tab_stays_inside_the_open_popover(dictionary_page):
    """While the entry is open, Tab and Shift+Tab go round its own controls and never behind it."""
    page = dictionary_page
    click_word(page, "moguls")
    dialog = page.get_by_role("dialog", name="mogul")
    expect(dialog.locator(".popover__more")).to_be_visible()
    inside = "document.getElementById('lookup-popover').contains(document.activeElement)"
    for key in ["Tab"] * 5 + ["Shift+Tab"] * 5:
        page.keyboard.press(key)
        assert page.evaluate(inside), f"{key} left the open popover"


def test_no_entry_says_what_is_true(dictionary_page):
    """A name is called a name, not sent to look for a plain form."""
    page = dictionary_page
    click_word(page, "Shilla")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("looks like a name")
    expect(dialog).not_to_contain_text("plain form")
