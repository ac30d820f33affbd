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
# Sense-tagged counts (cntlist.rev, "sense_key sense_number count"): optional, every sense counts 0 without it.
COUNTS_FILE = "cntlist.rev"
# A quoted usage example ends most glosses: "; "an entrepreneur ...""
EXAMPLES = re.compile(r';?\s*"[^"]*"?.*$', re.DOTALL)
QUOTED = re.compile(r'"([^"]+)"')
# WordNet quotes words inside a gloss TeX-style: `talk about' -> “talk about”.
TEX_QUOTE = re.compile(r"`+([^`']*)'+")
# An adjective's syntactic marker: "elect(ip)", "galore(ip)".
MARKER = re.compile(r"\([a-z]{1,2}\)$")
SS_TYPES = {"n": 1, "v": 2, "a": 3, "r": 4, "s": 5}
# lexnames(5WN): the lexicographer file each synset comes from, by number.
LEXNAMES = [
    "adj.all",
    "adj.pert",
    "adv.all",
    "noun.Tops",
    "noun.act",
    "noun.animal",
    "noun.artifact",
    "noun.attribute",
    "noun.body",
    "noun.cognition",
    "noun.communication",
    "noun.event",
    "noun.feeling",
    "noun.food",
    "noun.group",
    "noun.location",
    "noun.motive",
    "noun.object",
    "noun.person",
    "noun.phenomenon",
    "noun.plant",
    "noun.possession",
    "noun.process",
    "noun.quantity",
    "noun.relation",
    "noun.shape",
    "noun.state",
    "noun.substance",
    "noun.time",
    "verb.body",
    "verb.change",
    "verb.cognition",
    "verb.communication",
    "verb.competition",
    "verb.consumption",
    "verb.contact",
    "verb.creation",
    "verb.emotion",
    "verb.motion",
    "verb.perception",
    "verb.possession",
    "verb.social",
    "verb.stative",
    "verb.weather",
    "adj.ppl",
]
SYNONYMS_KEPT = 5
# Hypernym pointers (wninput(5WN)): "@" a kind of, "@i" an instance of.
HYPERNYM_POINTERS = frozenset({"@", "@i"})
# How many levels of what a sense is a kind of it keeps ("decrease" -> "change magnitude" -> "change").
BROADER_DEPTH = 3
# Bumped when the way entries are built changes, so `load_dictionary` knows to reload.
LOADER_VERSION = "4"


class SourceMissing(Exception):
    pass


def files(path):
    path = Path(path)
    wanted = [path / f"{kind}.{name}" for name in POS_FILES for kind in ("index", "data")]
    wanted += [path / name for name in EXCEPTION_FILES]
    missing = [str(p) for p in wanted if not p.is_file()]
    wanted += [path / COUNTS_FILE] if (path / COUNTS_FILE).is_file() else []
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


def readable(text):
    """WordNet's markup as plain text: its TeX quotes become typographic ones."""
    return TEX_QUOTE.sub(lambda m: f"“{m.group(1)}”", text)


def definition_of(gloss):
    """The definition part of a gloss, without its usage examples."""
    definition = EXAMPLES.sub("", gloss).strip().rstrip(";").strip()
    return readable(definition or gloss.strip().strip('"'))


def examples_of(gloss):
    """The quoted usage examples of a gloss."""
    quoted = gloss[len(EXAMPLES.sub("", gloss)) :]
    return [readable(example.strip()) for example in QUOTED.findall(quoted) if example.strip()]


def read_synsets(data_file):
    """{offset: synset} from one data.* file (its licence header lines start with spaces).

    A synset holds its words as WordNet spells them (case kept: "Mogul"), each with its lex id,
    its lexicographer file, its gloss and, for an adjective satellite, the offset of its head.
    """
    synsets = {}
    with open(data_file, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith(" "):
                continue
            head, _, gloss = line.partition(" | ")
            fields = head.split()
            offset, lex_file, ss_type, count = fields[0], int(fields[1]), fields[2], int(fields[3], 16)
            words = [(MARKER.sub("", fields[4 + 2 * i]), int(fields[5 + 2 * i], 16)) for i in range(count)]
            rest = fields[4 + 2 * count :]
            pointers = [rest[1 + 4 * i : 5 + 4 * i] for i in range(int(rest[0]))]
            similar = next((p[1] for p in pointers if p[0] == "&"), None)
            hypernyms = [p[1] for p in pointers if p[0] in HYPERNYM_POINTERS and p[2] == ss_type]
            synsets[offset] = {
                "words": words,
                "lexname": LEXNAMES[lex_file] if lex_file < len(LEXNAMES) else "",
                "lex_file": lex_file,
                "ss_type": ss_type,
                "head": similar if ss_type == "s" else None,
                "hypernyms": hypernyms,
                # A sense key names a satellite's head as spelled, marker and all: "preceding(a)".
                "spelled_head": (fields[4].lower(), int(fields[5], 16)),
                "definition": definition_of(gloss),
                "examples": examples_of(gloss),
            }
    return synsets


def read_counts(path):
    """{sense key: tagged count} from cntlist.rev; empty when the file is absent."""
    counts = {}
    counts_file = Path(path) / COUNTS_FILE
    if counts_file.is_file():
        with open(counts_file, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                key, _, count = line.split()
                counts[key] = int(count)
    return counts


def broader(synset, synsets, depth=BROADER_DEPTH):
    """The first words of what `synset` is a kind of, nearest first, `depth` levels up: "change magnitude"."""
    found, level = [], synset["hypernyms"]
    for _ in range(depth):
        level = [synsets[o] for o in level if o in synsets]
        found += [s["words"][0][0].replace("_", " ").lower() for s in level]
        level = [o for s in level for o in s["hypernyms"]]
    return list(dict.fromkeys(found))


def sense_key(lemma, synset, synsets):
    """The WordNet sense key of `lemma` in `synset` (senseidx(5WN)): stable across loads and versions."""
    spelled, lex_id = next(((w, i) for w, i in synset["words"] if w.lower() == lemma), (lemma, 0))
    head_word, head_id = "", ""
    if synset["head"] and synset["head"] in synsets:
        word, number = synsets[synset["head"]]["spelled_head"]
        head_word, head_id = word, f"{number:02d}"
    return (
        f"{lemma}%{SS_TYPES[synset['ss_type']]}:{synset['lex_file']:02d}:{lex_id:02d}:{head_word}:{head_id}",
        spelled,
    )


def read_entries(path):
    """{lemma: [sense, ...]}, each word's most used part of speech first.

    A sense is {"pos", "definition", "key", "count", "capitalized", "lexname", "synonyms", "examples",
    "broader"}, the last what it is a kind of (`broader`).
    Within a part of speech, senses keep WordNet's order (most frequent first); parts of speech are
    ordered by how often the word was tagged with each in WordNet's sense-tagged corpus.
    """
    path = Path(path)
    counts = read_counts(path)
    by_word = {}
    for name, pos in POS_FILES.items():
        synsets = read_synsets(path / f"data.{name}")
        with open(path / f"index.{name}", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue
                parts = line.split()
                pointer_count = int(parts[3])
                offsets = parts[6 + pointer_count :]
                key_lemma = parts[0].lower()
                lemma = key_lemma.replace("_", " ")
                senses = []
                for offset in offsets:
                    synset = synsets.get(offset)
                    if synset is None:
                        continue
                    key, spelled = sense_key(key_lemma, synset, synsets)
                    senses.append(
                        {
                            "pos": pos,
                            "definition": synset["definition"],
                            "key": key,
                            "count": counts.get(key, 0),
                            "capitalized": spelled != spelled.lower(),
                            "lexname": synset["lexname"],
                            "synonyms": [w.replace("_", " ") for w, _ in synset["words"] if w.lower() != key_lemma][
                                :SYNONYMS_KEPT
                            ],
                            "examples": synset["examples"],
                            "broader": broader(synset, synsets),
                        }
                    )
                if senses:
                    tagged = sum(sense["count"] for sense in senses)
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


def single_words(path=DEFAULT_PATH):
    """Every WordNet lemma that is one word of letters ("mogul", not "business_mogul" or "a-one")."""
    words = set()
    for name in POS_FILES:
        with open(Path(path) / f"index.{name}", encoding="utf-8") as index:
            words.update(
                lemma for line in index if not line.startswith(" ") and (lemma := line.split(" ", 1)[0]).isalpha()
            )
    return words


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
