"""
The Centre's partners for ``manage.py seed_demo``, from content/partners.json: the four C4IR
network centres it works with (Türkiye, the UAE, Israel, Japan) and the four World Economic
Forum platforms named in its own text.

Logos are placeholders drawn here (initials on a coloured square), never fetched: staff replace
them with the real ones in the admin. A partner is looked up by its Azerbaijani slug and only
created when missing, so staff edits survive a second run.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from centre.models import Technology
from centre.seed import fields, read
from centre.seed import seed as seed_technologies
from centre.text import slugify_az

from .models import Partner


def placeholder_logo(label, caption, colour, size=320):
    """A square PNG with ``label`` large and ``caption`` small, white on ``colour``."""
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    draw.text(
        (size / 2, size * 0.45),
        label,
        font=ImageFont.load_default(size=size // 3),
        fill="white",
        anchor="mm",
    )
    draw.text(
        (size / 2, size * 0.78),
        caption,
        font=ImageFont.load_default(size=size // 8),
        fill="white",
        anchor="mm",
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{label.lower()}.png")


def seed():
    """Create the partners that are missing (looked up by Azerbaijani slug); return how many."""
    seed_technologies()  # the taxonomy partners link to; a no-op once seeded
    created = 0
    for item in read("partners"):
        if Partner.objects.filter(slug_az=slugify_az(item["name"]["az"])).exists():
            continue
        logo = item["logo"]
        partner = Partner(
            **fields(item, skip=("technologies", "logo")),
            logo=placeholder_logo(logo["label"], logo["caption"], logo["colour"]),
        )
        partner.save()
        partner.technologies.set(Technology.objects.filter(slug__in=item["technologies"]))
        created += 1
    return created
