import io
import json
from pathlib import Path

import pytest

from articles.levels import BANDS, level_of

STORIES = json.loads((Path(__file__).parent / "fixtures/levels/stories.json").read_text())


def test_stories_written_at_three_levels_are_ordered():
    """Every easy story scores below every middle one, and every middle one below every hard one."""
    scores = {level: [level_of(s["body"]).score for s in STORIES if s["level"] == level] for level in (1, 2, 3)}
    print("level scores:", {level: sorted(values) for level, values in scores.items()})
    assert max(scores[1]) < min(scores[2]) and max(scores[2]) < min(scores[3])


@pytest.mark.parametrize(("level", "bands"), [(1, {"A2"}), (2, {"B1", "B2"}), (3, {"C1", "C2"})])
def test_each_level_lands_in_its_bands(level, bands):
    assert {level_of(s["body"]).band for s in STORIES if s["level"] == level} <= bands


def test_names_do_not_make_a_story_harder():
    """Rare names mid-sentence are not counted as hard words."""
    plain = "The president met the head of a big company in Seoul on Thursday."
    named = "The president met Jack Ma of Alibaba in Seoul on Thursday."
    assert level_of(named).score <= level_of(plain).score + 1


def test_minutes_to_read_and_empty_text():
    assert level_of("word " * 900).minutes == 5  # 180 words a minute
    empty = level_of("")
    assert (empty.band, empty.minutes) == (BANDS[0], 1)


@pytest.mark.django_db
def test_a_story_gets_its_level_on_save_and_lists_filter_by_it():
    """Saving computes the level from the story's text; at_level() keeps one band, and ignores a bad one."""
    from articles.models import Article
    from tests.factories import ArticleFactory

    easy = ArticleFactory(body="".join(f"<p>{s['body']}</p>" for s in STORIES if s["level"] == 1))
    hard = ArticleFactory(body="".join(f"<p>{s['body']}</p>" for s in STORIES if s["level"] == 3))
    assert (easy.level, hard.level) == ("A2", "C2") and easy.reading_minutes == 2
    assert list(Article.objects.at_level("a2")) == [easy]
    assert set(Article.objects.at_level("Z9")) == {easy, hard}
    hard.body = easy.body
    hard.save(update_fields=["body"])
    hard.refresh_from_db()
    assert hard.level == "A2"


@pytest.mark.django_db
def test_compute_levels_fills_stories_that_have_none():
    from django.core.management import call_command

    from articles.models import Article
    from tests.factories import ArticleFactory

    story = ArticleFactory(body=f"<p>{STORIES[0]['body']}</p>")
    Article.objects.filter(pk=story.pk).update(level="", reading_minutes=None)
    call_command("compute_levels", stdout=io.StringIO())
    story.refresh_from_db()
    assert (story.level, story.reading_minutes) == ("A2", 1)
