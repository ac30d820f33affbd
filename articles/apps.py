from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        # The desk: old addresses are remembered on save, and stories are kept under revision control.
        from django.db.models.signals import post_migrate

        from . import redirects, roles  # noqa: F401
        from .desk import revisions

        revisions.register()
        post_migrate.connect(roles.ensure_roles, sender=self, dispatch_uid="articles.roles.ensure_roles")
