"""The fiche de candidature: each label's answer, from page words or the office file's tables."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from rapidfuzz import fuzz

from extractors.fields import answer_text
from extractors.fields.answer_text import capital_i, finished_text, join_words, mean_conf, source_of
from extractors.fields.box_doubt import empty_by_a_hair
from extractors.fields.boxes import UNREAD, empty_brackets, read_boxes
from extractors.fields.email_text import mended_email
from extractors.fields.fiche_cells import cells, lost_between, lost_cell, lost_phone, lost_run, section_cells
from extractors.fields.fiche_checks import doubt_domain_slips, ends_short, implied_choices, words_lost_inside
from extractors.fields.fiche_emails import emails_by_names
from extractors.fields.fiche_groups import lost_fields, lost_groups
from extractors.fields.form import ALIASES, LABELS, LIST_FIELDS, OPTIONS, SINGLE_CHOICE
from extractors.fields.labels import Hit, find_labels
from extractors.fields.layout import Row, Token, document_rows, mark, norm, token_lines, unnamed_row
from extractors.fields.lost_labels import (
    label_parts,
    label_piece,
    label_rest,
    named_rows,
    own_label_words,
    titled_by_instructions,
    without_label_lines,
)
from extractors.fields.plausible import PROSE_FIELDS
from extractors.fields.smear import smears
from extractors.fields.text_edges import without_lone_marks
from extractors.model import FieldStatus, FieldValue, PageText

log = logging.getLogger(__name__)

FICHE_FIELDS = tuple(dict.fromkeys(label.field for label in LABELS if label.field)) + ("fiche.date",)
# The date starts with a digit: "Fait à Le Quesnoy, le 30 juin" names a place that starts with "Le".
# A fax accents the "le" ("lé").
_FAIT_A = re.compile(r"^\s*fait\s+[àa]\s*:?\s*(?P<lieu>.*?)\s*[,;]?\s*(l[eéè]|en date du)\s+(?P<date>\d.*?)\s*\.?$",
                     re.I)


def extract_fiche(pages: list[tuple[str, PageText]], tables=()) -> dict[str, FieldValue]:
    """Raw values of every fiche field (strings, or slugs for check boxes), with sources.

    `pages` are the fiche's (file, page) pairs in reading order, possibly over several
    files (one photo per page); `tables` are the office file's tables when there is one.
    """
    rows = document_rows(pages)
    fields = _read_rows(rows)
    by_columns = document_rows(pages, columns=True)
    if by_columns != rows:
        # Two columns side by side: a label column and its answers, or newspaper columns.
        # The reading that gives more labels an answer is the one the layout meant.
        other = _read_rows(by_columns)
        if _answered(other) > _answered(fields):
            fields = other
    if tables:
        fields.update(_from_tables(tables, fields))
    implied_choices(fields)
    doubt_domain_slips(fields)
    emails_by_names(fields)
    return fields


def _read_rows(rows: list[Row]) -> dict[str, FieldValue]:
    """Each label's answer: the words after it, up to the next label or heading."""
    hits = titled_by_instructions(find_labels(rows))
    label_positions = {pos for hit in hits for pos in hit.positions}
    fields = {fid: FieldValue.missing() for fid in FICHE_FIELDS}
    ends = [h for h in hits if h.index < 0 or not LABELS[h.index].skip]
    found = {hit.index for hit in hits}
    for hit in hits:
        field = LABELS[hit.index].field if hit.index >= 0 else None
        if not field:
            run = lost_run(hit, hits, found) if hit.index >= 0 else []
            tokens = _answer_tokens(rows, hit, _next_end(ends, hit), label_positions)[0] if run else []
            if tokens and min(t.conf for t in tokens) < 1.0:  # a heading, then labels OCR lost
                for lost_field, cell in section_cells(run, tokens).items():
                    fields[lost_field] = _moved(lost_field, cell, hit)
            continue
        tokens, unnamed = _answer_tokens(rows, hit, _next_end(ends, hit), label_positions)
        rest = label_rest(hit.index, tokens) if tokens and tokens[0].conf < 1.0 else 0
        tokens, unnamed = tokens[rest:], [(at - rest, name) for at, name in unnamed if at >= rest]
        cut = unnamed[0][0] if unnamed else None
        lost_label = lost_between(hit, hits, found)
        unlabelled = cut is not None and min(t.conf for t in tokens) < 1.0
        run = lost_run(hit, hits, found)
        if unlabelled and run and cut > 0:
            # The table's next rows, their labels unreadable: the lost labels' answers from there on.
            rest = [tokens[cut:]] if len(run) == 1 else cells(tokens[cut:])
            # One cell per lost label in the form's order; else the rows named by their label words.
            named = named_rows(tokens, unnamed, run) if len(run) > 1 and len(rest) != len(run) else {}
            for lost_field, cell in named.items() or zip(run, rest if len(rest) == len(run) else []):
                fields[lost_field] = _moved(lost_field, cell, hit)
            tokens, lost_label, unlabelled = tokens[:cut], None, False
        following = LABELS[hit.index + 1] if hit.index + 1 < len(LABELS) else None
        if following is not None and following.skip:
            tokens = answer_text.without_instructions(tokens, following.text)
        split_by_lines = False
        if lost_label and tokens and min(t.conf for t in tokens) < 1.0:
            parts, split_by_lines = lost_cell(field, lost_label, tokens)
            if len(parts) >= 2:  # the lost label's answer is the last cell of the one before
                tokens = [t for cell in parts[:-1] for t in cell]
                fields[lost_label] = _moved(lost_label, parts[-1], hit)
        later_run = lost_run(hit, hits, found)
        if len(later_run) >= 2 and tokens and min(t.conf for t in tokens) < 1.0:
            parts = cells(tokens)
            if len(parts) != len(later_run) + 1 and len(token_lines(tokens)) == len(later_run) + 1:
                parts, split_by_lines = token_lines(tokens), True  # a photo squeezed the gaps: a line each
            if len(parts) == len(later_run) + 1:  # one cell per label, in the form's order
                tokens = parts[0]
                for lost_field, cell in zip(later_run, parts[1:]):
                    fields[lost_field] = _moved(lost_field, cell, hit)
        groups = lost_groups(field, tokens, lost_fields(hit, hits, found))
        if groups:  # check-box groups whose labels OCR lost, told by their options
            tokens = groups.pop(field)
            for lost_field, cell in groups.items():
                fields[lost_field] = _values(lost_field, cell, hit)[lost_field] if lost_field in OPTIONS \
                    else _moved(lost_field, cell, hit)
        lost = lost_phone(tokens, hit.index, found)
        if lost:
            telephone, number = lost
            tokens = tokens[:-len(number)]
            fields[telephone] = _moved(telephone, number, hit)
        ran_on = _into_unread_annex(tokens, hit.index, found)
        if ran_on:
            tokens = tokens[:-ran_on]
        if tokens and tokens[0].conf < 1.0 and _level_with_label(rows, hit, tokens[0]):  # "identifier…": "I" read small
            tokens = [replace(tokens[0], text=capital_i(tokens[0].text)), *tokens[1:]]
        fields.update(_values(field, tokens, hit, bool(tokens) and _under_label(rows, hit, tokens)))
        if (ran_on or split_by_lines or unlabelled or ends_short(field, rows, tokens)
                or words_lost_inside(field, tokens)) \
                and fields[field].status is FieldStatus.EXTRACTED:
            fields[field] = replace(fields[field], status=FieldStatus.NEEDS_REVIEW)
        if field in LIST_FIELDS and fields[field].status is FieldStatus.EXTRACTED and _starts_low(rows, hit, tokens):
            fields[field] = replace(fields[field], status=FieldStatus.NEEDS_REVIEW)
    _unread_sections(fields, found, any(t.conf < 1.0 for row in rows for t in row.tokens))
    return fields


def _sections() -> list[tuple[int, list[int]]]:
    """Each section heading's index in LABELS, with the indexes of the labels printed under it."""
    out: list[tuple[int, list[int]]] = []
    open_section = ""  # the field id prefix of the section being listed
    for index, label in enumerate(LABELS):
        section = re.match(r"SECTION (\d)", label.text)
        if label.field is None and section:
            out.append((index, []))
            open_section = f"s{section.group(1)}."
        elif label.skip:
            open_section = ""  # the annexes' printed instructions: no section's labels after them
        elif open_section and label.field and label.field.startswith(open_section):
            out[-1][1].append(index)
    return out


def _unread_sections(fields: dict[str, FieldValue], found: set[int], scanned: bool) -> None:
    """A section whose heading was read but none of its labels (a page photographed sideways,
    read as jumbled words): its answers are unknown, not empty. Its fields go to a reviewer
    with nothing read, so that no "section vide" is asserted on a page nobody could read.
    On a scan or a photo, likewise the labels OCR lost of a section where nothing was read
    (the shaded half of a photographed page), and an annex whose title OCR lost (its page
    photographed badly, or not recognised as the fiche's): what they asked is unknown, not
    unanswered. So too, on a scan, a label OCR lost in a section otherwise read: nothing says
    its cell was empty."""
    for heading, labels in _sections():
        ids = {LABELS[index].field for index in labels}
        if heading in found and not any(index in found for index in labels):
            lost = ids
        else:
            lost = {LABELS[index].field for index in labels if index not in found} if scanned else set()
        for fid in lost:
            if fields[fid].status is not FieldStatus.MISSING:
                continue  # its answer found under the label before it
            fields[fid] = FieldValue(None, 0.3, None, FieldStatus.NEEDS_REVIEW)
    # On a scan, a short answer right of a short label is what OCR loses most ("Région" read
    # with its "Martinique" gone): a région read empty beside a département read is unknown.
    region = fields["s2.region"]
    if scanned and region.status is FieldStatus.MISSING and fields["s2.departement"].value is not None:
        fields["s2.region"] = FieldValue(None, 0.3, None, FieldStatus.NEEDS_REVIEW)
    if scanned:  # an annex's title is its only label: on a scan, one OCR did not find is unread, not empty
        for index, label in enumerate(LABELS):
            if label.field and label.field.startswith("a") and index not in found \
                    and fields[label.field].status is FieldStatus.MISSING:
                fields[label.field] = FieldValue(None, 0.3, None, FieldStatus.NEEDS_REVIEW)


def _moved(field: str, tokens: list[Token], hit: Hit) -> FieldValue:
    """An answer found under another label, its own unread: what was read, for a reviewer."""
    tokens = tokens[own_label_words(field, tokens):]  # its label read in part is no answer
    tokens = without_label_lines(field, tokens)  # ... nor its wrapped lines
    if not tokens:  # nothing after it: unanswered, or the answer lost too, for a reviewer
        return FieldValue(None, 0.3, None, FieldStatus.NEEDS_REVIEW)
    value = _values(field, tokens, hit)[field]
    status = FieldStatus.NEEDS_REVIEW if value.value is not None else value.status
    return FieldValue(value.value, value.confidence, value.source, status)


def _into_unread_annex(tokens: list[Token], index: int, found: set[int]) -> int:
    """How many of an answer's last tokens stand on a later scanned page than its start while
    the annex title after its label went unread: the annexes start a page of their own."""
    after = LABELS[index + 1] if index + 1 < len(LABELS) else None
    if not (after and after.field or "").startswith("a") or index + 1 in found or not tokens or tokens[0].conf >= 1.0:
        return 0
    start = (tokens[0].file, tokens[0].page)
    later = next((i for i, t in enumerate(tokens) if (t.file, t.page) != start), None)
    return 0 if later is None else len(tokens) - later


# A phone number has no check digit: one group of digits Tesseract doubted ("86" for "88" at
# 0.82 on a fax, its neighbours at 0.94) makes the number unsure. On the scans and photos of
# d19, the tune set and d21, 73 numbers read sure: the one wrong had a group at 0.82, the
# right ones none under 0.88 but one (a photo, 0.77).
PHONE_DIGITS_SURE = 0.85


# A person's name has no lexicon either: one word Tesseract doubted ("ZMMERMANN" at 0.80 for
# ZIMMERMANN, "BARTHELEMY" at 0.83 for BARTHÉLEMY, their other word at 0.87-0.96) makes the
# name unsure, whatever the mean. On the scans of the tune set, samples/, d28 and d29, 10 names
# read sure had a word under 0.83 and 2 of them were wrong (1 in 5, far above 1 in 1000); the
# 2 wrong were the only wrong names read sure. Names decide no verdict: doubt costs no dossier.
NAME_WORD_SURE = 0.83


def _phone_status(tokens: list[Token]) -> FieldStatus:
    doubted = any(t.conf < PHONE_DIGITS_SURE for t in tokens if re.search(r"\d", t.text))
    return FieldStatus.NEEDS_REVIEW if doubted else FieldStatus.EXTRACTED


def _answered(fields: dict[str, FieldValue]) -> int:
    return sum(1 for value in fields.values() if value.status is FieldStatus.EXTRACTED)


def _starts_low(rows: list[Row], hit: Hit, tokens: list[Token]) -> bool:
    """A list whose answer, right of its label, begins lines below the label's own line: the
    lines above were in the cell (answers start level with their label) and OCR lost them
    ("Koungou / Mtsamboro / 97650 Bandraboua" read as its last line only). What was read is
    shown to a reviewer, never taken for the whole list."""
    label = [rows[r].tokens[k] for r, k in hit.positions | {hit.start} if r == hit.start[0]]
    first = tokens[0]
    height = max(t.bbox[3] - t.bbox[1] for t in label)
    return first.x0 > max(t.x1 for t in label) and first.bbox[1] - min(t.bbox[1] for t in label) > 1.5 * height


def _next_end(ends: list[Hit], hit: Hit) -> tuple[int, int] | None:
    later = [h.start for h in ends if h.start > hit.start]
    return min(later) if later else None


def _answer_tokens(rows: list[Row], hit: Hit, end: tuple[int, int] | None,
                   label_positions: set[tuple[int, int]]) -> tuple[list[Token], list[tuple[int, str]]]:
    """Tokens after the label and before the next label, in reading order, labels left out;
    and where each unnamed row of the table (`unnamed_row`) starts among them, with its label words."""
    tokens = []
    first_row = hit.start[0]
    last_row = end[0] if end else len(rows) - 1
    column = _answer_column(rows[first_row], hit, label_positions)
    unnamed = None
    part: dict[int, int] = {}  # id of a token -> which unnamed row it follows (0: none)
    names = [""]  # each unnamed row's label-column words
    choice = hit.index >= 0 and LABELS[hit.index].field in OPTIONS  # "[{]": a typed box, kept for the boxes
    for r in range(first_row, last_row + 1):
        wrapped_label = _wrapped_label(rows[r].tokens, column, hit) if r > first_row else set()
        if r > first_row and not wrapped_label:
            labels = {k for q, k in label_positions if q == r}  # below an unnamed row: its label's rest
            left = unnamed_row(rows[r], rows[first_row], column, labels)
            if left is not None:
                names.append(" ".join(rows[r].tokens[k].text for k in sorted(left)))
            elif unnamed is not None:
                left = unnamed_row(rows[r], rows[first_row], column, labels, wrapped=True)
            unnamed = unnamed if left is None else (r, left)
        for k, token in enumerate(rows[r].tokens):
            if unnamed is not None and r == unnamed[0] and k in unnamed[1]:
                continue  # that row's label, read but not named: no answer word
            position = (r, k)
            if position <= hit.start or (end and position >= end) or position in label_positions \
                    or k in wrapped_label:
                continue
            if r == first_row and token.x1 <= rows[r].tokens[hit.start[1]].x0:
                continue  # left of the label on its own row: another column
            if k == 0 and token.conf < 1.0 and _RULE_MARKS.fullmatch(token.text) \
                    and not (token.text == "[]" or choice and empty_brackets(token.text)) \
                    and not (token.text == "[" and rows[r].tokens[1:2] and rows[r].tokens[1].text == "]"):
                continue  # a cell's left rule read as ":" or "|" at the start of a line ("[", "]": a box)
            part[id(token)] = len(names) - 1
            tokens.append(token)
    tokens = _strip_leaders(tokens, choice)
    starts = [i for i, t in enumerate(tokens) if i == 0 or part[id(t)] != part[id(tokens[i - 1])]]
    return tokens, [(i, names[part[id(tokens[i])]]) for i in starts if part[id(tokens[i])]]


def _answer_column(row: Row, hit: Hit, label_positions: set[tuple[int, int]]) -> float | None:
    """Where the answer starts when it stands right of its label on the label's row (a
    two-column table), else None (an answer below its label)."""
    label_end = max(t.x1 for k, t in enumerate(row.tokens) if (hit.start[0], k) in hit.positions | {hit.start})
    after = [t.x0 for k, t in enumerate(row.tokens)
             if k > hit.start[1] and (hit.start[0], k) not in label_positions and t.x0 > label_end]
    return min(after) if after else None


def _wrapped_label(tokens: tuple[Token, ...] | list[Token], column: float | None, hit: Hit) -> set[int]:
    """The tokens of a later row that are the label's own wrapped words in the left column
    ("(PLU/PLUi, SCoT, études," under "Documents disponibles"), which OCR read on the answer's
    line when the label was not found whole: left of the answer column, two thirds of them
    words of the label (OCR merges some: "{PLUIPLUI,"), or one long label word alone."""
    if column is None:
        return set()
    words = {w for w in (norm(x) for x in re.split(r"[\s/,;:()'’.…]+", LABELS[hit.index].text)) if len(w) >= 3}
    height = max(t.bbox[3] - t.bbox[1] for t in tokens)
    # The answer cell's left edge is a band, not a line: on a photo the answer's lines start
    # a few points apart ("en cours." 3 points left of its first line), short of the gutter.
    edge = column - height
    left = [k for k, t in enumerate(tokens) if t.x1 <= edge]
    if not left or any(t.x0 < edge < t.x1 for t in tokens):
        return set()  # a line running across the column: the answer's, wrapped to the margin
    later = [t.x0 for t in tokens if t.x0 >= edge]
    if later and min(later) - max(tokens[k].x1 for k in left) < height:
        return set()  # no gutter between them: one line of text
    labelled = [k for k in left if any(label_piece(part, w) for part in label_parts(tokens[k].norm) for w in words)]
    # Marks and one- or two-letter words (specks: "diagn a nostics") say nothing either way.
    worded = len([k for k in left if len(tokens[k].norm) >= 3])
    if len(labelled) >= 2 and 3 * len(labelled) >= 2 * worded \
            or worded == 1 and len(labelled) == 1 and len(tokens[labelled[0]].norm) >= 6:
        return set(left)
    return set()


_RULE_MARKS = re.compile(r"[:;!|\[\]{}_,'\"]+")
_TICK_MARKS = {"/", "\\", "✓", "✔", "#"}  # what a scan makes of a tick


def _speck(token: Token) -> bool:
    """A lone mark or letter that OCR doubted, at an end of the answer: a rule or dirt."""
    return token.conf < 0.7 and len(token.text) == 1 and token.text not in "☐☒" or (
        token.conf < 1.0 and not token.norm and token.text in ("=", "~", "_", "|"))


def _strip_leaders(tokens: list[Token], ticks: bool = False) -> list[Token]:
    """`ticks`: a check-box group's answer, whose first mark may be a tick OCR doubted (a table's
    "✓" read "/" at 0.36 before "Autre"): kept for the boxes to judge."""
    while tokens and (tokens[0].text in (":", "-", "–", "—", ".", ";")
                      or _speck(tokens[0]) and not (ticks and tokens[0].text in _TICK_MARKS)):
        tokens = tokens[1:]
    # A table's right rule, read on a scan as a lone ":", "!", "]" or "L" after the answer.
    while tokens and (tokens[-1].conf < 1.0 and _RULE_MARKS.fullmatch(tokens[-1].text) or _speck(tokens[-1])):
        tokens = tokens[:-1]
    return [t for t in tokens if not re.fullmatch(r"[.…_]{3,}", t.text)]


def _level_with_label(rows: list[Row], hit: Hit, first: Token) -> bool:
    """The answer's first word stands on its label's line, right of it: the answer's start,
    no word of a line cut before it."""
    label = rows[hit.start[0]].tokens[hit.start[1]]
    return (first.file, first.page) == (label.file, label.page) and first.x0 > label.x1 \
        and min(first.bbox[3], label.bbox[3]) - max(first.bbox[1], label.bbox[1]) \
        > 0.5 * (label.bbox[3] - label.bbox[1])


def _under_label(rows: list[Row], hit: Hit, tokens: list[Token]) -> bool:
    """The answer starts on a line below its label, at the label's left edge: a list written
    under its label (a retyped fiche), not a column of answers right of it."""
    label = [rows[r].tokens[k] for r, k in hit.positions | {hit.start}]
    first = tokens[0]
    height = max(t.bbox[3] - t.bbox[1] for t in label)
    return (first.file, first.page) == (label[0].file, label[0].page) \
        and first.bbox[1] > max(t.bbox[1] for t in label) + 0.5 * height \
        and abs(first.x0 - min(t.x0 for t in label)) <= 3 * height


def _values(field: str, tokens: list[Token], hit: Hit, listed: bool = False) -> dict[str, FieldValue]:
    if field == "fiche.lieu":
        return _fait_a(tokens, hit)
    lost_piece = False
    if field not in OPTIONS:
        # A box found by the image among a text answer's words is a letter's bowl or a rule's
        # corner ("Adjoint au chef du ☐ service"): no text answer holds one.
        kept = [t for t in tokens if not mark(t)]
        # In a person's name, the "box" may be a short word read as one ("DA SILVA" -> "☒ SILVA"):
        # what is left is a name with a piece lost, for a reviewer.
        lost_piece = field.endswith("_nom") and len(kept) < len(tokens)
        tokens = kept
    if not tokens:
        return {field: FieldValue.missing()}
    source = source_of(tokens)
    confidence = round(min(hit.score, mean_conf(tokens)), 3)
    if field in OPTIONS:
        slugs, box_confidence = read_boxes(tokens, OPTIONS[field], listed, field in SINGLE_CHOICE)
        value = _choice(field, slugs)
        if empty_by_a_hair(tokens):
            box_confidence = min(box_confidence, UNREAD)
        status = FieldStatus.MISSING if value is None else FieldStatus.EXTRACTED
        if value is None and box_confidence < UNREAD and any(t.conf < 1.0 for t in tokens):
            # No tick read, but most boxes not read at all (a fax): unknown, not unanswered.
            return {field: FieldValue(None, UNREAD_GROUP, None, FieldStatus.NEEDS_REVIEW)}
        return {field: FieldValue(value, round(min(confidence, box_confidence), 3), source, status)}
    # A smear read as a word: dropped; the words it covered are lost, for a reviewer.
    smeared = smears(tokens)
    tokens = [t for i, t in enumerate(tokens) if i not in smeared]
    tokens = without_lone_marks(tokens) if field in PROSE_FIELDS else tokens
    if not tokens:
        return {field: FieldValue(None, confidence, source, FieldStatus.NEEDS_REVIEW)}
    text = join_words(tokens)
    if field.endswith("_email"):
        address, guessed = mended_email(text)
        # A dot put back before a guessed domain ending is a guess ("nievre" is no "niev.re");
        # so is a piece of it read as low as a speck, kept as the address's (email_text.address_piece).
        noisy = any(t.conf < ADDRESS_PIECE_SURE for t in tokens)
        status = FieldStatus.NEEDS_REVIEW if guessed or smeared or noisy else FieldStatus.EXTRACTED
        return {field: FieldValue(address, confidence, source, status)}
    if field.endswith("_telephone"):  # the number is found in the text by its normaliser
        status = FieldStatus.NEEDS_REVIEW if smeared else _phone_status(tokens)
        return {field: FieldValue(text, confidence, source, status)}
    text, status = finished_text(field, text)
    doubted_name = field in answer_text.PERSON_FIELDS and any(t.conf < NAME_WORD_SURE for t in tokens if t.norm)
    doubted = answer_text.guessed(field, tokens) or lost_piece or doubted_name or bool(smeared)
    status = FieldStatus.NEEDS_REVIEW if doubted else status
    return {field: FieldValue(text, confidence, source, status)}


ADDRESS_PIECE_SURE = 0.2  # as layout's specks: a word of an address doubted so is a guess
UNREAD_GROUP = 0.3  # nothing read: as an answer whose label OCR lost (see _unread_sections)


def _choice(field: str, slugs: list[str] | None):
    if slugs is None:
        return None
    if field == "s3.programmes":
        return [] if slugs == ["aucun"] else [s for s in slugs if s != "aucun"]
    if field in SINGLE_CHOICE:
        return slugs[0]
    return slugs


def _fait_a(tokens: list[Token], hit: Hit) -> dict[str, FieldValue]:
    text = join_words(tokens)
    match = _FAIT_A.match("Fait à " + text)
    if not match or not tokens:
        return {"fiche.lieu": FieldValue.missing(), "fiche.date": FieldValue.missing()}
    source = source_of(tokens)
    confidence = round(min(hit.score, mean_conf(tokens)), 3)
    lieu = match.group("lieu").strip(" ,.")  # "Fait à Koungou. le …": a fax's or photo's dot for the comma
    # A place's name has no lexicon either: one of its words doubted ("Le Pont," at 0.62 for
    # Le Port on a photo) makes it unsure, as a person's name (NAME_WORD_SURE).
    doubted = any(t.conf < NAME_WORD_SURE for t in tokens[:len(lieu.split())] if t.norm)
    status = FieldStatus.NEEDS_REVIEW if doubted else FieldStatus.EXTRACTED
    return {
        "fiche.lieu": FieldValue(lieu, confidence, source, status) if lieu else FieldValue.missing(),
        "fiche.date": FieldValue(match.group("date"), confidence, source, FieldStatus.EXTRACTED),
    }


def _from_tables(tables, fields: dict[str, FieldValue]) -> dict[str, FieldValue]:
    """An office file's own table cells are the exact answers: they override page reading."""
    found: dict[str, FieldValue] = {}
    pointer = 0
    # A retyped form words some labels its own way: its aliases name the same answer.
    label_rows = [(i, [norm(label.text), *(norm(a) for a in ALIASES.get(label.field, ()))])
                  for i, label in enumerate(LABELS) if label.field]
    single_cells = [t[0][0] for t in tables if len(t) == 1 and len(t[0]) == 1]
    for table in tables:
        for row in table:
            if len(row) < 2 or norm(row[0]) == norm(row[1]):
                continue  # merged heading rows repeat their text in every cell
            for index, names in label_rows:
                if index >= pointer and any(fuzz.ratio(norm(row[0]), name) >= 90 for name in names):
                    found[LABELS[index].field] = _table_value(LABELS[index].field, row[1], fields)
                    pointer = index + 1
                    break
    for field, text in zip(("a1.dynamiques_territoire", "a2.dynamiques_amenagement"), single_cells):
        found[field] = _table_value(field, text, fields)
    return found


def _table_value(field: str, text: str, fields: dict[str, FieldValue]) -> FieldValue:
    source = fields[field].source if field in fields else None
    text = text.strip()
    if field in OPTIONS:
        tokens = [Token(w, norm(w), "", 1, (0, 0, 0, 0), 1.0, (0, 0, 0, 0)) for w in text.split()]
        slugs, confidence = read_boxes(tokens, OPTIONS[field])
        value = _choice(field, slugs)
    else:
        # A list typed one item per line keeps its lines: they are the surest separator.
        lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
        joined = ("\n" if field in LIST_FIELDS else " ").join(line for line in lines if line)
        value, confidence = joined or None, 1.0
    status = FieldStatus.EXTRACTED if value is not None else FieldStatus.MISSING
    if isinstance(value, str) and field not in OPTIONS and not field.endswith(("_email", "_telephone")):
        value, status = finished_text(field, value)
    return FieldValue(value, confidence if value is not None else 0.0, source if value is not None else None, status)
