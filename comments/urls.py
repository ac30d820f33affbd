from django.urls import path, re_path

from . import views

app_name = "comments"

urlpatterns = [
    # A story's thread sits under the story's own address, like its print/ and dictionary/ views.
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/(?P<slug>[^/]+)/comments/$",
        views.thread,
        name="thread",
    ),
    path("comments/<int:pk>/delete/", views.delete, name="delete"),
    path("comments/<int:pk>/report/", views.report, name="report"),
]
