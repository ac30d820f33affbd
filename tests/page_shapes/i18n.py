"""The interface language's addresses: the scripts' strings and the switch (a POST; a GET only returns)."""

from django.urls import reverse

from tests.page_shapes import page


@page("the scripts' strings in the reader's language")
def javascript_catalog():
    return reverse("javascript-catalog")


@page("language switch, asked with GET (changes nothing, back to the front page)", status=302)
def set_language():
    return reverse("set_language")
