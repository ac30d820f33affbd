import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from dictionary import korean, wordnet
from dictionary.glosses import STARTER_SET, import_glosses
from dictionary.models import KoreanGloss

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent / "gloss_sample.csv"
Status = KoreanGloss.Status


def gloss(term, korean_text, pos="", status=Status.REVIEWED, sense="", source=KoreanGloss.NEWSROOM):
    return KoreanGloss.objects.create(
        term=term, pos=pos, sense=sense, korean=korean_text, status=status, source=source
    )


def first(term, pos=None):
    found = korean.glosses_for(term, pos)
    return found[0].korean[0] if found else None


def test_reviewed_glosses_come_before_suggested_ones():
    """A suggestion for the exact part of speech yields to the newsroom's gloss for that part or for any."""
    gloss("bill", "부리", pos="noun", status=Status.SUGGESTED, source=KoreanGloss.NIKL)
    gloss("bill", "법안", pos="noun", sense="bill (law)")
    assert first("bill", "noun") == "법안"
    KoreanGloss.objects.filter(sense="bill (law)").delete()
    gloss("bill", "청구서")
    assert [g.korean for g in korean.glosses_for("bill", "noun")] == [["청구서"], ["부리"]]


def test_the_sentences_part_of_speech_comes_first():
    """A verb use gets the verb's gloss; a gloss for another part of speech is the last resort."""
    gloss("attack", "공격", pos="noun")
    gloss("attack", "공격하다", pos="verb")
    assert first("attack", "verb") == "공격하다"
    assert first("attack", "noun") == "공격"
    assert first("attack", "adjective") == "공격"  # nothing better: the reader still gets the word's sense
    gloss("attack", "공격하다", pos="verb", status=Status.SUGGESTED, sense="x")
    found = korean.glosses_for("attack", "verb")
    assert [(g.korean, g.status, g.source) for g in found[:1]] == [(["공격하다"], "reviewed", "newsroom")]


def test_suggestions_for_the_exact_part_of_speech_beat_reviewed_glosses_for_another():
    gloss("trade", "무역", pos="noun")
    gloss("trade", "거래하다", pos="verb", status=Status.SUGGESTED, source=KoreanGloss.NIKL)
    found = korean.glosses_for("trade", "verb")
    assert (found[0].korean, found[0].reviewed) == (["거래하다"], False)


def test_rejected_and_missing_glosses_are_never_shown():
    gloss("summit", "봉우리", pos="noun", status=Status.REJECTED, source=KoreanGloss.NIKL)
    KoreanGloss.objects.create(term="summit", status=Status.MISSING)
    assert korean.glosses_for("summit") == []
    assert korean.glosses_for_many(["summit", "mogul"]) == {}
    gloss("summit", "정상 회담")
    assert korean.glosses_for_many(["summit", "mogul"])["summit"][0].korean == ["정상 회담"]


def test_a_gloss_with_korean_takes_its_word_out_of_the_queue():
    """Once a queued missing word has Korean, its `missing` row goes."""
    KoreanGloss.objects.create(term="mogul", status=Status.MISSING, need=3)
    gloss("mogul", "거물", pos="noun")
    assert list(KoreanGloss.objects.values_list("status", flat=True)) == ["reviewed"]


@pytest.mark.parametrize(
    ("lemma", "pos", "expected", "absent"),
    [
        ("market", "noun", "시장", "장세"),  # a headword too rare to know is dropped
        ("government", "noun", "정부", "통치"),  # the entry that gives the English first wins
        ("trade", "verb", "무역하다", "바꾸다"),  # 바꾸다 lists trade ninth of many equivalents
        ("president", "noun", "대통령", "회장"),
    ],
)
def test_nikl_suggestions_rank_and_filter_the_inverted_dictionary(lemma, pos, expected, absent):
    suggested = korean.nikl_suggestions(lemma, pos)
    assert suggested[0] == expected
    assert absent not in suggested


def test_nikl_suggestions_keep_to_the_part_of_speech():
    """Korean predicates (…다) gloss verbs and adjectives, never nouns; and the reverse."""
    assert all(not k.endswith("다") for k in korean.nikl_suggestions("trade", "noun"))
    assert all(k.endswith("다") for k in korean.nikl_suggestions("trade", "verb"))


def test_nikl_suggestions_match_inflected_equivalents_and_synonyms():
    """'be situated' glosses situate; a word the dictionary lacks borrows from a WordNet synonym."""
    assert "위치하다" in korean.nikl_suggestions("situate", "verb")
    synonyms = {("protester", "noun"): ["demonstrator"]}
    assert korean.nikl_suggestions("protester", "noun", synonyms)
    assert korean.nikl_suggestions("protester", "noun") == []


def test_suggest_command_stores_suggestions_and_leaves_editors_decisions_alone(wordnet_loaded, capsys):
    """Suggestions cover words without a reviewed gloss; reviewed and rejected rows survive a rerun."""
    gloss("government", "정부", pos="noun")
    gloss("market", "장세", pos="noun", status=Status.REJECTED, source=KoreanGloss.NIKL)
    call_command("suggest_korean_glosses")
    suggested = KoreanGloss.objects.filter(status=Status.SUGGESTED)
    assert suggested.exists()
    assert not suggested.filter(term="government", pos="noun").exists()
    assert not suggested.filter(term="market", pos="noun").exists()
    assert suggested.filter(term="company", pos="noun").get().source == KoreanGloss.NIKL
    count = suggested.count()
    call_command("suggest_korean_glosses")
    assert KoreanGloss.objects.filter(status=Status.SUGGESTED).count() == count
    assert KoreanGloss.objects.get(term="market").status == Status.REJECTED
    assert f"{count} suggested glosses stored ({count} earlier suggestions replaced)." in capsys.readouterr().out


def test_approve_and_reject():
    suggestion = gloss("summit", "정상", pos="noun", status=Status.SUGGESTED, source=KoreanGloss.NIKL)
    korean.approve(suggestion)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.source) == ("reviewed", KoreanGloss.NIKL)  # the credit stays
    with pytest.raises(korean.ReviewError):
        korean.reject(suggestion)
    queued = KoreanGloss.objects.create(term="mogul", status=Status.MISSING)
    with pytest.raises(korean.ReviewError):
        korean.approve(queued)


def test_gloss_accuracy_on_a_labelled_sample(capsys):
    """On story sentences labelled by hand, the gloss a reader is shown first fits the sense used.

    The sample (tests/dictionary/gloss_sample.csv) takes the vocabulary-list words of the demo and
    imported stories at random, plus everyday polysemous news words in their sentences ("bills" of a
    heating story, "bill" of a budget). The chosen gloss is the first of glosses_for(term, pos),
    reviewed first, else suggested; its first Korean must be one the labeller accepts. (Drawn
    before five starter glosses were reordered to put the news sense first: 102/113 then, 107/113 after.)
    """
    import_glosses(STARTER_SET)
    synonyms = korean.wordnet_synonyms(wordnet.DEFAULT_PATH) if wordnet.DEFAULT_PATH.is_dir() else {}
    with open(SAMPLE, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 80
    for row in rows:
        reviewed = KoreanGloss.objects.filter(term=row["term"], status=Status.REVIEWED, pos__in=[row["pos"], ""])
        suggestion = korean.suggested_gloss(row["term"], row["pos"], synonyms)
        if suggestion and not reviewed.exists():
            suggestion.save()
    right, suggestion_right, misses = 0, 0, []
    for row in rows:
        acceptable = {k.strip() for k in row["acceptable"].split(";")}
        shown = first(row["term"], row["pos"])
        if shown in acceptable:
            right += 1
        else:
            misses.append(f"{row['term']} ({row['pos']}): {shown}")
        suggested = korean.nikl_suggestions(row["term"], row["pos"], synonyms)
        suggestion_right += bool(suggested) and suggested[0] in acceptable
    with capsys.disabled():
        print(f"\ngloss accuracy: {right}/{len(rows)}; misses: {', '.join(misses)}")
        print(f"suggestion-only accuracy (NIKL, ranked): {suggestion_right}/{len(rows)}")
    # The newsroom reviews every listed word, so nine in ten is the floor; what misses is mostly a
    # polysemous word whose first gloss serves another story (the senses are there for the popover).
    assert right >= 0.9 * len(rows)
    # Unreviewed, the inverted dictionary's ranked first choice fits about two times in five: enough
    # to show marked as a suggestion, not to trust. A worse ranking fails here.
    assert suggestion_right >= 0.35 * len(rows)
