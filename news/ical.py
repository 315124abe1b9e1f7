"""
iCalendar (RFC 5545) files of events, written by hand: a VCALENDAR of VEVENTs with times in
UTC (or whole days where no time is known), text escaped and lines folded at 75 octets.
"""

import datetime
import re

from django.utils import timezone

CRLF = "\r\n"
LINE_OCTETS = 75


# The control characters (CTL) RFC 5545's TEXT excludes: all but the tab.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def escape(text):
    """
    A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped, other
    control characters (which TEXT may not hold; a tab may stay) left out.
    """
    text = (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return _CONTROL.sub("", text)


def fold(line):
    """A content line cut into lines of at most 75 octets, never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode())
        if size + octets > LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += char
        size += octets
    parts.append(current)
    return CRLF.join(parts)


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def vevent(item, url, host):
    start, end = item.event_times()
    lines = [
        "BEGIN:VEVENT",
        f"UID:news-{item.pk}@{host}",
        f"DTSTAMP:{utc(item.updated_at or timezone.now())}",
    ]
    if item.all_day:
        last_day = item.end_date or item.start_date
        # DTEND of whole days is the day after the last (exclusive).
        lines += [
            f"DTSTART;VALUE=DATE:{item.start_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last_day + datetime.timedelta(days=1):%Y%m%d}",
        ]
    else:
        lines.append(f"DTSTART:{utc(start)}")
        if end is None and item.end_date:
            end = item.ends_at  # the end of its last day: without DTEND it would last no time
        if end is not None:
            lines.append(f"DTEND:{utc(end)}")
    lines += [f"SUMMARY:{escape(item.title)}"]
    if item.place:
        lines.append(f"LOCATION:{escape(item.place)}")
    if item.summary:
        lines.append(f"DESCRIPTION:{escape(item.summary)}")
    lines += [f"URL:{url}", "END:VEVENT"]
    return lines


def calendar(items, name, absolute_uri, host):
    """The text of a calendar of ``items`` (events), called ``name``."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//4SIM//News and events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for item in items:
        lines += vevent(item, absolute_uri(item.get_absolute_url()), host)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
