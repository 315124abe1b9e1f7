import pytest
from django.core.management import call_command

from pages.models import Milestone, Page, PageRedirect

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values()),
        "milestones": list(Milestone.objects.order_by("pk").values()),
        "redirects": PageRedirect.objects.count(),
    }


def test_seed_demo_twice_changes_nothing_and_duplicates_nothing(capsys):
    call_command("seed_demo")
    first = snapshot()
    assert len(first["pages"]) == 4
    assert len(first["milestones"]) == 4
    assert "pages: 4 created" in capsys.readouterr().out

    call_command("seed_demo")
    assert snapshot() == first
    assert "pages: 0 created" in capsys.readouterr().out


def test_seed_demo_leaves_staff_edits_alone():
    call_command("seed_demo")
    about = Page.objects.get(slug_az="merkez-haqqinda")
    about.title_en = "About us"
    about.save()
    call_command("seed_demo")
    about.refresh_from_db()
    assert about.title_en == "About us"
    assert Page.objects.count() == 4


def test_seeded_pages_are_complete_in_three_languages():
    call_command("seed_demo")
    for page in Page.objects.all():
        for field in ("title", "summary", "body"):
            for language in ("az", "en", "ru"):
                assert getattr(page, f"{field}_{language}"), (page.title_az, field, language)
    for milestone in Milestone.objects.all():
        for language in ("az", "en", "ru"):
            assert getattr(milestone, f"title_{language}")
            assert getattr(milestone, f"description_{language}")
