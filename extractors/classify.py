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
    # the form's closing line, alone on a retyped form's last page or on an annex page whose
    # headings a photo lost ("Fat à Koungou. le 1 juillet")
    r"\bfa[il]?t a [^,\n]{2,60}[,.]? le \d",
)
_FICHE_CUES = _FICHE_CUES + tuple(
    re.escape(normalise(label.text)) for label in LABELS if len(label.text) > 12 and not label.skip
)
# Lines that cite other pieces rather than head a form: "P.J. : fiche de candidature", "Objet : …";
# a photo's OCR reads "P.J." as "P.2.", "P.3.:" or "PL. :"
_REFERENCE_LINE = re.compile(r"^(p\.? ?j\.?|p[.,]? ?[23il][.,:]|pieces? jointes?|objet|ref\b|v/ ?ref|n/ ?ref|copie|"
                             r"annexes? ?:)")
# A cue after a sentence's end on its line is in a sentence: "candidature. La collectivité s'engage"
_SENTENCE_END = re.compile(r"[a-z]{3}[.!?] ")
_CUE_AT_START = 16  # characters: a heading or label opens its line, after a number or a box at most
# The parts of a letter, on normalised lines; a photo's OCR may lose the colon after "Objet" or read
# the salutation's comma as a full stop ("Madame la Sous-directrice.")
_OBJET = re.compile(r"^objet\s*:|^objet (?!de |du |des |d')")
_SALUTATION = re.compile(r"^(madame|monsieur|mesdames|messieurs)\b([^:]{0,80},|[^:,]{0,40}\.)$")
# "Veuillez agréer" and "considération distinguée" each alone: a photo's line may lose the rest
_POLITESSE = re.compile(r"je vous prie d.?agreer|je vous prie de (croire|recevoir)|^veuillez (agreer|croire|recevoir)\b|"
                        r"\bconsideration (tres )?distinguee|"
                        r"(l.?expression|l.?assurance) de (ma|mes|notre|nos) |"
                        r"salutations (les )?(distinguees|respectueuses|cordiales)|"
                        r"(haute|tres distinguee|meilleure) consideration|"
                        r"sentiments (les )?(meilleurs|distingues|devoues|respectueux)|^(bien )?cordialement")
_DATE_LINE = re.compile(r"\b(le )?\d{1,2}(er)? (janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
                        r"octobre|novembre|decembre) \d{4}$")
_LETTER_FEATURES = (_OBJET, _SALUTATION, _POLITESSE, _DATE_LINE)
# A letter's next page: its number ("2/2", "page 2 sur 3", "- 2 -"), a running header ending
# with the letter's date ("Commune du Lorrain – 02/06/2026")
_PAGE_MARK = re.compile(r"^(page )?([2-9]|1\d) ?(/|sur) ?([2-9]|1\d)$|^- ?([2-9]|1\d) ?-$")
# A fax's transmission header ends with its page number: "09/06/2026 15:21 MAIRIE 63 P.2/2"
_FAX_PAGE = re.compile(r"\d\d:\d\d\b.*\b(?:p|page)\.? ?([2-9]|1\d) ?/ ?([2-9]|1\d)$")
_RUNNING_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}$")
# "vous prie": a photo's OCR may misread the "je" before it ("pe vous prie de croire")
_LETTER_CUES = (r"\bobjet\s*:", r"madame|monsieur", r"\bvous prie\b", r"salutations|consideration",
                r"\ble \d{1,2}(er)? [a-z]+ \d{4}\b", r"\bv/?ref|n/?ref|affaire suivie")
_PREFET_CUES = (r"\bla prefete?\b", r"\ble prefet\b", r"sous-prefete?", r"prefecture", r"prefet de",
                r"pour le prefet", r"\bgouv\.? ?fr\b", r"\bavis (tres |plus )?favorable\b",
                # the State speaks of the candidate in the third person, and of what its service will do
                r"\bcandidature (presentee|portee|deposee|formulee) par (la|le|l')",
                r"\b(direction departementale des territoires( et de la mer)?|ddtm?|deal|dreal) (accompagnera|"
                r"accompagne|suivra|assurera|appuiera|apportera|mobilisera|s.est)\b")
_COLLECTIVITE_CUES = (r"\ble maire\b", r"\bla maire\b", r"\ble president\b", r"\bla presidente\b",
                      r"mairie", r"hotel de ville", r"communaute (de communes|d.?agglomeration|urbaine)",
                      r"\bmetropole\b", r"conseil municipal", r"conseil communautaire",
                      # the collectivité speaks of itself
                      r"\bnotre (commune|ville|territoire|collectivite|communaute|intercommunalite|agglomeration)\b",
                      r"\b(les elus de|nos elus)\b",
                      # or in the third person, committing itself: "la commune d'Afa s'engage à …"
                      r"\b(la|notre) (commune|ville|communaute|collectivite|metropole)\b[^.]{0,80}\bs.?engage\b",
                      r"\bson engagement dans la demarche\b")


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
    """The page's kind, or None when it says nothing either way (a continuation page).

    A fiche is known by the form's structure (its title, section headings and labels opening
    their lines), not by the words "fiche de candidature", which letters cite all the time.
    """
    text = normalise(page.text)
    if len(text) < 20:
        return None
    lines = _lines(page)
    fiche = form_cues(lines)
    if fiche >= 2 and fiche >= letter_features(lines) - 1:  # a form's structure outweighs a letter's
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
    lines = [normalise(line) for line in map(_unboxed, text.splitlines()) if line]
    if not lines:
        return None
    head, tail = lines[: max(4, len(lines) // 4)], lines[-max(5, len(lines) // 3):]
    votes = {PieceKind.COURRIER_PREFET: 0.0, PieceKind.COURRIER_COLLECTIVITE: 0.0}
    letterhead = _letterhead(head)
    closing = max((i for i, line in enumerate(lines) if _POLITESSE.search(line)), default=None)
    # the block follows the closing formula: on a short last page it may lie above the "tail"
    block = _signatory(tail) or (_signatory(lines[closing + 1:closing + 6]) if closing is not None else None)
    for kind, weight in ((block, 3.0), (letterhead, 2.0)):
        if kind is not None:
            votes[kind] += weight
    if letterhead is None and any(_HEAD_STATE.search(line) for line in head):
        votes[PieceKind.COURRIER_PREFET] += 1.0
    body = " ".join(lines)
    votes[PieceKind.COURRIER_PREFET] += 0.5 * _count(_PREFET_CUES, body)
    votes[PieceKind.COURRIER_COLLECTIVITE] += 0.5 * _count(_COLLECTIVITE_CUES, body)
    kind = max(votes, key=votes.get)
    if votes[kind] == 0:
        return None
    margin = votes[kind] - min(votes.values())
    return PageKind(kind, round(min(1.0, 0.5 + 0.1 * margin), 3))


_SIGNATORY_PREFET = re.compile(r"^(pour |p/ ?)?(le|la|madame la|monsieur le) (sous-)?prefete?\b|secretaire general|"
                               r"^(le|la) (sous-)?prefete? (de|du|des)\b|"
                               # the delegation line, whatever a photo made of the title before it
                               # ("Le rorétet. pour le préfet et par délégation")
                               r"\bpour (le|la) (sous-)?prefete?,? et par delegation\b")
_SIGNATORY_COLLECTIVITE = re.compile(r"^(le|la|pour le|pour la|p/ ?le|p/ ?la) (maire|president|presidente)\b|"
                                     r"^(le|la) (vice-president|adjointe? au maire)|"
                                     r"^(maire|presidente?|vice-presidente?) (de |du |des |d')|"
                                     r"^(le |la )?(premier|premiere|\d+(e|er|eme|ieme)) adjointe?\b")
_HEAD_PREFET = re.compile(r"\bprefete? (de|du|des|de la)\b|^prefete?\b|\bprefecture\b|sous-prefecture")
# Printed above a préfecture's name on old-style letterheads, and above some mairies' too: a
# cue for the préfet when no letterhead is recognised, weaker than a signatory block.
_HEAD_STATE = re.compile(r"^republique francaise\b")
# "Nantes Métropole", "Vitré Communauté": an EPCI named by its seat and its nature, as courrier_entites reads it;
# a town hall's own address ("secretariat@mairie-monticello.fr") under a logo's bare town name
_HEAD_COLLECTIVITE = re.compile(r"^(commune|ville|mairie) d|^hotel de ville|@(mairie|ville)[-.]|"
                                r"^communaute (de communes|d.?agglomeration|urbaine)|"
                                r"^metropole|agglomeration$|^cc |^ca |^[a-z][\w' -]{2,40} (agglo|communaute|metropole)$")
_ADDRESSEE = re.compile(r"^(a )?(monsieur|madame) (le|la) (sous-)?prefete?\b")


def _unboxed(line: str) -> str:
    """A line without the check boxes OCR's box finder sees in letters ("Hôtel ☒ de ville")."""
    return " ".join(re.sub(r"[☐☒☑□■]", " ", line).split())


def _signatory(lines: list[str]) -> PieceKind | None:
    for line in reversed(lines):
        if _POLITESSE.search(line):  # "Madame la Préfète, l'assurance de…" is the closing, not its signatory
            continue
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
    """Group the pages of one file: a page without cues continues the piece before it, and so
    does a letter's next page, whatever its own words suggest."""
    spans: list[DocumentSpan] = []
    texts: list[list[str]] = []  # the page texts of each span
    letter_like: list[bool] = []  # each span opens like a letter, whatever its kind
    for page in pages:
        if spans and (spans[-1].kind in _LETTERS or letter_like[-1]) and continues_letter(page):
            last = spans[-1]
            texts[-1].append(page.text)
            kind, confidence = _whole_letter(last, letter_kind("\n".join(texts[-1])))
            spans[-1] = DocumentSpan(file, last.pages + (page.number,), kind, confidence)
            continue
        decided = classify_page(page)
        if decided is None and spans and spans[-1].kind is not PieceKind.AUTRE:
            last = spans[-1]
            texts[-1].append(page.text)
            spans[-1] = DocumentSpan(file, last.pages + (page.number,), last.kind, last.confidence)
            continue
        decided = decided or PageKind(PieceKind.AUTRE, 0.6)
        if spans and spans[-1].kind is decided.kind and decided.kind is not PieceKind.AUTRE \
                and not _starts_new_letter(page, decided.kind):
            last = spans[-1]
            texts[-1].append(page.text)
            spans[-1] = DocumentSpan(file, last.pages + (page.number,), last.kind,
                                     min(last.confidence, decided.confidence))
        else:
            texts.append([page.text])
            letter_like.append(letter_features(_lines(page)) >= 3)
            spans.append(DocumentSpan(file, (page.number,), decided.kind, decided.confidence))
    return spans


_LETTERS = (PieceKind.COURRIER_PREFET, PieceKind.COURRIER_COLLECTIVITE)


def _whole_letter(first: DocumentSpan, whole: PageKind | None) -> tuple[PieceKind, float]:
    """A letter's kind from all its pages (letterhead on the first, signatory on the last)."""
    if whole is None:
        return first.kind, first.confidence
    if first.kind is PieceKind.AUTRE:  # a letter whose first page did not tell who sends it
        return whole.kind, whole.confidence
    if whole.kind is first.kind:
        return whole.kind, min(first.confidence, whole.confidence)
    return whole.kind, 0.5  # its pages disagree: a reviewer looks


def continues_letter(page: PageText) -> bool:
    """A letter's next page: no objet or salutation of its own, and its page number ("2/2"), or
    no letterhead of its own and the letter's end (formule de politesse, or a signatory block)."""
    lines = _lines(page)
    if not lines or form_cues(lines) >= 2 or any(_OBJET.search(line) for line in lines):
        return False
    head = lines[: max(4, len(lines) // 4)]
    if any(_SALUTATION.search(line) for line in head):
        return False
    if any(_PAGE_MARK.search(line) for line in lines) or any(_FAX_PAGE.search(line) for line in lines[:2]):
        return True
    # the head of a short last page may be its signatory block ("La Préfète de la Guadeloupe"),
    # or a running header ("Commune du Lorrain – 02/06/2026")
    head = [line for line in head if _signatory([line]) is None and not _RUNNING_DATE.search(line)]
    if _letterhead(head) is not None or _titled(page):
        return False
    return _letter_end(lines)


def ends_letter(page: PageText) -> bool:
    """A page that is only a letter's end: its closing formula or signatory block, nothing that
    heads a document of its own and not one of the form's headings or labels. Photographed
    apart it says no kind of its own (`autre`); right after a letter that did not end, it is
    that letter's last page."""
    lines = _lines(page)
    return continues_letter(page) and form_cues(lines) == 0 and _letter_end(lines)


def signatory_kind(page: PageText) -> PieceKind | None:
    """The kind of letter whose signatory block stands at the page's foot ("Le Préfet de …"), if any."""
    lines = _lines(page)
    return _signatory(lines[-max(5, len(lines) // 3):])


def _letter_end(lines: list[str]) -> bool:
    """The lines hold a letter's end: its formule de politesse, or a signatory block near the foot."""
    tail = lines[-max(5, len(lines) // 3):]
    return any(_POLITESSE.search(line) for line in lines) or _signatory(tail) is not None


def _titled(page: PageText) -> bool:
    """The page opens with a title in capitals ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS"), as
    another document does, never a letter's next page."""
    for line in page.text.splitlines()[:3]:
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 12 and all(c.isupper() for c in letters):
            return True
    return False


def _starts_new_letter(page: PageText, kind: PieceKind) -> bool:
    """Two letters of the same kind back to back: a new one opens with its "Objet :"."""
    return kind is not PieceKind.FICHE and bool(re.search(r"\bobjet\s*:", normalise(page.text)))


def _count(cues: tuple[str, ...], text: str) -> int:
    return sum(1 for cue in cues if re.search(cue, text))


def _lines(page: PageText) -> list[str]:
    return [normalise(line).strip() for line in page.text.splitlines() if line.strip()]


def form_cues(lines: list[str]) -> int:
    """How many of the form's headings and labels the page shows as such: opening a line, not
    quoted in a sentence or in a letter's P.J. or Objet line."""
    found = set()
    for line in lines:
        if _REFERENCE_LINE.match(line):
            continue
        for i, cue in enumerate(_FICHE_CUES):
            match = re.search(cue, line)
            if match and match.start() <= _CUE_AT_START and not _SENTENCE_END.search(line[:match.start()]):
                found.add(i)
    return len(found)


def letter_features(lines: list[str]) -> int:
    """How many parts of a letter the page has: objet, salutation, politesse, date, letterhead or
    addressee, signatory block."""
    count = sum(any(f.search(line) for line in lines) for f in _LETTER_FEATURES)
    head, tail = lines[: max(4, len(lines) // 4)], lines[-max(5, len(lines) // 3):]
    return count + (_letterhead(head) is not None) + (_signatory(tail) is not None)
