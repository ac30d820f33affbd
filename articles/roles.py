"""The desk's roles as groups of model permissions (see articles.workflow for what each may do).

The groups are created by a migration (0003_desk_roles) and re-made after every migrate or
flush by `ensure_roles`, so that a database emptied by `flush` (as tests that need a live server
do) still has them. Existing groups only gain missing permissions: an administrator's additions
are kept.
"""

from django.db import DEFAULT_DB_ALIAS

# Kept equal to the migration's frozen copy (a test checks).
ROLES = {
    "Reporters": {
        "article": ["add", "change", "view"],
        "byline": ["add", "change", "delete", "view"],
        "photo": ["add", "change", "delete", "view"],
        "person": ["add", "view"],
        "section": ["view"],
        "correction": ["view"],
    },
    "Editors": {
        "article": ["add", "change", "delete", "view", "publish", "withdraw", "restore"],
        "byline": ["add", "change", "delete", "view"],
        "photo": ["add", "change", "delete", "view"],
        "person": ["add", "change", "view"],
        "section": ["add", "change", "view"],
        "correction": ["add", "change", "delete", "view"],
        "articleredirect": ["add", "change", "delete", "view"],
    },
}


def ensure_roles(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate receiver: make sure both groups exist and hold their permissions."""
    grant_roles(ROLES, "articles", using=using, apps=apps)


def grant_roles(roles, app_label, *, using=DEFAULT_DB_ALIAS, apps=None):
    """Give each group of `roles` ({group: {model: [action, ...]}}) those permissions of `app_label`."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    for name, models in roles.items():
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        perms = list(Permission.objects.using(using).filter(content_type__app_label=app_label, codename__in=codenames))
        if len(perms) != len(codenames):
            return  # The permissions are not there yet (an earlier migration state): nothing to do.
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*perms)
