"""An official document as DOCX (python-docx) laid out per NĐ 30/2020: A4, Times New Roman 13, header."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from caseflow.services.documents.text import MOTTO, Block, OfficialDocument

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


def to_docx(official: OfficialDocument) -> bytes:
    """The document's bytes."""
    document = Document()
    _page(document)
    _header(document, official)
    _title(document, official)
    for block in official.blocks:
        _block(document, block)
    _closing(document, official)
    document.core_properties.title = f"{official.title} {official.number}".strip()
    document.core_properties.author = official.agency
    document.core_properties.comments = official.tracking_code
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _page(document) -> None:
    """A4 with the official margins, and the official font everywhere (Vietnamese glyphs included)."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(4)


def _header(document, official: OfficialDocument) -> None:
    """Agency and number on the left, the national motto, place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _line(left.paragraphs[0], official.governing, size=12)
    _line(left.add_paragraph(), official.agency, bold=True, size=12)
    _line(left.add_paragraph(), f"Số: {official.number}", size=13)
    _line(right.paragraphs[0], MOTTO[0], bold=True, size=12)
    _line(right.add_paragraph(), MOTTO[1], bold=True, size=13)
    _line(right.add_paragraph(), official.place_date, italic=True, size=13)


def _line(paragraph, text: str, *, bold=False, italic=False, size=13, align=CENTER) -> None:
    """One formatted run in a paragraph."""
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _title(document, official: OfficialDocument) -> None:
    """The title in capitals, the subtitle, and the addressee line."""
    _line(document.add_paragraph(), official.title, bold=True, size=14)
    if official.subtitle:
        _line(document.add_paragraph(), official.subtitle, bold=True)
    if official.to:
        _line(document.add_paragraph(), official.to)


def _block(document, block: Block) -> None:
    """One body block."""
    if block.style == "table":
        _table(document, block.rows)
    elif block.style == "heading":
        _line(document.add_paragraph(), block.text, bold=True, align=JUSTIFY)
    elif block.style == "center":
        _line(document.add_paragraph(), block.text, bold=True)
    elif block.style == "item":
        _line(document.add_paragraph(), f"- {block.text}", align=JUSTIFY)
    else:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Mm(10)
        _line(paragraph, block.text, align=JUSTIFY)


def _table(document, rows: list[list[str]]) -> None:
    """A bordered table whose first row is the header."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            _line(table.cell(r, c).paragraphs[0], text, bold=r == 0, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)


def _closing(document, official: OfficialDocument) -> None:
    """Nơi nhận on the left, the signatures (one under another) on the right."""
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    _line(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for item in official.recipients:
        _line(left.add_paragraph(), f"- {item}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for index, signature in enumerate(official.signatures):
        place = right.paragraphs[0] if index == 0 else right.add_paragraph()
        _line(place, signature.title, bold=True)
        _line(right.add_paragraph(), signature.note, italic=True, size=12)
        _line(right.add_paragraph(), signature.name or " ", bold=True)
