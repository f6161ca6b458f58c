"""Fiche values read on scans and photos (session 19): a slip that makes another French word,
a check box doubled on an option's line. Synthetic values and tokens."""

from __future__ import annotations

import pytest

from extractors.fields import nlp
from extractors.fields.boxes import UNREAD, read_boxes
from extractors.fields.form import OPTIONS
from extractors.fields.plausible import implausible
from tests.extractors.test_fiche_layouts import _tokens


@pytest.mark.skipif(not nlp.available(), reason="spaCy's French model is part of the install")
@pytest.mark.parametrize("text", ["Mare", "Présidcnt", "Adjomte au maire"])
def test_a_quality_one_slip_from_a_mandate_is_implausible(text):
    """"Mare" is a French word (a pond), so the lexicon passes it; as an élu's quality it is
    "Maire" misread, and a reviewer must see it."""
    assert implausible("s1.collectivite.elu_qualite", text)


@pytest.mark.skipif(not nlp.available(), reason="spaCy's French model is part of the install")
@pytest.mark.parametrize("text", ["Maire", "Première adjointe", "Vice-président chargé de l'aménagement", "Présidente"])
def test_a_mandate_is_plausible(text):
    assert not implausible("s1.collectivite.elu_qualite", text)


def test_two_boxes_before_one_option_make_the_group_doubtful():
    """A photo's curved line brought the next option's box ("Aucun", its line lost) onto
    "Territoires d'industrie": "☐ ☒ Territoires". Which box is whose is unknown."""
    tokens = _tokens("☐ Action cœur de ville ☐ Petites villes de demain ☐ Villages d'avenir ☐ ☒ Territoires d'industrie")
    tokens = [t.__class__(t.text, t.norm, t.file, t.page, t.bbox, 0.9, t.page_bbox) for t in tokens]
    slugs, confidence = read_boxes(tokens, OPTIONS["s3.programmes"])
    assert confidence <= UNREAD
    plain = _tokens("☐ Action cœur de ville ☐ Petites villes de demain ☐ Villages d'avenir ☒ Territoires d'industrie ☐ Aucun")
    slugs, confidence = read_boxes(plain, OPTIONS["s3.programmes"])
    assert slugs == ["territoires_d_industrie"] and confidence > UNREAD


def _with(page, *extra):
    """The page with more words (text, bbox, confidence) on the line of the same height."""
    from dataclasses import replace

    from extractors.model import Word
    lines = {w.bbox[1]: w.line for w in page.words}
    words = [Word(text, bbox, conf, lines[bbox[1]] if bbox[1] in lines else 99) for text, bbox, conf in extra]
    return replace(page, words=page.words + tuple(words))


def test_a_thin_tick_read_as_a_doubted_slash_ticks_its_option():
    """A 150 dpi scan of a retyped table: "✓ Communale" left as a thin stroke that OCR reads
    "/" and doubts (0.33). On a line read well, it is the tick, not a speck; in a text answer
    it stays out."""
    from extractors.fields.fiche import extract_fiche
    from tests.extractors.test_fiche_layouts import _page
    lines = [(60.0, 80.0, "SECTION 2 – LA LOCALISATION DE L'ATELIER"),
             (60.0, 100.0, "Département"), (300.0, 100.0, "Vaucluse / 84"),
             (60.0, 120.0, "Échelle de réflexion"), (300.0, 120.0, "☐ Site ou îlot / Communale"),
             (300.0, 130.0, "Intercommunale"),  # its box lost too
             (60.0, 140.0, "Secteur d'étude"), (300.0, 140.0, "Le centre ancien")]
    fields = extract_fiche([("scan.pdf", _page(lines, ocr=True, conf={"/": 0.33}))])
    assert fields["s2.echelle"].value == "communale"
    assert fields["s2.departement"].value == "Vaucluse 84"


def test_a_ticked_box_inside_a_short_misread_word_in_the_boxes_column_is_kept():
    """A 200 dpi scan: the tick ran out of "Gestion des risques"'s box and OCR read the box
    as "ET", a word boxed around it. The image's ☒ lines up with the group's other boxes,
    which stand clear: it is a box, and "ET" its misreading."""
    from extractors.fields.fiche import extract_fiche
    from tests.extractors.test_fiche_layouts import _page
    lines = [(60.0, 80.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
             (60.0, 100.0, "Thématique(s)"), (300.0, 100.0, "☐ Aménagement des friches"),
             (300.0, 115.0, "☒ Protection et valorisation du patrimoine"),
             (300.0, 130.0, "☐ Adaptation des mobilités"), (310.0, 145.0, "Gestion des risques"),
             (300.0, 160.0, "☐ Autre (préciser)"),
             (60.0, 180.0, "Programme(s) de l'ANCT concerné(s)"), (300.0, 180.0, "☐ Action cœur de ville ☒ Aucun")]
    page = _with(_page(lines, ocr=True), ("ET", (297.0, 141.0, 309.0, 156.0), 0.84), ("☒", (300.0, 145.0, 305.0, 154.0), 1.0))
    fields = extract_fiche([("scan.pdf", page)])
    assert fields["s3.thematiques"].value == ["patrimoine", "risques"]


@pytest.mark.skipif(not nlp.available(), reason="spaCy's French model is part of the install")
def test_a_faxed_two_sentence_annex_plainly_answers():
    """A fax's short annex answer: its words the form also prints ("habitat", "collectivité")
    and its misread ones do not count, four of the porteur's own words remain, most of its
    words: the annex is answered, whatever a reviewer corrects in it."""
    from extractors.fields.plausible import plainly_answered
    field = "a2.dynamiques_amenagement"
    assert plainly_answered(field, "Le SCoT est en révision. Une opération programméc de rénovation urbaine de "
                                   "l'habitat est en cours ; la collectivité est accompägnée.")
    # the annex's own prompt, garbled: none of its words is the porteur's
    assert not plainly_answered(field, "Précisez les documents de planitication applicables, les projets "
                                       "d'aménagement en cours ou envisagés et les dispositifs contractuels")
    # four known words lost among specks read as words: not most of the text
    assert not plainly_answered(field, "révision opération amélioration régional xqzt wrrk plmm trvvq bzzk")


@pytest.mark.parametrize(("read", "mended"), [
    ("DOTM de la Haute-Garonne", "DDTM de la Haute-Garonne"),  # one letter from DDTM and from DGTM
    ("DGTN de Guyane", "DGTM de Guyane"),
])
def test_a_services_acronym_one_letter_off_is_mended_where_the_territory_says_which(read, mended):
    """"DOTM" is one letter from DDTM and from DGTM; the DGTM is Guyane's only, so a service
    of another département is the DDTM. The mended name is for a reviewer."""
    from extractors.fields.answer_text import mended_service
    assert mended_service(read) == (mended, True)
    assert mended_service("DOTM de Guyane") == ("DOTM de Guyane", False)  # there both stay candidates


def test_a_photos_crossed_box_read_as_a_bracketed_two_is_ticked():
    """A photo's ☒ whose sides and cross OCR read as "[2" or "C2]": ticked, among empty boxes
    read "[]" or "O"; the group read so is for a reviewer."""
    from extractors.fields.layout import Token, norm
    tokens = _tokens("[] Aménagement des friches C2] Adaptation des mobilités O Gestion des risques [2 Autre (préciser)")
    tokens = [Token(t.text, norm(t.text), t.file, t.page, t.bbox, 0.2 if len(t.text) <= 3 else 0.9, t.page_bbox)
              for t in tokens]
    slugs, confidence = read_boxes(tokens, OPTIONS["s3.thematiques"])
    assert slugs == ["mobilites", "autre"]


def test_a_photos_box_read_as_its_sides_is_no_speck():
    """On a photo OCR doubts a box read as its sides ("[]", "C2]") next to nothing (0.01): it is
    still the group's box, not dirt; in a text answer such a mark is dropped."""
    from extractors.fields.fiche import extract_fiche
    from tests.extractors.test_fiche_layouts import _page
    lines = [(60.0, 80.0, "SECTION 3 – L'OBJET DE L'ATELIER"),
             (60.0, 100.0, "Thématique(s)"), (300.0, 100.0, "[] Aménagement des friches"),
             (300.0, 115.0, "C2] Adaptation des mobilités"), (300.0, 130.0, "[] Gestion des risques"),
             (60.0, 150.0, "Programme(s) de l'ANCT concerné(s)"), (300.0, 150.0, "☐ Action cœur de ville ☒ Aucun"),
             (60.0, 170.0, "Présentation du projet et de la problématique"),
             (300.0, 170.0, "Le bourg (x) veut reconvertir sa friche.")]
    page = _page(lines, ocr=True, conf={"[]": 0.05, "C2]": 0.01, "(x)": 0.1})
    fields = extract_fiche([("IMG_2.jpg", page)])
    assert fields["s3.thematiques"].value == ["mobilites"]
    assert fields["s3.description"].value == "Le bourg veut reconvertir sa friche."
