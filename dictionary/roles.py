"""The desk's roles (articles.roles) also work the dictionary: both pin a story's words, editors
correct the Korean glosses. Kept here so that the articles app does not need to know the dictionary."""

from django.db import DEFAULT_DB_ALIAS

from articles.roles import grant_roles

ROLES = {
    "Reporters": {"storyterm": ["add", "change", "delete", "view"], "koreangloss": ["view"], "word": ["view"]},
    "Editors": {
        "storyterm": ["add", "change", "delete", "view"],
        "koreangloss": ["add", "change", "delete", "view"],
        "word": ["view"],
    },
}


def ensure_roles(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate receiver: the groups hold the dictionary's permissions (missing ones are added)."""
    grant_roles(ROLES, "dictionary", using=using, apps=apps)
