"""The print view printed to PDF by Chromium and read back with poppler."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests.dictionary.fixtures import AXE, seed_story  # noqa: F401
from tests.quality_tools import require_axe

pytestmark = pytest.mark.browser


def print_pdf(page, url, path, paper="A4"):
    page.goto(url)
    page.emulate_media(media="print")
    page.pdf(path=str(path), format=paper)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return " ".join(text.split()), pages


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_seed_prints_cleanly_on_at_most_two_pages(page, site, seed_story, tmp_path, paper):  # noqa: F811
    """Headline, byline, caption with credit, the last paragraph, the newsroom's name and the short URL;
    no navigation, toolbar, comment or button text; two pages at most."""
    text, pages = print_pdf(page, site + seed_story.get_print_url(), tmp_path / "seed.pdf", paper)
    assert pages <= 2
    assert "President meets with Alibaba CEO" in text
    assert "By Seo Ji-eun" in text
    assert "yesterday at the Blue House. [NEWSIS]" in text
    assert "with more than 100 million visitors a day." in text
    assert "Newsroom Daily" in text
    assert f"/a/{seed_story.pk}/" in text
    for absent in ("Skip to content", "Comments", "Dictionary", "Print this story", "Back to the story", "Home"):
        assert absent not in text


def test_links_print_as_numbered_endnotes(page, site, seed_story, tmp_path):  # noqa: F811
    seed_story.body += '<p>Alibaba’s <a href="https://www.alibabagroup.com/en/ir/home">investor pages</a>.</p>'
    seed_story.save()
    text, _ = print_pdf(page, site + seed_story.get_print_url(), tmp_path / "links.pdf")
    assert "investor pages 1" in text
    assert "LINKS IN THIS STORY 1. https://www.alibabagroup.com/en/ir/home" in text


def test_print_button_opens_the_print_dialog(page, site, seed_story):  # noqa: F811
    page.add_init_script("window.print = () => { window.printed = true; };")
    page.goto(site + seed_story.get_print_url())
    page.get_by_role("button", name="Print this story").click()
    assert page.evaluate("window.printed") is True
    expect(page.locator(".print-hint")).to_be_hidden()


def test_without_javascript_the_page_says_how_to_print(browser, site, seed_story):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + seed_story.get_print_url())
    expect(page.get_by_role("button", name="Print this story")).to_be_hidden()
    expect(page.locator(".print-hint")).to_contain_text("Ctrl+P")
    context.close()


def test_print_view_has_no_accessibility_violation(page, site, seed_story):  # noqa: F811
    require_axe()
    page.goto(site + seed_story.get_print_url())
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run()")
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
