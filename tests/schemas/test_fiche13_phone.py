"""Phone numbers written in international form that the allocation tables do not know yet."""

from schemas.values import normalise_phone


def test_an_international_number_well_formed_but_unallocated_is_kept_as_its_national_twin():
    """"+33 7 17 20 10 08" is as well formed as "07 17 20 10 08", which is kept: the library's
    ranges lag behind the operators'."""
    assert normalise_phone("07 17 20 10 08") == "+33717201008"
    assert normalise_phone("+33 7 17 20 10 08") == "+33717201008"
    assert normalise_phone("+33 7 17 20 10") is None
