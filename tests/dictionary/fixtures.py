"""Fixtures for the dictionary and print tests: a small real WordNet, the starter glosses, a seed-like story."""

import datetime
import os
import zoneinfo
from pathlib import Path

import pytest
from django.conf import settings

from articles.sanitize import paragraphs_to_html
from dictionary import glosses, loading
from tests.factories import ArticleFactory, PersonFactory, PhotoFactory

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WORDNET = FIXTURES / "wordnet"
SEED_TEXT = FIXTURES / "dictionary" / "seed_story.txt"
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
# axe-core comes from the project's npm packages (`npm ci`); AXE_CORE points elsewhere if need be.
AXE = Path(os.environ.get("AXE_CORE", settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"))


def seed_paragraphs():
    """The seed page's story paragraphs (its last line, the byline, is a byline here)."""
    lines = [line.strip() for line in SEED_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("BY ")]


@pytest.fixture
def wordnet_loaded(db):
    loading.load(WORDNET)


@pytest.fixture
def starter_glosses(db):
    return glosses.import_glosses(glosses.STARTER_SET)


@pytest.fixture
def seed_story(politics):
    """The seed page as a story: headline, bylined to Seo Ji-eun, its photo credited to NEWSIS."""
    article = ArticleFactory(
        headline="President meets with Alibaba CEO",
        section=politics,
        body=paragraphs_to_html(seed_paragraphs()),
        published_at=datetime.datetime(2014, 8, 27, 9, 0, tzinfo=SEOUL),
        authors=[PersonFactory(name="Seo Ji-eun", email="spring@joongang.co.kr")],
    )
    PhotoFactory(
        article=article,
        caption=(
            "President Park Geun-hye, right, meets with Jack Ma, center, the executive chairman of China’s "
            "e-commerce giant Alibaba, yesterday at the Blue House."
        ),
        credit="NEWSIS",
        alt_text="President Park Geun-hye shakes hands with Jack Ma at the Blue House",
    )
    return article
