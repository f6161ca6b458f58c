"""Check-box groups whose label OCR lost: their options say which group they are.

A photo may lose the label column of a table while reading its answers ("Échelle de
réflexion", "Programme(s) de l'ANCT", "Présentation du projet" gone, the boxes and the text
right of them read): the lines run on into the answer of the label before. The form prints
each group's options and no other group's, so the lines holding a lost group's options are
that group's answer, and the lines after them, up to the next group or label, the answer of
the one text field whose label was lost there.
"""

from __future__ import annotations

from extractors.fields.boxes import find_option
from extractors.fields.fiche_cells import labels_between, lines_below
from extractors.fields.form import LABELS, OPTIONS
from extractors.fields.label_order import Hit
from extractors.fields.layout import Token

MIN_OPTIONS = 2  # options of a group read, at least, to tell its lines (one may be any word)


def lost_fields(hit: Hit, hits: list[Hit], found: set[int]) -> list[str]:
    """The fields whose labels OCR lost between this label and the next one read, in order."""
    return [LABELS[i].field for i in labels_between(hit, hits) if i not in found]


def _options_on(line: list[Token], field: str) -> set[str]:
    return {option.slug for option in OPTIONS[field] if find_option(line, option) is not None}


def lost_groups(field: str, tokens: list[Token], lost: list[str]) -> dict[str, list[Token]] | None:
    """The answer's tokens parted between its own field and the lost fields (check-box groups
    told by their options, a text field by where it stands between them); None when no lost
    group's options are read in it, or the parts do not follow the form's order."""
    groups = [f for f in lost if f in OPTIONS]
    if not groups or not tokens or min(t.conf for t in tokens) >= 1.0:
        return None
    lines = lines_below(tokens)  # a one-word answer's line too ("Normandie" over the boxes)
    spans: list[tuple[str, int, int]] = []
    for group in groups:
        at: list[int] = []
        seen: set[str] = set()
        for i, line in enumerate(lines):
            options = _options_on(line, group)
            if at and i - at[-1] > 2:
                break  # the group's lines end; its options named again later are prose's words
            if options and not (field in OPTIONS and _options_on(line, field)):
                at.append(i)
                seen |= options
        if len(seen) < MIN_OPTIONS:
            return None
        spans.append((group, at[0], at[-1]))
    starts = [start for _, start, _ in spans]
    if starts[0] == 0 or starts != sorted(starts) \
            or any(end >= following for (_, _, end), following in zip(spans, starts[1:])):
        return None
    parts = {field: [t for line in lines[:starts[0]] for t in line]}
    for n, (group, start, end) in enumerate(spans):
        parts[group] = [t for line in lines[start:end + 1] for t in line]
        stop = spans[n + 1][1] if n + 1 < len(spans) else len(lines)
        after = lost[lost.index(group) + 1:lost.index(spans[n + 1][0]) if n + 1 < len(spans) else len(lost)]
        rest = [t for line in lines[end + 1:stop] for t in line]
        if len(after) == 1 and rest:
            parts[after[0]] = rest  # the one text field lost after the group
        elif not after:
            parts[group] += rest  # a group's wrapped option ("naturelles") or a speck
        elif rest:
            return None  # several text fields lost there: which line is whose is unknown
    return parts
