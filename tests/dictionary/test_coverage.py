import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from dictionary import loading, wordnet
from dictionary.coverage import measure, missing_glosses, refresh_needs
from dictionary.glosses import STARTER_SET, import_glosses
from dictionary.models import KoreanGloss
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_starter_set_covers_the_seed_story(wordnet_loaded, starter_glosses, seed_story):
    """Every word in the seed's vocabulary list has a Korean gloss in the shipped starter set."""
    assert missing_glosses() == {}


def test_missing_glosses_lists_words_and_stories(wordnet_loaded, starter_glosses, seed_story, capsys):
    """Without a gloss for 'mogul' the command lists it with the story, and --check fails."""
    KoreanGloss.objects.filter(term="mogul").delete()
    ArticleFactory(body=seed_story.body, draft=True)  # drafts are not counted
    assert missing_glosses() == {"mogul": [seed_story.get_absolute_url()]}
    call_command("missing_korean_glosses")
    assert f"mogul\t1 story: {seed_story.get_absolute_url()}" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("missing_korean_glosses", "--check")


@pytest.mark.skipif("load_demo" not in get_commands(), reason="no demo content in this build (no load_demo command)")
@pytest.mark.skipif(not wordnet.DEFAULT_PATH.is_dir(), reason="WordNet is not installed: apt-get install wordnet-base")
def test_starter_set_covers_every_demo_story():
    """The demo's published stories: every word their vocabulary lists pick has a Korean gloss."""
    loading.load(wordnet.DEFAULT_PATH)
    call_command("load_demo")
    import_glosses(STARTER_SET)
    missing = missing_glosses()
    assert not missing, f"{len(missing)} listed words lack a Korean gloss: {sorted(missing)}"


def test_a_suggested_gloss_counts_as_korean_shown(wordnet_loaded, starter_glosses, seed_story):
    """A word with only a suggestion is not missing (the reader sees it, marked as suggested)."""
    KoreanGloss.objects.filter(term="mogul").update(status=KoreanGloss.Status.SUGGESTED, source=KoreanGloss.NIKL)
    assert missing_glosses() == {}
    KoreanGloss.objects.filter(term="mogul").update(status=KoreanGloss.Status.REJECTED)
    assert list(missing_glosses()) == ["mogul"]


def test_refresh_needs_counts_stories_and_queues_missing_words(wordnet_loaded, starter_glosses, seed_story):
    """Each gloss learns how many published stories list its word; a listed word without one is queued."""
    KoreanGloss.objects.filter(term="mogul").delete()
    ArticleFactory(headline="Moguls meet again", body=seed_story.body)
    need = refresh_needs()
    assert need["mogul"] == 2
    queued = KoreanGloss.objects.get(term="mogul")
    assert (queued.status, queued.need, queued.korean) == (KoreanGloss.Status.MISSING, 2, "")
    assert KoreanGloss.objects.filter(term="entrepreneur").first().need == 2
    assert KoreanGloss.objects.filter(term="abandon").first().need == 0
    refresh_needs()  # a rerun replaces the queue rather than adding to it
    assert KoreanGloss.objects.filter(term="mogul").count() == 1


def test_measure_reports_listed_and_content_coverage(wordnet_loaded, starter_glosses, seed_story):
    """The bench's figures: the seed's listed words all show Korean, reviewed; names are not content words."""
    report = measure()
    assert report.listed == report.listed_korean == report.listed_reviewed > 0
    assert report.content >= report.listed
    assert report.content_korean <= report.content
    assert not report.missing
    KoreanGloss.objects.filter(term="mogul").delete()
    assert measure().missing == {"mogul": 1}
