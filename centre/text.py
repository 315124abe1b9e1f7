"""Text helpers shared by every app: ASCII transliteration and slugs.

Django's ``slugify`` alone drops the letters it cannot decompose to ASCII, so
"Əşyaların interneti" would become "yalarn-interneti". Every slug on the site is therefore made
by :func:`slugify_az`, which first transliterates Azerbaijani and Cyrillic letters.
"""

from django.utils.text import slugify

# Azerbaijani letters that NFKD normalisation cannot take to ASCII (ç, ö, ü, ş, ğ decompose
# fine, but listing the whole alphabet keeps the rule readable in one place). The Turkic
# dotted and dotless I both become "i": "İnqilab" and "ınqilab" read as the same word to a
# visitor typing on a Latin keyboard.
AZERBAIJANI_TO_ASCII = {
    "Ə": "E", "ə": "e",
    "ı": "i", "İ": "I",
    "Ş": "S", "ş": "s",
    "Ç": "C", "ç": "c",
    "Ğ": "G", "ğ": "g",
    "Ö": "O", "ö": "o",
    "Ü": "U", "ü": "u",
}  # fmt: skip

# Russian (and Azerbaijani Cyrillic) letters, after the common BGN/PCGN-style romanisation
# that Russian URLs use: "публикации" -> "publikatsii".
CYRILLIC_TO_ASCII = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "e", "ғ": "g", "ҝ": "g", "ҹ": "c", "һ": "h", "ј": "y", "ө": "o",
    "ү": "u", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip

_TRANSLITERATION = str.maketrans(
    {
        **AZERBAIJANI_TO_ASCII,
        **CYRILLIC_TO_ASCII,
        **{letter.upper(): latin.capitalize() for letter, latin in CYRILLIC_TO_ASCII.items()},
    }
)


def transliterate(text):
    """Return ``text`` with Azerbaijani and Cyrillic letters written in ASCII Latin."""
    return text.translate(_TRANSLITERATION)


def slugify_az(text, max_length=100):
    """
    Make an ASCII slug of ``text`` in any of the site's languages.

    >>> slugify_az("Dördüncü Sənaye İnqilabı")
    'dorduncu-senaye-inqilabi'
    >>> slugify_az("Публикации")
    'publikatsii'

    The slug is cut at a word boundary to fit ``max_length``.
    """
    slug = slugify(transliterate(text))
    if len(slug) > max_length:
        slug = (
            slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
        )
    return slug.strip("-")


# Folding for search. One written rule for the Turkic I: İ, I, ı and i all fold to "i", so
# "İNQİLAB", "Inqilab" and "inqilab" are one word, and so are "ILHAM" and "İlham". The other
# Azerbaijani letters fold to their Latin base (ə→e, ş→s, ç→c, ğ→g, ö→o, ü→u), because visitors
# often type without them: "seher" finds "şəhər". Cyrillic is only lower-cased (Russian search
# keeps its own letters, and PostgreSQL's Russian stemmer reads them). Folding maps each
# character to exactly one character, so a position in folded text is the same position in the
# original, which is how excerpts are highlighted.
_FOLD = {
    **dict.fromkeys("İIıi", "i"),
    **{upper: AZERBAIJANI_TO_ASCII[upper].lower() for upper in "ƏŞÇĞÖÜ"},
    **{lower: AZERBAIJANI_TO_ASCII[lower] for lower in "əşçğöü"},
}


def fold(text):
    """Lower-case ``text`` the Azerbaijani way and drop Azerbaijani diacritics, one for one."""
    folded = []
    for char in text:
        if char in _FOLD:
            folded.append(_FOLD[char])
            continue
        lower = char.lower()
        folded.append(lower if len(lower) == 1 else char)
    return "".join(folded)
