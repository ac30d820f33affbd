import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dictionary.coverage import COMMON_ZIPF, common_lemmas_without_gloss
from dictionary.glosses import STARTER_SET, import_glosses, pin_story_terms
from dictionary.lemmatize import normalize
from dictionary.models import KoreanGloss

pytestmark = pytest.mark.django_db

HANGUL = range(0xAC00, 0xD7A4)


def write(tmp_path, text, name="glosses.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_creates_and_keeps_editors_corrections(tmp_path):
    """New terms are created; an existing gloss is left as the editor wrote it unless --update is given."""
    KoreanGloss.objects.create(term="mogul", korean="거물")
    report = import_glosses(write(tmp_path, "term,korean\nEntrepreneur,기업가; 사업가\nmogul,재벌\n"))
    assert (report.created, report.kept, report.errors) == (1, 1, [])
    assert KoreanGloss.objects.get(term="entrepreneur").glosses == ["기업가", "사업가"]
    assert KoreanGloss.objects.get(term="mogul").korean == "거물"
    report = import_glosses(write(tmp_path, "term,korean\nmogul,재벌\n"), update=True)
    assert report.updated == 1
    assert KoreanGloss.objects.get(term="mogul").korean == "재벌"


def test_import_is_idempotent(tmp_path):
    path = write(tmp_path, "term,korean,note\nsummit,정상 회담,\n")
    import_glosses(path)
    report = import_glosses(path)
    assert (report.created, report.unchanged) == (0, 1)
    assert KoreanGloss.objects.count() == 1


def test_import_reports_bad_rows_and_imports_the_rest(tmp_path):
    text = "term,korean\n!!!,느낌표\nsummit,\nsummit,정상\nSummit,정상 회담\n" + "x" * 150 + ",너무 김\n"
    report = import_glosses(write(tmp_path, text))
    assert report.created == 1
    assert len(report.errors) == 4
    assert report.errors[0].startswith("line 2:")
    assert "already on line 4" in report.errors[2]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"word,meaning\nmogul,\xea\xb1\xb0\xeb\xac\xbc\n", "header"),
        (b"term,korean\nmogul,\xff\xfe\n", "not UTF-8"),
    ],
)
def test_import_refuses_a_file_it_cannot_read(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        import_glosses(path)


def test_command_reports_and_fails_on_errors(tmp_path, capsys):
    good = write(tmp_path, "term,korean\nsummit,정상 회담\n", "good.csv")
    bad = write(tmp_path, "term,korean\n???,물음표\n", "bad.csv")
    with pytest.raises(CommandError):
        call_command("import_korean_glosses", str(good), str(bad), str(tmp_path / "missing.csv"))
    out, err = capsys.readouterr()
    assert "good.csv: 1 created, 0 updated, 0 unchanged" in out
    assert "bad.csv: line 2:" in err
    assert "missing.csv:" in err
    assert KoreanGloss.objects.filter(term="summit").exists()


def test_starter_set_has_a_thousand_checked_glosses():
    """The shipped set: at least 1,000 distinct terms, each in its lookup form with a known part of
    speech, once per part of speech and sense, each gloss in Hangul."""
    with open(STARTER_SET, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    keys = [(row["term"], row["pos"], row["sense"]) for row in rows]
    assert len(set(keys)) == len(keys)
    assert len({row["term"] for row in rows}) >= 1000
    for row in rows:
        assert normalize(row["term"]) == row["term"], row
        assert row["pos"] in KoreanGloss.Pos.values, row
        assert any(ord(ch) in HANGUL for ch in row["korean"]), row
    call_command("import_korean_glosses")
    assert KoreanGloss.objects.count() == len(rows)


def test_the_seed_phrases_are_pinned_to_the_imported_seed(seed_story):
    """The seed's "make inroads into" and "on the sidelines of" head its list; pinning twice adds nothing."""
    seed_story.source_file = "/srv/pages/seed-alibaba.txt"
    seed_story.save()
    assert pin_story_terms() == 2
    assert pin_story_terms() == 0
    assert [t.term for t in seed_story.dictionary_terms.all()] == ["make inroads into", "on the sidelines of"]


def test_import_reads_parts_of_speech_and_senses(tmp_path):
    """One term may have a gloss per part of speech and per sense; an unknown part of speech is refused."""
    text = (
        "term,pos,sense,korean,note\n"
        "bill,noun,,법안,\nbill,noun,bill (beak),부리,\nbill,verb,,청구하다,\nbill,pronoun,,빌,\n"
        "bill,noun,,계산서,\n"
    )
    report = import_glosses(write(tmp_path, text))
    assert report.created == 3
    assert [e.split(": ", 1)[0] for e in report.errors] == ["line 5", "line 6"]
    assert "bill (noun) is already on line 2" in report.errors[1]
    assert set(KoreanGloss.objects.values_list("pos", "sense", "korean")) == {
        ("noun", "", "법안"),
        ("noun", "bill (beak)", "부리"),
        ("verb", "", "청구하다"),
    }


def test_import_replaces_a_suggestion_with_the_newsrooms_gloss(tmp_path):
    """A suggested or queued row is no editor's work: the file's gloss replaces it, reviewed."""
    KoreanGloss.objects.create(
        term="summit", pos="noun", korean="봉우리", status=KoreanGloss.Status.SUGGESTED, source=KoreanGloss.NIKL
    )
    KoreanGloss.objects.create(term="mogul", status=KoreanGloss.Status.MISSING)
    report = import_glosses(write(tmp_path, "term,pos,korean\nsummit,noun,정상 회담\nmogul,noun,거물\n"))
    assert (report.updated, report.created, report.kept) == (1, 1, 0)
    summit = KoreanGloss.objects.get(term="summit")
    assert (summit.korean, summit.status, summit.source) == ("정상 회담", "reviewed", KoreanGloss.NEWSROOM)
    assert list(KoreanGloss.objects.filter(term="mogul").values_list("status", "pos")) == [("reviewed", "noun")]


def test_every_common_lemma_has_a_newsroom_gloss():
    """Every one-word WordNet lemma at Zipf >= 3.0 has a row in the newsroom's own glosses, which are imported as
    reviewed: a learner clicking a common word never meets only a suggestion or nothing."""
    with STARTER_SET.open(encoding="utf-8") as rows:
        terms = {normalize(row["term"]) for row in csv.DictReader(rows) if row["korean"].strip()}
    missing, common = common_lemmas_without_gloss(terms)
    print(f"lemmas at Zipf >= {COMMON_ZIPF}: {common - len(missing)}/{common} glossed by the newsroom")
    assert common > 15_000
    assert missing == []
