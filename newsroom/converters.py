"""Path converters for the dated addresses every app shares: /YYYY/MM/DD/."""

from django.urls import register_converter


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigits, "dd")

# The story's own address; its views (print, dictionary, comments) live under it, in their apps' urls.
ARTICLE = "<yyyy:year>/<dd:month>/<dd:day>/<str:slug>/"
