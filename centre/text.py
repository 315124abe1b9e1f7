"""Text helpers shared by every app: ASCII transliteration and slugs.

Django's ``slugify`` alone drops the letters it cannot decompose to ASCII, so
"Əşyaların interneti" would become "yalarn-interneti". Every slug on the site is therefore made
by :func:`slugify_az`, which first transliterates Azerbaijani and Cyrillic letters.
"""

import unicodedata

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
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug.strip("-")


# Folding for search. One written rule for the Turkic I: İ, I, ı and i all fold to "i", so
# "İNQİLAB", "Inqilab" and "inqilab" are one word, and so are "ILHAM" and "İlham". The other
# Azerbaijani letters fold to their Latin base (ə→e, ş→s, ç→c, ğ→g, ö→o, ü→u), because visitors
# often type without them: "seher" finds "şəhər". Cyrillic is only lower-cased (Russian search
# keeps its own letters, and PostgreSQL's Russian stemmer reads them), but for "ё", which Russian
# may write "е" ("Четвёртой", "Четвертой"): it folds to "е". Folding maps each
# character to exactly one character, so a position in folded text is the same position in the
# original, which is how excerpts are highlighted.
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
# Databases sort text by their own collation (SQLite by code point, PostgreSQL by whatever the
# cluster was created with), and neither knows that Azerbaijani puts "ç" after "c", "x" after
# "h" and "q" after "k". So a name's order is computed here, once, as a key that every
# database orders the same way.

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


def lower(text, language):
    """Lower-case ``text`` by the rules of ``language``: Turkic ``I`` -> ``ı``, ``İ`` -> ``i``."""
    if language in TURKIC_LANGUAGES:
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def collation_key(text, language):
    """
    A key that orders ``text`` by the alphabet of ``language`` when keys are compared as plain
    strings: ``sorted(names, key=lambda n: collation_key(n, "az"))`` puts "Cənubi Afrika"
    before "Çin" before "Dubay", and "Hindistan" before "İsrail" before "Japoniya".

    The key is written in ASCII digits only, three per letter, so that every database
    collation (C, en_US, ICU…) compares it exactly as Python does. Words are compared one by
    one (a space sorts before any letter), digits before letters, case is ignored, and
    letters the language does not know sort with their base letter (é with e), or after
    all letters, by code point.
    """
    weights = _COLLATION_WEIGHTS.get(language, _COLLATION_WEIGHTS["en"])
    codes = []
    for char in lower(unicodedata.normalize("NFC", text), language):
        if unicodedata.combining(char):
            continue  # the dot "İ" keeps after lower() outside Turkic languages
        if char.isdigit() and char.isascii():
            codes.append(f"01{char}")
            continue
        weight = weights.get(char)
        if weight is None:
            base = unicodedata.normalize("NFD", char)[0]
            weight = weights.get(base)
        if weight is not None:
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
