"""expected.json of a dossier, from its spec alone: the fields, and the verdict computed
from the domain page's completeness rules (written here, not borrowed from Guichet)."""

from __future__ import annotations

from . import territory as geo
from .dossier import Spec

FICHE_FIELDS = [
    "fiche.date", "fiche.lieu",
    "s1.etat.service", "s1.etat.referent_nom", "s1.etat.referent_fonction", "s1.etat.referent_email",
    "s1.etat.referent_telephone", "s1.collectivite.nom", "s1.collectivite.type", "s1.collectivite.elu_nom",
    "s1.collectivite.elu_qualite", "s1.collectivite.contact_nom", "s1.collectivite.contact_email",
    "s1.collectivite.contact_telephone", "s1.partenaires",
    "s2.communes", "s2.epci", "s2.departement", "s2.region", "s2.echelle", "s2.secteur",
    "s3.intitule", "s3.thematiques", "s3.programmes", "s3.description",
    "s4.objectifs", "s4.attendus", "s4.calendrier",
    "s5.documents", "s5.acteurs", "s5.moyens",
    "a1.dynamiques_territoire", "a2.dynamiques_amenagement",
]
COLL_FIELDS = ["signataire_nom", "signataire_qualite", "collectivite", "date", "signe"]
PREF_FIELDS = ["signataire_nom", "signataire_qualite", "departement", "date", "signe", "destinataire_dgaln"]
SECTIONS = ["s1", "s2", "s3", "s4", "s5", "a1", "a2"]


def _field(value) -> dict:
    return {"value": value, "status": "missing" if value is None else "extracted"}


def fields(spec: Spec) -> dict:
    out = {k: _field(spec.truth.get(k) if spec.fiche else None) for k in FICHE_FIELDS}
    coll = next((l for l in spec.letters if l.kind == "collectivite" and l.main), None)
    pref = next((l for l in spec.letters if l.kind == "prefet"), None)
    cv = {} if coll is None else {"signataire_nom": coll.printed_name or coll.signatory,
                                  "signataire_qualite": coll.qualite,
                                  "collectivite": coll.printed_coll or coll.collectivite, "date": coll.date.isoformat(),
                                  "signe": coll.signed}
    pv = {} if pref is None else {"signataire_nom": pref.printed_name or pref.signatory, "signataire_qualite": pref.qualite,
                                  "departement": pref.departement, "date": pref.date.isoformat(),
                                  "signe": pref.signed, "destinataire_dgaln": pref.to_dgaln}
    out.update({f"courrier_collectivite.{k}": _field(cv.get(k)) for k in COLL_FIELDS})
    out.update({f"courrier_prefet.{k}": _field(pv.get(k)) for k in PREF_FIELDS})
    return out


def _letter_territory(spec: Spec, letter) -> set[str]:
    """INSEE codes or SIREN the collectivité letter speaks for."""
    if letter.is_epci:
        return {spec.epci.siren}
    return {c.code for c in geo.communes().values() if c.nom == letter.seat_town and c.departement == letter.departement}


def completeness(spec: Spec) -> dict:
    t = spec.truth
    colls = [l for l in spec.letters if l.kind == "collectivite"]
    coll = next((l for l in colls if l.main), colls[0] if colls else None)
    pref = next((l for l in spec.letters if l.kind == "prefet"), None)
    reasons: list[tuple[str, str | None]] = []
    if not spec.fiche:
        reasons.append(("FICHE_ABSENTE", None))
    else:
        for sec in SECTIONS:
            if all(t.get(k) is None for k in t if k.startswith(sec + ".")):
                reasons.append(("SECTION_VIDE", sec))
    if coll is None:
        reasons.append(("COURRIER_COLLECTIVITE_ABSENT", None))
    elif not coll.signed:
        reasons.append(("COURRIER_COLLECTIVITE_NON_SIGNE", None))
    if pref is None:
        reasons.append(("COURRIER_PREFET_ABSENT", None))
    else:
        if not pref.signed:
            reasons.append(("COURRIER_PREFET_NON_SIGNE", None))
        if not pref.to_dgaln:
            reasons.append(("COURRIER_PREFET_DESTINATAIRE", None))
    if (coll and coll.qualite not in ("maire", "president_epci")) or \
            (pref and pref.qualite not in ("prefet", "sous_prefet")):
        reasons.append(("SIGNATAIRE_NON_HABILITE", None))
    unknown = spec.fiche and any(c is None for c in spec.commune_codes)
    if not unknown and _incoherent(spec, coll, pref):
        reasons.append(("TERRITOIRE_INCOHERENT", None))
    if unknown:
        reasons.append(("COMMUNE_INCONNUE", None))
    return {"complete": not reasons,
            "pieces": {"fiche": spec.fiche, "courrier_collectivite": coll is not None,
                       "courrier_prefet": pref is not None},
            "reasons": [{"code": c, "detail": d} for c, d in reasons]}


def _incoherent(spec: Spec, coll, pref) -> bool:
    communes = [geo.communes()[c] for c in spec.commune_codes if c]
    deps = {c.departement for c in communes} if spec.fiche else set()
    if spec.fiche:
        if any(geo.epci_of().get(c.code) != spec.epci for c in communes):
            return True
        if pref and pref.departement not in deps:
            return True
        if coll:
            said = _letter_territory(spec, coll)
            porteuse = {spec.epci.siren} if spec.truth.get("s1.collectivite.type") == "epci" else \
                {c.code for c in communes[:1]}
            allowed = porteuse | {spec.epci.siren}
            if spec.truth.get("s1.collectivite.type") == "epci":
                allowed |= set(spec.epci.members)
            if not said & allowed:
                return True
    elif coll and pref and coll.departement != pref.departement:
        return True
    return False
