"""People's names as bylines print them, made into names as the archive shows them.

"SEO JI-EUN" is Seo Ji-eun: a Korean name is the family name, then the given name with its hyphen,
lower case after the hyphen. Other names are title-cased with the usual exceptions (O'Brien,
McCarthy, van, de). Wire services keep the spelling they are known by (AP, Yonhap).
"""

import re

# Romanized Korean family names (Revised Romanization and the older spellings newspapers still use).
KOREAN_FAMILY_NAMES = frozenset(
    str.split("""
    ahn an bae baek bak ban bang byun byeon cha chae chang cheon cheong chin cho choe choi chon choo chu
    chun chung do eom gang gi gil go gong gu gwak gwon ha hahn ham han heo ho hong hur hwang hyun im in
    jang je jeon jeong ji jin jo joo ju jun jung kang kim ki ko koh kong ku kwak kwon lee lim lyu ma
    maeng min mo moon mun myung na nam no noh oh ok pae paek pak park pyo rhee rho roh ryu ryoo seo seok
    seol shim shin sim sin so son song suh sung sun tak um won woo yang yeo yeom yi yim yoo yook yoon
    yu yuk yun
    """)
)

# Wire services and agencies as they are spelled on the page; the key is the lower-case form.
AGENCIES = {
    "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "reuters": "Reuters",
    "bloomberg": "Bloomberg",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "newsis": "Newsis",
    "news1": "News1",
    "upi": "UPI",
    "dpa": "DPA",
    "efe": "EFE",
    "nyt": "NYT",
    "new york times news service": "New York Times News Service",
    "korea joongang daily": "Korea JoongAng Daily",
    "joongang ilbo": "JoongAng Ilbo",
}

LOWER_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "bin"})
SUFFIXES = {"jr": "Jr.", "jr.": "Jr.", "sr": "Sr.", "sr.": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}


def agency_name(text):
    """The known spelling of a wire service, or None when `text` is not one."""
    return AGENCIES.get(re.sub(r"\s+", " ", text.strip().casefold()))


def is_korean_name(words):
    """Family name first, then a hyphenated given name: Seo Ji-eun, Park Geun-hye."""
    return (
        len(words) == 2
        and words[0].casefold() in KOREAN_FAMILY_NAMES
        and re.fullmatch(r"[A-Za-z]+-[A-Za-z]+", words[1]) is not None
    )


def normalize_name(text):
    """A byline name as the archive shows it. Names already in mixed case are taken as written."""
    text = re.sub(r"\s+", " ", text.strip())
    if not text or (text != text.upper() and text != text.lower()):
        return text
    words = text.split(" ")
    if is_korean_name(words):
        return f"{words[0].capitalize()} {words[1].capitalize()}"
    return " ".join(_title_word(word, first=i == 0) for i, word in enumerate(words))


def _title_word(word, *, first):
    lower = word.casefold()
    if lower in SUFFIXES:
        return SUFFIXES[lower]
    if not first and lower in LOWER_PARTICLES:
        return lower
    if re.fullmatch(r"(?:[a-z]\.)+", lower):  # initials: J.R.
        return word.upper()
    parts = re.split(r"([-'’])", lower)
    titled = "".join(part.capitalize() if part not in "-'’" else part for part in parts)
    # McCarthy; not "Mac", which would spoil Machado.
    return re.sub(r"^Mc([a-z])", lambda m: "Mc" + m.group(1).upper(), titled)
