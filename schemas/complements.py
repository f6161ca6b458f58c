"""The "demande de compléments": what a dossier lacks, in French, ready to send to the candidate."""

from __future__ import annotations

import logging

from extractors.vocabulary import PieceKind, ReasonCode
from schemas.labels import FIELD_LABELS, PIECE_LABELS, SECTION_LABELS

log = logging.getLogger(__name__)


def request_text(export: dict, sender: str = "Le bureau AD1 (DGALN/DHUP)") -> str:
    """A ready-to-send French request listing exactly what the dossier lacks."""
    missing = missing_items(export)
    name = (export["fields"]["s1.collectivite.nom"]["value"] or "").strip() or "votre collectivité"
    lines = ["Madame, Monsieur,", "",
             f"Nous accusons réception de la candidature de {name} à l'Atelier des territoires Flash "
             f"(dossier {export['id']}).",
             "Pour que nous puissions l'instruire, merci de nous transmettre les éléments suivants :", ""]
    lines += [f"  – {item}" for item in missing] or ["  – (aucun élément manquant)"]
    lines += ["", "Merci de répondre à ce message, en conservant son objet, afin que les pièces "
              "rejoignent votre dossier.", "", "Bien cordialement,", sender]
    return "\n".join(lines)


def missing_items(export: dict) -> list[str]:
    """What a candidate must send or fix, in French, one line per reason not lifted by a reviewer."""
    lifted = {(o["code"], o.get("detail")) for o in (export["triage"] or {}).get("overrides", [])}
    items = []
    for reason in export["completeness"]["reasons"]:
        if (reason["code"], reason.get("detail")) in lifted:
            continue
        items.append(_missing_line(reason))
    return list(dict.fromkeys(items))


def _missing_line(reason: dict) -> str:
    code, detail = reason["code"], reason.get("detail")
    if code == ReasonCode.SECTION_VIDE and detail in SECTION_LABELS:
        return f"la {SECTION_LABELS[detail]} de la fiche de candidature, qui n'est pas renseignée"
    if code == ReasonCode.VERIFICATION_REQUISE and detail in FIELD_LABELS:
        section = SECTION_LABELS.get(detail.rsplit(".", 1)[0]) or SECTION_LABELS.get(detail.split(".")[0], "")
        where = f" ({section})" if section else ""
        return f"une version lisible de l'élément « {FIELD_LABELS[detail]} »{where}"
    lines = {
        ReasonCode.FICHE_ABSENTE: "la fiche de candidature complétée",
        ReasonCode.COURRIER_COLLECTIVITE_ABSENT: f"le {PIECE_LABELS[PieceKind.COURRIER_COLLECTIVITE].lower()} : "
                                        "courrier de soutien signé du maire ou du président de l'EPCI",
        ReasonCode.COURRIER_COLLECTIVITE_NON_SIGNE: "le courrier de soutien de la collectivité, signé",
        ReasonCode.COURRIER_PREFET_ABSENT: "le courrier de soutien du préfet ou du sous-préfet, adressé à la "
                                  "Sous-direction de l'aménagement durable (AD1/DHUP/DGALN)",
        ReasonCode.COURRIER_PREFET_NON_SIGNE: "le courrier de soutien du préfet, signé",
        ReasonCode.COURRIER_PREFET_DESTINATAIRE: "un courrier du préfet adressé à la Sous-direction de "
                                        "l'aménagement durable (AD1/DHUP/DGALN)",
        ReasonCode.SIGNATAIRE_NON_HABILITE: "un courrier signé par le maire ou le président de l'EPCI, et par "
                                   "le préfet ou le sous-préfet",
    }
    return lines.get(code) or reason.get("message") or code
