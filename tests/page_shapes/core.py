"""The core's pages: home, sections, authors, stories, their print view, preview, health, 404."""

import datetime

from django.utils import timezone

from articles.pagination import encode
from tests.factories import ArticleFactory, PersonFactory, PhotoFactory, SectionFactory
from tests.page_shapes import page

KOREAN_BODY = (
    "<p>President Park held talks with the executive chairman of Alibaba at the Blue House.</p>"
    "<p>“I found the last business forum quite meaningful,” she said of the 한중 비즈니스 포럼.</p>"
    "<blockquote><p>Particular emphasis will be placed on the local market.</p></blockquote>"
    "<h2>Digital trade</h2><p>Alibaba accounts for nearly 80 percent of China’s online retail sales &amp; more.</p>"
)


def _section_pair():
    top = SectionFactory(description="Politics, society and the regions.")
    return top, SectionFactory(parent=top)


def _story(**kwargs):
    """A full story: subsection, two bylines, dek, Korean words in the body, a lead photo and a second one."""
    _, sub = _section_pair()
    article = ArticleFactory(
        section=sub,
        dek="Park and Ma discuss e-commerce.",
        body=KOREAN_BODY,
        authors=[PersonFactory(), PersonFactory(email="")],
        **kwargs,
    )
    PhotoFactory(article=article, caption="The president at the Blue House.", credit="NEWSIS")
    PhotoFactory(article=article, caption="A second photo, further down.", credit="YONHAP", position=1)
    return article


@page("home")
def home():
    _story()
    ArticleFactory(kind="opinion", dek="An opinion with a dek.")
    ArticleFactory(draft=True)
    return "/"


@page("section, top, first page")
def section_top():
    top, sub = _section_pair()
    ArticleFactory(section=sub)
    PhotoFactory(article=ArticleFactory(section=top, kind="analysis"))
    return top.get_absolute_url()


@page("section, subsection, first page")
def section_sub():
    return _story().section.get_absolute_url()


@page("section without stories", status=404)
def section_empty():
    """A section no public story uses is public nowhere (issue 14; tests/test_unpublished_metadata.py)."""
    return SectionFactory().get_absolute_url()


@page("media, a public story's photo")
def media_public():
    return PhotoFactory(article=ArticleFactory()).image.url


@page("media, a draft's photo", status=404)
def media_draft():
    return PhotoFactory(article=ArticleFactory(draft=True)).image.url


@page("section, an older page (cursor)")
def section_older():
    _, sub = _section_pair()
    newest = ArticleFactory(section=sub)
    ArticleFactory(section=sub, published_at=newest.published_at - datetime.timedelta(days=1))
    return f"{sub.get_absolute_url()}?before={encode(newest)}"


@page("section, a newer page (cursor)")
def section_newer():
    _, sub = _section_pair()
    oldest = ArticleFactory(section=sub, published_at=timezone.now() - datetime.timedelta(days=3))
    ArticleFactory(section=sub)
    return f"{sub.get_absolute_url()}?after={encode(oldest)}"


@page("section, malformed cursor", status=404)
def section_bad_cursor():
    return SectionFactory().get_absolute_url() + "?before=not-a-cursor"


@page("author page")
def author():
    story = _story()
    person = story.bylines.first().person
    person.bio = "Covers the presidential office and the National Assembly."
    person.save()
    return person.get_absolute_url()


@page("author page, wire agency")
def agency():
    agency = PersonFactory(is_agency=True, email="")
    ArticleFactory(authors=[agency])
    return agency.get_absolute_url()


@page("article")
def article():
    return _story(kind="analysis").get_absolute_url()


@page("article, photo without its file, one byline")
def article_lost_photo():
    story = ArticleFactory(authors=[PersonFactory()])
    PhotoFactory(article=story, image="", caption="The file of this photo is lost.", credit="YONHAP")
    return story.get_absolute_url()


@page("article, print view")
def article_print():
    return _story().get_print_url()


@page("article, another date (moved permanently)", status=301)
def article_moved():
    story = ArticleFactory()
    return f"/1999/01/01/{story.slug}/"


@page("article, draft, to a reader", status=404)
def article_draft():
    return ArticleFactory(scheduled=True).get_absolute_url()


@page("preview of a draft", staff=True)
def preview():
    _, sub = _section_pair()
    draft = ArticleFactory(draft=True, section=sub, authors=[PersonFactory()])
    return draft.get_absolute_url()


@page("preview, to a reader (login)", status=302)
def preview_anonymous():
    return ArticleFactory(draft=True).get_absolute_url()


@page("healthz")
def healthz():
    return "/healthz"


@page("page not found", status=404)
def not_found():
    return "/no/such/page/"


@page("article, short address (moved permanently)", status=301)
def article_short():
    return f"/a/{ArticleFactory().pk}/"


@page("article, short address of a draft", status=404)
def article_short_draft():
    return f"/a/{ArticleFactory(draft=True).pk}/"
