"""The newsroom's two roles, declared once for every app: the groups and exactly the permissions each holds.

Give a person a staff account and put them in one group. After every `migrate` and `flush`,
`sync_roles` makes both groups hold exactly the permissions below (added ones are taken away,
missing ones given), so a change here reaches every database on its next migrate: no migration
needs editing. What each role may then do with a story is narrowed by the desk's rules
(articles.desk.workflow): a reporter changes only their own drafts.
"""

from django.db import DEFAULT_DB_ALIAS

REPORTERS = "Reporters"
EDITORS = "Editors"

CRUD = ("add", "change", "delete", "view")


def _perms(app_label, model, actions):
    return {f"{app_label}.{action}_{model}" for action in actions}


# Reporters write stories and edit their own drafts (with bylines, photos, the story's words),
# tag topics on them (the topic picker searches topics: view), add people for bylines.
_REPORTERS = {
    *_perms("articles", "article", ["add", "change", "view"]),
    *_perms("articles", "byline", CRUD),
    *_perms("articles", "photo", CRUD),
    *_perms("articles", "person", ["add", "view"]),
    *_perms("articles", "section", ["view"]),
    *_perms("articles", "correction", ["view"]),
    *_perms("articles", "topic", ["view"]),
    *_perms("dictionary", "storyterm", CRUD),
    *_perms("dictionary", "koreangloss", ["view"]),
    *_perms("dictionary", "word", ["view"]),
}

# Editors may do all that to any story, and publish, withdraw, restore, correct; manage sections,
# topics, old addresses and the Korean glosses; moderate comments (the reports are shown on a
# comment), list and lift bans (readers are barred by the queue's action); write the site's pages;
# lift a colleague's desk sign-in lock (accounts/admin.py).
_EDITORS = {
    *_REPORTERS,
    "articles.delete_article",
    "articles.publish_article",
    "articles.withdraw_article",
    "articles.restore_article",
    *_perms("articles", "person", ["change"]),
    *_perms("articles", "section", ["add", "change"]),
    *_perms("articles", "correction", CRUD),
    *_perms("articles", "articleredirect", CRUD),
    *_perms("articles", "topic", CRUD),
    *_perms("dictionary", "koreangloss", CRUD),
    *_perms("comments", "comment", ["change", "delete", "view"]),
    *_perms("comments", "commentreport", ["view"]),
    *_perms("comments", "commentingban", ["delete", "view"]),
    *_perms("pages", "page", CRUD),
    "accounts.unlock_login",
}

ROLES = {REPORTERS: frozenset(_REPORTERS), EDITORS: frozenset(_EDITORS)}


def app_labels():
    return {perm.split(".", 1)[0] for perms in ROLES.values() for perm in perms}


def last_app():
    """The app whose post_migrate comes after every app named in ROLES has its permissions."""
    from django.apps import apps

    labels = app_labels()
    return [config for config in apps.get_app_configs() if config.label in labels][-1]


def sync_roles(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate receiver (also called by the demo loader): make both groups hold exactly ROLES.

    Does nothing while a permission is missing (a database migrated back to before its model):
    tests/desk/test_roles.py checks that every declared permission exists.
    """
    from django.apps import apps as global_apps

    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    wanted = set().union(*ROLES.values())
    found = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using)
        .filter(content_type__app_label__in=app_labels())
        .values_list("pk", "content_type__app_label", "codename")
    }
    if not wanted <= found.keys():
        return
    for name, perms in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([found[perm] for perm in perms])
