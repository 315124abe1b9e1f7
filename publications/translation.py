from modeltranslation.translator import TranslationOptions, register, translator

from centre.translation import TaxonomyTranslationOptions

from .models import Publication, Sector

translator.register(Sector, TaxonomyTranslationOptions)


@register(Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "abstract", "authors", "publisher", "cover_alt")
    required_languages = ("az",)
