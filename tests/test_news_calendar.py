"""
Events in calendars: the iCalendar files (read back by a small RFC 5545 reader), and upcoming
events above past ones, decided in Baku time whatever the server's time zone.
"""

import datetime
import re

import pytest
from django.utils import translation

from centre.models import Status
from news.models import NewsItem

from .factories import make_news_item

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PROPERTY = re.compile(r"(?P<name>[A-Z-]+)(?P<params>(?:;[^:]*)?):(?P<value>.*)")


def unescape(value):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def read_calendar(content):
    """``(calendar properties, [event properties])``, each ``{name: (params, value)}``."""
    text = content.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75, line
    lines = re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]
    calendar, events, current = {}, [], None
    for line in lines:
        match = PROPERTY.fullmatch(line)
        assert match, line
        name, params, value = match["name"], match["params"], match["value"]
        if (name, value) == ("BEGIN", "VEVENT"):
            current = {}
        elif (name, value) == ("END", "VEVENT"):
            events.append(current)
            current = None
        elif current is not None:
            current[name] = (params, unescape(value))
        else:
            calendar[name] = (params, value)
    assert calendar["BEGIN"][1] == "VCALENDAR" and calendar["END"][1] == "VCALENDAR"
    assert calendar["VERSION"][1] == "2.0" and "PRODID" in calendar
    return calendar, events


def utc(value):
    return datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def test_an_event_with_times_is_a_vevent_in_utc(client):
    item = make_news_item(
        "Konfrans; AI, IoT \\ böyük verilənlər",
        title_en="Conference",
        summary_az="Birinci sətir.\nİkinci sətir.",
        date=datetime.date(2030, 2, 23),
        start_date=datetime.date(2030, 2, 23),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 30),
        place_az="Bakı, Azərbaycan",
    )
    response = client.get(item.get_calendar_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{item.slug_az}.ics"'
    _calendar, [event] = read_calendar(response.content)
    assert event["UID"][1] == f"news-{item.pk}@testserver"
    assert utc(event["DTSTAMP"][1]) == item.updated_at.replace(microsecond=0)
    # 10:00 and 13:30 in Baku (UTC+4) are 06:00 and 09:30 UTC.
    assert utc(event["DTSTART"][1]) == datetime.datetime(2030, 2, 23, 6, 0, tzinfo=UTC)
    assert utc(event["DTEND"][1]) == datetime.datetime(2030, 2, 23, 9, 30, tzinfo=UTC)
    assert event["SUMMARY"][1] == "Konfrans; AI, IoT \\ böyük verilənlər"
    assert event["LOCATION"][1] == "Bakı, Azərbaycan"
    assert event["DESCRIPTION"][1] == "Birinci sətir.\nİkinci sətir."
    assert event["URL"][1] == f"http://testserver{item.get_absolute_url()}"
    # The same event in another language: its own text and address, the same UID.
    with translation.override("en"):
        _calendar, [english] = read_calendar(client.get(item.get_calendar_url()).content)
    assert english["SUMMARY"][1] == "Conference"
    assert english["URL"][1] == "http://testserver/en/news/conference/"
    assert english["UID"] == event["UID"]


def test_an_event_without_times_takes_whole_days():
    item = make_news_item(
        "Açılış", start_date=datetime.date(2022, 2, 23), end_date=datetime.date(2022, 2, 24)
    )
    from django.test import Client

    _calendar, [event] = read_calendar(Client().get(item.get_calendar_url()).content)
    assert event["DTSTART"] == (";VALUE=DATE", "20220223")
    assert event["DTEND"] == (";VALUE=DATE", "20220225")  # the day after the last


def test_long_lines_are_folded_between_characters(client):
    title = "Dördüncü Sənaye İnqilabının trendləri: " + "əşyaların interneti, " * 12
    item = make_news_item(title.strip(), start_date=datetime.date(2030, 5, 5))
    content = client.get(item.get_calendar_url()).content
    assert b"\r\n " in content
    _calendar, [event] = read_calendar(content)  # every line at most 75 octets, valid UTF-8
    assert event["SUMMARY"][1] == title.strip()


def test_control_characters_typed_by_staff_stay_out_of_the_calendar(client):
    # RFC 5545's TEXT holds no control character but the tab.
    item = make_news_item(
        "Forum\x07 və\x1b sərgi",
        start_date=datetime.date(2030, 5, 5),
        place="Bakı\x0b,\tKonqres Mərkəzi",
    )
    content = client.get(item.get_calendar_url()).content
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", content)
    _calendar, [event] = read_calendar(content)
    assert event["SUMMARY"][1] == "Forum və sərgi"
    assert event["LOCATION"][1] == "Bakı,\tKonqres Mərkəzi"


def test_the_calendar_feed_has_every_published_event_in_the_addresss_language(client):
    make_news_item(
        "Açılış", title_ru="Открытие", start_date=datetime.date(2022, 2, 23), place_ru="Баку"
    )
    make_news_item("Konfrans", start_date=datetime.date(2030, 1, 10))
    make_news_item("Xəbər")  # not an event
    make_news_item("Qaralama", status=Status.DRAFT, start_date=datetime.date(2030, 1, 11))
    response = client.get("/ru/novosti/events.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, events = read_calendar(response.content)
    assert calendar["X-WR-CALNAME"][1] == "События 4SİM"
    assert [event["SUMMARY"][1] for event in events] == ["Открытие", "Konfrans"]
    assert events[0]["LOCATION"][1] == "Баку"
    assert events[0]["URL"][1].startswith("http://testserver/ru/novosti/")


def test_a_news_item_has_no_calendar_file(client):
    item = make_news_item("Xəbər")
    assert client.get(f"/az/xeberler/{item.slug_az}/calendar.ics").status_code == 404


# ---- Upcoming and past ---------------------------------------------------------------------


def baku_day_events():
    """Four events around 1 March 2030 in Baku (UTC+4)."""
    day = datetime.date(2030, 3, 1)
    return {
        # 15:00–15:30 in Baku: 11:00–11:30 UTC.
        "morning": make_news_item(
            "Səhər",
            start_date=day,
            start_time=datetime.time(15, 0),
            end_time=datetime.time(15, 30),
        ),
        # 17:00 in Baku, no end given: on until the end of its day in Baku (20:00 UTC).
        "evening": make_news_item("Axşam", start_date=day, start_time=datetime.time(17, 0)),
        # The whole of 1 March in Baku: until 20:00 UTC on 1 March.
        "all day": make_news_item("Bütün gün", start_date=day),
        # 02:00 on 2 March in Baku is 22:00 UTC on 1 March.
        "night": make_news_item(
            "Gecə", start_date=day + datetime.timedelta(days=1), start_time=datetime.time(2, 0)
        ),
    }


def upcoming_and_past(now):
    upcoming = [item.title for item in NewsItem.objects.upcoming(now)]
    past = [item.title for item in NewsItem.objects.events().not_upcoming(now).order_by("pk")]
    return upcoming, past


@pytest.mark.parametrize("server_zone", ["Asia/Baku", "UTC", "America/Los_Angeles"])
def test_upcoming_and_past_are_decided_in_baku_time(settings, server_zone):
    settings.TIME_ZONE = server_zone
    baku_day_events()
    # 12:00 UTC is 16:00 in Baku: the morning event is over.
    noon = datetime.datetime(2030, 3, 1, 12, 0, tzinfo=UTC)
    # Soonest first: the whole day began at midnight in Baku.
    assert upcoming_and_past(noon) == (["Bütün gün", "Axşam", "Gecə"], ["Səhər"])
    # 21:00 UTC is still 1 March in UTC, but 01:00 on 2 March in Baku: that day is over there.
    late = datetime.datetime(2030, 3, 1, 21, 0, tzinfo=UTC)
    assert upcoming_and_past(late) == (["Gecə"], ["Səhər", "Axşam", "Bütün gün"])
    assert NewsItem.objects.get(title_az="Gecə").starts_at == datetime.datetime(
        2030, 3, 1, 22, 0, tzinfo=UTC
    )


def test_the_list_shows_upcoming_events_soonest_first_above_the_rest(client):
    today = datetime.date.today()
    later = make_news_item("Sonrakı", start_date=today + datetime.timedelta(days=30))
    sooner = make_news_item("Yaxın", start_date=today + datetime.timedelta(days=3))
    make_news_item(
        "Keçmiş tədbir", date=datetime.date(2022, 2, 23), start_date=datetime.date(2022, 2, 23)
    )
    make_news_item("Xəbər", date=today)
    response = client.get("/az/xeberler/")
    assert [item.title for item in response.context["upcoming"]] == ["Yaxın", "Sonrakı"]
    assert [item.title for item in response.context["items"]] == ["Xəbər", "Keçmiş tədbir"]
    html = response.text
    order = ["Qarşıdakı tədbirlər<", ">Yaxın<", ">Sonrakı<", ">Xəbər<", ">Keçmiş tədbir<"]
    assert sorted(order, key=html.index) == order
    assert f'href="{sooner.get_calendar_url()}" download>Təqvimə əlavə et' in html
    # Only on the first page, and within the filters.
    assert client.get("/az/xeberler/?kind=news").context["upcoming"] == []
    assert client.get("/az/xeberler/?kind=event").context["upcoming"] == [sooner, later]
    page = client.get(later.get_absolute_url()).text
    assert "Qarşıdakı tədbir" in page


def test_the_page_cache_starts_afresh_when_an_upcoming_event_is_over():
    from centre import cache

    today = datetime.date.today()
    make_news_item("Keçmiş", start_date=datetime.date(2022, 2, 23))
    later = make_news_item("Sonrakı", start_date=today + datetime.timedelta(days=30))
    sooner = make_news_item("Yaxın", start_date=today + datetime.timedelta(days=3))
    assert later.ends_at > sooner.ends_at
    # The list moves an event from "upcoming" to the past then: the cached pages are stale.
    assert cache.next_scheduled_change() == sooner.ends_at.timestamp()


def test_an_event_of_several_days_with_a_start_time_lasts_to_the_end_of_its_last_day(client):
    # Without DTEND an event with a start time is over the moment it starts (RFC 5545 3.6.1).
    item = make_news_item(
        "Forum",
        start_date=datetime.date(2030, 5, 5),
        start_time=datetime.time(10, 0),
        end_date=datetime.date(2030, 5, 7),
    )
    _calendar, [event] = read_calendar(client.get(item.get_calendar_url()).content)
    assert utc(event["DTSTART"][1]) == datetime.datetime(2030, 5, 5, 6, 0, tzinfo=UTC)
    # The end of 7 May in Baku: midnight there, 20:00 UTC.
    assert utc(event["DTEND"][1]) == datetime.datetime(2030, 5, 7, 20, 0, tzinfo=UTC)
