"""A single-choice group's answer told by elimination, where every option of the group is read.

The box finder loses a crossed box far more often than an empty one (its cross merges with the
word beside it, or OCR reads it as a letter of that word: "îlot”" for "îlot ☒"), while it reads
the empty ones around it. In a group where one box only may be ticked and every option's words
are read, each at its own place, one box lost and every other box read empty: the lost one is
the tick. (An option told by its first words only stays a guess: see boxes.cut_option.)

Where several may be ticked, the same holds with no tick read at all: every option read, every
box the finder read empty, the boxes it lost are the ticks ("☐ Aménagement des friches" above
"Protection et valorisation du patrimoine" with no box: a ticked theme), as sure. Beside ticks
read, a lost box stays a guess (an empty box read as a letter, "a Revitalisation", or a crossed
one, "Revitalisation M"), and so do a group the finder did not read, a mark read where the lost
box stands, and boxes lost as often as half those read empty. So does a group on a page whose
image was black and white only (PageText.bilevel: a fax, a scan to 1 bit), or not known to hold
grey levels: a fax's noise and thresholding lose empty boxes too (an earlier decision from a
real fax, tests/extractors/test_fiche22_scans.py).
"""

from __future__ import annotations

from extractors.fields.form import Option
from extractors.fields.layout import Token

State = tuple[str, int, "bool | None"]

TOLD = 0.8  # one box lost among boxes read empty: trusted, under a box read ticked (1.0)


def every_option_apart(states: list[State], options: tuple[Option, ...]) -> bool:
    """Every option of the group read, each at its own place."""
    return {slug for slug, _, _ in states} == {o.slug for o in options} \
        and len({at for _, at, _ in states}) == len(states) == len(options)


def lone_lost_tick(states: list[State], options: tuple[Option, ...], unread: set[str]) -> bool:
    """One option's box lost and every other option's box read empty, in a group of one answer."""
    return len(unread) == 1 and every_option_apart(states, options) \
        and all(state is False for slug, _, state in states if slug not in unread)


def sole_tick(states: list[State], options: tuple[Option, ...]) -> bool:
    """One tick read in a group of one answer whose every option is read: another box unread
    (a speck, a letter) cannot be a second tick."""
    return sum(state is True for _, _, state in states) == 1 and every_option_apart(states, options)


def lost_ticks(tokens: list[Token], states: list[State], options: tuple[Option, ...], unread: set[str]) -> bool:
    """In a group of several answers, one option a line, the lost boxes are its ticks, trusted:
    on pages known to hold grey levels (no fax), every option read at its own place, no tick
    read, every box not lost read empty by the box finder (☐), twice as many as the lost ones (a
    finder that lost more may have lost empty ones too), and nothing read where a lost box stands
    (a mark there may be anything: "4" for "✓")."""
    # an option known by its lone box only (box_orphans), the group's last token: the box's line
    lines = [tokens[min(at, len(tokens) - 1)] for _, at, _ in states]
    return all(t.bilevel is False for t in tokens) and every_option_apart(states, options) \
        and not any(state for _, _, state in states) \
        and all(state is False and at > 0 and tokens[at - 1].text == "☐"
                for slug, at, state in states if slug not in unread) \
        and len(states) - len(unread) >= 2 * len(unread) \
        and not any(_beside(a, b) for i, a in enumerate(lines) for b in lines[i + 1:]) \
        and not any(0 < at < len(tokens) and _beside(tokens[at - 1], tokens[at]) for slug, at, _ in states
                    if slug in unread)


def marks_are_empty_boxes(read: list[Token], tokens: list[Token]) -> bool:
    """Whether the marks OCR read in the place of a group's lost boxes are empty boxes misread:
    on pages known to hold grey levels (a scan, a photo; no fax), in a group where the box
    finder squared a crossed box (☒), it would have squared a second tick as well; a mark read
    where a box stands ("a Revitalisation" at 0.70) or a box read into its option's first word
    ("El'Autre" at 0.47) is an empty box OCR took for a letter, no tick. A fax's thresholding
    blurs a cross into a letter ("BAccompagnement" for a ticked box): there a mark says ticked."""
    return any(t.text == "☒" for t in read) and all(t.bilevel is False for t in tokens)


def _beside(a: Token, b: Token) -> bool:
    """On one line of one page."""
    middle = (b.bbox[1] + b.bbox[3]) / 2
    return (a.file, a.page) == (b.file, b.page) and a.bbox[1] <= middle <= a.bbox[3]
