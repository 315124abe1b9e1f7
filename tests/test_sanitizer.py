"""Rich text is sanitised on save and again on render: no script survives either way."""

import re

import pytest
from django.template import Context, Template

from centre.html import sanitize_html
from pages.models import Page

from .factories import make_page

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)">click</p>',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href=" javascript:alert(1)">link</a>',
    '<a href="jav&#x09;ascript:alert(1)">link</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example"><input name="q"></form>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="position:fixed;inset:0">overlay</div>',
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<body onload="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<a href="https://example.org" onmouseover="alert(1)">ok</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<p><img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="></p>',
]

DANGEROUS = re.compile(
    r"<script|<svg|<iframe|<object|<embed|<form|<style|<link|<meta|<base|<img|"
    r"\son\w+\s*=|javascript:|vbscript:|data:|style=",
    re.IGNORECASE,
)


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_sanitiser_removes_every_vector(vector):
    assert not DANGEROUS.search(sanitize_html(vector))


def test_sanitiser_keeps_what_the_editor_makes():
    html = (
        "<h2>Başlıq</h2><p><strong>qalın</strong>, <em>kursiv</em>, "
        '<a href="https://weforum.org/">link</a>, <a href="/az/merkez-haqqinda/">daxili</a></p>'
        '<ul><li>bir</li></ul><ol start="3"><li>üç</li></ol><blockquote><p>sitat</p></blockquote>'
    )
    cleaned = sanitize_html(html)
    for fragment in (
        "<h2>Başlıq</h2>",
        "<strong>qalın</strong>",
        "<em>kursiv</em>",
        'href="https://weforum.org/"',
        'href="/az/merkez-haqqinda/"',
        '<ol start="3">',
        "<blockquote>",
    ):
        assert fragment in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_empty_editor_document_is_stored_empty():
    assert sanitize_html("<p></p>") == ""


@pytest.mark.django_db
@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_body_is_sanitised_on_save_in_every_language(vector):
    page = make_page("Səhifə", body_az=vector, body_en=vector, body_ru=vector)
    stored = Page.objects.values("body_az", "body_en", "body_ru").get(pk=page.pk)
    for body in stored.values():
        assert not DANGEROUS.search(body or "")


@pytest.mark.django_db
@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_body_is_sanitised_again_on_render(client, vector):
    page = make_page("Səhifə")
    # HTML that reached the database without save(), e.g. from an old backup.
    Page.objects.filter(pk=page.pk).update(body_az=f"<p>mətn</p>{vector}")
    html = client.get("/az/sehife/").text
    body = html[html.index('<div class="rich-text">') : html.index("</article>")]
    assert "mətn" in body
    assert not DANGEROUS.search(body)


def test_rich_text_filter_sanitises():
    rendered = Template("{% load centre_tags %}{{ html|rich_text }}").render(
        Context({"html": '<p onclick="x()">a</p><script>b()</script>'})
    )
    assert rendered == "<p>a</p>"
