"""The texts of the mails Guichet sends, rendered from template files an administrator can edit.

Each template (`worker/mail/templates/<name>.txt`, or the same name in GUICHET_MAIL_TEMPLATES,
which comes first) is Jinja2 text: its first line is "Objet : …", then a blank line, then the
body. They get the collectivité with its article, what the porteurs must send or fix (never
the rules' internal diagnostics), the decision's comment and the bureau's signature.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from extractors.vocabulary import PieceKind, ReasonCode
from schemas.articles import de, elides, with_article
from schemas.labels import FIELD_LABELS, SECTION_LABELS
from worker.settings import Settings

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent / "templates"
SUBJECT_PREFIX = "Objet :"

# What the porteurs must send or fix, by completeness reason; a reason not listed here (a
# reviewer's concern, not theirs) is left out, and the instructeur may add it by hand.
REQUESTS = {
    ReasonCode.FICHE_ABSENTE: "la fiche de candidature, complétée",
    ReasonCode.COURRIER_COLLECTIVITE_ABSENT: "le courrier de soutien de la collectivité, signé par le maire "
                                    "ou par le président de l'EPCI",
    ReasonCode.COURRIER_COLLECTIVITE_NON_SIGNE: "le courrier de soutien de la collectivité, revêtu de la signature "
                                       "du maire ou du président de l'EPCI",
    ReasonCode.COURRIER_PREFET_ABSENT: "le courrier de soutien du préfet ou du sous-préfet, adressé à la "
                              "sous-direction de l'aménagement durable (AD1/DHUP/DGALN)",
    ReasonCode.COURRIER_PREFET_NON_SIGNE: "le courrier de soutien du préfet, signé",
    ReasonCode.COURRIER_PREFET_DESTINATAIRE: "un courrier de soutien du préfet adressé à la sous-direction de "
                                    "l'aménagement durable (AD1/DHUP/DGALN)",
    ReasonCode.SIGNATAIRE_NON_HABILITE: "des courriers de soutien signés, pour la collectivité, par le maire ou "
                               "le président de l'EPCI, et, pour l'État, par le préfet ou le sous-préfet",
    ReasonCode.TERRITOIRE_INCOHERENT: "une fiche et des courriers qui désignent la même collectivité et le même "
                             "territoire (communes, EPCI, département)",
    ReasonCode.COMMUNE_INCONNUE: "le nom exact des communes concernées, à la section 2 de la fiche",
}
LETTER_REQUESTS = {
    PieceKind.COURRIER_COLLECTIVITE: "une copie lisible et complète du courrier de soutien de la collectivité",
    PieceKind.COURRIER_PREFET: "une copie lisible et complète du courrier de soutien du préfet",
}


def porteur_requests(export: dict) -> list[str]:
    """One line per thing the porteurs must send or fix, for the reasons no reviewer lifted."""
    lifted = {(o["code"], o.get("detail")) for o in (export.get("triage") or {}).get("overrides", [])}
    items = []
    for reason in (export.get("completeness") or {}).get("reasons", []):
        code, detail = reason["code"], reason.get("detail")
        if (code, detail) in lifted:
            continue
        line = _request(code, detail)
        if line:
            items.append(line)
    return list(dict.fromkeys(items))


def _request(code: str, detail: str | None) -> str | None:
    if code == ReasonCode.SECTION_VIDE and detail in SECTION_LABELS:
        return f"la {_lower_first(SECTION_LABELS[detail])} de la fiche de candidature, complétée"
    if code == ReasonCode.VERIFICATION_REQUISE and detail:
        piece = detail.split(".")[0]
        if piece in LETTER_REQUESTS:
            return LETTER_REQUESTS[piece]
        section = SECTION_LABELS.get(piece)
        label = FIELD_LABELS.get(detail)
        if label and section:
            return (f"la rubrique « {label} » de la fiche de candidature ({_lower_first(section)}), "
                    "remplie lisiblement")
        return None
    return REQUESTS.get(code)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def template_name(kind: str, decision: str | None = None) -> str:
    """The template of a mail: accuse, complements, eligible or non_eligible."""
    if kind == "decision":
        return "eligible" if decision == "eligible" else "non_eligible"
    return kind


def environment(settings: Settings) -> SandboxedEnvironment:
    """Administrators' templates first, then Guichet's; sandboxed (a template is no program)."""
    loaders = [FileSystemLoader(str(settings.mail.templates_dir))] if settings.mail.templates_dir else []
    env = SandboxedEnvironment(loader=ChoiceLoader([*loaders, FileSystemLoader(str(HERE))]),
                               undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False,
                               trim_blocks=True, lstrip_blocks=True)
    env.filters.update(de=de, avec_article=with_article)
    env.tests["elide"] = elides
    return env


def context(settings: Settings, export: dict, *, comment: str = "", original_subject: str = "") -> dict:
    """What templates may use."""
    fields = export.get("fields") or {}
    value = lambda fid: (fields.get(fid) or {}).get("value")  # noqa: E731
    name = value("s1.collectivite.nom") or value("courrier_collectivite.collectivite") or ""
    collectivite = with_article(name if isinstance(name, str) else "", value("s1.collectivite.type"))
    subject = " ".join((original_subject or "").split())
    return {
        "dossier": export["id"],
        "collectivite": collectivite,
        "de_collectivite": de(collectivite) if collectivite else "de votre collectivité",
        "intitule": value("s3.intitule") or "",
        "elements": porteur_requests(export),
        "commentaire": (comment or "").strip(),
        "objet_origine": subject,
        "objet_reponse": (subject if subject.lower().startswith(("re:", "re :")) else f"RE: {subject}")
                         if subject else "",
        "bureau": settings.mail.bureau_name,
        "adresse_bureau": [line.strip() for line in settings.mail.bureau_address.splitlines() if line.strip()],
    }


def render(settings: Settings, name: str, export: dict, **given) -> tuple[str, str]:
    """(subject, body) of a template for a dossier."""
    text = environment(settings).get_template(f"{name}.txt").render(context(settings, export, **given))
    first, _, body = text.lstrip("\n").partition("\n")
    if not first.startswith(SUBJECT_PREFIX):
        raise ValueError(f"Le modèle {name}.txt doit commencer par « {SUBJECT_PREFIX} … ».")
    return " ".join(first[len(SUBJECT_PREFIX):].split()), body.strip("\n") + "\n"
