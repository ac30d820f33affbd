"""The seed page, imported, reads in Chromium like the original without its chrome."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "import" / "seed-alibaba.txt"


def test_imported_seed_reads_like_the_original(page, site):
    """Breadcrumb, headline, the photo's caption with its credit (no image file), ten paragraphs, the byline."""
    call_command("import_articles", "--published", "2014-08-28", str(SEED), stdout=StringIO())
    page.goto(site + "/2014/08/28/president-meets-with-alibaba-ceo/")
    expect(page.locator("h1")).to_have_text("President meets with Alibaba CEO")
    expect(page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")).to_have_text(
        ["Home", "National", "Politics"]
    )
    figure = page.locator("article figure")
    expect(figure).to_have_count(1)
    expect(figure.locator("img")).to_have_count(0)
    expect(figure.locator("figcaption")).to_contain_text("yesterday at the Blue House. [NEWSIS]")
    expect(figure.locator(".credit")).to_have_text("[NEWSIS]")
    expect(page.locator(".story__body p")).to_have_count(10)
    expect(page.locator(".story__body p").first).to_contain_text("President Park Geun-hye held talks yesterday")
    expect(page.locator(".byline")).to_contain_text("Seo Ji-eun")
    expect(page.locator(".story__footer")).to_contain_text("spring@joongang.co.kr")
    expect(page.locator(".dateline")).not_to_contain_text("Updated")
    text = page.locator("article").inner_text()
    for noise in ["테스트", "help-image", "lock icon", "log in to", "(0/250자)", "Standards Board"]:
        assert noise not in text
