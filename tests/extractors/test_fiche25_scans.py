"""Fiche labels lost on photos (session 25). Synthetic pages."""

from __future__ import annotations

from extractors.fields.fiche import extract_fiche
from tests.extractors.test_fiche_layouts import _page


def _photo(lines, conf=None):
    return extract_fiche([("photo.jpg", _page(lines, ocr=True, conf=conf))])


def test_a_label_whose_first_word_a_photo_misread_is_kept_out_of_the_answer():
    """"Findiulé de l'Atelier | Reconvertir la friche": the label lost as a label (its first word
    misread), its other words and the column gap after them say where the answer starts."""
    fields = _photo([(60.0, 80.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
                     (60.0, 100.0, "Findiulé de l'Atelier"), (230.0, 100.0, "Reconvertir la friche du Moulin"),
                     (60.0, 130.0, "Thématique(s)"), (230.0, 130.0, "☒ Aménagement des friches")],
                    conf={"Findiulé": 0.0})
    assert fields["s3.intitule"].value == "Reconvertir la friche du Moulin"


def test_an_answer_starting_like_a_label_tail_keeps_its_words_without_a_gap():
    """Without a column gap after them, words like the label's are the answer's own."""
    fields = _photo([(60.0, 80.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
                     (60.0, 100.0, "Findiulé de l'Atelier Reconvertir la friche du Moulin"),
                     (60.0, 130.0, "Thématique(s)"), (230.0, 130.0, "☒ Aménagement des friches")],
                    conf={"Findiulé": 0.0})
    assert "Reconvertir la friche du Moulin" in (fields["s3.intitule"].value or "")
    assert (fields["s3.intitule"].value or "").startswith("Findiulé")


def test_a_check_box_group_whose_label_a_photo_lost_is_told_by_its_options():
    """"Échelle de réflexion" lost, its boxes read on the line under the région's answer: the
    région is the region alone, the scale the group's tick."""
    fields = _photo([(60.0, 80.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER"),
                     (60.0, 100.0, "Région"), (230.0, 100.0, "Normandie"),
                     (230.0, 118.0, "☐ Site ou îlot ☒ Communale ☐ Intercommunale"),
                     (60.0, 136.0, "Secteur d'étude"), (230.0, 136.0, "Le centre ancien"),
                     (60.0, 160.0, "SECTION 3 – L'OBJET DE L'ATELIER")], conf={"☒": 1.0, "☐": 1.0})
    assert fields["s2.region"].value == "Normandie"
    assert fields["s2.echelle"].value == "communale"
    assert fields["s2.secteur"].value == "Le centre ancien"


_THEMES = ["Revitalisation du centre-ville ou du centre-bourg", "Réhabilitation des entrées de ville",
           "Aménagement des friches", "Protection et valorisation du patrimoine", "Gestion des risques"]
_PROGRAMMES = ["Action cœur de ville", "Petites villes de demain", "Villages d'avenir", "Territoires d'industrie",
               "Aucun"]


def _section3(programme_label: bool, description_label: bool, ticks=(2,), programmes=(3,)):
    lines = [(60.0, 80.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
             (60.0, 100.0, "Intitulé de l'Atelier"), (230.0, 100.0, "Reconvertir la friche"),
             (60.0, 118.0, "Thématique(s)")]
    y = 118.0
    for n, theme in enumerate(_THEMES):
        lines.append((230.0, y, ("☒ " if n in ticks else "☐ ") + theme))
        y += 15
    if programme_label:
        lines.append((60.0, y, "Programme(s) de l'ANCT"))
    for n, programme in enumerate(_PROGRAMMES):
        lines.append((230.0, y, ("☒ " if n in programmes else "☐ ") + programme))
        y += 15
    if description_label:
        lines.append((60.0, y, "Présentation du projet"))
    lines += [(230.0, y, "Une friche industrielle attend un projet depuis la fermeture de l'usine."),
              (230.0, y + 15, "La collectivité souhaite dépasser une approche au coup par coup."),
              (60.0, y + 40, "SECTION 4 – LES OBJECTIFS DE L'ATELIER")]
    return _photo(lines, conf={"☒": 1.0, "☐": 1.0})


def test_the_programmes_and_the_presentation_whose_labels_a_photo_lost_are_read():
    fields = _section3(programme_label=False, description_label=False)
    assert fields["s3.thematiques"].value == ["friches"]
    assert fields["s3.programmes"].value == ["territoires_d_industrie"]
    assert fields["s3.description"].value.startswith("Une friche industrielle")
    assert fields["s3.description"].value.endswith("au coup par coup.")


def test_with_their_labels_read_the_same_answers():
    fields = _section3(programme_label=True, description_label=True)
    assert fields["s3.programmes"].value == ["territoires_d_industrie"]
    assert fields["s3.description"].value.startswith("Une friche industrielle")


def test_a_programme_named_in_the_presentation_is_the_presentations_word():
    """The group's lines end where its options stop: "Petites villes de demain" in the text
    below is the presentation's own."""
    fields = _section3(programme_label=False, description_label=False)
    assert "Petites" not in str(fields["s3.programmes"].value)
