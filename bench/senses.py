"""Sense accuracy: the hand-labelled cases (tests/dictionary/senses.jsonl) scored against the real WordNet.

    python bench/senses.py [--misses]

Prints "sense accuracy: chosen 0.xx, WordNet first sense 0.xx (N cases)", the same figure as
tests/dictionary/test_senses.py, and with --misses every case the chooser gets wrong.
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
from tests.dictionary.senses_cases import load_cases, real_dictionary  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the cases the chooser gets wrong")
    args = parser.parse_args()
    cases = load_cases()
    entries, lemma_of = real_dictionary()
    chosen, first, misses = measure(cases, entries, lemma_of)
    n = len(cases)
    print(f"sense accuracy: chosen {chosen / n:.2f}, WordNet first sense {first / n:.2f} ({n} cases)")
    if args.misses:
        definitions = {sense["key"]: sense["definition"] for senses in entries.values() for sense in senses}
        for case, key, _ in misses:
            print(f"\n{case['word']} ({case['source']}): {case['sentence']}")
            print(f"  right:  {definitions.get(case['sense'])}  [{case['sense']}]")
            print(f"  chosen: {definitions.get(key)}  [{key}]")


if __name__ == "__main__":
    main()
