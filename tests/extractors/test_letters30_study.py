"""The letters' fields on bench/letterstudy.py's samples: maker letters whose quality line is drawn
from those real préfectures and collectivités print (samples/unseen/maker/letters/qualities.py).

- A sous-préfecture's town after "du" / "des" / "de la" carries the article ("Le Sous-préfet du
  Marin" is at Le Marin, Martinique; a "Marin" of its own is in Haute-Savoie): read without it,
  a letter whose bloc-marque was lost named the wrong département, for sure.
- A box OCR read on the name's row for a word the ink blackened ("☒ SILVA Cédric" for "DA SILVA
  Cédric"): the name read without it is for a reviewer, never sure.
"""

from __future__ import annotations

import dataclasses
import random
import subprocess

import pytest

from bench.letterstudy import letter_values, sample
from bench.signstudy import read_pages
from extractors.fields.courrier import read_letter
from extractors.fields.courrier_departement import departement_clues
from extractors.fields.courrier_layout import letter_lines, letter_parts
from extractors.model import FieldStatus, PieceKind
from samples.unseen.maker.letters import letter_pdf_info
from samples.unseen.maker.letters.qualities import collectivite_quality, prefet_quality
from samples.unseen.maker.preview_letters import EXAMPLES
from schemas.cog import Cog
from schemas.normalise import _clue_departement


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _lorrain(title: str, style: int) -> bytes:
    """The maker's Martinique préfecture letter (digital), its block's quality line `title`."""
    spec = dataclasses.replace(EXAMPLES[6], signatory_title=title, style=style)
    return letter_pdf_info(spec)[0]


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.mark.parametrize("title", ["Le Sous-préfet du Marin",
                                   "Pour le préfet et par délégation, la sous-préfète du Marin"])
def test_a_sous_prefecture_after_du_is_the_town_with_its_article(tmp_path, cog, title):
    path = tmp_path / "lettre.pdf"
    path.write_bytes(_lorrain(title, 7))
    pages = read_pages(path, "pdf", tmp_path / "pages")
    parts = letter_parts(letter_lines(tuple(pages)))
    towns = [c.value["commune"] for c in departement_clues(parts) if "commune" in c.value]
    assert "Le Marin" in towns and "Marin" not in towns
    assert _clue_departement({"commune": "Le Marin"}, cog) == "972"  # "Marin" alone: Haute-Savoie


def test_a_departement_keeps_no_article(tmp_path):
    spec = dataclasses.replace(EXAMPLES[15], signatory_title="La Préfète du Finistère", style=3)
    path = tmp_path / "lettre.pdf"
    path.write_bytes(letter_pdf_info(spec)[0])
    parts = letter_parts(letter_lines(tuple(read_pages(path, "pdf", tmp_path / "pages"))))
    named = [c.value["departement"] for c in departement_clues(parts) if "departement" in c.value]
    assert "Finistère" in named and "Le Finistère" not in named


def test_a_name_read_beside_a_box_is_for_a_reviewer(tmp_path, cog):
    """Study sample 7: "DA SILVA Cédric" under a 200 dpi scan's ink, its "DA" read as a box."""
    path, kind, truth = sample(7, tmp_path)
    pages = read_pages(path, kind, tmp_path / "7.pages")
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, path.name, tuple(pages))
    name = reading.fields["signataire_nom"]
    assert name.value.split()[-2:] != ["DA", "SILVA"] or name.confidence >= 0.8  # the sample as studied
    values = letter_values(path, kind, pages, truth["kind"], tmp_path / "7.pages", cog)
    final = values["courrier_collectivite.signataire_nom"]
    right = sorted(final.value.casefold().split()) == sorted(truth["signataire_nom"].casefold().split())
    assert right or final.status is not FieldStatus.EXTRACTED


def test_the_maker_signs_prefet_letters_with_every_quality():
    slugs = {prefet_quality(random.Random(seed), seed % 2 == 0, "34", "Hérault", "Occitanie", "Béziers")
             for seed in range(200)}
    assert {slug for _, slug in slugs} == {"prefet", "sous_prefet", "autre"}
    titles = " | ".join(title for title, _ in slugs)
    for words in ("Sous-préfète de Béziers", "Sous-préfet de l'arrondissement de Béziers", "secrétaire général",
                  "directeur départemental des territoires", "par délégation", "Préfète de l'Hérault"):
        assert words in titles
    coll = {collectivite_quality(random.Random(seed), False, seed % 2 == 0, "Lodève", "Communauté de communes du "
                                 "Lodévois et Larzac")[1] for seed in range(100)}
    assert coll == {"maire", "president_epci", "autre"}


def test_the_heading_of_a_delegated_sous_prefet_names_the_sous_prefet():
    """"Le préfet … à Madame la sous-directrice": a letter signed "Pour le préfet et par délégation,
    le sous-préfet du Marin" is headed by the sous-préfet, not by "Pour le préfet et par délégation …"."""
    title = "Pour le préfet et par délégation, le sous-préfet du Marin"
    texts = [[" ".join(line.split()) for line in _text(_lorrain(title, style)).splitlines()] for style in range(30)]
    assert any("Le sous-préfet du Marin" in lines for lines in texts)  # some letters have the heading
    assert not any(line.startswith("Pour le préfet et par délégation de") for lines in texts for line in lines)


def _quality(seed: int, folder, cog):
    path, kind, truth = sample(seed, folder)
    pages = read_pages(path, kind, folder / f"{seed}.pages")
    return letter_values(path, kind, pages, truth["kind"], folder / f"{seed}.pages", cog)[
        f"courrier_{truth['kind']}.signataire_qualite"], truth


def test_the_heading_does_not_name_a_signer_whose_own_title_is_unread(tmp_path, cog):
    """Study sample 207, a fax: "Le préfet de la Corse-du-Sud / à Madame …" heads a letter the
    directrice départementale des territoires signs, her title read as "La precis dpalèane
    desiterrifoires et de la mer": the préfet is the heading's writer, not surely the signer."""
    quality, truth = _quality(207, tmp_path, cog)
    assert truth["signataire_qualite"] == "autre"
    assert quality.value == "autre" or quality.status is not FieldStatus.EXTRACTED


def test_a_sous_prefet_heading_still_names_the_signer(tmp_path, cog):
    """Study sample 57, a fax: "La sous-préfète de Saint-Pierre / à …" heads the letter, the block's
    "Pour le préfet et par délégation, la sous-préfète …" unread: the sous-préfète is the delegate."""
    quality, truth = _quality(57, tmp_path, cog)
    assert (quality.value, quality.status) == (truth["signataire_qualite"], FieldStatus.EXTRACTED) == \
        ("sous_prefet", FieldStatus.EXTRACTED)
