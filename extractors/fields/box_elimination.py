"""A single-choice group's answer told by elimination, where every option of the group is read.

The box finder loses a crossed box far more often than an empty one (its cross merges with the
word beside it, or OCR reads it as a letter of that word: "îlot”" for "îlot ☒"), while it reads
the empty ones around it. In a group where one box only may be ticked and every option's words
are read, each at its own place, one box lost and every other box read empty: the lost one is
the tick. (An option told by its first words only stays a guess: see boxes.cut_option.)
"""

from __future__ import annotations

from extractors.fields.form import Option

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
