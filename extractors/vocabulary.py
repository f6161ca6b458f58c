"""The domain's vocabulary, written once: field ids, pieces, slugs, reason codes, error codes, statuses.

Data only, no behaviour, nothing of ours imported: every package may import it (tests/test_contract.py
lets all four import this one module of the bottom layer). Values are stored and exported as they are
written here, so changing one is changing the contract (../shared/contract/dossier-export.md).
French labels live in schemas/labels.py and the error messages in extractors/errors.py, keyed by these.
"""

from __future__ import annotations

from enum import StrEnum


class PieceKind(StrEnum):
    """The pieces of a dossier (domain page, "Les pièces")."""

    FICHE = "fiche"
    COURRIER_COLLECTIVITE = "courrier_collectivite"
    COURRIER_PREFET = "courrier_prefet"
    AUTRE = "autre"


# The three pieces a complete dossier holds, in the export's `completeness.pieces` order.
PIECES: tuple[PieceKind, ...] = (PieceKind.FICHE, PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET)
LETTERS: tuple[PieceKind, ...] = (PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET)


class FieldStatus(StrEnum):
    """Review status of an extracted field (export contract)."""

    EXTRACTED = "extracted"
    CORRECTED = "corrected"
    MISSING = "missing"
    NEEDS_REVIEW = "needs_review"


class DossierStatus(StrEnum):
    """Where a dossier's reading stands (export contract `status`)."""

    RECEIVED = "received"
    PROCESSING = "processing"
    PROCESSED = "processed"
    FAILED = "failed"


class Decision(StrEnum):
    """The instructeur's triage decision (export contract `triage.decision`)."""

    ELIGIBLE = "eligible"
    A_COMPLETER = "a_completer"
    NON_ELIGIBLE = "non_eligible"


# Every field id of the domain page, grouped by section (a piece's letter is its own section), in the
# form's order.
SECTIONS: dict[str, tuple[str, ...]] = {
    "fiche": ("fiche.date", "fiche.lieu"),
    "s1": (
        "s1.etat.service", "s1.etat.referent_nom", "s1.etat.referent_fonction",
        "s1.etat.referent_email", "s1.etat.referent_telephone", "s1.collectivite.nom",
        "s1.collectivite.type", "s1.collectivite.elu_nom", "s1.collectivite.elu_qualite",
        "s1.collectivite.contact_nom", "s1.collectivite.contact_email",
        "s1.collectivite.contact_telephone", "s1.partenaires",
    ),
    "s2": ("s2.communes", "s2.epci", "s2.departement", "s2.region", "s2.echelle", "s2.secteur"),
    "s3": ("s3.intitule", "s3.thematiques", "s3.programmes", "s3.description"),
    "s4": ("s4.objectifs", "s4.attendus", "s4.calendrier"),
    "s5": ("s5.documents", "s5.acteurs", "s5.moyens"),
    "a1": ("a1.dynamiques_territoire",),
    "a2": ("a2.dynamiques_amenagement",),
    PieceKind.COURRIER_COLLECTIVITE.value: (
        "courrier_collectivite.signataire_nom", "courrier_collectivite.signataire_qualite",
        "courrier_collectivite.collectivite", "courrier_collectivite.date",
        "courrier_collectivite.signe",
    ),
    PieceKind.COURRIER_PREFET.value: (
        "courrier_prefet.signataire_nom", "courrier_prefet.signataire_qualite",
        "courrier_prefet.departement", "courrier_prefet.date", "courrier_prefet.signe",
        "courrier_prefet.destinataire_dgaln",
    ),
}
FIELD_IDS: tuple[str, ...] = tuple(fid for ids in SECTIONS.values() for fid in ids)
FICHE_SECTIONS: tuple[str, ...] = ("s1", "s2", "s3", "s4", "s5", "a1", "a2")
# A letter's fields without the piece's prefix, as the letter reader names them.
LETTER_FIELDS: dict[PieceKind, tuple[str, ...]] = {
    kind: tuple(fid.split(".", 1)[1] for fid in SECTIONS[kind]) for kind in LETTERS
}

# Slugs: the check-box answers of the fiche and the signatories' qualités, in the form's order.
MAIRE, PRESIDENT_EPCI, PREFET, SOUS_PREFET, AUTRE = "maire", "president_epci", "prefet", "sous_prefet", "autre"
AUCUN = "aucun"  # the fiche's "Aucun" programme: ticked, it means the empty list
QUALITES: tuple[str, ...] = (MAIRE, PRESIDENT_EPCI, PREFET, SOUS_PREFET, AUTRE)
# The qualités entitled to sign each letter (domain page, "Les pièces").
HABILITES: dict[PieceKind, tuple[str, ...]] = {
    PieceKind.COURRIER_COLLECTIVITE: (MAIRE, PRESIDENT_EPCI), PieceKind.COURRIER_PREFET: (PREFET, SOUS_PREFET)}
THEMATIQUES: tuple[str, ...] = (
    "revitalisation_centre", "entree_de_ville", "friches", "patrimoine", "logement", "mobilites",
    "economie_ess", "ecosystemes", "risques", AUTRE)
PROGRAMMES: tuple[str, ...] = (
    "action_coeur_de_ville", "petites_villes_de_demain", "villages_d_avenir", "territoires_d_industrie")
# Fields answered with one slug.
SLUGS: dict[str, tuple[str, ...]] = {
    "s1.collectivite.type": ("commune", "epci"),
    "s2.echelle": ("site", "communale", "intercommunale"),
    "courrier_collectivite.signataire_qualite": (MAIRE, PRESIDENT_EPCI, AUTRE),
    "courrier_prefet.signataire_qualite": (PREFET, SOUS_PREFET, AUTRE),
}
# Fields answered with a list of slugs (an empty list: none ticked, or "Aucun").
SLUG_LISTS: dict[str, tuple[str, ...]] = {"s3.thematiques": THEMATIQUES, "s3.programmes": PROGRAMMES}
BOOLEANS: tuple[str, ...] = (
    "courrier_collectivite.signe", "courrier_prefet.signe", "courrier_prefet.destinataire_dgaln")


class ReasonCode(StrEnum):
    """Why a dossier is not complete (export contract `completeness.reasons[].code`)."""

    FICHE_ABSENTE = "FICHE_ABSENTE"
    SECTION_VIDE = "SECTION_VIDE"
    COURRIER_COLLECTIVITE_ABSENT = "COURRIER_COLLECTIVITE_ABSENT"
    COURRIER_COLLECTIVITE_NON_SIGNE = "COURRIER_COLLECTIVITE_NON_SIGNE"
    COURRIER_PREFET_ABSENT = "COURRIER_PREFET_ABSENT"
    COURRIER_PREFET_NON_SIGNE = "COURRIER_PREFET_NON_SIGNE"
    COURRIER_PREFET_DESTINATAIRE = "COURRIER_PREFET_DESTINATAIRE"
    SIGNATAIRE_NON_HABILITE = "SIGNATAIRE_NON_HABILITE"
    TERRITOIRE_INCOHERENT = "TERRITOIRE_INCOHERENT"
    COMMUNE_INCONNUE = "COMMUNE_INCONNUE"
    VERIFICATION_REQUISE = "VERIFICATION_REQUISE"


class ErrorCode(StrEnum):
    """Stable per-file codes, written to index.json and shown to reviewers."""

    FILE_EMPTY = "FILE_EMPTY"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    FILE_TYPE_UNSUPPORTED = "FILE_TYPE_UNSUPPORTED"
    PDF_ENCRYPTED = "PDF_ENCRYPTED"
    PDF_INVALID = "PDF_INVALID"
    PDF_REPAIRED = "PDF_REPAIRED"
    PDF_TOO_MANY_PAGES = "PDF_TOO_MANY_PAGES"
    PAGE_UNREADABLE = "PAGE_UNREADABLE"
    IMAGE_INVALID = "IMAGE_INVALID"
    IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE"
    IMAGE_UNSUPPORTED = "IMAGE_UNSUPPORTED"
    OCR_TIMEOUT = "OCR_TIMEOUT"
    OCR_FAILED = "OCR_FAILED"
    PARSE_TIMEOUT = "PARSE_TIMEOUT"
    PARSE_MEMORY = "PARSE_MEMORY"
    PARSE_CRASHED = "PARSE_CRASHED"
    ZIP_INVALID = "ZIP_INVALID"
    ZIP_ENCRYPTED = "ZIP_ENCRYPTED"
    ZIP_BOMB = "ZIP_BOMB"
    ZIP_UNSAFE_PATH = "ZIP_UNSAFE_PATH"
    ZIP_TOO_DEEP = "ZIP_TOO_DEEP"
    INPUT_TOO_LARGE = "INPUT_TOO_LARGE"
    MAIL_INVALID = "MAIL_INVALID"
    MAIL_CHARSET_UNDECLARED = "MAIL_CHARSET_UNDECLARED"
    MAIL_PARTIAL = "MAIL_PARTIAL"
    MAIL_TOO_DEEP = "MAIL_TOO_DEEP"
    MAIL_DUPLICATE = "MAIL_DUPLICATE"
    MAIL_HEADER_TOO_LONG = "MAIL_HEADER_TOO_LONG"
    MAIL_BODY_UNREADABLE = "MAIL_BODY_UNREADABLE"
    MSG_INVALID = "MSG_INVALID"
    TNEF_INVALID = "TNEF_INVALID"
    DISK_FULL = "DISK_FULL"
    OFFICE_ENCRYPTED = "OFFICE_ENCRYPTED"
    OFFICE_INVALID = "OFFICE_INVALID"
    OFFICE_UNSAFE = "OFFICE_UNSAFE"
    OFFICE_CONVERSION_FAILED = "OFFICE_CONVERSION_FAILED"
    INTERNAL_ERROR = "INTERNAL_ERROR"
