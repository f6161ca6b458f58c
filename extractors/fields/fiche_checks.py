"""A fiche's answers checked against each other: check boxes other answers imply, and a value
read with a slip that another answer of the same fiche spells right is not trusted."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from rapidfuzz.distance import OSA

from extractors.fields import plausible
from extractors.fields.layout import mark, norm, token_lines
from extractors.fields.plausible import PROSE_FIELDS
from extractors.model import FieldStatus, FieldValue

EMAIL_FIELDS = ("s1.etat.referent_email", "s1.collectivite.contact_email")
# Answers whose words an address's domain is made of ("mairie-riviere-pilote.fr", "deal-martinique.gouv.fr").
_NAMING = ("s1.etat.service", "s1.collectivite.nom", "s2.communes", "s2.epci", "s2.departement", "fiche.lieu")
# Words of public bodies' domains.
_DOMAIN_WORDS = frozenset("""mairie ville commune gouv agglo agglomeration communaute communes metropole territoires
    territoire departement region interieur developpement durable pays""".split())
MIN_WORD = 4  # shorter pieces ("fr", "cc", "ca") are one slip from too many others


def doubt_domain_slips(fields: dict[str, FieldValue]) -> None:
    """An address read by OCR whose domain holds a word one letter away from a word the
    fiche writes elsewhere, or from a public body's domain word ("mairic" for "mairie",
    "rivicre" for "riviere", "dcal" for "deal"): a slip in the one or the other, for a
    reviewer. A longer piece two slips at most from one such word only ("muairic" for "mairie",
    "discre" for "isere" on a fax) is that word misread: mended, for a reviewer. An address
    a text layer gave is as typed."""
    words = set(_DOMAIN_WORDS)
    for field in _NAMING:
        value = fields.get(field)
        if value is not None and isinstance(value.value, str):
            words |= {w for w in _pieces(value.value) if len(w) >= MIN_WORD}
    for field in EMAIL_FIELDS:
        value = fields.get(field)
        if value is None or not isinstance(value.value, str) or value.confidence >= 1.0 or "@" not in value.value:
            continue
        local, _, domain = value.value.rpartition("@")
        mended = "".join(_mended_piece(piece, words) for piece in re.split(r"([.-])", domain))
        mended = _state_ending(mended)
        if mended != domain:
            fields[field] = FieldValue(f"{local}@{mended}", min(value.confidence, MENDED), value.source,
                                       FieldStatus.NEEDS_REVIEW)
        elif value.status is FieldStatus.EXTRACTED and any(_slip_of(piece, words) for piece in _pieces(domain)):
            fields[field] = replace(value, status=FieldStatus.NEEDS_REVIEW)


# A domain's word put right from the fiche's words: a guess, shown to a reviewer; under what
# schemas.agreement.emails_confirmed takes for a reading (0.40), as the words that mended it
# would then confirm it.
MENDED = 0.35
FAR_SLIP = 5  # letters a domain's piece needs for two slips to still name one word


def _mended_piece(piece: str, words: set[str]) -> str:
    """A domain's piece two slips at most from one word only of the fiche's or the bodies'
    domains (as long as it, give or take a letter), and none of them itself nor a French
    word: that word (a shorter piece is left as read)."""
    folded = norm(piece)
    # A French word ("maine", "villes") may be the domain's own, its naming field unread.
    if len(folded) < FAR_SLIP or folded != piece.lower() or folded in words or plausible.known(folded):
        return piece
    distance = {w: OSA.distance(folded, w) for w in words if len(w) >= FAR_SLIP and abs(len(w) - len(folded)) <= 1}
    best = min(distance.values(), default=3)
    nearest = [w for w, d in distance.items() if d == best]
    return nearest[0] if best <= 2 and len(nearest) == 1 else piece


def _state_ending(domain: str) -> str:
    """A State service's domain ends ".gouv.fr": a piece one slip from "gouv" before a last "fr"
    (a scan's g read q, a photo's v read r: "loiret.qouv.fr", "marne.gour.fr") is "gouv"."""
    pieces = domain.split(".")
    if len(pieces) >= 3 and pieces[-1] == "fr" and pieces[-2] != "gouv" and OSA.distance(pieces[-2], "gouv") == 1 \
            and len(pieces[-2]) == 4:
        return ".".join([*pieces[:-2], "gouv", "fr"])
    return domain


def _pieces(text: str) -> list[str]:
    return [p for p in (norm(w) for w in re.split(r"[\s.@_'’-]+", text)) if p]


def _slip_of(piece: str, words: set[str]) -> bool:
    return len(piece) >= MIN_WORD and piece not in words and any(
        abs(len(w) - len(piece)) <= 1 and OSA.distance(piece, w) == 1 for w in words)


# How a collectivité's name says its nature: "Commune de Vitré", "Communauté de communes du…".
_EPCI_NAME = re.compile(r"\b(communaute|agglomeration|agglo|metropole|cc|ca|cu|ept|"
                        r"etablissement public territorial|cte(?= de communes\b| urbaine\b)"  # "Cté de communes"
                        r"|c[il1]te(?= de communes\b))\b")  # ... its "t" read with an "i" before it ("Cité")
_COMMUNE_NAME = re.compile(r"^(la |le )?(commune|ville|mairie|cite|hotel de ville)\b")
IMPLIED = 0.6  # an answer only implied by other fields: shown to a reviewer, never trusted
AGREED = 0.9  # a doubtful box that another field confirms


def implied_choices(fields: dict[str, FieldValue]) -> None:
    """The nature of the collectivité and the scale, where their boxes could not be read
    (or only with doubt), from what other answers imply: the porteuse's name says commune
    or EPCI; an EPCI porteuse or three communes and more make the reflection intercommunal.

    An implied answer alone goes to a reviewer; a doubtful box that it confirms is sure; a
    box read sure that the name contradicts goes to a reviewer.
    """
    name = fields["s1.collectivite.nom"]
    if name.status is FieldStatus.EXTRACTED:
        _settle(fields, "s1.collectivite.type", _name_kind(name), name.source, contradicts=True)
    elif fields["s1.collectivite.type"].value is None:
        # A name in doubt (it ran over a lost label) still says what it starts with: a hint
        # for the reviewer, never a confirmation.
        _settle(fields, "s1.collectivite.type", _name_kind(name), name.source)
    nature, communes = fields["s1.collectivite.type"], fields["s2.communes"]
    intercommunal = nature.value == "epci" or _listed(communes) >= 3
    implying = communes if _listed(communes) >= 3 else nature
    _settle(fields, "s2.echelle", "intercommunale" if intercommunal else None, implying.source)


def _settle(fields: dict[str, FieldValue], field: str, implied: str | None, source=None,
            contradicts: bool = False) -> None:
    """Fill, confirm or question one check-box answer with the one other fields imply."""
    read = fields[field]
    if implied is None:
        return
    if read.value is None:
        fields[field] = FieldValue(implied, IMPLIED, source or read.source, FieldStatus.NEEDS_REVIEW)
    elif read.value == implied and read.confidence < AGREED:
        fields[field] = FieldValue(read.value, AGREED, read.source, FieldStatus.EXTRACTED)
    elif read.value != implied and contradicts:
        fields[field] = FieldValue(read.value, min(read.confidence, IMPLIED), read.source, FieldStatus.NEEDS_REVIEW)


def _name_kind(name: FieldValue) -> str | None:
    """"commune" or "epci" from the porteuse's name read with confidence, else None."""
    if not isinstance(name.value, str) or name.status is FieldStatus.MISSING or name.confidence < 0.7:
        return None
    folded = " ".join(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", name.value.lower())
                                 .encode("ascii", "ignore").decode()))
    if _EPCI_NAME.search(folded):
        return "epci"
    return "commune" if _COMMUNE_NAME.search(folded) else None


def _listed(communes: FieldValue) -> int:
    """How many communes a list names, as separators count them."""
    if not isinstance(communes.value, str) or not communes.value.strip():
        return 0
    return len([part for part in re.split(r"[,;/\n]|\s+et\s+", communes.value) if part.strip()])


def ends_short(field: str, rows, tokens) -> bool:
    """A prose answer read by OCR one of whose lines stops well short of the text's right
    edge, mid-sentence, though the next line's first word would have fitted there: the
    words between were lost (a photo's dark or curled edge), and what was read is not the
    whole answer ("… étude de mobilité | SCoT approuvé." for "… mobilité intercommunale,").
    Not an annex: its one answer stands for the whole annex, and words lost from a text
    plainly there put in doubt what it says, not that the annex was answered."""
    if field not in PROSE_FIELDS or field.startswith("a") or not tokens or min(t.conf for t in tokens) >= 1.0:
        return False
    # A box the finder drew on a speck below the text is no word of it (the answer drops it): no line after.
    lines = token_lines([t for t in tokens if not mark(t)])
    for line, following in zip(lines, lines[1:]):
        last, first = line[-1], following[0]
        if (last.file, last.page) != (first.file, first.page) or last.text[-1:] in ".;:!?)»":
            continue
        edge = max(t.x1 for row in rows if (row.file, row.page) == (last.file, last.page) for t in row.tokens)
        height = last.bbox[3] - last.bbox[1]
        if edge - last.x1 > (first.x1 - first.x0) + 3 * height:
            return True
    return False


def words_lost_inside(field: str, tokens) -> bool:
    """A prose answer read by OCR with a gap inside one of its lines far wider than a space
    ("… 2 797 habitants        Le tissu …" for "habitants ; la population est stable. Le
    tissu"): a photo's glare or dark band lost the words between, and what was read is not the
    whole answer. Its lines are the answer cell's only: no column stands inside them."""
    if field not in PROSE_FIELDS or not tokens or min(t.conf for t in tokens) >= 1.0:
        return False
    for line in token_lines(tokens):
        heights = sorted(t.bbox[3] - t.bbox[1] for t in line if t.norm)
        if not heights:
            continue
        height = heights[len(heights) // 2]
        for before, after in zip(line, line[1:]):
            if (before.file, before.page) == (after.file, after.page) and after.x0 - before.x1 > LOST_GAP * height:
                return True
    return False


LOST_GAP = 3.0  # text heights: a justified line's widest space is about one
