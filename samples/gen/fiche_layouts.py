"""Other layouts of the fiche de candidature: retyped by the candidate, in two columns, or
the official form filled in with a handwriting-like font.

Each renderer writes a .docx (python-docx) that LibreOffice turns into PDF, like the
official form of fiche_docx.py; the content comes from the same Fiche, so expected.json
does not depend on the layout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import fiche_docx as fd
from .model import Fiche, date_fr

SECTION_TITLES = [
    ("1", "LES PORTEURS DE L'ATELIER"),
    ("2", "LA LOCALISATION DE L'ATELIER"),
    ("3", "L'OBJET DE L'ATELIER"),
    ("4", "LES OBJECTIFS DE L'ATELIER"),
    ("5", "LES RESSOURCES DE L'ATELIER"),
]
ANNEX_TITLES = [("1", "LES DYNAMIQUES DU TERRITOIRE"), ("2", "LES DYNAMIQUES D'AMÉNAGEMENT")]
# Free-text answers long enough that a candidate writes them under their label.
LONG_LABELS = {
    "Autres partenaires associés", "Secteur d'étude", "Présentation du projet et de la problématique",
    "Objectifs poursuivis", "Attendus de l'Atelier (livrables souhaités)",
    "Documents disponibles (PLU/PLUi, SCoT, études, diagnostics…)", "Acteurs à mobiliser",
    "Moyens logistiques mis à disposition (salle, restauration…)",
}


@dataclass(frozen=True)
class Field:
    label: str
    value: str | None


@dataclass(frozen=True)
class Options:
    label: str
    choices: list[tuple[str, bool]]  # (option text, ticked)
    inline: bool  # short groups are written on one line


@dataclass(frozen=True)
class Block:
    """A section or an annex of the fiche, with what is written in it."""

    number: str
    title: str
    annex: bool
    items: list  # Field | Options | str (a sub-heading, sections only)


def fiche_blocks(fiche: Fiche) -> list[Block]:
    """The fiche's content in form order, independent of any layout."""
    answers = {label: text for (label, n), text in fd._text_answers(fiche).items() if n == 0}
    second = {label: text for (label, n), text in fd._text_answers(fiche).items() if n == 1}
    ticked = fd._checked_options(fiche)

    def options(label: str, names: dict[str, str], inline: bool) -> Options:
        chosen = ticked[label]
        choices = []
        for name in names.values():
            text = name
            if name.startswith("Autre") and fiche.autre_precision and name in chosen:
                text = f"{name} : {fiche.autre_precision}"
            choices.append((text, name in chosen))
        return Options(label, choices, inline)

    f = lambda label: Field(label, answers[label])  # noqa: E731 - table of fields below
    s1 = ["Le service de l'État", f("Service de l'État pilote"), f("Nom et prénom du référent"),
          f("Fonction"), f("Courriel"), f("Téléphone"),
          "La collectivité", f("Collectivité porteuse"),
          options("Nature de la collectivité", fd.TYPES, True),
          f("Nom et prénom de l'élu(e) référent(e)"), f("Qualité"), f("Référent technique"),
          Field("Courriel", second["Courriel"]), Field("Téléphone", second["Téléphone"]),
          "Les partenaires", f("Autres partenaires associés")]
    s2 = [f("Commune(s) concernée(s)"), f("EPCI de rattachement"), f("Département"),
          f("Région"), options("Échelle de réflexion", fd.ECHELLES, True), f("Secteur d'étude")]
    s3 = [f("Intitulé de l'Atelier"), options("Thématique(s)", fd.THEMATIQUES, False),
          options("Programme(s) de l'ANCT concerné(s)", fd.PROGRAMMES, False),
          f("Présentation du projet et de la problématique")]
    s4 = [f("Objectifs poursuivis"), f("Attendus de l'Atelier (livrables souhaités)"),
          f("Calendrier souhaité")]
    s5 = [f("Documents disponibles (PLU/PLUi, SCoT, études, diagnostics…)"),
          f("Acteurs à mobiliser"),
          f("Moyens logistiques mis à disposition (salle, restauration…)")]
    blocks = [Block(n, t, False, items)
              for (n, t), items in zip(SECTION_TITLES, [s1, s2, s3, s4, s5], strict=True)]
    blocks.append(Block("1", ANNEX_TITLES[0][1], True, [fiche.annexe1]))
    blocks.append(Block("2", ANNEX_TITLES[1][1], True, [fiche.annexe2]))
    return blocks


@dataclass(frozen=True)
class Style:
    """How a candidate retyped the form."""

    heading: str  # "caps": SECTION 1 – …; "numbered": 1. Les …; "colon": Section 1 : Les …
    boxes: tuple[str, str]  # (ticked, unticked): ("☒", "☐") or ("[X]", "[ ]")
    font: str
    size: float
    columns: int = 1  # 2 = newspaper columns
    sub_headings: bool = True


def heading_text(block: Block, style: str) -> str:
    kind = "ANNEXE" if block.annex else "SECTION"
    if style == "caps":
        return f"{kind} {block.number} – {block.title}"
    title = block.title[0] + block.title[1:].lower()
    title = title.replace("l'atelier", "l'Atelier")
    if style == "numbered":
        return f"{'Annexe ' if block.annex else ''}{block.number}. {title}"
    return f"{kind.capitalize()} {block.number} : {title}"


def _new_document(font: str, size: float, author: str, fiche: Fiche):
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    normal.paragraph_format.space_after = Pt(2)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(1.8)
    when = dt.datetime.combine(fiche.date, dt.time(11, 5))
    props = document.core_properties
    props.author = props.last_modified_by = author
    props.created, props.modified = when - dt.timedelta(days=3), when
    props.title, props.revision = "Fiche de candidature", 2
    return document


def _title(document, fiche: Fiche, centred: bool) -> None:
    for text, size in [("Atelier des territoires Flash", 16),
                       ("FICHE DE CANDIDATURE", 13), (fiche.coll_nom, 11)]:
        para = document.add_paragraph()
        run = para.add_run(text)
        run.bold, run.font.size = True, Pt(size)
        if centred:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph()


def _heading(document, text: str, size: float) -> None:
    para = document.add_paragraph()
    para.paragraph_format.space_before = Pt(10)
    para.paragraph_format.space_after = Pt(4)
    para.paragraph_format.keep_with_next = True
    run = para.add_run(text)
    run.bold, run.font.size = True, Pt(size + 1.5)


def _labelled(document, label: str, value: str | None, long: bool) -> None:
    """'Label : value' on one line, or the label alone with the text on the next lines."""
    para = document.add_paragraph()
    run = para.add_run(f"{label} :")
    run.bold = True
    if not value:
        return
    if not long:
        para.add_run(" " + value)
        return
    para.paragraph_format.keep_with_next = True
    for chunk in value.split("\n"):
        document.add_paragraph(chunk).paragraph_format.left_indent = Cm(0.4)


def _options(document, group: Options, boxes: tuple[str, str]) -> None:
    on, off = boxes
    para = document.add_paragraph()
    para.add_run(f"{group.label} :").bold = True
    if group.inline:
        para.add_run("   " + "    ".join(f"{on if t else off} {text}"
                                          for text, t in group.choices))
        return
    para.paragraph_format.keep_with_next = True
    for text, ticked in group.choices:
        line = document.add_paragraph(f"{on if ticked else off} {text}")
        line.paragraph_format.left_indent = Cm(0.4)
        line.paragraph_format.space_after = Pt(0)


def _fait_a(document, fiche: Fiche) -> None:
    para = document.add_paragraph()
    para.paragraph_format.space_before = Pt(14)
    para.add_run(f"Fait à {fiche.lieu}, le {date_fr(fiche.date)}")


def _two_columns(section) -> None:
    cols = section._sectPr.xpath("./w:cols")
    col = cols[0] if cols else OxmlElement("w:cols")
    col.set(qn("w:num"), "2")
    col.set(qn("w:space"), str(int(Cm(0.9).twips)))
    if not cols:
        section._sectPr.append(col)


def retyped_fiche(fiche: Fiche, out: Path, author: str, style: Style) -> Path:
    """The form retyped in the candidate's own document: headings, 'Label : value', no table."""
    document = _new_document(style.font, style.size, author, fiche)
    _title(document, fiche, centred=style.columns == 1)
    if style.columns == 2:
        _two_columns(document.add_section(WD_SECTION.CONTINUOUS))
    for block in fiche_blocks(fiche):
        _heading(document, heading_text(block, style.heading), style.size)
        if block.annex:
            for chunk in block.items[0].split("\n"):
                document.add_paragraph(chunk)
            continue
        for item in block.items:
            if isinstance(item, str):
                if style.sub_headings:
                    document.add_paragraph().add_run(item).italic = True
            elif isinstance(item, Options):
                _options(document, item, style.boxes)
            else:
                _labelled(document, item.label, item.value, item.label in LONG_LABELS)
    _fait_a(document, fiche)
    document.save(str(out))
    return out


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def label_column_fiche(fiche: Fiche, out: Path, author: str, style: Style) -> Path:
    """Labels in a narrow left column, answers on the right, aligned by an unruled table."""
    document = _new_document(style.font, style.size, author, fiche)
    _title(document, fiche, centred=False)
    on, off = style.boxes
    for block in fiche_blocks(fiche):
        _heading(document, heading_text(block, style.heading), style.size)
        if block.annex:
            for chunk in block.items[0].split("\n"):
                document.add_paragraph(chunk)
            continue
        rows = [item for item in block.items if not isinstance(item, str)]
        table = document.add_table(rows=len(rows), cols=2)
        _no_borders(table)
        for row, item in zip(table.rows, rows, strict=True):
            row.cells[0].width, row.cells[1].width = Cm(5.2), Cm(11.8)
            label = row.cells[0].paragraphs[0].add_run(item.label)
            label.bold = True
            answer = row.cells[1]
            if isinstance(item, Options):
                lines = [f"{on if t else off} {text}" for text, t in item.choices]
                fd.write_cell(answer, ("    ".join(lines) if item.inline else "\n".join(lines)),
                              style.size)
            else:
                fd.write_cell(answer, item.value, style.size)
            for cell in row.cells:
                cell.paragraphs[-1].paragraph_format.space_after = Pt(6)
    _fait_a(document, fiche)
    document.save(str(out))
    return out


INK_BLUE = RGBColor(0x1C, 0x2F, 0x8A)


def handwritten_fiche(fiche: Fiche, out: Path, author: str, font: str, size: float,
                      italic: bool = False) -> Path:
    """The official form filled in a handwriting-like font, in blue ink."""
    fd.fill_fiche(fiche, out, author)
    document = docx.Document(str(out))
    cells = fd._label_cells(document)
    answer_cells = [cells[key] for key in fd._text_answers(fiche)]
    answer_cells += fd._annex_cells(document)
    for cell in answer_cells:
        for para in cell.paragraphs:
            for run in para.runs:
                _ink(run, font, size, italic)
    for label in fd._checked_options(fiche):
        for para in cells[(label, 0)].paragraphs:
            for run in para.runs:
                if run.text == "☒":
                    run.font.color.rgb = INK_BLUE
    for para in document.paragraphs:
        if para.text.startswith("Fait à"):
            run = para.runs[0]
            run.text = "Fait à "
            _ink(para.add_run(fiche.lieu), font, size, italic)
            para.add_run(", le ")
            _ink(para.add_run(date_fr(fiche.date)), font, size, italic)
    document.save(str(out))
    return out


def _ink(run, font: str, size: float, italic: bool = False) -> None:
    run.font.name = font
    run.font.italic = italic
    run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    run.font.size = Pt(size)
    run.font.color.rgb = INK_BLUE


# Renderers by name, as a case selects them (dossier.extra["fiche_renderer"]).
RENDERERS: dict[str, Callable[[Fiche, Path, str], Path]] = {
    "retyped_caps": lambda f, out, a: retyped_fiche(
        f, out, a, Style("caps", ("☒", "☐"), "Carlito", 11)),
    "retyped_numbered": lambda f, out, a: retyped_fiche(
        f, out, a, Style("numbered", ("[X]", "[ ]"), "Liberation Serif", 11.5)),
    "retyped_colon": lambda f, out, a: retyped_fiche(
        f, out, a, Style("colon", ("☒", "☐"), "Liberation Sans", 10.5, sub_headings=False)),
    "newspaper": lambda f, out, a: retyped_fiche(
        f, out, a, Style("caps", ("☒", "☐"), "Liberation Sans", 9.5, columns=2)),
    "label_column": lambda f, out, a: label_column_fiche(
        f, out, a, Style("numbered", ("[X]", "[ ]"), "Liberation Sans", 10.5)),
    "comic": lambda f, out, a: handwritten_fiche(f, out, a, "Comic Neue", 11),
    # Leaning letters of a hurried hand; DkgHandwriting was tried and is beyond Tesseract.
    "comic_italic": lambda f, out, a: handwritten_fiche(f, out, a, "Comic Neue", 12, italic=True),
}
