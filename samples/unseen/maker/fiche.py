"""The fiche as porteurs send it: the official form filled with python-docx, or retyped in
their own documents (other headings, labels, fonts, ways of ticking), as .docx, .odt or PDF."""

from __future__ import annotations

import io
import random
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from . import content
from .dossier import Spec

FORM = Path("/work/shared/forms/fiche-de-candidature-atelier-flash.docx")
TICKS = ["☒", "X", "✓", "■", "☑"]
TYPE_LABEL = {"commune": "Commune", "epci": "EPCI"}
ECHELLE_LABEL = {"site": "Site ou îlot", "communale": "Communale", "intercommunale": "Intercommunale"}


def _set(cell, text: str | None, font: str | None = None, colour: RGBColor | None = None) -> None:
    """Write a (possibly multi-line) answer into an empty cell."""
    if not text:
        return
    lines = text.split("\n")
    par = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            par = cell.add_paragraph()
        run = par.add_run(line)
        if font:
            run.font.name = font
        if colour is not None:
            run.font.color.rgb = colour


def _tick_runs(cell, wanted: set[str], tick: str) -> None:
    """Replace the ☐ run before each wanted label by the tick."""
    for par in cell.paragraphs:
        runs = par.runs
        for i, run in enumerate(runs):
            if run.text == "☐" and i + 1 < len(runs) and runs[i + 1].text.strip().split("  ")[0].strip() in wanted:
                run.text = tick


def official(spec: Spec, rng: random.Random) -> bytes:
    """The official blank form, filled in its tables."""
    t, w = spec.truth, spec.written
    d = docx.Document(str(FORM))
    tick = rng.choice(TICKS)
    font = rng.choice([None, None, "Arial", "Calibri", "Times New Roman"])
    colour = RGBColor(0x1F, 0x3A, 0x93) if rng.random() < 0.3 else None
    s1, s2, s3, s4, s5 = d.tables[1:6]
    for row, key in [(1, "s1.etat.service"), (2, "s1.etat.referent_nom"), (3, "s1.etat.referent_fonction"),
                     (4, "s1.etat.referent_email"), (5, "s1.etat.referent_telephone"),
                     (7, "s1.collectivite.nom"), (9, "s1.collectivite.elu_nom"),
                     (10, "s1.collectivite.elu_qualite"), (11, "s1.collectivite.contact_nom"),
                     (12, "s1.collectivite.contact_email"), (13, "s1.collectivite.contact_telephone"),
                     (15, "s1.partenaires")]:
        _set(s1.rows[row].cells[1], w.get(key), font, colour)
    if t.get("s1.collectivite.type"):
        _tick_runs(s1.rows[8].cells[1], {TYPE_LABEL[t["s1.collectivite.type"]]}, tick)
    for row, key in [(0, "s2.communes"), (1, "s2.epci"), (2, "s2.departement"), (3, "s2.region"), (5, "s2.secteur")]:
        _set(s2.rows[row].cells[1], w.get(key), font, colour)
    if t.get("s2.echelle"):
        _tick_runs(s2.rows[4].cells[1], {ECHELLE_LABEL[t["s2.echelle"]]}, tick)
    _set(s3.rows[0].cells[1], w.get("s3.intitule"), font, colour)
    if t.get("s3.thematiques"):
        _tick_runs(s3.rows[1].cells[1], {content.THEME_LABEL[x].split(" :")[0] if x != "autre" else "Autre (préciser) : …………………………………………"
                                         for x in t["s3.thematiques"]}, tick)
        if "autre" in t["s3.thematiques"]:
            for par in s3.rows[1].cells[1].paragraphs:
                if "Autre" in par.text:
                    par.runs[-1].text = " Autre (préciser) : participation des habitants"
    if t.get("s3.programmes") is not None and t.get("s3.thematiques") is not None:
        labels = {content.PROGRAMME_LABEL[x] for x in t["s3.programmes"]} or {"Aucun"}
        _tick_runs(s3.rows[2].cells[1], labels, tick)
    _set(s3.rows[3].cells[1], w.get("s3.description"), font, colour)
    for row, key in enumerate(["s4.objectifs", "s4.attendus", "s4.calendrier"]):
        _set(s4.rows[row].cells[1], w.get(key), font, colour)
    for row, key in enumerate(["s5.documents", "s5.acteurs", "s5.moyens"]):
        _set(s5.rows[row].cells[1], w.get(key), font, colour)
    _set(d.tables[6].rows[0].cells[0], w.get("a1.dynamiques_territoire"), font, colour)
    _set(d.tables[7].rows[0].cells[0], w.get("a2.dynamiques_amenagement"), font, colour)
    last = d.paragraphs[14]
    last.runs[0].text = f"Fait à {w['fiche.lieu']}, le {w['fiche.date']}"
    return _save(d)


# Retyped layouts: (section headings, label style). Labels are the form's, sometimes cut short.
HEADINGS = {
    "slash": ["1/ Porteurs du projet", "2/ Localisation", "3/ Objet de l'atelier", "4/ Objectifs",
              "5/ Ressources", "Annexe 1 / Dynamiques du territoire", "Annexe 2 / Dynamiques d'aménagement"],
    "dash": ["SECTION 1 - LES PORTEURS DE L'ATELIER", "SECTION 2 - LA LOCALISATION DE L'ATELIER",
             "SECTION 3 - L'OBJET DE L'ATELIER", "SECTION 4 - LES OBJECTIFS DE L'ATELIER",
             "SECTION 5 - LES RESSOURCES DE L'ATELIER", "ANNEXE 1 - LES DYNAMIQUES DU TERRITOIRE",
             "ANNEXE 2 - LES DYNAMIQUES D'AMÉNAGEMENT"],
    "table": ["Section 1 – Les porteurs de l'atelier", "Section 2 – La localisation de l'atelier",
              "Section 3 – L'objet de l'atelier", "Section 4 – Les objectifs de l'atelier",
              "Section 5 – Les ressources de l'atelier", "Annexe 1 – Les dynamiques du territoire",
              "Annexe 2 – Les dynamiques d'aménagement"],
}
LABELS = [
    ("s1", [("Service de l'État pilote", "s1.etat.service"), ("Nom et prénom du référent", "s1.etat.referent_nom"),
            ("Fonction", "s1.etat.referent_fonction"), ("Courriel", "s1.etat.referent_email"),
            ("Téléphone", "s1.etat.referent_telephone"), ("Collectivité porteuse", "s1.collectivite.nom"),
            ("Nature de la collectivité", "s1.collectivite.type"),
            ("Nom et prénom de l'élu(e) référent(e)", "s1.collectivite.elu_nom"),
            ("Qualité", "s1.collectivite.elu_qualite"), ("Référent technique", "s1.collectivite.contact_nom"),
            ("Courriel", "s1.collectivite.contact_email"), ("Téléphone", "s1.collectivite.contact_telephone"),
            ("Autres partenaires associés", "s1.partenaires")]),
    ("s2", [("Commune(s) concernée(s)", "s2.communes"), ("EPCI de rattachement", "s2.epci"),
            ("Département", "s2.departement"), ("Région", "s2.region"), ("Échelle de réflexion", "s2.echelle"),
            ("Secteur d'étude", "s2.secteur")]),
    ("s3", [("Intitulé de l'Atelier", "s3.intitule"), ("Thématique(s)", "s3.thematiques"),
            ("Programme(s) de l'ANCT concerné(s)", "s3.programmes"),
            ("Présentation du projet et de la problématique", "s3.description")]),
    ("s4", [("Objectifs poursuivis", "s4.objectifs"), ("Attendus de l'Atelier (livrables souhaités)", "s4.attendus"),
            ("Calendrier souhaité", "s4.calendrier")]),
    ("s5", [("Documents disponibles (PLU/PLUi, SCoT, études, diagnostics…)", "s5.documents"),
            ("Acteurs à mobiliser", "s5.acteurs"),
            ("Moyens logistiques mis à disposition (salle, restauration…)", "s5.moyens")]),
    ("a1", [(None, "a1.dynamiques_territoire")]),
    ("a2", [(None, "a2.dynamiques_amenagement")]),
]


def _boxes(spec: Spec, key: str, tick: str, empty: str, only_ticked: bool) -> list[str]:
    """Check-box answers as lines: '☒ Communale', '[X] Friches', or only the ticked ones."""
    t = spec.truth
    if key == "s1.collectivite.type":
        options, chosen = list(TYPE_LABEL.items()), {t.get(key)}
    elif key == "s2.echelle":
        options, chosen = list(ECHELLE_LABEL.items()), {t.get(key)}
    elif key == "s3.thematiques":
        options, chosen = list(content.THEME_LABEL.items()), set(t.get(key) or [])
    else:
        options = list(content.PROGRAMME_LABEL.items()) + [("aucun", "Aucun")]
        progs = t.get(key)
        chosen = set() if progs is None else (set(progs) or {"aucun"})
    if not chosen or chosen == {None}:
        return [f"{empty} {label}" for _, label in options] if not only_ticked else []
    if only_ticked:
        return [f"{tick} {label}" for slug, label in options if slug in chosen]
    return [f"{tick if slug in chosen else empty} {label}" for slug, label in options]


def retyped(spec: Spec, rng: random.Random, layout: str) -> bytes:
    """The fiche retyped in the porteur's own document."""
    w = spec.written
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = rng.choice(["Arial", "Liberation Serif", "Carlito", "DejaVu Sans", "Georgia"])
    style.font.size = Pt(rng.choice([10, 10.5, 11, 12]))
    tick, empty = rng.choice([("☒", "☐"), ("[X]", "[ ]"), ("✓", "☐"), ("■", "□"), ("X", "☐")])
    only_ticked = rng.random() < 0.25
    caps = layout == "dash" and rng.random() < 0.6
    head = d.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = head.add_run(rng.choice(["Atelier des territoires Flash – Fiche de candidature",
                                 "CANDIDATURE À L'ATELIER DES TERRITOIRES FLASH",
                                 f"Atelier des territoires « Flash » — candidature {spec.place}"]))
    r.bold = True
    r.font.size = Pt(14)
    for (_, rows), heading in zip(LABELS, HEADINGS[layout]):
        h = d.add_paragraph()
        hr = h.add_run(heading)
        hr.bold = True
        hr.font.size = Pt(12.5)
        if layout == "table":
            table = d.add_table(rows=0, cols=2)
            table.style = "Table Grid"
        for label, key in rows:
            if key in ("s1.collectivite.type", "s2.echelle", "s3.thematiques", "s3.programmes"):
                value = "\n".join(_boxes(spec, key, tick, empty, only_ticked))
                if key in ("s1.collectivite.type", "s2.echelle") and not only_ticked and rng.random() < 0.5:
                    value = value.replace("\n", "    ")
            else:
                value = w.get(key) or ""
            if label is None:
                p = d.add_paragraph(value)
                continue
            shown = label.upper() if caps else label
            if layout == "table":
                cells = table.add_row().cells
                cells[0].text = shown
                _set(cells[1], value)
            elif layout == "slash":
                long = len(value) > 70 or "\n" in value
                if long:
                    p = d.add_paragraph()
                    p.add_run(shown + " :").bold = True
                    for line in value.split("\n"):
                        d.add_paragraph(line)
                else:
                    p = d.add_paragraph()
                    p.add_run(shown + " : ").bold = True
                    p.add_run(value)
            else:   # dash: label on its own line, answer below (one or more lines)
                p = d.add_paragraph()
                p.add_run(shown).bold = True
                for line in (value.split("\n") if value else [""]):
                    d.add_paragraph(line)
    d.add_paragraph()
    d.add_paragraph(f"Fait à {w['fiche.lieu']}, le {w['fiche.date']}")
    return _save(d)


PINNED = (2026, 1, 5, 9, 0, 0)


def _save(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return pin_zip(buf.getvalue())


def pin_zip(data: bytes) -> bytes:
    """The same archive with fixed member times and dates in meta.xml (docx/odt reproducible)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "settings.xml":     # LibreOffice's random revision-save ids
                body = re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)\d+', rb"\g<1>1000000", body)
            if info.filename in ("meta.xml", "docProps/core.xml"):
                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2026-01-05T09:00:00Z", body)
                body = re.sub(rb"<meta:editing-duration>[^<]*<", b"<meta:editing-duration>PT0S<", body)
            pinned = zipfile.ZipInfo(info.filename, date_time=PINNED)
            pinned.compress_type = info.compress_type
            pinned.external_attr = 0o644 << 16
            dst.writestr(pinned, body)
    return out.getvalue()


def pin_pdf(data: bytes) -> bytes:
    """LibreOffice's PDF with a fixed creation date and a deterministic /ID."""
    data = re.sub(rb"/(CreationDate|ModDate)\(D:\d{14}", rb"/\1(D:20260105090000", data)   # same length
    data = re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + b"0" * 32, data)
    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]", lambda m: b" " * len(m.group(0)), data)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "in.pdf").write_bytes(data)
        done = subprocess.run(["qpdf", "--deterministic-id", f"{tmp}/in.pdf", f"{tmp}/out.pdf"],
                              capture_output=True)
        if done.returncode not in (0, 3):      # 3: warnings only
            raise RuntimeError(done.stderr.decode())
        return (Path(tmp) / "out.pdf").read_bytes()


def convert(data: bytes, suffix: str, target: str) -> bytes:
    """LibreOffice conversion (docx -> pdf / odt), made reproducible."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"fiche{suffix}"
        src.write_bytes(data)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", target, "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=180)
        out = (Path(tmp) / f"fiche.{target}").read_bytes()
    return pin_pdf(out) if target == "pdf" else pin_zip(out)
