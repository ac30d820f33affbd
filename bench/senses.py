"""Sense accuracy: the hand-labelled cases scored against the real WordNet.

    python bench/senses.py [--misses] [--heldout]

Prints, for the tuning set (tests/dictionary/senses.jsonl) and the held-out set
(tests/dictionary/senses_heldout.jsonl, labelled before the chooser was tuned and never tuned on),
"sense accuracy: chosen 0.xx, WordNet first sense 0.xx (N cases)", the same figures as
tests/dictionary/test_senses.py; with --misses every case the chooser gets wrong in the tuning set
(--heldout lists the held-out set's instead).
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

from dictionary.senses import measure  # noqa: E402
from tests.dictionary.senses_cases import CASES, HELDOUT, load_cases, real_dictionary  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the cases the chooser gets wrong")
    parser.add_argument("--heldout", action="store_true", help="list the held-out set's misses instead")
    args = parser.parse_args()
    entries, lemma_of = real_dictionary()
    listed = []
    for name, path in (("tuning", CASES), ("held-out", HELDOUT)):
        cases = load_cases(path)
        chosen, first, misses = measure(cases, entries, lemma_of)
        n = len(cases)
        print(f"{name:>8} sense accuracy: chosen {chosen / n:.2f}, WordNet first sense {first / n:.2f} ({n} cases)")
        if (path == HELDOUT) == args.heldout:
            listed = misses
    if args.misses or args.heldout:
        definitions = {sense["key"]: sense["definition"] for senses in entries.values() for sense in senses}
        for case, key, _ in listed:
            print(f"\n{case['word']} ({case['source']}): {case['sentence']}")
            print(f"  right:  {definitions.get(case['sense'])}  [{case['sense']}]")
            print(f"  chosen: {definitions.get(key)}  [{key}]")


if __name__ == "__main__":
    main()
