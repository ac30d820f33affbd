import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dictionary import loading, wordnet
from dictionary.models import DictionarySource, Inflection, KoreanGloss, Word

from .fixtures import WORDNET

pytestmark = pytest.mark.django_db


def test_load_reads_parts_of_speech_definitions_and_irregular_forms():
    status, counts, _ = loading.load(WORDNET)
    assert status == "loaded"
    assert counts["words"] == Word.objects.count() > 200
    mogul = Word.objects.get(lemma="mogul")
    assert mogul.parts == "n"
    businessman = next(s for s in mogul.entries if s["definition"] == "a very wealthy or powerful businessman")
    assert businessman["pos"] == "noun"
    assert businessman["key"] == "mogul%1:18:01::"
    assert businessman["capitalized"] is False
    assert "magnate" in businessman["synonyms"]
    # WordNet spells the dynasty's member with a capital: "Mogul".
    assert next(s for s in mogul.entries if "Muslim dynasty" in s["definition"])["capitalized"] is True
    assert 2.5 < mogul.zipf < 3.5
    assert Word.objects.get(lemma="materialize").entries[0]["pos"] == "verb"
    assert Word.objects.get(lemma="e-commerce").entries
    assert Inflection.objects.filter(form="went", lemma="go").exists()
    # Usage examples are cut from the definitions (and kept apart), and WordNet's TeX quotes read as text.
    assert not any('"' in sense["definition"] for word in Word.objects.all() for sense in word.entries)
    assert not any("`" in sense["definition"] for word in Word.objects.all() for sense in word.entries)
    talk = Word.objects.get(lemma="talk").entries
    assert any("“talk about” is a less formal alternative for “discussion of”" in s["definition"] for s in talk)
    assert "We often talk business" in talk[0]["examples"]


def test_load_reads_the_tagged_counts():
    """Each sense carries its count in WordNet's sense-tagged corpus: "talk" the verb far above the noun."""
    loading.load(WORDNET)
    talk = Word.objects.get(lemma="talk").entries
    assert talk[0]["pos"] == "verb" and talk[0]["count"] == 108
    assert next(s for s in talk if s["key"] == "talk%1:10:00::")["count"] == 12


def test_load_is_idempotent_and_keeps_korean_glosses():
    """A second load of an unchanged source does nothing; a forced reload never touches editors' glosses."""
    loading.load(WORDNET)
    KoreanGloss.objects.create(term="mogul", korean="거물")
    status, _, _ = loading.load(WORDNET)
    assert status == "unchanged"
    status, counts, _ = loading.load(WORDNET, force=True)
    assert status == "loaded"
    assert Word.objects.count() == counts["words"]
    assert DictionarySource.objects.get().words == counts["words"]
    assert KoreanGloss.objects.get(term="mogul").korean == "거물"


def test_command_says_what_it_did_and_fails_clearly_without_a_source(tmp_path, capsys):
    call_command("load_dictionary", "--source", str(WORDNET))
    assert "Dictionary loaded:" in capsys.readouterr().out
    with pytest.raises(CommandError, match="apt-get install wordnet-base"):
        call_command("load_dictionary", "--source", str(tmp_path))
    call_command("load_dictionary", "--source", str(tmp_path), "--if-available")
    assert "Dictionary not loaded" in capsys.readouterr().err


@pytest.mark.skipif(not wordnet.DEFAULT_PATH.is_dir(), reason="WordNet is not installed: apt-get install wordnet-base")
def test_the_full_wordnet_parses():
    """Debian's WordNet 3.0 reads whole: about 147,000 headwords and 4,800 irregular forms."""
    entries = wordnet.read_entries(wordnet.DEFAULT_PATH)
    assert len(entries) > 140_000
    assert entries["revitalize"][0]["pos"] == "verb"
    assert ("revitalized", "revitalize") not in wordnet.read_exceptions(wordnet.DEFAULT_PATH)
    assert ("went", "go") in wordnet.read_exceptions(wordnet.DEFAULT_PATH)
