"""The 4IR technologies named in the Centre's text, for ``manage.py seed_demo``."""

from .models import Technology

TECHNOLOGIES = [
    (
        "artificial-intelligence",
        "Süni intellekt",
        "Artificial intelligence",
        "Искусственный интеллект",
    ),
    ("robotics", "Robototexnika", "Robotics", "Робототехника"),
    ("internet-of-things", "Əşyaların interneti", "Internet of Things", "Интернет вещей"),
    ("3d-printing", "3D çap", "3D printing", "3D-печать"),
    ("genetic-engineering", "Gen mühəndisliyi", "Genetic engineering", "Генная инженерия"),
    ("quantum-computing", "Kvant hesablamaları", "Quantum computing", "Квантовые вычисления"),
]


def seed():
    """Create the technologies that are missing (looked up by slug); return how many."""
    created = 0
    for order, (slug, name_az, name_en, name_ru) in enumerate(TECHNOLOGIES, start=1):
        _technology, new = Technology.objects.get_or_create(
            slug=slug,
            defaults={
                "name_az": name_az,
                "name_en": name_en,
                "name_ru": name_ru,
                "order": order * 10,
            },
        )
        created += new
    return created
