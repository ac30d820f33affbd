from django.apps import AppConfig
from django.db.models.signals import post_save


class ClusterConfig(AppConfig):
    """Installed where a worker runs the tasks: it queues photos' renditions and stories' photo access."""

    name = "newsroom.cluster"
    label = "newsroom_cluster"

    def ready(self):
        from articles.models import Article, Photo

        post_save.connect(queue_renditions, sender=Photo, dispatch_uid="newsroom.cluster.queue_renditions")
        post_save.connect(queue_photo_access, sender=Article, dispatch_uid="newsroom.cluster.queue_photo_access")


def queue_renditions(sender, instance, **kwargs):
    from .tasks import request_renditions

    if not instance.renditions:
        request_renditions(instance)


def queue_photo_access(sender, instance, **kwargs):
    # Every save, not only the withdrawal: a story brought back must get its pictures back.
    from .tasks import request_photo_access_sync

    request_photo_access_sync(instance)
