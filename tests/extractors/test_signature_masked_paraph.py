"""A paraph drawn over the typed name: the print's mask cuts its initials short, it stays a signature."""

from __future__ import annotations

from extractors.signature import InkComponent, _classify, decide


def _part(box, width, height, fill, stroke, length, ring=0.0, crossing=True) -> InkComponent:
    return _classify(InkComponent(box, width, height, fill, stroke, length, ring, 0.05, 0.5, crossing=crossing))


LOOP = dict(box=(514, 228, 604, 301), width=4.5, height=3.7, fill=0.13, stroke=0.14, length=16.4, ring=0.79)


def test_a_loop_over_the_name_with_what_the_mask_left_of_its_initials_is_a_signature():
    """An oval loop drawn round two capitals, across "Ghislaine FABRE-DUVAL": the typed name's
    mask leaves of the capitals their tops (one initial's full stem, the other's bowl, 1.1 lines
    tall). Not a stamp, whose ring holds lettering: never "not signed"."""
    parts = [_part(**LOOP),
             _part((539, 234, 565, 256), 1.31, 1.11, 0.26, 0.14, 2.75),  # a bowl
             _part((567, 234, 581, 276), 0.71, 2.12, 0.26, 0.11, 3.53),  # a stem
             _part((514, 246, 518, 256), 0.2, 0.5, 0.25, 0.05, 0.5)]  # a speck
    assert [p.kind for p in parts] == ["ring", "glyph", "stroke", "speck"]
    check = decide(parts)
    assert check.signed is True, check.detail


def test_a_stamps_ring_with_its_lettering_inside_stays_no_signature():
    """The same ring holding a stamp's small letters besides a tall emblem: a stamp, no signature."""
    letters = [_part((530 + 8 * k, 260, 536 + 8 * k, 268), 0.6, 0.8, 0.35, 0.12, 1.2) for k in range(6)]
    parts = [_part(**LOOP), _part((567, 234, 581, 276), 0.71, 2.12, 0.26, 0.11, 3.53), *letters]
    assert decide(parts).signed is False


def test_a_ring_apart_from_the_name_keeps_the_stricter_paraph_rule():
    """A loop that does not cross the print, round a short mark: nothing masked it, so its
    initials would be whole; a short bowl and a stem are not a paraph's initials."""
    parts = [_part(**{**LOOP, "crossing": False}),
             _part((539, 234, 565, 256), 1.31, 1.11, 0.26, 0.14, 2.75, crossing=False),
             _part((567, 234, 581, 276), 0.71, 2.12, 0.26, 0.11, 3.53, crossing=False)]
    assert decide(parts).signed is not True
