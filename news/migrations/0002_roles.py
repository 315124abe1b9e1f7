"""News items in the staff roles (accounts/): Editors write them, Publishers also publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [f"{action}_newsitem" for action in ("add", "change", "delete", "view")]
ROLES = {"Editor": EDITOR, "Publisher": [*EDITOR, "publish_newsitem"]}


def add_to_roles(apps, schema_editor):
    # Permissions are normally created after migrating; the roles need them now.
    app_config = apps.get_app_config("news")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        )


def remove_from_roles(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="news"))


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial"), ("accounts", "0001_roles")]

    operations = [migrations.RunPython(add_to_roles, remove_from_roles)]
