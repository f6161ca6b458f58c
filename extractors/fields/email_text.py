"""A fiche's e-mail addresses as OCR left them: their pieces kept, put back together, mended.

A phone photo's 100 dpi sheet loses an address's dots more often than its letters: OCR reads
"josiane payet @deal-reunion gouv fr", each dot a gap, and doubts the short pieces ("fr" at
0.27) as it doubts specks. No address holds a space, so the pieces around the "@" word are
the address, a gap inside it a lost dot (a guess: shown mended, for a reviewer).
"""

from __future__ import annotations

import re
import unicodedata

from extractors.fields.given_names import fold

TLDS = ("fr", "com", "org", "net", "eu", "bzh", "re", "mq", "gp", "gf", "yt", "pm", "nc", "pf", "corsica")
# A piece of a local part or of a domain, as OCR cuts an address at its lost dots.
_LOCAL_PIECE = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
_DOMAIN_PIECE = re.compile(r"[a-z0-9-]*[a-z][a-z0-9.-]*")  # "05" starts a phone number
LOCAL_PIECES = 2  # "jean-marc etienne@…": a given name and a surname
# A label's words left before the address ("Courriel josiane payet@…") are no piece of it.
_LABEL_WORDS = {"courriel", "mail", "email", "e-mail", "mel", "adresse", "electronique"}


_AT_WORD = re.compile(r"[\w.'-]*@[\w.-]*")
_PIECE_SHAPE = re.compile(r"[A-Za-z0-9._@'-]+")
_RULE_MARKS = {"l", "I", "i", "1"}  # a cell's left rule read as a letter: no initial
NEAR_PIECES = 3  # words an address's pieces stand from its "@" word, at most ("kerbrat yannick@ guyane.gouv fr")


def _piece(text: str) -> bool:
    """Shaped as a piece of an address: no accent, no space; two letters or digits, or one
    letter that no rule makes."""
    alnum = sum(c.isalnum() for c in text)
    return bool(_PIECE_SHAPE.fullmatch(text)) and (alnum >= 2 or alnum == 1 and text.isalpha()
                                                   and text not in _RULE_MARKS)


def address_piece(word, words) -> bool:
    """A piece of an address OCR doubted as it doubts specks ("yannick@ guyane.gouv fr" at
    0.15-0.18, "@dordogne." at 0.08, "fr" at 0.27 after "@agglo-territoire-de-la-cote-"): on
    its line, the word holding the "@" (three letters around it at least) and the pieces
    next to it, on either side, that nothing but close pieces separates from it."""
    if not _piece(word.text) and not _AT_WORD.fullmatch(word.text):
        return False
    if _wrapped_end(word, words):
        return True
    line = sorted((w for w in words if w.line == word.line), key=lambda w: w.bbox[0])
    at = next(i for i, w in enumerate(line) if w is word)
    for step in (-1, 1):
        for i in range(at, min(len(line), max(-1, at + step * (NEAR_PIECES + 1))), step):
            text = line[i].text
            if "@" in text and _AT_WORD.fullmatch(text) and sum(c.isalpha() for c in text) >= 3:
                return True
            following = line[i + step] if 0 <= i + step < len(line) else None
            if not _piece(text) or following is None or not _close(line[i], following):
                break
    return False


def _wrapped_end(word, words) -> bool:
    """The end of an address a line end cut after a hyphen or a dot ("tgiacomoni@mairie-santa-
    maria-di-" / "lota.fr", doubted at 0.14 on a photo): on the next line, under the address's
    first letter, a domain's piece up to its top-level domain."""
    if "@" in word.text or not _DOMAIN_END.fullmatch(word.text):
        return False
    height = word.bbox[3] - word.bbox[1]
    return any(w.line != word.line and _AT_WORD.fullmatch(w.text) and w.text.endswith(("-", "."))
               and sum(c.isalpha() for c in w.text.partition("@")[0]) >= 2
               and abs(w.bbox[0] - word.bbox[0]) <= height and 0 <= word.bbox[1] - w.bbox[3] <= height
               for w in words)


_DOMAIN_END = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:" + "|".join(TLDS) + ")")


def _close(a, b) -> bool:
    """Two words a lost dot or nothing separates: a gap no wider than their letters' height
    (a speck in the gutter between label and answer, "TT" 45 points before the address, is not)."""
    left, right = (a, b) if a.bbox[0] <= b.bbox[0] else (b, a)
    height = max(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])
    return right.bbox[0] - left.bbox[2] <= height


def _address_chunk(chunks: list[str]) -> tuple[str, bool]:
    """The chunk holding the "@" with the pieces OCR cut from it at lost dots, and whether any
    was joined: before it, the local part's pieces (two at most: "jean-marc etienne"); after
    it, the domain's, up to its top-level domain."""
    at = next(i for i, chunk in enumerate(chunks) if "@" in chunk)
    start = at
    while start > max(0, at - LOCAL_PIECES) and _LOCAL_PIECE.fullmatch(chunks[start - 1]) \
            and chunks[start - 1] not in _RULE_MARKS and fold(chunks[start - 1]) not in _LABEL_WORDS:
        start -= 1
    domain, end = chunks[at].rpartition("@")[2], at + 1
    while end < len(chunks) and _DOMAIN_PIECE.fullmatch(chunks[end]) \
            and not ("." in domain and domain.rpartition(".")[2] in TLDS):
        domain, end = f"{domain}.{chunks[end]}", end + 1
    local = ".".join(filter(None, [*chunks[start:at], chunks[at].rpartition("@")[0]]))
    return f"{local}@{domain}", end - start > 1


def _at_restored(text: str) -> str | None:
    """An address whose "@" OCR lost in a gap ("y.chevrier moselle gouv.fr"): its first word a
    local part, every other a domain's piece, together a domain up to a known top-level domain;
    the "@" put back between them. None for any other text."""
    chunks = _unaccented(text).split()  # an accent OCR put on a letter ("s.pellétier") is no mark of prose
    if len(chunks) < 2 or not _LOCAL_PIECE.fullmatch(chunks[0]) or fold(chunks[0]) in _LABEL_WORDS \
            or not all(_DOMAIN_PIECE.fullmatch(chunk) for chunk in chunks[1:]):
        return None
    domain = ".".join(chunk.strip(".") for chunk in chunks[1:])
    return f"{chunks[0]}@{domain}" if _DOMAIN_END.fullmatch(domain) else None


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def mended_email(text: str) -> tuple[str, bool]:
    """An address as OCR left it, mended where no address can differ (no spaces, quotes or
    accents), and whether a dot or the "@" had to be guessed (before the top-level domain:
    "forcalquierfr" -> "forcalquier.fr"; at a gap: "josiane payet@deal-reunion gouv fr",
    "y.chevrier moselle gouv.fr")."""
    lost_at = "@" not in text
    if lost_at:
        restored = _at_restored(text)
        if restored is None:
            return text, False
        text = restored
    text = re.sub(r"\s*([.@])\s*", r"\1", text)  # "seine-maritime. gouv.fr"
    text = re.sub(r"(?<=\w)-\s+(?=\w)", "-", text)  # "ville- die.fr", cut at a line end
    text, joined = _address_chunk(text.split())
    address = _unaccented(text).strip("\"'“”«»,;:.()[]")
    local, _, domain = address.rpartition("@")
    # "d'kerbrat@", "j-etienne@": a scan or a fax reads the dot after an initial as an
    # apostrophe, a comma or a dash (a guess: shown mended, for a reviewer).
    mended = re.sub(r"^([a-z])['’,-]", r"\1.", local, flags=re.I)
    guessed_dot = mended != local or joined
    local = mended
    tld = None
    if "." not in domain:
        tld = next((t for t in TLDS if domain.endswith(t) and len(domain) > len(t) + 1), None)
        domain = f"{domain[:-len(tld)]}.{tld}" if tld else domain
    # an "@" put back is a guess: for a reviewer, unless the dossier confirms the address
    return f"{local}@{domain}", tld is not None or guessed_dot or lost_at
