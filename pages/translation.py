from modeltranslation.translator import TranslationOptions, register

from .models import Milestone, Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "url_path", "summary", "body", "seo_description", "og_image")
    required_languages = ("az",)


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("az",)
