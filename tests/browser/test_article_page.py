import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_reader_sees_breadcrumb_caption_with_credit_and_byline(page, site, story):
    page.goto(site + story.get_absolute_url())
    expect(page.locator("h1")).to_have_text("President meets with Alibaba CEO")
    crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    expect(crumbs).to_have_text(["Home", "National", "Politics"])
    expect(page.locator("figure figcaption")).to_contain_text("The president at the Blue House.")
    expect(page.locator("figure figcaption .credit")).to_have_text("[NEWSIS]")
    byline = page.locator(".byline")
    expect(byline).to_contain_text("Seo Ji-eun")
    byline.get_by_role("link", name="Seo Ji-eun").click()
    expect(page.locator("h1")).to_have_text("Seo Ji-eun")
