"""
Citation exports of a publication: BibTeX and RIS, in the active language.

Authors are people or organisations as staff wrote them (``publications.models.Author``): BibTeX
gets an organisation in braces so that it is not split into first and last names; RIS gives
people as ``AU`` and organisations as ``A2`` (``AU`` would be split at a comma), and the
publisher standing in as the corporate author only as ``PB``. Samples have no citation (the
view answers 404); a publication without a date has no year.
"""

import re

from .models import PublicationType

# Control characters would end a RIS field or corrupt a BibTeX file.
CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
BIBTEX_SPECIAL = str.maketrans(
    {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}", **{c: "\\" + c for c in "{}%&$#_"}}
)
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# BibTeX's "techreport" and RIS's "RPRT"; other types are BibTeX's "misc".
REPORTS = {
    PublicationType.RESEARCH,
    PublicationType.REPORT,
    PublicationType.WHITE_PAPER,
    PublicationType.POLICY_BRIEF,
}
RIS_TYPES = {**dict.fromkeys(REPORTS, "RPRT"), PublicationType.STRATEGY: "GOVDOC"}


def one_line(text):
    return " ".join(CONTROL.sub(" ", str(text or "")).split())


def bibtex_escape(text):
    return one_line(text).translate(BIBTEX_SPECIAL)


def bibtex_author(author):
    if author.is_organisation:
        return f"{{{bibtex_escape(author.name)}}}"
    return bibtex_escape(author.inverted_name)


def bibtex(publication, url, pdf_url=None, language=""):
    entry = "techreport" if publication.publication_type in REPORTS else "misc"
    date = publication.publication_date
    publisher = "institution" if entry == "techreport" else "publisher"
    fields = [  # each value as written in braces, escaped
        ("title", f"{{{bibtex_escape(publication.title)}}}"),
        ("author", " and ".join(bibtex_author(a) for a in publication.citation_authors)),
        (publisher, bibtex_escape(publication.publisher_name)),
        ("type", bibtex_escape(publication.get_publication_type_display())),
        ("year", str(date.year) if date else ""),
        ("month", BIBTEX_MONTHS[date.month - 1] if date else ""),
        ("date", date.isoformat() if date else ""),
        ("language", bibtex_escape(language)),
        ("url", one_line(url)),
        ("file", one_line(pdf_url)),
        ("keywords", bibtex_escape(", ".join(str(t) for t in publication.technologies.all()))),
        ("abstract", bibtex_escape(publication.abstract)),
    ]
    key = f"{publication.slug_az}-{date.year}" if date else publication.slug_az
    lines = [
        # The month is a BibTeX macro, unbraced.
        f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},"
        for name, value in fields
        if value
    ]
    return "\n".join([f"@{entry}{{{key},", *lines, "}"]) + "\n"


def ris(publication, url, pdf_url=None, language=""):
    date, authors = publication.publication_date, publication.author_list
    lines = [
        ("TY", RIS_TYPES.get(publication.publication_type, "GEN")),
        ("TI", publication.title),
        *(("A2", a.name) if a.is_organisation else ("AU", a.inverted_name) for a in authors),
        ("PY", str(date.year) if date else ""),
        ("DA", date.strftime("%Y/%m/%d") if date else ""),
        ("PB", publication.publisher_name),
        ("M3", publication.get_publication_type_display()),
        ("LA", language),
        ("AB", publication.abstract),
        ("UR", url),
        ("L1", pdf_url or ""),
        *(("KW", technology) for technology in publication.technologies.all()),
        ("ER", ""),
    ]
    # RIS: "TAG  - value", one field a line, CRLF line ends.
    return "".join(
        f"{tag}  - {one_line(value)}\r\n" for tag, value in lines if value or tag == "ER"
    )
