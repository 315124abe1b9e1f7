"""Rich text is sanitised on save (and by `manage.py sanitize_rich_text`): no script survives."""

import io
import re

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils.html import escape

from centre.html import sanitize_html
from pages.models import Page
from partners.models import Partner

from .factories import make_page, make_partner

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


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p><b>qalın</b>, <i>kursiv</i></p>", "<p><strong>qalın</strong>, <em>kursiv</em></p>"),
        ('<p><B class="x">Q</B><I style="x">K</I></p>', "<p><strong>Q</strong><em>K</em></p>"),
        ("<p><i><b>hər ikisi</b></i></p>", "<p><em><strong>hər ikisi</strong></em></p>"),
        ("<b>bağlanmamış <i>x", "<strong>bağlanmamış <em>x</em></strong>"),
        # Only tags are renamed: not text, not an attribute's value, not <bdi> or <img>.
        (
            '<p>&lt;b&gt; <a href="/x" title="<b>">l</a> <bdi>y</bdi></p>',
            '<p>&lt;b&gt; <a href="/x" title="&lt;b&gt;" rel="noopener noreferrer">l</a> y</p>',
        ),
    ],
)
def test_bold_and_italic_written_without_the_editor_are_kept(html, expected):
    assert sanitize_html(html) == expected


@pytest.mark.django_db
def test_bold_and_italic_are_kept_on_save():
    page = make_page("Səhifə", body_az="<p><b>qalın</b> <i>kursiv</i></p>")
    page.refresh_from_db()
    assert page.body_az == "<p><strong>qalın</strong> <em>kursiv</em></p>"


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
def test_html_stored_without_save_is_sanitised_by_the_command(client, vector):
    page = make_page("Səhifə")
    partner = make_partner("Tərəfdaş")
    # HTML that reached the database without save(), e.g. loaddata or a SQL shell.
    Page.objects.filter(pk=page.pk).update(body_az=f"<p>mətn</p>{vector}")
    Partner.objects.filter(pk=partner.pk).update(description_ru=f"<p>текст</p>{vector}")
    call_command("sanitize_rich_text", stdout=io.StringIO())
    html = client.get("/az/sehife/").text
    body = html[html.index('<div class="rich-text">') : html.index("</article>")]
    assert "mətn" in body
    assert not DANGEROUS.search(body)
    description = Partner.objects.values_list("description_ru", flat=True).get()
    assert "текст" in description
    assert not DANGEROUS.search(description)


@pytest.mark.django_db
def test_the_command_keeps_text_over_the_limits_as_plain_text():
    page = make_page("Səhifə")
    deep = "<blockquote>" * 100 + "<script>alert(1)</script>"
    Page.objects.filter(pk=page.pk).update(body_en=deep)
    out = io.StringIO()
    call_command("sanitize_rich_text", stdout=out, stderr=io.StringIO())
    page.refresh_from_db()
    assert page.body_en == "<p>" + escape(deep) + "</p>"
    assert "1 over the limits" in out.getvalue()


def test_rich_text_filter_shows_what_was_stored():
    # save() sanitised it: the filter does not parse it again on every view.
    rendered = Template("{% load centre_tags %}{{ html|rich_text }}").render(
        Context({"html": "<p>a &amp; <strong>b</strong></p>"})
    )
    assert rendered == "<p>a &amp; <strong>b</strong></p>"
