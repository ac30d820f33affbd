"""The desk's roles as groups: Reporters write their own drafts; Editors review, publish and correct anything."""

from django.db import migrations

# Frozen here on purpose: a migration must keep meaning what it meant when it was written.
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


def create_roles(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; the groups need them now.
    articles_config = global_apps.get_app_config("articles")
    create_permissions(articles_config, verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, models in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        perms = list(Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))
        missing = set(codenames) - {p.codename for p in perms}
        if missing:
            raise RuntimeError(f"Permissions missing for the {name} group: {sorted(missing)}")
        group.permissions.add(*perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_desk_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
