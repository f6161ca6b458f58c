"""The edit form's inputs for a list of slugs: "Aucun" programme is the empty list, both ways."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from extractors.vocabulary import AUCUN, PROGRAMMES
from service.forms import form_initial, form_value, input_spec


def test_aucun_ticked_is_the_empty_list_and_shows_again_as_aucun():
    assert form_value("s3.programmes", MultiDict([("value", AUCUN), ("value", PROGRAMMES[0])])) == []
    assert form_value("s3.programmes", MultiDict([("value", PROGRAMMES[1])])) == [PROGRAMMES[1]]
    assert form_value("s3.programmes", MultiDict()) is None  # nothing ticked: unanswered
    assert form_initial("s3.programmes", []) == {"value": [AUCUN]}


def test_the_programmes_offer_aucun_last_the_thematiques_do_not():
    programmes = [value for value, _label in input_spec("s3.programmes")["options"]]
    thematiques = [value for value, _label in input_spec("s3.thematiques")["options"]]
    assert programmes == [*PROGRAMMES, AUCUN]
    assert AUCUN not in thematiques
