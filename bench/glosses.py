"""Korean gloss coverage: how many of the stories' listed and content words show Korean, and what is missing.

Run against a database of your own, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nr_gloss_bench python bench/glosses.py --load

With --load it first migrates and fills a new, empty database as the goals are measured: the dictionary
(WordNet), the demo, the imported pages of tests/fixtures/import, 200 generated stories (seed 1),
the newsroom's glosses, the suggested ones (suggest_korean_glosses) and the need counts. Without
it, it measures what the database holds. It prints the figures and the goals they are held to.
"""

import argparse
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from articles.models import Article  # noqa: E402
from dictionary.coverage import COMMON_ZIPF, common_lemmas_without_gloss, measure  # noqa: E402
from dictionary.models import KoreanGloss  # noqa: E402

IMPORTED = BASE_DIR / "tests" / "fixtures" / "import"
GOALS = {"listed": 0.95, "content": 0.90}


def load(generated):
    call_command("migrate", verbosity=0)
    call_command("load_dictionary", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("import_articles", "--published", "2014-08-28", *sorted(str(p) for p in IMPORTED.glob("*.txt")))
    call_command("generate_articles", str(generated), "--seed", "1", "--until", "2026-11-30", verbosity=0)
    call_command("import_korean_glosses", update=True)
    call_command("suggest_korean_glosses")
    call_command("refresh_gloss_needs")


def percent(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--load", action="store_true", help="Migrate and load the content first (see above).")
    parser.add_argument("--generated", type=int, default=200, help="Generated stories to add with --load.")
    parser.add_argument("--missing", type=int, default=30, help="How many of the most needed missing words to list.")
    args = parser.parse_args()
    if args.load:
        load(args.generated)

    stories = Article.objects.published().count()
    report = measure()
    reviewed = KoreanGloss.objects.filter(status=KoreanGloss.Status.REVIEWED)
    print(f"published stories: {stories}")
    print(
        f"glosses: {reviewed.values('term').distinct().count()} terms reviewed "
        f"({reviewed.count()} rows by part of speech and sense), "
        f"{KoreanGloss.objects.filter(status=KoreanGloss.Status.SUGGESTED).count()} suggested rows"
    )
    failed = False
    for name, korean, reviewed_count, whole in [
        ("vocabulary-list words", report.listed_korean, report.listed_reviewed, report.listed),
        ("distinct content words", report.content_korean, report.content_reviewed, report.content),
    ]:
        goal = GOALS["listed" if name.startswith("vocabulary") else "content"]
        met = whole and korean / whole >= goal
        failed = failed or not met
        print(
            f"{name}: {korean}/{whole} show Korean = {percent(korean, whole)} (goal ≥ {goal:.0%}: "
            f"{'met' if met else 'NOT MET'}); reviewed {percent(reviewed_count, whole)}, "
            f"suggested {percent(korean - reviewed_count, whole)}"
        )
    for title, counts in [
        ("listed words without Korean, most needed first", report.missing),
        ("listed words shown only as suggested (the review queue), most needed first", report.unreviewed),
    ]:
        print(f"{title} ({len(counts)} in all):")
        for term, count in counts.most_common(args.missing):
            print(f"  {term}\t{count} stor{'y' if count == 1 else 'ies'}")
    missing, common = common_lemmas_without_gloss(set(reviewed.values_list("term", flat=True)))
    met = not missing
    failed = failed or not met
    print(
        f"WordNet lemmas at Zipf ≥ {COMMON_ZIPF}: {common - len(missing)}/{common} have a reviewed gloss = "
        f"{percent(common - len(missing), common)} (goal: all: {'met' if met else 'NOT MET'})"
        + (f"; commonest without: {', '.join(lemma for lemma, _ in missing[: args.missing])}" if missing else "")
    )
    commonest = sorted(report.content_missing.items(), key=lambda item: -item[1])[: args.missing]
    print(f"content words without Korean, commonest first ({len(report.content_missing)} in all):")
    print("  " + ", ".join(f"{term} ({zipf:.1f})" for term, zipf in commonest))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
