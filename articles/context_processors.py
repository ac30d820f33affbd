from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Section


def newsroom(request):
    """Site-wide context: the newsroom's name, and the top sections with a public story for the
    navigation (lazily, from the cached section tree: no query on a page once the tree is cached)."""
    return {
        "newsroom": settings.NEWSROOM,
        "nav_sections": SimpleLazyObject(lambda: nav_sections(request)),
    }


def nav_sections(request):
    tree = Section.tree(request)
    public = Section.public_ids(tree)
    return [section for section in tree.get(None, []) if section.pk in public]
