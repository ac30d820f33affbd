from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Section


def newsroom(request):
    """Site-wide context: the newsroom's name, and the top sections for the navigation (lazily, from
    the cached section tree: no query on a page once the tree is cached)."""
    return {
        "newsroom": settings.NEWSROOM,
        "nav_sections": SimpleLazyObject(lambda: Section.tree(request).get(None, [])),
    }
