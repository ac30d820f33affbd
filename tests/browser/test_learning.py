"""Issue 16's "done when", in Chromium: a reader saves three words from a story, reviews them the next
day, hears a word and the story, filters a section by level and reads a story in gloss mode on a phone."""

# ruff: noqa: F811
import datetime
import tempfile
import time
from pathlib import Path

import pytest
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from learning.models import SavedWord
from tests.comments.conftest import make_reader
from tests.dictionary.fixtures import seed_story, starter_glosses, wordnet_loaded  # noqa: F401
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

SHOTS = Path(tempfile.gettempdir()) / "learn-shots"  # kept after the run, to be looked at
EASY = "<p>The cat sat on the mat. The dog ran to the park. We had a good day.</p>"

# Speech synthesis as a recorder: what was said, and each utterance started (so Listen highlights)
# but never finished, so the highlight stays for the test to see.
SPEECH_STUB = """
window.__spoken = [];
const fakeSynth = {
  speak(utterance) {
    window.__spoken.push(utterance.text);
    setTimeout(() => utterance.onstart && utterance.onstart(), 0);
  },
  cancel() {}, pause() {}, resume() {}, getVoices() { return []; }, speaking: false,
};
Object.defineProperty(window, "speechSynthesis", { value: fakeSynth, configurable: true });
if (!window.SpeechSynthesisUtterance) {
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
}
"""

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def wait_for(condition, timeout=5.0):
    """Whether `condition` holds within `timeout` seconds (the page saves in the background)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.fixture
def reader_page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(SPEECH_STUB)
    page = context.new_page()
    yield page
    context.close()


def test_a_reader_saves_reviews_hears_filters_and_reads_in_gloss_mode(
    reader_page, browser, site, seed_story, wordnet_loaded, starter_glosses, django_user_model
):
    """The whole round: save three words (popover and list; logged out, then at login they join the
    account), review them the next day, hear a word, listen to the story, filter by level, gloss mode."""
    SHOTS.mkdir(exist_ok=True)
    page = reader_page
    reader = make_reader(django_user_model, "Lee Su-jin", "sujin@example.com")
    easy = ArticleFactory(section=seed_story.section, headline="A good day in the park", body=EASY)
    dictionary_url = site + seed_story.get_dictionary_url()

    # Logged out: the popover's Save and a Save from the word list keep the words in the browser.
    page.goto(dictionary_url)
    page.locator(".vocab a.lookup[data-term='mogul']").click()
    popover = page.locator("#lookup-popover")
    expect(popover.locator(".ipa")).to_have_text("/ˈmoʊɡəl/")
    popover.get_by_role("button", name="Say it").click()
    assert page.evaluate("window.__spoken") == ["mogul"]
    save = popover.locator("button.save-word")
    save.click()
    expect(save).to_have_text("Saved")
    expect(save).to_have_attribute("aria-pressed", "true")
    page.screenshot(path=str(SHOTS / "popover-1280.png"))
    page.keyboard.press("Escape")
    list_save = page.locator(".vocab__item[data-term='entrepreneur'] button.save-word")
    list_save.focus()
    page.keyboard.press("Enter")  # keyboard-reachable
    expect(list_save.locator("[data-label]")).to_have_text("Saved")
    kept = page.evaluate("JSON.parse(localStorage.getItem('newsroom.savedWords'))")
    assert [(item["word"], item["article"]) for item in kept] == [
        ("mogul", str(seed_story.pk)),
        ("entrepreneur", str(seed_story.pk)),
    ]
    assert "moguls" in kept[0]["sentence"]

    # Logging in: the first page after it sends the browser's words to the account.
    page.goto(f"{site}/accounts/login/?next={seed_story.get_dictionary_url()}")
    page.fill('input[name="login"]', "sujin@example.com")
    page.fill('input[name="password"]', "pw")
    page.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()
    page.wait_for_url(f"**{seed_story.get_dictionary_url()}")
    assert wait_for(lambda: SavedWord.objects.filter(user=reader).count() == 2)
    page.locator(".vocab a.lookup[data-term='revitalize']").click()
    popover.locator("button.save-word").click()
    expect(popover.locator("button.save-word")).to_have_text("Saved")
    assert wait_for(lambda: SavedWord.objects.filter(user=reader).count() == 3)
    words = SavedWord.objects.filter(user=reader)
    assert sorted(w.lemma for w in words) == ["entrepreneur", "mogul", "revitalize"]
    assert all(w.article_id == seed_story.pk and w.sentence for w in words)
    page.keyboard.press("Escape")

    # The next day: the words were saved yesterday; the menu says three are due, and the reader reviews them.
    words.update(created_at=F("created_at") - datetime.timedelta(days=1), due=F("due") - datetime.timedelta(days=1))
    page.goto(site + "/")
    menu = page.locator(".account-menu")
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name="My words 3 due")).to_be_visible()
    page.goto(site + "/accounts/words/review/")
    for _ in range(3):
        page.locator(".review-card__answer summary").click()
        page.get_by_role("button", name="Good").click()
    expect(page.locator("main")).to_contain_text("Nothing is due")
    assert all(w.reviews == 1 and w.due > timezone.now() for w in SavedWord.objects.filter(user=reader))

    # Reviewed words count as known on the dictionary view.
    page.goto(dictionary_url)
    known = page.locator(".known-share")
    expect(known).to_contain_text("You know about")
    assert "An estimate" in known.get_attribute("title")

    # Listen on the story: the first sentence is read and highlighted.
    page.goto(site + seed_story.get_absolute_url())
    expect(page.locator(".reading-level").first).to_contain_text(seed_story.level)
    listen = page.locator(".listen")
    expect(listen).to_be_visible()
    page.evaluate("window.__spoken = []")
    listen.get_by_role("button", name="Listen").click()
    expect(listen.get_by_role("button", name="Listen")).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("CSS.highlights.has('listen-sentence')")
    highlighted = "[...document.adoptedStyleSheets].some(s => s.cssRules[0].selectorText.includes('listen-sentence'))"
    assert page.evaluate(highlighted)
    spoken = page.evaluate("window.__spoken")
    assert spoken and spoken[0] in seed_story.body
    page.locator("#story-body p").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "story-listen-1280.png"))

    # A section filtered by level.
    page.goto(site + seed_story.section.get_absolute_url())
    page.locator(".level-filter").get_by_role("link", name=easy.level, exact=True).click()
    expect(page.locator(".level-filter a[aria-current]")).to_have_text(easy.level)
    expect(page.locator(".card__headline")).to_have_text([easy.headline])
    page.screenshot(path=str(SHOTS / "section-level-1280.png"))
    page.locator(".level-filter").get_by_role("link", name="Any level").click()
    expect(page.locator(".card__headline")).to_have_count(2)

    # Gloss mode, at a desktop's width and a phone's: the Korean over the words, names marked, no sideways scroll.
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(dictionary_url)
        glosses = page.get_by_role("button", name="Korean over words")
        if glosses.get_attribute("aria-pressed") != "true":
            glosses.click()
        expect(glosses).to_have_attribute("aria-pressed", "true")
        names = page.get_by_role("button", name="Mark names")
        if names.get_attribute("aria-pressed") != "true":
            names.click()
        expect(page.locator(".gloss-legend")).to_be_visible()
        rt = page.locator("#story-text ruby.gloss rt").first
        expect(rt).to_be_visible()
        rt.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"gloss-{width}.png"))
        base = page.locator("#story-text ruby.gloss a.lookup").first.bounding_box()
        gloss = rt.bounding_box()
        # Above the word, not over it: the gloss ends where the word's letters begin (its box has some leading).
        assert gloss["y"] + gloss["height"] <= base["y"] + base["height"] / 4
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"sideways scroll at {width}px"
    # Remembered: a new visit starts in gloss mode.
    page.reload()
    expect(page.get_by_role("button", name="Korean over words")).to_have_attribute("aria-pressed", "true")
    page.emulate_media(media="print")
    expect(page.locator("#story-text ruby.gloss rt").first).to_be_visible()
    page.emulate_media(media="screen")


def test_a_word_page_says_and_saves_its_word(reader_page, site, wordnet_loaded, starter_glosses):
    """The word page shows the IPA, says the word and saves it in the browser when logged out."""
    page = reader_page
    page.goto(site + "/dictionary/moguls/")
    expect(page.locator(".ipa")).to_have_text("/ˈmoʊɡəlz/")
    page.get_by_role("button", name="Say it").click()
    assert page.evaluate("window.__spoken") == ["moguls"]
    page.get_by_role("button", name="Save").click()
    expect(page.locator("button.save-word [data-label]")).to_have_text("Saved")
    assert page.evaluate("JSON.parse(localStorage.getItem('newsroom.savedWords'))[0].word") == "mogul"
