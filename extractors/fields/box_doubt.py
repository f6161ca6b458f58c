"""Boxes the image measured neither ticked nor empty (a fax's grey inside, a photo's blur)."""

from __future__ import annotations

from extractors.checkboxes import IN_BETWEEN
from extractors.fields.layout import Token

EMPTY = "☐"  # the glyph the box finder writes for an empty box


def empty_by_a_hair(tokens: list[Token]) -> bool:
    """Whether a box of the group was told empty by a hair (`checkboxes.IN_BETWEEN`): a tick a
    fax greyed may be lost there, and the group's choice is for a reviewer to see. (A box told
    ticked by a hair is a light tick, a pencil's: it is read.)"""
    return any(t.text == EMPTY and t.conf == IN_BETWEEN for t in tokens)
