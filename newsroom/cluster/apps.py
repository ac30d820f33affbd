from django.apps import AppConfig
from django.db.models.signals import post_save


class ClusterConfig(AppConfig):
    """Installed where a worker runs the tasks: a saved photo's renditions are then queued for it."""

    name = "newsroom.cluster"
    label = "newsroom_cluster"

    def ready(self):
        from articles.models import Photo

        post_save.connect(queue_renditions, sender=Photo, dispatch_uid="newsroom.cluster.queue_renditions")


def queue_renditions(sender, instance, **kwargs):
    from .tasks import request_renditions

    if not instance.renditions:
        request_renditions(instance)
