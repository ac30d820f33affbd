"""The pages editors write: starter text from a migration, served at /<slug>/, linked from every footer."""

import pytest
from django.core.exceptions import ValidationError

from pages.models import Page

pytestmark = pytest.mark.django_db

STARTER = ["about", "contact", "standards", "terms", "privacy"]


@pytest.mark.parametrize("slug", STARTER)
def test_starter_pages_exist_with_real_text(client, slug):
    """The data migration creates each page with a title and several paragraphs."""
    page = Page.objects.get(slug=slug)
    assert len(page.body) > 400
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    assert f'<h1 class="site-page__title">{page.title}</h1>' in response.content.decode()


def test_every_page_footer_links_the_site_pages(client, story):
    """Home, a story and a site page all carry the about, contact, policy, terms and privacy links."""
    for url in ("/", story.get_absolute_url(), "/about/"):
        html = client.get(url).content.decode()
        for slug in STARTER:
            assert f'href="/{slug}/"' in html, (url, slug)


def test_the_policy_states_the_comment_rules(client):
    html = client.get("/standards/").content.decode()
    assert "Standards Board" in html and "250 characters" in html and "report" in html


def test_editors_edit_pages_in_the_admin_and_html_is_sanitized(staff_client, client):
    """An editor's page is served; scripts in its body are removed on save."""
    response = staff_client.post(
        "/admin/pages/page/add/",
        {"slug": "masthead", "title": "Masthead", "body": "<p>We fix errors.</p><script>alert(1)</script>"},
    )
    assert response.status_code == 302
    html = client.get("/masthead/").content.decode()
    assert "We fix errors." in html and "<script>alert" not in html


@pytest.mark.parametrize("slug", ["admin", "search", "2014", "accounts", "corrections", "healthz"])
def test_pages_cannot_take_other_parts_addresses(slug):
    with pytest.raises(ValidationError):
        Page(slug=slug, title="x", body="x").full_clean()


def test_unknown_page_is_404(client):
    assert client.get("/no-such-page/").status_code == 404


def test_other_addresses_win_over_pages(client, story):
    """Pages are routed last, so stories and sections keep their addresses."""
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get("/admin/").status_code == 302
