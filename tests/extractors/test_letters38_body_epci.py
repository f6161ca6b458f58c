"""An EPCI named in a letter's objet or body as letters name it: abbreviated ("la CC du Sud Corse"),
"la métropole Rouen Normandie", with a lower-case "intercommunale" and its acronym ("la CA
intercommunale de la Réunion Est (CIREST)"). Where OCR lost the letterhead (a phone photo's
bandeau), that is the only place the letter names its collectivité; it resolves through the
official geography to the same EPCI (SIREN) as the fiche's section 2.

Real parts: bench/letterstudy.py's maker letters (every page), rendered, read as the pipeline reads
them (Tesseract on the scans), their letterhead's words then dropped, as the photo's OCR dropped it.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
from pathlib import Path

import pytest

from bench.letterstudy import sample
from bench.signstudy import read_pages
from extractors.fields.courrier import read_letter
from extractors.fields.courrier_entites import collectivite_of
from extractors.fields.courrier_layout import letter_lines, letter_parts
from extractors.model import PieceKind
from schemas.cog import Cog
from schemas.territoire import letter_entity

COLL = PieceKind.COURRIER_COLLECTIVITE
TUNE = Path(__file__).resolve().parents[2] / "samples" / "unseen" / "tune"


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _headless(pages):
    """The pages with every word above the objet's line dropped: letterhead, addressee, date lost."""
    first = pages[0]
    objet = min((w.bbox[1] for w in first.words if w.text.lower().startswith("objet")), default=None)
    assert objet is not None
    return (dataclasses.replace(first, words=tuple(w for w in first.words if w.bbox[1] >= objet - 2)),) + tuple(pages[1:])


# (study seed, SIREN): "la CC du Sud Corse" (scan 200 dpi, black and white), "la métropole Rouen
# Normandie" (text layer), "la Métropole Rouen Normandie" (scan 150 dpi)
@pytest.mark.parametrize("seed, siren, departement", [(14, "200040764", "2A"), (47, "200023414", "76"),
                                                      (30, "200023414", "76")])
def test_an_epci_the_body_names_is_the_letters_collectivite(tmp_path, cog, seed, siren, departement):
    path, kind, truth = sample(seed, tmp_path, every_page=True)
    pages = _headless(read_pages(path, kind, tmp_path / f"{seed}.pages"))
    value = read_letter(COLL, path.name, pages).fields["collectivite"].value
    found = letter_entity(value, cog, [departement], [])
    assert found is not None and found[0].kind == "epci" and found[0].code == siren


def _tune_attachment(case: str, name: str, folder: Path) -> Path:
    """One attachment of a tune case's e-mail, saved."""
    message = email.message_from_bytes((TUNE / case / "input" / "candidature1.eml").read_bytes(),
                                       policy=email.policy.default)
    part = next(p for p in message.iter_attachments() if p.get_filename() == name)
    path = folder / name
    path.write_bytes(part.get_content())
    return path


def test_a_photo_whose_letterhead_ocr_lost_names_its_epci_in_the_objet(tmp_path):
    """The tune's Saint-André phone photo: OCR lost the bandeau; its objet reads "… candidature de
    la CA" | "de la Réunion Est" | "(CIREST)" ("intercommunale" lost too). The designation, the
    name and the acronym, over three lines, are the collectivité (for a reviewer: it is not the
    official name, which the body's "agglomérabon imercommunale" does not spell either)."""
    path = _tune_attachment("07_saint-andre_official_photo_eml", "IMG_20260922_135908.jpg", tmp_path)
    pages = read_pages(path, "image", tmp_path / "letter.pages")
    found = collectivite_of(letter_parts(letter_lines(tuple(pages))), True)
    assert found is not None and found.value == "CA de la Réunion Est (CIREST)"
