"""Cases 17-26: the fiche in other layouts (retyped, two columns, handwriting-like font)
and the official form through harder captures (colour scan, fax, curled photos)."""

from __future__ import annotations

import datetime as dt

from . import packaging as pk, packaging_fiche as pf
from .cases import Case
from .dossiers import PROFILES
from .fiche_layouts import RENDERERS
from .model import Dossier
from .territoires_c import PROFILES_C

# The profiles of these cases join the common table the dossiers are built from.
PROFILES.update({p["key"]: p for p in PROFILES_C})


def _layout(name: str):
    """A tweak that renders the dossier's fiche with another layout than the official form."""
    def tweak(dossier: Dossier) -> None:
        dossier.extra["fill_fiche"] = RENDERERS[name]
    return tweak


def _names(fiche: str, coll: str, prefet: str) -> dict[str, str]:
    return {"fiche": fiche, "courrier_collectivite": coll, "courrier_prefet": prefet}


CASES_FICHE = [
    Case("17_fiche_retapee_pdf", "la_fleche", "3 PDF (fiche retyped in Word)",
         "the fiche retyped in the candidate's own document: 'SECTION 1 – …' headings, "
         "'Label : value' lines, long answers under their label, ☒/☐ in the text, no table; "
         "Sarthe (72)",
         lambda b: pk.digital_pdfs(b, _names(
             "Candidature Atelier Flash - La Flèche.pdf", "Courrier du Maire.pdf",
             "Courrier Préfet Sarthe.pdf")),
         tweak=_layout("retyped_caps")),
    Case("18_fiche_retapee_scan", "vierzon", "3 image-only PDF (scans)",
         "the retyped fiche printed and scanned: '1. Les porteurs de l'atelier' headings, "
         "[X]/[ ] boxes; 200 dpi greyscale scans; Cher (18), préfète",
         lambda b: pk.scanned_pdfs(b, _names("doc00412.pdf", "doc00413.pdf", "doc00414.pdf"),
                                   dpi=200),
         tweak=_layout("retyped_numbered")),
    Case("19_fiche_retapee_docx", "saint_pierre_martinique", "fiche .docx (retyped) + 2 PDF",
         "the retyped fiche sent as the Word file: 'Section 1 : …' headings, no sub-headings, "
         "☒/☐ in runs of text; Martinique (972), +596 numbers",
         lambda b: pk.office_fiche(b, _names(
             "FICHE CANDIDATURE ST PIERRE.docx", "courrier_maire.pdf", "courrier_prefet.pdf"),
             "docx"),
         tweak=_layout("retyped_colon")),
    Case("20_fiche_deux_colonnes", "pays_de_mormal", "3 PDF (fiche in two columns)",
         "the retyped fiche in newspaper columns: labels and answers flow down the left "
         "column then the right one; EPCI porteuse (Nord, 59), two communes, sous-préfet",
         lambda b: pk.digital_pdfs(b, _names(
             "CCPM_candidature_atelier_flash.pdf", "CCPM_courrier_president.pdf",
             "Sous-prefecture_Avesnes_soutien.pdf")),
         tweak=_layout("newspaper")),
    Case("21_fiche_colonne_libelles_scan", "saint_die", "1 image-only PDF with all pieces",
         "a fiche with labels in a left column and answers on the right, without any ruled "
         "table, [X]/[ ] boxes; the three pieces in one 200 dpi scan; Vosges (88)",
         lambda b: pk.scanned_merged(b, "Scan_2026-04-15_093012.pdf", {}, dpi=200),
         tweak=_layout("label_column")),
    Case("22_fiche_manuscrite_scan", "forcalquier", "3 image-only PDF (scans)",
         "the official form filled in a handwriting-like font (Comic Neue, blue ink), printed "
         "and scanned at 200 dpi; Alpes-de-Haute-Provence (04)",
         lambda b: pk.scanned_pdfs(b, _names("SKM_C25826090811.pdf", "SKM_C25826090812.pdf",
                                             "SKM_C25826090813.pdf"), dpi=200),
         tweak=_layout("comic")),
    Case("23_fiche_manuscrite_photos", "clamecy", "one JPEG photo per page",
         "the official form filled in a handwriting-like font (Comic Neue italic, blue ink), "
         "every page photographed by a phone; Nièvre (58)",
         lambda b: pk.photos(b, dt.datetime(2026, 7, 21, 17, 40, 3), {}),
         tweak=_layout("comic_italic")),
    Case("24_scan_couleur_tampon", "saint_laurent_du_maroni", "3 image-only PDF (colour scans)",
         "300 dpi colour scans; the fiche carries the DGTM's violet reception stamp over its "
         "header and a yellow highlighter over the title; Guyane (973), +594 numbers, "
         "sous-préfet",
         lambda b: pf.colour_scans(b, _names("Scan_fiche_SLM.pdf", "Scan_courrier_maire.pdf",
                                             "Scan_courrier_sous-prefet.pdf"),
                                   dt.date(2026, 4, 2))),
    Case("25_fax_tiff", "fecamp", "1 multi-page TIFF (fax, black and white)",
         "the whole dossier faxed: 1-bit Group 4 TIFF at 200 dpi, speckles, the sender's "
         "header line on every page; 'Aucun' programme; Seine-Maritime (76)",
         lambda b: pf.fax_tiff(b, "FAX_0235585300_20261028.tif", "DDTM 76 - SLR",
                               dt.datetime(2026, 10, 28, 9, 41))),
    Case("26_photos_pages_courbees", "die", "one JPEG photo per page",
         "phone photos of pages that do not lie flat: curled lines, a lifted edge, the "
         "phone's shadow over one side; Drôme (26)",
         lambda b: pf.curled_photos(b, dt.datetime(2026, 12, 10, 12, 15, 40))),
]
