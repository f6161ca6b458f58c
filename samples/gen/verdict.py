"""The completeness verdict of a dossier, by the rules of the domain page."""

from __future__ import annotations

from . import geo
from .expected import SECTIONS, fiche_values
from .model import Dossier, Letter

HABILITES = {"courrier_collectivite": {"maire", "president_epci"},
             "courrier_prefet": {"prefet", "sous_prefet"}}


def reason(code: str, detail: str | None = None) -> dict:
    return {"code": code, "detail": detail}


def assess(dossier: Dossier) -> dict:
    """{"complete", "pieces", "reasons"} as the domain page's rules give them."""
    coll, prefet = dossier.coll_letter, dossier.prefet_letter
    values = fiche_values(dossier.fiche, dossier.extra["epci_siren"])
    reasons = [reason("SECTION_VIDE", section) for section, ids in SECTIONS.items()
               if all(values[fid] is None for fid in ids)]
    reasons += _letter_reasons(coll, "COURRIER_COLLECTIVITE")
    reasons += _letter_reasons(prefet, "COURRIER_PREFET")
    if prefet and not prefet.to_dgaln:
        reasons.append(reason("COURRIER_PREFET_DESTINATAIRE"))
    if any(letter and letter.qualite not in HABILITES[letter.kind] for letter in (coll, prefet)):
        reasons.append(reason("SIGNATAIRE_NON_HABILITE"))
    if not _territory_coherent(dossier, values):
        reasons.append(reason("TERRITOIRE_INCOHERENT"))
    if any(c["code_insee"] is None for c in values["s2.communes"]):
        reasons.append(reason("COMMUNE_INCONNUE"))
    return {"complete": not reasons,
            "pieces": {"fiche": True, "courrier_collectivite": coll is not None,
                       "courrier_prefet": prefet is not None},
            "reasons": reasons}


def _letter_reasons(letter: Letter | None, prefix: str) -> list[dict]:
    if letter is None:
        return [reason(f"{prefix}_ABSENT")]
    return [] if letter.signed else [reason(f"{prefix}_NON_SIGNE")]


def _territory_coherent(dossier: Dossier, values: dict) -> bool:
    fiche = dossier.fiche
    codes = [c["code_insee"] for c in values["s2.communes"] if c["code_insee"]]
    epci_members = _members(dossier.extra["epci_siren"])
    if any(code not in epci_members for code in codes):
        return False
    prefet = dossier.prefet_letter
    if prefet and prefet.departement != fiche.departement:
        return False
    coll = dossier.coll_letter
    if coll is None:
        return True
    kind, ref = coll.entity
    if (kind, ref) == (fiche.coll_type, fiche.coll_code):
        return True
    if fiche.coll_type == "commune":  # the EPCI of the commune porteuse may write
        return kind == "epci" and fiche.coll_code in _members(ref)
    return kind == "commune" and ref in _members(fiche.coll_code)  # a member commune


def _members(siren: str) -> tuple[str, ...]:
    return geo.epci(siren).membres
