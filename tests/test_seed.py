import pytest
from django.core.management import call_command

from centre.models import Technology
from pages.models import Milestone, Page, PageRedirect

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values()),
        "milestones": list(Milestone.objects.order_by("pk").values()),
        "redirects": PageRedirect.objects.count(),
        "technologies": list(Technology.objects.order_by("pk").values()),
    }


def test_seed_demo_twice_changes_nothing_and_duplicates_nothing(capsys):
    call_command("seed_demo")
    first = snapshot()
    assert len(first["pages"]) == 4
    assert len(first["milestones"]) == 4
    assert len(first["technologies"]) == 6
    output = capsys.readouterr().out
    assert "pages: 4 created" in output
    assert "centre: 6 created" in output

    call_command("seed_demo")
    assert snapshot() == first
    output = capsys.readouterr().out
    assert "pages: 0 created" in output
    assert "centre: 0 created" in output


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


def test_technologies_are_named_in_three_languages():
    call_command("seed_demo")
    ai = Technology.objects.get(slug="artificial-intelligence")
    assert (ai.name_az, ai.name_en, ai.name_ru) == (
        "Süni intellekt",
        "Artificial intelligence",
        "Искусственный интеллект",
    )


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_about_page_links_the_research_document(client, language):
    import re

    from django.utils import translation

    call_command("seed_demo")
    about = Page.objects.get(slug_az="merkez-haqqinda")
    with translation.override(language):
        html = client.get(about.get_absolute_url()).content.decode()
    links = re.findall(rf'href="(/{language}/[^"]*)"', html)
    documents = [
        link for link in links if "numune" in link or "sample" in link or "obrazets" in link
    ]
    assert documents, "the about page does not link the research document"
    response = client.get(documents[0])
    assert response.status_code == 200  # the document's own address, not a redirect
    assert response.context["publication"].slug_az == "4si-texnologiyalarinin-ugurlu-helleri-numune"


def test_seeded_history_holds_no_claim_outside_the_sources():
    call_command("seed_demo")
    text = " ".join(
        str(value)
        for row in Page.objects.values("body_az", "body_en", "body_ru")
        for value in row.values()
    )
    for claim in ("qoşulmaq qərarına", "decided to join", "решил присоединиться"):
        assert claim not in text
