"""
The translator's view of one item: the Azerbaijani beside English and Russian, what changed in
the Azerbaijani since each translation was made (word by word, from history), saving per field
or for the whole item, *Mark as checked*, and who may do what.
"""

import json

import lxml.html
import pytest
from django.contrib.auth.models import Permission
from reversion.models import Version

from centre.models import Status
from centre.translating import word_difference
from pages.models import Page

from .admin_forms import form_data, submit
from .factories import make_page, make_staff
from .reading import queries

pytestmark = pytest.mark.django_db

EN = {"accept-language": "en"}


def marked(html):
    """``(removed words, added words)`` as a reader sees them, without the announcements."""
    document = lxml.html.fragment_fromstring(f"<div>{html}</div>")
    for hidden in document.xpath("//*[@class='visually-hidden']"):
        hidden.drop_tree()
    return (
        [" ".join(element.text_content().split()) for element in document.iter("del")],
        [" ".join(element.text_content().split()) for element in document.iter("ins")],
    )


class TestWordDifference:
    def test_removed_and_added_words_with_azerbaijani_letters(self):
        html = word_difference(
            "Mərkəz İlham Əliyevin fərmanı ilə yaradılıb.",
            "Mərkəz Prezidentin fərmanı ilə 2021-ci ildə yaradılmışdır.",
        )
        assert marked(html) == (
            ["İlham Əliyevin", "yaradılıb"],
            ["Prezidentin", "2021-ci ildə yaradılmışdır"],
        )
        # A word is a whole word: "fərmanı" shared, not split at its Azerbaijani letters.
        assert "fərmanı ilə" in lxml.html.fragment_fromstring(f"<div>{html}</div>").text_content()

    def test_html_tags_are_not_words(self):
        old = "<p>Dördüncü <strong>sənaye</strong> inqilabı</p>"
        new = "<p>Dördüncü sənaye <em>inqilabı</em></p>"
        assert marked(word_difference(old, new, rich=True)) == ([], [])

    def test_a_tag_is_text_in_plain_fields(self):
        # In a title "<b>" is what the reader reads.
        assert marked(word_difference("Başlıq <b>", "Başlıq")) == (["<b>"], [])

    def test_spaces_and_paragraph_breaks_alone_are_no_change(self):
        old = "<p>Birinci abzas.</p><p>İkinci   abzas.</p>"
        new = "<p>Birinci\nabzas.</p>\n<p>İkinci abzas.</p>"
        assert marked(word_difference(old, new, rich=True)) == ([], [])

    def test_a_word_moved_to_another_paragraph(self):
        html = word_difference("<p>Bir iki</p><p>üç</p>", "<p>Bir</p><p>iki üç</p>", rich=True)
        assert marked(html) == ([], [])
        # Shown as it is now: two paragraphs.
        assert "Bir\n\niki üç" in lxml.html.fragment_fromstring(f"<div>{html}</div>").text_content()

    def test_a_removed_first_paragraph_stays_apart_from_the_next(self):
        html = word_difference("<p>Birinci abzas.</p><p>İkinci.</p>", "<p>İkinci.</p>", rich=True)
        assert marked(html) == (["Birinci abzas."], [])
        text = lxml.html.fragment_fromstring(f"<div>{html}</div>").text_content()
        assert text.endswith("]\n\nİkinci.")  # not "…abzas.]İkinci."

    def test_text_is_escaped(self):
        html = word_difference("a", "a &lt;script&gt;alert(1)&lt;/script&gt;", rich=True)
        assert "<script>" not in html and "&lt;script&gt;" in html

    def test_each_mark_is_announced_in_the_admins_language(self):
        from django.utils import translation

        with translation.override("ru"):
            html = word_difference("köhnə söz", "yeni söz")
        assert '<span class="visually-hidden" lang="ru">[удалено: </span>' in html
        assert '<span class="visually-hidden" lang="ru">[добавлено: </span>' in html

    def test_a_paragraph_too_long_to_compare_word_by_word_is_marked_whole(self):
        # One word repeated: compared word by word, every old word would match every new one.
        old = "<p>" + " ".join(["söz"] * 2_000) + "</p><p>Son.</p>"
        new = "<p>" + " ".join(["söz"] * 1_999 + ["yeni"]) + "</p><p>Son.</p>"
        removed, added = marked(word_difference(old, new, rich=True))
        assert len(removed) == len(added) == 1
        assert added[0].endswith("söz yeni") and len(added[0].split()) == 2_000
        # The paragraph that did not change is not marked.
        assert "Son." not in removed[0] + added[0]

    def test_a_long_text_with_a_few_changed_words_is_marked_word_by_word(self):
        # About 11,000 words of the Centre's own kind of text: word by word where it changed
        # (what that costs: benchmarks/word_difference.py).
        sentence = (
            "Dördüncü Sənaye İnqilabının Təhlili və Koordinasiya Mərkəzi süni intellekt, "
            "əşyaların interneti və 3D çap sahəsində ölkəmizin mövqeyini gücləndirir."
        )
        old = "".join(f"<p>{n}. {sentence * 10}</p>" for n in range(60))
        new = old.replace("<p>7. Dördüncü", "<p>7. Beşinci", 1).replace(
            "<p>20.", "<p>Yeni.</p><p>20."
        )
        html = word_difference(old, new, rich=True)
        assert marked(html) == (["Dördüncü"], ["Beşinci", "Yeni."])

    def test_a_long_rewrite_is_marked_paragraph_by_paragraph(self):
        old = "\n\n".join(" ".join(f"söz{p}x{n}" for n in range(400)) for p in range(20))
        new = old.replace("söz", "kəlmə")
        removed, added = marked(word_difference(old, new))
        # Every word of every paragraph changed: each paragraph removed and added whole.
        assert (len(removed), len(added)) == (20, 20)
        assert added[0].startswith("kəlmə0x0 ") and added[0].endswith("kəlmə0x399")

    def test_a_correction_in_every_paragraph_is_marked_word_by_word(self):
        paragraph = " ".join(f"söz{n}" for n in range(300))
        old = "\n\n".join(f"{number}. {paragraph}" for number in range(20))
        new = old.replace("söz7 ", "kəlmə7 ")
        removed, added = marked(word_difference(old, new))
        assert (removed, added) == (["söz7"] * 20, ["kəlmə7"] * 20)

    def test_a_very_long_text_is_compared_paragraph_by_paragraph(self):
        paragraph = " ".join(f"söz{n}" for n in range(500))
        old = "\n\n".join([paragraph] * 50)
        new = old + "\n\nYeni abzas."
        assert marked(word_difference(old, new)) == ([], ["Yeni abzas."])


@pytest.fixture
def about():
    """A published page as the seed makes it: translated, and with no history yet."""
    return make_page(
        "Mərkəz haqqında",
        title_en="About the Centre",
        title_ru="О Центре",
        body_az="<p>Mərkəz 2019-cu ildə yaradılıb.</p>",
        body_en="<p>The Centre was founded in 2019.</p>",
        body_ru="<p>Центр основан в 2019 году.</p>",
    )


def change_url(page):
    return f"/admin/pages/page/{page.pk}/change/"


def translations_url(page):
    return f"/admin/pages/page/{page.pk}/translations/"


def edit_azerbaijani(client, page, body_az):
    submit(client, change_url(page), {"body_az": body_az, "_continue": "1"})
    page.refresh_from_db()


def cell(html, field, code):
    [element] = lxml.html.fromstring(html).xpath("//*[@id=$id]", id=f"field-{field}-{code}")
    return element


class TestWhatChanged:
    def test_the_azerbaijani_when_each_translation_was_made(self, admin_client, about):
        # The seed's page has no history: its first change in the admin keeps it as it was.
        edit_azerbaijani(admin_client, about, "<p>Mərkəz 2020-ci ildə yaradılıb.</p>")
        # English is brought up to date; Russian is left.
        about.body_en = "<p>The Centre was founded in 2020.</p>"
        about.save()
        edit_azerbaijani(admin_client, about, "<p>Mərkəz 2020-ci ildə Bakıda yaradılıb.</p>")
        assert about.stale_translations() == {"en": ["body"], "ru": ["body"]}

        html = admin_client.get(translations_url(about), headers=EN).text
        difference = cell(html, "body", "en").xpath(".//*[@class='word-difference']")[0]
        assert difference.get("lang") == "az"
        # English was made from the 2020 text; Russian from the seed's 2019 text.
        assert marked(lxml.html.tostring(difference, encoding="unicode")) == ([], ["Bakıda"])
        difference = cell(html, "body", "ru").xpath(".//*[@class='word-difference']")[0]
        assert marked(lxml.html.tostring(difference, encoding="unicode")) == (
            ["2019-cu"],
            ["2020-ci", "Bakıda"],
        )

    def test_the_first_version_keeps_what_was_stored(self, admin_client, about):
        assert not Version.objects.get_for_object(about).exists()
        edit_azerbaijani(admin_client, about, "<p>Yeni mətn.</p>")
        first, second = Version.objects.get_for_object(about).order_by("pk")
        assert first.field_dict["body_az"] == "<p>Mərkəz 2019-cu ildə yaradılıb.</p>"
        assert second.field_dict["body_az"] == "<p>Yeni mətn.</p>"
        # A second change adds one version, not another first one.
        edit_azerbaijani(admin_client, about, "<p>Daha yeni mətn.</p>")
        assert Version.objects.get_for_object(about).count() == 3

    def test_the_first_version_kept_here_is_what_was_stored(self, admin_client, about):
        # The item's first change is a translation saved in this view: the first version keeps
        # the translation as it was, not as typed.
        post(admin_client, about, _save="title_en", title_en="About us")
        first, second = Version.objects.get_for_object(about).order_by("pk")
        assert first.revision.user is None
        assert first.field_dict["title_en"] == "About the Centre"
        assert second.field_dict["title_en"] == "About us"

    def test_the_first_version_says_what_it_is_in_each_readers_language(self, admin_client, about):
        # Made by an admin reading Azerbaijani (the default), read in English and Russian.
        edit_azerbaijani(admin_client, about, "<p>Yeni mətn.</p>")
        history = f"/admin/pages/page/{about.pk}/history/"
        for language, text in [
            ("en", "As it was before its first change in the admin"),
            ("ru", "Как было до первого изменения в панели администрирования"),
        ]:
            response = admin_client.get(history, headers={"accept-language": language})
            assert response.context["action_list"][-1]["text"] == text

    def test_a_restored_version_brings_back_its_flags(self, admin_client, about):
        edit_azerbaijani(admin_client, about, "<p>Mərkəz 2020-ci ildə yaradılıb.</p>")
        post(admin_client, about, _save="body_en", body_en="<p>Founded in 2020.</p>")
        about.refresh_from_db()
        assert about.stale_translations() == {"ru": ["body"]}
        # The version from before the English was brought up to date: its English was made
        # from the 2019 text, and is again possibly outdated, with what changed since.
        _first, changed, _translated = Version.objects.get_for_object(about).order_by("pk")
        submit(admin_client, f"/admin/pages/page/{about.pk}/history/{changed.pk}/")
        about.refresh_from_db()
        assert about.body_en == "<p>The Centre was founded in 2019.</p>"
        assert about.stale_translations() == {"en": ["body"], "ru": ["body"]}
        html = admin_client.get(translations_url(about), headers=EN).text
        difference = cell(html, "body", "en").xpath(".//*[@class='word-difference']")[0]
        assert marked(lxml.html.tostring(difference, encoding="unicode")) == (
            ["2019-cu"],
            ["2020-ci"],
        )

    def test_without_the_text_in_history_it_says_so(self, admin_client, about):
        about.body_az = "<p>Başqa yolla dəyişdi.</p>"  # not through the admin: no version
        about.save()
        html = admin_client.get(translations_url(about), headers=EN).text
        assert "is not in the history" in cell(html, "body", "en").text_content()

    def test_the_edit_form_links_each_flagged_field_here(self, admin_client, about):
        edit_azerbaijani(admin_client, about, "<p>Yeni mətn.</p>")
        html = admin_client.get(change_url(about), headers=EN).text
        links = lxml.html.fromstring(html).xpath("//a[@class='translation-flag']/@href")
        assert translations_url(about) + "#field-body-en" in links
        assert translations_url(about) + "#field-body-ru" in links
        # Missing translations link too (the page has no summary in English).
        about.summary_az = "Xülasə"
        about.save()
        html = admin_client.get(change_url(about), headers=EN).text
        assert translations_url(about) + "#field-summary-en" in html

    def test_the_translations_page_links_each_item_here(self, admin_client, about):
        edit_azerbaijani(admin_client, about, "<p>Yeni mətn.</p>")
        html = admin_client.get("/admin/translations/", headers=EN).text
        assert translations_url(about) in lxml.html.fromstring(html).xpath("//a/@href")


def post(client, page, **data):
    html = client.get(translations_url(page), headers=EN).text
    return client.post(translations_url(page), form_data(html, **data), headers=EN)


class TestSaving:
    @pytest.fixture
    def stale(self, admin_client, about):
        edit_azerbaijani(admin_client, about, "<p>Mərkəz 2020-ci ildə yaradılıb.</p>")
        return about

    def test_saving_one_translation_clears_its_flag_only(self, admin_client, stale):
        response = post(
            admin_client, stale, _save="body_en", body_en="<p>The Centre was founded in 2020.</p>"
        )
        assert response.status_code == 302
        assert response["Location"].endswith("#field-body-en")
        stale.refresh_from_db()
        assert stale.body_en == "<p>The Centre was founded in 2020.</p>"
        assert stale.stale_translations() == {"ru": ["body"]}
        # One version more in history, saying what changed.
        latest = Version.objects.get_for_object(stale).order_by("-pk").first()
        assert latest.revision.user.username == "admin"
        assert (
            "Body [en]" in latest.revision.get_comment()
            or "body" in latest.revision.get_comment().lower()
        )

    def test_saving_one_unchanged_translation_says_it_fits(self, admin_client, stale):
        assert post(admin_client, stale, _save="body_ru").status_code == 302
        stale.refresh_from_db()
        assert stale.stale_translations() == {"en": ["body"]}

    def test_mark_as_checked_per_field(self, admin_client, stale):
        response = post(admin_client, stale, _check="body_ru")
        assert response.status_code == 302
        stale.refresh_from_db()
        assert stale.stale_translations() == {"en": ["body"]}
        assert stale.body_ru == "<p>Центр основан в 2019 году.</p>"

    def test_save_all_saves_what_changed(self, admin_client, stale):
        response = post(
            admin_client,
            stale,
            _save="all",
            body_en="<p>Founded in 2020.</p>",
            body_ru="<p>Основан в 2020 году.</p>",
            title_en="About us",
        )
        assert response.status_code == 302
        html = admin_client.get(response["Location"], headers=EN).text
        assert "The translations were saved." in html
        stale.refresh_from_db()
        assert (stale.title_en, stale.body_ru) == ("About us", "<p>Основан в 2020 году.</p>")
        assert stale.stale_translations() == {}

    def test_save_all_leaves_an_unchanged_translation_flagged(self, admin_client, stale):
        post(admin_client, stale, _save="all", body_en="<p>Founded in 2020.</p>")
        stale.refresh_from_db()
        assert stale.stale_translations() == {"ru": ["body"]}

    def test_what_was_typed_elsewhere_is_kept_not_lost(self, admin_client, stale):
        response = post(
            admin_client, stale, _save="body_en", body_en="<p>Founded in 2020.</p>", title_ru="Мы"
        )
        assert response.status_code == 200
        assert "Not saved yet" in response.text
        stale.refresh_from_db()
        assert stale.title_ru == "О Центре"  # not saved…
        assert form_data(response.text)["title_ru"] == "Мы"  # …but still there to save
        [warning] = lxml.html.fromstring(response.text).xpath("//*[@class='warning']")
        assert warning.text_content() == "Not saved yet: title (RU). Save them when they are ready."

    def test_rich_text_is_sanitised_as_in_the_edit_form(self, admin_client, stale):
        post(
            admin_client,
            stale,
            _save="body_en",
            body_en='<p onclick="x()">Hi<script>alert(1)</script></p>',
        )
        stale.refresh_from_db()
        assert stale.body_en == "<p>Hi</p>"

    @pytest.mark.parametrize(
        "value",
        ["x" * 300, "Başlıq\x00"],
        ids=["too-long", "nul"],
    )
    def test_bad_input_is_a_form_error_and_nothing_is_lost(self, admin_client, stale, value):
        response = post(admin_client, stale, _save="title_en", title_en=value)
        assert response.status_code == 200
        assert cell(response.text, "title", "en").xpath(".//*[contains(@class, 'errorlist')]")
        stale.refresh_from_db()
        assert stale.title_en == "About the Centre"

    def test_too_much_rich_text_is_a_form_error(self, admin_client, stale):
        response = post(admin_client, stale, _save="body_en", body_en="<p>" * 50 + "x" * 250_000)
        assert response.status_code == 200
        stale.refresh_from_db()
        assert stale.body_en == "<p>The Centre was founded in 2019.</p>"

    @pytest.mark.parametrize(
        "data",
        [
            {"_save": "status"},
            {"_save": "body_az"},
            {"_save": "slug_en"},
            {"_save": ""},
            {"_check": "status"},
            {"_check": "body_az"},
        ],
    )
    def test_only_the_translations_are_saved_here(self, admin_client, stale, data):
        response = post(admin_client, stale, **data)
        assert response.status_code == 400
        stale.refresh_from_db()
        assert stale.body_az == "<p>Mərkəz 2020-ci ildə yaradılıb.</p>"

    @pytest.mark.parametrize("target", ["all", "title_en"])
    def test_a_field_left_out_of_the_submission_is_not_emptied(self, admin_client, stale, target):
        # A hand-made or truncated submission: only what it holds is saved.
        response = admin_client.post(
            translations_url(stale), {"_save": target, "body_en": "<p>Founded in 2020.</p>"}
        )
        assert response.status_code in (302, 400)
        stale.refresh_from_db()
        assert (stale.title_en, stale.title_ru) == ("About the Centre", "О Центре")
        assert stale.body_ru == "<p>Центр основан в 2019 году.</p>"

    def test_an_azerbaijani_change_made_while_translating_keeps_the_flag(self, admin_client, about):
        html = admin_client.get(translations_url(about), headers=EN).text
        # Meanwhile someone changes the Azerbaijani the translator is looking at.
        edit_azerbaijani(admin_client, about, "<p>Mərkəz 2020-ci ildə Bakıda yaradılıb.</p>")
        data = form_data(html, _save="body_en", body_en="<p>The Centre was set up in 2019.</p>")
        response = admin_client.post(translations_url(about), data, headers=EN)
        assert response.status_code == 302
        about.refresh_from_db()
        assert about.body_en == "<p>The Centre was set up in 2019.</p>"
        # Made from the text shown, not from the one saved since: flagged, with what changed.
        assert about.stale_translations() == {"en": ["body"], "ru": ["body"]}
        html_now = admin_client.get(response["Location"], headers=EN).text
        assert "The Azerbaijani text changed while you were translating" in html_now
        difference = cell(html_now, "body", "en").xpath(".//*[@class='word-difference']")[0]
        assert marked(lxml.html.tostring(difference, encoding="unicode")) == (
            ["2019-cu"],
            ["2020-ci", "Bakıda"],
        )
        # Checked against the text shown: still flagged too.
        admin_client.post(translations_url(about), form_data(html, _check="body_ru"))
        about.refresh_from_db()
        assert about.stale_translations() == {"en": ["body"], "ru": ["body"]}

    def test_counts_on_the_desk_and_the_translations_page_stay_in_step(self, admin_client, stale):
        def totals():
            desk = admin_client.get("/admin/").context["translation_totals"]
            page = admin_client.get("/admin/translations/").context["totals"]
            assert desk == page
            return page

        assert totals()["en"]["stale"] == totals()["ru"]["stale"] == 1
        post(admin_client, stale, _save="body_en", body_en="<p>Founded in 2020.</p>")
        assert (totals()["en"]["stale"], totals()["ru"]["stale"]) == (0, 1)
        post(admin_client, stale, _check="body_ru")
        assert totals()["ru"]["stale"] == 0


class TestRights:
    @pytest.fixture
    def stale(self, admin_client, about):
        edit_azerbaijani(admin_client, about, "<p>Yeni mətn.</p>")
        return about

    def test_anonymous_visitors_are_sent_to_log_in(self, client, stale):
        response = client.get(translations_url(stale))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        response = client.post(translations_url(stale), {"_save": "body_en", "body_en": "x"})
        assert response.status_code == 302
        stale.refresh_from_db()
        assert stale.body_en == "<p>The Centre was founded in 2019.</p>"

    def test_an_editor_translates_a_published_page_directly(self, client, stale):
        client.force_login(make_staff("elvin", "Editor"))
        response = post(client, stale, _save="body_en", body_en="<p>New.</p>", status=Status.DRAFT)
        assert response.status_code == 302
        stale.refresh_from_db()
        assert (stale.body_en, stale.status) == ("<p>New.</p>", Status.PUBLISHED)
        assert client.get("/en/about-the-centre/").text.count("<p>New.</p>") == 1

    def test_staff_who_may_only_view_read(self, client, stale):
        viewer = make_staff("baxan")
        viewer.user_permissions.add(Permission.objects.get(codename="view_page"))
        client.force_login(viewer)
        html = client.get(translations_url(stale), headers=EN).text
        document = lxml.html.fromstring(html)
        assert not document.xpath("//textarea | //button[@name='_save']")
        assert "The Centre was founded in 2019." in cell(html, "body", "en").text_content()
        response = client.post(translations_url(stale), {"_check": "body_en"})
        assert response.status_code == 403
        stale.refresh_from_db()
        assert stale.stale_translations() == {"en": ["body"], "ru": ["body"]}

    def test_a_refused_change_writes_no_history(self, client, about):
        viewer = make_staff("baxan")
        viewer.user_permissions.add(Permission.objects.get(codename="view_page"))
        client.force_login(viewer)
        response = client.post(change_url(about), {"title_az": "Başqa"})
        assert response.status_code == 403
        assert not Version.objects.get_for_object(about).exists()

    def test_staff_without_rights_to_pages_get_nothing(self, client, stale):
        client.force_login(make_staff("kenan"))
        assert client.get(translations_url(stale)).status_code == 403

    def test_an_unknown_item_is_not_found(self, admin_client):
        assert admin_client.get("/admin/pages/page/999999/translations/").status_code == 404
        assert admin_client.get("/admin/pages/page/abc/translations/").status_code == 404

    def test_other_methods_are_refused(self, admin_client, stale):
        assert admin_client.put(translations_url(stale)).status_code == 405


def test_every_content_kind_has_the_view(admin_client):
    from django.apps import apps
    from django.contrib import admin

    from centre.models import TranslationTracked

    for model in apps.get_models():
        if issubclass(model, TranslationTracked):
            assert hasattr(admin.site.get_model_admin(model), "translation_view"), model


def test_headings_capitalise_the_azerbaijani_way(admin_client, about):
    html = admin_client.get(translations_url(about), headers={"accept-language": "az"}).text
    document = lxml.html.fromstring(html)
    assert "İngilis dili" in cell(html, "title", "en").xpath(".//h3")[0].text_content()
    assert "Ingilis" not in document.text_content()
    html = admin_client.get(translations_url(about), headers=EN).text
    assert "English" in cell(html, "title", "en").xpath(".//h3")[0].text_content()


def test_the_page_model_tracks_what_the_view_shows(admin_client, about):
    html = admin_client.get(translations_url(about), headers=EN).text
    rows = lxml.html.fromstring(html).xpath("//section[@class='translation-row']/@id")
    assert rows == [f"field-{field}" for field in Page.tracked_translation_fields]


def test_the_view_reads_history_in_a_fixed_number_of_queries(admin_client, about):
    edit_azerbaijani(admin_client, about, "<p>Birinci dəyişiklik.</p>")
    few = queries(admin_client, translations_url(about))
    for number in range(8):
        edit_azerbaijani(admin_client, about, f"<p>Dəyişiklik {number}.</p>")
    assert queries(admin_client, translations_url(about)) == few


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "English (1 field flagged)"), ("ru", "Русский (2 поля отмечены)")],
)
def test_the_choice_of_language_says_how_many_fields_are_flagged(
    admin_client, about, language, label
):
    about.summary_az = "Xülasə"  # missing in English and Russian
    about.save()
    edit_azerbaijani(admin_client, about, "<p>Yeni mətn.</p>")  # body outdated in both
    about.summary_en = "Summary"
    about.save()
    html = admin_client.get(translations_url(about), headers={"accept-language": language}).text
    labels = lxml.html.fromstring(html).xpath("//fieldset[@class='translation-pair']//label")
    texts = [" ".join(element.text_content().split()) for element in labels]
    assert label in texts


@pytest.mark.parametrize(
    ("language", "words"), [("az", "Keçidi redaktə et"), ("ru", "Изменить ссылку")]
)
def test_the_editors_dialogs_speak_the_admins_language(admin_client, about, language, words):
    headers = {"accept-language": language}
    catalogue = admin_client.get("/admin/jsi18n/", headers=headers).text
    # The link dialog's title (django-prose-editor's "Edit Link"), as the catalogue writes it.
    assert f'"Edit Link": {json.dumps(words)}' in catalogue
    for url in (translations_url(about), change_url(about)):
        html = admin_client.get(url, headers=headers).text
        # The catalogue before the editor, which reads window.gettext once, when it loads.
        assert html.index("/admin/jsi18n/") < html.index("django_prose_editor")
