"""Support letters: signatory, quality, collectivité, département clues, date, choice of letter (the addressee: test_courrier_addressee)."""

from __future__ import annotations

import pytest

from extractors.fields import Piece, extract_fields, letter_zones, nlp
from extractors.fields.courrier import choose_prefet, letter_fields, read_letter
from extractors.fields.courrier_layout import letter_lines, letter_parts
from extractors.fields.signataire import name_of, quality_of
from extractors.model import FieldStatus, PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import letter, page, prefet_letter

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET


def fields_of(kind: PieceKind, page_text) -> dict:
    reading = read_letter(kind, "courrier.pdf", (page_text,))
    return {name: value.value for name, value in reading.fields.items()}




# -- the maire's / president's letter ------------------------------------------------------------

def test_a_maires_letter_is_read_whole():
    got = fields_of(COLL, letter())
    assert got == {"signataire_nom": "Isabelle Le Callennec", "signataire_qualite": "maire",
                   "collectivite": "Commune de Vitré", "date": "12 mars 2026"}


def test_the_date_is_the_date_line_not_a_date_of_the_body():
    got = fields_of(COLL, letter(date="Vitré, le 1er avril 2026"))
    assert got["date"] == "1er avril 2026"  # not the "15 février 2026" of the deliberation


def test_a_numeric_date_line_before_the_addressee():
    assert fields_of(COLL, letter(date="Le 12/03/2026", date_first=True))["date"] == "12/03/2026"


def test_a_date_written_by_the_signature_only():
    text = letter(date=None, signatory=("Fait à Vitré, le 3 mars 2026", "Le Maire,", "Isabelle Le Callennec"))
    assert fields_of(COLL, text)["date"] == "3 mars 2026"


@pytest.mark.parametrize("quality", [
    ("P/le Maire,", "l'adjoint délégué à l'urbanisme,"),
    ("Pour le Maire empêché,", "le Premier adjoint,"),
    ("La Maire adjointe,",),
    ("Le Maire délégué de Saint-Martin,",),
])
def test_someone_signing_for_the_maire_is_autre(quality):
    got = fields_of(COLL, letter(signatory=(*quality, "Paul Durand")))
    assert got["signataire_qualite"] == "autre" and got["signataire_nom"] == "Paul Durand"


def test_a_president_under_a_letterhead_read_as_a_communes_is_for_a_reviewer():
    """"Présidente de la Commun…" (a stamp over "Communauté de communes"), the letterhead read as
    a commune's: an EPCI's president by every likelihood, never a sure "autre" (which would
    tell the porteur its signatory lacks the quality)."""
    reading = read_letter(COLL, "courrier.pdf", (letter(head=("Commune de Saint-Georges",),
                                                        signatory=("Présidente de la Commun", "Anne Roux")),))
    quality = reading.fields["signataire_qualite"]
    assert quality.value == "autre" and quality.confidence < 0.7
    got = fields_of(COLL, letter(signatory=("P/le Maire,", "l'adjoint délégué à l'urbanisme,", "Paul Durand")))
    assert got["signataire_qualite"] == "autre"
    assert read_letter(COLL, "c.pdf", (letter(signatory=("P/le Maire,", "l'adjoint,", "Paul Durand")),)) \
        .fields["signataire_qualite"].confidence >= 0.9


def test_a_footer_naming_the_president_is_no_part_of_the_maires_block():
    """"Toute correspondance est à adresser au Président" printed at the foot of a mairie's
    letter: the block is "La Maire" and her name, a maire surely."""
    reading = read_letter(COLL, "courrier.pdf", (letter(
        signatory=("La Maire", "Mme Maëlle Texier", "Toute correspondance est à adresser au Président")),))
    quality = reading.fields["signataire_qualite"]
    assert quality.value == "maire" and quality.confidence >= 0.9


def test_an_epci_letter_named_on_two_lines():
    text = letter(head=("Communauté de communes", "du Pays de Mormal", "Rue Chevray", "59530 Le Quesnoy"),
                  signatory=("Le Président,", "Guislain Cambier"))
    got = fields_of(COLL, text)
    assert got["collectivite"] == "Communauté de communes du Pays de Mormal"
    assert got["signataire_qualite"] == "president_epci"


def test_a_maire_who_presides_the_epci_signs_as_its_president_on_its_letterhead():
    text = letter(head=("Vitré Communauté", "16 bis boulevard des Rochers"),
                  signatory=("Le Maire de Vitré,", "Président de Vitré Communauté,", "Isabelle Le Callennec"))
    got = fields_of(COLL, text)
    assert got["collectivite"] == "Vitré Communauté" and got["signataire_qualite"] == "president_epci"


def test_a_letterhead_in_capitals_is_written_as_a_name():
    assert fields_of(COLL, letter(head=("COMMUNE DE SAINT-JEAN-D'ANGÉLY",)))["collectivite"] == \
        "Commune de Saint-Jean-d'Angély"


def test_a_check_box_ocr_put_for_de_is_read_as_de():
    text = page([(50, [(60, "COMMUNE ☒ SAINT-JOSEPH")]), (70, [(60, "97480 Saint-Joseph")]),
                 (150, [(320, "Saint-Joseph, le 10 juin 2026")]), (200, [(60, "Objet : Candidature")]),
                 (230, [(60, "Madame, Monsieur,")]), (260, [(60, "Je vous prie de croire à ma considération.")]),
                 (300, [(320, "Le Maire,")]), (360, [(320, "Gilbert Hoarau")])], ocr=True, conf=0.93)
    got = fields_of(COLL, text)
    assert got["collectivite"] == "Commune de Saint-Joseph" and got["signataire_nom"] == "Gilbert Hoarau"


def test_title_and_name_on_one_line_and_a_civility():
    assert fields_of(COLL, letter(signatory=("Le Maire, M. Joël Le Besco",)))["signataire_nom"] == "Joël Le Besco"


def test_no_letterhead_text_the_collectivite_comes_from_the_signatory():
    got = fields_of(COLL, letter(head=(), signatory=("Le Maire de Combourg,", "Joël Le Besco")))
    assert got["collectivite"] == "Combourg" and got["signataire_qualite"] == "maire"


def test_the_footer_and_copies_are_not_the_signatory():
    text = letter(signatory=("Le Maire,", "Isabelle Le Callennec"),
                  after=("Copie : Monsieur le Préfet d'Ille-et-Vilaine", "Place du Château – 35500 Vitré"))
    assert fields_of(COLL, text)["signataire_nom"] == "Isabelle Le Callennec"


@pytest.mark.skipif(not nlp.available(), reason="spaCy model not installed")
def test_spacy_picks_the_person_among_two_name_shaped_lines():
    parts = letter_parts(letter_lines((letter(signatory=("La Maire,", "Nathalie Appéré", "Rennes Métropole")),)))
    block = [parts.lines[i] for i in parts.signatory]
    assert len(block) == 3 and name_of(block).text == "Nathalie Appéré"
    assert nlp.person_names("Le Maire,\nJoël Le Besco") == ["Joël Le Besco"]


# -- the préfet's letter -------------------------------------------------------------------------

def test_a_prefets_letter_is_read_whole():
    got = fields_of(PREFET, prefet_letter())
    assert got["signataire_nom"] == "Emmanuel Aubry" and got["signataire_qualite"] == "prefet"
    assert got["departement"][0] == {"departement": "SARTHE"}
    assert got["date"] == "16 mars 2026" and got["destinataire_dgaln"] is True


def test_the_bloc_marque_split_over_lines_beside_another_column():
    text = prefet_letter(head=("PRÉFÈTE", "DE LA CHARENTE-", "MARITIME", "Liberté", "Égalité"),
                         signatory=("La préfète,", "Brigitte Klinkert"))
    got = fields_of(PREFET, text)
    assert got["departement"][0] == {"departement": "CHARENTE-MARITIME"}
    assert got["signataire_qualite"] == "prefet"


def test_the_bloc_marque_read_by_ocr_with_boxes_taller_than_the_ink():
    """Tesseract often boxes letterhead capitals well above and below their ink: the
    département's line then overlaps the box of "PRÉFET" above it, yet is its continuation."""
    from dataclasses import replace

    text = prefet_letter(head=("PRÉFET", "DE LA DRÔME", "Liberté", "Égalité", "Fraternité"))
    head_lines = {w.line for w in text.words if w.text in ("PRÉFET", "DRÔME")}
    tall = tuple(replace(w, bbox=(w.bbox[0], w.bbox[1] - 6, w.bbox[2], w.bbox[3] + 6)) if w.line in head_lines
                 else w for w in text.words)
    got = fields_of(PREFET, replace(text, words=tall, ocr=True))
    assert got["departement"][0] == {"departement": "DRÔME"}


def test_the_bloc_marque_on_a_photo_with_boxes_twice_the_ink_and_its_motto_unread():
    """A photo's OCR boxes "PRÉFET" and the département's line twice as tall as their ink, and
    reads the motto under them as a doubted "Lou": the département is the line under the title."""
    from dataclasses import replace

    text = prefet_letter(head=("PRÉFET", "DE LA DRÔME", "Lou", "Égalité"))
    title = [w for w in text.words if w.bbox[0] < 200 and w.bbox[1] < 70]  # "PRÉFET" / "DE LA DRÔME"
    tall = tuple(replace(w, bbox=(w.bbox[0], w.bbox[1] - 9, w.bbox[2], w.bbox[3] + 9)) if w in title
                 else replace(w, conf=0.3) if w.text == "Lou" else w for w in text.words)
    got = fields_of(PREFET, replace(text, words=tall, ocr=True))
    assert got["departement"][0] == {"departement": "DRÔME"}


@pytest.mark.parametrize("head, clue", [
    (("Préfecture du Cantal", "Cabinet du préfet"), {"departement": "Cantal"}),
    (("PRÉFET DE LA RÉGION BRETAGNE", "PRÉFET D'ILLE-ET-VILAINE"), {"departement": "ILLE-ET-VILAINE"}),
    (("Sous-préfecture de Dinan", "22100 Dinan"), {"commune": "Dinan"}),
])
def test_where_the_prefecture_says_its_departement(head, clue):
    got = fields_of(PREFET, prefet_letter(head=head, right=(), signatory=("Le préfet,", "Emmanuel Aubry")))
    assert got["departement"][0] == clue


def test_a_sender_title_above_a_lone_a_names_the_departement():
    text = prefet_letter(head=(), right=(), sender_title="Le préfet du Finistère")
    got = fields_of(PREFET, text)
    assert {"departement": "Finistère"} in got["departement"] and got["destinataire_dgaln"] is True


@pytest.mark.parametrize("signatory, slug", [
    (("Pour le préfet et par délégation,", "le secrétaire général,", "Romain Lacaze"), "autre"),
    (("Pour le préfet et par délégation,", "le sous-préfet de Dinan,", "Romain Lacaze"), "sous_prefet"),
    (("Le sous-préfet de Saint-Jean-d'Angély,", "Olivier Cazenave"), "sous_prefet"),
    (("Pour la préfète,", "le directeur départemental des territoires,", "Marc Petit"), "autre"),
    (("Le préfet de la région Bretagne,", "préfet d'Ille-et-Vilaine,", "Philippe Gustin"), "prefet"),
])
def test_the_signers_own_title_is_the_last_one(signatory, slug):
    assert fields_of(PREFET, prefet_letter(signatory=signatory))["signataire_qualite"] == slug


def test_two_unrelated_titles_are_left_to_a_reviewer():
    reading = read_letter(PREFET, "p.pdf", (prefet_letter(
        signatory=("Le sous-préfet,", "secrétaire général de la préfecture,", "Romain Lacaze")),))
    assert reading.fields["signataire_qualite"].confidence < 0.7


def test_values_carry_their_source_box_on_the_page():
    reading = read_letter(COLL, "lettre.pdf", (letter(),))
    source = reading.fields["signataire_nom"].source
    assert source.file == "lettre.pdf" and source.page == 1 and source.bbox[1] > 400


def test_ocr_confidence_caps_the_fields_confidence():
    reading = read_letter(COLL, "scan.pdf", (letter(ocr=True, conf=0.55),))
    assert all(v.confidence <= 0.55 for v in reading.fields.values())


# -- choosing among letters, absent letters, the signature verdict -------------------------------

def _pieces(*pages_and_kinds) -> list[Piece]:
    return [Piece(kind, f"{i}.pdf", (text,)) for i, (kind, text) in enumerate(pages_and_kinds)]


def test_the_porteuses_letter_wins_over_the_other_collectivites():
    maire = letter(head=("Commune de Vitré",), signatory=("Le Maire,", "Isabelle Le Callennec"))
    epci = letter(head=("Vitré Communauté",), signatory=("Le Président,", "Teddy Regnier"))
    fiche_says = {"s1.collectivite.nom": "Vitré Communauté"}
    readings = [read_letter(COLL, "m.pdf", (maire,)), read_letter(COLL, "e.pdf", (epci,))]
    got = letter_fields(readings, fiche_says["s1.collectivite.nom"], {})
    assert got["courrier_collectivite.signataire_nom"].value == "Teddy Regnier"
    got = letter_fields(readings, "Commune de Vitré", {})
    assert got["courrier_collectivite.signataire_nom"].value == "Isabelle Le Callennec"


def test_with_no_letterhead_read_the_letter_the_fiches_elu_signs_wins():
    """A photo whose letterhead was lost names no collectivité; its signer is the fiche's élu,
    the other letter's signer (a partner commune's maire, later) is not."""
    porteuse = letter(head=(), signatory=("Le Maire,", "Isabelle Le Callennec"))
    partner = letter(head=(), signatory=("Le Maire,", "Paul Durand"))
    readings = [read_letter(COLL, "p.pdf", (porteuse,)), read_letter(COLL, "o.pdf", (partner,))]
    got = letter_fields(readings, "Commune de Vitré", {}, ("Isabelle LE CALLENNEC", "Maire"))
    assert got["courrier_collectivite.signataire_nom"].value == "Isabelle Le Callennec"
    got = letter_fields(readings, "Commune de Vitré", {}, ("Paul Durand", "Maire"))
    assert got["courrier_collectivite.signataire_nom"].value == "Paul Durand"


def test_the_prefets_letter_wins_over_the_sous_prefets():
    sous = read_letter(PREFET, "s.pdf", (prefet_letter(signatory=("Le sous-préfet de Dinan,", "Jean Moulin")),))
    prefet = read_letter(PREFET, "p.pdf", (prefet_letter(),))
    assert choose_prefet([prefet, sous]) is prefet and choose_prefet([sous, prefet]) is prefet


def test_an_absent_letter_has_every_field_missing_booleans_included():
    got = extract_fields(_pieces((COLL, letter())))
    for name in ("signataire_nom", "signataire_qualite", "departement", "date", "signe", "destinataire_dgaln"):
        assert got[f"courrier_prefet.{name}"].status is FieldStatus.MISSING
        assert got[f"courrier_prefet.{name}"].value is None


def test_the_signature_verdict_becomes_the_signe_field():
    pieces = _pieces((COLL, letter()), (PREFET, prefet_letter()))
    zones = letter_zones(pieces)
    assert set(zones) == {0, 1}
    got = extract_fields(pieces, {0: SignatureCheck(True, 0.95, (300, 400, 450, 450)),
                                  1: SignatureCheck(None, 0.45)})
    assert got["courrier_collectivite.signe"].value is True
    assert got["courrier_collectivite.signe"].source.bbox == (300, 400, 450, 450)
    assert got["courrier_prefet.signe"].value is None
    assert got["courrier_prefet.signe"].status is FieldStatus.NEEDS_REVIEW


def test_a_letter_never_checked_leaves_signe_to_a_reviewer():
    got = extract_fields(_pieces((COLL, letter())))
    assert got["courrier_collectivite.signe"].status is FieldStatus.NEEDS_REVIEW


def test_the_signature_zone_covers_the_signatory_block_and_its_left():
    zone = letter_zones(_pieces((COLL, letter())))[0]
    x0, top, x1, bottom = zone.bbox
    assert x0 < 320 - 100 and x1 == 595.0 and top < 443 and bottom > 453
    assert zone.printed  # "Le Maire," and the name are masked, not taken for ink


def test_quality_of_nothing_is_none():
    assert quality_of([], "courrier_collectivite", None) is None


@pytest.mark.parametrize("head, named", [
    (("MAIRIE", "DE VITRÉ"), "Commune de Vitré"),  # a designation set apart from the name: a commune
    (("Ville de", "Vitré"), "Commune de Vitré"),
    (("Mairie", "Vitré"), "Commune de Vitré"),
    (("Hôtel de Ville", "Vitré"), "Hôtel de Ville de Vitré"),  # the export names it "Commune de Vitré"
    (("MAIRIE DE VITRÉ",), "Mairie de Vitré"),  # printed together: as the letter names itself
])
def test_a_collectivite_named_on_two_lines(head, named):
    assert fields_of(COLL, letter(head=head))["collectivite"] == named


def test_a_reference_date_in_the_head_is_not_the_letters_date():
    text = letter(head=("Commune de Vitré", "V/Réf : courrier du 2 février 2026"), date="Vitré, le 12 mars 2026")
    assert fields_of(COLL, text)["date"] == "12 mars 2026"


# -- what scanners and phones add ------------------------------------------------------------------

def test_the_sheets_edge_read_as_bars_is_not_part_of_the_letter():
    from dataclasses import replace

    from extractors.model import Word

    base = letter(ocr=True, conf=0.95)
    # A scanner's lid shadow down the right margin: OCR reads a "|" on a line of its own every few points.
    bars = tuple(Word("|", (560.0, top, 563.0, top + 12), 0.85, 1000 + k) for k, top in enumerate(range(300, 800, 14)))
    got = fields_of(COLL, replace(base, words=base.words + bars))
    assert got["signataire_nom"] == "Isabelle Le Callennec" and got["signataire_qualite"] == "maire"


def test_an_addressee_block_whose_lines_bow_and_overlap():
    from dataclasses import replace

    from extractors.model import Word

    base = prefet_letter(ocr=True, conf=0.95,
                         addressee=("Madame la Cheffe du bureau", "des stratégies territoriales", "DHUP / DGALN",
                                    "Tour Séquoia"))
    lines = {w.line for w in base.words if w.text in ("Cheffe", "stratégies", "DHUP", "Séquoia")}
    # A photographed page: the lines of the block read taller than they are, their boxes overlap.
    bowed = tuple(Word(w.text, (w.bbox[0], w.bbox[1] - 3, w.bbox[2], w.bbox[3] + 3), w.conf, w.line)
                  if w.line in lines else w for w in base.words)
    parts = letter_parts(letter_lines((replace(base, words=bowed),)))
    assert [parts.lines[i].text for i in parts.addressee] == [
        "Madame la Cheffe du bureau", "des stratégies territoriales", "DHUP / DGALN", "Tour Séquoia"]
    assert fields_of(PREFET, replace(base, words=bowed))["destinataire_dgaln"] is True


def test_whoever_signs_for_the_maire_lacks_the_quality_even_with_an_unreadable_title():
    # OCR made "Adininte" of "Adjointe": no title is read, yet it is someone signing in the maire's stead.
    reading = read_letter(COLL, "c.pdf", (letter(signatory=("Pour le Maire empêché,", "la Première Adininte",
                                                            "Isabelle Garcin"), ocr=True, conf=0.93),))
    quality = reading.fields["signataire_qualite"]
    assert quality.value == "autre" and quality.confidence >= 0.85


def test_for_the_prefet_an_unreadable_title_stays_uncertain():
    # "Pour le préfet," then a title OCR garbled: it may be a sous-préfet, who is habilité.
    reading = read_letter(PREFET, "p.pdf", (prefet_letter(signatory=("Pour le préfet,", "le Sous-prfzt",
                                                                     "Paul Durand"), ocr=True, conf=0.93),))
    assert reading.fields["signataire_qualite"].confidence < 0.7


def test_a_letterhead_name_cut_at_a_hyphen_is_completed_by_the_body():
    body = ("J'ai l'honneur de vous confirmer le plein soutien de la commune de",
            "Digne-les-Bains à la candidature à l'Atelier des territoires Flash.")
    got = fields_of(COLL, letter(head=("Commune de Digne-", "Place du Général de Gaulle"), body=body))
    assert got["collectivite"] == "Commune de Digne-les-Bains"


def test_a_centred_letterhead_beside_a_right_hand_block():
    text = letter(head=("Commune de", "Fourmies", "Place de Verdun", "59610 Fourmies"),
                  right=("Ministère de la Transition écologique", "Sous-direction de l'aménagement durable",
                         "(AD1/DHUP/DGALN)"), addressee=())
    assert fields_of(COLL, text)["collectivite"] == "Commune de Fourmies"


@pytest.mark.parametrize("signatory, slug", [
    (("Claire HUMBERT", "Maire de Lunéville", "Conseillère départementale de Meurthe-et-Moselle"), "maire"),
    (("Le Président,", "Sénateur de la Sarthe,", "Jean Dupont"), "president_epci"),
    (("Conseillère départementale,", "Claire Humbert"), "autre"),
])
def test_other_mandates_under_the_title_do_not_blur_it(signatory, slug):
    head = ("Communauté de communes du Pays Fléchois",) if slug == "president_epci" else ("Ville de Lunéville",)
    reading = read_letter(COLL, "c.pdf", (letter(head=head, signatory=signatory),))
    quality = reading.fields["signataire_qualite"]
    assert quality.value == slug and quality.confidence >= 0.85


# -- titles a stamp or a stroke damaged, and what the letter and the fiche say of the signer -----

@pytest.mark.parametrize("title, kind, slug", [
    ("Le Préfetide Kauxel", PREFET, "prefet"),  # "Le Préfet de la Haute-Savoie" under a stamp
    ("La Présidé de", COLL, "president_epci"),
])
def test_a_damaged_title_is_read_for_what_it_is_but_less_trusted(title, kind, slug):
    head = ("Communauté de communes du Val d'Ille", "35520 Melesse") if kind is COLL else ("PRÉFET", "DE LA SARTHE")
    reading = read_letter(kind, "c.pdf", (letter(head=head, signatory=(title, "Marie-Josée Morvan"), ocr=True,
                                                 conf=0.95),))
    quality = reading.fields["signataire_qualite"]
    assert quality.value == slug and quality.confidence <= 0.85


def test_a_first_name_is_no_damaged_title():
    reading = read_letter(COLL, "c.pdf", (letter(signatory=("Marie Présent",)),))
    assert "signataire_qualite" not in reading.fields


def test_a_title_under_a_closing_without_its_full_stop_is_the_signatory_block():
    closing = ("Je vous prie d'agréer, Monsieur le Sous-directeur, l'expression de mes salutations",
               "distinguées")
    got = fields_of(COLL, letter(closing=closing, signatory=("Maire", "Armelle Peyrou")))
    assert got["signataire_qualite"] == "maire" and got["signataire_nom"] == "Armelle Peyrou"


def test_without_a_title_in_the_block_the_body_says_who_signs():
    body = ("Je soussignée Nadège MAILLARD, maire de Vitré, confirme par la présente le soutien plein et",
            "entier de la commune à la candidature déposée.")
    got = fields_of(COLL, letter(body=body, signatory=("Nadège MAILLARD",)))
    assert got["signataire_qualite"] == "maire"


def coll_reading(signatory, conf=0.95):
    return read_letter(COLL, "c.pdf", (letter(signatory=signatory, ocr=True, conf=conf),))


def test_the_fiches_elu_gives_the_mandate_of_a_signer_named_without_a_title():
    got = letter_fields([coll_reading(("Nadège Maillard",))], "Commune de Vitré", {},
                        ("Nadège MAILLARD", "Maire"))
    quality = got["courrier_collectivite.signataire_qualite"]
    assert quality.value == "maire" and quality.status is FieldStatus.EXTRACTED
    other = letter_fields([coll_reading(("Nadège Maillard",))], "Commune de Vitré", {}, ("Paul Durand", "Maire"))
    assert other["courrier_collectivite.signataire_qualite"].status is FieldStatus.MISSING


def test_a_half_read_name_of_the_elus_mandate_is_the_elus_and_scribbles_only_a_suggestion():
    half = letter_fields([coll_reading(("Le Maire,", "Peyrou"))], "Commune de Vitré", {}, ("Armelle Peyrou", "Maire"))
    name = half["courrier_collectivite.signataire_nom"]
    assert name.value == "Armelle Peyrou" and name.status is FieldStatus.EXTRACTED
    strokes = letter_fields([coll_reading(("Le Maire,", "wa"))], "Commune de Vitré", {}, ("Armelle Peyrou", "Maire"))
    name = strokes["courrier_collectivite.signataire_nom"]
    assert name.value == "Armelle Peyrou" and name.status is FieldStatus.NEEDS_REVIEW
    adjoint = letter_fields([coll_reading(("Pour le Maire, l'adjoint", "Peyrou"))], "Commune de Vitré", {},
                            ("Armelle Peyrou", "Maire"))
    assert adjoint["courrier_collectivite.signataire_nom"].value != "Armelle Peyrou"


def test_a_signatory_block_on_the_next_page_is_read_past_the_page_number_and_the_running_head():
    first = letter(signatory=("1/2",))
    second = page([(34, [(57, "Commune de Vitré – 30/05/2026")]), (83, [(390, "Vitré, le 30 mai 2026")]),
                   (123, [(390, "La Maire")]), (208, [(390, "Lucie FILIPPI")]), (813, [(290, "2/2")])], number=2)
    reading = read_letter(COLL, "c.pdf", (first, second))
    got = {name: value.value for name, value in reading.fields.items()}
    assert got["signataire_nom"] == "Lucie FILIPPI" and got["signataire_qualite"] == "maire"
    assert reading.zone is not None and reading.zone.page == 1


def test_a_closing_at_the_foot_of_a_page_has_its_block_on_the_next_page_past_the_footer():
    first = prefet_letter(signatory=(), after=("21 avenue Foch - 42000 SAINT-ETIENNE CEDEX - Tél. : 04 54 08 45 28",
                                               "www.loire.gouv.fr"))
    second = page([(107, [(285, "Le Sous-préfet,")]), (122, [(285, "pour le préfet et par délégation")]),
                   (190, [(300, "Émile COULIBALY")]), (241, [(80, "Copie : services techniques")])], number=2)
    reading = read_letter(PREFET, "p.pdf", (first, second))
    got = {name: value.value for name, value in reading.fields.items()}
    assert got["signataire_qualite"] == "sous_prefet" and got["signataire_nom"] == "Émile COULIBALY"
    assert reading.zone is not None and reading.zone.page == 1


def test_the_dgaln_addressee_is_as_sure_as_its_best_read_line():
    from dataclasses import replace as replaced

    text = prefet_letter(ocr=True, conf=0.95)
    acronyms = {w.line for w in text.words if "DGALN" in w.text}
    blurred = replaced(text, words=tuple(replaced(w, conf=0.5) if w.line in acronyms else w for w in text.words))
    value = read_letter(PREFET, "p.pdf", (blurred,)).fields["destinataire_dgaln"]
    assert value.value is True and value.confidence >= 0.9


def test_a_copy_line_under_the_block_is_no_part_of_the_signers_title():
    closing = ("Je vous saurais gré de bien vouloir réserver une suite favorable à cette candidature.",)
    got = fields_of(PREFET, prefet_letter(closing=closing, signatory=("Pascale COULIBALY", "La Préfète de la Sarthe"),
                                          after=("Copie : Monsieur le Sous-préfet d'arrondissement",)))
    assert got["signataire_qualite"] == "prefet" and got["signataire_nom"] == "Pascale COULIBALY"


@pytest.mark.parametrize("quality, kind", [("JE TT -Préfet, pour", PREFET), ("-Président,", COLL)])
def test_a_title_whose_compounds_head_is_lost_is_for_a_reviewer(quality, kind):
    """"Le Sous-Préfet," with "Le Sous" under the signature's strokes reads "-Préfet": a préfet, or
    a sous-préfet (a vice-président for "-Président"), never surely either."""
    reading = read_letter(kind, "courrier.jpg", (letter(signatory=(quality, "Xavier LAGARDE"), ocr=True, conf=0.95),))
    assert reading.fields["signataire_qualite"].confidence <= 0.6


def test_a_whole_compound_title_stays_sure():
    reading = read_letter(PREFET, "courrier.jpg", (letter(signatory=("Le Sous-Préfet,", "Xavier LAGARDE"),
                                                          ocr=True, conf=0.95),))
    quality = reading.fields["signataire_qualite"]
    assert quality.value == "sous_prefet" and quality.confidence > 0.8
