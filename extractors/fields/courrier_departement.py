"""Which département a préfet's letter comes from: its bloc-marque, the signer's title, a
sous-préfecture, a postcode, the date line's town (names as written; the official geography
resolves them in the normalisation step)."""

from __future__ import annotations

import re

from extractors.fields.courrier_entites import POSTCODE, Clue, letterhead
from extractors.fields.courrier_layout import LetterParts, Line, date_parts, join_lines

_PREFET_HEAD = re.compile(r"^(?:la )?pref(?:e|et|ete|ecture)\b")
_BLOC_END = re.compile(r"^(?:liberte|egalite|fraternite|republique)")
_OF = r"(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+|d['’]\s*)"  # "de la Sarthe", "du Finistère", "d'Indre"
_PARTICLE = re.compile(r"(?i)^\s*(?:de\s+la\s+r[ée]gion\s+|" + _OF + ")")
_TITLE = re.compile(r"(?i)\b(?:le|la)\s+(?P<sous>sous-?\s?)?pr[ée]f[eè]te?\s+(?:de\s+la\s+r[ée]gion\s+[\w-]+,?\s+)?"
                    r"(?P<of>" + _OF + r")(?P<name>[^,;]+)")
_SOUS_PREFECTURE = re.compile(r"(?i)sous-?\s?pr[ée][ft]ecture\s+(?P<of>" + _OF + r")(?P<name>[^,;]+)")
# "sous-préfet du Marin", "des Andelys", "de la Trinité": the article is the town's ("Le Marin"; a
# "Marin" of its own is in Haute-Savoie); a département keeps none ("du Finistère": Finistère)
_ARTICLE_OF = {"du": "Le", "des": "Les", "de la": "La"}


_ARRONDISSEMENT = re.compile(r"(?i)^arrondissement\s+(?P<of>" + _OF + r")(?P<name>.+)$")


def _town(of: str, name: str) -> str:
    """The town a sous-préfecture's title names, with the article its "du" / "des" contracts;
    "de l'arrondissement de Morlaix" names the town its arrondissement is named after."""
    if (within := _ARRONDISSEMENT.match(name.strip())) is not None:
        of, name = within.group("of"), within.group("name").strip()
    article = _ARTICLE_OF.get(" ".join(of.lower().split()))
    return f"{article} {name}" if article and not name.lower().startswith(article.lower() + " ") else name


def departement_clues(parts: LetterParts) -> list[Clue]:
    """What names the préfecture's département, most trusted first.

    The bloc-marque ("PRÉFET DE LA SARTHE"), the sender's or signer's title ("Le préfet du
    Finistère"), a sous-préfecture's town, a postcode of the letterhead, the date line's town.
    Values are dicts: {"departement": name} or {"commune": town, "code_postal": code}.
    """
    head = letterhead(parts)
    titles = [parts.lines[i] for i in (parts.sender_title,) if i is not None]
    titles += [parts.lines[i] for i in parts.signatory] + head
    clues = _bloc_marque(head) + _titles(titles) + _sous_prefecture(head) + _postcodes(head)
    if parts.date_line is not None:
        place, _ = date_parts(parts.lines[parts.date_line].text)
        if place:
            clues.append(Clue({"commune": place}, 0.7, (parts.lines[parts.date_line],)))
    return clues or _bare_bloc(head)


def _bloc_marque(head: list[Line]) -> list[Clue]:
    """"PRÉFET" and the département under it, in the same column, down to "Liberté"."""
    clues = []
    for index, line in enumerate(head):
        match = _PREFET_HEAD.match(line.norm)
        if not match:
            continue
        lines = [line]
        rest = _PARTICLE.sub("", re.sub(r"(?i)^(?:la\s+)?pr[ée]f\w*", "", line.text)).strip(" ,.-")
        complete = len(rest) >= 3 and not line.text.rstrip().endswith("-") and not re.search(r"(?i)r[ée]gion$", rest)
        for below in ([] if complete else head[index + 1:]):
            last = lines[-1]
            if _motto(below) or below.top - last.bottom > 1.6 * last.height:
                break
            # Lower than the line above by a good part of its box, not below its bottom: OCR boxes
            # of capitals in a letterhead often stand taller than the ink (twice as tall on a
            # photo) and overlap the next line's.
            # Or starting a few letters further in: its first word ("DE") lost to OCR as a
            # speck ("PRÉFÈTE" / "[DE] LA RÉUNION")
            letter = (below.bbox[2] - below.x0) / max(len(below.text), 1)
            under = abs(below.x0 - line.x0) <= 15 or line.x0 < below.x0 <= line.x0 + 4 * letter
            lower = (below.top + below.bottom) / 2 - (last.top + last.bottom) / 2 >= LOWER * last.height
            if under and lower and below.conf < DOUBTED_LINE:
                break  # the motto or an emblem OCR could not read ("Lou"): no part of the name
            if under and lower:
                lines.append(below)
        text = join_lines(lines)
        text = re.sub(r"(?i)^(?:la\s+)?pr[ée]f\w*", "", text)
        for name in re.split(r"(?i)\bpr[ée]f[eè]te?\b", text):
            name = _PARTICLE.sub("", name).strip(" ,.-")
            if len(name) >= 3:
                regional = bool(re.match(r"(?i)^\s*de\s+la\s+r[ée]gion", text))
                # a name wholly under a bare "PRÉFÈTE" is as well read as its own lines: the title
                # word, large and bold beside the emblem, is often read unsure, but it was read
                named = tuple(lines[1:]) if len(lines) > 1 and not rest else tuple(lines)
                clues.append(Clue({"departement": name}, 0.8 if regional else 0.95, named))
    clues.sort(key=lambda c: -c.confidence)  # "Préfet de la région X, préfet de Y": Y first
    return clues or _bloc_without_title(head)


def _bloc_without_title(head: list[Line]) -> list[Clue]:
    """"[PRÉFET]" / "DE LA GUYANE" / "Liberté": the bloc-marque whose large bold title OCR read as
    a speck (dropped) or not at all, its département's line still over the motto, in its column."""
    for index, line in enumerate(head):
        name = _departement_line(line, line.text)
        if name is None:
            continue
        below = next((l for l in head[index + 1:] if abs(l.x0 - line.x0) <= 15 and l.top > line.top), None)
        if below is not None and _motto(below) and below.top - line.bottom <= 1.6 * line.height:
            return [Clue({"departement": name}, UNTITLED_BLOC, (line,))]
    return []


def _bare_bloc(head: list[Line]) -> list[Clue]:
    """"[PRÉFÈTE]" / "D'INDRE-ET-LOIRE  02 00 26 42 55": on a photo the bloc-marque's title and
    motto both lost, its département's line (in capitals, the right column's telephone on its row)
    is the letter's only clue. Unsure: a reviewer's, unless the territory's département confirms it."""
    for line in head:
        name = _departement_line(line, _TRAILING_NUMBER.sub("", line.text).strip(" ,.-"))
        if name is not None and name.upper() == name:
            return [Clue({"departement": name}, BARE_BLOC, (line,))]
    return []


def _departement_line(line: Line, text: str) -> str | None:
    """The name after the particle of a line read surely ("DE LA GUYANE": GUYANE), when `text`
    (the line's) is a particle and a short name without digits."""
    name = _PARTICLE.sub("", text).strip(" ,.-") if _PARTICLE.match(text) else ""
    if len(name) < 3 or len(name.split()) > 4 or re.search(r"\d", name) or line.conf < DOUBTED_LINE:
        return None
    return name


_TRAILING_NUMBER = re.compile(r"(?:\s+(?:t[ée]l\.?\s*:?\s*)?[\d.+()]+)+\s*$", re.IGNORECASE)
BARE_BLOC = 0.6  # under the review floor: sure only when agreeing with the territory (schemas' agreement)


UNTITLED_BLOC = 0.85  # the département under a title unread: the motto under it says it is the bloc-marque's


LOWER = 0.4  # of the box's height: a line's centre this much lower is the next line, not the same row
DOUBTED_LINE = 0.5  # a line OCR read with less confidence is no département's name


def _motto(line: Line) -> bool:
    """"Liberté Égalité Fraternité" (or what OCR made of it) ends the bloc-marque."""
    from rapidfuzz import fuzz

    first = line.norm.split()[0] if line.norm.split() else ""
    return bool(_BLOC_END.match(line.norm)) or max(
        fuzz.ratio(first, word) for word in ("liberte", "egalite", "fraternite", "republique")) >= 65


def _titles(lines: list[Line]) -> list[Clue]:
    clues = []
    for line in lines:
        for match in _TITLE.finditer(line.text):
            name = match.group("name").strip(" ,.")
            if len(name) < 3 or name.lower() in ("la", "les", "l'"):
                continue  # "La Préfète de la" and the rest of the title lost under a stamp
            if match.group("sous"):
                clues.append(Clue({"commune": _town(match.group("of"), name)}, 0.85, (line,)))
            else:
                clues.append(Clue({"departement": name}, 0.9, (line,)))
    return clues


def _sous_prefecture(head: list[Line]) -> list[Clue]:
    found = (( _SOUS_PREFECTURE.search(line.text), line) for line in head)
    return [Clue({"commune": _town(m.group("of"), m.group("name").strip(" ,."))}, 0.85, (line,))
            for m, line in found if m]


def _postcodes(head: list[Line]) -> list[Clue]:
    clues = []
    for index, line in enumerate(head):
        match = POSTCODE.search(line.text)
        if match and not re.search(r"(?i)d[ée]fense|paris", match.group("town")) \
                and not _addressee_address(head, index):
            town = match.group("town").strip(" ,.-")
            clues.append(Clue({"commune": town, "code_postal": match.group("cp")}, 0.8, (line,)))
    return clues


_ADDRESSEE_CHAIN = re.compile(r"\bdgaln\b|\bdhup\b|\bad ?1\b|sous-? ?direct|amenagement durable|tour sequoia"
                              r"|\bministere\b|transition ecologique")


def _addressee_address(head: list[Line], index: int) -> bool:
    """The postcode line ends the DGALN's address (its chain named in the lines right above it,
    in its column: "Tour Séquoia", "1, place Carpeaux", "92800 Puteaux"): the addressee's
    town, not the préfecture's, wherever the addressee block was found."""
    line, above = head[index], head[index]
    for other in reversed(head[max(0, index - ADDRESS_LINES):index]):
        if abs(other.x0 - line.x0) > 25 or above.top - other.bottom > 1.6 * above.height:
            continue
        if _ADDRESSEE_CHAIN.search(other.norm):
            return True
        above = other
    return False


ADDRESS_LINES = 6  # an address block's lines above its postcode: name, service, building, street
