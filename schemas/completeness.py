"""Completeness: a list of rule functions, each returning the reasons a dossier fails it.

A rule that depends on a reading too uncertain to decide (a field in `needs_review`, or
missing where the rule needs it) says so with VERIFICATION_REQUISE (detail: the field id)
instead of guessing either way; a reviewer's correction (status "corrected") is trusted.
So a dossier is never complete on a low-confidence reading.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from extractors.fields.plausible import ANSWERED_FIELDS, PLAIN_ANSWER, holds_answer, own_words, plainly_answered
from extractors.vocabulary import (
    FICHE_SECTIONS,
    HABILITES,
    LETTERS,
    PIECES,
    SECTIONS,
    FieldStatus,
    PieceKind,
    ReasonCode,
)
from schemas.agreement import SIGNS_FOR
from schemas.cog import Cog
from schemas.labels import FIELD_LABELS, PIECE_LABELS, SECTION_LABELS, SLUG_LABELS
from schemas.territoire import Entity, check_commune, coherent, letter_entity, name_kind, resolve_entity, same_name

log = logging.getLogger(__name__)

MESSAGES: dict[ReasonCode, str] = {
    ReasonCode.FICHE_ABSENTE: "La fiche de candidature est absente du dossier.",
    ReasonCode.SECTION_VIDE: "Une section de la fiche de candidature n'est pas renseignée.",
    ReasonCode.COURRIER_COLLECTIVITE_ABSENT: "Le courrier de soutien du maire ou du président de l'EPCI est absent.",
    ReasonCode.COURRIER_COLLECTIVITE_NON_SIGNE: "Le courrier de soutien de la collectivité n'est pas signé.",
    ReasonCode.COURRIER_PREFET_ABSENT: "Le courrier de soutien du préfet ou du sous-préfet est absent.",
    ReasonCode.COURRIER_PREFET_NON_SIGNE: "Le courrier de soutien du préfet n'est pas signé.",
    ReasonCode.COURRIER_PREFET_DESTINATAIRE: "Le courrier du préfet n'est pas adressé à la Sous-direction de l'aménagement durable (AD1/DHUP/DGALN).",
    ReasonCode.SIGNATAIRE_NON_HABILITE: "Un courrier est signé par une personne qui n'a pas la qualité requise.",
    ReasonCode.TERRITOIRE_INCOHERENT: "La fiche, les courriers et la géographie officielle ne concordent pas.",
    ReasonCode.COMMUNE_INCONNUE: "Une commune de la section 2 ne correspond à aucune commune actuelle.",
    ReasonCode.VERIFICATION_REQUISE: "Une lecture incertaine doit être vérifiée par un instructeur.",
}
ABSENT = {PieceKind.COURRIER_COLLECTIVITE: ReasonCode.COURRIER_COLLECTIVITE_ABSENT,
          PieceKind.COURRIER_PREFET: ReasonCode.COURRIER_PREFET_ABSENT}
NOT_SIGNED = {PieceKind.COURRIER_COLLECTIVITE: ReasonCode.COURRIER_COLLECTIVITE_NON_SIGNE,
              PieceKind.COURRIER_PREFET: ReasonCode.COURRIER_PREFET_NON_SIGNE}
TRUSTED = (FieldStatus.EXTRACTED.value, FieldStatus.CORRECTED.value)
# The fields the rules read beyond "is the section answered": when one of them is too uncertain
# to decide on, the rule that reads it gives VERIFICATION_REQUISE with its id.
RULE_FIELDS = (
    "s1.collectivite.nom", "s2.communes", "s2.epci",
    "courrier_collectivite.signataire_qualite", "courrier_collectivite.collectivite", "courrier_collectivite.signe",
    "courrier_prefet.signataire_qualite", "courrier_prefet.departement", "courrier_prefet.signe",
    "courrier_prefet.destinataire_dgaln",
)


@dataclass(frozen=True)
class Reason:
    """One failed rule: its code, what it is about, and a French note saying what was found."""

    code: ReasonCode
    detail: str | None = None
    note: str | None = field(default=None, compare=False)

    @property
    def message(self) -> str:
        """French text for reviewers."""
        text = MESSAGES[self.code]
        if self.note:
            return f"{text} {self.note}"
        return f"{text} ({self.detail})" if self.detail else text


@dataclass(frozen=True)
class DossierView:
    """What the rules look at: which pieces are present, and the fields (as the store keeps them)."""

    pieces: Mapping[str, bool]
    fields: Mapping[str, Mapping] = field(default_factory=dict)
    # Files OCR read too poorly to tell what they are: an absent piece may be one of them.
    illegible: tuple[str, ...] = ()
    # Letter kinds found as two documents or more: one of them may be the other letter, misread.
    doubled: tuple[str, ...] = ()

    def status(self, field_id: str) -> str:
        """The field's status; an unknown field is missing."""
        return self.fields.get(field_id, {}).get("status") or "missing"

    def value(self, field_id: str):
        """The field's value (None when unanswered)."""
        return self.fields.get(field_id, {}).get("value")

    def trusted(self, field_id: str) -> bool:
        """Read with confidence (or corrected by a reviewer), and answered."""
        return self.status(field_id) in TRUSTED and self.value(field_id) is not None

    def uncertain(self, field_id: str) -> bool:
        """Read, but too uncertain to decide on."""
        return self.status(field_id) == "needs_review"


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


def verify(field_id: str) -> Reason:
    """The reason a reviewer must look at one field."""
    return Reason(ReasonCode.VERIFICATION_REQUISE, field_id, f"À vérifier : {_field_label(field_id)} ({field_id}).")


def _field_label(field_id: str) -> str:
    piece = field_id.split(".")[0]
    label = FIELD_LABELS.get(field_id, field_id)
    return f"{PIECE_LABELS[piece]} – {label}" if piece in PIECE_LABELS else label


# Rules ------------------------------------------------------------------------------------------

def _fiche_present(view: DossierView, cog: Cog) -> list[Reason]:
    return [] if view.pieces.get("fiche") else [_absent_or_unread("fiche", ReasonCode.FICHE_ABSENTE, view)]


def _sections_answered(view: DossierView, cog: Cog) -> list[Reason]:
    """Each section and annex has an answered field; one reason per empty section."""
    if not view.pieces.get("fiche"):
        return []
    reasons = []
    for section in FICHE_SECTIONS:
        ids = SECTIONS[section]
        if any(view.trusted(fid) or view.uncertain(fid) and plainly_answered(fid, view.value(fid)) for fid in ids):
            continue  # a long answer read with slips is for a reviewer's eyes, but it is an answer
        if sum(own_words(fid, view.value(fid)) for fid in ids if view.uncertain(fid)) >= PLAIN_ANSWER:
            continue  # three short answers read with slips ("les associations dhabtants"): answered too
        doubtful = [fid for fid in ids if view.uncertain(fid)]
        if sum(holds_answer(view.value(fid)) for fid in doubtful) >= ANSWERED_FIELDS:
            continue  # a photo's section 1, each name and address read with slips: whatever they say, it is answered
        reasons += [verify(fid) for fid in doubtful] or [
            Reason(ReasonCode.SECTION_VIDE, section, f"Aucune réponse dans « {SECTION_LABELS[section]} » ({section}).")]
    return reasons


def _letters_present(view: DossierView, cog: Cog) -> list[Reason]:
    return [_absent_or_unread(piece, ABSENT[piece], view) for piece in LETTERS if not view.pieces.get(piece)]


def _absent_or_unread(piece: str, absent: ReasonCode, view: DossierView) -> Reason:
    """A piece not found is absent, unless a page too poorly read to be kinded may be it, or one of
    two letters of the other kind (a maire's letter on a scan read as a préfet's)."""
    other = next((kind for kind in view.doubled if kind != piece), None) if piece in LETTERS else None
    if other:
        return Reason(ReasonCode.VERIFICATION_REQUISE, piece,
                      f"À vérifier : {PIECE_LABELS[piece]} introuvable, mais le dossier contient plusieurs pièces "
                      f"« {PIECE_LABELS[other]} » : l'une pourrait l'être.")
    if not view.illegible:
        return Reason(absent)
    files = ", ".join(view.illegible)
    return Reason(ReasonCode.VERIFICATION_REQUISE, piece,
                  f"À vérifier : {PIECE_LABELS[piece]} introuvable, mais une pièce illisible pourrait l'être ({files}).")


def _letters_signed(view: DossierView, cog: Cog) -> list[Reason]:
    """A present letter is signed (by hand, an image of a signature, or digitally)."""
    reasons = []
    for piece in LETTERS:
        if not view.pieces.get(piece):
            continue
        signed = f"{piece}.signe"
        if not view.trusted(signed):
            reasons.append(verify(signed))
        elif view.value(signed) is False:
            reasons.append(Reason(NOT_SIGNED[piece]))
    return reasons


def _prefet_addressee(view: DossierView, cog: Cog) -> list[Reason]:
    """The préfet's letter is addressed to the DGALN's chain (AD1, DHUP, Sous-direction)."""
    if not view.pieces.get("courrier_prefet"):
        return []
    addressed = "courrier_prefet.destinataire_dgaln"
    if not view.trusted(addressed):
        return [verify(addressed)]
    return [] if view.value(addressed) else [Reason(ReasonCode.COURRIER_PREFET_DESTINATAIRE)]


def _signatories_habilitated(view: DossierView, cog: Cog) -> list[Reason]:
    """Maire or président d'EPCI; préfet or sous-préfet. One reason for the dossier, notes per letter."""
    doubtful, wrong = [], []
    for piece in LETTERS:
        quality = f"{piece}.signataire_qualite"
        if not view.pieces.get(piece):
            continue
        if not view.trusted(quality):
            doubtful.append(verify(quality))
        elif view.value(quality) not in HABILITES[piece]:
            name = view.value(f"{piece}.signataire_nom")
            who = SLUG_LABELS.get(view.value(quality), view.value(quality))
            wrong.append(f"{PIECE_LABELS[piece]} signé par : {who}{f' ({name})' if name else ''}.")
    return doubtful + ([Reason(ReasonCode.SIGNATAIRE_NON_HABILITE, None, " ".join(wrong))] if wrong else [])


def _communes_known(view: DossierView, cog: Cog) -> list[Reason]:
    """Every commune of section 2 is a current commune; a commune déléguée names its commune nouvelle."""
    communes = view.value("s2.communes")
    if not isinstance(communes, list) or view.status("s2.communes") not in TRUSTED + ("needs_review",):
        return []
    sure = view.status("s2.communes") in TRUSTED or view.fields["s2.communes"].get("confidence", 0) >= 0.9
    checks = [check_commune(c, cog, _departement_hint(view), sure) for c in communes if isinstance(c, dict)]
    if any(not c.decided for c in checks):
        return [verify("s2.communes")]
    unknown = [c for c in checks if c.code is None]
    if not unknown:
        return []
    notes = [f"« {c.nom} » est une commune déléguée ou ancienne commune de {c.nouvelle}." if c.nouvelle
             else f"« {c.nom} » n'est pas une commune du COG." for c in unknown]
    return [Reason(ReasonCode.COMMUNE_INCONNUE, None, " ".join(notes))]


def _territory_coherent(view: DossierView, cog: Cog) -> list[Reason]:
    """Letters, fiche and COG agree (communes in the EPCI named, préfet's département, letter's collectivité)."""
    reasons: list[Reason] = []
    problems: list[str] = []
    for check in (_communes_in_epci, _prefet_departement, _letter_collectivite):
        outcome = check(view, cog)
        reasons += [verify(fid) for fid in outcome.doubtful]
        problems += outcome.problems
    reasons = list(dict.fromkeys(reasons))
    return reasons + ([Reason(ReasonCode.TERRITOIRE_INCOHERENT, None, " ".join(problems))] if problems else [])


RULES: tuple[Callable[[DossierView, Cog], list[Reason]], ...] = (
    _fiche_present,
    _sections_answered,
    _letters_present,
    _letters_signed,
    _prefet_addressee,
    _signatories_habilitated,
    _territory_coherent,
    _communes_known,
)


def assess_completeness(view: DossierView, cog: Cog) -> Verdict:
    """Apply every rule; complete only when none fails (uncertain readings included)."""
    reasons = tuple(dict.fromkeys(reason for rule in RULES for reason in rule(view, cog)))
    pieces = {k.value: bool(view.pieces.get(k)) for k in PIECES}
    return Verdict(complete=not reasons, pieces=pieces, reasons=reasons)


# Territory checks -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What one territory check found: fields too uncertain to decide on, and disagreements."""

    doubtful: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


def _needs(view: DossierView, *field_ids: str) -> tuple[bool, tuple[str, ...]]:
    """(all trusted, the uncertain ones) for the fields a check depends on."""
    return all(view.trusted(f) for f in field_ids), tuple(f for f in field_ids if view.uncertain(f))


def _departement_hint(view: DossierView) -> str | None:
    value = view.value("s2.departement")
    return value if isinstance(value, str) else None


def _commune_codes(view: DossierView, cog: Cog) -> list[str]:
    """Current INSEE codes of the communes of section 2 that resolve (the others are COMMUNE_INCONNUE's)."""
    communes = view.value("s2.communes") if view.trusted("s2.communes") else None
    codes = [c.get("code_insee") for c in communes or [] if isinstance(c, dict)]
    return [code for code in codes if code and cog.commune(code)]


def _communes_in_epci(view: DossierView, cog: Cog) -> Outcome:
    ok, doubtful = _needs(view, "s2.communes", "s2.epci")
    if not ok:
        return Outcome(doubtful)
    siren = (view.value("s2.epci") or {}).get("siren")
    if not siren or not cog.epci(siren):
        return Outcome()
    outside = [code for code in _commune_codes(view, cog) if not cog.commune_in_epci(code, siren)]
    if not outside:
        return Outcome()
    names = ", ".join(cog.commune(code).nom for code in outside)
    return Outcome((), (f"{names} n'appartien{'nent' if len(outside) > 1 else 't'} pas à {cog.epci(siren).nom}.",))


def _prefet_departement(view: DossierView, cog: Cog) -> Outcome:
    """The préfet's département is the one of the communes (or of the collectivités named)."""
    if not view.pieces.get("courrier_prefet"):
        return Outcome()
    field_id = "courrier_prefet.departement"
    code = view.value(field_id)
    if not view.trusted(field_id) or code not in cog.departements:
        return Outcome((field_id,))
    expected, doubtful = _territory_departements(view, cog)
    if doubtful or not expected or code in expected:
        return Outcome(doubtful)
    where = ", ".join(sorted(expected))
    return Outcome((), (f"Le courrier du préfet vient du département {code} ; le territoire est dans le "
                        f"département {where}.",))


def _territory_departements(view: DossierView, cog: Cog) -> tuple[set[str], tuple[str, ...]]:
    """Départements of the communes of section 2; else of the porteuse; else of the letter's collectivité."""
    if view.uncertain("s2.communes"):
        return set(), ("s2.communes",)
    found = {cog.departement_of_commune(code) for code in _commune_codes(view, cog)}
    if found:
        return found, ()
    porteuse, doubtful = _porteuse(view, cog)
    if porteuse:
        return set(porteuse.departements), ()
    letter, letter_doubtful = _letter_entity(view, cog)
    return (set(letter.departements) if letter else set()), doubtful + letter_doubtful


def _porteuse(view: DossierView, cog: Cog) -> tuple[Entity | None, tuple[str, ...]]:
    """The collectivité porteuse of the fiche, resolved (by its name, else by section 2)."""
    if not view.pieces.get("fiche") or not view.trusted("s1.collectivite.nom"):
        return None, tuple(f for f in ("s1.collectivite.nom",) if view.uncertain(f))
    name = view.value("s1.collectivite.nom")
    kind = name_kind(name)
    if kind is None:
        if view.uncertain("s1.collectivite.type"):
            return None, ("s1.collectivite.type",)
        kind = name_kind(name, view.value("s1.collectivite.type"))
    found = resolve_entity(name, cog, kind, _departement_hint(view))
    if found is None and kind == "epci" and view.trusted("s2.epci"):
        epci = cog.epci((view.value("s2.epci") or {}).get("siren") or "")
        found = epci and Entity("epci", epci.siren, epci.nom, frozenset(epci.departements))
    if found is None and kind == "commune" and len(_commune_codes(view, cog)) == 1:
        commune = cog.commune(_commune_codes(view, cog)[0])
        found = Entity("commune", commune.code, commune.nom, frozenset({commune.departement}))
    return found or None, ()


def _letter_entity(view: DossierView, cog: Cog) -> tuple[Entity | None, tuple[str, ...]]:
    """The collectivité the letter speaks for, resolved; doubtful when it does not resolve."""
    field_id = "courrier_collectivite.collectivite"
    if not view.pieces.get("courrier_collectivite"):
        return None, ()
    if not view.trusted(field_id):
        vouched = letter_vouched(view, cog)
        return (vouched, ()) if vouched else (None, (field_id,))
    name = view.value(field_id)
    hints = [_departement_hint(view), view.value("courrier_prefet.departement")
             if view.trusted("courrier_prefet.departement") else None]
    near = [Entity("commune", c, cog.commune(c).nom, frozenset({cog.departement_of_commune(c)}))
            for c in _commune_codes(view, cog)]
    found = letter_entity(name, cog, hints + sorted({d for e in near for d in e.departements}), near)
    return (found[0], ()) if found else (None, (field_id,))


def letter_vouched(view: DossierView, cog: Cog) -> Entity | None:
    """The porteuse, when the letter's collectivité, left for a reviewer, still names exactly it
    and the letter's signatory, surely read, heads that kind of collectivité (a maire for a
    commune): what is doubted is how the letter designates itself ("Ville de", "Mairie de",
    its letterhead unread), not for whom it speaks, and the verdict needs only the latter."""
    name = view.value("courrier_collectivite.collectivite")
    quality = "courrier_collectivite.signataire_qualite"
    if not isinstance(name, str) or not view.trusted(quality) or not view.trusted("s1.collectivite.nom"):
        return None
    porteuse, _ = _porteuse(view, cog)
    if porteuse is None or SIGNS_FOR.get(view.value(quality)) != porteuse.kind:
        return None
    found = letter_entity(name, cog, [_departement_hint(view)] + sorted(porteuse.departements), [porteuse])
    return porteuse if found and found[1] and (found[0].kind, found[0].code) == (porteuse.kind, porteuse.code) \
        else None


def _letter_collectivite(view: DossierView, cog: Cog) -> Outcome:
    """The letter comes from the porteuse, the EPCI of the commune porteuse, or a member commune."""
    if not view.pieces.get("courrier_collectivite") or not view.pieces.get("fiche"):
        return Outcome()
    field_id = "courrier_collectivite.collectivite"
    if not view.trusted(field_id):
        return Outcome(() if letter_vouched(view, cog) else (field_id,))
    if not view.trusted("s1.collectivite.nom"):
        return Outcome(tuple(f for f in ("s1.collectivite.nom",) if view.uncertain(f)))
    letter_name, porteuse_name = view.value(field_id), view.value("s1.collectivite.nom")
    porteuse, doubtful = _porteuse(view, cog)
    letter, letter_doubtful = _letter_entity(view, cog)
    if porteuse is None or letter is None:  # a name the COG does not know: the same name, or a reviewer
        if same_name(letter_name, porteuse_name):
            return Outcome()
        return Outcome(doubtful + letter_doubtful or (("s1.collectivite.nom",) if porteuse is None else (field_id,)))
    if coherent(letter, porteuse, cog):  # by codes: "Ville de Saint-Pierre" is one of nine
        return Outcome()
    return Outcome((), (f"Le courrier de la collectivité parle pour {letter_name} ; la collectivité porteuse "
                        f"est {porteuse_name}.",))
