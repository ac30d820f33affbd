from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DictionaryConfig(AppConfig):
    name = "dictionary"
    verbose_name = "Dictionary"

    def ready(self):
        from . import roles

        post_migrate.connect(roles.ensure_roles, sender=self, dispatch_uid="dictionary.roles.ensure_roles")
