from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        # The desk: old addresses are remembered on save, and stories are kept under revision control.
        from django.db.models.signals import post_migrate

        from newsroom import invalidation, roles

        from . import addresses  # noqa: F401
        from .desk import revisions

        revisions.register()
        invalidation.connect()
        # The roles span several apps: they are synced once, after the last of them has its permissions.
        post_migrate.connect(roles.sync_roles, sender=roles.last_app(), dispatch_uid="newsroom.roles.sync_roles")
