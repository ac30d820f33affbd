import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

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
    """The shipped set: at least 1,000 distinct terms, each in its lookup form, each gloss in Hangul."""
    with open(STARTER_SET, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    terms = [row["term"] for row in rows]
    assert len(set(terms)) == len(terms) >= 1000
    for row in rows:
        assert normalize(row["term"]) == row["term"], row
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
