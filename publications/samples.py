"""
Sample PDFs for the demo content: real, multi-page documents with a text layer in Azerbaijani,
English or Russian.

The text is set in Noto Sans (``publications/fonts``, subset to Latin, Azerbaijani and Cyrillic
letters, SIL Open Font License), embedded in the file, so ə ğ ı İ ş ç ö ü and Cyrillic letters
are real characters that text extraction and search find. Nothing is fetched at run time. The
words every page carries (the sample banner, "Page") are in content/publications.json.
"""

import datetime
import logging
from pathlib import Path

from fpdf import FPDF

from centre.seed import read

# fpdf2 subsets the embedded font with fontTools, which reports every glyph at INFO level.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
NAVY = (11, 58, 103)
TEAL = (14, 124, 138)
MUTED = (74, 86, 102)


class SampleDocument(FPDF):
    def __init__(self, language, running_title):
        super().__init__(format="A4")
        self.language, self.running_title = language, running_title
        texts = read("publications")["pdf"]
        self.banner, self.page_label = texts["banner"][language], texts["page_label"][language]
        self.add_font("Noto", "", FONTS / "NotoSans-Regular.ttf")
        self.add_font("Noto", "B", FONTS / "NotoSans-Bold.ttf")
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, margin=24)
        self.set_lang(language)

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("Noto", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, self.running_title, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-16)
        self.set_font("Noto", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, self.banner, align="L")
        self.cell(0, 6, f"{self.page_label} {self.page_no()}/{{nb}}", align="R")

    def paragraph(self, text, size=11, style="", color=(27, 36, 48), spacing=3):
        self.set_font("Noto", style, size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.55, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(spacing)


def build_pdf(*, language, title, subtitle, publisher, date, sections):
    """
    A PDF: a title page, then one page per ``(heading, [paragraph, …])`` section. A paragraph
    given as a list is set as bullet points. Returns the file's bytes.
    """
    document = SampleDocument(language, title)
    document.set_title(title)
    document.set_author(publisher)
    document.set_subject(document.banner)
    document.set_creator("4SIM site demo content")
    # A fixed creation date keeps the bytes, and so the SHA-256, the same on every run.
    document.set_creation_date(datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))

    document.add_page()
    document.set_fill_color(*NAVY)
    document.rect(0, 0, document.w, 70, style="F")
    document.set_y(24)
    document.paragraph(publisher, size=11, style="B", color=(255, 255, 255))
    document.set_y(84)
    document.paragraph(title, size=24, style="B", color=NAVY, spacing=6)
    document.paragraph(subtitle, size=13, color=MUTED, spacing=10)
    document.set_fill_color(255, 244, 214)
    document.set_draw_color(199, 145, 0)
    document.set_font("Noto", "B", 11)
    document.set_text_color(27, 36, 48)
    document.multi_cell(0, 9, document.banner, border=1, fill=True, new_x="LMARGIN", new_y="NEXT")
    if date:
        document.ln(8)
        document.paragraph(date, size=11, color=MUTED)

    for heading, paragraphs in sections:
        document.add_page()
        document.paragraph(heading, size=16, style="B", color=TEAL, spacing=4)
        for paragraph in paragraphs:
            if isinstance(paragraph, list):
                for item in paragraph:
                    document.paragraph(f"•  {item}", spacing=1)
                document.ln(3)
            else:
                document.paragraph(paragraph)
    return bytes(document.output())
