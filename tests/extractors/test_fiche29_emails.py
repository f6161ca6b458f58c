"""A fiche's addresses on phone photos (session 29): the dots OCR lost as gaps, a piece read as
low as a speck, a first letter lost against the cell's rule. The words are as Tesseract read
them on the maker's 959x1302 photos (draws 47 and 48): text, place, confidence."""

from __future__ import annotations

import pytest

from extractors.fields.email_text import mended_email
from extractors.fields.fiche import extract_fiche
from extractors.fields.fiche_emails import emails_by_names
from extractors.model import FieldStatus, FieldValue, PageText, Word
from tests.extractors.table_pages import table_page

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


def _section1(referent_email, contact_email):
    """Section 1 as a two-column table, labels at x=70, answers at x=290; each address given
    as (text, x0, x1, confidence) words on its line."""
    rows = [("SECTION 1 – LES PORTEURS DE L'ATELIER", None), ("Le service de l'État", None),
            ("Service de l'État pilote", "DEAL de La Réunion"), ("Nom et prénom du référent", "Josiane PAYET"),
            ("Fonction", "Chargée de mission planification"), ("Courriel", referent_email),
            ("Téléphone", "02 62 51 84 27"), ("La collectivité", None),
            ("Collectivité porteuse", "CA Territoire de la Côte Ouest"),
            ("Nom et prénom de l'élu(e) référent(e)", "Huguette Bello"), ("Qualité", "Présidente"),
            ("Référent technique", "Patrice Fontaine"), ("Courriel", contact_email),
            ("Téléphone", "02 62 12 41 82"), ("Les partenaires", None), ("Autres partenaires associés", "Le CAUE")]
    page = table_page(rows)
    return extract_fiche([("IMG_20260301_101500.jpg", page)])


def test_an_address_whose_dots_a_photo_read_as_gaps_is_put_back_together_for_review():
    """"josiane payet @deal-reunion gouv fr": before, only "payet@deal-reunion" was kept."""
    fields = _section1([("josiane", 291, 332, 0.53), ("payet", 336, 368, 0.53), ("@deal-reunion", 368, 450, 0.69),
                        ("gouv", 456, 480, 0.67), ("fr", 484, 494, 0.88)], "p.fontaine@agglo-ouest.fr")
    value = fields["s1.etat.referent_email"]
    assert value.value == "josiane.payet@deal-reunion.gouv.fr"
    assert value.status is REVIEW  # the dots are guessed
    assert fields["s1.collectivite.contact_email"].value == "p.fontaine@agglo-ouest.fr"


def test_a_top_level_domain_read_as_low_as_a_speck_after_the_address_is_kept():
    """"fr" at 0.27 after "@agglo-territoire-de-la-cote-": dropped as a speck, it left an
    address without its domain's end."""
    fields = _section1("josiane.payet@deal-reunion.gouv.fr",
                       [("p.fontaine", 292, 350, 0.67), ("@agglo-territoire-de-la-cote-", 352, 526, 0.27),
                        ("fr", 514, 526, 0.27)])
    assert fields["s1.collectivite.contact_email"].value == "p.fontaine@agglo-territoire-de-la-cote-.fr"


def test_the_at_word_read_lower_than_a_speck_is_kept_but_not_trusted():
    """"fbarthelemy @dordogne.(0.08) gouv.fr": the "@" word dropped left "fbarthelemy gouv.fr"."""
    fields = _section1([("fbarthelemy", 294, 362, 0.85), ("@dordogne.", 366, 428, 0.08), ("gouv.fr", 432, 474, 0.76)],
                       "p.fontaine@agglo-ouest.fr")
    value = fields["s1.etat.referent_email"]
    assert value.value == "fbarthelemy@dordogne.gouv.fr" and value.status is REVIEW


def test_every_piece_of_an_address_read_lower_than_specks_is_kept():
    """"Kerbrat(0.66) yannick@(0.18) guyane.gouv(0.18) fr(0.15)" (a photo): only "Kerbrat"
    was left. A cell's rule read "1" before an address is no piece of it."""
    fields = _section1([("Kerbrat", 288, 333, 0.66), ("yannick@", 337, 392, 0.18), ("guyane.gouv", 396, 473, 0.18),
                        ("fr", 477, 489, 0.15)],
                       [("1", 280, 284, 0.83), ("y.kerbrat@cc-de-l-ouest-guyanais.fr", 289, 500, 0.45)])
    value = fields["s1.etat.referent_email"]
    assert value.value == "Kerbrat.yannick@guyane.gouv.fr" and value.status is REVIEW
    assert fields["s1.collectivite.contact_email"].value == "y.kerbrat@cc-de-l-ouest-guyanais.fr"


def test_a_speck_in_the_gutter_before_an_address_is_no_piece_of_it():
    """A fax's "TT" at 0.00 between the label and the answer, 45 points before it."""
    fields = _section1("josiane.payet@deal-reunion.gouv.fr",
                       [("TT", 165, 177, 0.0), ("Lbarthelemy@mairie-saint-hilaire-de-clisson.fr", 222, 424, 0.48)])
    assert fields["s1.collectivite.contact_email"].value == "Lbarthelemy@mairie-saint-hilaire-de-clisson.fr"


def test_a_speck_after_an_answer_that_is_no_address_is_still_a_speck():
    fields = _section1("josiane.payet@deal-reunion.gouv.fr", "p.fontaine@agglo-ouest.fr")
    assert fields["s1.etat.referent_email"].status is SURE
    assert fields["s1.etat.referent_email"].value == "josiane.payet@deal-reunion.gouv.fr"


@pytest.mark.parametrize("read, address, guessed", [
    ("josiane payet@deal-reunion gouv fr", "josiane.payet@deal-reunion.gouv.fr", True),
    ("jean-marc etienne@herault gouv.fr", "jean-marc.etienne@herault.gouv.fr", True),
    ("Courriel j.dupont@ville-exemple.fr", "j.dupont@ville-exemple.fr", False),  # a label's word is no piece
    ("j.dupont@ddt.gouv.fr 05 96 12 34 56", "j.dupont@ddt.gouv.fr", False),  # a number after it is no piece
    ("j.dupont@ville-exemple.fr et", "j.dupont@ville-exemple.fr", False),  # nor a word past its domain's end
])
def test_the_pieces_around_the_at_are_the_address(read, address, guessed):
    assert mended_email(read) == (address, guessed)


def _contact(name: str, email: str) -> FieldValue:
    fields = {"s1.collectivite.contact_nom": FieldValue(name, 0.9, None, SURE),
              "s1.collectivite.contact_email": FieldValue(email, 0.9, None, SURE)}
    emails_by_names(fields)
    return fields["s1.collectivite.contact_email"]


def test_a_first_letter_lost_that_only_one_form_of_the_name_ends_with_is_put_back():
    """"ascale.vallet" (a 150 dpi table scan: the "p" against the cell's rule) ends only
    pascale.vallet: mended, for a reviewer. "vallet" ends three forms: left as read."""
    value = _contact("Pascale VALLET", "ascale.vallet@mairie-exemple.fr")
    assert value.value == "pascale.vallet@mairie-exemple.fr" and value.status is REVIEW
    value = _contact("Pascale VALLET", "vallet@mairie-exemple.fr")
    assert value.value == "vallet@mairie-exemple.fr" and value.status is REVIEW


def _domain(email: str, **named) -> FieldValue:
    from extractors.fields.fiche import FICHE_FIELDS
    from extractors.fields.fiche_checks import doubt_domain_slips

    fields = {fid: FieldValue.missing() for fid in FICHE_FIELDS}
    for field, text in {"s1.etat.service": "DDT de l'Isère", "s1.collectivite.nom": "Ville des Anses-d'Arlet",
                        **named}.items():
        fields[field] = FieldValue(text, 0.9, None, SURE)
    fields["s1.collectivite.contact_email"] = FieldValue(email, 0.5, None, SURE)
    doubt_domain_slips(fields)
    return fields["s1.collectivite.contact_email"]


@pytest.mark.parametrize("read, mended", [
    ("pierre-yves.clemente@muairic-les-anses-d-arlet.fr", "pierre-yves.clemente@mairie-les-anses-d-arlet.fr"),
    ("Brigitte.weber@Discre.gouv.fr", "Brigitte.weber@isere.gouv.fr"),  # a fax's "is" read "Disc"
])
def test_a_domain_piece_two_slips_from_one_word_of_the_fiche_is_mended_for_review(read, mended):
    value = _domain(read)
    assert value.value == mended and value.status is REVIEW


@pytest.mark.parametrize("read", [
    "p.boyer@maine-le-port.fr",  # a French word: maybe the domain's own
    "p.boyer@mairie-villers.fr",  # "villers" is two letters longer than "ville"
    "p.boyer@mairie-anses-d-arlet.fr",  # words of the fiche
])
def test_a_domain_piece_that_may_be_its_own_is_left_as_read(read):
    assert _domain(read).value == read


@pytest.mark.parametrize("conf, status", [(0.62, REVIEW), (0.9, SURE)])
def test_a_place_with_a_doubted_word_is_not_trusted(conf, status):
    """"Fait à Le Pont, le 14 juillet 2026", "Pont," read at 0.62 on a photo (Le Port): a
    place's name has no lexicon; read sure, it is trusted as before."""
    words = [Word(text, (70.0 + 40 * i, 700.0, 100.0 + 40 * i, 712.0), c, 0) for i, (text, c) in enumerate(
        [("Fait", 0.86), ("à", 0.86), ("Le", 0.86), ("Pont,", conf), ("le", 0.83), ("14", 0.9), ("juillet", 0.88),
         ("2026", 0.88)])]
    page = PageText(1, 612.0, 792.0, tuple(words), ocr=True, confidence=0.85)
    fields = extract_fiche([("IMG_20260301_101500.jpg", page)])
    assert fields["fiche.lieu"].value == "Le Pont" and fields["fiche.lieu"].status is status
    assert fields["fiche.date"].value == "14 juillet 2026"
