"""Issue 11 (sure but wrong, fresh draws): a letter whose letterhead was not read (a phone photo
cut above the addressee, a bandeau image) names its commune only by "La Maire de La
Ville-aux-Dames" or its body. Its collectivité is known, not how it designates itself ("Ville
de", "Mairie de", "Commune de"): the town alone is read, the name goes to a reviewer, and the
verdict, which needs only the entity, is still decided."""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, FieldValue, PieceKind
from schemas.normalise import normalise_fields
from tests.extractors.letters import letter

TITLE = ("La Maire de La Ville-aux-Dames", "Corinne DA SILVA")
BODY = ("Je soussignée Corinne DA SILVA, maire de La Ville-aux-Dames, confirme par la présente le",
        "soutien plein et entier de la commune de La Ville-aux-Dames à la candidature.")


def _read(head=()):
    page = letter(head=head, date="La Ville-aux-Dames, le 2 octobre 2026", body=BODY, signatory=TITLE, ocr=True)
    return read_letter(PieceKind.COURRIER_COLLECTIVITE, "l.jpg", (page,)).fields


def _normalised(cog, collectivite: FieldValue, porteuse: str = "Commune de La Ville-aux-Dames"):
    """The letter's collectivité once normalised (the verdict it leaves: test_completeness)."""
    raw = {"courrier_collectivite.collectivite": collectivite,
           "courrier_collectivite.signataire_qualite": FieldValue("maire", 0.95, None, FieldStatus.EXTRACTED),
           "s1.collectivite.nom": FieldValue(porteuse, 0.95, None, FieldStatus.EXTRACTED)}
    return normalise_fields(raw, cog)["courrier_collectivite.collectivite"]


def test_an_unread_letterhead_gives_the_town_alone_and_its_name_for_a_reviewer(cog):
    fields = _read()
    assert fields["collectivite"].value == "La Ville-aux-Dames" and fields["collectivite"].confidence < 0.5
    out = _normalised(cog, fields["collectivite"])
    assert out.status is FieldStatus.NEEDS_REVIEW  # was sure: "Commune de …" where the letter says "Ville de …"
    assert out.value == "Commune de La Ville-aux-Dames"  # the entity's name, offered to the reviewer


def test_a_read_letterhead_keeps_its_own_designation_sure(cog):
    fields = _read(head=("Ville de La Ville-aux-Dames", "Place de la Mairie", "37700 La Ville-aux-Dames"))
    assert fields["collectivite"].value == "Ville de La Ville-aux-Dames" and fields["collectivite"].confidence >= 0.5
    out = _normalised(cog, fields["collectivite"])
    assert out.status is FieldStatus.EXTRACTED and out.value == "Ville de La Ville-aux-Dames"


def test_an_unsure_reading_with_its_own_designation_is_still_confirmed(cog):
    """"Commune de La Possession" under a stamp (0.45): the letter's own word read, with slips."""
    out = _normalised(cog, FieldValue("Commune de La Possession", 0.45, None, FieldStatus.EXTRACTED),
                      porteuse="Commune de La Possession")
    assert out.status is FieldStatus.EXTRACTED
    bare = _normalised(cog, FieldValue("La Possession", 0.45, None, FieldStatus.EXTRACTED), porteuse="Commune de La Possession")
    assert bare.status is FieldStatus.NEEDS_REVIEW
