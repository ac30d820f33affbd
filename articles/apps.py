from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        # The desk: old addresses are remembered on save, and stories are kept under revision control.
        from . import redirects, revisions  # noqa: F401

        revisions.register()
