"""A reader's first five minutes in Chromium, on a phone (390 px) and a desktop (1280 px): search from
the masthead of any page, log in or sign up and see it there, messages where they land, dark mode,
printing the article page, and the seed story's caption without its photo."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_page_quality import session_cookie
from tests.comments.conftest import make_reader
from tests.pages import all_shapes

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
SEED = Path(__file__).resolve().parent.parent / "fixtures" / "import" / "seed-alibaba.txt"
SEED_URL = "/2014/08/28/president-meets-with-alibaba-ceo/"


@pytest.fixture(params=WIDTHS)
def sized(request, browser, site):
    """A page at phone or desktop width; the width's name is on it as `.width`."""
    w, h = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    page.width = request.param
    yield page
    context.close()


def search_from_the_masthead(page, words):
    masthead = page.locator("header.masthead")
    field = masthead.get_by_role("searchbox", name="Search the archive")
    if page.width == "phone":
        expect(field).to_be_hidden()
        masthead.get_by_role("button", name="Search").first.click()
        expect(field).to_be_focused()
    field.fill(words)
    field.press("Enter")


def test_every_reader_page_offers_search_in_its_masthead(sized, site):
    """On every page a reader opens (not the print view) the masthead has the field, or on a phone the
    magnifier that opens it."""
    checked = 0
    for shape in all_shapes():
        url = shape.make()
        if shape.staff or shape.reader or shape.status != 200 or url.endswith("/print/") or url.startswith("/admin/"):
            continue
        answer = sized.request.get(site + url, max_redirects=0)
        if "text/html" not in answer.headers.get("content-type", "") or not answer.body():
            continue
        sized.goto(site + url)
        masthead = sized.locator("header.masthead")
        field = masthead.get_by_role("searchbox", name="Search the archive")
        if sized.width == "phone":
            expect(masthead.locator("[data-search-toggle]"), shape.name).to_be_visible()
            expect(field, shape.name).to_be_hidden()
        else:
            expect(field, shape.name).to_be_visible()
        checked += 1
    assert checked > 20


def test_reader_searches_from_the_masthead_of_a_story(sized, site, story):
    """From a story, the masthead's search lands on the results for the words typed."""
    sized.goto(site + story.get_absolute_url())
    search_from_the_masthead(sized, "Alibaba")
    sized.wait_for_url("**/search/?q=Alibaba")
    expect(sized.locator(".search-result").first).to_contain_text("President meets with Alibaba CEO")


def test_reader_searches_from_the_not_found_page(sized, site):
    """The 404 page has its own search field under the message."""
    sized.goto(site + "/no-such-page/")
    field = sized.locator("#error-search").get_by_role("searchbox")
    field.fill("kimjang")
    field.press("Enter")
    sized.wait_for_url("**/search/?q=kimjang")


def test_reader_logs_in_from_the_masthead_and_out_from_the_menu(sized, site, story, django_user_model):
    """ "Log in" at the top brings the reader back to the story, named in the masthead, with "Signed in"
    at the top of the page; the menu's "Log out" signs them out."""
    make_reader(django_user_model, "민아", "mina@example.com")
    sized.goto(site + story.get_absolute_url())
    masthead = sized.locator("header.masthead")
    masthead.get_by_role("link", name="Log in").click()
    sized.fill('input[name="login"]', "mina@example.com")
    sized.fill('input[name="password"]', "pw")
    sized.locator('main form[action^="/accounts/login/"] button[type="submit"]').click()
    sized.wait_for_url(f"**{story.get_absolute_url()}")
    message = sized.locator(".page-messages")
    expect(message).to_contain_text("Successfully signed in as 민아")
    assert message.bounding_box()["y"] < sized.locator("h1").bounding_box()["y"]
    expect(sized.locator("#comment-box .messages")).to_have_count(0)
    menu = masthead.locator(".account-menu")
    expect(menu.locator("summary")).to_contain_text("민아")
    expect(masthead.get_by_role("link", name="Log in")).to_have_count(0)
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name="Your account")).to_be_visible()
    sized.keyboard.press("Escape")
    expect(menu.get_by_role("link", name="Your account")).to_be_hidden()
    menu.locator("summary").click()
    menu.get_by_role("button", name="Log out").click()
    expect(masthead.get_by_role("link", name="Log in")).to_be_visible()


def test_reader_signs_up_from_the_comment_box_and_lands_back_on_the_story(sized, site, story):
    """ "Sign up" beside "Log in to comment" makes the account and comes back to the comments, signed in."""
    sized.goto(site + story.get_absolute_url())
    box = sized.locator("#comments")
    expect(box).to_contain_text("A comment is at most 250 characters.")
    box.get_by_role("link", name="Sign up").click()
    sized.fill('input[name="email"]', f"new.{sized.width}@example.com")
    sized.fill('input[name="display_name"]', "New Reader")
    sized.fill('input[name="password1"]', "A-long-pass-2026")
    sized.fill('input[name="password2"]', "A-long-pass-2026")
    sized.locator('main form[action^="/accounts/signup/"] button[type="submit"]').click()
    sized.wait_for_url(f"**{story.get_absolute_url()}#comments")
    expect(sized.locator("header.masthead .account-menu summary")).to_contain_text("New Reader")
    expect(sized.locator(".page-messages")).to_contain_text("Successfully signed in as New Reader")
    expect(sized.get_by_label("Your comment")).to_be_visible()


def background_luminance(page, selector):
    """The relative brightness (0 to 1) of an element's background colour."""
    return page.locator(selector).evaluate(
        """el => { const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\\d+/g).map(Number);
                   return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }"""
    )


def test_dark_mode_follows_the_readers_setting(sized, site, story):
    """Prefer dark: the page, the masthead and the search field turn dark with light text; the print
    view stays a white sheet."""
    sized.emulate_media(color_scheme="dark")
    sized.goto(site + story.get_absolute_url())
    assert background_luminance(sized, "body") < 0.15
    assert background_luminance(sized, "header.masthead") < 0.15
    text = sized.locator(".story__body p").first.evaluate("el => getComputedStyle(el).color")
    assert text.startswith("rgb(2")  # light ink on the dark page
    sized.goto(site + story.get_print_url())
    assert background_luminance(sized, ".print-view .page") > 0.9
    sized.emulate_media(color_scheme="light")
    sized.goto(site + story.get_absolute_url())
    assert background_luminance(sized, "body") > 0.9


def test_printing_the_article_page_leaves_out_screen_controls(sized, site, story):
    """Ctrl+P on the article page: no share bar, related stories, archive links, search or menu."""
    sized.goto(site + story.get_absolute_url())
    expect(sized.locator(".share")).to_be_visible()
    sized.emulate_media(media="print")
    for selector in (
        ".share",
        ".related",
        ".dateline-links",
        "header.masthead .search-box",
        ".masthead__bar",
        "#comments",
    ):
        expect(sized.locator(selector).first, selector).to_be_hidden()
    expect(sized.locator(".story__body")).to_be_visible()
    expect(sized.locator(".story__footer")).to_contain_text("spring@joongang.co.kr")


def test_the_seeds_caption_without_its_photo_reads_as_intended(sized, site):
    """The imported seed: its caption in a frame that says the photo is not in the archive, inside the
    text column, on screen, on paper and in the dictionary view; its date without a made-up time."""
    call_command("import_articles", "--published", "2014-08-28", str(SEED), stdout=StringIO())
    sized.goto(site + SEED_URL)
    figure = sized.locator("article figure")
    expect(figure.locator(".figure__missing")).to_have_text(
        "The photo that ran with this story is not in the archive. Its caption:"
    )
    expect(figure.locator("figcaption")).to_contain_text("yesterday at the Blue House. [NEWSIS]")
    frame, text = figure.bounding_box(), sized.locator(".story__body p").first.bounding_box()
    assert abs(frame["x"] - text["x"]) < 1 and abs(frame["width"] - text["width"]) < 1
    expect(sized.locator(".dateline time").first).to_have_text("Thursday, August 28, 2014")
    sized.emulate_media(media="print")
    expect(figure.locator(".figure__missing")).to_be_visible()
    sized.emulate_media(media="screen")
    for view in ("print/", "dictionary/"):
        sized.goto(site + SEED_URL + view)
        expect(sized.locator("article figure .figure__missing"), view).to_be_visible()
        expect(sized.locator("article figure figcaption"), view).to_contain_text("[NEWSIS]")


def test_print_view_ends_with_the_sign_off(sized, site):
    """The print view keeps the original's last line: the reporter and the email in brackets."""
    call_command("import_articles", "--published", "2014-08-28", str(SEED), stdout=StringIO())
    sized.goto(site + SEED_URL + "print/")
    expect(sized.locator(".story__footer .signoff")).to_have_text("Seo Ji-eun [spring@joongang.co.kr]")


def test_larger_text_is_one_button_and_is_remembered(sized, site, story):
    """ "Larger text" in the story's toolbar enlarges the page's type and stays on at the next story."""
    sized.goto(site + story.get_absolute_url())
    body = sized.locator(".story__body p").first
    before = body.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    button = sized.locator(".toolbar").get_by_role("button", name="Larger text")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert body.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") > before * 1.15
    sized.reload()
    expect(sized.locator(".toolbar").get_by_role("button", name="Larger text")).to_have_attribute(
        "aria-pressed", "true"
    )
    sized.locator(".toolbar").get_by_role("button", name="Larger text").click()
    assert sized.locator(".story__body p").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") == before


def test_a_comment_actions_message_shows_in_the_comment_box(sized, site, story, django_user_model):
    """Posting a comment lands at the comment: its message is in the comment box, in view, not at the top."""
    reader = make_reader(django_user_model, "Kim Min-ji", "minji@example.com")
    sized.context.add_cookies([session_cookie(site, reader)])
    sized.goto(site + story.get_absolute_url() + "#comments")
    sized.get_by_label("Your comment").fill("A first comment.")
    sized.get_by_role("button", name="Post comment").click()
    message = sized.locator("#comment-box .page-messages")
    expect(message).to_contain_text("Your comment is published.")
    expect(message).to_be_in_viewport()
    expect(sized.locator("main > .page-messages")).to_have_count(0)
