"""Names as bylines print them become names as the archive shows them."""

import pytest

from articles.importers.names import agency_name, normalize_name


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("SEO JI-EUN", "Seo Ji-eun"),
        ("seo ji-eun", "Seo Ji-eun"),
        ("PARK GEUN-HYE", "Park Geun-hye"),
        ("LEE SANG-HOON", "Lee Sang-hoon"),
        ("JACK MA", "Jack Ma"),
        ("JOHN O'BRIEN", "John O'Brien"),
        ("DANIEL MCKENZIE", "Daniel McKenzie"),
        ("ANA MACHADO", "Ana Machado"),
        ("JEAN-LUC PICARD", "Jean-Luc Picard"),
        ("LUDWIG VAN BEETHOVEN", "Ludwig van Beethoven"),
        ("MARTIN LUTHER KING JR.", "Martin Luther King Jr."),
        ("J.R. SMITH", "J.R. Smith"),
        ("Seo Jieun", "Seo Jieun"),
        ("  KIM   MIN-JI ", "Kim Min-ji"),
    ],
)
def test_normalize_name(printed, name):
    """Korean names: family name, then the given name with its hyphen, lower case after it."""
    assert normalize_name(printed) == name


@pytest.mark.parametrize(
    ("printed", "agency"),
    [("YONHAP", "Yonhap"), ("Yonhap News Agency", "Yonhap"), ("ap", "AP"), ("The Associated Press", "AP")],
)
def test_agency_names(printed, agency):
    """Wire services keep the spelling they are known by."""
    assert agency_name(printed) == agency


def test_a_person_is_not_an_agency():
    assert agency_name("Seo Ji-eun") is None
