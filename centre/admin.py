from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Technology


@admin.register(Technology)
class TechnologyAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "order")
    list_editable = ("order",)
    search_fields = ("name_az", "name_en", "name_ru", "slug")
