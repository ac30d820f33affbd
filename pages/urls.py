from django.urls import path

from . import views

app_name = "pages"

# Included last in newsroom/urls.py, so that every other address wins over a page's.
urlpatterns = [
    path("<slug:slug>/", views.page, name="page"),
]
