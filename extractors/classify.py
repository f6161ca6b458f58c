"""Give each page a piece kind and group consecutive pages of one piece into documents.

A first, rule-based pass on what pages say (form headings, letter structure, who signs);
each decision keeps a confidence so that uncertain pages can be sent to review.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from extractors.model import PageText, PieceKind

log = logging.getLogger(__name__)

_FICHE_CUES = (
    r"fiche de candidature", r"section [1-5]", r"les porteurs de l.?atelier",
    r"la localisation de l.?atelier", r"l.?objet de l.?atelier", r"les objectifs de l.?atelier",
    r"les ressources de l.?atelier", r"annexe [12]", r"dynamiques du territoire",
    r"dynamiques d.?amenagement", r"service de l.?etat pilote", r"collectivite porteuse",
    r"echelle de reflexion", r"thematique\(?s?\)?", r"intitule de l.?atelier",
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


def normalise(text: str) -> str:
    """Lower-case, without accents, whitespace collapsed: what the cues are written against."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'")).casefold()


def classify_page(page: PageText) -> PageKind | None:
    """The page's kind, or None when it says nothing either way (a continuation page)."""
    text = normalise(page.text)
    if len(text) < 20:
        return None
    fiche = _count(_FICHE_CUES, text)
    if fiche >= 2:
        return PageKind(PieceKind.FICHE, min(1.0, 0.6 + 0.1 * fiche))
    letter = _count(_LETTER_CUES, text)
    prefet = _count(_PREFET_CUES, text)
    collectivite = _count(_COLLECTIVITE_CUES, text)
    if letter >= 1 and (prefet or collectivite):
        # The signatory decides: a prefecture letter mentions the maire too, rarely the reverse.
        kind = PieceKind.COURRIER_PREFET if prefet >= collectivite else PieceKind.COURRIER_COLLECTIVITE
        margin = abs(prefet - collectivite)
        return PageKind(kind, min(1.0, 0.55 + 0.1 * letter + 0.1 * margin))
    if fiche == 1:
        return PageKind(PieceKind.FICHE, 0.5)
    return PageKind(PieceKind.AUTRE, 0.5 if len(text) > 200 else 0.7)


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
