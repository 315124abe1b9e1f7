from modeltranslation.translator import TranslationOptions, register

from .models import NewsItem


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "image_alt", "source_name", "place")
    required_languages = ("az",)
