"""Session 24's letter families (draws d28, d29): photographed and faxed letters."""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import PageText, PieceKind
from tests.extractors.letters import letter

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET


def test_a_date_lines_comma_read_as_a_period():
    """"Grand-Bourg. 30 septembre 2026": a photo read the place's comma as a period; the line
    is still the letter's date (it was lost). A body's "Par délibération du …" still is not."""
    page = letter(date="Grand-Bourg. 30 septembre 2026", ocr=True, conf=0.9)
    assert read_letter(COLL, "lettre.jpg", (page,)).fields["date"].value == "30 septembre 2026"
    page = letter(date=None, body=("Par délibération du 15 février 2026 le conseil a approuvé la candidature.",))
    assert "date" not in read_letter(COLL, "lettre.pdf", (page,)).fields


def test_the_body_names_the_commune_at_a_lines_start():
    """"… partagée." | "La ville de La Roche-sur-Foron s'engage …": the sentence that names the
    commune begins a line; with the town printed bare in the letterhead, it is the letter's."""
    page = letter(head=("La Roche-sur-Foron", "3 rue Pasteur", "74800 LA ROCHE-SUR-FORON"),
                  body=("J'ai l'honneur de vous adresser notre candidature à l'appel à projets.",
                        "Nous attendons de l'Atelier une feuille de route opérationnelle et partagée.",
                        "La ville de La Roche-sur-Foron s'engage à participer activement à la démarche."),
                  signatory=("Hervé MAILLARD",), ocr=True, conf=0.9)
    found = read_letter(COLL, "lettre.jpg", (page,)).fields["collectivite"]
    assert found.value == "Commune de La Roche-sur-Foron"


def _tall_rows(rows: list[tuple[float, float, str]], height: float) -> PageText:
    """A photographed page's rows (x, top, text), each word boxed `height` points tall."""
    from tests.extractors.letters import words

    placed = [w for line, (x, top, text) in enumerate(rows) for w in words(x, top, text, line, 0.93, height)]
    return PageText(1, 595.0, 842.0, tuple(placed), ocr=True, confidence=0.93)


def test_a_last_page_photographed_apart_whose_boxes_overlap_opens_on_its_closing():
    """A letter's last page photographed apart: its closing formula over two lines whose OCR
    boxes, taller than the line spacing, run into each other; the title under it is the
    signatory's quality (it was taken for a letterhead, and the quality was lost)."""
    page = _tall_rows([(100, 114, "Restant à votre disposition pour tout complément, je vous prie de croire, Madame, à"),
                       (70, 131, "l'assurance de mes sentiments les meilleurs,"),
                       (180, 189, "Président de CIVIS (Communauté intercommunale des Villes Solidaires)"),
                       (290, 286, "Cédric Huet")], height=21)
    reading = read_letter(COLL, "page2.jpg", (page,))
    assert reading.ended
    assert reading.fields["signataire_qualite"].value == "president_epci"
    assert reading.fields["signataire_nom"].value == "Cédric Huet"


def test_an_epcis_acronym_before_its_name_in_the_letterhead():
    """"CIVIS (Communauté intercommunale des Villes Solidaires)": the letterhead names the EPCI
    by its acronym first; the letter is the EPCI's, as it names itself."""
    page = letter(head=("CIVIS (Communauté intercommunale des Villes Solidaires)", "29 route de Saint-Louis",
                        "97410 Saint-Pierre"), signatory=("Le Président,", "Cédric Huet"))
    found = read_letter(COLL, "lettre.pdf", (page,)).fields["collectivite"]
    assert found.value == "CIVIS (Communauté intercommunale des Villes Solidaires)"


def test_a_letterheads_name_cut_at_the_edge_is_completed_by_the_body():
    """"Commune de Sainte-Flo" (a fax's edge cut the letterhead), the body naming "la commune de
    Sainte-Florence": the letterhead's designation and the whole name. A name the body only
    extends with a hyphen ("Lens" / "Lens-Liévin") is no cut name."""
    body = ("Je soussignée Lucie WEBER, maire de Sainte-Florence, confirme le soutien plein",
            "et entier de la commune de Sainte-Florence à la candidature déposée.")
    page = letter(head=("Commune de Sainte-Flo", "1 place de la Mairie"), body=body, ocr=True, conf=0.9)
    assert read_letter(COLL, "fax.tif", (page,)).fields["collectivite"].value == "Commune de Sainte-Florence"
    body = ("J'ai l'honneur de vous confirmer le soutien de la commune de Lens-Liévin Nord à la candidature.",)
    page = letter(head=("Ville de Lens", "1 place de la Mairie"), body=body)
    assert read_letter(COLL, "lettre.pdf", (page,)).fields["collectivite"].value == "Ville de Lens"


def test_a_running_footer_after_the_closing_is_no_signatory_block():
    """A letter on two pages, each with its footer ("Commune d'Amfreville-la-Mi-Voie —
    Seine-Maritime", "1/2"): the closing ends the first page, the block opens the second.
    The footer under the closing was taken for the whole block (quality, name, date and the
    signature's place lost)."""
    from dataclasses import replace as with_number

    from tests.extractors.letters import page as laid_out

    footer = "Commune d'Amfreville-la-Mi-Voie — Seine-Maritime"
    first = letter(head=("MAIRIE D'AMFREVILLE-LA-MI-VOIE", "1 bis allée des Tilleuls"), date=None,
                   signatory=(), after=(footer, "1/2"))
    second = with_number(laid_out([(82, [(364, "Le 20 octobre 2026")]), (120, [(364, "La Maire d'Amfreville-la-Mi-Voie")]),
                                   (194, [(364, "BENHAMOU Solène")]), (225, [(91, "Copie : DDT de la Seine-Maritime")]),
                                   (790, [(237, footer)]), (804, [(297, "2/2")])]), number=2)
    reading = read_letter(COLL, "lettre.pdf", (first, second))
    assert reading.fields["signataire_qualite"].value == "maire"
    assert reading.fields["signataire_nom"].value == "BENHAMOU Solène"
    assert reading.fields["date"].value == "20 octobre 2026"
    assert reading.zone is not None and reading.zone.page == 1


def test_the_sous_directions_name_whose_title_a_photo_lost():
    """"À l'attention de Madame" | "de l'aménagement durable" (her title "la sous-directrice"
    lost on a photo, the acronyms' line too): the block still names the sous-direction; it was
    an unsure "no" (VERIFICATION_REQUISE). Another authority's block stays a "no"."""
    from tests.extractors.letters import prefet_letter

    block = ("Ministère de la Transition écologique et de la Cohésion des territoires", "À l'attention de Madame",
             "de l'aménagement durable", "Tour Séquoia", "1, place Carpeaux", "92800 Puteaux")
    page = prefet_letter(addressee=block, ocr=True, conf=0.9)
    assert read_letter(PREFET, "lettre.jpg", (page,)).fields["destinataire_dgaln"].value is True
    other = ("Madame la directrice régionale", "de l'environnement, de l'aménagement et du logement",
             "5 rue Newton", "44000 Nantes")
    page = prefet_letter(addressee=other, ocr=True, conf=0.9)
    assert read_letter(PREFET, "lettre.jpg", (page,)).fields["destinataire_dgaln"].value is False
