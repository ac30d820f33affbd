import pytest

from dictionary.pronunciation import pronunciation, to_ipa


@pytest.mark.parametrize(
    ("phones", "ipa"),
    [
        ("M OW1 G AH0 L", "ˈmoʊɡəl"),
        ("R IY0 V AY1 T AH0 L AY2 Z", "ɹiˈvaɪtəˌlaɪz"),  # the stress mark goes before the syllable
        ("IH2 N S T R AH1 K T", "ˌɪnˈstɹʌkt"),  # "str" begins a syllable
        ("S T R EH1 NG K TH", "stɹɛŋkθ"),  # one syllable: no mark
        ("S IH1 NG ER0", "ˈsɪŋɚ"),  # "ng" never begins one
    ],
)
def test_arpabet_becomes_ipa_with_stress_before_the_syllable(phones, ipa):
    assert to_ipa(phones) == ipa


def test_words_and_phrases_are_found_in_the_cmu_dictionary():
    """A form is looked up first, then its lemma; a phrase is said word by word."""
    assert pronunciation("moguls", "mogul") == "ˈmoʊɡəlz"
    assert pronunciation("make inroads") == "meɪk ˈɪnˌɹoʊdz"
    assert pronunciation("Zzyzxq", "zzyzxq") is None
    assert pronunciation("김장") is None
    assert pronunciation("") is None
