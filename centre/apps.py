from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentreConfig(AppConfig):
    name = "centre"
    verbose_name = _("Site")

    def ready(self):
        # Search entries follow every save and delete of the searchable models.
        from centre import files, search

        search.connect_signals()
        # Stored files follow every delete of the models that own files.
        files.connect_signals()
