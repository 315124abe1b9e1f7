"""News and events: the list, filters, item pages, drafts, feeds, sitemap, search, seed."""

import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from centre.models import Status
from news.models import Kind, NewsItem

from .factories import make_news_item, make_partner, make_publication, make_staff
from .images import image_upload
from .reading import found, sitemap_entries

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SOURCES = {
    "https://www.economy.gov.az/az/page/dorduncu-senaye-inqilabi",
    "http://www.today.az/news/business/204697.html",
    "https://bestsolutions.az/2022/03/b-est-solutions-presents-at-the-launch-of-the-wef-"
    "affiliate-of-the-fourth-industrial-revolution-centers-network-in-azerbaijan",
}


def titles(response):
    return [item.title for item in response.context["items"]]


def test_the_list_is_newest_first_with_machine_readable_dates(client):
    make_news_item("Köhnə", date=datetime.date(2021, 4, 1))
    make_news_item("Yeni", date=datetime.date(2024, 6, 6), kind=Kind.ANNOUNCEMENT)
    response = client.get("/az/xeberler/")
    assert titles(response) == ["Yeni", "Köhnə"]
    assert '<time datetime="2024-06-06">6 iyun 2024</time>' in response.text
    assert '<time datetime="2021-04-01">1 aprel 2021</time>' in response.text
    with translation.override("en"):
        assert '<time datetime="2024-06-06">6 June 2024</time>' in client.get("/en/news/").text


def test_the_list_is_in_the_menu_and_its_addresses_are_translated(client):
    assert [reverse("news:list")] == ["/az/xeberler/"]
    for code, path in (("en", "/en/news/"), ("ru", "/ru/novosti/")):
        with translation.override(code):
            assert reverse("news:list") == path
    html = client.get("/en/partners/").text
    assert '<a href="/en/news/">News and events</a>' in html
    assert 'href="/ru/novosti/" aria-current="page">Новости и события' in client.get(
        "/ru/novosti/"
    ).text.replace("<a ", "")


def test_pages_of_twelve_and_bad_page_numbers_show_a_page(client):
    for day in range(1, 15):
        make_news_item(f"Xəbər {day:02}", date=datetime.date(2024, 1, day))
    assert titles(client.get("/az/xeberler/"))[0] == "Xəbər 14"
    assert titles(client.get("/az/xeberler/?page=2")) == ["Xəbər 02", "Xəbər 01"]
    for raw in ("abc", "-1", "0", "1e9", "99999999999999999999", "%00"):
        response = client.get(f"/az/xeberler/?page={raw}")
        assert response.status_code == 200, raw
    assert titles(client.get("/az/xeberler/?page=999")) == ["Xəbər 02", "Xəbər 01"]


def test_filters_by_kind_and_year_and_ignore_other_values(client):
    make_news_item("Xəbər", date=datetime.date(2021, 1, 6))
    make_news_item("Elan", date=datetime.date(2022, 3, 1), kind=Kind.ANNOUNCEMENT)
    make_news_item("Tədbir", date=datetime.date(2022, 2, 23), start_date=datetime.date(2022, 2, 23))
    assert titles(client.get("/az/xeberler/?kind=announcement")) == ["Elan"]
    assert titles(client.get("/az/xeberler/?year=2022")) == ["Elan", "Tədbir"]
    assert titles(client.get("/az/xeberler/?year=2022&kind=event")) == ["Tədbir"]
    # What nothing has, or nothing could have, is left out: the whole list, never an error.
    for query in ("kind=nonsense", "year=1999", "year=abc", "year=2022x", "kind=<script>"):
        response = client.get(f"/az/xeberler/?{query}")
        assert response.status_code == 200, query
        assert titles(response) == ["Elan", "Tədbir", "Xəbər"], query
    facets = client.get("/en/news/").context["facets"]
    assert [[option["label"] for option in facet["options"]] for facet in facets] == [
        ["News", "Event", "Announcement"],
        ["2022", "2021"],
    ]


def test_drafts_and_scheduled_items_are_hidden_everywhere(client, media):
    soon = timezone.now() + datetime.timedelta(days=2)
    public = make_news_item("Açıq tədbir", start_date=datetime.date(2030, 1, 1))
    draft = make_news_item(
        "Qaralama tədbir",
        status=Status.DRAFT,
        start_date=datetime.date(2030, 1, 2),
        image=image_upload("tedbir.png", size=(900, 600)),
    )
    scheduled = make_news_item(
        "Gələcək xəbər",
        publish_from=soon,
        image=image_upload("xeber.png", size=(900, 600)),
    )
    hidden = (draft, scheduled)
    assert client.get(public.get_absolute_url()).status_code == 200
    for item in hidden:
        assert client.get(item.get_absolute_url()).status_code == 404
        assert client.get(item.image.url).status_code == 404
        for rendition in item.image_renditions:
            assert (
                client.get(item.image.url.replace(item.image.name, rendition["name"])).status_code
                == 404
            )
    assert client.get(draft.get_calendar_url()).status_code == 404
    pages = [
        client.get(url).content.decode()
        for url in (
            "/az/xeberler/",
            "/az/",
            "/az/xeberler/rss.xml",
            "/az/xeberler/atom.xml",
            "/az/xeberler/events.ics",
        )
    ]
    for text in pages:
        assert "Qaralama" not in text and "Gələcək" not in text
    assert "Açıq tədbir" in pages[0] and "Açıq tədbir" in pages[4]
    urls = " ".join(sitemap_entries(client))
    assert public.slug_az in urls and draft.slug_az not in urls and scheduled.slug_az not in urls
    assert found(client, "tədbir") == ["Açıq tədbir"]
    assert found(client, "gələcək") == []


def test_staff_preview_a_draft_with_a_notice(client):
    draft = make_news_item("Qaralama", status=Status.DRAFT)
    client.force_login(make_staff("redaktor", "Editor"))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Önizləmə: bu qaralamadır. Ziyarətçilər onu görmür." in response.text


def test_an_item_page_has_body_source_related_items_and_structured_data(client, media):
    partner = make_partner("Türkiyə C4IR", name_en="C4IR Türkiye")
    publication = make_publication("Tədqiqat", title_en="Research")
    hidden_partner = make_partner("Gizli tərəfdaş", is_active=False)
    item = make_news_item(
        "Saziş imzalanıb",
        title_en="An agreement signed",
        summary_en="The Minister and the WEF's President signed it.",
        body_az="<p>Mətn</p><script>alert(1)</script>",
        body_en="<p>The <strong>text</strong>.</p>",
        source_url="http://www.today.az/news/business/204697.html",
        source_name_en="Today.Az (citing Trend)",
        image=image_upload("saziş.png", size=(1200, 800)),
        image_alt_en="The signing",
    )
    item.partners.set([partner, hidden_partner])
    item.publications.set([publication])
    with translation.override("en"):
        response = client.get(item.get_absolute_url())
    html = response.text
    assert "<p>The <strong>text</strong>.</p>" in html
    assert "<script>alert" not in client.get(item.get_absolute_url()).text
    assert (
        '<a href="http://www.today.az/news/business/204697.html" rel="noopener">'
        "Today.Az (citing Trend)</a>"
    ) in html
    assert "C4IR Türkiye" in html and "Research" in html and "Gizli" not in html
    assert 'type="image/webp" srcset="' in html and 'alt="The signing"' in html
    assert '<meta property="og:image"' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "An agreement signed" and data["datePublished"] == "2024-05-01"
    assert data["isBasedOn"] == item.source_url


def test_an_untranslated_item_shows_the_azerbaijani_text_with_the_notice(client):
    item = make_news_item("Yalnız azərbaycanca")
    with translation.override("ru"):
        response = client.get(item.get_absolute_url())
    assert "Yalnız azərbaycanca" in response.text
    assert "notice--language" in response.text
    assert 'lang="az">Yalnız azərbaycanca</h1>' in response.text


def test_another_languages_slug_redirects_to_this_languages(client):
    item = make_news_item("Saziş imzalanıb", title_en="An agreement signed")
    response = client.get(f"/en/news/{item.slug_az}/")
    assert response.status_code == 301
    assert response["Location"] == "/en/news/an-agreement-signed/"


def test_an_event_page_has_its_time_place_calendar_link_and_event_data(client):
    item = make_news_item(
        "Konfrans",
        title_en="Conference",
        date=datetime.date(2030, 2, 23),
        start_date=datetime.date(2030, 2, 23),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 30),
        place_az="Bakı",
        place_en="Baku",
    )
    with translation.override("en"):
        html = client.get(item.get_absolute_url()).text
    assert '<time datetime="2030-02-23T10:00+04:00">23 February 2030, 10:00</time>' in html
    assert "(Baku time)" in html and ">Baku</dd>" in html
    assert f'href="/en/news/{item.slug_en}/calendar.ics" download>Add to calendar' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "Event"
    assert data["startDate"] == "2030-02-23T10:00:00+04:00"
    assert data["endDate"] == "2030-02-23T13:30:00+04:00"
    assert data["location"]["name"] == "Baku"


def test_an_event_needs_a_start_and_cannot_end_before_it(client):
    with pytest.raises(ValidationError) as error:
        make_news_item("Tədbir", kind=Kind.EVENT)
    assert "start_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_news_item(
            "Tədbir", start_date=datetime.date(2030, 1, 2), end_date=datetime.date(2030, 1, 1)
        )
    assert "end_date" in error.value.message_dict


@pytest.mark.parametrize(
    ("language", "title", "item_title"),
    [
        ("az", "4SİM xəbərləri və tədbirləri", "Saziş"),
        ("en", "4SIM news and events", "Agreement"),
        ("ru", "Новости и события 4SİM", "Соглашение"),
    ],
)
def test_rss_and_atom_parse_in_each_language(client, language, title, item_title):
    make_news_item("Saziş", title_en="Agreement", title_ru="Соглашение", summary_az="Xülasə")
    make_news_item("Yalnız azərbaycanca", date=datetime.date(2023, 1, 1))
    with translation.override(language):
        rss_url, atom_url = reverse("news:rss"), reverse("news:atom")
    rss = ET.fromstring(client.get(rss_url).content)
    assert rss.find("channel/title").text == title
    assert rss.find("channel/language").text == language
    items = rss.findall("channel/item")
    assert [item.find("title").text for item in items] == [item_title, "Yalnız azərbaycanca"]
    assert items[0].find("pubDate").text.endswith("+0400")
    atom = ET.fromstring(client.get(atom_url).content)
    entries = atom.findall("atom:entry", ATOM)
    assert entries[0].find("atom:title", ATOM).text == item_title
    link = entries[0].find("atom:link", ATOM).get("href")
    assert client.get(link.removeprefix("http://testserver")).status_code == 200
    if language != "az":  # the untranslated item says its own language
        assert entries[1].get("{http://www.w3.org/XML/1998/namespace}lang") == "az"


def test_the_list_and_items_announce_the_feeds(client):
    item = make_news_item("Saziş")
    for html in (client.get("/en/news/").text, client.get(item.get_absolute_url()).text):
        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert '<link rel="alternate" type="text/calendar"' in html


def test_the_sitemap_lists_news_with_alternates(client):
    item = make_news_item("Saziş imzalanıb", title_en="An agreement signed")
    entries = sitemap_entries(client)
    own = entries["http://testserver/az/xeberler/saziş-imzalanib/".replace("ş", "s")]
    assert own == {
        "az": "http://testserver/az/xeberler/sazis-imzalanib/",
        "en": "http://testserver/en/news/an-agreement-signed/",
        "x-default": "http://testserver/az/xeberler/sazis-imzalanib/",
    }
    assert "http://testserver/ru/novosti/" in entries
    assert item.slug_en == "an-agreement-signed"


def test_search_finds_news_in_each_language(client):
    make_news_item("Saziş imzalanıb", title_en="An agreement signed", body_en="<p>Davos</p>")
    assert found(client, "saziş") == ["Saziş imzalanıb"]
    assert found(client, "davos", "en") == ["An agreement signed"]


def test_the_home_page_shows_the_latest_three(client):
    for day in range(1, 6):
        make_news_item(f"Xəbər {day}", date=datetime.date(2024, 1, day))
    html = client.get("/az/").text
    assert [f"Xəbər {day}" in html for day in range(1, 6)] == [False, False, True, True, True]
    assert html.index("Xəbər 5") < html.index("Xəbər 4") < html.index("Xəbər 3")
    assert 'href="/az/xeberler/">Bütün xəbərlər və tədbirlər' in html


def test_the_seed_holds_the_four_dated_facts_with_their_sources_and_is_idempotent(client):
    call_command("seed_demo", stdout=io.StringIO())
    items = list(NewsItem.objects.order_by("date"))
    assert [item.date.isoformat() for item in items] == [
        "2020-01-21",
        "2021-01-06",
        "2021-04-01",
        "2022-02-23",
    ]
    assert {item.source_url for item in items} == SOURCES
    assert all(item.status == Status.PUBLISHED for item in items)
    for item in items:  # every text in three languages
        for field in ("title", "summary", "body", "source_name"):
            assert all(getattr(item, f"{field}_{code}") for code in ("az", "en", "ru")), field
    launch = items[-1]
    assert launch.kind == Kind.EVENT and launch.start_date == datetime.date(2022, 2, 23)
    assert (launch.place_az, launch.place_en, launch.place_ru) == ("Bakı", "Baku", "Баку")
    assert launch.start_time is None  # no source gives the hour
    for name in ("Tamerlan Taghiyev", "Mirek Dusek", "Mikayil Jabbarov", "Børge Brende"):
        assert name in launch.body_en
    assert "Adalat Muradov" in launch.body_en
    # Staff edit an item; a second seed adds nothing and changes nothing.
    launch.title_en = "Edited by staff"
    launch.save()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "news: 0 created" in out.getvalue()
    assert NewsItem.objects.count() == 4
    assert NewsItem.objects.get(pk=launch.pk).title_en == "Edited by staff"


def test_a_published_items_image_and_its_copies_are_served(client, media):
    item = make_news_item("Şəkilli", image=image_upload("sekil.png", size=(1000, 500)))
    assert [r["width"] for r in item.image_renditions if r["name"].endswith(".webp")] == [
        320,
        640,
        960,
    ]
    prefix = item.image.url.removesuffix(item.image.name)
    for rendition in item.image_renditions:
        response = client.get(prefix + rendition["name"])
        assert response.status_code == 200, rendition["name"]
    assert client.get(item.image.url).status_code == 200


def test_a_translation_older_than_the_azerbaijani_text_is_marked(client):
    item = make_news_item("Saziş", title_en="Agreement")
    item.title_az = "Saziş imzalanıb"
    item.save()
    with translation.override("en"):
        html = client.get(item.get_absolute_url()).text
    assert "notice--stale" in html
    assert item.stale_translations() == {"en": ["title"]}


def test_an_event_of_one_day_without_an_end_time_shows_no_empty_end(client):
    item = make_news_item(
        "Görüş", start_date=datetime.date(2030, 2, 23), end_date=datetime.date(2030, 2, 23)
    )
    html = client.get(item.get_absolute_url()).text
    assert "–" not in html.split('id="event-title"')[1].split("</dl>")[0]


def test_an_image_description_in_another_language_is_marked(client, media):
    item = make_news_item(
        "Şəkilli",
        title_en="With an image",
        image=image_upload("sekil.png", size=(1000, 500)),
        image_alt_az="İmzalanma mərasimi",
    )
    with translation.override("en"):
        html = client.get(item.get_absolute_url()).text
    [img] = re.findall(r"<img [^>]*>", html.split('class="news-item__image"')[1])
    assert 'alt="İmzalanma mərasimi"' in img and 'lang="az"' in img


def test_an_events_times_carry_bakus_offset_of_that_day(client):
    # Baku kept summer time (UTC+5) until 2016: the page's <time> agrees with its JSON-LD.
    item = make_news_item(
        "Yay konfransı",
        date=datetime.date(2015, 7, 1),
        start_date=datetime.date(2015, 7, 1),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
    )
    html = client.get(item.get_absolute_url()).text
    assert '<time datetime="2015-07-01T10:00+05:00">' in html
    assert '<time datetime="2015-07-01T12:00+05:00">' in html
