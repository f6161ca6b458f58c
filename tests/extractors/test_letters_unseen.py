"""Letters as unseen dossiers print them: a sender's title centred over the "à", a letterhead in
lower case or a logo's bare name, a title read unsure under a stamp and read again on dark ink."""

from __future__ import annotations

from extractors.fields.courrier import letter_fields, read_letter
from extractors.fields.courrier_layout import Line
from extractors.fields.signataire import quality_of
from extractors.model import FieldStatus, PageText, PieceKind, Word
from extractors.signature import SignatureCheck
from extractors.text import normalise
from tests.extractors.letters import BODY, CLOSING, DGALN, page, words

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET


def rows_letter(head_rows, signatory, *, ocr=False, addressee_x=320.0, body=BODY):
    """A letter from explicit head rows (top, [(x, text)]), the DGALN addressee, body and block."""
    rows = list(head_rows)
    y = max(top for top, _ in head_rows) + 16
    for i, text in enumerate(DGALN):
        rows.append((y + 14 * i, [(addressee_x, text)]))
    y += 14 * len(DGALN) + 20
    rows.append((y, [(330, "Paris, le 12 mars 2026")]))
    y += 30
    rows.append((y, [(60, "Objet : Candidature à l'Atelier des territoires Flash")]))
    y += 24
    rows.append((y, [(60, "Madame la sous-directrice,")]))
    y += 24
    for text in body + CLOSING:
        rows.append((y, [(60, text)]))
        y += 14
    y += 20
    for text in signatory:
        rows.append((y, [(320, text)]))
        y += 40
    return page(rows, ocr=ocr, conf=0.95 if ocr else 1.0)


def test_a_senders_title_centred_over_the_a_gives_the_quality_the_block_lost():
    # the block's title hidden under a stamp: only the name is read there
    text = rows_letter([(40, [(60, "PRÉFÈTE"), (330, "Direction de l'environnement")]),
                        (52, [(60, "DE LA GUADELOUPE"), (330, "Courriel : anne.roux@guadeloupe.gouv.fr")]),
                        (80, [(250, "La préfète de la Guadeloupe")]), (94, [(320, "à")])],
                       ("Mme Gwenaëlle Coulibaly",))
    reading = read_letter(PREFET, "courrier.pdf", (text,))
    assert reading.fields["signataire_qualite"].value == "prefet"


def test_a_collectivite_name_over_the_a_without_a_title_is_the_letterhead():
    text = rows_letter([(60, [(90, "mairie de porto-vecchio")]), (80, [(75, "à")])],
                       ("Le Maire,", "Amandine Kerbrat"), addressee_x=75)
    reading = read_letter(COLL, "courrier.pdf", (text,))
    assert reading.fields["collectivite"].value == "Mairie de Porto-Vecchio"
    assert reading.fields["collectivite"].confidence >= 0.9


def test_a_logos_bare_town_name_is_a_letterhead_read():
    # OCR read the logo's word "caussade" and nothing else above the addressee block
    text = rows_letter([(40, [(110, "caussade")])], ("Maire de Caussade", "LEMAÎTRE Stéphane"),
                       ocr=True, addressee_x=85)
    reading = read_letter(COLL, "courrier.jpg", (text,))
    assert reading.fields["collectivite"].value == "Commune de Caussade"
    assert reading.fields["collectivite"].confidence >= 0.7  # not the unread letterhead's 0.45


def test_a_logos_town_name_with_its_article_agrees_with_the_bodys_contracted_one():
    # "Commune des Andelys" is the town "Les Andelys"; the logo prints the town's own name
    for logo, said, named in (("les andelys", "la commune des Andelys", "Commune des Andelys"),
                              ("le pellerin", "la commune du Pellerin", "Commune du Pellerin")):
        text = rows_letter([(40, [(110, logo)])], ("Amandine Maillard",), ocr=True, addressee_x=270,
                           body=(f"C'est avec conviction que je porte la candidature de {said}.",) + BODY[1:])
        reading = read_letter(COLL, "IMG.jpg", (text,))
        assert reading.fields["collectivite"].value == named
        assert reading.fields["collectivite"].confidence >= 0.7  # not the body's alone


def test_a_logos_town_name_with_an_article_the_body_does_not_give_is_not_its_commune():
    # "le lamentin" is not the body's "commune de Lamentin": which one the collectivité is stays doubtful
    text = rows_letter([(40, [(110, "le lamentin")])], ("Amandine Maillard",), ocr=True, addressee_x=270,
                       body=("C'est avec conviction que je porte la candidature de la commune de Lamentin.",)
                       + BODY[1:])
    reading = read_letter(COLL, "IMG.jpg", (text,))
    assert reading.fields["collectivite"].confidence < 0.7


def test_a_bare_town_name_over_the_address_is_the_letterheads_spelling_of_the_body_commune():
    # the body's name misread by one letter; the letterhead prints it large, and read it right
    text = rows_letter([(40, [(90, "MUTTERSHOLTZ")]), (60, [(90, "place de la Mairie")]),
                        (73, [(90, "67600 MUTTERSHOLTZ")])], ("Sébastien Quéméner",), ocr=True, addressee_x=373,
                       body=("Par ce courrier, la commune de Mutersholtz soutient la candidature.",) + BODY[1:])
    reading = read_letter(COLL, "IMG.jpg", (text,))
    assert reading.fields["collectivite"].value == "Commune de Muttersholtz"


def test_a_title_word_misread_inside_a_hyphenated_word_is_repaired():
    line = Line(tuple(words(0, 0, "La Sous-préfèpe,}nour Id-pféfète et par délégation,", 0)), 0,
                "La Sous-préfèpe,}nour Id-pféfète et par délégation,",
                normalise("La Sous-préfèpe,}nour Id-pféfète et par délégation,"))
    quality = quality_of([line], PREFET.value, None)
    assert quality is not None and quality.slug == "sous_prefet"


def _unsure_title_letter() -> PageText:
    text = rows_letter([(40, [(60, "PRÉFET DU GARD")])], ("Préfète.", "Brigitte Chevrier"), ocr=True)
    # the title under a stamp, read unsure
    unsure = tuple(Word(w.text, w.bbox, 0.5 if w.text == "Préfète." else w.conf, w.line) for w in text.words)
    return PageText(text.number, text.width, text.height, unsure, ocr=True, confidence=text.confidence)


def test_an_unsure_title_confirmed_by_the_block_read_again_is_sure():
    reading = read_letter(PREFET, "courrier.pdf", (_unsure_title_letter(),))
    assert reading.fields["signataire_qualite"].confidence < 0.7
    check = SignatureCheck(True, 0.95, block_text=("Madame, l'assurance de ma considération distinguée.",
                                                   "Mme Brigitte Chevrier", "La Préfète dr Gard : -"))
    out = letter_fields([reading], None, {0: check})
    quality = out["courrier_prefet.signataire_qualite"]
    assert (quality.value, quality.status) == ("prefet", FieldStatus.EXTRACTED) and quality.confidence >= 0.8


def test_an_unsure_title_contradicted_by_the_block_read_again_stays_unsure():
    reading = read_letter(PREFET, "courrier.pdf", (_unsure_title_letter(),))
    check = SignatureCheck(True, 0.95, block_text=("Mme Brigitte Chevrier", "La Sous-préfète de Nîmes"))
    quality = letter_fields([reading], None, {0: check})["courrier_prefet.signataire_qualite"]
    assert quality.value == "prefet" and quality.confidence < 0.7


def test_a_bare_prefet_word_read_unsure_does_not_doubt_the_departement_under_it():
    text = rows_letter([(40, [(60, "PRÉFÈTE")]), (53, [(60, "DES DEUX-SÈVRES")]), (66, [(60, "Liberté")])],
                       ("La Préfète,", "Céline Zimmermann"), ocr=True)
    unsure = tuple(Word(w.text, w.bbox, 0.46 if w.text == "PRÉFÈTE" else w.conf, w.line) for w in text.words)
    reading = read_letter(PREFET, "courrier.pdf",
                          (PageText(1, 595.0, 842.0, unsure, ocr=True, confidence=0.9),))
    departement = reading.fields["departement"]
    assert departement.value[0] == {"departement": "DEUX-SÈVRES"} and departement.confidence >= 0.9



def test_a_signature_read_as_a_tall_word_beside_the_name_is_no_part_of_it():
    from extractors.fields.signataire import name_of
    from tests.extractors.letters import row_line

    title = row_line(230, 589, "La Préfète de La Réunion,", 0)
    stroke = Line((Word("Mr", (397.2, 657.8, 473.3, 694.8), 0.52, 1),), 0, "Mr", "mr")  # 37 pt tall
    name = row_line(249.6, 679, "Nadège Lacombe", 2)
    found = name_of([title, stroke, name])
    assert found is not None and (found.text, found.sure) == ("Nadège Lacombe", True) and found.confidence >= 0.9


def test_letterhead_debris_and_a_doubled_de_are_no_part_of_the_name():
    from tests.extractors.letters import letter

    def named(head):
        reading = read_letter(COLL, "c.pdf", (letter(head=head, signatory=("Le Président,", "Jean Dionis")),))
        return reading.fields["collectivite"]

    assert named(("AGGLOMÉRATION D'AGEN Y", "8 rue André Chénier")).value == "Agglomération d'Agen"
    assert named(("COMMUNE DE", "DE VITRÉ")).value == "Commune de Vitré"
    assert named(("Commune de Saint-Jean de", "de Luz")).value == "Commune de Saint-Jean de Luz"


def test_a_letterhead_name_ending_on_de_is_for_a_reviewer():
    from tests.extractors.letters import letter

    reading = read_letter(COLL, "c.pdf", (letter(head=("Ville de Vitré de",)),))
    assert reading.fields["collectivite"].confidence < 0.7


def test_an_unsure_block_title_the_senders_title_names_alike_is_sure_enough():
    text = rows_letter([(40, [(60, "PRÉFET DU GARD")]), (80, [(300, "La préfète du Gard")]), (94, [(320, "à")])],
                       ("Préfète.", "Brigitte Chevrier"), ocr=True)
    unsure = tuple(Word(w.text, w.bbox, 0.5 if w.text == "Préfète." else w.conf, w.line) for w in text.words)
    reading = read_letter(PREFET, "p.pdf", (PageText(1, 595.0, 842.0, unsure, ocr=True, confidence=0.9),))
    quality = reading.fields["signataire_qualite"]
    assert quality.value == "prefet" and quality.confidence >= 0.7


def test_an_unsure_block_title_the_senders_title_contradicts_stays_unsure():
    text = rows_letter([(40, [(60, "PRÉFET DU GARD")]), (80, [(300, "Le sous-préfet d'Alès")]), (94, [(320, "à")])],
                       ("Préfète.", "Brigitte Chevrier"), ocr=True)
    unsure = tuple(Word(w.text, w.bbox, 0.5 if w.text == "Préfète." else w.conf, w.line) for w in text.words)
    reading = read_letter(PREFET, "p.pdf", (PageText(1, 595.0, 842.0, unsure, ocr=True, confidence=0.9),))
    assert reading.fields["signataire_qualite"].confidence < 0.7


def test_a_signers_title_cut_after_its_article_names_no_departement():
    text = rows_letter([(40, [(60, "Direction départementale des territoires")])],
                       ("La Préfète de la", "Gwenaëlle Coulibaly"))
    reading = read_letter(PREFET, "p.pdf", (text,))
    clues = reading.fields["departement"].value if "departement" in reading.fields else []
    assert {"departement": "la"} not in clues


def test_a_titles_capital_article_is_the_towns_own_and_meets_the_logos_name():
    # "Maire de La Possession": "La" is the town's; the logo prints "La Possession" bare
    text = rows_letter([(40, [(110, "La Possession")])], ("Le Maire de La Possession", "Marc Durand"), ocr=True,
                       addressee_x=85)
    reading = read_letter(COLL, "IMG.jpg", (text,))
    assert reading.fields["collectivite"].value == "Commune de La Possession"
    assert reading.fields["collectivite"].confidence >= 0.7
    # in lower case the article may be the phrase's ("Maire de la Possession"): the logo's "La
    # Possession" is not confirmed by it
    text = rows_letter([(40, [(110, "La Possession")])], ("Le Maire de la Possession", "Marc Durand"), ocr=True,
                       addressee_x=85)
    assert read_letter(COLL, "IMG.jpg", (text,)).fields["collectivite"].confidence < 0.7


def test_a_dash_the_letterhead_lost_is_put_back_from_the_title_naming_it_alike():
    # a bandeau's white-on-black "CA du Val - Briance": OCR dropped the dash, the title kept it
    text = rows_letter([(40, [(60, "CA du Val Briance")])],
                       ("Président de la Communauté d'agglomération du Val - Briance", "Marc Durand"), ocr=True)
    assert read_letter(COLL, "scan.pdf", (text,)).fields["collectivite"].value == "CA du Val - Briance"
    # other words: the letterhead's name stands as read
    text = rows_letter([(40, [(60, "CA du Val Briance")])],
                       ("Président de la Communauté d'agglomération du Val - de - Briance", "Marc Durand"), ocr=True)
    assert read_letter(COLL, "scan.pdf", (text,)).fields["collectivite"].value == "CA du Val Briance"


def test_an_epci_named_over_two_lines_whose_boxes_stand_twice_the_ink():
    # a photo's OCR boxes "Communauté d'agglomération" down over the next line: that line still goes on with it
    from dataclasses import replace

    text = rows_letter([(40, [(60, "Communauté d'agglomération")]), (55, [(60, "Intercommunale du Val Nord (CIVAN)")]),
                        (70, [(90, "de")]), (85, [(60, "97440 Saint-André")])],
                       ("Le Président,", "Marc Durand"), ocr=True)
    tall = tuple(replace(w, bbox=(w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[3] + 16)) if w.bbox[1] < 60 else w
                 for w in text.words)
    value = read_letter(COLL, "IMG.jpg", (replace(text, words=tall),)).fields["collectivite"]
    assert value.value == "Communauté d'agglomération Intercommunale du Val Nord (CIVAN)"


def test_a_titles_name_cut_at_the_pages_edge_is_unsure_and_keeps_its_designation():
    text = rows_letter([(40, [(60, "97440 Saint-André")])],
                       ("Président de la Communauté d'agglomération Intercommunale du Val Nord (CIV:", "Marc Durand"),
                       ocr=True)
    value = read_letter(COLL, "IMG.jpg", (text,)).fields["collectivite"]
    assert value.value.startswith("Communauté d'agglomération Intercommunale du Val Nord")
    assert value.confidence < 0.7


def test_a_logos_town_name_with_the_emblem_read_as_marks_before_it():
    # "Hôtel de ville" over the town's name, the emblem beside it read as "E 5"
    text = rows_letter([(30, [(129, "Hôtel de ville")]), (43, [(80, "E 5 Terre-de-Haut")])],
                       ("Le Maire de Terre-de-Haut,", "Olivier Maillard"), ocr=True, addressee_x=250)
    value = read_letter(COLL, "scan.pdf", (text,)).fields["collectivite"]
    assert value.value == "Commune de Terre-de-Haut" and value.confidence >= 0.7


def test_a_senders_title_over_the_addressee_without_its_a_gives_the_quality_the_block_lost():
    # "La préfète de l'Aisne" (its f read t) set over "Madame la sous-directrice"; the block's
    # title lost under the stamp: only the name is read there
    text = rows_letter([(40, [(60, "PRÉFECTURE DE L'AISNE")]), (80, [(300, "La prétète de l'Aisne")])],
                       ("Mme Corinne Poirier",), ocr=True)
    reading = read_letter(PREFET, "IMG.jpg", (text,))
    assert reading.fields["signataire_qualite"].value == "prefet"
    assert reading.fields["signataire_qualite"].status is FieldStatus.EXTRACTED
    # set centred on the page, away from the block's column
    text = rows_letter([(40, [(60, "PRÉFECTURE DE L'AISNE")]), (80, [(200, "La préfète de l'Aisne")])],
                       ("Mme Corinne Poirier",), ocr=True, addressee_x=60)
    assert read_letter(PREFET, "IMG.jpg", (text,)).fields["signataire_qualite"].value == "prefet"
    # a town's name over the block is no title
    text = rows_letter([(40, [(60, "PRÉFECTURE DE L'AISNE")]), (80, [(300, "La Possession")])],
                       ("Mme Corinne Poirier",), ocr=True)
    assert "signataire_qualite" not in read_letter(PREFET, "IMG.jpg", (text,)).fields
