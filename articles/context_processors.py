from django.conf import settings

from .models import Section


def newsroom(request):
    """Site-wide context: the newsroom's name, and the top sections for the navigation (lazily)."""
    return {
        "newsroom": settings.NEWSROOM,
        "nav_sections": Section.objects.filter(parent=None).only("name", "slug"),
    }
