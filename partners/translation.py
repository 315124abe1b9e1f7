from modeltranslation.translator import TranslationOptions, register

from .models import Partner


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "short_name",
        "slug",
        "sort_name",
        "summary",
        "description",
        "host_institution",
    )
    required_languages = ("az",)
