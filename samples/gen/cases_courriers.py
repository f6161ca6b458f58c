"""The letter cases (27-36): letterheads, every reason code, threads of several messages."""

from __future__ import annotations

import datetime as dt
import random

from . import packaging as pk, packaging_threads as pt
from .cases import Case
from .courriers import member_letter
from .dossiers import PROFILES
from .model import Dossier
from .territoires_d import PROFILES_D

PROFILES.update({p["key"]: p for p in PROFILES_D})


def _names(fiche: str, coll: str, prefet: str, **others: str) -> dict[str, str]:
    return {"fiche": fiche, "courrier_collectivite": coll, "courrier_prefet": prefet, **others}


def _unsign(letter) -> None:
    letter.signed = False
    letter.stamp = None


def _with_member_letter(dossier: Dossier) -> None:
    """The maire of a member commune writes too; the fields describe the EPCI's letter."""
    rng = random.Random(f"member:{dossier.key}")
    day = dossier.coll_letter.date + dt.timedelta(days=1)
    dossier.other_letters.append(
        member_letter(dossier.extra["profile"], dossier.fiche, day, rng))


def _no_fiche_prefet_unsigned(dossier: Dossier) -> None:
    dossier.fiche_sent = False
    _unsign(dossier.prefet_letter)


def _no_fiche_coll_unsigned(dossier: Dossier) -> None:
    dossier.fiche_sent = False
    _unsign(dossier.coll_letter)


def _no_coll_letter(dossier: Dossier) -> None:
    dossier.coll_letter = None


def _prefet_unsigned(dossier: Dossier) -> None:
    _unsign(dossier.prefet_letter)


CASES_COURRIERS = [
    Case("27_fil_trois_messages", "fourmies", "3 .eml (message, 'RE:', 'TR: RE:')",
         "a thread of three: the fiche, a reply bringing the scanned maire's letter, the "
         "State's forward (no In-Reply-To, same subject) bringing the scanned préfet's letter; "
         "letterhead with a left column of services and elected officials; Nord (59)",
         lambda b: pt.thread_three(b, _names(
             "Fiche_candidature_Fourmies.pdf", "Courrier_Maire_Fourmies_scan.pdf",
             "Courrier_Prefet_Nord.pdf"))),
    Case("28_piece_tardive_sans_fil", "luneville", "2 .eml (unrelated subjects)",
         "the fiche and phone photos of the maire's letter, then weeks later a new message "
         "(other sender, other subject, no In-Reply-To) with the sous-préfet's scanned letter "
         "for the same commune: one dossier; modern letterhead with the address in the "
         "footer; the maire's name before her qualities (maire, conseillère départementale), "
         "date without 'le'; Meurthe-et-Moselle (54)",
         lambda b: pt.late_piece(b, _names(
             "Fiche de candidature - Lunéville.pdf", "",
             "Courrier sous-préfet Lunéville.pdf"))),
    Case("29_mbox_maire_et_president", "cap_nord", ".mbox of 2 messages (scans)",
         "an mbox export of a thread ('RE :' with French spacing); EPCI porteuse in "
         "Martinique (972) with both the présidente's letter (the one the fields describe) "
         "and the maire of Le Carbet's letter; plain letter without logo; préfecture "
         "letterhead with the sender block on the right",
         lambda b: pt.mbox_thread(b, "Candidature_CAP_Nord.mbox", _names(
             "Fiche candidature CAP Nord.pdf", "Courrier Présidente CAP Nord.pdf",
             "Courrier Préfet Martinique.pdf", other1="Courrier Maire Le Carbet.pdf")),
         tweak=_with_member_letter),
    Case("30_sans_fiche_prefet_non_signe", "mauleon", "2 image-only PDF (letters only)",
         "incomplete: no fiche, only the two scanned letters; the préfet's letter is not "
         "signed; a small mairie's letter typed without a logo, dated 14/04/2026; "
         "Pyrénées-Atlantiques (64)",
         lambda b: pt.letters_scanned(b, _names(
             "", "scan_courrier_mairie.pdf", "scan_courrier_prefecture.pdf")),
         codes=["FICHE_ABSENTE", "COURRIER_PREFET_NON_SIGNE"],
         tweak=_no_fiche_prefet_unsigned),
    Case("31_sans_fiche_incoherent", "pont_audemer", "phone photos of the two letters",
         "incomplete: no fiche; the maire's letter (Eure, 27) is not signed and the préfet's "
         "letter comes from the Calvados (14): the letters are compared with each other",
         lambda b: pt.letters_photographed(b, dt.datetime(2026, 10, 12, 12, 31, 40),
                                           {"courrier_prefet": {1: 6}}),
         codes=["FICHE_ABSENTE", "COURRIER_COLLECTIVITE_NON_SIGNE", "TERRITOIRE_INCOHERENT"],
         tweak=_no_fiche_coll_unsigned),
    Case("32_sans_courrier_collectivite", "romorantin", "2 image-only PDF (fiche, préfet)",
         "incomplete: no letter from the commune, and the préfet's letter is addressed to the "
         "DREAL instead of AD1/DHUP/DGALN; Loir-et-Cher (41), two ANCT programmes",
         lambda b: pk.scanned_pdfs(b, _names("Fiche_Romorantin.pdf", "",
                                             "Courrier_Prefet_41.pdf"), dpi=200),
         codes=["COURRIER_COLLECTIVITE_ABSENT", "COURRIER_PREFET_DESTINATAIRE"],
         tweak=_no_coll_letter),
    Case("33_adjoint_signe", "digne", "one JPEG photo per page",
         "incomplete: the commune's letter is signed 'Pour le Maire empêché, la Première "
         "adjointe' (not habilitée), section 4 left empty, the préfète's letter unsigned; "
         "left-column letterhead, centred signatory block",
         lambda b: pk.photos(b, dt.datetime(2026, 7, 12, 9, 14, 3), {"fiche": {2: 8}}),
         codes=["SECTION_VIDE", "COURRIER_PREFET_NON_SIGNE", "SIGNATAIRE_NON_HABILITE"],
         tweak=_prefet_unsigned),
    Case("34_commune_deleguee_sans_courrier", "grand_annecy",
         "1 image-only PDF (fiche + préfet)",
         "incomplete: EPCI porteuse (Grand Annecy, 74) without any collectivité letter; "
         "section 2 names Cran-Gevrier, a commune déléguée of Annecy; the préfet's letter "
         "scanned upside down, stamp struck over the signature",
         lambda b: pk.scanned_merged(b, "SCAN_20261126_0934.pdf",
                                     {"courrier_prefet": {1: 180}}),
         codes=["COURRIER_COLLECTIVITE_ABSENT", "COMMUNE_INCONNUE"],
         tweak=_no_coll_letter),
    Case("35_mayotte_sans_prefet", "sada", "2 PDF (fiche, maire)",
         "incomplete: the préfet's letter is missing; Mayotte (976), 02 69 and 06 39 numbers "
         "(E.164 +262, not the Comoros' +269); modern "
         "letterhead with the logo right and the address in the footer, stamp over the "
         "signature",
         lambda b: pk.digital_pdfs(b, _names(
             "Fiche_candidature_Sada.pdf", "Courrier_Maire_Sada.pdf", "")),
         codes=["COURRIER_PREFET_ABSENT"]),
    Case("36_scans_300dpi_cachets", "chateau_gontier", "3 image-only PDF (300 dpi)",
         "complete: 300 dpi scans; a small mairie's plain letter with a stamp struck over a "
         "centred signature; the préfète's two-page letter, her name printed above her "
         "signature on the right of page 2; Mayenne (53)",
         lambda b: pk.scanned_pdfs(b, _names(
             "numerisation_fiche.pdf", "numerisation_courrier_maire.pdf",
             "numerisation_courrier_prefete.pdf"), dpi=300)),
]
