"""Give each page a piece kind and group consecutive pages of one piece into documents.

A first, rule-based pass on what pages say (form headings, letter structure, who signs);
each decision keeps a confidence so that uncertain pages can be sent to review.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from extractors.fields.form import LABELS
from extractors.model import PageText, PieceKind
from extractors.text import normalise

log = logging.getLogger(__name__)

_FICHE_CUES = (
    r"fiche de candidature", r"section [1-5]", r"les porteurs de l.?atelier",
    r"la localisation de l.?atelier", r"l.?objet de l.?atelier", r"les objectifs de l.?atelier",
    r"les ressources de l.?atelier", r"annexe [12]", r"dynamiques du territoire",
    r"dynamiques d.?amenagement", r"service de l.?etat pilote", r"collectivite porteuse",
    r"echelle de reflexion", r"thematique\(?s?\)?", r"intitule de l.?atelier",
    r"\bfait a [^,\n]{2,60},? le \d",  # the form's closing line, alone on a retyped form's last page
)
_FICHE_CUES = _FICHE_CUES + tuple(
    re.escape(normalise(label.text)) for label in LABELS if len(label.text) > 12 and not label.skip
)
_LETTER_CUES = (r"\bobjet\s*:", r"madame|monsieur", r"je vous prie", r"salutations|considération",
                r"\ble \d{1,2}(er)? [a-z]+ \d{4}\b", r"\bv/?ref|n/?ref|affaire suivie")
_PREFET_CUES = (r"\bla prefete?\b", r"\ble prefet\b", r"sous-prefete?", r"prefecture", r"prefet de",
                r"pour le prefet")
_COLLECTIVITE_CUES = (r"\ble maire\b", r"\bla maire\b", r"\ble president\b", r"\bla presidente\b",
                      r"mairie", r"hotel de ville", r"communaute (de communes|d.?agglomeration|urbaine)",
                      r"\bmetropole\b", r"conseil municipal", r"conseil communautaire")


@dataclass(frozen=True)
class PageKind:
    """The kind of one page, and how sure the rules are."""

    kind: PieceKind
    confidence: float


@dataclass(frozen=True)
class DocumentSpan:
    """Consecutive pages of one file that form one piece."""

    file: str
    pages: tuple[int, ...]
    kind: PieceKind
    confidence: float


def classify_page(page: PageText) -> PageKind | None:
    """The page's kind, or None when it says nothing either way (a continuation page)."""
    text = normalise(page.text)
    if len(text) < 20:
        return None
    fiche = _count(_FICHE_CUES, text)
    if fiche >= 2:
        return PageKind(PieceKind.FICHE, min(1.0, 0.6 + 0.1 * fiche))
    letter = letter_kind(page.text) if _count(_LETTER_CUES, text) else None
    if letter is not None:
        return letter
    if fiche == 1:
        return PageKind(PieceKind.FICHE, 0.5)
    return PageKind(PieceKind.AUTRE, 0.5 if len(text) > 200 else 0.7)


def letter_kind(text: str) -> PageKind | None:
    """Who a letter comes from: its signatory block first, then its letterhead, then its body.

    A maire writes "Monsieur le Préfet" at the top of a letter the préfet never signs, so
    the place of a cue matters more than how often it appears.
    """
    lines = [normalise(line) for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    head, tail = lines[: max(4, len(lines) // 4)], lines[-max(5, len(lines) // 3):]
    votes = {PieceKind.COURRIER_PREFET: 0.0, PieceKind.COURRIER_COLLECTIVITE: 0.0}
    for kind, weight in ((_signatory(tail), 3.0), (_letterhead(head), 2.0)):
        if kind is not None:
            votes[kind] += weight
    body = " ".join(lines)
    votes[PieceKind.COURRIER_PREFET] += 0.5 * _count(_PREFET_CUES, body)
    votes[PieceKind.COURRIER_COLLECTIVITE] += 0.5 * _count(_COLLECTIVITE_CUES, body)
    kind = max(votes, key=votes.get)
    if votes[kind] == 0:
        return None
    margin = votes[kind] - min(votes.values())
    return PageKind(kind, round(min(1.0, 0.5 + 0.1 * margin), 3))


_SIGNATORY_PREFET = re.compile(r"^(pour |p/ ?)?(le|la|madame la|monsieur le) (sous-)?prefete?\b|secretaire general|"
                               r"^(le|la) (sous-)?prefete? (de|du|des)\b")
_SIGNATORY_COLLECTIVITE = re.compile(r"^(le|la|pour le|pour la|p/ ?le|p/ ?la) (maire|president|presidente)\b|"
                                     r"^(le|la) (vice-president|adjointe? au maire)|^(maire|president|presidente) de\b")
_HEAD_PREFET = re.compile(r"\bprefete? (de|du|des|de la)\b|\bprefecture\b|sous-prefecture")
_HEAD_COLLECTIVITE = re.compile(r"^(commune|ville|mairie) d|^hotel de ville|^communaute (de communes|d.?agglomeration|urbaine)|"
                                r"^metropole|agglomeration$|^cc |^ca ")
_ADDRESSEE = re.compile(r"^(a )?(monsieur|madame) (le|la) (sous-)?prefete?\b")


def _signatory(lines: list[str]) -> PieceKind | None:
    for line in reversed(lines):
        if _SIGNATORY_PREFET.search(line):
            return PieceKind.COURRIER_PREFET
        if _SIGNATORY_COLLECTIVITE.search(line):
            return PieceKind.COURRIER_COLLECTIVITE
    return None


def _letterhead(lines: list[str]) -> PieceKind | None:
    for line in lines:
        if _ADDRESSEE.search(line):
            return PieceKind.COURRIER_COLLECTIVITE  # a letter written to the préfet
        if _HEAD_COLLECTIVITE.search(line):
            return PieceKind.COURRIER_COLLECTIVITE
        if _HEAD_PREFET.search(line):
            return PieceKind.COURRIER_PREFET
    return None


def split_documents(file: str, pages: list[PageText]) -> list[DocumentSpan]:
    """Group the pages of one file: a page without cues continues the piece before it."""
    spans: list[DocumentSpan] = []
    for page in pages:
        decided = classify_page(page)
        if decided is None and spans and spans[-1].kind is not PieceKind.AUTRE:
            last = spans[-1]
            spans[-1] = DocumentSpan(file, last.pages + (page.number,), last.kind, last.confidence)
            continue
        decided = decided or PageKind(PieceKind.AUTRE, 0.6)
        if spans and spans[-1].kind is decided.kind and decided.kind is not PieceKind.AUTRE \
                and not _starts_new_letter(page, decided.kind):
            last = spans[-1]
            spans[-1] = DocumentSpan(file, last.pages + (page.number,), last.kind,
                                     min(last.confidence, decided.confidence))
        else:
            spans.append(DocumentSpan(file, (page.number,), decided.kind, decided.confidence))
    return spans


def _starts_new_letter(page: PageText, kind: PieceKind) -> bool:
    """Two letters of the same kind back to back: a new one opens with its "Objet :"."""
    return kind is not PieceKind.FICHE and bool(re.search(r"\bobjet\s*:", normalise(page.text)))


def _count(cues: tuple[str, ...], text: str) -> int:
    return sum(1 for cue in cues if re.search(cue, text))
