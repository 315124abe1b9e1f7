"""
Hostile rich text: what saving and showing it cost before its limits and after.

    .venv/bin/python benchmarks/rich_text.py [--depth 60000]

In one process, without a database: the time nh3 takes for ``--depth`` nested quotes (what
each save and, with the sanitising filter of before, each uncached view of such a body took),
the time the checks of centre/html.py take to refuse it now, the time of the slowest texts that
pass the checks, and the rich_text filter's time per view then and now.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.test_settings")

import django

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.template import Context, Template  # noqa: E402

from centre import html  # noqa: E402


def ms(function, *args, repeat=1):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def refused(text):
    try:
        html.check_rich_text(text)
    except ValidationError as error:
        return error.code
    return "accepted"


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--depth", type=int, default=60_000)
    depth = parser.parse_args().depth

    deep = "<blockquote>" * depth + "x" + "</blockquote>" * depth
    print(f"{depth:,} nested <blockquote> ({len(deep):,} characters)")
    before = ms(html._cleaner.clean, deep)
    print(f"  before: nh3 on save, and again on each view     {before:10.1f} ms")
    print(
        f"  now: refused ({refused(deep)}) in              {ms(refused, deep, repeat=5):10.2f} ms"
    )
    short = deep[: html.MAX_RICH_TEXT_LENGTH]
    took = ms(refused, short, repeat=5)
    print(f"  now: its first 200,000 characters, refused ({refused(short)}) in {took:.2f} ms")
    short = deep[: 12 * 9_000]
    took = ms(refused, short, repeat=5)
    print(f"  now: 9,000 of them, refused ({refused(short)}) in {took:.2f} ms")
    before = ms(html._cleaner.clean, short)
    print(f"  before: nh3 on those 9,000                      {before:10.1f} ms")

    # The slowest texts within every limit: the depth at its limit, as many tags as allowed.
    limit, tags = html.MAX_RICH_TEXT_DEPTH, html.MAX_RICH_TEXT_TAGS
    unit = "<blockquote>" * (limit - 1) + "<p>x</p>" + "</blockquote>" * (limit - 1)
    worst = {
        "depth limit, repeated to the tag limit": unit * (tags // (2 * limit)),
        "paragraphs with bold text and links, 170,000 characters": (
            "<p>Dördüncü Sənaye İnqilabının <strong>təhlili</strong> və koordinasiyası. "
            "Mərkəz Dünya İqtisadi Forumunun platformaları ilə işləyir; "
            '<a href="https://weforum.org/">şəbəkənin</a> mərkəzləri ilə əməkdaşlıq edir.</p>'
            * 1_000
        )[:170_000],
        "a tag at the limits: <b> in <div>": "<b><div>" * (limit // 2 - 1)
        + "<a></a>" * (tags // 2 - limit),
    }
    print("\nthe slowest texts the checks let through (check + nh3, best of 3)")
    for label, text in worst.items():
        if refused(text) != "accepted":
            raise SystemExit(f"{label}: {refused(text)}")
        print(f"  {label:58} {len(text):8,} chars {ms(html.sanitize_html, text, repeat=3):8.1f} ms")

    template = Template("{% load centre_tags %}{{ body|rich_text }}")
    stored = html.sanitize_html(worst["paragraphs with bold text and links, 170,000 characters"])
    print("\nthe rich_text filter, each view of a stored body (best of 5)")
    now = ms(template.render, Context({"body": stored}), repeat=5)
    again = ms(html._cleaner.clean, stored, repeat=5)
    print(f"  {len(stored):,} characters, now (shown as stored)       {now:8.2f} ms")
    print(f"  the same, before (sanitised again)               {now + again:8.2f} ms")


if __name__ == "__main__":
    main()
