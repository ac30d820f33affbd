"""Which words of a story are names of people, places and organizations.

Gloss mode's "Mark names" shows them; the word list, coverage and the known-words share leave them
out. The evidence is the story's own capitals: a word is a name when it is capitalised every time
it appears and at least once where a sentence does not begin. What that evidence gets wrong is
handled here, at the root:

- words English capitalises that name no one: months and weekdays ("July", "Thursday"),
  nationality and language adjectives and demonyms ("Chinese", "Koreans", "Korean-American"),
  religions' adjectives ("Buddhist"), titles before a name ("Rep.", "Dr."), "I", scales
  ("Celsius") and common-noun acronyms ("AI", "CEO");
- lines that capitalise everything (a headline in capitals or in title case, a byline "BY SEO
  JI-EUN"): their capitals are the typography's, so they count neither way;
- a common English word that is capitalised only inside a longer name ("Market" in "Garak Market")
  is not marked where it opens a sentence ("Market traders said…") unless a name follows it
  ("National Assembly passed…"): Names.initial holds the names that are marked there too.
"""

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from .lemmatize import normalize

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
WEEKDAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "thu", "thur", "thurs", "fri",
}  # fmt: skip
# Nationality and language adjectives and demonyms (the singular: "Koreans" is found through "korean").
DEMONYMS = {
    "afghan", "albanian", "algerian", "american", "andorran", "angolan", "argentine", "argentinian",
    "armenian", "australian", "austrian", "azerbaijani", "bahraini", "bangladeshi", "belarusian",
    "belgian", "bhutanese", "bolivian", "bosnian", "brazilian", "british", "bruneian", "bulgarian",
    "burmese", "burundian", "cambodian", "cameroonian", "canadian", "chadian", "chilean", "chinese",
    "colombian", "congolese", "croatian", "cuban", "cypriot", "czech", "danish", "dominican", "dutch",
    "ecuadorian", "egyptian", "emirati", "english", "eritrean", "estonian", "ethiopian", "fijian",
    "filipino", "finnish", "french", "georgian", "german", "ghanaian", "greek", "guatemalan",
    "haitian", "honduran", "hungarian", "icelandic", "indian", "indonesian", "iranian", "iraqi",
    "irish", "israeli", "italian", "ivorian", "jamaican", "japanese", "jordanian", "kazakh",
    "kazakhstani", "kenyan", "korean", "kosovar", "kuwaiti", "kyrgyz", "lao", "laotian", "latvian",
    "lebanese", "liberian", "libyan", "lithuanian", "luxembourgish", "macedonian", "malagasy",
    "malawian", "malaysian", "maldivian", "malian", "maltese", "mauritian", "mexican", "moldovan",
    "mongolian", "montenegrin", "moroccan", "mozambican", "namibian", "nepali", "nepalese",
    "nicaraguan", "nigerian", "nigerien", "norwegian", "omani", "pakistani", "palestinian",
    "panamanian", "paraguayan", "persian", "peruvian", "polish", "portuguese", "qatari", "romanian",
    "russian", "rwandan", "salvadoran", "saudi", "scottish", "senegalese", "serbian", "singaporean",
    "slovak", "slovenian", "somali", "spanish", "sri", "lankan", "sudanese", "swedish", "swiss",
    "syrian", "taiwanese", "tajik", "tanzanian", "thai", "tibetan", "togolese", "tunisian", "turkish",
    "turkmen", "ugandan", "ukrainian", "uruguayan", "uzbek", "venezuelan", "vietnamese", "welsh",
    "yemeni", "zambian", "zimbabwean",
    # peoples, regions and languages without a country of their own
    "african", "arab", "arabic", "asian", "basque", "catalan", "caribbean", "european", "hispanic",
    "kurdish", "latin", "latino", "mandarin", "cantonese", "hebrew", "hindi", "urdu", "bengali",
    "tamil", "swahili", "yiddish", "sanskrit", "nordic", "scandinavian", "slavic", "balkan", "gaelic",
    "uyghur", "uighur", "manchu", "hakka", "inuit", "maori", "aboriginal", "westerner", "easterner",
    "hangul", "hanja", "kanji", "anglo", "sino", "euro", "afro", "indo",
    # the nouns for a people that are not their adjective
    "briton", "dane", "finn", "pole", "scot", "swede", "turk", "spaniard", "frenchman", "frenchwoman",
    "englishman", "englishwoman", "dutchman", "irishman", "filipina", "kiwi", "yankee",
}  # fmt: skip
RELIGIONS = {
    "buddhist", "christian", "catholic", "protestant", "muslim", "islamic", "jewish", "hindu",
    "confucian", "shamanist", "evangelical", "orthodox", "methodist", "presbyterian", "baptist",
}  # fmt: skip
# Titles before a name ("Rep. Yoon", "Chinese President Xi"): the name follows; the title is not part of it.
# The abbreviations' full stop ends no sentence: the name after one does not open a sentence.
TITLE_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "rep", "sen", "gov", "prof", "gen", "lt", "col", "sgt", "capt", "rev"}
TITLES = TITLE_ABBREVIATIONS | {
    "jr", "sr", "president", "chairman", "chairwoman", "chairperson", "mayor", "governor", "minister",
    "premier", "senator", "lawmaker", "judge", "justice", "ambassador", "secretary-general",
}  # fmt: skip
# Capitalised, but naming a thing everyone says: the pronoun, scales, common-noun acronyms.
COMMON_CAPITALS = {
    "i", "celsius", "fahrenheit", "ok", "okay",
    "ai", "ceo", "cfo", "coo", "cto", "gdp", "gnp", "cpi", "tv", "it", "pc", "ipo", "dram", "nand", "hbm",
    "led", "lcd", "oled", "suv", "ev", "dna", "rna", "gps", "cctv", "id", "am", "pm", "vip", "usb", "sns",
    "esg", "faq", "diy", "atm", "sms", "hiv", "aids", "covid", "mri", "icu", "phd", "mba", "ph", "ufo",
}  # fmt: skip
NOT_NAMES = MONTHS | WEEKDAYS | DEMONYMS | RELIGIONS | TITLES | COMMON_CAPITALS
# Zipf (wordfreq) from which a word is a common English word ("market" 5.3, "park" 5.0); "Seoul" is 3.9.
COMMON_WORD = 4.0
# A sentence whose words are nearly all capitalised is a headline (in capitals or title case) or a
# byline: its capitals say nothing. "Officials of North Korea met North Korean athletes in Seoul." is 0.6.
SHOUTING = 0.75


def _bare(key):
    """The key without a possessive: "korea's" → "korea"."""
    for ending in ("'s", "’s", "'", "’"):
        if key.endswith(ending):
            return key[: -len(ending)]
    return key


def _is_plain_word(part):
    return (
        part in NOT_NAMES
        or (part.endswith("s") and part[:-1] in NOT_NAMES)
        or (part.endswith("es") and part[:-2] in NOT_NAMES)
    )


@lru_cache(maxsize=50_000)
def never_a_name(key):
    """A word English capitalises that names no person, place or organization: "july",
    "koreans", "korean-american", "buddhist", "ceo"."""
    parts = _bare(key).split("-")
    return bool(parts[0]) and all(_is_plain_word(part) for part in parts if part)


def is_nationality(key):
    """ "korean", "koreans", "africans", "korean-american": a nationality, a people or a language."""
    parts = _bare(key).split("-")
    return all(p in DEMONYMS or (p.endswith("s") and p[:-1] in DEMONYMS) for p in parts if p) and bool(parts[0])


@lru_cache(maxsize=50_000)
def is_common_word(key):
    return zipf_frequency(_bare(key), "en") >= COMMON_WORD


class Names(frozenset):
    """The story's names (normalized keys); `initial` are those also marked where a sentence begins;
    `capitalised` are the names and the other words the story always capitalises ("July",
    "Ethiopian"), which word lists leave out as they always have: they are not the vocabulary a list
    teaches, and the Korean glosses are written for the words lists pick."""

    initial = frozenset()
    capitalised = frozenset()


def _capitalised(token):
    return token[0].isupper()


def _shouting(sentence_tokens):
    """A headline in capitals or title case, or a byline: most of its words capitalised."""
    words = [t for t in sentence_tokens if len(t) > 1 or t.isupper()]
    if len(words) < 3:
        return all(t.isupper() and len(t) > 1 for t in words) and len(words) > 1
    capitals = sum(1 for t in words if _capitalised(t))
    return capitals / len(words) >= SHOUTING


def _sentences(tokens):
    """Tokens (token, sentence, initial) grouped by sentence, in order."""
    groups, current = [], []
    for token in tokens:
        if token[2] and current:
            groups.append(current)
            current = []
        current.append(token)
    if current:
        groups.append(current)
    return groups


def names_in(tokens):
    """The names among a story's tokens ([(token, sentence, initial)], as occurrences() gives them)."""
    always_capital, mid_sentence, alone = {}, set(), set()
    after_title = False
    for group in _sentences(tokens):
        words = [token for token, _, _ in group]
        # "said Rep. Yoon Sang-ho": the sentences were split after the title; Yoon opens none.
        opens_after_title, after_title = after_title, normalize(words[-1]) in TITLE_ABBREVIATIONS
        if _shouting(words):
            continue
        for i, (token, _, initial) in enumerate(group):
            initial = initial and not opens_after_title
            key = normalize(token)
            capital = _capitalised(token)
            always_capital[key] = always_capital.get(key, True) and capital
            if capital and not initial:
                mid_sentence.add(key)
                neighbours = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
                if not any(_capitalised(n) and normalize(n) not in TITLES for n in neighbours):
                    alone.add(_bare(key))
    capitalised = frozenset(key for key, capital in always_capital.items() if capital and key in mid_sentence)
    found = Names(key for key in capitalised if not never_a_name(key))
    found.initial = frozenset(key for key in found if _bare(key) in alone or not is_common_word(key))
    found.capitalised = capitalised
    return found


# Where a sentence may begin in a body's text: its block's start, or after a sentence's end (group 1:
# the word the full stop ends, to tell a title's abbreviation).
AT_SENTENCE_START = re.compile(r"(?:^|(?<![A-Za-z])([A-Za-z]*)[.!?][\"”’)\]]*\s+)[\"“‘(\[]*$")
NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")
LAST_WORD = re.compile(r"([A-Za-z][A-Za-z'’-]*)\W*$")


def _in_capitals_run(word, last, following):
    """A word in capitals next to another: a headline's or a kicker's typography ("BLUE HOUSE TALKS"),
    not an acronym in a sentence ("UNESCO added…")."""
    if len(word) < 2 or not word.isupper():
        return False
    return any(len(other) > 1 and other.isupper() for other in (last, following))


def marked_here(word, preceding, following_text, names, initial=None):
    """Whether a name of the story, found in its body as `word`, is marked there: capitalised, not in
    a run of capitals, not a place word before a nationality ("North" in "North Korean"), and
    where it opens a sentence, only a name marked there too (`initial`) or one a name follows
    ("National Assembly passed…")."""
    # Names are capitalised wherever they are names: "Apple" the company, not the fruit.
    if not word[0].isupper():
        return False
    following = NEXT_WORD.match(following_text)
    following = following.group(1) if following and following.group(1)[0].isupper() else ""
    last = LAST_WORD.search(preceding)
    if _in_capitals_run(word, last.group(1) if last else "", following):
        return False
    if following and is_nationality(normalize(following)) and not is_nationality(normalize(word)):
        return False
    start = AT_SENTENCE_START.search(preceding)
    if start and start.group(1) and start.group(1).lower() in TITLE_ABBREVIATIONS:
        start = None  # "Rep. Yoon": the title's full stop ends no sentence
    if not start or normalize(word) in (names if initial is None else initial):
        return True
    return bool(following) and normalize(following) in names


NAME_SPAN = '<span class="name">{}</span>'
# A capitalised word right after a marked name, or right before one where no sentence begins:
# "Gwangjang Market", "City Hall", "Korea Ssireum Association" (the story also says "the market").
AFTER_NAME = re.compile(r"(</span>[ \u00a0])([A-Z][a-z]+)(?![\w'’-])")
BEFORE_NAME = re.compile(r'(?<=[a-z,;:] )([A-Z][a-z]+)( <span class="name">)')


def _joins(word):
    key = normalize(word)
    return not (never_a_name(key) or key in TITLES)


def extend_names(text):
    """Mark the words next to a marked name that are part of it, one word at a time until none is left."""

    def after(match):
        word = match.group(2)
        return match.group(1) + (NAME_SPAN.format(word) if _joins(word) else word)

    def before(match):
        word = match.group(1)
        return (NAME_SPAN.format(word) if _joins(word) else word) + match.group(2)

    while True:
        extended = BEFORE_NAME.sub(before, AFTER_NAME.sub(after, text))
        if extended == text:
            return text
        text = extended
