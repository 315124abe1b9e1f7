"""
The translation view's word difference (centre.translating.word_difference): what it costs for
real and for hostile texts, and where marking changed paragraphs whole takes over
(``MAX_WORD_PAIRS``).

    .venv/bin/python benchmarks/word_difference.py

In one process, without a database: the best of three runs for each pair of texts (old, new).
Compare the rows with each other (ratios), not with another run's: machines here vary.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "centre.test_settings")

import django

django.setup()

from centre.translating import MAX_WORD_PAIRS, paragraphs, word_difference  # noqa: E402

# The Centre's own words (content/pages.json), repeated in an order that does not repeat soon.
WORDS = [
    "Dördüncü", "Sənaye", "İnqilabının", "Təhlili", "və", "Koordinasiya", "Mərkəzi",
    "rəqəmsal", "iqtisadiyyat", "süni", "intellekt", "əşyaların", "interneti", "şəhər",
    "transformasiyası", "platforma", "əməkdaşlıq", "beynəlxalq", "təşkilatlar", "strategiya",
    "layihə", "təşəbbüs", "çağırış",
]  # fmt: skip
NEW_WORDS = ["yeni", "dəyişdirilmiş", "əlavə"]


def text(words, paragraph_words=80):
    chosen = [WORDS[(n * 7 + n // 23) % len(WORDS)] for n in range(words)]
    paragraphs = [
        " ".join(chosen[start : start + paragraph_words]) + "."
        for start in range(0, words, paragraph_words)
    ]
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def edited(html, every=200):
    """Every ``every``-th word replaced: a translator's typical set of corrections."""
    words = html.split(" ")
    for index in range(0, len(words), every):
        words[index] = NEW_WORDS[index % len(NEW_WORDS)]
    return " ".join(words)


def ms(function, *args):
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def row(label, old, new):
    words = sum(len(paragraph.split()) for paragraph in paragraphs(old, rich=True))
    print(f"{label:<66} {words:>7,} {ms(word_difference, old, new, True):>8.1f}")


def main():
    print(f"{'case':<66} {'words':>7} {'ms':>8}")
    for label, words, every in [
        ("the Centre's longest page: 1,500 words, every 200th changed", 1_500, 200),
        ("10,000 words, every 200th changed", 10_000, 200),
        ("10,000 words, every 5th changed (every paragraph)", 10_000, 5),
        ("the longest page, every 20th changed (every paragraph)", 1_500, 20),
        ("33,000 words (200,000 characters, a body's limit), every 200th", 33_000, 200),
    ]:
        old = text(words)
        row(label, old, edited(old, every))
    # Hostile: one word repeated, so that every old word matches every new one.
    side = int(MAX_WORD_PAIRS**0.5)
    old = "<p>" + " ".join(["söz"] * side) + "</p>"
    new = "<p>" + " ".join(["söz"] * (side - 1) + ["yeni"]) + "</p>"
    row(f"hostile: one word repeated, {side:,} words a side (word by word)", old, new)
    old = "<p>" + " ".join(["söz"] * 33_000) + "</p>"
    new = "<p>" + " ".join(["söz"] * 32_999 + ["yeni"]) + "</p>"
    row("hostile: one word repeated, 33,000 words (marked whole)", old, new)
    old = "<p>söz</p>" * 25_000
    new = "<p>söz</p>" * 24_999 + "<p>yeni</p>"
    row("hostile: 25,000 equal paragraphs (200,000 characters)", old, new)


if __name__ == "__main__":
    main()
