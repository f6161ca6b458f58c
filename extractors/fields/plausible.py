"""Whether a value read by OCR reads as French: a slip Tesseract was sure of is for a reviewer.

Tesseract's word confidence says little about a word it got wrong with confidence
("plandcapon", "Mäire", "nanière"): checked against the words the French model knows, a value
with misread words, or made of the form's own garbled prompts, is kept as read but not trusted.
Person and place names are never checked (no lexicon holds them); acronyms neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from extractors.fields import nlp
from extractors.fields.form import LABELS, OPTIONS, RUNNING_HEADERS
from extractors.fields.layout import norm
from extractors.model import FieldStatus, FieldValue, PageText

# Text fields made of common words (names, places, addresses, codes and slugs are not).
WORDED_FIELDS = {
    "s1.etat.service", "s1.etat.referent_fonction", "s1.collectivite.elu_qualite", "s1.partenaires",
    "s2.secteur", "s3.intitule", "s3.description", "s4.objectifs", "s4.attendus", "s4.calendrier",
    "s5.documents", "s5.acteurs", "s5.moyens", "a1.dynamiques_territoire", "a2.dynamiques_amenagement",
}
# Words of the programme the model's vocabulary lacks.
DOMAIN_WORDS = frozenset("""cheffe intercommunal intercommunale intercommunales intercommunaux intercommunalité
    renouvellement revitalisation requalification mobilité mobilités atelier ateliers préfète sous-préfète
    référente référent référents référentes élue élues porteuse porteuses co-porteur co-porteurs""".split())
# State services a fiche names in section 1 ("DDTM de la Gironde", "DEAL Martinique").
STATE_SERVICES = frozenset("DDT DDTM DEAL DREAL DRIEAT DRIHL DGTM DTAM DDETS SGAR DGALN DHUP ANCT".split())
_WORD = re.compile(r"[^\W\d_]+")
LONG_TEXT = 6          # words checked; below it, one unknown word is enough to doubt the value
UNKNOWN_SHARE = 0.08   # in a longer text, this share of unknown words (and at least two)


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    return nlp.vocabulary() | DOMAIN_WORDS


def known(word: str) -> bool:
    """A French word form: as the model knows it, or a plural or feminine of one it knows."""
    lexicon = _lexicon()
    w = word.casefold()
    # The model's vocabulary holds some nouns in the plural only ("agents", "bailleurs"): a
    # singular whose plural it knows is known.
    return w in lexicon or any(w.endswith(end) and w[: -len(end)] in lexicon for end in ("s", "x", "e", "es")) \
        or len(w) >= 4 and w + "s" in lexicon


def unknown_words(text: str, field_id: str) -> tuple[list[str], int]:
    """The words of `text` the lexicon lacks, and how many were checked.

    Lowercase words of four letters or more are checked; in a quality or a function, the
    first word too ("Mäire"), which is no name even when capitalised."""
    capitals = field_id in ("s1.collectivite.elu_qualite", "s1.etat.referent_fonction")
    words = [w for i, w in enumerate(_WORD.findall(text))
             if len(w) >= 4 and (w.islower() or (capitals and i == 0 and w[0].isupper() and w[1:].islower()))]
    return [w for w in words if not known(w)], len(words)


def implausible(field_id: str, text: str) -> bool:
    """Whether an OCR'd value has too many words that are no French word to be trusted."""
    if field_id == "s1.etat.service":
        head = text.split()[0] if text.split() else ""
        if head.isupper() and len(head) >= 2 and head not in STATE_SERVICES:
            return True  # "DOTM de la Gironde", "OT du Cher": a service's acronym with a letter lost or wrong
    if field_id == "s1.collectivite.elu_qualite" and _slipped_mandate(text):
        return True
    if not any(len(w) >= 3 for w in _WORD.findall(text)):
        return True  # "ON A A ON D": specks and rules read as letters, no word at all
    if not nlp.available():
        return False  # without the model there is nothing to judge by
    unknown, checked = unknown_words(text, field_id)
    if checked < LONG_TEXT:
        return bool(unknown)
    return len(unknown) >= 2 and len(unknown) / checked >= UNKNOWN_SHARE


# The words an élu's quality starts with ("Maire", "Première adjointe", "Vice-président").
MANDATE_WORDS = frozenset("""maire adjoint adjointe premier premiere deuxieme troisieme president presidente
    vice-president vice-presidente vice conseiller conseillere delegue deleguee elu elue""".split())


def _slipped_mandate(text: str) -> bool:
    """A quality whose first word is one letter from a mandate's ("Mare", "Présidcnt") without
    being one: a French word may hide the slip ("mare"), the lexicon does not catch it."""
    words = text.split()
    head = norm(words[0]) if words else ""
    if not head or head in MANDATE_WORDS or head.replace("-", "") in {w.replace("-", "") for w in MANDATE_WORDS}:
        return False
    return any(fuzz.ratio(head, word) >= 75 for word in MANDATE_WORDS if len(word) >= 4)


def doubt_misread(fields: Mapping[str, FieldValue], pages: Iterable[tuple[str, PageText]]) -> dict[str, FieldValue]:
    """`fields` with the OCR'd worded values that do not read as French sent to review."""
    ocr = {(file, page.number) for file, page in pages if page.ocr}
    out = dict(fields)
    for field_id, value in fields.items():
        if field_id not in WORDED_FIELDS or value.status is not FieldStatus.EXTRACTED \
                or not isinstance(value.value, str) or value.source is None:
            continue
        read_by_ocr = (value.source.file, value.source.page) in ocr
        if read_by_ocr and implausible(field_id, value.value) or holds_form_text(value.value) \
                or holds_options(value.value):
            out[field_id] = replace(value, status=FieldStatus.NEEDS_REVIEW)
    return out


FORM_RUN = 3  # words of the printed form in a row: no answer repeats them, a misplaced cut does


def _run_words(text: str) -> list[str]:
    return [w for w in (norm(word) for word in re.split(r"[\s/,;:()'’.…]+", text)) if len(w) >= 3]


@lru_cache(maxsize=1)
def _form_runs() -> frozenset[tuple[str, ...]]:
    """Every run of FORM_RUN words of the form's printed labels and running headers (the
    annexes' prose prompts name things an answer may list too: they are cut by the reader)."""
    runs = set()
    for text in [label.text for label in LABELS if not label.skip] + list(RUNNING_HEADERS):
        words = _run_words(text)
        runs.update(tuple(words[i:i + FORM_RUN]) for i in range(len(words) - FORM_RUN + 1))
    return frozenset(runs)


def holds_form_text(text: str) -> bool:
    """Whether an answer carries the form's own printed words ("Moyens logistiques mis à…",
    "(PLU/PLUi, SCoT, études"): the answer's edge was cut in the wrong place, a label or a
    prompt came with it, and what else it holds cannot be trusted."""
    words = _run_words(text)
    runs = _form_runs()
    return any(tuple(words[i:i + FORM_RUN]) in runs for i in range(len(words) - FORM_RUN + 1))


# A check box as a text answer holds it: a glyph, or a typed "[X]" / "[ ]" as OCR reads it.
_BOX_WORD = re.compile(r"[☐☒☑□■]|(?=.*[\[\]])[\[\]|1lIxX]{2,4}")


@lru_cache(maxsize=1)
def _option_starts() -> frozenset[tuple[str, str]]:
    """The first two words of every check-box option of the form, folded."""
    starts = set()
    for options in OPTIONS.values():
        for option in options:
            words = [w for w in map(norm, option.text.split()) if w]
            if len(words) >= 2:
                starts.add((words[0], words[1]))
    return frozenset(starts)


def holds_options(text: str) -> bool:
    """Whether a text answer holds a check box followed by the words of one of the form's
    options ("… l'entrée de ville Thématique(s) ! [X] Réhabilitation des entrées de ville"):
    the next label was lost and its options ran into the answer, which cannot be trusted."""
    words = text.split()
    for i, word in enumerate(words[:-2]):
        if _BOX_WORD.fullmatch(word) and (norm(words[i + 1]), norm(words[i + 2])) in _option_starts():
            return True
    return False


# Free-text answers whose presence alone a rule asks about ("is the section answered?").
PROSE_FIELDS = WORDED_FIELDS - {"s1.etat.service", "s1.etat.referent_fonction", "s1.collectivite.elu_qualite",
                                "s3.intitule"}
PLAIN_ANSWER = 8  # French words of the porteur's own: a text this long answers, whatever its slips


@lru_cache(maxsize=1)
def _form_words() -> frozenset[str]:
    """Every word the form prints (labels, prompts, running headers), folded."""
    texts = [label.text for label in LABELS] + list(RUNNING_HEADERS)
    return frozenset(w for text in texts for w in _run_words(text))


def plainly_answered(field_id: str, text) -> bool:
    """Whether a free-text value read with slips still plainly answers its question: at least
    PLAIN_ANSWER known French words that the form itself does not print. A reviewer still
    checks its words; whether the section was answered is not in doubt. The form's own
    prompts, garbled or not, never count (their words are the form's or no word at all)."""
    own = own_words(field_id, text)
    # A shorter text (a fax's two sentences, "Le PLU est en révision. …") answers too when the
    # porteur's own words are most of its words: no prompt or speck reads that way.
    return own >= PLAIN_ANSWER or own >= SHORT_ANSWER and 3 * own >= 2 * len(_worded(field_id, text))


# Four: a fax's two sentences ("Le PLU ost en révision. Une opération programméc
# d'amélioration de l'habitat …") keep few words both known and not the form's ("habitat",
# "collectivité" are printed in the annexes' prompts); a prompt, garbled or not, keeps none.
SHORT_ANSWER = 4


def _worded(field_id: str, text) -> list[str]:
    """The words of four letters or more of a free-text value that the form does not print,
    misread or not ("habtat", "collecuvité": the annexes' prompts print "habitat", "collectivité")."""
    if field_id not in PROSE_FIELDS or not isinstance(text, str):
        return []
    words = [w for w in _WORD.findall(text) if len(w) >= 4 and norm(w) not in _form_words()]
    return [w for w in words if known(w) or not any(_printed(m) for m in _slip_mends(w))]


def own_words(field_id: str, text) -> int:
    """How many known French words of four letters or more, that the form does not print, a
    free-text value holds: the porteur's own words, however many others OCR damaged. A word
    one photo slip from such a word counts too ("opérabon")."""
    if not nlp.available():
        return 0
    return len([w for w in _worded(field_id, text)
                if known(w) or any(not _printed(m) for m in _slip_mends(w))])


# What a photo's blur makes of thin letters: "ti" or "li" read as one ("b", "u", "h"), an
# "i" lost ("habtat"). Only whether a section holds the porteur's words is asked of it.
_SLIPS = (("b", "ti"), ("b", "li"), ("u", "ti"), ("h", "li"))


@lru_cache(maxsize=4096)  # asked of one word by `_worded` and `own_words`, a value read twice
def _slip_mends(word: str) -> tuple[str, ...]:
    """The known words one slip (`_SLIPS`, or an "i" put back inside) from a word the lexicon lacks."""
    w = word.casefold()
    if known(w):
        return ()
    mended = [w[:m.start()] + meant + w[m.end():] for read, meant in _SLIPS for m in re.finditer(read, w)]
    return tuple(m for m in mended + [w[:at] + "i" + w[at:] for at in range(1, len(w))] if known(m))


def _printed(word: str) -> bool:
    """A word the form prints, in the singular or the plural ("emplois": "emploi")."""
    folded = norm(word)
    return bool({folded, folded.rstrip("sx"), folded + "s"} & _form_words())


ANSWERED_FIELDS = 3  # doubtful answers of a section, each holding words of its own: the section is answered


def holds_answer(value) -> bool:
    """Whether a doubtful value holds a word of the porteur's own: three letters or digits or
    more, and no word the form prints, even misread ("Foncbon" is the label "Fonction")."""
    if isinstance(value, dict):
        value = value.get("nom")
    elif isinstance(value, list):
        value = " ".join(str(v.get("nom") if isinstance(v, dict) else v) for v in value)
    if not isinstance(value, str):
        return False
    printed = _form_words()
    return any(not any(fuzz.ratio(word, form) >= 80 for form in printed)
               for word in (norm(w) for w in re.findall(r"[^\W_]{3,}", value)) if len(word) >= 3)
