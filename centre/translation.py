from modeltranslation.translator import TranslationOptions, register

from .models import SiteContact, Technology


@register(Technology)  # and publications' Sector: each a Taxonomy
class TaxonomyTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("az",)


@register(SiteContact)
class SiteContactTranslationOptions(TranslationOptions):
    fields = ("address",)
