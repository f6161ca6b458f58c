"""Who a letter speaks for and to whom it is written: collectivité, préfecture's département, addressee.

Rules only, on the letter's parts; names are returned as written (the official geography
resolves them later, in the normalisation step).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from extractors.fields.courrier_body import BODY_COLLECTIVITE, run_on
from extractors.fields.courrier_layout import LetterParts, Line, join_lines
from extractors.fields.name_case import uncapitalise
from extractors.text import normalise

log = logging.getLogger(__name__)

_COLLECTIVITE = re.compile(
    r"^(?:la |le )?(?:commune|ville|mairie|cite) (?:de|d'|du|des)\b|^hotel de ville (?:de|d')"
    r"|^(?:la |le )?(?:commune|ville|mairie|hotel de ville)$|^(?:l')?(?:hotel de ville|mairie) ?[-–—,:|] ?[a-z]"
    r"|^communaute (?:de communes|d'agglomeration|de l'agglomeration|urbaine|de communes)\b"
    r"|^(?:metropole|agglomeration)\b|^(?:cc|ca|cu) [a-z]"
    r"|^[a-z][\w' -]{2,40} (?:agglomeration|agglo|communaute|metropole)(?: \([a-z0-9]{2,8}\))?$"  # "… (LFA)"
    r"|^[a-z][a-z0-9-]{1,11} ?[(–—-] ?(?:la )?communaute\b")  # "CIVIS (Communauté intercommunale …)"
# "Cté de communes", "C. de communes", "Eurométropole": how fiches abbreviate or name an EPCI
_EPCI_WORDS = re.compile(r"\b(?:communaute|cte|agglomeration|agglo|(?:euro)?metropole|intercommunal\w*)\b"
                         r"|\bde communes\b|^(?:cc|ca|cu)\b")
_CONTINUES = re.compile(r"(?:\b(?:de|du|des|d'|la|le)|-)$|^(?:la |le )?(?:communaute (?:de communes|d'agglomeration|"
                        r"urbaine)|communaute|commune|ville|mairie|metropole|hotel de ville)$")
_BARE_HEAD = re.compile(r"^(?:la |le |l')?(?:commune|ville|mairie|hotel de ville)$")
_GENERIC_EPCI = re.compile(r"^(?:la |le |l')?(?:communaute (?:de communes|d'agglomeration|urbaine)|communaute|"
                           r"agglomeration|agglo|metropole)$")
_EPCI_FIRST = re.compile(r"(?i)^(?:la |le |l['’])?(?:communaut[ée]|cté|agglom|(?:euro)?m[ée]tropole|cc |ca |cu )")
_COMMUNE_HEAD = re.compile(r"(?i)^(?:la |le )?(?:commune|ville|mairie|cit[ée])\s+(?:de\s+|d['’]\s*|du\s+|des\s+)")
_DESIGNATION = re.compile(r"(?i)(?<!\w)(?:commune|ville|mairie|cit[ée])(?!\w)")
_TOWN_HALL = re.compile(r"(?i)\b(?:l['’]\s*)?h[ôo]tel\s+de\s+ville\b|\bmairie\b")
_TOWN_HALL_TOWN = re.compile(r"(?i)^(?:l['’]\s*)?(?:h[ôo]tel\s+de\s+ville|mairie)\s*[-–—,:|]\s*(?P<town>[^\d,]{2,60})$")
_TITLE_GOES_ON = re.compile(r"(?:\b(?:de|du|des|d'|la|le)|-|communaute de communes|communaute d'agglomeration|"
                            r"communaute urbaine|communaute)$")
_STREET = re.compile(r"^(?:\d+\s*)?(?:place|rue|avenue|av\.|boulevard|bd|allee|chemin|route|impasse|quai|square|"
                     r"cours|parvis|esplanade|rond-point|bp|cs)\b")
_CUT = re.compile(r"(?:-|\b(?:de|du|des|d'|la|le))$")  # a name ending on a hyphen or a particle
_STARTS_LOWER = re.compile(r"^(?:de|du|des|d'|de la|de l')\b")
_TITLE_WORDS = r"pr[ée]sident|maire|conseill|vice|d[ée]put|s[ée]nat"  # an elected office's title, its word's head
_QUALITY_OF = re.compile(  # "Maire de Combourg", "Président de la Communauté de communes X", not a vice-président
    r"(?i)(?<![Vv]ice-)(?<![Vv]ice )\b(?P<role>maire|pr[ée]sidente?)\s+(?P<particle>de la |de l['’]|du |des |de |d['’])"
    r"(?P<of>(?:la |le )?(?:communaut[ée] (?:de communes|d['’]agglom[ée]ration|urbaine)|agglom[ée]ration|m[ée]tropole)"
    r"\s+(?:de la |de l['’]|du |des |de |d['’])?)?"
    rf"(?P<name>(?:(?!\b(?i:{_TITLE_WORDS})\w*)[^,;])+)")
_CIVILITY = re.compile(r"(?i)\b(?:madame|monsieur|mesdames|messieurs)\b")
POSTCODE = re.compile(r"\b(?P<cp>\d{5})\s+(?P<town>[A-ZÀ-Ý][^\d,·–—|]*?)(?:\s+cedex\b.*)?\s*(?:[·–—|-]|$)", re.I)


@dataclass(frozen=True)
class Clue:
    """A value read from some lines of the letter, and how much the rule that found it is trusted."""

    value: object
    confidence: float
    lines: tuple[Line, ...]
    reading: float | None = None  # how surely the lines were read, where the rule weighed them itself


def letterhead(parts: LetterParts) -> list[Line]:
    """Head lines but the addressee, the date and the sender's title ("Le Maire de …" over "à";
    a name there without a title, "mairie de porto-vecchio", is the letterhead), top to bottom."""
    from extractors.fields.signataire import roles_in
    skip = set(parts.addressee) | {parts.date_line}
    if parts.sender_title is not None and roles_in(parts.lines[parts.sender_title].norm):
        skip.add(parts.sender_title)
    return sorted((parts.lines[i] for i in parts.head if i not in skip), key=lambda l: (l.top, l.x0))


def collectivite_of(parts: LetterParts, ocr: bool = False) -> Clue | None:
    """The commune or EPCI the letter speaks for, as the letter names it.

    Named in the letterhead ("Ville de …", "Mairie de …", "Communauté de communes …", "CA …",
    an EPCI's name on a logo line), in the sender's or the signatory's title ("Le Président de
    la communauté d'agglomération …", "Le Maire de …"), else in the body, else only by the
    town of a town hall's address ("Hôtel de ville, 34700 Lodève"). An EPCI sits in a town
    hall of its seat: when both an EPCI and a commune are named, the EPCI wins unless the
    signer signs first as maire ("Le Maire de Digne, Président de …" writes for the commune).
    """
    head = letterhead(parts)
    head_epci, head_commune = _by_kind(_named_in_head(parts, head))
    title_epci, title_commune = _by_kind(_named_in_titles(parts))
    capacity = _signer_capacity(parts)
    if head_epci and title_epci and capacity != "maire" and _GENERIC_EPCI.match(normalise(str(head_epci[0].value))):
        return title_epci[0]  # "La Communauté de communes" (a logo read "LA"): the letterhead's name lost, the title's
    if head_epci and not (capacity == "maire" and head_commune):
        return _punctuated(head_epci[0], title_epci + _named_in_body(parts))
    if title_epci and capacity != "maire":
        return title_epci[0]
    if head_commune:
        return _punctuated(head_commune[0], title_commune + _named_in_body(parts))
    found = next(iter(title_commune + title_epci), None)
    if found is None:
        body = _named_in_body(parts)
        # the signer's capacity picks among the body's names: a body names the commune and its EPCI alike
        presided = [clue for clue in body if is_epci_name(clue.value) == (capacity == "president")] \
            if capacity in ("president", "maire") else []
        found = next(iter(presided), None) or _town_hall(head) or next(iter(body), None)
    logo = _logo_named(head, found) if found is not None else None
    if logo is not None:
        return logo
    if found is not None and (ocr and _letterhead_unread(parts, head) or _undesignated(found)):
        # Named only by the body or a title while the letterhead, likely a bandeau or a logo OCR
        # could not read, may say "Mairie de …": the collectivité is known, not how the letter
        # names itself. (A text layer without a letterhead has none: "Commune de …" stands.)
        # So too a commune only a title names bare ("Maire du Pellerin"), whatever else of the
        # letterhead was read: its "Ville du" may be the part lost.
        # The town alone, then: a "Commune de" put before it would be a guess taken for a reading.
        town = found.value if is_epci_name(str(found.value)) else _town_named(str(found.value))
        found = Clue(town, min(found.confidence, UNREAD_LETTERHEAD), found.lines)
    return found


def _punctuated(found: Clue, others: list[Clue]) -> Clue:
    """The letterhead's name, its last word cut short completed (`_cut_completed`), and the dash OCR
    lost from it put back (`_dashed`)."""
    return _dashed(_cut_completed(found, others), others)


def _cut_completed(found: Clue, others: list[Clue]) -> Clue:
    """A letterhead's name whose last word a fax's edge or a logo cut ("Commune de Sainte-Flo"),
    which the body or a title names whole, once ("la commune de Sainte-Florence"): the letterhead's
    designation and the whole name. The word must go on with letters where it was cut: "Lens"
    is no cut "Lens-Liévin"."""
    name = str(found.value)
    last = re.search(r"[^\W\d_][\w'’-]*$", name)
    if last is None or len(last.group(0)) < 3 or last.group(0).endswith("-"):
        return found
    cut = re.compile(r"(?<![\w'’-])" + re.escape(last.group(0)) + r"(?P<rest>[^\W\d_][\w'’-]*)", re.IGNORECASE)
    whole = {normalise(m.group(0)): m.group(0) for other in others if not is_epci_name(str(other.value))
             for m in cut.finditer(str(other.value))}
    if len(whole) != 1 or is_epci_name(name):
        return found
    return Clue(name[:last.start()] + next(iter(whole.values())), min(found.confidence, CUT_COMPLETED), found.lines)


CUT_COMPLETED = 0.85  # as sure as a name the body completes (`_completed_by_body`)


def _dashed(found: Clue, others: list[Clue]) -> Clue:
    """The letterhead's name with the dash OCR lost from it ("CA de Lens Liévin" on a bandeau) put
    back, where another line names it with the same words, letter for letter, and more marks
    between them ("Président de la Communauté d'agglomération de Lens - Liévin")."""
    name = str(found.value)
    words = list(re.finditer(r"\w+", name))
    for start in range(len(words) - 1):  # the longest run of the name's last words another names
        run = [m.group(0) for m in words[start:]]
        for other in (str(o.value) for o in others):
            spelt = list(re.finditer(r"\w+", other))
            for j in range(len(spelt) - len(run) + 1):
                if [m.group(0) for m in spelt[j:j + len(run)]] == run:
                    marked = other[spelt[j].start():spelt[j + len(run) - 1].end()]
                    if len(marked) > len(name) - words[start].start():
                        return Clue(name[:words[start].start()] + marked, found.confidence, found.lines)
    return found


def _undesignated(found: Clue) -> bool:
    """A commune named with no designation word of the letter's own ("Pellerin", "Lodève")."""
    name = str(found.value)
    return not is_epci_name(name) and not _COMMUNE_HEAD.match(name) and not _DESIGNATION.search(name)


LOWER = 0.4  # of a line's box: the next line's centre is this much lower, not on the same row
CUT_NAME = 0.6  # a letterhead's name ending on "de" or "-", the body not naming it whole: for a reviewer
UNREAD_LETTERHEAD = 0.45  # under what a reading must have to be confirmed by the fiche (schemas.normalise)


def _letterhead_unread(parts: LetterParts, head: list[Line]) -> bool:
    """No line of the letterhead read: nothing above the addressee block but in its own column."""
    if not parts.addressee:
        return False
    block = [parts.lines[i] for i in parts.addressee]
    top, column = min(l.top for l in block), min(l.x0 for l in block)
    return not any(l.top < top - 1 and l.x0 < column - 30 for l in head)


def _logo_named(head: list[Line], found: Clue) -> Clue | None:
    """The commune a title or the body names, printed bare in the letterhead ("caussade" under a
    logo, "MUTTERSHOLTZ" over the address): the letterhead names it, in its own, larger print."""
    from rapidfuzz import fuzz

    name = str(found.value)
    key = _squeezed(_town_named(name))
    if len(key) < 4 or is_epci_name(name):
        return None
    for line in head:
        words = line.text.split()
        while len(words) > 1 and len(re.sub(r"\W", "", words[0])) <= 1:
            words.pop(0)  # an emblem beside the name read as marks ("E 5 Terre-de-Bas")
        text = " ".join(words)
        if 1 <= len(words) <= 4 and not re.search(r"\d", text) and key[0] == _squeezed(text)[:1] \
                and fuzz.ratio(_squeezed(text), key) >= 90 and line.conf >= 0.8:
            return Clue(commune_named(uncapitalise(text)), max(found.confidence, 0.85), (line,))
    return None


def _town_named(name: str) -> str:
    """The town a designation names, its article given back from the contraction: "Commune des
    Andelys" -> "Les Andelys", "Ville du Lorrain" -> "Le Lorrain" (a logo prints the town's own name)."""
    head = _COMMUNE_HEAD.match(name)
    if head is None:
        return name
    article = {"des": "Les ", "du": "Le "}.get(head.group(0).split()[-1].lower(), "")
    return article + name[head.end():]


def _by_kind(clues: list[Clue]) -> tuple[list[Clue], list[Clue]]:
    """(EPCI, communes) among the names found."""
    return [c for c in clues if is_epci_name(c.value)], [c for c in clues if not is_epci_name(c.value)]


def _named_in_head(parts: LetterParts, head: list[Line]) -> list[Clue]:
    """Collectivités the letterhead names, top to bottom."""
    found: list[Clue] = []
    used: set[int] = set()
    head = [_without_debris(line) for line in head]
    for index, line in enumerate(head):
        if index in used or not _COLLECTIVITE.search(line.norm):
            continue
        lines = [line] + _continuation(line, head[index + 1:])
        if len(lines) == 1 and _GENERIC_EPCI.match(line.norm):  # "Forbach Porte de France" / "Agglomération"
            lines = _name_above(line, head[:index]) + lines
        used |= {i for i, l in enumerate(head) if l in lines}
        text = _written(lines)
        if not text:
            continue  # "Hôtel de ville", "Mairie": an address, not a name
        if _CUT.search(normalise(text)):  # "Commune de Digne-": the rest of the name was not read
            whole = _completed_by_body(parts, text)
            found.append(whole or Clue(text, CUT_NAME, tuple(lines)))  # "Ville de Vitré de": cut short
            continue
        found.append(Clue(text, 0.95, tuple(lines)))
    return found


def _without_debris(line: Line) -> Line:
    """A letterhead line without the marks an emblem beside it was read as ("L Ville de
    Pointe-à-Pitre", "“ 5 place du Marché"): one-character words before a collectivité's name,
    or after it ("AGGLOMÉRATION D'AGEN Y"); a running header's date after its name
    ("Métropole Rouen Normandie – 05/05/2026", atop a letter's next pages); a word of consonants
    read unsure before a name's words ("mms Sud Nivernais": no French word has no vowel)."""
    words = list(line.words)
    if len(words) > 3 and _HEADER_DATE.fullmatch(words[-1].text) and words[-2].text in ("-", "–", "—"):
        words = words[:-2]
    marks = 0
    while len(words) > 2 and _VOWELLESS.fullmatch(words[0].text) and words[0].conf < 0.8:
        words, marks = words[1:], marks + 1  # an emblem's strokes read as letters ("mms Sud Nivernais")
    while len(words) > 1 and len(re.sub(r"\W", "", words[0].text)) <= 1 and words[0].text.lower() not in ("à", "a"):
        words.pop(0)
    while len(words) > 2 and len(re.sub(r"\W", "", words[-1].text)) <= 1 and words[-1].text.lower() not in ("à", "a") \
            and not re.fullmatch(r"[dl]['’]", words[-1].text.lower()):
        words.pop()
    if len(words) == len(line.words):
        return line
    text = " ".join(w.text for w in words)
    kept = marks == len(line.words) - len(words) or _COLLECTIVITE.search(normalise(text))
    return Line(tuple(words), line.page, text, normalise(text)) if kept else line


_HEADER_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
_VOWELLESS = re.compile(r"[b-df-hj-np-tv-xz]{2,4}")  # lower-case, no vowel: no French word


def _written(lines: list[Line]) -> str | None:
    """A name set on one or more lines, as a name: capitals undone, a lost "de" put back, the
    town hall's own words ("Ville de" / "Hôtel de ville - Lodève") left out."""
    texts = [l.text for l in lines]
    if len(lines) == 2 and _BARE_HEAD.match(lines[0].norm) and not _STARTS_LOWER.match(lines[1].norm):
        texts.insert(1, "DE" if lines[0].text.isupper() else "de")  # "Mairie" / "Vitré"
    text = uncapitalise(" ".join(texts))
    if text == " ".join(texts):  # capitals on one line only: "COMMUNAUTÉ DE COMMUNES" / "Bretagne Romantique"
        text = " ".join(uncapitalise(t) for t in texts)
    text = text.replace("- ", "-") if not re.search(r"\s-\s", text) else text
    text = re.sub(r"(?i)\b(de|du|des) \1\b", r"\1", text)  # "Mairie de" / "de Vitré": one "de"
    head = _COMMUNE_HEAD.match(text)
    if head:  # "Ville de Hôtel de ville -Lodève" -> "Commune de Lodève"
        rest = _TOWN_HALL.sub(" ", text[head.end():]).lstrip(" -–—,:").rstrip(" ,:")
        rest = re.sub(r"\s+[-–—]+$", "", rest)  # "Ville de Lodève - Hôtel de ville"
        if not rest or _TOWN_HALL.fullmatch(rest):
            return None
        designation = head.group(0)
        if not _printed_together(lines, designation + rest.split()[0]):
            # The letter names itself "Ville de X" only where it prints those words together:
            # a designation set apart from the name (a title wrapped, a town hall's label
            # between them) says "a commune", written as section 2 writes it.
            designation = _DESIGNATION.sub("Commune", designation, count=1)
        text = designation + " ".join(rest.split())
    elif _BARE_HEAD.match(normalise(text)):
        return None
    else:
        town = _TOWN_HALL_TOWN.match(text)  # "Hôtel de ville - Lodève"
        if town:
            text = commune_named(town.group("town"))
    return " ".join(text.split())


def _printed_together(lines: list[Line], words: str) -> bool:
    """Whether one of the lines prints these words side by side (spaces and marks aside)."""
    key = _squeezed(words)
    return any(key in _squeezed(line.text) for line in lines)


def _squeezed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", normalise(text))


def commune_named(town: str, head: str = "Commune", written: str | None = None) -> str:
    """"Lodève" -> "Commune de Lodève", "Le Lorrain" -> "Commune du Lorrain", "Annecy" -> "Commune d'Annecy",
    "Œting" -> "Commune d'Œting": "de" elides before any vowel, accented or joined (Œ, Æ).

    Before an "h", French elides or not by the word ("d'Hussigny", "de Hautmont"): as
    `written` (the letter's own words) does, if it says."""
    town = " ".join(town.split()).strip(" ,.-")
    if written and re.match(r"(?i)h", town) and re.search(r"(?i)\bd['’]\s*" + re.escape(town[:3]), written):
        return f"{head} d'{town}"
    article = re.match(r"(?i)^(le|les)\s+(?=\S)", town)
    if article:
        return f"{head} {'du' if article.group(1).lower() == 'le' else 'des'} {town[article.end():]}"
    if re.match(r"(?i)^[aeiouyàâäéèêëîïôöùûüœæ]", town):
        return f"{head} d'{town}"
    return f"{head} de {town}"


def _name_above(line: Line, above: list[Line]) -> list[Line]:
    """The line just above, in the same column, when it holds a name (no digits, no street)."""
    near = [l for l in above if l.bottom <= line.top + 1 and line.top - l.bottom <= 1.3 * line.height
            and min(l.bbox[2], line.bbox[2]) - max(l.x0, line.x0) > 0]
    if not near:
        return []
    last = max(near, key=lambda l: l.bottom)
    if re.search(r"\d", last.norm) or _STREET.match(last.norm) or _COLLECTIVITE.search(last.norm):
        return []
    return [last]


def _named_in_titles(parts: LetterParts) -> list[Clue]:
    """"Le Président de la Communauté d'agglomération …", "Le Maire de Combourg": in the sender's
    title above the addressee, then in the signatory block (a title may run over two lines)."""
    found = []
    groups = [[parts.lines[parts.sender_title]]] if parts.sender_title is not None else []
    groups.append([parts.lines[i] for i in parts.signatory])
    for lines in groups:
        for run in _title_runs(lines):
            text = " ".join(l.text for l in run)
            for match in _QUALITY_OF.finditer(text):
                name = match.group("name").strip(" ,.")
                if len(name) < 2:
                    continue
                if re.fullmatch(r"de (?:La |L['’])", match.group("particle")) and not match.group("of"):
                    # "Maire de La Possession": an article in capitals is the town's own ("La Possession")
                    name = match.group("particle")[3:] + name
                president = re.match(r"(?i)pr", match.group("role")) is not None
                if president:
                    name = _epci_after_comma(name, text[match.end("name"):])
                if president and not _EPCI_FIRST.match(name) \
                        and re.match(r"(?i)^(?:la |le )?(?:communaut|agglom|m[ée]tropole)", match.group("of") or ""):
                    # "… d'agglomération Intercommunale de la Réunion Est": its own "intercommunale" is no designation
                    name = match.group("of").strip() + " " + name
                # "(CIRE:": a name cut at the page's edge
                found.append(Clue(uncapitalise(name), CUT_NAME if name.count("(") > name.count(")") else 0.75,
                                  tuple(run)))
    return found


def _epci_after_comma(name: str, rest: str) -> str:
    """"Président de Beaune, Côte et Sud - Communauté Beaune-Chagny-Nolay": an EPCI's name with a
    comma of its own, the président's title naming it whole, not its seat town."""
    more = re.match(r"\s*,\s*(?P<more>[^,;]+)", rest)
    if more is None or not _epci_rest(more["more"]):
        return name
    return f"{name}, {more['more'].strip(' .')}"


def _epci_rest(text: str) -> bool:
    """What follows a title's comma is the rest of an EPCI's name, no further title of the signer's."""
    return bool(is_epci_name(text)) and not _OTHER_TITLE.search(text)


_OTHER_TITLE = re.compile(rf"(?i){_TITLE_WORDS}|d[ée]l[ée]gu")


def _title_runs(lines: list[Line]) -> list[list[Line]]:
    """Lines joined while one ends on a particle or a generic word ("Le Président de la
    Communauté d'agglomération" / "Forbach Porte de France,"), or on a comma before an EPCI's
    name's rest ("Président de Beaune," / "Côte et Sud - Communauté Beaune-Chagny-Nolay")."""
    runs: list[list[Line]] = []
    for line in lines:
        if runs and (_TITLE_GOES_ON.search(runs[-1][-1].norm)
                     or runs[-1][-1].norm.endswith(",") and _epci_rest(line.norm)):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _signer_capacity(parts: LetterParts) -> str | None:
    """"maire" or "president": the first title the signatory holds in their own name (the others
    are further mandates), None without either."""
    from extractors.fields.signataire import roles_in

    text = " ".join(parts.lines[i].norm for i in parts.signatory)
    return next((role for _, role, delegated in roles_in(text) if not delegated and role in ("maire", "president")),
                None)


def _named_in_body(parts: LetterParts) -> list[Clue]:
    """"le soutien de la ville de Lodève": the body's phrase names the commune, not how the
    letter designates itself (its letterhead), so a commune is given as "Commune de …"."""
    found = []
    body = _body(parts)
    # the body as one text: "… de la commune de" | "Vulbens à la candidature …" runs over a line end
    for match in BODY_COLLECTIVITE.finditer(run_on(body)):
        if _CIVILITY.search(match.group("name")):
            continue  # "… l'entrée de ville" | "Madame, Monsieur,": an objet's end run on into the salutation
        name = uncapitalise(re.sub(r"(?i)^la ", "", match.group("name")))
        if not is_epci_name(name):
            name = re.sub(r"(?i)^(?:commune|ville|mairie|cit[ée])\b", "Commune", name)
        last = match.group("name").split()[-1]
        found.append(Clue(name, 0.6, tuple(l for l in body if last in l.text)[:1] or tuple(body[:1])))
    return found


def _town_hall(head: list[Line]) -> Clue | None:
    """Only a town hall and its address ("Hôtel de ville", "34700 Lodève"): the commune of that town."""
    hall = next((l for l in head if _BARE_HEAD.match(l.norm.strip(" ,.")) or _TOWN_HALL.fullmatch(l.text.strip(" ,."))),
                None)
    if hall is None:
        return None
    for line in head:
        match = POSTCODE.search(line.text)
        if match and line.top >= hall.top:
            town = re.sub(r"(?i)\s+cedex.*$", "", match.group("town")).strip(" ,.-")
            if town:
                return Clue(commune_named(uncapitalise(town)), 0.8, (hall, line))
    return None


def _completed_by_body(parts: LetterParts, cut: str) -> Clue | None:
    """A letterhead name cut short, completed by the body when it names the same collectivité in full."""
    start = normalise(cut).rstrip("- ")
    body = _body(parts)
    for match in BODY_COLLECTIVITE.finditer(join_lines(body)):  # the name may run over a line end
        name = uncapitalise(re.sub(r"(?i)^la ", "", match.group("name")))
        if normalise(name).startswith(start) and len(name) > len(cut):
            lines = tuple(l for l in body if match.group("name").split()[-1] in l.text)[:1] or tuple(body[:1])
            return Clue(name[:1].upper() + name[1:], 0.85, lines)
    return None


def _body(parts: LetterParts) -> list[Line]:
    """The objet ("Candidature de la ville de …") and the body, down to the closing formula."""
    start = min((i for i in (parts.objet, parts.salutation) if i is not None), default=0)
    return list(parts.lines[start:(parts.closing or len(parts.lines))])


def _continuation(line: Line, below: list[Line]) -> list[Line]:
    """A name set on two lines: "Communauté de communes" / "du Sud Corse"."""
    # The next line of the same column: a right-hand block may sit beside a centred letterhead.
    # lower by a good part of its box (a photo's OCR boxes may stand twice as tall as the ink)
    nxt = next((l for l in below if (l.top + l.bottom) / 2 - (line.top + line.bottom) / 2 >= LOWER * line.height
                and min(l.bbox[2], line.bbox[2]) - max(l.x0, line.x0) > 0), None)
    if nxt is None or nxt.top - line.bottom > 1.3 * line.height or abs(nxt.x0 - line.x0) > 0.6 * (line.bbox[2] - line.x0):
        return []
    if re.search(r"\d", nxt.norm) or _STREET.match(nxt.norm) or _tallest(nxt) < SMALLER_TYPE * _tallest(line):
        return []  # an address (its street word lost to OCR: "[place] de la Libération", in smaller type)
    if _CONTINUES.search(line.norm) or _STARTS_LOWER.match(nxt.norm):
        return [nxt]
    return []


SMALLER_TYPE = 0.7  # of the name's tallest word: a line whose tallest is this much smaller is the address under it


def _tallest(line: Line) -> float:
    """A line's type size as its tallest word's box (capitals, ascenders or descenders: a line of
    two or three words has no height to take a median of)."""
    return max(w.bbox[3] - w.bbox[1] for w in line.words)


def is_epci_name(name: str | None) -> bool | None:
    """Whether a collectivité's name designates an EPCI (None when there is no name)."""
    if not name:
        return None
    return bool(_EPCI_WORDS.search(normalise(name)))
