"""Scanned, faxed or photographed fiches: labels OCR doubted or lost, answers that run past
their cell over a lost label, and thématiques listed under their label with ticks lost.
Pages are synthetic OCR words (one box per word), laid out as the official table or a
retyped list."""

from __future__ import annotations

from extractors.fields.answer_text import bleeds_label, finished_text, person_shaped
from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus
from tests.extractors.test_fiche_layouts import _page

S1 = [(60.0, 60.0, "SECTION 1 – LES PORTEURS DE L'ATELIER")]
S2 = [(60.0, 400.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER")]
EPCI = [(60.0, 460.0, "EPCI de rattachement"), (220.0, 460.0, "CA Sète Agglopôle Méditerranée")]


def test_a_label_word_with_its_plural_mark_doubted_on_a_fax_stays_a_label():
    """"Commune(s)" read with next to no confidence on a line read well: still the label, so
    its second word ("concernée(s)") does not open the list of communes."""
    lines = S2 + [(60.0, 430.0, "Commune(s) concernée(s)"), (220.0, 430.0, "Sète, Frontignan")] + EPCI
    fields = extract_fiche([("fax.tif", _page(lines, ocr=True, conf={"Commune(s)": 0.16}))])
    assert fields["s2.communes"].value == "Sète, Frontignan"
    assert fields["s2.communes"].status is FieldStatus.EXTRACTED


def test_a_function_read_where_the_name_was_lost_is_no_name():
    lines = S1 + [(60.0, 100.0, "Service de l'État pilote"), (220.0, 100.0, "DDT de Maine-et-Loire"),
                  (60.0, 130.0, "Nom et prénom du référent"), (220.0, 150.0, "Chargée de mission planification"),
                  (60.0, 190.0, "Courriel"), (220.0, 190.0, "f.dupont@maine-et-loire.gouv.fr")]
    fields = extract_fiche([("photo.jpg", _page(lines, ocr=True))])
    assert fields["s1.etat.referent_nom"].status is FieldStatus.NEEDS_REVIEW


def test_person_shape():
    assert not person_shaped("Chargée de mission planification")
    for name in ("Fatima DE ALMEIDA", "Maëlle Ben Ali", "Jean d'Ormesson", "Pierre de la Tour", "BOUCHARD Rachid"):
        assert person_shaped(name), name
    assert finished_text("s1.etat.referent_nom", "Fatima de Almeida")[1] is FieldStatus.EXTRACTED


def test_an_answer_running_over_the_next_labels_is_for_a_reviewer():
    lines = S1 + [(60.0, 100.0, "Collectivité porteuse"), (220.0, 100.0, "Commune de Trélazé Nature de la [Nom et prénom"),
                  (60.0, 130.0, "Qualité"), (220.0, 130.0, "Maire")]
    fields = extract_fiche([("photo.jpg", _page(lines, ocr=True))])
    assert fields["s1.collectivite.nom"].status is FieldStatus.NEEDS_REVIEW
    assert bleeds_label("Commune de Trélazé Nom et prénom de")
    assert not bleeds_label("Communauté de communes du Pays de Mormal")
    assert not bleeds_label("Adjointe au maire chargée de l'urbanisme")


def test_an_address_read_after_a_function_whose_courriel_label_was_lost():
    """The "Courriel" label OCR lost, the address (its middle unread) right under the function:
    the function ends where the address starts, and the address is for a reviewer."""
    lines = S1 + [(60.0, 100.0, "Nom et prénom du référent"), (220.0, 100.0, "Dominique Perrot"),
                  (60.0, 130.0, "Fonction"), (220.0, 130.0, "Chef du service aménagement"),
                  (220.0, 142.0, "dominique gouv.fr"),
                  (60.0, 170.0, "Téléphone"), (220.0, 170.0, "02 58 11 53 73")]
    fields = extract_fiche([("photo.jpg", _page(lines, ocr=True))])
    assert fields["s1.etat.referent_fonction"].value == "Chef du service aménagement"
    assert fields["s1.etat.referent_fonction"].status is FieldStatus.EXTRACTED
    assert fields["s1.etat.referent_email"].status is FieldStatus.NEEDS_REVIEW
    assert finished_text("s1.etat.referent_fonction", "Chef du service urbanisme dominique gouv.fr")[1] \
        is FieldStatus.NEEDS_REVIEW


S3 = [(60.0, 60.0, "SECTION 3 – L'OBJET DE L'ATELIER"), (60.0, 80.0, "INTITULÉ DE L'ATELIER"),
      (60.0, 95.0, "Verdun : requalifier l'entrée de ville")]
AFTER = [(60.0, 200.0, "PRÉSENTATION DU PROJET ET DE LA PROBLÉMATIQUE"), (60.0, 215.0, "Une friche en entrée de ville.")]


def test_thematiques_listed_under_their_label_with_ticks_lost_on_a_scan():
    """A retyped fiche lists only the chosen thématiques under the label ("✓ Friches"); a 200
    dpi scan read one tick as "/" and lost the others: every option written is chosen."""
    lines = S3 + [(60.0, 115.0, "THÉMATIQUE(S)"), (60.0, 130.0, "/ Réhabilitation des entrées de ville"),
                  (66.0, 145.0, "Aménagement des friches"),
                  (66.0, 160.0, "Protection, restauration et gestion des écosystèmes et des ressources naturelles"),
                  (60.0, 180.0, "PROGRAMME(S) DE L'ANCT CONCERNÉ(S)"), (60.0, 190.0, "“ Territoires d'industrie")] + AFTER
    fields = extract_fiche([("scan.pdf", _page(lines, ocr=True))])
    assert fields["s3.thematiques"].value == ["entree_de_ville", "friches", "ecosystemes"]
    assert fields["s3.thematiques"].status is FieldStatus.EXTRACTED
    assert fields["s3.programmes"].value == ["territoires_d_industrie"]


def test_options_right_of_their_label_with_boxes_lost_are_not_a_list_of_chosen_ones():
    """The official table: options in the answer column, their boxes lost on a photo. Nothing
    says which were ticked."""
    lines = S3 + [(60.0, 115.0, "Thématique(s)"), (220.0, 115.0, "☒ Réhabilitation des entrées de ville"),
                  (232.0, 130.0, "Aménagement des friches"), (232.0, 145.0, "Gestion des risques")] + AFTER
    fields = extract_fiche([("photo.jpg", _page(lines, ocr=True))])
    assert fields["s3.thematiques"].value != ["entree_de_ville", "friches", "risques"] \
        or fields["s3.thematiques"].status is FieldStatus.NEEDS_REVIEW


def test_a_faxs_specks_on_punctuation_and_accents_are_mended():
    """A fax reads "05.16.38.02.94" with a comma, "d.kerbrat@" with an apostrophe, and "Ville
    de" with an accent: the number is the same, the address is mended but only as a guess,
    and no body's name holds a "dé"."""
    from extractors.fields.email_text import mended_email
    from schemas.values import normalise_phone

    assert normalise_phone("05.16.38.02,94") == "+33516380294"
    assert normalise_phone("02 48 00 00 01, 06 12 34 56 78") == "+33248000001"
    assert mended_email("d'kerbrat@mairie-vedas.fr") == ("d.kerbrat@mairie-vedas.fr", True)
    assert mended_email("d.kerbrat@mairie-vedas.fr") == ("d.kerbrat@mairie-vedas.fr", False)
    assert mended_email("j-etienne@herault.gouv.fr") == ("j.etienne@herault.gouv.fr", True)
    assert mended_email("jean-marc.etienne@herault.gouv.fr") == ("jean-marc.etienne@herault.gouv.fr", False)
    assert finished_text("s1.collectivite.nom", "Ville dé Saint-Jean-de-Védas")[0] == "Ville de Saint-Jean-de-Védas"


def test_a_photographed_ticked_box_read_as_ae_is_ticked():
    """Tesseract reads a photographed ☒ as "Æ" (glued to the option or alone, with next to no
    confidence): a ticked box, never a speck to drop."""
    lines = S2 + [(60.0, 430.0, "Région"), (220.0, 430.0, "Occitanie"),
                  (60.0, 445.0, "Échelle de réflexion"), (220.0, 445.0, "☐ Site ou îlot Æ Communale ☐ Intercommunale"),
                  (60.0, 460.0, "Secteur d'étude"), (220.0, 460.0, "Le centre ancien"),
                  (60.0, 60.0, "Nature de la collectivité"), (220.0, 60.0, "ÆCommune ☐ EPCI")]
    fields = extract_fiche([("photo.jpg", _page(lines, ocr=True, conf={"Æ": 0.0, "ÆCommune": 0.1}))])
    assert fields["s2.echelle"].value == "communale"
    assert fields["s2.echelle"].confidence >= 0.9  # read, not inferred from a box missing
    assert fields["s1.collectivite.type"].value == "commune"


def test_an_annex_page_whose_headings_a_photo_lost_is_still_the_fiches():
    """The annexes' last page photographed: titles and instructions unread, the answers and the
    form's closing line misread ("Fat à Koungou. le 1 juilet 2026") remain. It is the fiche's
    page, not an unknown document, and the closing line gives the place."""
    from extractors.classify import classify_page
    from extractors.model import PieceKind

    lines = [(90.0, 150.0, "Koungou compte 32 156 habitants la population est stable Le tourisme saisonnier"),
             (90.0, 165.0, "une part importante de l'économie Le marché immobilier est tendu"),
             (90.0, 600.0, "Un PLUi est en cours d'élaboration Le réaménagement de la gare est programmé"),
             (80.0, 980.0, "Fat à Koungou. le 1 juilet 2026")]
    page = _page(lines, ocr=True)
    kind = classify_page(page)
    assert kind is not None and kind.kind is PieceKind.FICHE
    assert extract_fiche([("photo.jpg", page)])["fiche.lieu"].value == "Koungou"


def test_an_answer_stops_at_the_annex_page_whose_title_a_photo_lost():
    """The last answer of section 5 does not run on into the next photo, the annexes' page whose
    titles OCR lost: that text is the annexes', and the answer is shown for review."""
    first = _page([(60.0, 60.0, "SECTION 5 – LES RESSOURCES DE L'ATELIER"),
                   (60.0, 80.0, "Acteurs à mobiliser"), (220.0, 80.0, "La Région, le CAUE."),
                   (60.0, 100.0, "Moyens logistiques mis à disposition (salle, restauration…)"),
                   (400.0, 100.0, "Une salle polyvalente.")], ocr=True)
    annexes = _page([(90.0, 150.0, "Koungou compte 32 156 habitants la population est stable"),
                     (80.0, 700.0, "Fait à Koungou, le 1 juillet 2026")], ocr=True)
    fields = extract_fiche([("IMG_1.jpg", first), ("IMG_2.jpg", annexes)])
    assert fields["s5.moyens"].value == "Une salle polyvalente."
    assert fields["s5.moyens"].status is FieldStatus.NEEDS_REVIEW
    assert fields["fiche.lieu"].value == "Koungou"


def test_an_answer_whose_words_ocr_could_hardly_read_is_for_a_reviewer():
    """A photo's shaded corner: the answer's first words read with next to no confidence
    ("Dee see anrager des espaces publics…") on a line read well are not an answer read."""
    lines = [(60.0, 60.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER"),
             (60.0, 80.0, "Attendus de l'Atelier (livrables souhaités)"),
             (300.0, 80.0, "Dee see anrager des espaces publics, un plan-guide et un programme d'actions."),
             (60.0, 100.0, "Calendrier souhaité"), (300.0, 100.0, "Au premier semestre 2027.")]
    fields = extract_fiche([("photo.jpg", _page(lines, ocr=True, conf={"Dee": 0.2, "see": 0.1, "anrager": 0.0}))])
    assert fields["s4.attendus"].status is FieldStatus.NEEDS_REVIEW
    assert fields["s4.calendrier"].status is FieldStatus.EXTRACTED


def test_a_photos_short_word_boxed_inside_a_labels_last_word_stays_in_the_label():
    """A curved line on a photo: "à" boxed inside the left of "mobiliser". The label is still
    "Acteurs à mobiliser", and its "à" no part of the answer."""
    from extractors.model import PageText, Word

    words = [Word("SECTION", (60, 40, 110, 52), 0.95, 0), Word("5", (114, 40, 120, 52), 0.95, 0),
             Word("–", (124, 40, 130, 52), 0.95, 0), Word("LES", (134, 40, 154, 52), 0.95, 0),
             Word("RESSOURCES", (158, 40, 230, 52), 0.95, 0), Word("DE", (234, 40, 250, 52), 0.95, 0),
             Word("L'ATELIER", (254, 40, 310, 52), 0.95, 0)]
    line = [(76, "Acteurs", 130), (135, "mobiliser", 208), (136, "à", 143), (303, "Le", 326), (330, "PNR,", 361),
            (365, "la", 376), (380, "CAUE,", 428), (436, "bailleurs", 500), (445, "les", 462), (505, "sociaux.", 550)]
    words += [Word(text, (x0, 80, x1, 92), 0.9, 1) for x0, text, x1 in line]
    words += [Word(text, (x0, 120, x1, 132), 0.9, 2) for x0, text, x1 in
              [(76, "Moyens", 120), (124, "logistiques", 190), (304, "Une", 330), (334, "salle.", 370)]]
    page = PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)
    fields = extract_fiche([("photo.jpg", page)])
    assert fields["s5.acteurs"].value.startswith("Le PNR")
    assert fields["s5.moyens"].status is FieldStatus.EXTRACTED


def test_a_label_read_in_part_is_not_its_own_answer():
    """"Autres partenaires associés" read "Autres partenaires as:" under its heading, its cell
    empty: the label's remains are no answer; nothing was read, for a reviewer."""
    lines = S1 + [(60.0, 100.0, "Les partenaires"), (60.0, 120.0, "Autres partenaires as:")] + S2 + \
        [(60.0, 430.0, "Commune(s) concernée(s)"), (220.0, 430.0, "Sète")] + EPCI
    fields = extract_fiche([("photo.jpg", _page(lines, ocr=True))])
    assert fields["s1.partenaires"].value is None
    assert fields["s1.partenaires"].status is FieldStatus.NEEDS_REVIEW


def test_a_departement_read_as_words_naming_none_is_the_communes_one_for_a_reviewer(cog):
    """A photo lost the département's answer and the next page's running header was read in its
    place ("tetes des Fche de"): the communes, read surely, lie in one département, which is
    shown to a reviewer, never trusted."""
    from extractors.model import FieldValue
    from schemas.normalise import normalise_fields

    raw = {"s2.communes": FieldValue("Les Ponts-de-Cé (49246)", 0.95, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue("tetes des Fche de", 0.47, None, FieldStatus.EXTRACTED)}
    out = normalise_fields(raw, cog)
    assert out["s2.departement"].value == "49"
    assert out["s2.departement"].status is FieldStatus.NEEDS_REVIEW
