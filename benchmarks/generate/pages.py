"""
Generated pages for load tests and benchmarks (``generate_content --pages N``).

A few top-level sections (two of them in the main menu), every other page below an earlier
one, eight to a parent, so the tree grows a few levels deep as real sites do. Some pages are
drafts, some lack their English or Russian text, every tenth has a timeline of milestones.
"""

import datetime

from centre.i18n import localized_field
from centre.models import Status
from centre.text import slugify_az
from pages.models import Milestone, Page

from .text import LANGUAGES, SLUG_MARK_REGEX, marked_slug, slug_number

SECTIONS = 5
IN_MENU = 2
FAN_OUT = 8


def generated():
    return Page.objects.filter(slug_az__regex=SLUG_MARK_REGEX)


def parent_number(number):
    return None if number <= SECTIONS else (number - SECTIONS - 1) // FAN_OUT + 1


def generate(count, *, text, **options):
    """Top the generated pages up to ``count``; return how many were created."""
    pages = {slug_number(page.slug_az): page for page in generated()}
    created = 0
    for number in range(1, count + 1):
        if number not in pages:
            parent = pages.get(parent_number(number))
            pages[number] = make_page(number, parent, text(f"page-{number}"))
            created += 1
    return created


def make_page(number, parent, maker):
    topic = maker.topic()
    title, summary, body = maker.title(topic), maker.sentences(topic, 2), maker.rich_text(topic)
    languages = maker.languages(number)
    page = Page(
        parent=parent,
        status=Status.DRAFT if number % 17 == 0 else Status.PUBLISHED,
        show_in_menu=number <= IN_MENU,
        menu_order=100 + number,
    )
    for code in LANGUAGES:
        present = code in languages
        setattr(page, localized_field("title", code), title[code] if present else "")
        setattr(page, localized_field("summary", code), summary[code] if present else "")
        setattr(page, localized_field("body", code), body[code] if present else "")
        slug = marked_slug(slugify_az(title[code]), number) if present else ""
        setattr(page, localized_field("slug", code), slug)
    page.save()
    if number % 10 == 0:
        Milestone.objects.bulk_create(
            Milestone(
                page=page,
                date=datetime.date(2017 + index * 2, 1 + number % 12, 1 + index),
                **{
                    localized_field(field, code): value[code]
                    for field, value in (
                        ("title", maker.short(6)),
                        ("description", maker.sentences(maker.topic(), 1)),
                    )
                    for code in languages
                },
            )
            for index in range(3)
        )
    return page


def delete():
    """Remove the generated pages (children first: a parent is protected)."""
    pages = sorted(generated(), key=lambda page: page.url_path_az.count("/"), reverse=True)
    for page in pages:
        page.delete()
    return len(pages)
