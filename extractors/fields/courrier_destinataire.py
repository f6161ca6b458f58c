"""To whom the préfet's letter is written: the DGALN's chain (AD1, DHUP, the Sous-direction) or another."""

from __future__ import annotations

import re

from extractors.fields.courrier_entites import Clue
from extractors.fields.courrier_layout import LetterParts, join_lines
from extractors.text import normalise

_DGALN = re.compile(r"\bdgaln\b|\bdhup\b|\bad ?[1l]\b|sous-? ?direct(?:ion|eur|rice) de (?:l' ?)?amenagement dur ?able"
                    r"|direct(?:ion|eur|rice) generale? de l'amenagement,? du logement et de la nature"
                    r"|de l'amenagement,? du logement et de la nature")
# What is left of the chain's names on a page read badly: a "no" then is no sure "no".
_DGALN_TRACE = re.compile(r"amenag|sous-? ?direct|\bdg\w{0,3}\b|\bdh\w{0,2}\b|logement et de la nature")
# Another authority named by title at the head of the addressee block: a positive "no", as sure as
# the line that names it. The DREAL's own name ("…de l'aménagement et du logement") is no trace of
# the DGALN's.
_OTHER_ADDRESSEE = re.compile(r"^(?:monsieur|madame) (?:l[ae] |l')(?:maire|president|presidente|ministre|prefete?"
                              r"|direct(?:eur|rice) regionale?|direct(?:eur|rice) departementale?)\b")
_DREAL_NAME = re.compile(r"(?:de )?l'environnement,? de l'amenagement et du logement")
_SOUS_DIRECTION_TAIL = re.compile(r"^de l' ?amenagement dur ?able\b")
_SOUS_DIRECTION_NAME = re.compile(r"\bde l' ?amenagement dur ?able\b")
_ADDRESSED_TO = re.compile(r"^(?:a l'attention de )?(?:monsieur|madame)\b")  # the civility its title followed
_SOUS_DIRECTEUR = re.compile(r"^(?:monsieur le sous-directeur|madame la sous-directrice)\b")
# The parts of the chain's address, each written apart and read apart: an acronym is one part per
# word as OCR read it ("DGALN/DHUP/ADI" is one reading, not three); a name, the fewest lines that
# spell it. Parts that name the chain count whole; its address (the ministère, the programme, the
# tower) names no one alone — other services sit there — and only backs a name up, at half weight.
_ACRONYM = re.compile(r"\bdgaln\b|\bdhup\b|\bad ?[1l]\b")
_NAMES = (re.compile(r"sous-? ?direct(?:ion|eur|rice) de (?:l' ?)?amenagement dur ?able"),
          re.compile(r"l'amenagement,? du logement et de la nature"),
          re.compile(r"l'habitat,? de l'urbanisme et des paysages"))
_ADDRESS = (re.compile(r"ministere de la transition ecologique"), re.compile(r"atelier des territoires"),
            re.compile(r"\btour sequoia\b"), re.compile(r"\b92055\b|\bla defense\b|\bplace carpeaux\b"))
ADDRESS_WEIGHT = 0.5


def destinataire_dgaln(parts: LetterParts) -> Clue | None:
    """Whether the letter is addressed to the DGALN's chain (AD1, DHUP, the Sous-direction)."""
    if parts.addressee:
        lines = [parts.lines[i] for i in parts.addressee]
        addressed = bool(_DGALN.search(normalise(join_lines(lines))))
        if addressed:  # named by its best-read line: "Sous-direction de l'aménagement durable" when the
            # acronyms "DGALN/DHUP/AD1" are read with little confidence
            named = [l for l in lines if _DGALN.search(l.norm)]
            best = (max(named, key=lambda l: l.conf),) if named else _naming(lines)
            return _agreeing(0.95, _column(parts, lines[0], set(), lines), best)
        # Another block taken for the addressee: the salutation ("Madame la sous-directrice,", its
        # objet misread), or the lines after a speck read "à" in the letterhead ("Affaire suivie
        # par…"); the true block, an address beginning with the chain's name ("DGALN/DHUP/AD1",
        # "Sous-direction de l'aménagement durable"), is elsewhere in the head.
        named = [parts.lines[i] for i in parts.head if i not in parts.addressee and _DGALN.match(parts.lines[i].norm)]
        if named:
            if _OTHER_ADDRESSEE.match(lines[0].norm):  # two addressees: for a reviewer
                return Clue(False, 0.5, (lines[0],))
            best = max(named, key=lambda l: l.conf)
            return _agreeing(0.85, _column(parts, best, set(parts.addressee)), (best,))
        # The block may have been cut short ("Madame la sous-directrice" | "de l'aménagement
        # durable" read apart on a photo): the head's next lines may go on with it.
        last = parts.addressee[-1]
        following = lines + [parts.lines[i] for i in range(last + 1, last + 4) if i in parts.head]
        if _DGALN.search(normalise(join_lines(following))):
            return _agreeing(0.8, following, tuple(following))
        # "À l'attention de Madame [la sous-directrice]" | "de l'aménagement durable": the title's
        # head lost on a photo, its tail still names the sous-direction, and no other authority
        if not _OTHER_ADDRESSEE.match(lines[0].norm) and any(
                _SOUS_DIRECTION_TAIL.match(a.norm) and _ADDRESSED_TO.search(b.norm) for a, b in zip(lines[1:], lines)):
            return _agreeing(0.8, lines, tuple(lines))
        # "{Sous Sous" | "de l'aménagement durable" on one row, the acronyms' line lost on a photo:
        # the sous-direction's name, its head misread, and no other authority named. Likelier a
        # "yes" than a "no", never a sure one: a reviewer reads it.
        block = _column(parts, lines[0], set(), lines)
        if not _OTHER_ADDRESSEE.match(lines[0].norm) and _SOUS_DIRECTION_NAME.search(normalise(join_lines(block))):
            return Clue(True, 0.6, tuple(block))
        # No DGALN in a block of one line is a block read in part: unsure, never a sure "no"; nor
        # where the head still shows pieces of the chain's names ("Sous direction de aménagement
        # dur able"): misread, not absent.
        traces = bool(_DGALN_TRACE.search(_DREAL_NAME.sub(" ", normalise(join_lines(following)))))
        if len(lines) >= 2 and not traces and _OTHER_ADDRESSEE.match(lines[0].norm):
            return Clue(False, 0.95, (lines[0],))  # as sure as the title's line, whatever the address's
        return Clue(False, 0.9 if len(lines) >= 2 and not traces else 0.5 if traces else 0.6, tuple(lines))
    # a row OCR read as two lines ("Sous-direction" | "de l'aménagement durable") names it whole
    cued = [row for row in _rows([parts.lines[i] for i in parts.head]) if _DGALN.search(normalise(join_lines(row)))]
    if cued:
        best = max(cued, key=lambda row: min(l.conf for l in row))
        return _agreeing(0.8 if len(cued) == 1 else 0.9, _column(parts, best[0], set(), best), best)
    if parts.salutation is not None and _SOUS_DIRECTEUR.match(parts.lines[parts.salutation].norm):
        return Clue(True, 0.75, (parts.lines[parts.salutation],))
    return None


def _agreeing(rule: float, block: list, named: tuple) -> Clue:
    """A "yes" read from the block, as sure as its parts agreeing: "Madame la sous-directrice |
    de l'aménagement durable" well read over a faint "DGALN - DHUP", or three parts each read at
    0.6, leave little doubt of whom the letter is for, though no one line is read surely. The
    block's parts and that agreement when it is surer than the best-read name alone; else that
    name's lines, as read (one doubtful token stays doubtful)."""
    parts = _parts(block)
    doubt = 1.0
    for conf, weight, _ in parts:
        doubt *= 1.0 - weight * conf
    agreement = round(1.0 - doubt, 3)
    if agreement <= min(l.conf for l in named):
        return Clue(True, rule, named)
    read = {id(line) for _, _, lines in parts for line in lines}
    return Clue(True, rule, tuple(line for line in block if id(line) in read), reading=agreement)


def _parts(block: list) -> list[tuple[float, float, tuple]]:
    """(reading confidence, weight, lines) of each part of the chain's address the block shows;
    none when no part names the chain (an address alone names no one)."""
    parts = [(w.conf, 1.0, (line,)) for line in block for w in line.words if _ACRONYM.search(normalise(w.text))]
    for pattern, weight in [(p, 1.0) for p in _NAMES] + [(p, ADDRESS_WEIGHT) for p in _ADDRESS]:
        for size in range(1, min(3, len(block)) + 1):
            windows = [tuple(block[i:i + size]) for i in range(len(block) - size + 1)
                       if pattern.search(normalise(join_lines(block[i:i + size])))]
            if windows:
                best = max(windows, key=lambda w: min(l.conf for l in w))
                parts.append((min(l.conf for l in best), weight, best))
                break
    return parts if any(weight == 1.0 for _, weight, _ in parts) else []


def _column(parts: LetterParts, anchor, skip: set, found: list | tuple = ()) -> list:
    """The address block around a line naming the chain: the head's rows left-aligned with it,
    one under the other with no blank between (a row read in pieces whole), top to bottom; not
    the lines of another block (`skip`). The layout may cut the block ("Ministère…" | "DGALN /
    DHUP / AD1" over "À l'attention de Madame…"): its parts are the block's all the same."""
    rows = _rows([parts.lines[i] for i in parts.head if i not in skip and parts.lines[i].page == anchor.page])
    rows = sorted((r for r in rows if anchor in r or abs(r[0].x0 - anchor.x0) <= 2 * anchor.height),
                  key=lambda r: min(l.top for l in r))
    at = next((i for i, r in enumerate(rows) if anchor in r), None)
    if at is None:  # not a head's line: the lines found
        return list(found) or [anchor]
    start, end = at, at + 1
    while start > 0 and _next_row(rows[start - 1], rows[start]):
        start -= 1
    while end < len(rows) and _next_row(rows[end - 1], rows[end]):
        end += 1
    return [line for row in rows[start:end] for line in row]


def _next_row(upper: tuple, lower: tuple) -> bool:
    height = max(l.height for l in upper + lower)
    return min(l.top for l in lower) - max(l.bottom for l in upper) <= 1.2 * height


def _naming(lines: list) -> tuple:
    """The fewest consecutive lines of the block that name the chain together ("Madame la
    sous-directrice" | "de l'aménagement durable"), the best read of them: a faint "Tour Séquoia"
    under them says nothing of whom the letter is for."""
    windows = [tuple(lines[i:j]) for size in range(2, len(lines) + 1) for i in range(len(lines) - size + 1)
               for j in (i + size,) if _DGALN.search(normalise(join_lines(lines[i:j])))]
    if not windows:
        return tuple(lines)
    size = min(len(w) for w in windows)
    return max((w for w in windows if len(w) == size), key=lambda w: min(l.conf for l in w))


def _rows(lines: list) -> list[tuple]:
    """The lines grouped by printed row: pieces side by side, most of their height shared, left to right."""
    rows: list[list] = []
    for line in sorted(lines, key=lambda l: (l.page, l.top, l.x0)):  # a row's right piece may sit a hair higher
        row = next((r for r in rows if any(m.page == line.page and (_beside(m, line) or _beside(line, m))
                                           for m in r)), None)
        if row is None:
            rows.append([line])
        else:
            row.append(line)
    return [tuple(sorted(r, key=lambda l: l.x0)) for r in rows]


def _beside(left, right) -> bool:
    shared = min(left.bottom, right.bottom) - max(left.top, right.top)
    height = min(left.bottom - left.top, right.bottom - right.top)
    return shared >= 0.6 * height and 0 <= right.x0 - left.bbox[2] <= 3 * height
