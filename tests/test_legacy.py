import pytest

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/news/article/article.aspx?aid=2994120",
        "/news/article/Article.aspx?aid=2994120&cloc=joongangdaily",
        "/News/Article/article.aspx?AID=2994120",
        "/news/article/home.aspx?aid=2994120",
    ],
)
def test_old_addresses_redirect_permanently_to_the_story(client, url):
    story = ArticleFactory(headline="Legacy story", legacy_id="2994120")
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


@pytest.mark.parametrize("query", ["aid=1", "aid=", "", "aid=abc", "aid=%00", "aid=" + "9" * 40, "aid=-5", "cloc=x"])
def test_unknown_or_malformed_ids_are_404(client, query):
    ArticleFactory(legacy_id="2994120")
    assert client.get(f"/news/article/article.aspx?{query}").status_code == 404


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_unpublished_stories_are_not_revealed_by_their_old_address(client, trait):
    ArticleFactory(legacy_id="777", **{trait: True})
    assert client.get("/news/article/article.aspx?aid=777").status_code == 404
