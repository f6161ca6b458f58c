"""Support letters (courriers de soutien) as .docx, in several letterhead layouts."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image

from . import images
from .model import Letter, date_fr

LAYOUTS = ("mairie_gauche", "centre", "prefecture", "bandeau", "colonne", "logo_droite",
           "prefecture_droite", "sans_logo")
FONTS = {"mairie_gauche": "Liberation Serif", "centre": "Liberation Sans",
         "prefecture": "Liberation Sans", "bandeau": "DejaVu Sans", "colonne": "Liberation Sans",
         "logo_droite": "DejaVu Sans", "prefecture_droite": "Liberation Sans",
         "sans_logo": "Liberation Serif"}
# Left indent (cm) of the addressee and signatory blocks: narrower in a sidebar layout,
# whose text runs in the right column only.
INDENTS = {"colonne": 5.0}


def build_letter(letter: Letter, out: Path) -> Path:
    """Write one letter as .docx; its look depends on letter.layout."""
    document = docx.Document()
    _page_setup(document, FONTS[letter.layout])
    # a letterhead returns the container the letter's text goes into (a sidebar layout
    # writes it in its right column), or None for the page itself
    body = LETTERHEADS[letter.layout](document, letter) or document
    indent = INDENTS.get(letter.layout, 9.0)
    _date_and_addressee(body, letter, indent)
    _objet_and_body(body, letter)
    _signature_block(body, letter, indent + 0.5)
    _set_properties(document, letter)
    document.save(str(out))
    return out


def _page_setup(document, font: str) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(1.6), Cm(1.4)
    section.left_margin = section.right_margin = Cm(2.2)
    style = document.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(10.5)
    style.paragraph_format.space_after = Pt(0)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), font)


def _para(container, text: str = "", size: float | None = None, bold: bool = False,
          italic: bool = False, align=None, indent_cm: float = 0, after: float = 0,
          colour: RGBColor | None = None):
    para = container.add_paragraph()
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = para.add_run(line)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if colour is not None:
            run.font.color.rgb = colour
        if i < len(lines) - 1:
            run.add_break()
    fmt = para.paragraph_format
    fmt.alignment = align
    fmt.left_indent = Cm(indent_cm) if indent_cm else None
    fmt.space_after = Pt(after)
    return para


def _picture(paragraph, image, width_cm: float) -> None:
    data = image if isinstance(image, bytes) else images.png_bytes(image)
    paragraph.add_run().add_picture(io.BytesIO(data), width=Cm(width_cm))


def _borderless_table(document, widths_cm: list[float]):
    table = document.add_table(rows=1, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths_cm, strict=True):
        cell.width = Cm(width)
    return table


def _shade(cell, hex_fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tc_pr.append(shd)


def _bottom_rule(paragraph, colour: str = "808080") -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("val", "single"), ("sz", "8"), ("space", "4"), ("color", colour)):
        bottom.set(qn(f"w:{key}"), val)
    borders.append(bottom)
    p_pr.append(borders)


def _head_mairie_gauche(document, letter: Letter) -> None:
    """Coat of arms top left, the commune's name and address under it."""
    table = _borderless_table(document, [8.5, 8.1])
    left, right = table.rows[0].cells
    _picture(left.paragraphs[0], images.blason(letter.logo_seed), 2.0)
    _para(left, "\n".join(letter.letterhead), size=12, bold=True)
    _para(left, "\n".join(letter.sender_details), size=8.5, colour=RGBColor(0x40, 0x40, 0x40))
    right.paragraphs[0].text = ""
    _para(document, after=18)


def _head_centre(document, letter: Letter) -> None:
    """Centred logotype, name in capitals, a rule, the address in small print."""
    initials = "".join(w[0] for w in letter.letterhead[0].split() if w[0].isupper())[-2:]
    logo_para = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    logo_para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _picture(logo_para, images.modern_logo(letter.logo_seed, initials or "C"), 2.2)
    name = _para(document, letter.letterhead[0].upper(), size=14, bold=True,
                 align=WD_ALIGN_PARAGRAPH.CENTER, colour=RGBColor(0x1F, 0x3A, 0x5F))
    for extra in letter.letterhead[1:]:
        _para(document, extra, size=10, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _bottom_rule(name if len(letter.letterhead) == 1 else document.paragraphs[-1])
    _para(document, " · ".join(letter.sender_details), size=8, align=WD_ALIGN_PARAGRAPH.CENTER,
          after=20, colour=RGBColor(0x50, 0x50, 0x50))


def _head_prefecture(document, letter: Letter) -> None:
    """The State's bloc-marque (flag, PRÉFET…, motto) left, the service right."""
    table = _borderless_table(document, [7.0, 9.6])
    left, right = table.rows[0].cells
    _picture(left.paragraphs[0], images.marianne_flag(), 1.3)
    _para(left, "\n".join(letter.letterhead), size=11, bold=True)
    _para(left, "Liberté\nÉgalité\nFraternité", size=8, italic=True)
    right.paragraphs[0].text = ""
    _para(right, "\n".join(letter.sender_details), size=8.5, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, after=14)


def _head_bandeau(document, letter: Letter) -> None:
    """A coloured band across the page with the EPCI's name, logo at its right."""
    table = _borderless_table(document, [12.6, 4.0])
    left, right = table.rows[0].cells
    _shade(left, "1B5E7A")
    _para(left, letter.letterhead[0], size=13, bold=True, colour=RGBColor(0xFF, 0xFF, 0xFF))
    for extra in letter.letterhead[1:]:
        _para(left, extra, size=9, colour=RGBColor(0xE0, 0xF0, 0xF5))
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _picture(right.paragraphs[0], images.modern_logo(letter.logo_seed, "CC"), 1.8)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = " – ".join(letter.sender_details)
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in footer.runs:
        run.font.size = Pt(7.5)
    _para(document, after=16)


def _head_colonne(document, letter: Letter):
    """A shaded left column (arms, name, services, elected officials); text in the right one."""
    table = _borderless_table(document, [4.2, 12.4])
    for column, width in zip(table.columns, (4.2, 12.4)):
        column.width = Cm(width)  # the grid, which LibreOffice follows over cell widths
    document.styles["Normal"].font.size = Pt(10)
    side, main = table.rows[0].cells
    _shade(side, "EEF1F4")
    side.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _picture(side.paragraphs[0], images.blason(letter.logo_seed), 1.8)
    _para(side, "\n".join(letter.letterhead), size=11, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, after=10, colour=RGBColor(0x1F, 0x3A, 0x5F))
    _para(side, "\n".join(letter.sender_details), size=7.5, after=12,
          colour=RGBColor(0x40, 0x40, 0x40))
    for heading, lines in letter.sidebar:
        _para(side, heading, size=7.5, bold=True, colour=RGBColor(0x1F, 0x3A, 0x5F))
        _para(side, "\n".join(lines), size=7, after=8, colour=RGBColor(0x50, 0x50, 0x50))
    main.paragraphs[0].text = ""
    _para(main, after=10)
    return main


def _head_logo_droite(document, letter: Letter) -> None:
    """Modern letterhead: name and tagline left, logo right, the address in the footer."""
    table = _borderless_table(document, [11.6, 5.0])
    left, right = table.rows[0].cells
    _para(left, letter.letterhead[0], size=15, bold=True, colour=RGBColor(0x0B, 0x6E, 0x4F))
    for extra in letter.letterhead[1:]:
        _para(left, extra, size=9, italic=True, colour=RGBColor(0x40, 0x40, 0x40))
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    initials = "".join(w[0] for w in letter.letterhead[0].split() if w[0].isupper())[-2:]
    _picture(right.paragraphs[0], images.modern_logo(letter.logo_seed, initials or "V"), 2.4)
    footer = document.sections[0].footer.paragraphs[0]
    _bottom_rule(footer, "0B6E4F")
    footer.text = "  |  ".join(letter.sender_details)
    footer.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for run in footer.runs:
        run.font.size = Pt(7)
    _para(document, after=24)


def _head_prefecture_droite(document, letter: Letter) -> None:
    """The bloc-marque alone top left, the sender block (service, reference) on the right."""
    flag = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    _picture(flag, images.marianne_flag(), 1.1)
    _para(document, "\n".join(letter.letterhead), size=10.5, bold=True)
    _para(document, "Liberté\nÉgalité\nFraternité", size=7.5, italic=True, after=10)
    _para(document, "\n".join(letter.sender_details), size=8, indent_cm=10.0, after=16,
          colour=RGBColor(0x30, 0x30, 0x30))


def _head_sans_logo(document, letter: Letter) -> None:
    """A small mairie's letter typed in a word processor: no logo, the name in capitals."""
    _para(document, letter.letterhead[0].upper(), size=12, bold=True)
    for extra in letter.letterhead[1:]:
        _para(document, extra, size=10)
    _para(document, "\n".join(letter.sender_details), size=9.5, after=28)


LETTERHEADS = {"mairie_gauche": _head_mairie_gauche, "centre": _head_centre,
               "prefecture": _head_prefecture, "bandeau": _head_bandeau,
               "colonne": _head_colonne, "logo_droite": _head_logo_droite,
               "prefecture_droite": _head_prefecture_droite, "sans_logo": _head_sans_logo}


def _date_and_addressee(document, letter: Letter, indent: float = 9.0) -> None:
    date_line = {"long": f"{letter.place}, le {date_fr(letter.date)}",
                 "numeric": f"{letter.place}, le {letter.date:%d/%m/%Y}",
                 "bare": f"{letter.place}, {date_fr(letter.date)}"}[letter.date_style]
    if letter.layout in ("centre", "bandeau", "logo_droite", "sans_logo", "prefecture_droite"):
        _para(document, date_line, align=WD_ALIGN_PARAGRAPH.RIGHT, after=14)
        _para(document, "\n".join(letter.addressee), indent_cm=indent, after=18)
    else:
        _para(document, "\n".join(letter.addressee), indent_cm=indent, after=14)
        _para(document, date_line, indent_cm=indent, after=18)


def _objet_and_body(document, letter: Letter) -> None:
    objet = document.add_paragraph()
    objet.add_run("Objet : ").bold = True
    objet.add_run(letter.objet)
    objet.paragraph_format.space_after = Pt(16)
    _para(document, letter.salutation, after=10)
    for chunk in letter.body:
        para = _para(document, chunk, after=8)
        para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        para.paragraph_format.first_line_indent = Cm(1.0)
    closing = _para(document, letter.closing, after=14)
    closing.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    closing.paragraph_format.first_line_indent = Cm(1.0)


def _signature_block(document, letter: Letter, indent: float = 9.5) -> None:
    """Quality line(s), the handwritten signature (and stamp) if signed, then the name."""
    if letter.sig_align != "indent" or letter.sig_position != "above" or letter.stamp_overlap:
        _signature_block_variant(document, letter)
        return
    _para(document, "\n".join(letter.quality_lines), indent_cm=indent)
    sig = _para(document, indent_cm=indent - 1.5)
    if letter.signed:
        if letter.stamp:
            stamp_text, centre = letter.stamp.split("|")
            _picture(sig, images.stamp(stamp_text, centre, letter.logo_seed + 7), 2.2)
        _picture(sig, images.signature(letter.logo_seed + 101), 3.8)
    else:
        _para(document, "\n\n", indent_cm=indent)
    _para(document, letter.signatory, bold=True, indent_cm=indent)


SIG_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "centre": WD_ALIGN_PARAGRAPH.CENTER,
             "right": WD_ALIGN_PARAGRAPH.RIGHT, "indent": None}


def _signature_block_variant(document, letter: Letter) -> None:
    """The other signatory blocks seen in practice: left, centred or right, the name
    printed above the signature or before the quality lines, a stamp struck across the
    signature."""
    align = SIG_ALIGN[letter.sig_align]
    indent = 8.0 if letter.sig_align == "indent" else 0
    if letter.sig_position == "name_first":
        _para(document, letter.signatory, bold=True, align=align, indent_cm=indent)
    _para(document, "\n".join(letter.quality_lines), align=align, indent_cm=indent)
    if letter.sig_position == "below":
        _para(document, letter.signatory, bold=True, align=align, indent_cm=indent)
    sig = _para(document, align=align, indent_cm=indent)
    if letter.signed:
        if letter.stamp_overlap and letter.stamp:
            _picture(sig, _stamped_signature(letter), 4.6)
        else:
            if letter.stamp:
                stamp_text, centre = letter.stamp.split("|")
                _picture(sig, images.stamp(stamp_text, centre, letter.logo_seed + 7), 2.2)
            _picture(sig, images.signature(letter.logo_seed + 101), 3.8)
    else:
        _para(document, "\n\n", align=align, indent_cm=indent)
    if letter.sig_position == "above":
        _para(document, letter.signatory, bold=True, align=align, indent_cm=indent)


def _stamped_signature(letter: Letter):
    """The signature with the rubber stamp struck over its left half, as one picture."""
    stamp_text, centre = letter.stamp.split("|")
    mark = images.stamp(stamp_text, centre, letter.logo_seed + 7).resize((230, 230))
    scrawl = images.signature(letter.logo_seed + 101)
    canvas = Image.new("RGBA", (max(scrawl.width + 120, 420), max(scrawl.height + 40, 250)),
                       (255, 255, 255, 0))
    canvas.alpha_composite(mark, (0, 0))
    canvas.alpha_composite(scrawl, (110, max(0, (canvas.height - scrawl.height) // 2)))
    return canvas


def _set_properties(document, letter: Letter) -> None:
    when = dt.datetime.combine(letter.date, dt.time(11, 0))
    props = document.core_properties
    props.author = letter.letterhead[0]
    props.title = letter.objet
    props.created = props.modified = when
    props.last_modified_by = letter.letterhead[0]
    props.revision = 1
