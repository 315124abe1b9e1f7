"""
Transliteration, slugs, search folding and collation. Django's ``slugify`` alone drops what it
cannot decompose ("Əşyaların interneti" -> "yalarn-interneti"), so slugs come from ``slugify_az``.
"""

import unicodedata

from django.utils.text import capfirst as django_capfirst
from django.utils.text import slugify
from django.utils.translation import get_language

# The Turkic dotted and dotless I both become "i": "İnqilab" and "ınqilab" are one word.
AZERBAIJANI_TO_ASCII = dict(zip("ƏəıİŞşÇçĞğÖöÜü", "EeiISsCcGgOoUu", strict=True))

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
    return text.translate(_TRANSLITERATION)


def slugify_az(text, max_length=100):
    """An ASCII slug cut at a word boundary: "Dördüncü İnqilab" -> "dorduncu-inqilab"."""
    slug = slugify(transliterate(text))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug.strip("-")


# Folding for search: İ, I, ı, i fold to "i"; other Azerbaijani letters to their Latin base
# ("seher" finds "şəhər"); Cyrillic is only lower-cased, "ё" folded to "е". One character for
# one, so a position in folded text is the same in the original (excerpts are highlighted so).
_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys("İIıi", "i"),
        **{letter: AZERBAIJANI_TO_ASCII[letter].lower() for letter in "ƏŞÇĞÖÜəşçğöü"},
        **dict.fromkeys("Ёё", "е"),
    }
)


def fold(text):
    """Lower-case ``text`` the Azerbaijani way and drop Azerbaijani diacritics, one for one."""
    # The table first: "İ" is the one letter whose lower case is two characters ("i̇"), and
    # it is in the table, so what lower() meets next keeps its length.
    return text.translate(_FOLD_TABLE).lower()


# ---- Sorting by the alphabet of a language --------------------------------------------------
#
# Databases know no Azerbaijani order ("ç" after "c", "x" after "h", "q" after "k"): a name's
# order is a key computed here, that every database collation orders the same way.

AZERBAIJANI_ALPHABET = "a b c ç d e ə f g ğ h x ı i j k q l m n o ö p r s ş t u ü v w y z"
# English (and the Unicode default order) keeps ə after e and the dotless ı after i as
# letters of their own; other accented Latin letters sort with their base letter.
LATIN_ALPHABET = "a b c d e ə f g h i ı j k l m n o p q r s t u v w x y z"
# "ё" sorts with "е", as Russian dictionaries do.
RUSSIAN_ALPHABET = "а б в г д е/ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я"

# Each language's letters in order: its own script first, then the others (Russian lists
# Cyrillic before Latin, as Russian collation does).
COLLATION_ALPHABETS = {
    "az": (AZERBAIJANI_ALPHABET, RUSSIAN_ALPHABET),
    "en": (LATIN_ALPHABET, RUSSIAN_ALPHABET),
    "ru": (RUSSIAN_ALPHABET, LATIN_ALPHABET),
}
TURKIC_LANGUAGES = {"az", "tr"}


def _weights(alphabets):
    weights = {}
    for position, letters in enumerate(" ".join(alphabets).split()):
        for letter in letters.split("/"):
            weights.setdefault(letter, position)
    return weights


_COLLATION_WEIGHTS = {code: _weights(alphabets) for code, alphabets in COLLATION_ALPHABETS.items()}


def collation_key(text, language):
    """
    A key, in ASCII digits (three a letter) that any collation compares as Python does, that
    orders ``text`` by the alphabet of ``language``: "Cənubi Afrika", "Çin", "Dubay". Word by
    word, digits first, case ignored; unknown letters with their base (é with e) or last.
    """
    weights = _COLLATION_WEIGHTS.get(language, _COLLATION_WEIGHTS["en"])
    text = unicodedata.normalize("NFC", text)
    if language in TURKIC_LANGUAGES:  # lower case the Turkic way: "I" -> "ı", "İ" -> "i"
        text = text.replace("I", "ı").replace("İ", "i")
    codes = []
    for char in text.lower():
        if unicodedata.combining(char):
            continue  # the dot "İ" keeps after lower() outside Turkic languages
        weight = weights.get(char, weights.get(unicodedata.normalize("NFD", char)[0]))
        if char.isdigit() and char.isascii():
            codes.append(f"01{char}")
        elif weight is not None:
            codes.append(f"{100 + weight:03d}")
        elif char.isalnum():
            # Unknown letters after all known ones ("9" starts no three-digit code).
            codes.append(f"9{ord(char):07d}")
        elif codes and codes[-1] != "001":
            # Spaces and punctuation separate words; a run of them counts once.
            codes.append("001")
    while codes and codes[-1] == "001":
        codes.pop()
    return "".join(codes)


def capfirst(text, language=None):
    """``text`` with a capital first letter, the Turkic way in Azerbaijani: "İngilis dili"."""
    text = str(text)
    if (language or get_language()) in TURKIC_LANGUAGES and text.startswith("i"):
        return "İ" + text[1:]  # Django's capfirst would write "Ingilis dili"
    return django_capfirst(text)
