"""The HTTP benchmark's yardstick: a bare Django view (benchmarks/urls.py)."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

BASELINE_ITEMS = [
    "Süni intellekt",
    "Robototexnika",
    "Əşyaların interneti",
    "3D çap",
    "Gen mühəndisliyi",
    "Kvant hesablamaları",
    "Artificial intelligence",
    "Internet of Things",
    "Искусственный интеллект",
    "Интернет вещей",
]


BASELINE_TEXT = [
    "Dördüncü Sənaye İnqilabı fiziki, rəqəmsal və bioloji müstəvilər arasındakı sərhədlərin "
    "çulğalaşmasını təsvir etmək üsuludur. Bu, süni intellekt, robototexnika, əşyaların "
    "interneti, 3D çap, gen mühəndisliyi, kvant hesablamaları və digər texnologiyalardakı "
    "irəliləyişlərin birləşməsidir.",
    "The Fourth Industrial Revolution is a way of describing the blurring of boundaries between "
    "the physical, digital and biological worlds: a fusion of advances in artificial "
    "intelligence, robotics, the Internet of Things, 3D printing, genetic engineering and "
    "quantum computing.",
    "Четвертая промышленная революция описывает стирание границ между физическим, цифровым и "
    "биологическим мирами: сочетание достижений в области искусственного интеллекта, "
    "робототехники, интернета вещей, 3D-печати, генной инженерии и квантовых вычислений.",
]


@require_safe
@never_cache  # measured as rendered, never from the page cache
def baseline(request):
    """About 10 KB of HTML from a template, no database query."""
    context = {
        "title": "Dördüncü Sənaye İnqilabı",
        "items": BASELINE_ITEMS,
        "sections": [
            (number, BASELINE_TEXT[number % 3], BASELINE_TEXT[(number + 1) % 3])
            for number in range(1, 11)
        ],
    }
    return render(request, "benchmark/baseline.html", context)
