"""What exists only beyond one machine: the replica router, the object store, the worker's tasks."""

from django.apps import AppConfig
from django.db.models.signals import post_save


class ClusterConfig(AppConfig):
    """Installed where a worker runs the tasks: it queues the sync of a saved story's photo files.

    Photos' renditions are not queued here: the places that save a photo's file ask for them
    (newsroom.cluster.tasks.request_renditions), on one machine and in the cluster alike.
    """

    name = "newsroom.cluster"
    label = "newsroom_cluster"

    def ready(self):
        from articles.models import Article

        post_save.connect(queue_photo_access, sender=Article, dispatch_uid="newsroom.cluster.queue_photo_access")


def queue_photo_access(sender, instance, **kwargs):
    # Every save, not only the withdrawal: a story brought back must get its pictures back.
    from .tasks import request_photo_access_sync

    request_photo_access_sync(instance)
