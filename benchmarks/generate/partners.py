"""
Generated partners for load tests and benchmarks (``generate_content --partners N``).

Organisations of every kind (a few network centres, mostly academia, industry and government),
from a dozen countries, each on one to three technologies; every fourth has a logo (with its
renditions, as an upload would), one in twenty is inactive, some lack a translation.
"""

from centre.i18n import localized_field
from centre.models import Technology
from centre.text import slugify_az
from partners.models import Kind, Partner
from partners.seed import placeholder_logo

from .text import LANGUAGES, ORGANISATION_KINDS, SLUG_MARK_REGEX, marked_slug, slug_number

# Kinds in proportion: mostly academia, industry and government, a few network centres.
KINDS = [
    Kind.ACADEMIA,
    Kind.INDUSTRY,
    Kind.GOVERNMENT,
    Kind.INDUSTRY,
    Kind.ACADEMIA,
    Kind.INTERNATIONAL,
    Kind.GOVERNMENT,
    Kind.PLATFORM,
]
COUNTRIES = ["AZ", "TR", "AE", "IL", "JP", "DE", "FR", "GB", "US", "KR", "SG", "CH", "GE", "KZ"]
# The words a name of each kind ends in (indexes into ORGANISATION_KINDS).
NAMES = {
    Kind.NETWORK_CENTRE: [7],
    Kind.PLATFORM: [8],
    Kind.INTERNATIONAL: [6],
    Kind.GOVERNMENT: [3, 0],
    Kind.ACADEMIA: [4, 2],
    Kind.INDUSTRY: [1, 5],
}
COLOURS = [(11, 58, 103), (14, 124, 138), (179, 38, 30), (106, 44, 112), (138, 90, 0)]


def generated():
    return Partner.objects.filter(slug_az__regex=SLUG_MARK_REGEX)


def generate(count, *, text, **options):
    """Top the generated partners up to ``count``; return how many were created."""
    existing = {slug_number(slug) for slug in generated().values_list("slug_az", flat=True)}
    technologies = list(Technology.objects.all())
    created = 0
    for number in range(1, count + 1):
        if number not in existing:
            make_partner(number, text(f"partner-{number}"), technologies)
            created += 1
    return created


def make_partner(number, maker, technologies):
    kind = Kind.NETWORK_CENTRE if number % 40 == 1 else KINDS[number % len(KINDS)]
    name = maker.organisation([ORGANISATION_KINDS[index] for index in NAMES[kind]])
    summary = maker.sentences(maker.topic(), 2)
    description = maker.rich_text(maker.topic(), sections=1)
    languages = maker.languages(number)
    partner = Partner(
        kind=kind,
        country=COUNTRIES[number % len(COUNTRIES)],
        founded_year=1990 + number % 35,
        website=f"https://partner-{number}.example.org/",
        is_active=number % 20 != 0,
        order=number % 3,
    )
    if number % 4 == 1:
        initials = "".join(word[0] for word in name["en"].split()[:2]).upper()
        partner.logo = placeholder_logo(initials, "4IR", COLOURS[number % len(COLOURS)])
    for code in LANGUAGES:
        present = code in languages
        for field, value in (
            ("name", name),
            ("short_name", {lang: value.split()[0] for lang, value in name.items()}),
            ("summary", summary),
            ("description", description),
        ):
            setattr(partner, localized_field(field, code), value[code] if present else "")
        slug = marked_slug(slugify_az(name[code]), number) if present else ""
        setattr(partner, localized_field("slug", code), slug)
    partner.save()
    if technologies:
        start = number % len(technologies)
        partner.technologies.set(technologies[start : start + 1 + number % 3])
    return partner


def delete():
    partners = generated()
    count = partners.count()
    partners.delete()  # the queryset's delete removes the logos' files too
    return count
