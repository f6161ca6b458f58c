"""Who signs a letter: the quality written in the signatory block, and the signatory's name.

In a French administrative letter the signer's own title comes last: "Pour le préfet et
par délégation, le secrétaire général" is signed by the secrétaire général, "P/le Maire,
l'adjoint" by an adjoint. A sous-préfet signing for the préfet is a sous-préfet.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from extractors.fields import nlp
from extractors.fields.courrier_layout import Line, typed_height
from extractors.fields.signataire_repair import SPLIT_COMPOUND, mended_compounds, repaired_titles
from extractors.fields.signataire_shape import PARTICLES as _PARTICLES, doubled_name, stroke_tail, word_lost
from extractors.text import normalise
from extractors.vocabulary import AUTRE, MAIRE, PREFET, PRESIDENT_EPCI, SOUS_PREFET

log = logging.getLogger(__name__)


# (role, pattern) in the order they are tried; a span taken by one is not read again.
_ROLES = (
    ("adjoint", r"\b(?:premier |1er |\d+e |deuxieme |)adjointe?s?\b(?: au maire| delegue| a l'urbanisme)?"
                r"|\bmaire[- ]adjointe?\b"),
    ("maire_delegue", r"\bmaire (?:delegue|deleguee|honoraire)\b"),
    ("vice_president", r"\bvice[- ]?presidente?\b"),
    ("secretaire_general", r"\bsecretaire generale?\b"),
    # "Sous-préf.", "Sous-préf&té" (a stroke over its end): only a sous-préfecture shares the start
    ("sous_prefet", r"\bsous[- ]?prefete?\b|\bsous[- ]?pref(?!ectur|ete?\b)(?=[^a-z\s]|\b)\S*"),
    ("prefet_delegue", r"\bprefete? (?:delegue|deleguee)\b"),
    ("prefet", r"\bprefete?\b"),
    ("maire", r"\bmaire\b"),
    ("president", r"\bpresidente?\b"),
    # Other mandates a signer lists under the title they sign with.
    ("mandat", r"\bconseill(?:er|ere)s? (?:departementa|regiona|communautaire|metropolitain|territoria)\w*"
               r"|\bdeputee?\b|\bsenat(?:eur|rice)\b|\bdepute europeen\b"),
    ("autre", r"\bdirect(?:eur|rice)\b|\bconseill(?:er|ere)\b|\bchef\b|\bcheffe\b|\bdelegue\b|\bdeleguee\b"
              r"|\bsecretaire\b|\bcharge de mission\b|\bresponsable\b"),
)

QUALITY_TRUSTED = 0.70  # a title read with less is for a reviewer (schemas.normalise.REVIEW_BELOW)
_ROLE_PATTERNS = tuple((role, re.compile(pattern)) for role, pattern in _ROLES)
_DELEGATION = re.compile(r"^(?:pour|p/|p\.|po|p/o)\b|\bpar delegation\b|\bpar empechement\b|\bempeche\b|"
                         r"\bpar interim\b|\bpar suppleance\b|\bpour (?:le|la|monsieur|madame)\b")
# "Mme" as OCR slips it ("Mmé", "Mne", "Mrne": an accent from a speck, "rn" for "m"): no name begins so
_CIVILITY = re.compile(r"^(?:m\.|mr\.?|m(?:m|n|rn)[eéèêë]\.?|mlle\.?|monsieur|madame|dr\.?|docteur|me\.?)\s+", re.I)
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*$")
_ROLE_WORDS = re.compile(r"\b(maire|prefete?|president|presidente|adjointe?|secretaire|directeur|directrice|"
                         r"conseiller|delegation|commune|communes|ville|communaute|agglo\w*|metropole|"
                         r"intercommunal\w*|republique|liberte|egalite|"
                         r"fraternite|region|departement|prefecture|mairie|service|bureau|madame|monsieur|rue|place|avenue|"
                         r"boulevard|bd|allee|chemin|route|impasse|quai|square|cours|hotel|tour|cedex|bp)\b")


@dataclass(frozen=True)
class Quality:
    """The signer's quality as a slug, how sure the rules are, and the lines it was read from."""

    slug: str
    confidence: float
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Name:
    """The signatory's name as written, with confidence and its line."""

    text: str
    confidence: float
    line: Line
    sure: bool = True  # False: what OCR read where the name goes, shaped like no name (strokes)


def roles_in(text: str) -> list[tuple[int, str, bool]]:
    """(position, role, delegated) of each title in normalised `text`, in order.

    `delegated` is true for a title written after "pour …" / "par délégation" that the
    signer holds for someone else ("Pour le préfet" names the préfet, not the signer).
    """
    taken: list[tuple[int, int]] = []
    found = []
    for role, pattern in _ROLE_PATTERNS:
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.start(), match.end(), role))
    found.sort()
    return [(pos, role, _is_for_someone(text, pos, end)) for pos, end, role in found]


def _is_for_someone(text: str, position: int, end: int | None = None) -> bool:
    """"Pour le préfet", "P/le Maire": the title right after a "pour" is the one delegating; so
    is the title right before "et par délégation" ("[Pour le] préfet et par délégation", its
    "pour" lost under a signature): whoever holds a delegation signs with another title."""
    before = text[max(0, position - 24):position]
    # a stray mark OCR put between the article and the title ("pour la‘préfète") changes nothing
    # ("pour le-préfet": a space read as a hyphen)
    if re.search(r"(?:\bpour|\bp/|\bp\.|\bpo)\s*(?:le|la|l'|monsieur le|madame la)?[\s‘’'`´.-]*$", before):
        return True
    return end is not None and bool(_DELEGATED_AFTER.match(text[end:]))


# a compound title's head ending a line ("Le Sous-", "Le Vice-"), its tail on the next line
_CUT_PREFIX = re.compile(r"\b(sous|vice)\s*-?\s*$")
# "préfète-et par", "préfète/et-par": spaces OCR read as marks; "préfet et par ( A": "délégation" lost under strokes
_DELEGATED_AFTER = re.compile(r"[\s./-]*,?\s*et[\s/-]+par(?:\s+(?:delegation|empechement|suppleance|interim)\b"
                              r"|\s*(?:[^\w\s]|$))")


def quality_of(lines: list[Line], piece_kind: str, collectivite_is_epci: bool | None) -> Quality | None:
    """The signer's quality from the quality lines of the signatory block (titles a stamp or a
    stroke damaged, "Le Préfetide", "Présidé de", read for what they are, a little less trusted)."""
    norms = {id(l): SPLIT_COMPOUND.sub(r"\1-", l.norm) if roles_in(l.norm) or name_shape(_name_part(l.text)) and not _ARTICLE_FIRST.match(l.norm)
             else repaired_titles(l.norm) for l in lines}
    norms = {key: mended_compounds(norm) for key, norm in norms.items()}
    for first, second in zip(lines, lines[1:]):
        cut = _CUT_PREFIX.search(norms[id(first)])
        if cut and roles_in(norms[id(second)]):  # "Le Sous-" | "Préfet,": one title over two lines
            norms[id(second)] = f"{norms[id(first)][:cut.start()]}{cut[1]}-{norms[id(second)].lstrip()}"
    quality_lines = [l for l in lines if roles_in(norms[id(l)])]
    if not quality_lines:
        return None
    text = " ".join(norms[id(l)] for l in quality_lines)
    roles = roles_in(text)
    own = [(pos, role) for pos, role, delegated in roles if not delegated]
    conf = min(_title_conf(l, norms[id(l)]) for l in quality_lines)
    if any(norms[id(l)] != l.norm for l in quality_lines):
        conf = min(conf, 0.85)
    if not own:  # "Pour le préfet," and a name: someone signs for the préfet, without a title
        # For a maire or a president, whoever signs in their stead lacks the quality, whatever
        # their title (an adjoint, a vice-president): only for the préfet may it be a sous-préfet.
        delegating = {role for _, role, delegated in roles if delegated}
        if piece_kind == "courrier_collectivite" and delegating <= {"maire", "president"}:
            return Quality(AUTRE, round(min(conf, 0.9), 3), tuple(quality_lines))
        return Quality(AUTRE, min(conf, 0.6), tuple(quality_lines))
    last_clause = _last_clause(text, own)
    if any(role != "mandat" for _, role in last_clause):  # "Maire de Lunéville, Conseillère départementale"
        last_clause = [(pos, role) for pos, role in last_clause if role != "mandat"]
    slugs = {_slug(role, piece_kind, collectivite_is_epci) for _, role in last_clause}
    slug, certainty = _resolve(slugs, piece_kind, collectivite_is_epci)
    if any(_cut_compound(text, pos) for pos, _ in last_clause):
        certainty = min(certainty, 0.6)  # "-Préfet": a "Sous-" or "Vice-" under the ink may be lost
    if slug == AUTRE and piece_kind == "courrier_collectivite" and any(r == "president" for _, r in last_clause):
        # A président signs for an EPCI: "autre" rests only on the collectivité's name read as
        # a commune's, which a stamp or a cut ("Présidente de la Commun") may have made so.
        certainty = min(certainty, 0.6)
    return Quality(slug, round(min(conf, certainty), 3), tuple(quality_lines))


def _cut_compound(text: str, position: int) -> bool:
    """A title glued to a hyphen with no word before it ("je tt -prefet"): the tail of a compound
    title whose head a signature's strokes hid ("Sous-Préfet", "Vice-Président")."""
    # "s-prefet": one letter before the hyphen is what is left of the head too
    return position >= 1 and text[position - 1] == "-" and (position < 2 or not text[position - 2].isalpha()
                                                           or position < 3 or not text[position - 3].isalpha())


def _title_conf(line: Line, norm: str) -> float:
    """How surely a quality line was read where it names the title: the words up to the last
    title word and the one after it ("La Préfète de", "Le Premier adjoint au"); a signature
    crossing the rest of the line ("… de lä Martinique") says nothing of the title. The whole
    line's when a title word is not found alone (a title over two words, a damaged one)."""
    words = line.words
    titled = [i for i, w in enumerate(words) if roles_in(normalise(w.text).strip(".,;:"))]
    if not titled or not roles_in(norm) or len(words) < 3:
        return line.conf
    head = words[:titled[-1] + 2]
    weight = sum(len(w.text) for w in head)
    conf = sum(w.conf * len(w.text) for w in head) / weight if weight else line.conf
    return max(line.conf, min(conf, min(w.conf for w in head) + 0.2))


_ARTICLE_FIRST = re.compile(r"^(?:le|la) ")  # "Le Préfetide Kauxel" is a title, not "Jean Le Besco"

def body_quality(lines: list[Line], piece_kind: str, collectivite_is_epci: bool | None) -> Quality | None:
    """The quality the body gives the signer: "Je soussignée Nadège Maillard, maire de Montélier, …"."""
    for line in lines:
        match = _SOUSSIGNE.search(line.text)
        if not match:
            continue
        after = normalise(line.text[match.end("name"):])
        after = re.split(r"\b(?:confirme|atteste|certifie|declare|apporte|soutien|ai l'honneur)", after)[0][:80]
        own = [role for _, role, delegated in roles_in(after) if not delegated]
        if own and own[0] in ("maire", "president", "prefet", "sous_prefet"):
            return Quality(_slug(own[0], piece_kind, collectivite_is_epci), round(min(0.9, line.conf), 3), (line,))
    return None


def _last_clause(text: str, own: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The titles the signer holds: those after the last delegation marker, or all of them."""
    marks = [m.end() for m in _DELEGATION.finditer(text)]
    after = [(pos, role) for pos, role in own if not marks or pos >= marks[-1]]
    return after or own[-1:]


def _slug(role: str, piece_kind: str, collectivite_is_epci: bool | None) -> str:
    if role == "maire":
        return MAIRE
    if role == "president":
        return AUTRE if collectivite_is_epci is False or piece_kind == "courrier_prefet" else PRESIDENT_EPCI
    if role in ("prefet", "sous_prefet"):
        return PREFET if role == "prefet" else SOUS_PREFET
    return AUTRE


def _resolve(slugs: set[str], piece_kind: str, collectivite_is_epci: bool | None) -> tuple[str, float]:
    """One slug from the titles the signer holds; two unrelated titles are for a reviewer."""
    if len(slugs) == 1:
        return next(iter(slugs)), 0.95
    if slugs == {MAIRE, PRESIDENT_EPCI}:  # "Le Maire, Président de la Communauté de communes"
        return (PRESIDENT_EPCI if collectivite_is_epci else MAIRE), 0.9
    if slugs == {PREFET, SOUS_PREFET}:
        return SOUS_PREFET, 0.9
    habilitated = [s for s in (PREFET, SOUS_PREFET, MAIRE, PRESIDENT_EPCI) if s in slugs]
    return (habilitated[0] if habilitated else AUTRE), 0.6  # e.g. "le sous-préfet, secrétaire général"


def name_of(lines: list[Line], places: frozenset[str] = frozenset()) -> Name | None:
    """The signatory's name: a name-shaped line of the block (rules), confirmed by spaCy when in
    doubt; one whose words OCR boxed far taller than the block's type is under the signature's
    strokes (they ran into its letters: "Olivier SALMC"), for a reviewer unless confirmed.
    `places`: the words of the places the letter speaks for (`place_words`); a line of them only
    is a title's end ("Président de la Comm" | "Forbach Porte de France"), no person's name."""
    name = without_stroke_tail(_name_of([line for line in lines if not _place_only(line, places)]))
    if name is None or not name.line.words:
        return name
    typed = typed_height(lines)
    tallest = max(w.bbox[3] - w.bbox[1] for w in name.line.words)
    if typed and tallest > INKED_NAME * typed or _capital_fragment(name.text) or word_lost(name.line.words, name.text) \
            or _weak_word(name):
        return replace(name, confidence=round(min(name.confidence, UNDER_STROKES), 3))
    return name


def _weak_word(name: Name) -> bool:
    """A word of the name OCR read under WEAK_WORD ("Killian FABRL", FABRL at 0.65 on a fax, for
    "FABRE"): the line's confidence, an average, hides it; the name is read again on dark ink or
    left to a reviewer, never sure on that reading alone (a civility beside it says nothing)."""
    words = set(name_words(name.text))
    return any(w.conf < WEAK_WORD for w in name.line.words if words & set(name_words(w.text)))


def without_stroke_tail(name: Name | None) -> Name | None:
    """A name whose last word is a stroke's reading after it, that word taken off and the name
    left to a reviewer: never a sure name one word too long."""
    if name is not None and (once := doubled_name(name.text)):
        return replace(name, text=once)  # two readings of one name, that agree
    if name is None or not stroke_tail(name.text):
        return name
    return replace(name, text=name.text.rsplit(maxsplit=1)[0], confidence=round(min(name.confidence, UNDER_STROKES), 3))


def _capital_fragment(text: str) -> bool:
    """A word of two capitals, no particle nor initial ("UR Armelle"): the end of a surname the
    strokes cut ("VASSEUR"), rarely a whole one."""
    return any(len(w) == 2 and w.isalpha() and w.isupper() and w.lower() not in _PARTICLES for w in text.split())


INKED_NAME = 2.5  # typed heights: a name's word boxed this tall has strokes run into it
WEAK_WORD = 0.70  # a name's word OCR read with less: one in three or so misread (letterstudy 0:240)
UNDER_STROKES = 0.75  # below the names' review threshold (schemas.normalise.IDENTITY_REVIEW_BELOW)


def place_words(names) -> frozenset[str]:
    """The words of place names ("Communauté d'agglomération Forbach Porte de France", "Corse-du-Sud")
    that may end a title in the block: three letters or more, particles and designations aside."""
    return frozenset(w for name in names if isinstance(name, str) for w in name_words(name)
                     if len(w) >= 3 and w not in _PARTICLES and not _ROLE_WORDS.fullmatch(w))


def _place_only(line: Line, places: frozenset[str]) -> bool:
    """A block line whose name part is words of the letter's places only: a title's end."""
    words = [w for w in name_words(_name_part(line.text)) if w not in _PARTICLES]
    return bool(places) and len(words) >= 2 and set(words) <= places


def _name_of(lines: list[Line]) -> Name | None:
    candidates = []
    for line in _rows(lines):
        text = _name_part(line.text)
        score = name_shape(text)
        if score > 0:
            candidates.append((score, line, text))
    best = max(candidates, key=lambda c: c[0], default=None)
    if best and best[0] >= 0.85 and sum(1 for c in candidates if c[0] >= 0.5) == 1:
        return Name(best[2], round(min(best[0], best[1].conf), 3), best[1])
    return _with_ner(lines, candidates)


def _rows(lines: list[Line]) -> list[Line]:
    """The block's lines, a name OCR cut in two on one row ("Aurore" | "SILVA") joined again."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        words = tuple(sorted((last.words if last else ()) + line.words, key=lambda w: w.bbox[0]))
        gaps = [b.bbox[0] - a.bbox[2] for a, b in zip(words, words[1:])]
        heights = [w.bbox[3] - w.bbox[1] for w in words]
        # of one type size: a signature's stroke read as a tall "Mr" beside the name is no part of it
        if last is not None and last.page == line.page and max(heights) <= 1.6 * max(min(heights), 1.0) \
                and abs(last.top - line.top) <= 0.6 * min(last.height, line.height) \
                and len(words) <= 4 and all(_NAME_WORD.match(w.text) and len(w.text) >= 2 for w in words) \
                and max(gaps, default=0.0) <= 2.5 * last.height:  # not two fragments with a word lost between
            text = " ".join(w.text for w in words)
            out[-1] = Line(words, line.page, text, normalise(text))
            continue
        out.append(line)
    return out


def _with_ner(lines: list[Line], candidates: list[tuple[float, Line, str]]) -> Name | None:
    """Several or weak candidates: the one spaCy also calls a person wins."""
    persons = nlp.person_names("\n".join(l.text for l in lines))
    for score, line, text in sorted(candidates, key=lambda c: -c[0]):
        if any(p.strip() in line.text or line.text in p for p in persons):
            return Name(text, round(min(max(score, 0.9), line.conf), 3), line)
    for person in persons:  # a name the rules did not see (lower case, one word…)
        line = next((l for l in lines if person.split("\n")[0] in l.text), None)
        if line is not None and not _ROLE_WORDS.search(line.norm) and _plausible(person):
            return Name(clean_person(person), round(min(0.75, line.conf), 3), line)
    if candidates:
        score, line, text = max(candidates, key=lambda c: c[0])
        return Name(text, round(min(score, 0.65, line.conf), 3), line)
    return _unreadable(lines)


def _unreadable(lines: list[Line]) -> Name | None:
    """What OCR read on the last line of the block, below its quality, when that is no name
    ("E D M A", "rie Quv": a signature across the name): for a reviewer, with what was read."""
    below = [l for l in lines if not roles_in(repaired_titles(l.norm)) and not _ROLE_WORDS.search(l.norm)
             and len(re.sub(r"[^\w]|\d|_", "", l.text)) >= 2 and len(re.findall(r"\d", l.text)) < 4]  # no date
    if not below or below[-1] is not lines[-1]:
        return None
    line = below[-1]
    head = _sure_head(line)
    if head is not None:  # "Benoît Étienne sn A}": the name read surely, the strokes after it not
        return Name(head, round(min(CUT_NAME, line.conf), 3), line)
    return Name(clean_person(line.text), round(min(0.3, line.conf), 3), line, sure=False)


CUT_NAME = 0.6  # a name read before a stroke's letters: maybe cut there, for a reviewer unless confirmed
SURE_WORD = 0.85


def _sure_head(line: Line) -> str | None:
    """The words of a line read surely before the first doubted one, when they are a name
    ("Benoît Étienne" of "Benoît Étienne sn A}", a signature's end read as letters after it)."""
    words = sorted(line.words, key=lambda w: w.bbox[0])
    count = next((i for i, w in enumerate(words) if w.conf < SURE_WORD), len(words))
    if count < 2 or count == len(words) or any(w.conf >= SURE_WORD for w in words[count:]):
        return None
    head = clean_person(" ".join(w.text for w in words[:count]))
    return head if name_shape(head) >= 0.9 else None


def _plausible(person: str) -> bool:
    """A person spaCy found that the rules did not: on one line, two words or more, written
    in one case ("jean dupont" typed in lower case, not "Jean al" read off strokes)."""
    words = [w for w in person.split() if w.lower() not in _PARTICLES]
    if "\n" in person.strip() or len(words) < 2 or scribble(person):
        return False
    return all(w[0].isupper() for w in words) or all(w.islower() for w in words)


def _name_part(text: str) -> str:
    """The name in a line, without a title before it ("Le Maire, Joël Le Besco", "La Présidente,
    DUVAL Karine": its title's accents aside) or civility."""
    if "," in text:
        head, _, tail = text.rpartition(",")
        if tail.strip() and _ROLE_WORDS.search(normalise(head)):
            text = tail
        elif _TWO_WORDS_COMMA.match(text.strip()):  # "Noémie, CASANOVA": a speck read as a comma
            text = text.replace(",", " ")
    # marks first ("**M. Guillaume VALLET"): the civility is only seen at the start
    return clean_person(_CIVILITY.sub("", clean_person(text.strip(" ,.;"))).strip())


_TWO_WORDS_COMMA = re.compile(r"^[^\W\d_][\w'’-]+, [^\W\d_][\w'’-]+$")


def name_shape(text: str) -> float:
    """How much `text` looks like "Prénom Nom": capitalised words, particles, no title, no digits."""
    words = text.split()
    if not 2 <= len(words) <= 6 or re.search(r"\d|@|:|/", text):
        return 0.0
    if _ROLE_WORDS.search(repaired_titles(normalise(text))):  # "La Prétète du Lot" is a title
        return 0.0
    named = [w for w in words if w.lower() not in _PARTICLES]
    if len(named) < 2 or not all(_NAME_WORD.match(w) for w in named) or scribble(text):
        return 0.0
    if any(len(w.strip(".")) < 2 for w in named):
        return 0.5
    return 0.95 if words[0].lower() not in _PARTICLES else 0.7


_VOWELS = re.compile(r"[aeiouyàâäéèêëîïôöûüÿæœ]", re.I)
_INITIAL = re.compile(r"^(?:[^\W\d_]\.)(?:-?[^\W\d_]\.)*$")  # "J.", "J.-P.", "J.P."


def scribble(text: str) -> bool:
    """Whether `text` is what OCR makes of a signature's strokes, not a person's name.

    A name's words have two letters or more and a vowel; a single letter is an initial only
    with its dot ("J.-P. Martin") and beside a real word of three letters or more. Isolated
    capitals ("E D M A", "R I", "V AL") and consonant clusters ("Wm Rkl") are strokes.
    """
    words = [w.strip(",;") for w in text.split() if w.strip(",;")]
    full = []
    for word in words:
        if _INITIAL.match(word):
            continue
        letters = re.sub(r"[^\w]|\d|_", "", word)
        if len(letters) < 2 or not _VOWELS.search(letters):
            return True
        full.append(letters)
    return not any(len(w) >= 3 for w in full)


def clean_person(text: str) -> str:
    """A person's name without the marks around it: ". François ROBIN", "__ Aurélien PARIS",
    "Antoine Bellance.", "Jean-Pierre Fontaine F" (a stray letter before the next label).
    Initials ("J.-P. Martin", "Marie C.") are kept."""
    text = re.sub(r"[☐☒☑□■▢]", " ", text)
    text = re.sub(r"^[\s.,;:_|•·*…\-–—]+|[\s,;:_|•·*…\-–—]+$", "", text)
    words = text.split()
    while len(words) > 2 and re.fullmatch(r"[^\W\d_]", words[-1]) and len(words[-2].strip(".")) >= 2:
        words.pop()  # a lone letter without its dot is no initial
    while len(words) > 2 and re.fullmatch(r"[^\W\d_]", words[0]) and words[0].islower():
        words.pop(0)  # "e Solène PERROT": the end of a stroke (or of "Mme") before the name, no initial
    # "RAFFIN. Gaëtan": a full word's dot inside a name is a speck, not an abbreviation's.
    words = [w[:-1] if w.endswith(".") and not _INITIAL.match(w) and len(w) >= 4 and i < len(words) - 1
             else w for i, w in enumerate(words)]
    text = " ".join(words)
    if text.endswith(".") and not _INITIAL.match(words[-1]):
        text = text.rstrip(". ")
    return text


_TITLE_START = re.compile(r"^(?:adjointe?|maire|presidente?|vice|premiere?|1ere?|conseill\w*|direct\w*|chef|cheffe|"
                          r"chargee?|responsable|secretaire|deleguee?|prefete?|sous|ingenieure?|technicien\w*|"
                          r"agent|elue?|fonction|qualite|courriel|telephone|tel|mail|service)(?:-\w+)?$")


def name_without_title(text: str) -> str:
    """A person-name answer that went on with the person's function: "DUVAL Marie Adjointe
    au maire" -> "DUVAL Marie". The function has its own field; the name stays as written."""
    words = text.split()
    for index in range(2, len(words)):
        if _TITLE_START.match(normalise(words[index]).strip(".,;:()")):
            kept = clean_person(" ".join(words[:index]))
            return kept if len(kept.split()) >= 2 else text
    return text


def body_name(lines: list[Line]) -> Name | None:
    """The signer as the letter's body names them: "Je soussigné(e) Marie Duval, maire de …", as surely as
    its weakest word was read (a long line's average hides a misread one: "BENOÏT" at 0.73 in a line at 0.90)."""
    for line in lines:
        match = _SOUSSIGNE.search(line.text)
        if match:
            text = clean_person(_CIVILITY.sub("", match["name"].strip()))
            named = {w for w in name_words(text) if len(w) >= 3}
            weakest = min((w.conf for w in line.words if named & set(name_words(w.text))), default=line.conf)
            if name_shape(text) > 0:
                return Name(text, round(min(0.9, line.conf, weakest), 3), line)
    return None


_SOUSSIGNE = re.compile(r"\b[Jj]e,?\s+soussign[ée]e?s?,?\s+(?P<name>(?:[^\W\d_][\w'’.-]*\s?){2,5}?)\s*(?:,|\(|$|"
                        r"(?i:\b(?:maire|pr[ée]sidente?|pr[ée]f[èe]te?|sous-pr[ée]f[èe]te?|agissant|en\s+qualit[ée])\b))")


def same_person(a: str, b: str) -> bool:
    """Two writings of one name: word order, case, accents and one OCR slip aside."""
    from rapidfuzz import fuzz

    def key(text: str) -> str:
        words = re.sub(r"[^a-z ]", " ", normalise(text).replace("-", " ")).split()
        return " ".join(sorted(w for w in words if len(w) > 1 and w not in _PARTICLES))

    ka, kb = key(a), key(b)
    return bool(ka) and bool(kb) and (ka == kb or fuzz.ratio(ka, kb) >= 88)


def words_of_name(read: str, other: str) -> bool:
    """Every word of `read` is a particle or a whole word of the name `other`, one of four letters
    or more ("Da Silva" of "Véronique Da Silva"): a name's end, no stroke read beside it ("À Huet")."""
    tokens = [t.strip(",.;") for t in read.split()]
    whole = set(name_words(other))
    named = [t for t in tokens if t.lower() not in _PARTICLES]
    return bool(named) and any(len(t) >= 4 for t in named) and all(
        len(name_words(t)) == 1 and name_words(t)[0] in whole for t in named)


def name_words(text: str) -> list[str]:
    """A name's words to compare, civility initials ("M.") and stray letters aside."""
    return [w for w in re.sub(r"[^a-z ]", " ", normalise(text).replace("-", " ")).split() if len(w) >= 2]
