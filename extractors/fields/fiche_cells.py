"""A fiche's table rows whose labels OCR lost: which fields they were, and their cells."""

from __future__ import annotations

from extractors.fields import answer_text
from extractors.fields.answer_text import PHONE_AT_END
from extractors.fields.form import LABELS, OPTIONS
from extractors.fields.label_order import Hit
from extractors.fields.layout import Token, token_lines
from extractors.fields.lost_labels import own_label_words


def lost_between(hit: Hit, hits: list[Hit], found: set[int]) -> str | None:
    """The one text field whose label OCR lost between this label and the next one read,
    when exactly one went unread (a photo's faint label cell)."""
    run = lost_run(hit, hits, found)
    return run[0] if len(run) == 1 else None


def lost_run(hit: Hit, hits: list[Hit], found: set[int]) -> list[str]:
    """The text fields whose labels OCR lost between this label and the next one read, in
    order; none when one of them is a check-box group or an inline label (no cell of its own)."""
    between = labels_between(hit, hits)
    if not between or any(i in found or LABELS[i].field in OPTIONS or LABELS[i].inline for i in between):
        return []
    return [LABELS[i].field for i in between]


def labels_between(hit: Hit, hits: list[Hit]) -> list[int]:
    """The form's field labels between this label and the next one read (indices in LABELS)."""
    later = [h.index for h in hits if h.index > hit.index]
    if not later:
        return []
    return [i for i in range(hit.index + 1, min(later)) if LABELS[i].field and not LABELS[i].skip]


def section_cells(run: list[str], tokens: list[Token]) -> dict[str, list[Token]]:
    """The answers read under a section's heading whose labels OCR all lost (a photo's faded
    label column, the answer column read): `run` the lost fields after the heading, `tokens`
    what was read up to the next label found. One lost field takes it all. Several: the
    section's own fields take its cells in the form's order, a cell each, the last the rest
    (a row lost whole leaves the last without one); only where the section's answers are
    known to end: at the next section's lost label, read too badly to be found, if the run
    goes on into it ("Documents disponibles (PLU/PLUIi," under section 4's answers), the
    lines from there that label's when it is the one lost there; else which words are whose
    is unknown. What is read goes to a reviewer (fiche._moved)."""
    if len(run) == 1:
        return {run[0]: tokens}
    section = run[0].split(".")[0]
    own = [field for field in run if field.split(".")[0] == section]
    out: dict[str, list[Token]] = {}
    if len(own) < len(run):
        lines = token_lines(tokens)
        later = run[len(own)]
        cut = next((i for i, line in enumerate(lines) if own_label_words(later, list(line)) >= 2), None)
        if not cut:
            return {}
        if len(run) == len(own) + 1:  # the next section's one lost label: its words and its answer
            out[later] = [t for line in lines[cut:] for t in line]
        tokens = [t for line in lines[:cut] for t in line]
    parts = cells(tokens)
    if len(parts) > len(own):
        parts = parts[:len(own) - 1] + [[t for part in parts[len(own) - 1:] for t in part]]
    return dict(zip(own, parts)) | out


def cells(tokens: list[Token]) -> list[list[Token]]:
    """An answer's lines grouped in cells: a gap taller than a line between two lines
    starts the next cell (wrapped lines of one answer sit closer)."""
    cells: list[list[Token]] = []
    previous = None
    for line in token_lines(tokens):
        top, bottom = min(t.bbox[1] for t in line), max(t.bbox[3] for t in line)
        height = bottom - top
        if previous is None or (line[0].file, line[0].page) != previous[0] or top - previous[1] > height:
            cells.append(list(line))
        else:
            cells[-1] += line
        previous = ((line[0].file, line[0].page), bottom)
    return cells


# The fields of section 1 whose answer is one line of the form's table: a name, a function,
# an address, a number. Two lines under one of them, the next one's label lost, are two answers.
ONE_LINE = {"s1.etat.service", "s1.etat.referent_nom", "s1.etat.referent_fonction", "s1.etat.referent_email",
            "s1.etat.referent_telephone", "s1.collectivite.nom", "s1.collectivite.elu_nom",
            "s1.collectivite.elu_qualite", "s1.collectivite.contact_nom", "s1.collectivite.contact_email",
            "s1.collectivite.contact_telephone"}


def lost_cell(field: str, lost: str, tokens: list[Token]) -> tuple[list[list[Token]], bool]:
    """An answer's cells when the next label, `lost`, went unread: by the gaps between its
    lines, or an address's line apart; else, both fields one-line answers of section 1, its
    two lines (a photo's rows as close as wrapped lines: "Président / Nadège AHAMADA" under
    "Qualité" with "Référent technique" lost). Whether the lines alone parted them: a guess."""
    parts = cells(tokens)
    if len(parts) < 2 and lost.endswith("_email"):
        parts = address_apart(tokens)
    lines = lines_below(tokens)
    if len(parts) < 2 and field in ONE_LINE and lost in ONE_LINE and len(lines) == 2:
        return lines, True
    return parts, False


def lines_below(tokens: list[Token]) -> list[list[Token]]:
    """Tokens cut into lines where the text goes back left or down below the last word (a
    short line's first word may stand right under the one above: "Président" / "Nadège")."""
    out: list[list[Token]] = []
    for token in tokens:
        last = out[-1][-1] if out else None
        if last is not None and (token.file, token.page) == (last.file, last.page) and token.x0 >= last.x0 \
                and token.bbox[1] < last.bbox[3] - 0.3 * (last.bbox[3] - last.bbox[1]):
            out[-1].append(token)
        else:
            out.append([token])
    return out


def address_apart(tokens: list[Token]) -> list[list[Token]]:
    """An answer whose last line is an address ("dominique perrot@calvados. gouv.fr") while the
    "Courriel" label before it went unread: the lines before, and the address's line."""
    lines = token_lines(tokens)
    if len(lines) >= 2 and any(answer_text.ADDRESS_PIECE.search(t.text) for t in lines[-1]):
        return [[t for line in lines[:-1] for t in line], lines[-1]]
    return [tokens]


def lost_phone(tokens: list[Token], index: int, found: set[int]) -> tuple[str, list[Token]] | None:
    """A phone number ending a text answer whose next labels up to a "Téléphone" went unread
    (a photo lost them): the number is that telephone's answer, not the end of this one.
    Returns the telephone field and the number's tokens."""
    field = LABELS[index].field or ""
    if field.endswith(("_telephone", "_email")) or field in OPTIONS:
        return None
    telephone = None
    for later in range(index + 1, len(LABELS)):
        if later in found or LABELS[later].field is None:
            return None
        if (LABELS[later].field or "").endswith("_telephone"):
            telephone = LABELS[later].field
            break
    if telephone is None:
        return None
    for count in range(1, min(len(tokens) - 1, 7) + 1):
        if PHONE_AT_END.fullmatch(" ".join(t.text for t in tokens[-count:])):
            return telephone, tokens[-count:]
    return None
