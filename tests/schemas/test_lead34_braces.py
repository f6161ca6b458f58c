"""A fax reads a bracket as a brace: "Muron {code INSEE 17253)" is Muron with its code, and the
commune before it is a commune of its own (it was one unknown name, "contradicted" by the code)."""

from __future__ import annotations

from schemas.communes import parse_communes


def test_a_brace_read_for_a_bracket_opens_the_code(cog):
    entries = parse_communes("Saint-Laurent-dé-la-Prée Muron {code INSEE 17253)", cog, "17")
    assert [(e.code_insee, e.sure) for e in entries] == [("17353", True), ("17253", True)]
    assert entries[1].confirmed and not any(e.contradicted for e in entries)


def test_braces_round_a_corsican_code(cog):
    entries = parse_communes("Sartène {2A272}, Propriano", cog)
    assert [e.code_insee for e in entries] == ["2A272", "2A249"] and entries[0].confirmed
