"""Signatures: handwriting by the signatory block told apart from print, stamps, logos, rules; PAdES."""

from __future__ import annotations

import math
import random

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.geometry import to_page
from extractors.pades import digital_signatures
from extractors.signature import check_signature, upright
from tests.extractors.pdfsign import signed_pdf, unsigned_pdf
from worker.core.context import make_context
from worker.core.intake import intake_files

DPI = 150
SCALE = DPI / 72
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ZONE = (150.0, 400.0, 560.0, 520.0)  # points: the signatory block and its left
TEXT_HEIGHT = 10.5


def blank(colour: int = 255) -> Image.Image:
    return Image.new("L", (int(595 * SCALE), int(842 * SCALE)), colour)


def px(x: float, y: float) -> tuple[float, float]:
    return x * SCALE, y * SCALE


def handwriting(image: Image.Image, x: float, y: float, seed: int = 1, width: int = 3, size: float = 1.0,
                ink: int = 20) -> Image.Image:
    """A cursive signature: loops along a line, then an underline swash (points, at `size`)."""
    rng = random.Random(seed)
    draw = ImageDraw.Draw(image)
    points, loops = [], rng.randint(4, 7)
    for step in range(240):
        t = step / 239
        loop = 2 * math.pi * loops * t
        points.append(px(x + size * (110 * t + 9 * math.sin(loop)), y + size * (14 * math.cos(loop) - 8 * t)))
    draw.line(points, fill=ink, width=width, joint="curve")
    swash = [px(x + size * (-5 + 130 * t), y + size * (24 + 12 * math.sin(math.pi * t))) for t in
             (i / 60 for i in range(61))]
    draw.line(swash, fill=ink, width=max(2, width - 1))
    return image


def printed(image: Image.Image, x: float, y: float, text: str) -> tuple[float, float, float, float]:
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(TEXT_HEIGHT * SCALE))
    draw.text(px(x, y), text, fill=0, font=font)
    box = draw.textbbox(px(x, y), text, font=font)
    return tuple(v / SCALE for v in box)


def stamp(image: Image.Image, cx: float, cy: float, radius: float = 32) -> Image.Image:
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(6 * SCALE))
    for r in (radius, radius - 6):
        draw.ellipse([*px(cx - r, cy - r), *px(cx + r, cy + r)], outline=90, width=2)
    draw.text(px(cx - 14, cy - 4), "Le Maire", fill=90, font=font)
    for k, letter in enumerate("COMMUNE DE VITRE"):
        angle = math.pi + k * (math.pi / 15)
        draw.text(px(cx + (radius - 4) * math.cos(angle) - 2, cy + (radius - 4) * math.sin(angle) - 3),
                  letter, fill=90, font=font)
    return image


def check(image: Image.Image, printed_boxes=()):
    return check_signature(image, ZONE, DPI, printed=tuple(printed_boxes), text_height=TEXT_HEIGHT)


def test_an_empty_signatory_block_is_not_signed():
    result = check(blank())
    assert result.signed is False and result.confidence >= 0.85


def test_handwriting_is_a_signature():
    result = check(handwriting(blank(), 330, 460))
    assert result.signed is True and result.confidence >= 0.85
    x0, top, x1, bottom = result.bbox  # the ink, in points on the page
    assert 310 <= x0 <= 330 and 430 <= top <= 460 and x1 >= 430


@pytest.mark.parametrize("mask", [False, True])
def test_printed_quality_and_name_are_not_a_signature(mask):
    image = blank()
    boxes = [printed(image, 320, 410, "Le Maire,"), printed(image, 320, 490, "Isabelle Le Callennec")]
    assert check(image, boxes if mask else ()).signed is False


def test_a_stamp_alone_is_not_a_signature():
    result = check(stamp(blank(), 260, 460))
    assert result.signed is False and "cachet" in result.detail


def test_a_signature_across_a_stamp_is_a_signature():
    image = stamp(blank(), 300, 460)
    assert check(handwriting(image, 290, 455, seed=3)).signed is True


def test_a_logo_is_left_undecided():
    image = blank()
    draw = ImageDraw.Draw(image)
    draw.ellipse([*px(300, 430), *px(340, 470)], fill=30)
    draw.rectangle([*px(360, 440), *px(420, 470)], fill=60)
    result = check(image)
    assert result.signed is None and result.confidence < 0.7


def test_a_few_faint_marks_are_left_undecided():
    image = blank()
    draw = ImageDraw.Draw(image)
    for k, dy in enumerate((0, 9, -7, 4, -12)):  # a broken, faint paraph: not print, too small to call
        draw.line([*px(330 + 8 * k, 460 + dy), *px(335 + 8 * k, 454 + dy)], fill=40, width=2)
    assert check(image).signed is None


def test_specks_and_a_signature_line_are_not_a_signature():
    image = blank()
    draw = ImageDraw.Draw(image)
    rng = random.Random(4)
    for _ in range(40):
        x, y = px(rng.uniform(160, 550), rng.uniform(405, 515))
        draw.point((x, y), fill=80)
    draw.line([*px(320, 480), *px(480, 480)], fill=0, width=2)
    assert check(image).signed is False


@pytest.mark.parametrize("reach", [7.0, 8.0, 10.0])
def test_a_small_paraph_over_the_typed_name_is_never_called_missing(reach):
    """Strokes across a masked name: what leaves the words' boxes is ink to explain, however short."""
    image = blank()
    box = printed(image, 320, 470, "Isabelle Le Callennec")
    zigzag = [px(330 + 6 * k, 475 + (reach if k % 2 else -reach)) for k in range(8)]
    ImageDraw.Draw(image).line(zigzag, fill=40, width=2)
    assert check(image, [box]).signed is not False


def test_a_photo_with_uneven_light_and_a_grey_sheet():
    def lit(image: Image.Image) -> Image.Image:
        gradient = Image.linear_gradient("L").resize(image.size).point(lambda v: 140 + v // 3)
        return Image.composite(image, gradient, image.point(lambda v: 255 if v < 128 else 0)) \
            .filter(ImageFilter.GaussianBlur(0.8))
    assert check(lit(handwriting(blank(), 330, 460, size=1.1))).signed is True
    assert check(lit(blank())).signed is False


def test_a_thin_light_scanned_signature():
    image = handwriting(blank(), 330, 460, width=2, ink=110)
    assert check(image).signed is True


def test_a_zone_outside_the_page_is_undecided():
    result = check_signature(blank(), (600.0, 900.0, 700.0, 950.0), DPI)
    assert result.signed is None and result.confidence == 0.0


@pytest.mark.parametrize("rotation, skew", [(0, 0.0), (90, 0.0), (180, 1.5), (270, -2.0)])
def test_upright_page_matches_the_words_of_ocr(rotation, skew):
    """A mark at a known place of the upright page lands where PageText.to_page says on the page."""
    turned = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
    page = blank()
    ImageDraw.Draw(page).rectangle([*px(100, 200), *px(140, 220)], fill=0)
    received = page.transpose(turned[rotation]) if rotation else page  # the scanner turned the sheet
    received = received.rotate(skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255) \
        if skew else received
    level = upright(received, rotation, skew)
    ys, xs = _dark(level)
    box = (min(xs) / SCALE, min(ys) / SCALE, max(xs) / SCALE, max(ys) / SCALE)
    assert abs(box[2] - box[0] - 40) < 4 and abs(box[3] - box[1] - 20) < 4
    w, h = received.width / SCALE, received.height / SCALE
    x0, top, x1, bottom = to_page(box, w, h, skew, rotation)
    assert received.crop(tuple(int(v * SCALE) for v in (x0, top, x1, bottom))).getextrema()[0] < 60


def _dark(image: Image.Image):
    import numpy as np

    ys, xs = np.nonzero(np.asarray(image) < 100)
    return ys, xs


# -- digital signatures (PAdES) ------------------------------------------------------------------

def test_a_pades_signature_is_found_with_its_page_and_coverage():
    data = signed_pdf(pages=2, sign_page=2)
    [signature] = digital_signatures(data)
    assert signature.page == 2 and signature.covers_whole_file
    assert signature.subfilter == "ETSI.CAdES.detached" and signature.signer == "Isabelle Le Callennec"
    assert "signature numérique" in signature.describe()


def test_bytes_added_after_signing_are_reported():
    [signature] = digital_signatures(signed_pdf() + b"\n% appended\n")
    assert not signature.covers_whole_file and "modifié" in signature.describe()


def test_an_empty_signature_field_or_no_field_is_no_signature():
    assert digital_signatures(unsigned_pdf()) == ()
    assert digital_signatures(signed_pdf(empty=True)) == ()
    assert digital_signatures(b"not a pdf /ByteRange [0 1 2 3]") == ()


def test_the_pipeline_counts_a_digital_signature(tmp_path):
    from extractors.fields.courrier import SignatureZone
    from extractors.model import PageText
    from worker.core.signatures import signature_of

    path = tmp_path / "courrier.pdf"
    path.write_bytes(signed_pdf(pages=1, sign_page=1))
    page = PageText(1, 595.0, 842.0, (), ocr=False, confidence=1.0)
    result = signature_of(str(path), "pdf", page, SignatureZone(0, ZONE), 10**8)
    assert result.signed is True and result.kind == "numerique" and result.confidence >= 0.95


def test_the_pipeline_looks_at_the_ink_when_there_is_no_digital_signature(tmp_path):
    from extractors.fields.courrier import SignatureZone
    from extractors.model import PageText
    from worker.core.signatures import signature_of

    image = handwriting(blank(), 330, 460)
    path = tmp_path / "scan.png"
    image.save(path, dpi=(DPI, DPI))
    page = PageText(1, 595.0, 842.0, (), ocr=True, confidence=0.9)
    result = signature_of(str(path), "image", page, SignatureZone(0, ZONE, (), TEXT_HEIGHT), 10**8)
    assert result.signed is True and result.kind == "manuscrite"


def test_a_rectangular_stamp_is_not_a_signature():
    image = blank()
    ImageDraw.Draw(image).rectangle([*px(300, 430), *px(460, 480)], outline=60, width=3)
    printed(image, 320, 445, "LE MAIRE")
    result = check(image)
    assert result.signed is False and "cachet" in result.detail


@pytest.mark.parametrize("offset, signed", [(1.0, False), (-2.5, None)])
def test_underlined_print_left_unread_is_not_a_signature(offset, signed):
    """Under the letters the rule is a rule; through them, one long flat shape: not called either way."""
    image = blank()
    x0, top, x1, bottom = printed(image, 320, 470, "Isabelle Le Callennec")
    ImageDraw.Draw(image).line([*px(x0, bottom + offset), *px(x1, bottom + offset)], fill=0, width=2)
    assert check(image).signed is signed


# -- the pipeline's signature step, end to end on a sample ---------------------------------------

def test_an_unsigned_letter_end_to_end_and_a_reviewers_correction(store, settings, engine, cog):
    from extractors.model import Part
    from tests.conftest import ROOT
    from worker.core import pipeline
    from worker.core.export import export_dossier
    from worker.persistence.db import FieldRow

    folder = ROOT / "samples" / "12_non_signe_section_vide" / "input"
    parts = [Part(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
    intake = intake_files(parts, "/test/12", store=store, settings=settings)
    pipeline.run(intake.dossier_id, make_context(settings, store, engine=engine, cog=cog))
    export = export_dossier(store, intake.dossier_id)
    assert export["fields"]["courrier_collectivite.signe"]["value"] is False
    assert export["fields"]["courrier_prefet.signe"]["value"] is True
    assert export["fields"]["courrier_prefet.signe"]["source"]["page"] == 1
    codes = [(r["code"], r["detail"]) for r in export["completeness"]["reasons"]]
    assert codes == [("SECTION_VIDE", "s5"), ("COURRIER_COLLECTIVITE_NON_SIGNE", None)]

    with store.session() as s:  # a reviewer saw a signature after all
        row = s.query(FieldRow).filter_by(dossier_id=intake.dossier_id, field_id="courrier_collectivite.signe").one()
        row.value, row.status = True, "corrected"
    pipeline.run(intake.dossier_id, make_context(settings, store, engine=engine, cog=cog))
    export = export_dossier(store, intake.dossier_id)
    assert export["fields"]["courrier_collectivite.signe"] == {**export["fields"]["courrier_collectivite.signe"],
                                                               "value": True, "status": "corrected"}
    assert [r["code"] for r in export["completeness"]["reasons"]] == ["SECTION_VIDE"]


@pytest.mark.parametrize("px_per_point", [1.8, 2.2])
def test_a_degraded_letter_end_to_end_signatory_read_and_signature_found(px_per_point):
    """OCR, letter reading and signature check together, on a small, soft, JPEG'd signatory block."""
    from extractors.fields.courrier import read_letter
    from extractors.model import PieceKind
    from extractors.ocr.engine import TesseractEngine
    from extractors.ocr.page import ocr_page
    from extractors.ocr.sheet import outside_paper_whitened
    from tests.extractors.letters import photographed_signatory_block

    image, dpi = photographed_signatory_block(px_per_point=px_per_point)
    page = ocr_page(image, TesseractEngine(), number=1, dpi=dpi)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "lettre.jpg", (page,))
    assert reading.fields["signataire_qualite"].value == "maire"
    assert reading.fields["signataire_nom"].value == "Henri Vernhet"
    zone = reading.zone
    seen = upright(outside_paper_whitened(image), page.rotation, page.skew)
    result = check_signature(seen, zone.bbox, dpi, printed=zone.printed, text_height=zone.text_height)
    assert result.signed is True and result.confidence >= 0.75


# -- drawn letter endings, through OCR, the letter reader and the worker's step -----------------

@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """Every drawn variant's verdict (None: the letter's block was not read, nothing was checked)."""
    from tests.extractors.signatures_drawn import read_signature, signed_matrix, unsigned_matrix

    folder = tmp_path_factory.mktemp("drawn")
    return {variant: read_signature(variant, folder)[0] for variant in signed_matrix() + unsigned_matrix()}


def test_drawn_signatures_are_never_read_as_missing_and_mostly_found(drawn):
    """Across the name or the title, above or beside the block, blue or grey, 150 dpi, stamped,
    photographed: a signed letter is never called unsigned, and almost always called signed."""
    signed = {v: c for v, c in drawn.items() if v.position}
    called_unsigned = [v.name for v, c in signed.items() if c is not None and c.signed is False]
    assert called_unsigned == []
    found = sum(c is not None and c.signed is True for c in signed.values()) / len(signed)
    assert found >= 0.85, [v.name for v, c in signed.items() if c is None or c.signed is not True]


@pytest.mark.parametrize("position", ["cross_name", "cross_title", "above", "beside"])
def test_each_drawn_position_is_found_on_scans(drawn, position):
    """On scans (not photos), where OCR reads the block, every ink and resolution of a position is signed."""
    checks = [c for v, c in drawn.items() if v.position == position and not v.photo and c is not None]
    assert len(checks) >= 6 and all(c.signed is True for c in checks), [c.detail for c in checks]


def test_drawn_unsigned_letters_are_unsigned_and_a_stamp_alone_is_no_signature(drawn):
    unsigned = {v: c for v, c in drawn.items() if v.position is None}
    empty = [c for v, c in unsigned.items() if not v.stamp]
    assert all(c is not None and c.signed is False and c.confidence >= 0.85 for c in empty), \
        [(v.name, c and c.detail) for v, c in unsigned.items() if not v.stamp]
    stamped = [c for v, c in unsigned.items() if v.stamp and c is not None]
    assert stamped and all(c.signed is not True for c in stamped)
    assert sum(c.signed is False for c in stamped) >= 3  # a stamp seen whole is said so


def test_the_zone_reaches_the_closing_above_the_block_and_the_blocks_half_of_the_page():
    """Signatures are drawn above, beside and under the block: the zone is not cut at its lines."""
    from extractors.fields.courrier import read_letter
    from extractors.model import PieceKind
    from tests.extractors.letters import letter

    page = letter(after=("Copie : Préfecture",))
    closing = next(w for w in page.words if w.text == "distinguées.")
    x0, top, x1, bottom = read_letter(PieceKind.COURRIER_COLLECTIVITE, "lettre.pdf", (page,)).zone.bbox
    assert top <= closing.bbox[1] and x0 <= 595 / 2 - 100 and x1 == 595.0
    assert 453.5 + 8 * 10.5 <= bottom <= 760  # well under the name, above the copies' line


def test_lone_letters_read_in_a_signature_are_not_masked_as_print():
    """OCR reads scribbles as "E D M A" with confidence: their ink must still be looked at."""
    from extractors.fields.courrier_zone import _printed
    from extractors.model import Word

    assert not _printed(Word("E", (330, 440, 338, 450), 0.91, 5), 10.5, ocr=True)
    assert _printed(Word("à", (330, 440, 336, 450), 0.91, 5), 10.5, ocr=True)
    assert _printed(Word("Maire,", (330, 440, 366, 450), 0.91, 5), 10.5, ocr=True)
    assert _printed(Word("E", (330, 440, 338, 450), 0.91, 5), 10.5, ocr=False)  # a text layer is print


@pytest.mark.parametrize("ink", [90, 140])
def test_a_name_written_in_tall_separate_letters_over_the_typed_name_is_a_signature(ink):
    """A pasted script-font signature, or a hand that lifts the pen: letters apart, taller than the text."""
    image = blank()
    boxes = [printed(image, 330, 410, "Le Préfet du Bas-Rhin"), printed(image, 345, 470, "Olivier GUERIN")]
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf", int(2.2 * TEXT_HEIGHT * SCALE))
    ImageDraw.Draw(image).text(px(300, 452), "Olivier Guérin", fill=ink, font=font)
    result = check(image, boxes)
    assert result.signed is True


def test_small_print_left_unread_under_the_block_is_no_ink_of_a_signature():
    """A footer OCR did not read (small, dense letters in a row) and the edge of a masked word."""
    image = blank()
    boxes = [printed(image, 320, 410, "Le Maire,")]
    name = printed(image, 320, 470, "Isabelle Le Callennec")
    boxes.append((name[0], name[1], name[2] - 20, name[3]))  # OCR's box stopped short of the word's end
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(5 * SCALE))
    footer = "Hôtel de ville - 1 place du Château - 35500 Vitré - Tél. 02 99 75 00 00"
    draw.text(px(200, 505), footer, fill=0, font=font)
    assert check(image, boxes).signed is False


def test_a_sliver_of_the_signatory_area_cannot_tell_an_unsigned_letter():
    result = check_signature(blank(), (150.0, 800.0, 560.0, 825.0), DPI, text_height=TEXT_HEIGHT)
    assert result.signed is None


def test_a_thin_grey_signature_mostly_over_the_typed_block_is_a_signature():
    image = blank()
    boxes = [printed(image, 330, 440, "GARNIER-LEBON Armelle"), printed(image, 330, 456, "La Préfète de la Drôme,")]
    draw = ImageDraw.Draw(image)
    loop = [px(340 + 30 * t + 6 * math.sin(9 * t), 452 + 14 * math.sin(3.1 * t) + 8 * t) for t in
            (i / 80 for i in range(81))]
    draw.line(loop, fill=120, width=1)
    assert check(image, boxes).signed is True


def test_blurred_print_run_together_is_text_not_a_pen_stroke():
    """A photo's date "03/09/2026" read unsure (so not masked) blurs into one low, dense blob:
    print; a pen's stroke of the same length is taller and sparse."""
    from extractors.signature import InkComponent, _classify

    blob = InkComponent((0, 0, 68, 12), 2.3, 0.4, 0.85, 0.21, 3.8, 0.0)
    assert _classify(blob).kind == "text"
    pen = InkComponent((0, 0, 68, 40), 2.3, 1.4, 0.2, 0.15, 5.0, 0.0)
    assert _classify(pen).kind == "stroke"


def test_a_fine_pen_across_the_typed_title_cut_into_loops_is_a_signature():
    """A thin grey signature drawn over "La Préfète de Mayotte": masking the print leaves loops
    above and below the line, each a glyph that goes on under the words; together they are a
    signature. Accents and descenders leaving a word's box are short and stay undecided ink."""
    from extractors.signature import InkComponent, decide

    loops = [InkComponent((462, 73, 506, 89), 1.84, 0.67, 0.10, 0.05, 2.38, 0.0, kind="glyph", crossing=True),
             InkComponent((559, 67, 580, 108), 0.88, 1.71, 0.08, 0.05, 2.26, 0.0, kind="glyph", crossing=True),
             InkComponent((646, 83, 672, 101), 1.09, 0.75, 0.08, 0.05, 1.35, 0.0, kind="glyph", crossing=True)]
    assert decide(loops).signed is True
    accents = [InkComponent((100 + 40 * i, 60, 108 + 40 * i, 66), 0.33, 0.25, 0.3, 0.08, 0.4, 0.0, kind="glyph",
                            crossing=True) for i in range(4)]
    assert decide(accents).signed is not True


def test_a_signatures_loop_read_as_a_doubted_word_does_not_close_the_zone():
    """A préfet's name crossed by the signature, unread; a loop of it read "9/2)" (0.31) under
    the quality line: the zone runs on to the next printed line (the copies'), where the
    signature and the name are, instead of ending at the loop (a sure and wrong "not signed")."""
    from dataclasses import replace

    from extractors.fields.courrier import read_letter
    from extractors.model import PieceKind, Word
    from tests.extractors.letters import letter

    page = letter(signatory=("Le Préfet de La Réunion",), after=("Copie : DDT de La Réunion",), ocr=True, conf=0.95)
    quality = next(w for w in page.words if w.text == "Préfet")
    loop = Word("9/2)", (330.0, quality.bbox[3] + 60, 352.0, quality.bbox[3] + 72), 0.31,
                max(w.line for w in page.words) + 1)
    page = replace(page, words=tuple(sorted(page.words + (loop,), key=lambda w: (w.bbox[1], w.bbox[0]))))
    zone = read_letter(PieceKind.COURRIER_PREFET, "prefet.jpg", (page,)).zone
    assert zone.bbox[3] > loop.bbox[3] + 40, zone.bbox
    copies = next(w for w in page.words if w.text == "Copie")
    assert zone.bbox[3] <= copies.bbox[1]
