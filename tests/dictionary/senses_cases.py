"""The hand-labelled sense cases and the real WordNet to score them against (for the test and bench/senses.py)."""

import functools
import json
from collections import defaultdict
from pathlib import Path

from dictionary import wordnet
from dictionary.lemmatize import normalize, rank, rule_candidates
from dictionary.vocabulary import split_sentences

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CASES = Path(__file__).resolve().parent / "senses.jsonl"
# A second set, labelled before the chooser was tuned on the first and never tuned on: it tells whether
# what the chooser learnt from CASES holds for sentences it has not seen.
HELDOUT = Path(__file__).resolve().parent / "senses_heldout.jsonl"
DEMO = BASE_DIR / "articles" / "demo" / "stories.json"
IMPORTS = BASE_DIR / "tests" / "fixtures" / "import"


def stories():
    """{source: story text} for the demo stories and the importer's fixtures."""
    found = {
        story["key"]: "\n".join([story["headline"], story.get("dek", ""), *story["body"]])
        for story in json.loads(DEMO.read_text(encoding="utf-8"))["stories"]
    }
    found |= {path.stem: path.read_text(encoding="utf-8") for path in IMPORTS.glob("*.txt")}
    return found


def load_cases(path=CASES):
    """Each case of `path` with the story it comes from, checked to be quoted from that story."""
    texts = stories()
    cases = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    for case in cases:
        case["story"] = texts[case["source"]]
        assert case["sentence"] in split_sentences(case["story"]), case
    return cases


@functools.cache
def real_dictionary(path=wordnet.DEFAULT_PATH):
    """(entries, lemma_of) from WordNet itself, lemmatized as `lookup` does, in memory (read once)."""
    from wordfreq import zipf_frequency

    entries = wordnet.read_entries(path)
    exceptions = defaultdict(list)
    for form, lemma in wordnet.read_exceptions(path):
        exceptions[form].append(lemma)

    def lemma_of(word, sentence=""):
        word = normalize(word)
        wanted = set(rule_candidates(word)) | set(exceptions.get(word, []))
        known = {c: (wordnet.parts_of(entries[c]), zipf_frequency(c, "en")) for c in wanted if c in entries}
        return rank(word, exceptions, known, sentence)

    return entries, lemma_of
