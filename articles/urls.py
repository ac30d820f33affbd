from django.urls import path, register_converter

from dictionary.views import article_dictionary

from . import views


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

app_name = "articles"

article = "<yyyy:year>/<dd:month>/<dd:day>/<str:slug>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("section/<str:slug>/", views.section_detail, name="section"),
    path("people/<str:slug>/", views.person_detail, name="person"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path(article, views.article_detail, name="article"),
    path(article + "print/", views.article_print, name="article_print"),
    path(article + "dictionary/", article_dictionary, name="article_dictionary"),
    path("a/<int:pk>/", views.article_short, name="short"),
]
