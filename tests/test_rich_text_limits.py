"""
Hostile rich text cannot tie up a worker: its size, tags and nesting are bounded before nh3
parses it (nh3's time grows with the square of the depth), and stored rich text is shown as
save() sanitised it, without parsing it again on each view.
"""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from centre import html as rich_text
from centre.html import (
    MAX_RICH_TEXT_DEPTH,
    MAX_RICH_TEXT_LENGTH,
    MAX_RICH_TEXT_TAGS,
    check_rich_text,
    rich_text_depth,
)
from pages.models import Page
from partners.models import Partner

from .admin_forms import page_form_data
from .factories import make_page, make_partner

DEEP = "<blockquote>" * 60_000 + "x" + "</blockquote>" * 60_000


def nested(depth):
    return "<blockquote>" * (depth - 1) + "<p>söz</p>" + "</blockquote>" * (depth - 1)


@pytest.fixture
def cleaner_spy(monkeypatch):
    """nh3's cleaner, watched: which texts reached it."""
    spy = mock.Mock(wraps=rich_text._cleaner)
    monkeypatch.setattr(rich_text, "_cleaner", spy)
    return spy


def texts_cleaned(spy):
    return [call.args[0] for call in spy.clean.call_args_list]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [("az", "Bu mətn çox uzundur"), ("ru", "Текст слишком длинный")],
)
def test_60000_nested_quotes_are_a_form_error_before_nh3_runs(
    admin_client, cleaner_spy, language, message
):
    response = admin_client.post(
        "/admin/pages/page/add/",
        page_form_data(body_ru=DEEP),
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["body_ru"]
    assert message in response.text
    assert not Page.objects.exists()
    assert all(len(text) < 1_000 for text in texts_cleaned(cleaner_spy))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [("az", "bir-birinin içinə çox dərin"), ("ru", "Слишком глубокая вложенность")],
)
def test_too_deep_a_body_is_a_form_error_in_the_staff_language(
    admin_client, cleaner_spy, language, message
):
    body = nested(MAX_RICH_TEXT_DEPTH + 1)
    response = admin_client.post(
        "/admin/pages/page/add/",
        page_form_data(body_az=body),
        headers={"accept-language": language},
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["body_az"]
    assert message in response.text
    assert body not in texts_cleaned(cleaner_spy)
    assert not Page.objects.exists()


@pytest.mark.django_db
def test_a_body_just_under_the_limits_is_accepted(admin_client):
    body = nested(MAX_RICH_TEXT_DEPTH)
    response = admin_client.post("/admin/pages/page/add/", page_form_data(body_en=body))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Page.objects.get().body_en == body


@pytest.mark.django_db
def test_a_huge_partner_description_is_a_form_error(admin_client, cleaner_spy):
    response = admin_client.get("/admin/partners/partner/add/")
    assert response.status_code == 200
    huge = "<p>" + "ə" * MAX_RICH_TEXT_LENGTH + "</p>"
    assert len(huge) > MAX_RICH_TEXT_LENGTH
    response = admin_client.post(
        "/admin/partners/partner/add/",
        {"name_az": "Tərəfdaş", "kind": "network_centre", "description_az": huge},
    )
    assert response.status_code == 200
    assert "description_az" in response.context["adminform"].form.errors
    assert huge not in texts_cleaned(cleaner_spy)
    assert not Partner.objects.exists()


@pytest.mark.parametrize(
    "html",
    [
        "<p>" + "<strong>a</strong>" * (MAX_RICH_TEXT_TAGS // 2) + "</p>",  # too many tags
        "<blockquote></x>" * 100,  # end tags that close nothing do not lower the count
        "<blockquote/>" * 100,  # a "self-closing" blockquote is still open
        "<BLOCKQUOTE>" * 100,
        "<blockquote><!-- </blockquote> -->" * 100,  # an end tag in a comment is none
        '<blockquote title="</blockquote>">' * 100,  # nor in an attribute
        '<style><p title="</style>' + "<blockquote>" * 100 + '">',  # nh3 reads style apart
        "<svg><style><blockquote></style></svg>" * 100,  # foreign content: its own rules
        "<p>" + "<blockquote>" * 100,  # never closed
    ],
)
def test_hostile_markup_is_refused_before_nh3(html, cleaner_spy):
    with pytest.raises(ValidationError):
        rich_text.sanitize_html(html)
    assert not cleaner_spy.clean.called


def test_the_depth_count_reads_comments_and_attributes_as_the_standard_does():
    assert rich_text_depth('<p title="a > b"><a href="x">y</a></p>') == 2
    assert rich_text_depth("<!-- <blockquote><blockquote> --><p>x</p>") == 1
    assert rich_text_depth("<!-- --!><blockquote><blockquote>") == 2
    assert rich_text_depth("<p>a<br>b<br/><hr></p>") == 1


def test_check_stops_counting_past_the_limit():
    # Linear: one pass, stopped as soon as the limit is passed.
    assert rich_text_depth(DEEP, limit=MAX_RICH_TEXT_DEPTH) == MAX_RICH_TEXT_DEPTH + 1
    check_rich_text(nested(MAX_RICH_TEXT_DEPTH))  # no error


@pytest.mark.django_db
def test_save_refuses_text_over_the_limits(cleaner_spy):
    # Content that reaches save() without a form (a seed, a script) stops the save; nh3
    # never sees it and nothing is stored.
    with pytest.raises(ValidationError):
        make_page("Səhifə", body_az=DEEP)
    with pytest.raises(ValidationError):
        make_partner("Tərəfdaş", description_en=nested(MAX_RICH_TEXT_DEPTH + 1))
    assert not Page.objects.exists() and not Partner.objects.exists()
    assert all(len(text) < 1_000 for text in texts_cleaned(cleaner_spy))


@pytest.mark.django_db
def test_stored_body_is_shown_without_sanitising_again_and_is_safe(client, cleaner_spy):
    make_page(
        "Səhifə",
        body_az='<p onclick="x()">Mətn <a href="javascript:alert(1)">link</a></p>'
        "<script>y()</script>",
    )
    cleaner_spy.reset_mock()
    html = client.get("/az/sehife/").text
    assert not cleaner_spy.clean.called
    body = html[html.index('<div class="rich-text">') : html.index("</article>")]
    assert "<p>Mətn <a" in body
    assert "onclick" not in body and "javascript" not in body and "<script" not in body


@pytest.mark.django_db
def test_what_is_stored_is_within_the_limits_so_it_can_be_saved_again():
    # nh3 adds rel="noopener noreferrer" to each link: the stored text is longer than the
    # typed one. It is refused when typed, not on a later save (of a child page that moves).
    links = '<p><a href="https://weforum.org/">WEF</a></p>'
    grows = links * (MAX_RICH_TEXT_LENGTH // len(links))
    with pytest.raises(ValidationError):
        make_page("Səhifə", body_az=grows)
    page = make_page("Səhifə", body_az=links * 2_000)
    page.save()
    assert len(page.body_az) <= MAX_RICH_TEXT_LENGTH
