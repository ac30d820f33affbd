from django.urls import path

from newsroom.converters import ARTICLE

from . import views

app_name = "comments"

urlpatterns = [
    # A story's thread sits under the story's own address, like its print/ and dictionary/ views.
    path(ARTICLE + "comments/", views.thread, name="thread"),
    path("comments/<int:pk>/delete/", views.delete, name="delete"),
    path("comments/<int:pk>/report/", views.report, name="report"),
]
