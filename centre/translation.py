from modeltranslation.translator import TranslationOptions, register

from .models import SiteContact, Technology


@register(Technology)
class TechnologyTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("az",)


@register(SiteContact)
class SiteContactTranslationOptions(TranslationOptions):
    fields = ("address",)
