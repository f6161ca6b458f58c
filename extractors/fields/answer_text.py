"""An answer's words made text: joined across line cuts, its edges cleaned, trusted or not."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from extractors.fields import plausible
from extractors.fields.form import LABELS
from extractors.fields.instruction_scraps import without_scraps
from extractors.fields.layout import Token, norm, token_lines
from extractors.fields.signataire import clean_person, name_without_title, scribble
from extractors.fields.text_edges import without_rule_marks
from extractors.fields.word_match import same_word
from extractors.model import FieldStatus, Source

PERSON_FIELDS = {"s1.etat.referent_nom", "s1.collectivite.elu_nom", "s1.collectivite.contact_nom"}


# Words a complete answer does not end on: "DDTM de" was cut short.
_FUNCTION_WORDS = {"de", "du", "des", "la", "le", "les", "et", "a", "au", "aux", "en", "pour", "par", "sur",
                   "avec", "ou", "dans", "un", "une"}


def finished_text(field: str, text: str) -> tuple[str, FieldStatus]:
    """A text answer's edges made clean, and whether it can be trusted as read.

    A person's name keeps only the name ("DUVAL Marie Adjointe au maire" -> "DUVAL Marie":
    the function has its own field) and must look like one; an answer that ends on "de",
    "du", "la"… was cut short, one that starts in lower case lost its start: what was read
    goes to a reviewer.
    """
    status = FieldStatus.EXTRACTED
    text = without_rule_marks(text)
    if field in NAMED_BODIES:  # "1 Ville de Saint-Laurent-de-Mure": a speck or a list's number before the name
        text = _BODY_START.sub("", text)
        # "Ville dé Saint-Jean": a fax's speck over the preposition; no body's name holds a "dé".
        text = re.sub(r"(?<=\s)d[éè](?=\s)", "de", text)
        text = _first_word_spelt(_kind_rejoined(text), _KIND_SPELLING)
        # "Ville de Saint-Louis.": a fax's speck after the name; no body's name ends on a full stop
        text = re.sub(r"(?<=\w{4})\s*\.$", "", text)
    if field == "s1.collectivite.elu_qualite":
        text = _first_word_spelt(text, _MANDATE_SPELLING)  # "Mäire": a speck over the "a"
        text, slipped = _mandate_slip(text)
        status = FieldStatus.NEEDS_REVIEW if slipped else status
    if field == "s1.etat.service":
        text, mended = mended_service(text)
        status = FieldStatus.NEEDS_REVIEW if mended else status
    if field in PERSON_FIELDS:
        text = _PERSON_START.sub("", text)  # "1 Ghislaine Técher": the cell's left rule read as a digit
        text = clean_person(name_without_title(text)) or text
        # "Nom et prénom": one word is half of it; a function is no name
        if scribble(text) or len(text.split()) < 2 or not person_shaped(text):
            status = FieldStatus.NEEDS_REVIEW
    if field in NAMED_BODIES and misspelt_kind(text):
        status = FieldStatus.NEEDS_REVIEW
    if field in SHORT_FIELDS and (ADDRESS_PIECE.search(text) or bleeds_label(text)):
        # An address's pieces ("dominique gouv.fr") or the next label's words ("Nature de la")
        # in a name or a function: the answer ran past its cell over a label OCR lost.
        status = FieldStatus.NEEDS_REVIEW
    if cut_short(text) or PHONE_AT_END.search(text) or text[:1].islower() or _unclosed(text):
        # Cut short, or the next answer (a number) ran into it; an answer starts with a
        # capital or a digit: one that starts in lower case lost its start ("de ation");
        # a bracket opened and never closed: the answer's end was lost ("CIVIS (Communauté … des Villes").
        status = FieldStatus.NEEDS_REVIEW
    return text, status


def _unclosed(text: str) -> bool:
    """A bracket left open at the answer's end (OCR reads ")" as "]" or "}" too)."""
    depth = 0
    for c in text:
        depth = depth + 1 if c in "([{" else max(0, depth - 1) if c in ")]}" else depth
    return depth > 0


def capital_i(text: str) -> str:
    """"identifier les leviers…", "impression et diffusion…": a scan reads the capital "I" that
    starts an answer as a small "i". A first word that is a whole French word once capitalised
    ("Identifier", "Inventaire") lost no start: its capital is put back."""
    first = text.split(" ", 1)[0].rstrip(",.;:")
    if len(first) >= 4 and first[0] == "i" and first[1:].isalpha() and first[1:].islower() \
            and plausible.known(first):
        return "I" + text[1:]
    return text


_ONE_TERRITORY = {"DGTM": ("guyane",), "DTAM": ("saintpierre", "miquelon")}


def mended_service(text: str) -> tuple[str, bool]:
    """A State service's name as OCR left it, mended where it can only be one thing, and
    whether it was: the scraps of its label before its acronym ("ptote DEAL de La Réunion",
    "Sernce de l'État priote DDT de l'Eure"), an acronym one letter from a single service's
    ("DOTM du Gard"). A mended name is shown to a reviewer, never trusted."""
    words = text.split()
    at = next((i for i, w in enumerate(words) if w.strip(",.;:") in plausible.STATE_SERVICES), None)
    if at:  # the label's own words lost as a label: never part of a service's name
        return " ".join(words[at:]), True
    head = words[0] if words else ""
    if at is None and head.isupper() and 3 <= len(head) <= 5:
        near = [s for s in plausible.STATE_SERVICES if abs(len(s) - len(head)) <= 1 and OSA.distance(head, s) == 1]
        place = norm(" ".join(words[1:]))
        # A service only one territory has ("DGTM de Guyane") is no candidate elsewhere ("DOTM du Gard").
        near = [s for s in near if not any(s == only and not any(w in place for w in where)
                                           for only, where in _ONE_TERRITORY.items())]
        if len(near) == 1:
            return " ".join([near[0], *words[1:]]), True
    return text, False


NAMED_BODIES = {"s1.collectivite.nom", "s1.etat.service"}
# The words a public body's name starts with, folded ("Cté de communes…", "Ville de…").
_BODY_KINDS = frozenset("""commune ville mairie communaute cte metropole agglomeration agglo etablissement
    syndicat pays petr pole direction prefecture""".split())


# How the words a body's name starts with are spelt: one accented otherwise is a speck.
_KIND_SPELLING = {norm(w): w for w in """Ville Commune Mairie Communauté Métropole Agglomération Établissement
    Syndicat Pays Pôle Direction Préfecture""".split()}


_MANDATE_SPELLING = {norm(w): w for w in """Maire Adjoint Adjointe Premier Première Président Présidente
    Conseiller Conseillère Délégué Déléguée Élu Élue""".split()}


def _mandate_slip(text: str) -> tuple[str, bool]:
    """"Mare" for "Maire": a quality whose first word is one letter from one mandate's only
    (and is none itself), spelt as the mandate, and whether it was: a guess, for a reviewer."""
    first, _, rest = text.partition(" ")
    folded = norm(first)
    if len(folded) < 3 or folded in _MANDATE_SPELLING or not first.isalpha():
        return text, False
    near = [w for key, w in _MANDATE_SPELLING.items() if OSA.distance(folded, key) == 1]
    if len(near) != 1:
        return text, False
    spelt = near[0].upper() if first.isupper() and len(first) > 1 else near[0]
    return f"{spelt} {rest}".strip(), True


def _first_word_spelt(text: str, spelling: dict[str, str]) -> str:
    """"Villé de Case-Pilote", "Mäire": a scan's speck read as an accent on a word that has one
    spelling only (a body's kind, a mandate); the word is put right (its letters are all there)."""
    first, _, rest = text.partition(" ")
    proper = spelling.get(norm(first))
    if proper is None or len(first) != len(proper) or not first.isalpha() \
            or not any(a != b and norm(a) == b.casefold() for a, b in zip(first.casefold(), proper.casefold())):
        return text  # only an accent too many is a speck; one missing is how some type it
    spelt = proper if first[:1].isupper() else proper.lower()
    return f"{spelt.upper() if first.isupper() and len(first) > 1 else spelt} {rest}".strip()


def _kind_rejoined(text: str) -> str:
    """"Vi lle de Saint-Louis": a fax cuts a body's kind in two at a broken letter; the two
    pieces, neither a kind, make one ("Ville")."""
    words = text.split(" ")
    if len(words) >= 3 and norm(words[0]) not in _BODY_KINDS \
            and norm(words[0] + words[1]) in _BODY_KINDS:
        return " ".join([words[0] + words[1], *words[2:]])
    return text


def misspelt_kind(text: str) -> bool:
    """A body's name whose first word is one letter away from the word of its kind, and no
    French word itself ("Cré de communes…", "Vllle de…"; a lexicon holds too many three-letter
    scraps to judge those): the kind was misread, and what else was, nobody knows."""
    words = text.split()
    first = norm(words[0]) if words else ""
    if len(first) < 3 or first in _BODY_KINDS or len(first) > 3 and plausible.known(words[0].strip(".,;:")):
        return False
    return any(abs(len(kind) - len(first)) <= 1 and OSA.distance(first, kind) == 1 for kind in _BODY_KINDS)
# One-line answers of section 1, where neither an address nor another label's words belong.
SHORT_FIELDS = PERSON_FIELDS | NAMED_BODIES | {"s1.etat.referent_fonction", "s1.collectivite.elu_qualite"}
ADDRESS_PIECE = re.compile(r"@|\b[\w-]+\.(?:fr|com|org|net|eu|re)\b|\bgouv\b|\bwww\b", re.IGNORECASE)
# Lower-case words a person's name may hold ("Fatima de Almeida", "Maëlle ben Ali", "van der Berg").
_PARTICLES = {"de", "du", "des", "d", "le", "la", "les", "van", "von", "der", "den", "ben", "bin", "el", "al",
              "da", "dos", "das", "di", "del", "della", "y", "e", "ter", "ten", "mc"}


def person_shaped(text: str) -> bool:
    """A person's name: every word starts with a capital but the particles ("de", "ben",
    "d'Almeida"); a function read in its place ("Chargée de mission planification") has
    common words."""
    for word in text.split():
        letters = word.strip(".,;:()\"-")
        if not letters[:1].isalpha() or not letters[0].islower():
            continue
        head, _, rest = letters.replace("’", "'").partition("'")
        if norm(letters) in _PARTICLES or rest[:1].isupper() and norm(head) in _PARTICLES:
            continue
        return False
    return True


def _label_starts() -> list[list[str]]:
    """The first words of each label of the form (at least ten letters' worth): what a label
    OCR did not find as such leaves in the answer before it ("Nature de la", "Nom et prénom")."""
    starts = []
    for label in LABELS:
        if not label.field or label.skip or label.inline:
            continue
        words = [w for w in map(norm, label.text.split()) if w]
        for count in (2, 3):
            if len(words) >= count and sum(map(len, words[:count])) >= 10:
                starts.append(words[:count])
                break
    return starts


_LABEL_STARTS = _label_starts()


def bleeds_label(text: str) -> bool:
    """Whether a label's first words stand inside the answer, after its own first word."""
    words = [w for w in map(norm, text.split()) if w]
    for start in _LABEL_STARTS:
        n = len(start)
        for i in range(1, len(words) - n + 1):
            if all(a == b or len(b) >= 5 and _near(a, b) for a, b in zip(words[i:i + n], start)):
                return True
    return False


def _near(a: str, b: str) -> bool:
    return fuzz.ratio(a, b) >= 80
# A mark before the word such a name starts with ("1 Ville de …", "| DDT du Var").
_BODY_START = re.compile(r"^[\d|•·*]\s+(?=(?:Ville|Commune|Mairie|Communaut[ée]|CC|CA|CU|M[ée]tropole|Agglo\w*|"
                         r"DDTM?|DEAL|DREAL|Direction|Pr[ée]fecture|Syndicat|P[ôo]le|PETR)\b)", re.IGNORECASE)
# A digit or a rule's mark standing alone before a person's name, which starts with a capital
# ("1 Ghislaine Técher", "| DUVAL Marie"): no name holds a digit, the mark is the cell's rule.
_PERSON_START = re.compile(r"^(?:\d{1,2}|[|!\[\]{}])\s+(?=[A-ZÀ-ÖØ-ÞŒ][^\W\d_'’.-]*\s+\S)")
PHONE_AT_END = re.compile(r"(?:\+\d{2}|\b0\d)(?:[ .]?\d{1,2}){4,5}\s*$")


def cut_short(text: str) -> bool:
    """"DDTM de", "Communauté de communes du", "Mairie d'": no answer ends on these. A dot
    ends an abbreviation ("Agglomération L."), not a cut."""
    words = text.split()
    if len(words) < 2:
        return False
    last = words[-1]
    return last.endswith(("'", "’")) or not last.endswith(".") and norm(last) in _FUNCTION_WORDS


def join_words(tokens: list[Token]) -> str:
    """Words in reading order as text; a word cut by a hyphen at a line end is rejoined."""
    text = ""
    for previous, token in zip([None, *tokens], tokens):
        if previous is None:
            text = token.text
        elif previous.text.endswith("-") and _new_line(previous, token):
            text += token.text if _is_word_cut(previous.text, token.text) else token.text
        else:
            text += " " + token.text
    # "Schœælcher": a fax's œ read as two ligatures; no French word writes œ and æ side by side.
    text = re.sub(r"œæ|æœ", "œ", re.sub(r"ŒÆ|ÆŒ", "Œ", text))
    return re.sub(r"\s+", " ", text).strip()


def _new_line(previous: Token, token: Token) -> bool:
    return (token.file, token.page) != (previous.file, previous.page) or token.bbox[1] > previous.bbox[3] - 1


def _is_word_cut(before: str, after: str) -> bool:
    return bool(after) and after[0].islower()


def source_of(tokens: list[Token]) -> Source:
    file, page = tokens[0].file, tokens[0].page
    on_page = [t for t in tokens if (t.file, t.page) == (file, page)]
    bbox = (min(t.page_bbox[0] for t in on_page), min(t.page_bbox[1] for t in on_page),
            max(t.page_bbox[2] for t in on_page), max(t.page_bbox[3] for t in on_page))
    return Source(file, page, tuple(round(v, 2) for v in bbox))


GUESSED = 0.2  # under this, Tesseract guessed the word's letters


def mostly_guessed(tokens: list[Token]) -> bool:
    """Words OCR could hardly read ("Dee see anrager des espaces…"), kept on a line read well:
    a tenth of an answer's letters guessed, over several words, is not an answer read (one
    long word alone may be read right with no confidence: "intercommunale,~0.00")."""
    guessed = [len(t.text) for t in tokens if t.conf < GUESSED]
    return len(guessed) >= 2 and sum(guessed) >= max(6, 0.1 * sum(len(t.text) for t in tokens))


# Short worded answers: a title, a service, a function. They have no words to spare, and no
# lexicon or register vouches for them.
SHORT_WORDED = plausible.WORDED_FIELDS - plausible.PROSE_FIELDS


def guessed(field: str, tokens: list[Token]) -> bool:
    """An answer OCR partly guessed: mostly (`mostly_guessed`), or, in a short worded answer,
    one word of three letters or more read under 0.2 ("Le Etes" for an intitulé, its other
    word read well): a guess that the rest of the answer does not make up for."""
    return mostly_guessed(tokens) or field in SHORT_WORDED and any(
        t.conf < GUESSED and len(t.norm) >= 3 for t in tokens)


def mean_conf(tokens: list[Token]) -> float:
    weight = sum(len(t.text) for t in tokens)
    return sum(t.conf * len(t.text) for t in tokens) / weight if weight else 0.0


def without_instructions(tokens: list[Token], instructions: str) -> list[Token]:
    """The annex's answer without the printed instructions above it, where OCR read them
    too badly to be found as a label ("sentez nanière les dynamique à l'œuvre…"): the
    leading lines that are a piece of the instructions' text, and after them the lines that
    are, word for word however misread, the instructions' words the lines above stopped at
    ("emplos et équipement paysages" ending "… démographie, économie et")."""
    printed = " ".join(norm(word) for word in instructions.split())
    words = printed.split()
    lines = token_lines(tokens)
    matching = [_of_instructions(line, printed, words) for line in lines[:SCRAP_LINES + 1]]
    # Short scraps above a line of the instructions are the instructions' too, read too badly
    # to match ("les EN OÙ" over "Où programmes contractuets dont la").
    # The scraps may stand above the instructions' first line read, not only their last: a
    # speck read after the annex's title on its row ("TERRITOIRE 2]").
    last = max((i for i, match in enumerate(matching)
                if match and i and all(len(line) <= SCRAP_WORDS for line in lines[:i])), default=-1)
    read = 0  # how many of the instructions' words the lines dropped so far reached
    if last > 0:
        read = _in_order(lines[last], words, 0)[1]
        lines = lines[last + 1:]
    while lines:
        # Past a line of them, the instructions' next words misread further ("hatatat" for
        # "habitat" on a photo's italics) still follow in order: a looser likeness there.
        share, reached = _in_order(lines[0], words, read, loose=bool(read))
        if not (_of_instructions(lines[0], printed, words) or read and share >= INSTRUCTIONS_SHARE):
            break
        read = max(read, _in_order(lines[0], words, 0)[1], reached)
        lines = lines[1:]
    return [token for line in without_scraps(lines, instructions) for token in line]


def _of_instructions(line: list[Token], printed: str, words: list[str]) -> bool:
    """A line that is a piece of the instructions: alike as a whole, or their first word
    ("Précisez", "Présentez": no answer starts so) then their words in order, however misread
    ("Précisez documents de plandicaton les d'aménagement en Ou et")."""
    text = [t.norm for t in line if t.norm]
    if fuzz.partial_ratio(" ".join(text), printed) >= 70:
        return True
    return bool(text) and same_word(text[0], words[0]) and _in_order(line, words, 0)[0] >= INSTRUCTIONS_SHARE


SCRAP_LINES, SCRAP_WORDS = 3, 5  # what a photo leaves of the instructions above a line of them
INSTRUCTIONS_SHARE = 0.75  # of a line's letters, in words the instructions print next, in order
LOOSE_LETTERS, LOOSE_LIKENESS = 5, 70  # "hatatat" for "habitat": 71


def _in_order(line: list[Token], words: list[str], start: int, loose: bool = False) -> tuple[float, int]:
    """The share of the line's letters in words that are the instructions' from `start` on, in
    their order (OCR's slips allowed; `loose`: two slips in a long word), and the index after
    the last one matched."""
    cursor, matched = start, 0
    letters = [t.norm for t in line if t.norm]
    for token in letters:
        found = next((i for i in range(cursor, len(words)) if same_word(token, words[i])
                      or loose and min(len(token), len(words[i])) >= LOOSE_LETTERS
                      and fuzz.ratio(token, words[i]) >= LOOSE_LIKENESS), None)
        if found is not None:
            matched += len(token)
            cursor = found + 1
    total = sum(map(len, letters))
    return (matched / total if total else 0.0), cursor

