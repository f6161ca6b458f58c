"""Phone numbers written in international form that the allocation tables do not know yet."""

from schemas.values import normalise_phone


def test_an_international_number_well_formed_but_unallocated_is_kept_as_its_national_twin():
    """"+33 7 17 20 10 08" is as well formed as "07 17 20 10 08", which is kept: the library's
    ranges lag behind the operators'."""
    assert normalise_phone("07 17 20 10 08") == "+33717201008"
    assert normalise_phone("+33 7 17 20 10 08") == "+33717201008"
    assert normalise_phone("+33 7 17 20 10") is None


def test_an_overseas_prefix_in_a_metropolitan_dossier_is_shown_as_the_metropolitan_number():
    """"06 97 27 53 17" in a dossier from the Hérault: by the numbering plan a Martinique
    mobile, more likely a metropolitan one; shown so, for a reviewer. In Martinique it is sure."""
    from extractors.model import FieldStatus, FieldValue
    from schemas.cog import Cog
    from schemas.normalise import normalise_fields

    def read(text):
        return FieldValue(text, 1.0, None, FieldStatus.EXTRACTED)
    cog = Cog.load()
    raw = {"s2.departement": read("Hérault"), "s1.collectivite.contact_telephone": read("06 97 27 53 17")}
    out = normalise_fields(raw, cog)["s1.collectivite.contact_telephone"]
    assert (out.value, out.status) == ("+33697275317", FieldStatus.NEEDS_REVIEW)
    raw["s2.departement"] = read("Martinique")
    out = normalise_fields(raw, cog)["s1.collectivite.contact_telephone"]
    assert (out.value, out.status) == ("+596697275317", FieldStatus.EXTRACTED)
