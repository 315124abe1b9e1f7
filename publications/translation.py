from modeltranslation.translator import TranslationOptions, register

from .models import Publication, Sector


@register(Sector)
class SectorTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("az",)


@register(Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "abstract", "authors", "publisher", "cover_alt")
    required_languages = ("az",)
