"""
The staff roles, as groups: *Editor* writes pages, partners and publications (and their files)
but cannot make anything public, withdraw it, or delete what is public; *Publisher* also
publishes, withdraws and deletes, and looks after the shared lists (technologies, sectors,
page redirects). Neither may touch users or groups: only superusers hand out roles.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "pages": ["page", "milestone"],
    "partners": ["partner"],
    "publications": ["publication", "publicationfile"],
}
LOOKED_UP = {"pages": ["pageredirect"], "publications": ["sector"], "centre": ["technology"]}

EDITOR = [
    *(
        (app, f"{action}_{model}")
        for app, models in CONTENT.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ),
    *((app, f"view_{model}") for app, models in LOOKED_UP.items() for model in models),
]
PUBLISHER = [
    *EDITOR,
    ("pages", "publish_page"),
    ("partners", "publish_partner"),
    ("publications", "publish_publication"),
    *(
        (app, f"{action}_{model}")
        for app, models in LOOKED_UP.items()
        for model in models
        for action in ("add", "change", "delete")
    ),
]
ROLES = {"Editor": EDITOR, "Publisher": PUBLISHER}


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrating; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("centre", "0002_search_entry"),
        ("pages", "0003_publish_permission_sharing_image_checks"),
        ("partners", "0003_publish_permission"),
        ("publications", "0003_publish_permission_cover_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
