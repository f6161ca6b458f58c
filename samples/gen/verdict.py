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
    """{"complete", "pieces", "reasons"} as the domain page's rules give them.

    dossier.coll_letter is the letter the courrier_collectivite fields describe (the
    porteuse's when both the maire and the EPCI president wrote); other_letters are the
    further letters, which count for presence, habilitation and territory too."""
    coll, prefet = dossier.coll_letter, dossier.prefet_letter
    letters = [letter for letter in (coll, prefet, *dossier.other_letters) if letter]
    reasons = []
    if dossier.fiche_sent:
        values = fiche_values(dossier.fiche, dossier.extra["epci_siren"])
        reasons += [reason("SECTION_VIDE", section) for section, ids in SECTIONS.items()
                    if all(values[fid] is None for fid in ids)]
    else:
        values = None
        reasons.append(reason("FICHE_ABSENTE"))
    reasons += _letter_reasons(coll, "COURRIER_COLLECTIVITE")
    reasons += _letter_reasons(prefet, "COURRIER_PREFET")
    if prefet and not prefet.to_dgaln:
        reasons.append(reason("COURRIER_PREFET_DESTINATAIRE"))
    if any(letter.qualite not in HABILITES[letter.kind] for letter in letters):
        reasons.append(reason("SIGNATAIRE_NON_HABILITE"))
    coherent = (_territory_coherent(dossier, values) if values is not None
                else _letters_coherent(dossier))
    if not coherent:
        reasons.append(reason("TERRITOIRE_INCOHERENT"))
    if values is not None and any(c["code_insee"] is None for c in values["s2.communes"]):
        reasons.append(reason("COMMUNE_INCONNUE"))
    return {"complete": not reasons,
            "pieces": {"fiche": dossier.fiche_sent,
                       "courrier_collectivite": coll is not None,
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
    colls = [dossier.coll_letter] if dossier.coll_letter else []
    colls += [letter for letter in dossier.other_letters if letter.kind == "courrier_collectivite"]
    return all(_from_territory(letter, fiche) for letter in colls)


def _from_territory(coll: Letter, fiche) -> bool:
    """The porteuse, the EPCI of the commune porteuse, or a member commune of the EPCI porteuse."""
    kind, ref = coll.entity
    if (kind, ref) == (fiche.coll_type, fiche.coll_code):
        return True
    if fiche.coll_type == "commune":  # the EPCI of the commune porteuse may write
        return kind == "epci" and fiche.coll_code in _members(ref)
    return kind == "commune" and ref in _members(fiche.coll_code)  # a member commune


def _letters_coherent(dossier: Dossier) -> bool:
    """Without a fiche, the préfet's département is one of the collectivité letter's."""
    coll, prefet = dossier.coll_letter, dossier.prefet_letter
    if coll is None or prefet is None:
        return True
    return prefet.departement in _departements(coll.entity)


def _departements(entity: tuple[str, str]) -> set[str]:
    kind, ref = entity
    codes = _members(ref) if kind == "epci" else (ref,)
    # an INSEE code starts with its département's code (three digits overseas)
    return {code[:3] if code.startswith("97") else code[:2] for code in codes}


def _members(siren: str) -> tuple[str, ...]:
    return geo.epci(siren).membres
