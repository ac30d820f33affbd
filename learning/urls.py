from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.word_list, name="words"),
    path("save/", views.save, name="save"),
    path("sync/", views.sync, name="sync"),
    path("export.csv", views.export, name="export"),
    path("review/", views.review_view, name="review"),
    path("<int:pk>/remove/", views.remove, name="remove"),
]
