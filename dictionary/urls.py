from django.urls import path

from newsroom.converters import ARTICLE

from . import views

app_name = "dictionary"

urlpatterns = [
    path("dictionary/", views.index, name="index"),
    path("dictionary/<str:word>/", views.word_detail, name="word"),
    # <path:> so that any input, slashes and all, reaches the view and gets the JSON 404.
    path("api/dictionary/<path:word>/", views.word_api, name="api"),
    # A story's dictionary view, under the story's own address like its print view.
    path(ARTICLE + "dictionary/", views.article_dictionary, name="article"),
]
