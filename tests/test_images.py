import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import InMemoryStorage
from django.utils import translation
from PIL import Image

from centre.images import make_renditions, rendition_stem, validate_image

from .images import gif_upload, html_as_png, image_upload, png_bomb, svg_upload, truncated_png


@pytest.mark.parametrize("pillow_format", ["PNG", "JPEG", "WEBP"])
def test_accepted_formats_pass(pillow_format):
    validate_image(image_upload(pillow_format=pillow_format))


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (png_bomb, "image_too_large"),
        (svg_upload, "invalid_image"),
        (html_as_png, "invalid_image"),
        (truncated_png, "invalid_image"),
        (gif_upload, "image_format"),
    ],
)
def test_refused_uploads(upload, code):
    with pytest.raises(ValidationError) as error:
        validate_image(upload())
    assert error.value.code == code


def test_refusal_speaks_the_staff_language():
    with translation.override("az"), pytest.raises(ValidationError) as error:
        validate_image(svg_upload())
    assert "PNG, JPEG və ya WebP" in str(error.value.messages[0])


def test_pixel_limit_is_configurable(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError):
        validate_image(image_upload(size=(101, 100)))
    validate_image(image_upload(size=(100, 100)))


def test_renditions_in_webp_and_the_original_format():
    storage = InMemoryStorage()
    renditions = make_renditions(image_upload(size=(400, 200)), storage, "logos/centre", [160, 320])
    assert [(r["width"], r["height"], r["format"]) for r in renditions] == [
        (160, 80, "webp"),
        (160, 80, "png"),
        (320, 160, "webp"),
        (320, 160, "png"),
    ]
    for rendition in renditions:
        with storage.open(rendition["name"]) as stored, Image.open(stored) as image:
            assert image.size == (rendition["width"], rendition["height"])
            assert image.format == rendition["format"].upper()


def test_renditions_never_upscale():
    renditions = make_renditions(image_upload(size=(100, 50)), InMemoryStorage(), "x", [160, 320])
    assert {r["width"] for r in renditions} == {100}


def test_rendition_stem_is_ascii():
    assert (
        rendition_stem("partners/renditions", "Şəkil Loqo.PNG") == "partners/renditions/sekil-loqo"
    )
