"""A bare Django view, for bench/serve.py to measure the site against: `gunicorn bench.bare:application`.

One URL, one view, a page of about the size of a story's HTML, no middleware, no database: what
Django itself costs per request in the same Python, the same gunicorn and the same machine.
"""

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bare-view-for-benchmarks-only",  # noqa: S106 - never serves anything real
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = "<!doctype html><title>bare</title>" + "<p>" + "word " * 2000 + "</p>"


def bare(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", bare)]
application = get_wsgi_application()
