"""Completeness: a list of rule functions, each returning the reasons a dossier fails it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

MESSAGES = {
    "FICHE_ABSENTE": "La fiche de candidature est absente du dossier.",
    "SECTION_VIDE": "Une section de la fiche de candidature n'est pas renseignée.",
    "COURRIER_COLLECTIVITE_ABSENT": "Le courrier de soutien du maire ou du président de l'EPCI est absent.",
    "COURRIER_COLLECTIVITE_NON_SIGNE": "Le courrier de soutien de la collectivité n'est pas signé.",
    "COURRIER_PREFET_ABSENT": "Le courrier de soutien du préfet ou du sous-préfet est absent.",
    "COURRIER_PREFET_NON_SIGNE": "Le courrier de soutien du préfet n'est pas signé.",
    "COURRIER_PREFET_DESTINATAIRE": "Le courrier du préfet n'est pas adressé à la Sous-direction de l'aménagement durable (AD1/DHUP/DGALN).",
    "SIGNATAIRE_NON_HABILITE": "Un courrier est signé par une personne qui n'a pas la qualité requise.",
    "TERRITOIRE_INCOHERENT": "La fiche, les courriers et la géographie officielle ne concordent pas.",
    "COMMUNE_INCONNUE": "Une commune de la section 2 ne correspond à aucune commune actuelle.",
    "VERIFICATION_REQUISE": "Une lecture incertaine doit être vérifiée par un instructeur.",
}


@dataclass(frozen=True)
class Reason:
    """One failed rule: its code, what it is about, and the French message."""

    code: str
    detail: str | None = None

    @property
    def message(self) -> str:
        """French text for reviewers."""
        text = MESSAGES[self.code]
        return f"{text} ({self.detail})" if self.detail else text


@dataclass(frozen=True)
class DossierView:
    """What the rules look at: which pieces are present, and the fields."""

    pieces: Mapping[str, bool]
    fields: Mapping[str, Mapping] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """The completeness block of the export."""

    complete: bool
    pieces: Mapping[str, bool]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        """The contract's `completeness` object."""
        return {
            "complete": self.complete,
            "pieces": dict(self.pieces),
            "reasons": [{"code": r.code, "detail": r.detail, "message": r.message} for r in self.reasons],
        }


def _fiche_present(view: DossierView) -> list[Reason]:
    return [] if view.pieces.get("fiche") else [Reason("FICHE_ABSENTE")]


def _courrier_collectivite_present(view: DossierView) -> list[Reason]:
    return [] if view.pieces.get("courrier_collectivite") else [Reason("COURRIER_COLLECTIVITE_ABSENT")]


def _courrier_prefet_present(view: DossierView) -> list[Reason]:
    return [] if view.pieces.get("courrier_prefet") else [Reason("COURRIER_PREFET_ABSENT")]


def _signatures_decided(view: DossierView) -> list[Reason]:
    """A present letter whose signature was not read is for a reviewer to check."""
    reasons = []
    for piece in ("courrier_collectivite", "courrier_prefet"):
        signed = view.fields.get(f"{piece}.signe", {})
        if view.pieces.get(piece) and signed.get("status") in (None, "missing", "needs_review"):
            reasons.append(Reason("VERIFICATION_REQUISE", f"{piece}.signe"))
    return reasons


RULES: tuple[Callable[[DossierView], list[Reason]], ...] = (
    _fiche_present,
    _courrier_collectivite_present,
    _courrier_prefet_present,
    _signatures_decided,
)


def assess_completeness(view: DossierView) -> Verdict:
    """Apply every rule; complete only when none fails."""
    reasons = tuple(reason for rule in RULES for reason in rule(view))
    pieces = {k: bool(view.pieces.get(k)) for k in ("fiche", "courrier_collectivite", "courrier_prefet")}
    return Verdict(complete=not reasons, pieces=pieces, reasons=reasons)
