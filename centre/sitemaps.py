from django.conf import settings
from django.contrib.sitemaps import Sitemap


class TranslatedSitemap(Sitemap):
    """
    A sitemap listing each object once per language it has, with hreflang alternates.

    Objects name their languages with ``available_languages``. Django writes the x-default
    alternate without a language prefix, which suits sites whose default language is
    unprefixed; here every language is prefixed, so x-default points to the default
    language's own address.
    """

    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        return item.available_languages

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            by_language = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            if "x-default" in by_language and settings.LANGUAGE_CODE in by_language:
                by_language["x-default"]["location"] = by_language[settings.LANGUAGE_CODE][
                    "location"
                ]
        return urls
