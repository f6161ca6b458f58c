"""Normalisers for extracted field values (contract, "Field values"); pure, None when invalid."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Collection
from datetime import date

import phonenumbers
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from extractors.text import normalise as unaccented

log = logging.getLogger(__name__)

# -- dates ---------------------------------------------------------------------------------------

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}
# Long month names OCR may have damaged by a letter ("decernbre", "fevner"); short ones must match.
_FUZZY_MONTHS = {name: n for name, n in MONTHS.items() if len(name) >= 5}
_FIRST = ("premier", "1er", "1 er", "ler", "1re")  # "ler": OCR reads 1 as l
_LONG_DATE = re.compile(  # searched in lower case
    r"(?<!\w)(?P<day>premier|1 ?er|ler|1re|[0-3]?\d|[il]\d|[0-3][il])\s+(?P<month>[a-z]{3,10})"
    r"(?:\.?\s+|\s*[-–,.]\s*)(?P<year>(?:19|20)\d\d)(?!\d)")  # "septembre-2026": a speck glued
_NUMERIC_DMY = re.compile(
    r"(?<![\dOoIl])(?P<day>[\dOoIl]{1,2})\s?[/.\-]\s?(?P<month>[\dOoIl]{1,2})\s?[/.\-]\s?"
    r"(?P<year>[\dOoIl]{4}|[\dOoIl]{2})(?![\dOoIl])")
# "02.02 2026": a fax or photo lost the dot before a four-digit year; the day and month keep theirs.
_NUMERIC_DM_Y = re.compile(
    r"(?<![\dOoIl])(?P<day>[\dOoIl]{1,2})\s?[/.\-]\s?(?P<month>[\dOoIl]{1,2})\s(?P<year>(?:19|20)\d\d)(?!\d)")
# "20 08 2026": a photo lost both slashes; two digits each, a four-digit year (no phone
# number has one).
_NUMERIC_D_M_Y = re.compile(r"(?<![\d])(?P<day>\d{2}) (?P<month>\d{2}) (?P<year>(?:19|20)\d\d)(?!\d)")
_NUMERIC_YMD = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)")
_OCR_DIGITS = str.maketrans("OoIil", "00111")


def parse_french_date(text: str | None) -> date | None:
    """The first date written in `text`, in the forms French documents use.

    "12 mars 2026", "1er avril 2026", "le lundi 2 mars 2026", "Fait à Vitré, le 12 mars 2026",
    "12/03/2026", "12.03.26", "12-03-2026", "2026-03-12"; accents lost ("fevrier", "aout"),
    abbreviations ("févr."), OCR's "ler" for "1er" and l/O for 1/0. Day-first always.
    """
    if not text:
        return None
    # Accents go one character at a time, so that positions in both searches agree.
    folded = "".join(unicodedata.normalize("NFKD", c)[0] for c in text).lower()
    found = [m for m in (_find_long_date(folded), _find_numeric_date(text)) if m]
    if not found:
        return None
    return min(found)[1]  # the first date in reading order


def slashes_lost(text: str) -> bool:
    """The date in `text` was read only in the form a photo leaves when it loses both slashes
    ("20 08 2026"): its digits may be right, its reading is not sure."""
    folded = "".join(unicodedata.normalize("NFKD", c)[0] for c in text).lower()
    return bool(_NUMERIC_D_M_Y.search(text)) and not _find_long_date(folded) \
        and not any(p.search(text) for p in (_NUMERIC_YMD, _NUMERIC_DMY, _NUMERIC_DM_Y))


def _find_long_date(folded: str) -> tuple[int, date] | None:
    for match in _LONG_DATE.finditer(folded):
        month = _month_number(match["month"])
        day = "1" if match["day"] in _FIRST else match["day"].translate(_OCR_DIGITS)
        value = month and _make_date(match["year"], month, day)
        if value:
            return match.start(), value
    return None


def _find_numeric_date(text: str) -> tuple[int, date] | None:
    for pattern in (_NUMERIC_YMD, _NUMERIC_DMY, _NUMERIC_DM_Y, _NUMERIC_D_M_Y):
        for match in pattern.finditer(text):
            day, month, year = (match[g].translate(_OCR_DIGITS) for g in ("day", "month", "year"))
            value = _make_date(year, int(month), day)
            if value:
                return match.start(), value
    return None


def _month_number(word: str) -> int | None:
    if word in MONTHS:
        return MONTHS[word]
    for form in (word, word.replace("rn", "m")):  # "decernbre": rn read for m
        close = [n for name, n in _FUZZY_MONTHS.items()
                 if OSA.distance(form, name) <= (2 if len(name) >= 8 else 1)]
        if len(set(close)) == 1:
            return close[0]
    return None


def _make_date(year: str, month: int, day: str) -> date | None:
    """A valid calendar date; a two-digit year is 20yy (the programme started in 2006)."""
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    try:
        return date(full_year, month, int(day))
    except ValueError:
        return None


# -- e-mail --------------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![^\s<>:;,(\[\"'])[a-z0-9][a-z0-9._%+'-]*"
                    r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?![\w@-])")
_EMAIL_SPACES = re.compile(r"\s*([@.])\s*")
_AT = re.compile(r"\s*(?:\(at\)|\[at\]|\{at\})\s*", re.IGNORECASE)


def normalise_email(text: str | None) -> str | None:
    """A lower-cased e-mail address read from `text`, or None.

    Accepts "mailto:", "Nom <adresse>", spaces OCR put around "@" and dots, "(at)", a comma
    read for a dot in the domain, trailing punctuation.
    """
    if not text:
        return None
    candidate = text.strip()
    bracketed = re.search(r"<([^<>]*@[^<>]*)>", candidate)
    if bracketed:
        candidate = bracketed.group(1)
    candidate = re.sub(r"(?i)mailto:\s*", "", _AT.sub("@", candidate))
    candidate = _EMAIL_SPACES.sub(r"\1", candidate).lower()
    local, at, domain = candidate.partition("@")
    if at:
        candidate = local + at + re.sub(r"(?<=[a-z0-9]),(?=[a-z])", ".", domain)
    match = _EMAIL.search(candidate)
    if not match or _EMAIL.search(candidate, match.end()):
        return None  # none, or several addresses: a reviewer chooses
    address = match.group(0)
    return None if ".." in address or address.split("@")[0].endswith(".") else address


def email_misspells_name(address: str, name: str) -> bool:
    """True when a part of the address's local part nearly matches a part of `name` without
    being it ("rouxel.brigite" for Brigitte Rouxel), nor an initial glued to it ("gmaillard")."""
    words = [w for w in re.split(r"[\s'’-]+", unaccented(name)) if w]
    names = [w for w in words if len(w) >= 3] + [x + y for x, y in zip(words, words[1:])]  # "da silva"
    parts = [w for w in re.split(r"[._\-\d]+", unaccented(address.split("@")[0])) if len(w) >= 4]
    for part in parts:
        if part in _MAILBOX_WORDS or any(part in (n, n[:len(part)]) or part[1:] == n for n in names):
            continue
        if any(fuzz.ratio(part, n) >= 80 or fuzz.ratio(part[1:], n) >= 85 for n in names):
            return True
    return False


def email_is_bare_name(address: str, name: str) -> bool:
    """True when the address's local part is one word of its owner's name alone ("luciani@" for
    Ludovic Luciani): read by OCR, it may have lost an initial and its dot ("l.luciani@"),
    which Tesseract drops as specks; most addresses join a first name or an initial to it.
    Likewise an initial glued to the name ("flacombe@" for Franck Lacombe): the dot between
    them ("f.lacombe@") is a speck OCR drops as readily."""
    local = unaccented(address.split("@")[0])
    words = {w for w in re.split(r"[\s'’-]+", unaccented(name)) if len(w) >= 3}
    return local in words or any(local == w[0] + other or local == other + w[0]
                                 for w in words for other in words if other != w)


def email_spells_name(address: str, name: str) -> bool:
    """True when the address's local part is its owner's two-word name spelt out, joined by a
    dot ("patrice.peyrou", "peyrou.patrice", "mariesainte" for Marie-Sainte), or an initial,
    a dot and the other word ("p.peyrou"). A glued form ("ppeyrou") is not: the dot lost
    between an initial and a name ("l.lemaitre" read "llemaitre") would make one too."""
    local = address.split("@")[0]
    units = [unaccented(u) for u in name.split()]
    if len(units) != 2 or not all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", u) for u in units):
        return False
    for first, second in (units, units[::-1]):
        for head in {first, first.replace("-", ""), first[0]}:
            if local in (f"{head}.{second}", f"{head}.{second.replace('-', '')}"):
                return True
    return False


# The words a collectivité's or a State service's domain opens with ("mairie-biot.fr").
_DOMAIN_HEADS = {"mairie", "ville", "commune", "agglo"}


def domain_names(domain: str, names: list[str], state: bool) -> bool:
    """True when an address's domain is, piece for piece, a name the dossier gives: after a
    head word ("mairie", "ville", or the name's own first word: "deal", "cc"), a run of one
    name's words in order ("mairie-la-plaine-des-palmistes.fr", "cc-du-val-de-l-oise.fr"), then
    ".gouv.fr" for a State service, else ".fr"."""
    pieces = domain.split(".")
    tail = ["gouv", "fr"] if state else ["fr"]
    if len(pieces) != len(tail) + 1 or pieces[1:] != tail:
        return False
    parts = pieces[0].split("-")
    for name in names:
        words = [w for w in re.split(r"[^a-z0-9]+", unaccented(name)) if w]
        rest = parts[1:] if parts[0] in _DOMAIN_HEADS or words[:1] == parts[:1] and len(parts) > 1 else parts
        if rest and any(words[i:i + len(rest)] == rest for i in range(len(words))):
            return True
    return False


def names_nearly_equal(first: str, second: str) -> bool:
    """Two spellings of one person's name that differ by a slip ("Auroré"/"Aurore", a cut or an
    extra word): same name once folded and sorted, they are equal, not nearly so."""
    a, b = (" ".join(sorted(unaccented(n).replace("-", " ").split())) for n in (first, second))
    if not a or not b:
        return False
    if a == b:  # the same letters: accents differ only where capitals may drop them ("GUERIN")
        pairs = zip(*(sorted(n.replace("-", " ").split(), key=unaccented) for n in (first, second)))
        return any(x.casefold() != y.casefold() for x, y in pairs if not (x.isupper() or y.isupper()))
    return fuzz.ratio(a, b) >= 85 or fuzz.token_set_ratio(a, b) == 100


# Shared mailboxes' words, near some names ("mairie" / Marie) but no one's name.
_MAILBOX_WORDS = {"mairie", "contact", "accueil", "urbanisme", "secretariat", "direction", "service",
                  "courrier", "info", "cabinet", "prefecture", "amenagement", "territoire", "ville"}


# -- telephone -----------------------------------------------------------------------------------

# National prefixes of the overseas départements (ARCEP plan), and the region phonenumbers
# knows them by. Mayotte (YT) shares +262 with La Réunion.
OVERSEAS_PREFIXES = {
    "0262": "RE", "0263": "RE", "0692": "RE", "0693": "RE",
    "0269": "YT", "0639": "YT",
    "0590": "GP", "0690": "GP", "0691": "GP",
    "0594": "GF", "0694": "GF",
    "0596": "MQ", "0696": "MQ", "0697": "MQ",
}
_DEPARTEMENT_REGIONS = {"971": "GP", "972": "MQ", "973": "GF", "974": "RE", "976": "YT",
                        "975": "PM", "977": "BL", "978": "MF"}
_PHONE = re.compile(r"(?:\+|\b00)?\d[\d \t.\-()]{6,}\d")


def normalise_phone(text: str | None, departement: str | None = None) -> str | None:
    """An E.164 number ("+33299123456", "+262692612487") read from `text`, or None.

    French national numbers pick their territory from their prefix (0262/0692 La Réunion,
    0590/0690 Guadeloupe, 0594/0694 Guyane, 0596/0696 Martinique, 0269/0639 Mayotte), whatever
    `departement` says; `departement` (a code) only helps for numbers the prefix cannot place.
    "+33 (0)2 …", "0033 2 …", and an overseas number wrongly written with +33 are handled.
    """
    if not text:
        return None
    # A fax or a poor scan reads a dot between two digit pairs as a comma, a colon or a semicolon
    # ("05.16.38.02,94", "05:15.39.06.60").
    found = _PHONE.search(re.sub(r"(?<=\d)[,:;](?=\d)", ".", text.replace("\u00a0", " ")))
    if not found:
        return None
    written = re.sub(r"\(0\)", "", re.split(r"\s+-\s+", found.group(0))[0])
    digits = re.sub(r"\D", "", written)
    if written.startswith("+") or written.startswith("00"):
        number = _parse("+" + digits.removeprefix("00"), None)
        overseas = _overseas_written_as_metropolitan(number)
        # "+33 6 39 …" that no overseas plan allocates is the number as written, not Mayotte's
        number = overseas if overseas is not None and phonenumbers.is_valid_number(overseas) else number
        # "+33 7 17 …": as well formed as "07 17 …", whatever the allocation tables say.
        known = number is not None and (phonenumbers.is_valid_number(number) or number.country_code == 33
                                        and _well_formed_national("0" + str(number.national_number), number))
    else:
        number = _parse_national(digits, departement)
        known = number is not None and (phonenumbers.is_valid_number(number) or _well_formed_national(digits, number))
    if not known:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _parse_national(digits: str, departement: str | None):
    ten = len(digits) == 10 and digits.startswith("0")
    region = OVERSEAS_PREFIXES.get(digits[:4]) if ten else None
    number = _parse(digits, region or "FR") if ten else None
    fallback = _DEPARTEMENT_REGIONS.get(departement or "")
    if fallback and not region and (number is None or not phonenumbers.is_valid_number(number)):
        return _parse(digits, fallback)  # e.g. a six-digit local number of Saint-Pierre
    return number


def _well_formed_national(digits: str, number) -> bool:
    """"0X XX XX XX XX" is a French number whatever the allocation tables say: the library's
    ranges lag behind the operators' (a new Martinique or Guadeloupe line reads as invalid)."""
    return len(digits) == 10 and digits[0] == "0" and digits[1] in "123456789" \
        and phonenumbers.is_possible_number(number)


def as_metropolitan(e164: str) -> str | None:
    """An overseas E.164 number as the +33 number its national digits make ("+596696…" ->
    "+33696…"), or None when it has no ten-digit national form."""
    number = _parse(e164, None)
    national = str(number.national_number) if number is not None else ""
    return f"+33{national}" if len(national) == 9 else None


def overseas_territory(e164: str) -> str | None:
    """The overseas region ("MQ", "RE", ...) a French E.164 number belongs to, else None."""
    number = _parse(e164, None)
    if number is None or number.country_code not in (262, 508, 590, 594, 596):
        return None
    return phonenumbers.region_code_for_number(number) or phonenumbers.region_code_for_country_code(number.country_code)


def _overseas_written_as_metropolitan(number):
    """+33 6 92 … is a Réunion mobile written with France's code: give it its own."""
    if number is None or number.country_code != 33:
        return None
    region = OVERSEAS_PREFIXES.get("0" + str(number.national_number)[:3])
    return _parse("0" + str(number.national_number), region) if region else None


def _parse(text: str, region: str | None):
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


# -- free text -----------------------------------------------------------------------------------

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SOFT_BREAK = re.compile(r"(\w)[\u00ad¬][ \t]*\r?\n[ \t]*(?=\w)")
_HYPHEN_BREAK = re.compile(r"(\w+)-[ \t]*\r?\n[ \t]*(?=(\w+))")
# A hyphen at a line end is kept after these words ("centre-ville", "sous-préfet",
# "arrière-pays"), chosen because they seldom begin a longer word at a syllable break ...
COMPOUND_HEADS = frozenset({
    "saint", "sainte", "centre", "coeur", "sous", "demi", "porte", "vice", "grand", "haut",
    "haute", "basse", "nord", "sud", "est", "ouest", "socio", "non", "apres", "avant", "arriere",
    "quasi", "rez", "plus", "moins",
})
# ... and before these whole words ("peut-être", "eux-mêmes", "centre-bourg") ...
COMPOUND_TAILS = frozenset({"etre", "meme", "memes", "ville", "villes", "bourg", "bourgs",
                            "village", "villages"})
# ... and before these after a capitalised word: place names ("Saint-Jean-de-Luz").
PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "en", "sur", "sous",
                       "lez", "aux", "au", "et", "a"})


# An elided article or preposition never stands apart from its word ("Métropole d' Aix-…",
# a letterhead's line cut or OCR's space after the apostrophe).
_ELISION_SPACE = re.compile(r"(?<![^\W\d_])((?:[dlDL]|[Qq]u|[Jj]usqu)['’]) (?=[^\W\d_])")


_LIGATURE_SLIP = re.compile(r"\w*[æÆ]\w*")


def ligature_mended(text: str, oe_words: Collection[str]) -> str:
    """A word OCR read with "æ" for the "œ" of a place name ("Maire de Schælcher"), spelt as the
    geography writes it: no French commune's name has an "æ". `oe_words`: the casefolded words
    with "œ" of the geography's names."""
    def mended(match: re.Match) -> str:
        word = match.group(0)
        fixed = word.replace("æ", "œ").replace("Æ", "Œ")
        return fixed if fixed.casefold() in oe_words else word
    return _LIGATURE_SLIP.sub(mended, text)


def clean_text(text: str | None) -> str | None:
    """Trimmed text, whitespace collapsed, words split at a line end rejoined; None if empty.

    "aménage-\\nment" -> "aménagement" (hyphenation) but "Pyrénées-\\nAtlantiques" ->
    "Pyrénées-Atlantiques" and "centre-\\nville" -> "centre-ville" (compounds). The text
    itself settles a doubt: a form it also writes elsewhere, joined or hyphenated, wins. A
    break already made a space is mended the same way ("Saint- Pierre" -> "Saint-Pierre");
    check-box glyphs, and marks at the edges (". François", "__ Aurélien", "Maire ____"), go.
    """
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", "".join(_LIGATURES.get(c, c) for c in text))
    text = _SOFT_BREAK.sub(r"\1", text)
    known = fold(_HYPHEN_BREAK.sub(r"\1 ", text), keep="-")  # the text minus its line breaks
    text = _HYPHEN_BREAK.sub(lambda m: m[1] + ("-" if _keeps_hyphen(m[1], m[2], known) else ""),
                             text)
    text = _BOX_GLYPHS.sub(" ", text)
    text = _CUT_ON_LINE.sub(lambda m: _rejoined(m, known), text)
    text = " ".join(text.replace("\u00ad", "").split())
    text = _ELISION_SPACE.sub(r"\1", text)
    text = _LEADING_MARKS.sub("", text)
    text = _TRAILING_MARKS.sub("", text)
    return text or None


def _keeps_hyphen(head: str, tail: str, known: str) -> bool:
    """Whether a word split by a hyphen at a line end is a compound (keep it) or hyphenated."""
    if head[-1].isdigit() or tail[0].isdigit():
        return True  # "2025-2030", "RN-12"
    if tail[0].isupper():
        return True  # "Pyrénées-Atlantiques", "Saint-Malo"; in capitals, place names win too
    last, first = fold(head), fold(tail)
    if not last or not first or " " in last + first:
        return True  # not plain Latin letters: leave as written
    hyphenated = re.search(rf"\b{last}-{first}\b", known) is not None
    joined = re.search(rf"\b{last}{first}", known) is not None  # "aménagement(s)"
    if hyphenated != joined:
        return hyphenated
    return (last in COMPOUND_HEADS or first in COMPOUND_TAILS
            or head[0].isupper() and first in PARTICLES)


# Check-box glyphs are never part of a written answer: OCR kept a box printed in the cell.
_BOX_GLYPHS = re.compile(r"[☐☒☑□■▢▪◻◼❑❒]")
# A line break already turned into a space by whoever joined the lines: "Saint- Pierre".
_CUT_ON_LINE = re.compile(r"(?<!\w)(\w+)-[ \t]+(?=(\w+))")
# Marks a value never starts or ends with: a dot or colon left of a label, underscores and dot
# leaders of a form's blank, a bullet ("__ Aurélien PARIS", ". François ROBIN", "Nom ....").
# A table's rule read as a bracket at a fiche answer's edge goes where the answer is read
# (extractors/fields/text_edges.py).
_LEADING_MARKS = re.compile(r"^(?:[.,;:_|!•·*…]+|[-–—]+(?=\s))\s*")
_TRAILING_MARKS = re.compile(r"(?:\s*(?:[_|•·*]+|\.{4,}|…{2,}|[,;:]+))+$")


def _rejoined(match: re.Match, known: str) -> str:
    """"Saint- Pierre" -> "Saint-Pierre", "aména- gement" -> "aménagement"; a lower-case
    function word after the dash ("pré- et post-") is a suspended prefix: left as written."""
    head, tail = match[1], match[2]
    if _keeps_hyphen(head, tail, known):
        return head + "-"
    if fold(tail) in PARTICLES or fold(tail) in _FUNCTION_WORDS:
        return match[0]
    return head


# Left as written after "pré- ": a suspended prefix ("pré- et post-opératoire").
_FUNCTION_WORDS = frozenset({"et", "ou", "a", "au", "aux", "en", "pour", "par"})


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")  # fold's, compiled once: it folds every name of the geography
_FOLD_LETTERS = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def fold(text: str, keep: str = "") -> str:
    """Lower-case ASCII words for comparing names: "L’Île-Rousse" -> "l ile rousse".

    Accents, ligatures, hyphens, apostrophes (' and ’) and other punctuation but `keep` go.
    """
    text = unaccented(text.translate(_FOLD_LETTERS))  # the extractors' own folding, so that both agree
    others = re.compile(rf"[^a-z0-9{re.escape(keep)}]+") if keep else _NOT_ALNUM
    return " ".join(others.sub(" ", text).split())


def without_specks(text: str, official: str) -> str:
    """`text` with the accents a scan's specks put on the letters of a name it writes
    (`official`, as the COG spells it, with or without its article) taken off: "Ville du
    Morné-Vert" for Le Morne-Vert. Only an accent on a letter the official name writes bare
    goes; one missing is how some type it, and stays."""
    bare = re.sub(r"^(?:les?|la)\s+|^l['’]", "", official, flags=re.I)
    for name in dict.fromkeys((official, bare)):
        for start in range(len(text) - len(name) + 1):
            span = text[start:start + len(name)]
            pairs = list(zip(span.casefold(), name.casefold()))
            if span != name and all(a == b or unaccented(a) == b for a, b in pairs) \
                    and any(a != b for a, b in pairs):
                mended = "".join(s if s.casefold() == n.casefold() else n.upper() if s.isupper() else n
                                 for s, n in zip(span, name))
                return text[:start] + mended + text[start + len(name):]
    return text
