"""Korean glosses from CSV: the starter set the project ships, and files editors import."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .lemmatize import normalize
from .models import TERM_MAX_LENGTH, KoreanGloss, StoryTerm, split_glosses

STARTER_SET = Path(__file__).resolve().parent / "data" / "korean_glosses.csv"
# Phrases pinned to imported stories, by the story's file name: the seed's "make inroads into".
STORY_TERMS = Path(__file__).resolve().parent / "data" / "story_terms.csv"
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # existing glosses left alone (no --update)
    errors: list = field(default_factory=list)  # ["line 4: ...", ...]


def read_rows(text):
    """(line number, term, korean, note) for each row of a CSV with a header: term,korean[,note]."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "term" not in header or "korean" not in header:
        raise ValueError("the first line must be a header with the columns term,korean (and optionally note)")
    reader.fieldnames = header
    for row in reader:
        yield reader.line_num, row.get("term") or "", row.get("korean") or "", row.get("note") or ""


def import_glosses(path, *, update=False):
    """Add the file's glosses; change existing ones only with `update` (an editor's correction wins)."""
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"the file is larger than {MAX_BYTES // 1024 // 1024} MB")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    report = Report()
    rows, seen = [], {}
    for line, raw_term, raw_korean, note in read_rows(text):
        term, korean = normalize(raw_term), "; ".join(split_glosses(raw_korean))
        if not term:
            report.errors.append(f"line {line}: the term {raw_term[:40]!r} is not a word or phrase")
        elif len(korean) > 300 or not korean:
            report.errors.append(f"line {line}: {term}: the Korean gloss is empty or longer than 300 characters")
        elif term in seen:
            report.errors.append(f"line {line}: {term} is already on line {seen[term]}")
        else:
            seen[term] = line
            rows.append((term[:TERM_MAX_LENGTH], korean, note.strip()[:300]))
    existing = {g.term: g for g in KoreanGloss.objects.filter(term__in=[t for t, _, _ in rows])}
    with transaction.atomic():
        new = []
        for term, korean, note in rows:
            gloss = existing.get(term)
            if gloss is None:
                new.append(KoreanGloss(term=term, korean=korean, note=note))
            elif gloss.korean == korean:
                report.unchanged += 1
            elif update:
                gloss.korean, gloss.note = korean, note or gloss.note
                gloss.save()
                report.updated += 1
            else:
                report.kept += 1
        KoreanGloss.objects.bulk_create(new, batch_size=1000)
        report.created = len(new)
    return report


def pin_story_terms(path=STORY_TERMS):
    """Pin each listed phrase to the stories imported from its file (once); returns how many were added."""
    from articles.models import Article

    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    added = 0
    with transaction.atomic():
        for position, row in enumerate(rows):
            for article in Article.objects.filter(source_file__endswith="/" + row["source"]):
                _, created = StoryTerm.objects.get_or_create(
                    article=article, term=normalize(row["term"]), defaults={"position": position}
                )
                added += created
    return added
