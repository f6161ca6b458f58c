"""Session 24b: the signatory's quality on scanned, faxed and photographed letters (draws d28, d31, d32)."""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import letter

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET


def _quality(kind: PieceKind, **parts):
    page = letter(ocr=True, conf=0.95, **parts)
    return read_letter(kind, "lettre.jpg", (page,)).fields.get("signataire_qualite")


def test_a_quality_line_left_as_aire_by_the_strokes_is_the_maires():
    """"aire" alone on the block's line: the signature hid "Le M" of "Le Maire" (and the name
    below); a "Secrétaire générale" or "Commissaire de …" keeps the rest of its line."""
    found = _quality(COLL, head=("MAIRIE DE VENZOLASCA",), signatory=("aire",))
    assert found is not None and found.value == "maire" and found.status == "extracted"
    kept = _quality(COLL, head=("MAIRIE DE VENZOLASCA",), signatory=("aire générale", "Anne Roux"))
    assert kept is None or kept.value != "maire"


def test_for_the_prefet_under_a_sous_prefetes_head_is_the_sous_prefete():
    """The block kept only "La" and "pour le préfé" (the signer's title under the strokes); the
    letter's head sets "La Sous-préfète" over "à Madame la sous-directrice": she signs. A head
    naming the préfet leaves the delegate's title to a reviewer."""
    parts = dict(head=("PRÉFÈTE DE LA RÉUNION",), closing=("Je vous prie de croire, Madame, à l'assurance de ma",
                                                          "considération distinguée."),
                 addressee=("Madame la sous-directrice", "de l'aménagement durable", "DGALN / DHUP / AD1"),
                 signatory=("ANDRIEUX", "La", "pour le préfé"), date_first=False)
    found = _quality(PREFET, sender_title="La Sous-préfète", **parts)
    assert found is not None and found.value == "sous_prefet" and found.status == "extracted"
    found = _quality(PREFET, sender_title="Le Préfet", **parts)
    assert found is not None and found.value == "autre" and found.confidence < 0.7


def test_a_continuations_block_without_its_title_takes_the_heads_writer():
    """A préfet's letter photographed in two: the second photo's block kept only "Bruno" (the
    title under the strokes); the first sets "Le préfet de la Sarthe" over "à": he writes. The
    first photo's last body lines, read as a block when alone, are not asked."""
    from extractors.fields.continuation import joined_continuations
    from tests.extractors.letters import page, prefet_letter

    head = prefet_letter(closing=(), signatory=(), sender_title="Le préfet de la Sarthe", ocr=True, conf=0.95)
    rows = [(66, [(60, "Mes services restent à votre disposition pour tout complément.")]),
            (80, [(60, "Je vous prie de croire, Madame, à l'assurance de ma considération distinguée.")]),
            (150, [(320, "Bruno")])]
    readings = {1: read_letter(PREFET, "IMG_1.jpg", (head,)),
                2: read_letter(PREFET, "IMG_2.jpg", (page(rows, ocr=True, conf=0.95),))}
    assert "signataire_qualite" not in readings[2].fields
    found = joined_continuations(readings)[2].fields["signataire_qualite"]
    assert found.value == "prefet" and found.status == "extracted"
    unheaded = {1: read_letter(PREFET, "IMG_1.jpg", (prefet_letter(closing=(), signatory=(), ocr=True, conf=0.95),)),
                2: readings[2]}
    assert "signataire_qualite" not in joined_continuations(unheaded)[2].fields


def test_a_sous_prefet_title_cut_at_its_hyphen_stays_a_sous_prefets():
    """"Le Sous-" | "Préfet,": the title over two lines (or "Sous- Préfet", a space read after
    the hyphen) is the sous-préfet's, never the préfet's read sure."""
    from tests.extractors.letters import prefet_letter

    for signatory in (("Le Sous-", "Préfet,", "Emmanuel Aubry"), ("Le Sous- Préfet,", "Emmanuel Aubry")):
        page = prefet_letter(signatory=signatory, ocr=True, conf=0.93)
        found = read_letter(PREFET, "lettre.jpg", (page,)).fields["signataire_qualite"]
        assert found.value == "sous_prefet" and found.status == "extracted", signatory


def test_a_title_a_stroke_cut_in_two_or_through_a_letter_is_read():
    """"Le Ma ire,", "Le Ma|re,", "Le Pr éfet,": a signature's stroke split the title word or
    stood for one of its letters; a name ("Ma|rie") is not made a title."""
    from tests.extractors.letters import prefet_letter

    for title in ("Le Ma ire,", "Le Ma|re,", "Le Mai re,"):
        assert _quality(COLL, signatory=(title, "Isabelle Le Callennec")).value == "maire", title
    page = prefet_letter(signatory=("Le Pr éfet,", "Emmanuel Aubry"), ocr=True, conf=0.93)
    assert read_letter(PREFET, "lettre.jpg", (page,)).fields["signataire_qualite"].value == "prefet"
    assert _quality(COLL, signatory=("Ma|rie Dupont",)) is None


def test_a_continuations_president_is_the_epcis_its_first_photo_names():
    """The second photo holds "Présidente de la Commul" | "Terre de Picardie" (a commune's name
    read there: "autre", unsure); the first photo's letterhead names the communauté de
    communes: she presides an EPCI."""
    from extractors.fields.continuation import joined_continuations
    from tests.extractors.letters import page

    head = letter(head=("Communauté de communes", "Terre de Picardie", "80170 Rosières-en-Santerre"),
                  closing=(), signatory=(), ocr=True, conf=0.95)
    rows = [(66, [(60, "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.")]),
            (150, [(320, "Présidente de la Commul")]), (163, [(320, "Terre de Picardie")]),
            (210, [(320, "Mme Chantal ANDRIEUX")])]
    readings = {1: read_letter(COLL, "IMG_1.jpg", (head,)),
                2: read_letter(COLL, "IMG_2.jpg", (page(rows, ocr=True, conf=0.9),))}
    alone = readings[2].fields["signataire_qualite"]
    joined = joined_continuations(readings)[2].fields
    assert "Communauté de communes" in joined["collectivite"].value
    assert joined["signataire_qualite"].value == "president_epci" and joined["signataire_qualite"].confidence >= 0.7
    assert alone.value != "president_epci" or alone.confidence < 0.7


def test_a_maire_title_that_lost_one_letter_is_read():
    """"Mare de" (La Richardais under the strokes), "La Mire,": one inner letter of "maire"
    lost at the head of the block's line; a "Mare" in a name ("Mare Dupont") stays a name."""
    for title in ("Mare de", "Mare de La Richardais,", "La Mire,"):
        found = _quality(COLL, head=("MAIRIE DE LA RICHARDAIS",), signatory=(title, "Fatima TESSIER"))
        assert found is not None and found.value == "maire" and found.status == "extracted", title
    assert _quality(COLL, head=("MAIRIE DE LA RICHARDAIS",), signatory=("Mare Dupont",)) is None


def test_a_closings_vocative_is_no_salutation():
    """A préfet's letter's last photo: "Je vous prie de croire," | "Madame la Sous-directrice,"
    (the rest of the formula lost): the vocative belongs to the closing formula; the block
    under it is the préfète's, not one with "Sous-directrice" in it."""
    from tests.extractors.letters import page

    rows = [(66, [(60, "services restent à votre disposition pour tout complément.")]),
            (80, [(60, "Je vous prie de croire,")]), (94, [(60, "Madame la Sous-directrice,")]),
            (160, [(320, "Aurore COULIBALY")]), (174, [(320, "La Préfète de Mayotte")])]
    fields = read_letter(PREFET, "IMG_2.jpg", (page(rows, ocr=True, conf=0.92),)).fields
    assert fields["signataire_qualite"].value == "prefet" and fields["signataire_qualite"].confidence >= 0.7
    assert fields["signataire_nom"].value == "Aurore COULIBALY"


def test_a_next_page_under_its_repeated_letterhead_has_its_closing_and_block():
    """A letter's last photo repeats the letterhead ("Grand Nord de Mayotte") over the closing
    formula: the block under the formula holds the quality, not only the last line."""
    from tests.extractors.letters import page

    rows = [(40, [(60, "Grand Nord de Mayotte")]),
            (100, [(60, "Veuillez agréer, Madame, l'assurance de ma considération distinguée.")]),
            (150, [(200, "Présidente de la Communauté d'agglomération du Grand Nord de Mayotte")]),
            (200, [(320, "Solène MADI")])]
    fields = read_letter(COLL, "IMG_2.jpg", (page(rows, ocr=True, conf=0.92),)).fields
    assert fields["signataire_qualite"].value == "president_epci" and fields["signataire_qualite"].confidence >= 0.7
