"""Bilingual stories: their list and feed, and a story's three views with the Korean beside the English."""

from tests.factories import ArticleFactory
from tests.page_shapes import page

from .findability import NOT_HTML


def _bilingual(**fields):
    return ArticleFactory(
        body="<p>The market opened on Friday.</p><p>Vendors expect many visitors.</p>",
        headline_ko="야시장 열어",
        dek_ko="한강 변의 첫 야시장",
        body_ko="<p>야시장이 금요일 문을 열었다.</p><p>상인들은 많은 방문객을 기대한다.</p>",
        **fields,
    )


@page("bilingual stories, the list")
def bilingual_list():
    _bilingual()
    return "/bilingual/"


@page("feed, bilingual stories (RSS)", unchecked_reason=NOT_HTML)
def bilingual_feed():
    _bilingual()
    return "/bilingual/feed/"


@page("article, bilingual")
def bilingual_article():
    return _bilingual().get_absolute_url()


@page("article print view, bilingual")
def bilingual_print():
    return _bilingual().get_print_url()


@page("article dictionary view, bilingual")
def bilingual_dictionary():
    return _bilingual().get_dictionary_url()
