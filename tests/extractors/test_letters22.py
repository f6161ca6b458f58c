"""Session 22's letter families (draws d22, d23, tune)."""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import prefet_letter

PREFET = PieceKind.COURRIER_PREFET


def _departements(page) -> list[dict]:
    reading = read_letter(PREFET, "courrier.pdf", (page,))
    return reading.fields["departement"].value if "departement" in reading.fields else []


def test_the_dgaln_address_read_in_the_letterhead_names_no_departement():
    """A speck read "À" atop a photo takes the addressee block's place: the DGALN's own address
    ("Tour Séquoia", "1, place Carpeaux", "92800 Puteaux") is left among the head's lines, and its
    postcode is the addressee's town, not the préfecture's (it was a sure and wrong '92')."""
    page = prefet_letter(head=("Direction départementale", "des territoires et de la mer"), right=(),
                         addressee=("Ministère de la Transition écologique", "DGALN / DHUP / AD1",
                                    "Tour Séquoia", "1, place Carpeaux", "92800 Puteaux"),
                         date="Mont-de-Marsan, le 4 novembre 2026")
    clues = _departements(page)
    assert {"commune": "Puteaux", "code_postal": "92800"} not in clues
    assert {"commune": "Mont-de-Marsan"} in clues


def test_the_prefectures_own_postcode_in_its_letterhead_still_counts():
    page = prefet_letter(head=("Préfecture de la Sarthe", "Place Aristide Briand", "72041 Le Mans"), right=())
    assert {"commune": "Le Mans", "code_postal": "72041"} in _departements(page)


# -- whose letter: the letterhead as a photo or a scan gives it ------------------------------------

def _page(text: str):
    from tests.extractors.letters import page
    return page([(50 + 16 * i, [(60, line)]) for i, line in enumerate(text.split("\n"))], ocr=True)


FILLER = ["Depuis plusieurs années, les élus observent la vacance commerciale qui progresse dans le centre,",
          "auxquels s'ajoutent la sobriété foncière et l'adaptation de nos espaces publics aux fortes chaleurs.",
          "Les études déjà conduites n'ont pas permis de dégager une vision partagée entre les acteurs.",
          "La démarche nous permettra de croiser les regards des élus, des techniciens et des partenaires,",
          "et de tester des scénarios d'aménagement avant d'engager des investissements lourds.",
          "Cette candidature a été approuvée à l'unanimité lors de la dernière séance."]


def test_a_logo_letterhead_with_the_town_halls_address_is_the_collectivites():
    """"République française" over a logo's bare town name, the signatory block lost under the
    signature: the town hall's own e-mail in the letterhead says who writes (was the préfet's,
    a tie of weak cues; a wrong COURRIER_COLLECTIVITE_ABSENT)."""
    from extractors.classify import classify_page

    text = "\n".join(["République française", "Monticello", "12 place de la Libération", "20220 MONTICELLO",
                      "secretariat@mairie-monticello.fr", "Monticello, le 4 octobre 2026",
                      "Madame la sous-directrice", "de l'aménagement durable",
                      "Objet : Lettre de soutien — Atelier des territoires Flash", "Madame,",
                      "J'ai l'honneur de vous adresser la candidature à l'Atelier des territoires Flash.",
                      *FILLER, "La ville de Monticello s'engage à participer activement à la démarche.",
                      "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.", "NTONÉ"])
    assert classify_page(_page(text)).kind is PieceKind.COURRIER_COLLECTIVITE


def test_a_photographed_letter_whose_letterhead_holds_a_box_mark_is_the_collectivites():
    """OCR's box finder reads a mark in "Hôtel ☒ de ville", and the closing's "je" as "pe": still
    a letter, the town hall's (was `autre`: the collectivité's letter for a reviewer)."""
    from extractors.classify import classify_page

    text = "\n".join(["Hôtel ☒ de ville", "La Garnache", "La", "de", "ADI", "LA CEDEX",
                      "terraoures Flanh », pour le projet intitulé « La Cramache demain ».",
                      "Depuis plusieurs années. les élus cbmervent Là revualination d'un crntre-bourg qui perd des",
                      "Noun attendue de l Aurier qu'il nou aude à commrare, avec des habitant, les acteur",
                      "(Riu à votre dnpoution pour tout complement d'information pe vous prie de croûre.",
                      "sentments des medias |", "1 mu Vice Page PR LA Comte"])
    assert classify_page(_page(text)).kind is PieceKind.COURRIER_COLLECTIVITE


# -- the collectivité a letter speaks for ----------------------------------------------------------

def test_a_wordmark_letter_named_by_a_body_phrase_running_over_a_line_end():
    """A logo's bare "Vulbens", the signer titled "Le Maire" alone: the body names the commune
    over a line end ("… de la commune de" | "Vulbens à la candidature …") and again opening a
    sentence ("La commune de Vulbens s'engage …"); the logo confirms it (was missing: a review)."""
    from tests.extractors.letters import letter

    body = ("Je soussigné Loïc AUBERT, maire de Vulbens, confirme le soutien plein et entier de la commune de",
            "Vulbens à la candidature déposée au titre de l'Atelier des territoires Flash.",
            "La commune de Vulbens s'engage à participer activement à l'ensemble de la démarche.")
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "courrier.pdf",
                          (letter(head=("Vulbens",), body=body, signatory=("Loïc AUBERT", "Le Maire")),))
    assert reading.fields["collectivite"].value == "Commune de Vulbens"
    assert reading.fields["collectivite"].confidence >= 0.8


# -- signed: a felt pen beside small type -----------------------------------------------------------

def test_a_thick_pen_flourish_above_a_small_typed_block_is_a_signature():
    """A felt pen's flourish over a block in small type (a 200 dpi scan of 10 pt text): its stroke
    is wider than 0.45 of the text's height, yet one long sparse line 12 lines wide is no print,
    stamp nor logo (d22 31: undecided, a review on the préfet's signature)."""
    import math

    from PIL import ImageDraw

    from extractors.signature import check_signature
    from tests.extractors.test_signature import DPI, ZONE, blank, printed, px

    image = blank()
    boxes = [printed(image, 330, 470, "M. Pierre-Yves de ALMEIDA"), printed(image, 330, 484, "Le Préfet")]
    draw = ImageDraw.Draw(image)
    points = [px(250 + 1.6 * t, 440 + 18 * math.sin(t / 6.0) - 0.1 * t) for t in range(0, 90)]
    draw.line(points, fill=20, width=10)  # wider than half the text's height at 150 dpi
    draw.line([px(240, 458), px(400, 452)], fill=20, width=10)
    check = check_signature(image, ZONE, DPI, printed=tuple(boxes), text_height=7.2)
    assert check.signed is True, check.detail


def test_an_objet_whose_o_the_scan_lost_still_ends_the_head():
    """"bjet : Avis sur …" (the margin ate the "O"): the head still runs down to it, and the
    DGALN's addressee block under the sender's title is found (was unsure: a review)."""
    page = prefet_letter(sender_title="Le préfet du Nord",
                         addressee=("Ministère de la Transition écologique et de la Cohésion des territoires",
                                    "DGALN / DHUP / AD1", "À l'attention de Madame la sous-directrice",
                                    "de l'aménagement durable", "Tour Séquoia", "1, place Carpeaux", "92800 Puteaux"),
                         objet="bjet : Avis sur la candidature de la commune de Flers-en-Escrebieux",
                         salutation="Madame, Monsieur,")
    reading = read_letter(PREFET, "courrier.pdf", (page,))
    assert reading.fields["destinataire_dgaln"].value is True


# -- the signatory's name under the strokes ---------------------------------------------------------

def test_the_block_read_again_gives_the_name_holding_the_word_the_page_read():
    """Strokes over the name: the page read "arthélemy" | "Jérôme", the block read again on dark
    ink a stroke as a second name-shaped line and the name whole. The one holding a word the page
    read too is the better reading, still for a reviewer (was "Jérôme", wrong)."""
    from extractors.fields.courrier import letter_fields
    from extractors.model import FieldStatus
    from extractors.signature import SignatureCheck

    page = prefet_letter(signatory=("Le Sous-préfet,", "pour le préfet et par délégation", "arthélemy", "Jérôme"),
                         ocr=True, conf=0.9)
    reading = read_letter(PREFET, "scan.pdf", (page,))
    block = ("Le Sous-prétet,", "pour le préfet et par délégation", "JOTONTE PATTHCECIT", "BARTHÉLEMY Jérôme")
    out = letter_fields([reading], None, {0: SignatureCheck(True, 0.95, reading.zone.bbox, block_text=block)})
    name = out["courrier_prefet.signataire_nom"]
    assert name.value == "BARTHÉLEMY Jérôme" and name.status is FieldStatus.NEEDS_REVIEW
