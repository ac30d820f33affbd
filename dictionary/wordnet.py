"""Reading WordNet's database files (the wndb(5WN) format) as Debian's `wordnet-base` installs them.

Read directly rather than through NLTK: the format is simple and stable, and NLTK's reader needs
workarounds for Debian's layout (see TOOLBOX.md).
"""

import hashlib
import math
import re
from pathlib import Path

DEFAULT_PATH = Path("/usr/share/wordnet")
NAME = "WordNet"
VERSION = "3.0"
POS_FILES = {"noun": "noun", "verb": "verb", "adj": "adjective", "adv": "adverb"}
PART_LETTERS = {"noun": "n", "verb": "v", "adjective": "a", "adverb": "r"}
EXCEPTION_FILES = ("noun.exc", "verb.exc", "adj.exc", "adv.exc")
# A quoted usage example ends most glosses: "; "an entrepreneur ...""
EXAMPLES = re.compile(r';?\s*"[^"]*"?.*$', re.DOTALL)
# Bumped when the way entries are built changes, so `load_dictionary` knows to reload.
LOADER_VERSION = "2"


class SourceMissing(Exception):
    pass


def files(path):
    path = Path(path)
    wanted = [path / f"{kind}.{name}" for name in POS_FILES for kind in ("index", "data")]
    wanted += [path / name for name in EXCEPTION_FILES]
    missing = [str(p) for p in wanted if not p.is_file()]
    if missing:
        raise SourceMissing(
            f"WordNet files not found: {', '.join(missing[:3])}{' ...' if len(missing) > 3 else ''}. "
            "Install them with: apt-get install wordnet-base (or pass --source DIR)."
        )
    return wanted


def fingerprint(path):
    digest = hashlib.sha256(LOADER_VERSION.encode())
    for file in files(path):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def definition_of(gloss):
    """The definition part of a gloss, without its usage examples."""
    definition = EXAMPLES.sub("", gloss).strip().rstrip(";").strip()
    return definition or gloss.strip().strip('"')


def read_glosses(data_file):
    """{synset offset: definition} from one data.* file (its licence header lines start with spaces)."""
    glosses = {}
    with open(data_file, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith(" "):
                continue
            head, _, gloss = line.partition(" | ")
            glosses[head.split(" ", 1)[0]] = definition_of(gloss)
    return glosses


def read_entries(path):
    """{lemma: [{"pos", "definition"}, ...]}, each word's most used part of speech first.

    Within a part of speech, senses keep WordNet's order (most frequent first); parts of speech are
    ordered by how often the word was tagged with each in WordNet's sense-tagged corpus.
    """
    path = Path(path)
    by_word = {}
    for name, pos in POS_FILES.items():
        glosses = read_glosses(path / f"data.{name}")
        with open(path / f"index.{name}", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue
                parts = line.split()
                pointer_count = int(parts[3])
                tagged = int(parts[5 + pointer_count])
                offsets = parts[6 + pointer_count :]
                lemma = parts[0].replace("_", " ").lower()
                senses = [{"pos": pos, "definition": glosses[o]} for o in offsets if o in glosses]
                if senses:
                    by_word.setdefault(lemma, []).append((-tagged, len(by_word.get(lemma, [])), senses))
    return {lemma: [s for *_, senses in sorted(groups) for s in senses] for lemma, groups in by_word.items()}


def read_exceptions(path):
    """[(form, lemma), ...] from the *.exc files: irregular inflections."""
    pairs = set()
    for name in EXCEPTION_FILES:
        with open(Path(path) / name, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                form, *lemmas = line.split()
                for lemma in lemmas:
                    if lemma != form:
                        pairs.add((form.replace("_", " ").lower(), lemma.replace("_", " ").lower()))
    return sorted(pairs)


def zipf_frequencies(lemmas):
    """{lemma: Zipf frequency} from wordfreq; a phrase is as rare as its words together make it."""
    from wordfreq import get_frequency_dict

    freq = get_frequency_dict("en", wordlist="best")
    result = {}
    for lemma in lemmas:
        parts = lemma.replace("-", " ").split()
        if lemma in freq:
            f = freq[lemma]
        elif parts and all(p in freq for p in parts):
            f = 1 / sum(1 / freq[p] for p in parts)
        else:
            result[lemma] = 0.0
            continue
        result[lemma] = round(max(math.log10(f) + 9, 0.0), 2)
    return result


def parts_of(senses):
    return "".join(dict.fromkeys(PART_LETTERS[s["pos"]] for s in senses))
