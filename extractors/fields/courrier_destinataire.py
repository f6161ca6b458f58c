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
_ADDRESSED_TO = re.compile(r"^(?:a l'attention de )?(?:monsieur|madame)\b")  # the civility its title followed
_SOUS_DIRECTEUR = re.compile(r"^(?:monsieur le sous-directeur|madame la sous-directrice)\b")


def destinataire_dgaln(parts: LetterParts) -> Clue | None:
    """Whether the letter is addressed to the DGALN's chain (AD1, DHUP, the Sous-direction)."""
    if parts.addressee:
        lines = [parts.lines[i] for i in parts.addressee]
        addressed = bool(_DGALN.search(normalise(join_lines(lines))))
        if addressed:  # named by its best-read line: "Sous-direction de l'aménagement durable" when the
            # acronyms "DGALN/DHUP/AD1" are read with little confidence
            named = [l for l in lines if _DGALN.search(l.norm)]
            return Clue(True, 0.95, (max(named, key=lambda l: l.conf),) if named else _naming(lines))
        # Another block taken for the addressee: the salutation ("Madame la sous-directrice,", its
        # objet misread), or the lines after a speck read "à" in the letterhead ("Affaire suivie
        # par…"); the true block, an address beginning with the chain's name ("DGALN/DHUP/AD1",
        # "Sous-direction de l'aménagement durable"), is elsewhere in the head.
        named = [parts.lines[i] for i in parts.head if i not in parts.addressee and _DGALN.match(parts.lines[i].norm)]
        if named:
            if _OTHER_ADDRESSEE.match(lines[0].norm):  # two addressees: for a reviewer
                return Clue(False, 0.5, (lines[0],))
            return Clue(True, 0.85, (max(named, key=lambda l: l.conf),))
        # The block may have been cut short ("Madame la sous-directrice" | "de l'aménagement
        # durable" read apart on a photo): the head's next lines may go on with it.
        last = parts.addressee[-1]
        following = lines + [parts.lines[i] for i in range(last + 1, last + 4) if i in parts.head]
        if _DGALN.search(normalise(join_lines(following))):
            return Clue(True, 0.8, tuple(following))
        # "À l'attention de Madame [la sous-directrice]" | "de l'aménagement durable": the title's
        # head lost on a photo, its tail still names the sous-direction, and no other authority
        if not _OTHER_ADDRESSEE.match(lines[0].norm) and any(
                _SOUS_DIRECTION_TAIL.match(a.norm) and _ADDRESSED_TO.search(b.norm) for a, b in zip(lines[1:], lines)):
            return Clue(True, 0.8, tuple(lines))
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
        return Clue(True, 0.8 if len(cued) == 1 else 0.9, max(cued, key=lambda row: min(l.conf for l in row)))
    if parts.salutation is not None and _SOUS_DIRECTEUR.match(parts.lines[parts.salutation].norm):
        return Clue(True, 0.75, (parts.lines[parts.salutation],))
    return None


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
    for line in sorted(lines, key=lambda l: (l.page, l.top, l.x0)):
        row = next((r for r in rows if r[-1].page == line.page and _beside(r[-1], line)), None)
        if row is None:
            rows.append([line])
        else:
            row.append(line)
    return [tuple(sorted(r, key=lambda l: l.x0)) for r in rows]


def _beside(left, right) -> bool:
    shared = min(left.bottom, right.bottom) - max(left.top, right.top)
    height = min(left.bottom - left.top, right.bottom - right.top)
    return shared >= 0.6 * height and 0 <= right.x0 - left.bbox[2] <= 3 * height
