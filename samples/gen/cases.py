"""The sample cases: which territory, how its pieces arrive, and the verdict we expect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from . import packaging as pk, packaging_mail as pm
from .build import Build
from .model import Dossier


@dataclass
class Case:
    key: str
    profile: str
    inputs: str  # what lies in input/, for the README
    exercises: str
    package: Callable[[Build], None]
    codes: list[str] = field(default_factory=list)  # expected reason codes, checked at build
    tweak: Callable[[Dossier], None] | None = None


def _names(fiche: str, coll: str, prefet: str) -> dict[str, str]:
    return {"fiche": fiche, "courrier_collectivite": coll, "courrier_prefet": prefet}


def _unsign_collectivite(dossier: Dossier) -> None:
    dossier.coll_letter.signed = False
    dossier.coll_letter.stamp = None


CASES = [
    Case("01_pdf_numeriques", "combourg", "3 PDF (fiche, courrier du maire, courrier du préfet)",
         "the nominal case: digital PDFs exported from the Word form; commune in Ille-et-Vilaine",
         lambda b: pk.digital_pdfs(b, _names(
             "Fiche_candidature_AtelierFlash_Combourg.pdf", "Courrier_soutien_Maire_Combourg.pdf",
             "2026-03-16_courrier_prefet_35.pdf"))),
    Case("02_fiche_docx", "carhaix", "fiche .docx + 2 PDF",
         "the filled Word form itself; hyphenated commune in Finistère; two ANCT programmes",
         lambda b: pk.office_fiche(b, _names(
             "Fiche de candidature Carhaix-Plouguer.docx", "Lettre_soutien_ville.pdf",
             "Soutien_prefet_Finistere.pdf"), "docx")),
    Case("03_fiche_odt", "corte", "fiche .odt + 2 PDF",
         "OpenDocument form; Corsica (2B); 'Aucun' programme; 'Autre (préciser)' ticked; "
         "élu référent is an adjoint but the letter is the maire's",
         lambda b: pk.office_fiche(b, _names(
             "fiche_candidature_corte.odt", "courrier_maire_corte.pdf",
             "courrier_prefet_haute-corse.pdf"), "odt")),
    Case("04_scans", "saint_joseph", "3 image-only PDF (scans)",
         "greyscale 200 dpi scans: noise, 1-3° skew, JPEG artefacts, no text layer; "
         "La Réunion (974), +262 phone numbers",
         lambda b: pk.scanned_pdfs(b, _names("SCAN0001.pdf", "SCAN0002.pdf", "SCAN0003.pdf"),
                                   dpi=200)),
    Case("05_scan_unique_pivote", "saint_jean_d_angely", "1 image-only PDF with all pieces",
         "one scanner output holding the three pieces; fiche page 2 upside down, the maire's "
         "letter turned 90°; sous-préfet signing; département name split over two lines",
         lambda b: pk.scanned_merged(b, "Numérisation_27022026.pdf", {
             "fiche": {2: 180}, "courrier_collectivite": {1: 90}})),
    Case("06_photos_telephone", "saint_affrique", "one JPEG photo per page",
         "phone photos: perspective, uneven light, blur, desk around the page; EXIF "
         "Orientation 6 and 8 with the pixels stored turned; préfète signing",
         lambda b: pk.photos(b, dt.datetime(2026, 4, 16, 18, 2, 11), {
             "fiche": {1: 6}, "courrier_prefet": {1: 8}})),
    Case("07_pdf_fusionne_desordre", "nontron", "1 digital PDF: préfet, fiche, maire, photo",
         "all pieces merged in one PDF in a non-standard order, plus a site photo page (autre)",
         lambda b: pk.merged_pdf(b, "Dossier complet Nontron.pdf",
                                 ["courrier_prefet", "fiche", "courrier_collectivite", "autre"],
                                 "Vue du centre-bourg de Nontron depuis la route du château")),
    Case("08_archive_zip", "marie_galante", ".zip (PDF fiche, scanned letter, JPEG letter)",
         "a zip of mixed pieces; EPCI porteuse with three communes (Guadeloupe, 971); "
         "intercommunal scale; letter of the EPCI president; sous-préfet",
         lambda b: pk.zipped(b, "Candidature_CC_Marie-Galante.zip",
                             dt.datetime(2026, 9, 19, 7, 48, 2))),
    Case("09_fil_emails", "redon", "2 .eml (message + reply days later)",
         "a thread: fiche + maire's letter, then 'RE:' with the préfet's letter; inline logos "
         "that are not pieces; RFC 2231 accented attachment names",
         lambda b: pm.email_thread(b, _names(
             "Fiche_candidature_Redon.pdf", "Courrier de soutien – Ville de Redon.pdf",
             "Lettre du Préfet – soutien Atelier Flash.pdf"))),
    Case("10_email_transfere", "saint_flour", "1 .eml with a message/rfc822 inside",
         "a forward: the commune's mail (fiche .docx + maire's letter) attached as "
         "message/rfc822, the préfète's letter attached to the outer message",
         lambda b: pm.email_forward(b, _names(
             "Fiche candidature Saint-Flour.docx", "Courrier_Maire_Saint-Flour.pdf",
             "Courrier préfète Cantal.pdf"))),
    Case("11_sans_courrier_prefet", "guingamp", "2 PDF (fiche, maire)",
         "incomplete: the préfet's letter is missing (its fields are null/missing)",
         lambda b: pk.digital_pdfs(b, _names(
             "Fiche_AtelierFlash_Guingamp.pdf", "Courrier_Maire_Guingamp.pdf", "")),
         codes=["COURRIER_PREFET_ABSENT"]),
    Case("12_non_signe_section_vide", "saint_claude", "3 PDF",
         "incomplete: the maire's letter is not signed, section 5 left empty",
         lambda b: pk.digital_pdfs(b, _names(
             "fiche-candidature-saint-claude.pdf", "courrier-commune.pdf",
             "courrier-prefecture.pdf")),
         codes=["SECTION_VIDE", "COURRIER_COLLECTIVITE_NON_SIGNE"], tweak=_unsign_collectivite),
    Case("13_signataire_non_habilite", "saint_gaudens", "3 PDF",
         "the préfecture's letter is signed 'Pour le préfet et par délégation, le secrétaire "
         "général'",
         lambda b: pk.digital_pdfs(b, _names(
             "Fiche_Saint-Gaudens.pdf", "Soutien_maire_Saint-Gaudens.pdf",
             "Soutien_prefecture_31.pdf")),
         codes=["SIGNATAIRE_NON_HABILITE"]),
    Case("14_mauvais_destinataire", "sud_corse", "3 PDF",
         "the préfète's letter is addressed to the ANCT instead of AD1/DHUP/DGALN; EPCI "
         "porteuse in Corse-du-Sud (2A)",
         lambda b: pk.digital_pdfs(b, _names(
             "CCSC_fiche_candidature.pdf", "CCSC_courrier_president.pdf",
             "Courrier_prefete_2A.pdf")),
         codes=["COURRIER_PREFET_DESTINATAIRE"]),
    Case("15_commune_inconnue", "gorges_du_tarn", "3 PDF",
         "section 2 names Sainte-Enimie, now a commune déléguée of Gorges du Tarn Causses "
         "(not a current commune)",
         lambda b: pk.digital_pdfs(b, _names(
             "Fiche candidature Sainte-Enimie.pdf", "Courrier maire.pdf", "Courrier préfet.pdf")),
         codes=["COMMUNE_INCONNUE"]),
    Case("16_territoire_incoherent", "quimperle", "3 PDF",
         "the préfet's letter comes from the Morbihan (56) while the commune is in Finistère",
         lambda b: pk.digital_pdfs(b, _names(
             "Fiche_Quimperle.pdf", "Courrier_Ville_Quimperle.pdf", "Courrier_Prefet.pdf")),
         codes=["TERRITOIRE_INCOHERENT"]),
]

from .cases_fiche import CASES_FICHE  # noqa: E402 - cases 17-26 (fiche layouts) build on Case

CASES += CASES_FICHE

from .cases_courriers import CASES_COURRIERS  # noqa: E402  (the letter cases, 27-36)

CASES += CASES_COURRIERS
