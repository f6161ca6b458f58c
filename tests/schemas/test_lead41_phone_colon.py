"""A fax reads a dot between two digit pairs of a phone number as a colon or a semicolon
("05:15.39.06.60"): the number is the same; a time in a fax header is not a phone number."""

from __future__ import annotations

import pytest

from schemas.values import normalise_phone


@pytest.mark.parametrize("written", ["05:15.39.06.60", "05.15;39.06.60", "05 15 39:06 60"])
def test_a_colon_between_digit_pairs_is_a_dot(written):
    assert normalise_phone(written) == "+33515390660"


def test_a_time_alone_is_no_number():
    assert normalise_phone("15:21") is None
