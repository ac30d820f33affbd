import datetime
import zoneinfo

import pytest

from tests.factories import ArticleFactory, PersonFactory, PhotoFactory

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
SEED_BODY = (
    "<p>President Park Geun-hye held talks yesterday with Jack Ma, the executive chairman of China’s e-commerce "
    "giant Alibaba, at the Blue House, where the two exchanged views on online transactions.</p>"
    "<p>Ma also told Park he was visiting Seoul for a third time in four months.</p>"
)


def results(response):
    """The headlines of a search page's results, in order."""
    return [a.headline for a in response.context["results"].hits]


@pytest.fixture
def seed(politics):
    article = ArticleFactory(
        headline="President meets with Alibaba CEO",
        section=politics,
        body=SEED_BODY,
        published_at=datetime.datetime(2014, 9, 3, 9, tzinfo=SEOUL),
        authors=[PersonFactory(name="Seo Ji-eun", email="spring@joongang.co.kr")],
    )
    PhotoFactory(article=article, caption="President Park Geun-hye meets with Jack Ma at the Blue House.")
    return article
