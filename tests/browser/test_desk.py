"""The desk in a real browser: the body editor runs offline under the CSP, and its HTML is saved clean."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

# Whether the caret is collapsed at the very end of the focused editor.
CARET_AT_END = """() => {
  const box = document.activeElement, selection = getSelection();
  if (!selection.rangeCount || !selection.isCollapsed || !box.contains(selection.anchorNode)) return false;
  const rest = document.createRange();
  rest.setStart(selection.anchorNode, selection.anchorOffset);
  rest.setEnd(box, box.childNodes.length);
  return rest.toString() === "";
}"""


@pytest.fixture
def logged_in(page, site, django_user_model):
    django_user_model.objects.create_user("chief", password="desk-pw-123", is_staff=True, is_superuser=True)
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "desk-pw-123")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("chief")
    return page


def test_the_body_editor_works_offline_and_saves_sanitized_html(logged_in, site):
    page = logged_in
    story = ArticleFactory(body="<p>Start.</p>")
    problems, foreign = [], []
    page.on("console", lambda m: problems.append((m.text, m.location)) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(site) else None)

    page.goto(f"{site}/admin/articles/article/{story.pk}/change/")
    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    expect(editor).to_be_visible()
    expect(editor).to_contain_text("Start.")
    editor.click()
    expect(editor).to_be_focused()
    # Where a click puts the caret depends on where it lands in the box: go to the very end, and make
    # sure it is there before typing (on a busy machine the editor may take the click's caret late).
    for _ in range(5):
        page.keyboard.press("Control+End")
        if page.evaluate(CARET_AT_END):
            break
        page.wait_for_timeout(200)
    assert page.evaluate(CARET_AT_END)
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Bold words")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    story = Article.objects.get(pk=story.pk)
    assert "<strong>Bold words</strong>" in story.body
    assert story.body.startswith("<p>Start.</p>")
    assert not problems, problems
    assert not foreign, foreign


def test_the_story_form_boxes_fit_what_they_hold(logged_in, site):
    """The headline box is as wide as a headline, the dek one to two lines, the body editor many lines tall."""
    page = logged_in
    story = ArticleFactory()
    page.goto(f"{site}/admin/articles/article/{story.pk}/change/")
    headline = page.locator("#id_headline").bounding_box()
    dek = page.locator("#id_dek").bounding_box()
    body = page.locator(".field-body .ProseMirror[contenteditable=true]").bounding_box()
    line = page.locator("#id_headline").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert headline["width"] > 500
    assert 1.5 * line < dek["height"] < 5 * line
    assert body["height"] > 250
