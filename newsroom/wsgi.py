import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

django_application = get_wsgi_application()

from newsroom.pagecache import KeptPages  # noqa: E402 - Django is set up first (the cache is a setting)

# Kept pages are answered in front of Django's handler (newsroom.pagecache.KeptPages).
application = KeptPages(django_application)
