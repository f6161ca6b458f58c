"""Page kinds and pieces from real rendered PDFs read by the project's reader.

Letters cite the fiche ("P.J. : fiche de candidature", "ci-joint la fiche de candidature…")
and are still letters; a fiche is known by its form; a letter's second page stays with it;
an old-style préfecture letterhead ("RÉPUBLIQUE FRANÇAISE / PRÉFECTURE DE …") is the préfet's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from extractors.classify import classify_page, split_documents
from extractors.model import PageText, PieceKind
from extractors.pages import ReadOptions, read_pdf
from tests.extractors.letters import page as text_page

ROOT = Path(__file__).resolve().parents[2]
DGALN = ["Madame la sous-directrice", "de l'aménagement durable", "DGALN – DHUP – AD1", "Tour Séquoia",
         "92055 LA DÉFENSE CEDEX"]
FILLER = ("Notre territoire fait face à plusieurs défis : la revitalisation d'un centre-bourg qui perd des "
          "habitants depuis vingt ans, l'adaptation de nos espaces publics aux fortes chaleurs estivales et "
          "le risque d'inondation qui contraint une large part de l'enveloppe urbaine. Ces questions "
          "dépassent le cadre de nos documents d'urbanisme et appellent une réflexion à une autre échelle.")

NEUTRAL = ("Le projet porte sur la requalification du centre ancien, la reconversion de la friche de la gare "
           "et l'accueil de jeunes ménages. Les études conduites depuis 2023 ont montré la nécessité d'une "
           "approche d'ensemble, à l'échelle du bassin de vie, associant les habitants et les acteurs "
           "économiques.")


def _letter(**changes):
    from samples.gen.model import Letter

    base = dict(kind="courrier_collectivite", layout="sans_logo", letterhead=["Commune de Lodève"],
                sender_details=["Hôtel de ville", "1 place de l'Hôtel de ville", "34700 Lodève"],
                place="Lodève", date=dt.date(2026, 3, 16), addressee=DGALN,
                objet="Candidature à l'Atelier des territoires Flash", salutation="Madame la sous-directrice,",
                body=[FILLER], closing="Je vous prie d'agréer, Madame la sous-directrice, l'expression de mes "
                                       "salutations distinguées.",
                quality_lines=["Le Maire,"], signatory="Jean-Luc Requi", signed=False)
    return Letter(**{**base, **changes})


LETTERS = {
    # the préfet's letter on an old-style letterhead, the fiche in its P.J. line and its body
    "prefet_old_style": _letter(
        kind="courrier_prefet", layout="sans_logo",
        letterhead=["RÉPUBLIQUE FRANÇAISE", "PRÉFECTURE DE L'HÉRAULT"],
        sender_details=["Direction départementale des territoires et de la mer",
                        "Service planification et aménagement", "Affaire suivie par : Damien Dupuis"],
        place="Montpellier",
        objet="Appel à candidatures Atelier des territoires Flash 2026\nP.J. : 1 fiche de candidature et ses annexes",
        salutation="Madame, Monsieur,",
        body=["J'ai l'honneur de vous transmettre, avec un avis très favorable, la fiche de candidature de la "
              "commune de Lodève, avec l'annexe 1 et l'annexe 2 qui présentent les dynamiques du territoire.",
              "La direction départementale des territoires et de la mer accompagnera la collectivité tout au "
              "long de la démarche, dont elle sera le service de l'État pilote."],
        closing="Je vous prie d'agréer, Madame, Monsieur, l'expression de ma considération distinguée.",
        quality_lines=["Le Préfet de l'Hérault,"], signatory="Pierre-Yves LE GALL"),
    # the maire's letter: "ci-joint la fiche de candidature" and the form's headings in sentences
    "collectivite_cites_fiche": _letter(
        layout="mairie_gauche",
        objet="Atelier des territoires Flash : candidature de Lodève\nP.J. : fiche de candidature ; délibération",
        body=["Je vous prie de trouver ci-joint la fiche de candidature de la commune de Lodève à l'Atelier des "
              "territoires Flash. Vous y trouverez les porteurs de l'atelier, la localisation de l'atelier et "
              "l'objet de l'atelier, ainsi que les ressources de l'atelier que la commune y consacrera.",
              FILLER]),
    # a letter long enough to end on a second page with no letterhead of its own, closing
    # without the usual formula
    "two_pages": _letter(layout="mairie_gauche", body=[FILLER] * 7,
                         closing="Je vous saurais gré de bien vouloir réserver une suite favorable à cette "
                                 "candidature."),
    # a mairie's letterhead under "République française", its maire signing "Maire d'Agde"
    "mairie_republique_francaise": _letter(
        letterhead=["RÉPUBLIQUE FRANÇAISE", "Agde", "5 rue de la République", "34300 AGDE"], sender_details=[],
        place="Agde", body=[NEUTRAL], quality_lines=["Maire d'Agde"], signatory="Françoise Lefèvre"),
    # written to the préfète: the closing's line opens with "Madame la Préfète," above a
    # première adjointe's block
    "to_the_prefete": _letter(
        letterhead=["SAINT-PIERRE"], sender_details=["2 rue Victor Hugo", "97410 Saint-Pierre"],
        place="Saint-Pierre", addressee=["Madame la Préfète de La Réunion", "Place du Barachois",
                                         "97400 Saint-Denis"],
        salutation="Madame la Préfète,", body=[NEUTRAL],
        closing="Restant à votre disposition, je vous prie de croire,\nMadame la Préfète, à l'assurance de mes "
                "sentiments les meilleurs.",
        quality_lines=["Première adjointe"], signatory="Stéphanie Hoarau"),
    # two pages whose first does not tell who writes: the signatory on the second does
    "sender_on_page_two": _letter(
        layout="mairie_gauche", letterhead=["Département de l'Hérault", "Agde"], place="Agde", body=[NEUTRAL] * 8,
        closing="Je vous saurais gré de bien vouloir réserver une suite favorable à cette candidature.",
        quality_lines=["Maire d'Agde"], signatory="Françoise Lefèvre"),
}


@pytest.fixture(scope="module")
def read(tmp_path_factory, engine):
    """Letter name -> its pages as the reader gives them (text layer of the LibreOffice PDF)."""
    from samples.gen.letters import build_letter
    from samples.gen.office import convert

    folder = tmp_path_factory.mktemp("letters")
    documents = [build_letter(letter, folder / f"{name}.docx") for name, letter in LETTERS.items()]
    pdfs = convert(documents, "pdf", folder)
    return {pdf.stem: list(read_pdf(str(pdf), pdf.name, ReadOptions(), engine).pages) for pdf in pdfs}


def _read_sample(path: str, engine) -> list[PageText]:
    return list(read_pdf(str(ROOT / path), Path(path).name, ReadOptions(), engine).pages)


def _spans(name: str, pages: list[PageText]) -> list[tuple[tuple[int, ...], PieceKind]]:
    return [(span.pages, span.kind) for span in split_documents(name, pages)]


def test_the_préfet_letter_citing_the_fiche_on_an_old_style_letterhead_is_the_préfet_s(read):
    pages = read["prefet_old_style"]
    assert len(pages) == 1 and not pages[0].ocr
    assert "fiche de candidature" in pages[0].text
    assert classify_page(pages[0]).kind is PieceKind.COURRIER_PREFET
    assert _spans("prefet.pdf", pages) == [((1,), PieceKind.COURRIER_PREFET)]


def test_a_maire_s_letter_citing_the_fiche_and_its_headings_is_the_collectivité_s(read):
    pages = read["collectivite_cites_fiche"]
    assert len(pages) == 1
    assert "ci-joint la fiche de candidature" in " ".join(pages[0].text.split())
    assert classify_page(pages[0]).kind is PieceKind.COURRIER_COLLECTIVITE


def test_a_two_page_letter_is_one_piece(read):
    pages = read["two_pages"]
    assert len(pages) == 2
    assert "Lodève" not in pages[1].text.splitlines()[0]  # no letterhead on page 2
    assert "Le Maire," in pages[1].text
    assert _spans("lettre.pdf", pages) == [((1, 2), PieceKind.COURRIER_COLLECTIVITE)]


def test_a_real_fiche_is_still_a_fiche_and_its_letters_still_letters(engine):
    fiche = _read_sample("samples/01_pdf_numeriques/input/Fiche_candidature_AtelierFlash_Combourg.pdf", engine)
    assert all(classify_page(p).kind is PieceKind.FICHE for p in fiche)
    assert _spans("fiche.pdf", fiche) == [(tuple(p.number for p in fiche), PieceKind.FICHE)]
    prefet = _read_sample("samples/01_pdf_numeriques/input/2026-03-16_courrier_prefet_35.pdf", engine)
    assert _spans("prefet.pdf", prefet) == [((1,), PieceKind.COURRIER_PREFET)]


def test_a_letter_s_next_page_numbered_2_2_without_the_usual_formula_follows_it(read):
    first = read["prefet_old_style"][0]
    # the préfète's last page: her closing, her quality and name, a copy line, the page number
    second = text_page([(60, [(60, "Je vous saurais gré de bien vouloir réserver une suite favorable à cette")]),
                        (74, [(60, "candidature.")]),
                        (120, [(320, "La Préfète de l'Hérault")]),
                        (180, [(320, "Mme Lucie Lacombe")]),
                        (220, [(60, "Copie : services techniques")]),
                        (800, [(280, "2/2")])], number=2)
    assert _spans("prefet.pdf", [first, second]) == [((1, 2), PieceKind.COURRIER_PREFET)]


def test_a_second_letter_in_the_same_file_is_its_own_piece(read):
    maire = read["collectivite_cites_fiche"][0]
    prefet = dataclasses.replace(read["prefet_old_style"][0], number=2)
    assert _spans("courriers.pdf", [maire, prefet]) == [((1,), PieceKind.COURRIER_COLLECTIVITE),
                                                      ((2,), PieceKind.COURRIER_PREFET)]


def test_a_fiche_after_a_letter_in_the_same_file_is_not_taken_for_its_continuation(read, engine):
    fiche = _read_sample("samples/01_pdf_numeriques/input/Fiche_candidature_AtelierFlash_Combourg.pdf", engine)
    maire = read["collectivite_cites_fiche"][0]
    pages = [maire] + [dataclasses.replace(p, number=p.number + 1) for p in fiche]
    assert _spans("tout.pdf", pages) == [((1,), PieceKind.COURRIER_COLLECTIVITE),
                                         (tuple(range(2, len(fiche) + 2)), PieceKind.FICHE)]


def test_a_mairie_letterhead_under_république_française_is_the_collectivité_s(read):
    pages = read["mairie_republique_francaise"]
    assert pages[0].text.startswith("RÉPUBLIQUE FRANÇAISE")
    assert _spans("lettre.pdf", pages) == [((1,), PieceKind.COURRIER_COLLECTIVITE)]


def test_a_closing_addressed_to_the_préfète_is_not_her_signatory_block(read):
    pages = read["to_the_prefete"]
    assert any(line.startswith("Madame la Préfète, à l'assurance") for line in pages[0].text.splitlines())
    assert _spans("lettre.pdf", pages) == [((1,), PieceKind.COURRIER_COLLECTIVITE)]


def test_a_letter_whose_sender_shows_on_its_last_page_is_one_piece_of_that_sender(read):
    pages = read["sender_on_page_two"]
    assert len(pages) == 2 and "Maire d'Agde" in pages[1].text and "Maire d'Agde" not in pages[0].text
    assert _spans("lettre.pdf", pages) == [((1, 2), PieceKind.COURRIER_COLLECTIVITE)]


def test_a_signed_délibération_after_a_letter_is_not_its_next_page(read):
    letter = read["collectivite_cites_fiche"][0]
    deliberation = text_page([(50, [(120, "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL")]),
                              (80, [(60, "Séance du 3 février 2026. Le conseil municipal, après en avoir délibéré,")]),
                              (94, [(60, "approuve la candidature de la commune à l'Atelier des territoires Flash.")]),
                              (140, [(320, "Le Maire,")]),
                              (200, [(320, "Jean-Luc Requi")])], number=2)
    assert [span.pages for span in split_documents("courrier.pdf", [letter, deliberation])] == [(1,), (2,)]


def _body_page(lines: list[str]) -> PageText:
    return text_page([(100.0 + 18 * i, [(60.0, line)]) for i, line in enumerate(lines)], ocr=True, conf=0.85)


def test_a_prefets_first_page_photographed_without_its_letterhead_is_the_prefets():
    """A phone photo lost the letterhead ("… DE LA RÉUNION" only) and the signatory is on the next
    photo: the body still speaks as the State, of the candidate in the third person."""
    page = _body_page([
        "DE LA RÉUNION", "Madame la sous-directrice", "de l'aménagement durable", "Saint-Denis, le 19 septembre 2026",
        "Objet : Atelier des territoires « Flash » : candidature de la communauté",
        "d'agglomération Intercommunale de la Réunion Est (CIREST)", "Madame la sous-directrice,",
        "Je souhaite vous faire part de mon soutien à la candidature présentée par la",
        "Communauté d'agglomération Intercommunale de la Réunion Est (CIREST)",
        "dans le cadre de l'Atelier des territoires Flash.",
        "La direction départementale des territoires accompagnera la collectivité",
        "tout au long de la démarche et en assurera le pilotage local."])
    assert classify_page(page).kind is PieceKind.COURRIER_PREFET


def test_a_collectivites_letter_naming_the_ddt_beside_it_stays_the_collectivites():
    page = _body_page([
        "Saint-André, le 16 septembre 2026", "Objet : candidature de la CA Intercommunale de la Réunion Est",
        "Madame, Monsieur,", "Par ce courrier, la communauté d'agglomération souhaite vous faire part de son",
        "engagement. Les élus de notre communauté seront pleinement mobilisés, aux côtés de la direction",
        "départementale des territoires, pendant toute la durée de l'atelier.",
        "Par délibération du 14 août 2026, le conseil communautaire a approuvé le principe de cette candidature."])
    assert classify_page(page).kind is PieceKind.COURRIER_COLLECTIVITE


def test_a_maires_letter_whose_letterhead_and_title_ocr_lost_is_still_the_collectivités():
    """A merged scan: the letterhead a logo, the signatory block under a stamp ("aire d'Afa").
    The commune speaks of itself committing to the démarche: a collectivité's letter, not
    "autre" (which would make the dossier lack its letter)."""
    page = _body_page([
        "Madame la Sous-directrice", "de l'aménagement durable", "DGALN — DHUP - AD1", "Afa, le 25 février 2026",
        "Objet : Soutien à la candidature de la commune d'Afa à l'Atelier des territoires Flash",
        "Madame la Sous-directrice,",
        "Par ce courrier, la commune d'Afa souhaite vous faire part de son engagement dans la démarche",
        "« Atelier des territoires Flash » proposée par la Direction générale de l'aménagement.",
        "La commune d'Afa s'engage à participer activement à l'ensemble de la démarche, à mettre à",
        "disposition les locaux nécessaires et à associer les communes voisines concernées.",
        "Je vous prie d'agréer, Madame la sous-directrice, l'expression de mes salutations distinguées.",
        "spastien Orsini", "aire d'Afa d'"])
    assert classify_page(page).kind is PieceKind.COURRIER_COLLECTIVITE


def test_a_short_last_page_photographed_apart_has_its_block_under_the_closing():
    """The second photo of a maire's letter: the closing, the block ("Maire du …,") then the
    name, a copy line and the footer; the block is above the page's last lines."""
    page = _body_page([
        "Dans l'attente d'une suite favorable, je vous prie de recevoir, Madame la Sous-directrice, mes",
        "respectueuses salutations.", "Maire du Val-Saint-Germain,", "ain Touzet", "M. Alain Touzet",
        "Copie : services techniques", "place du Marché - 91530 Le Val Saint Germain",
        "T. 01 80 45 76 72 - Email: dgs@le-val-saint-germain.fr"])
    assert classify_page(page).kind is PieceKind.COURRIER_COLLECTIVITE
