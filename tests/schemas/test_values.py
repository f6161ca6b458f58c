"""Value normalisers on the variants real dossiers and OCR produce."""

from __future__ import annotations

from datetime import date

import pytest

from schemas.values import clean_text, normalise_email, normalise_phone, parse_french_date

# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("12 mars 2026", date(2026, 3, 12)),
    ("12 Mars 2026", date(2026, 3, 12)),
    ("12 MARS 2026", date(2026, 3, 12)),
    ("1er avril 2026", date(2026, 4, 1)),
    ("1 er avril 2026", date(2026, 4, 1)),
    ("1re avril 2026", date(2026, 4, 1)),
    ("premier avril 2026", date(2026, 4, 1)),
    ("ler avril 2026", date(2026, 4, 1)),  # OCR read "1" as "l"
    ("le lundi 2 mars 2026", date(2026, 3, 2)),
    ("Le Mardi 3 Février 2026", date(2026, 2, 3)),
    ("Fait à Vitré, le 12 mars 2026", date(2026, 3, 12)),
    ("Rennes, le 5 janv. 2026", date(2026, 1, 5)),
    ("12 févr. 2026", date(2026, 2, 12)),
    ("3 sept. 2026", date(2026, 9, 3)),
    ("12 fevrier 2026", date(2026, 2, 12)),
    ("15 aout 2026", date(2026, 8, 15)),
    ("15 août 2026", date(2026, 8, 15)),
    ("1 decembre 2026", date(2026, 12, 1)),
    ("12 decernbre 2026", date(2026, 12, 12)),  # "rn" read for "m"
    ("12 novernbre 2026", date(2026, 11, 12)),
    ("12 juiIlet 2026", date(2026, 7, 12)),  # capital I for l
    ("20 Juin 2026", date(2026, 6, 20)),
    ("8 mai 2026", date(2026, 5, 8)),
    ("12/03/2026", date(2026, 3, 12)),
    ("12 / 03 / 2026", date(2026, 3, 12)),
    ("2/3/2026", date(2026, 3, 2)),
    ("12.03.26", date(2026, 3, 12)),
    ("12-03-2026", date(2026, 3, 12)),
    ("2026-03-12", date(2026, 3, 12)),
    ("2026-03-12T10:04:00+01:00", date(2026, 3, 12)),
    ("l2/O3/2026", date(2026, 3, 12)),  # OCR: l for 1, O for 0
    ("I2 mars 2026", date(2026, 3, 12)),
    ("Le 29 février 2028", date(2028, 2, 29)),
    ("Paris, le 2 avril 2026 (reçu le 12/04/2026)", date(2026, 4, 2)),  # the first one
    ("Vu le 05/06/2026, signé le 12 mai 2026", date(2026, 6, 5)),
])
def test_parse_french_date(text: str, expected: date):
    assert parse_french_date(text) == expected


@pytest.mark.parametrize("text", [
    None, "", "mars 2026", "le 12 mars", "31/02/2026", "29 février 2026", "32 mars 2026",
    "12/13/2026", "12 brumaire 2026", "02 99 12 34 56", "Vitré", "12 mai 26",
])
def test_parse_french_date_rejects(text):
    assert parse_french_date(text) is None


# -- e-mail --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("jean.dupont@ille-et-vilaine.gouv.fr", "jean.dupont@ille-et-vilaine.gouv.fr"),
    ("Nolwenn.Le-Bihan@ille-et-vilaine.gouv.fr", "nolwenn.le-bihan@ille-et-vilaine.gouv.fr"),
    ("  K.Jouan@redon.fr  ", "k.jouan@redon.fr"),
    ("mailto:urbanisme@ville-corte.corsica", "urbanisme@ville-corte.corsica"),
    ("MAILTO: dgs@ville-nontron.fr", "dgs@ville-nontron.fr"),
    ("Jean Dupont <Jean.Dupont@Finistere.gouv.fr>", "jean.dupont@finistere.gouv.fr"),
    ("jean.dupont @ ille-et-vilaine.gouv.fr", "jean.dupont@ille-et-vilaine.gouv.fr"),
    ("jean.dupont@ille-et-vilaine . gouv.fr", "jean.dupont@ille-et-vilaine.gouv.fr"),
    ("jean.dupont@ille-et-vilaine,gouv.fr", "jean.dupont@ille-et-vilaine.gouv.fr"),
    ("jean(at)saint-flour.fr", "jean@saint-flour.fr"),
    ("Courriel : l.chassang@saint-flour.fr.", "l.chassang@saint-flour.fr"),
    ("(mairie@gorgesdutarncausses.fr)", "mairie@gorgesdutarncausses.fr"),
    ("jm.grondin@saintjoseph.re", "jm.grondin@saintjoseph.re"),
    ("prenom.nom+atelier@developpement-durable.gouv.fr",
     "prenom.nom+atelier@developpement-durable.gouv.fr"),
])
def test_normalise_email(text: str, expected: str):
    assert normalise_email(text) == expected


@pytest.mark.parametrize("text", [
    None, "", "pas d'adresse", "jean.dupont", "jean@", "@x.fr", "jean@x", "jean@@x.fr",
    "jean..dupont@x.fr", "jean.@x.fr",
    "gaëlle.texier@mairie.fr",  # not an address as written: a reviewer looks
    "a@b.fr; c@d.fr",  # two addresses: a reviewer chooses
])
def test_normalise_email_rejects(text):
    assert normalise_email(text) is None


# -- telephone -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("02 99 12 34 56", "+33299123456"),
    ("02.99.12.34.56", "+33299123456"),
    ("02-99-12-34-56", "+33299123456"),
    ("0299123456", "+33299123456"),
    ("02 99 123 456", "+33299123456"),
    ("+33 2 99 12 34 56", "+33299123456"),
    ("+33 (0)2 99 12 34 56", "+33299123456"),
    ("+33(0)299123456", "+33299123456"),
    ("0033 2 99 12 34 56", "+33299123456"),
    ("Tél. : 02 99 12 34 56", "+33299123456"),
    ("Tél. : 02 99 12 34 56 / 06 12 34 56 78", "+33299123456"),
    ("02 99 12 34 56 - 06 12 34 56 78", "+33299123456"),  # the first of two
    ("Tél : 02 99 12 34 56 - Port. : 06 12 34 56 78", "+33299123456"),
    ("06 12 34 56 78", "+33612345678"),
    ("07 81 23 45 67", "+33781234567"),
    ("01 40 81 21 22", "+33140812122"),
    ("04 95 32 97 10", "+33495329710"),
    # La Réunion
    ("0262 40 26 26", "+262262402626"),
    ("02 62 40 26 26", "+262262402626"),
    ("0692 61 24 87", "+262692612487"),
    ("0693 12 34 56", "+262693123456"),
    ("+262 262 40 26 26", "+262262402626"),
    ("+262 692 61 24 87", "+262692612487"),
    ("+33 6 92 61 24 87", "+262692612487"),  # an overseas mobile written with +33
    # Guadeloupe (and Saint-Martin, Saint-Barthélemy)
    ("0590 99 46 46", "+590590994646"),
    ("0690 42 17 55", "+590690421755"),
    ("+590 590 99 46 46", "+590590994646"),
    # Guyane
    ("0594 29 12 34", "+594594291234"),
    ("0694 12 34 56", "+594694123456"),
    # Martinique
    ("0596 71 12 34", "+596596711234"),
    ("0696 12 34 56", "+596696123456"),
    # Mayotte: +262 since 2007 (+269 is now the Comoros)
    ("0269 61 12 34", "+262269611234"),
    ("0639 69 12 34", "+262639691234"),
])
def test_normalise_phone(text: str, expected: str):
    assert normalise_phone(text) == expected


def test_overseas_prefix_wins_over_the_departement():
    assert normalise_phone("0262 40 26 26", "35") == "+262262402626"
    assert normalise_phone("02 99 12 34 56", "974") == "+33299123456"


def test_departement_places_a_local_number():
    assert normalise_phone("41 23 45", "975") == "+508412345"  # Saint-Pierre-et-Miquelon
    assert normalise_phone("41 23 45") is None


@pytest.mark.parametrize("text", [
    None, "", "abc", "02 99 12 34", "02 99 12 34 56 78 90", "00 00 00 00 00", "12/03/2026",
    "+33 1 23",
])
def test_normalise_phone_rejects(text):
    assert normalise_phone(text) is None


# -- free text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("  Revitalisation   du centre-bourg  ", "Revitalisation du centre-bourg"),
    ("ligne 1\nligne 2\r\n\r\nligne 3\tfin", "ligne 1 ligne 2 ligne 3 fin"),
    ("Pyrénées-\nAtlantiques", "Pyrénées-Atlantiques"),
    ("Pyrénées-  \n  Atlantiques", "Pyrénées-Atlantiques"),
    ("PYRÉNÉES-\nATLANTIQUES", "PYRÉNÉES-ATLANTIQUES"),
    ("Saint-Jean-\nde-Luz", "Saint-Jean-de-Luz"),
    ("Bourg-\nen-Bresse", "Bourg-en-Bresse"),
    ("Île-de-\nFrance", "Île-de-France"),
    ("aménage-\nment", "aménagement"),
    ("l'aména-\ngement du territoire", "l'aménagement du territoire"),
    ("revitali-\nsation", "revitalisation"),
    ("surface de plan-\ncher", "surface de plancher"),
    ("mo-\nde", "mode"),
    ("centre-\nville", "centre-ville"),
    ("centre-\nbourg", "centre-bourg"),
    ("sous-\npréfet", "sous-préfet"),
    ("arrière-\npays", "arrière-pays"),
    ("avant-\nprojet", "avant-projet"),
    ("vice-\nprésidente", "vice-présidente"),
    ("socio-\néconomiques", "socio-économiques"),
    ("peut-\nêtre", "peut-être"),
    ("2025-\n2030", "2025-2030"),
    # the text settles it: a form it writes elsewhere wins
    ("co-construction et co-\nconstruction", "co-construction et co-construction"),
    ("centre-\nville et centreville", "centreville et centreville"),
    ("la revitalisation, la re\u00ad\nvitalisation", "la revitalisation, la revitalisation"),
    ("la re\u00advitalisation", "la revitalisation"),
    ("l'ef\ufb01cacité", "l'efficacité"),
    ("e\u0301tude", "étude"),  # decomposed accent from a PDF
    ("m² de plancher", "m² de plancher"),
    ("objectifs :\n- densifier\n- végétaliser", "objectifs : - densifier - végétaliser"),
    ("fin de ligne -\nsuite", "fin de ligne - suite"),
    ("a\u00a0b\u202fc\u200bd", "a b cd"),
])
def test_clean_text(text: str, expected: str):
    assert clean_text(text) == expected


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t\n", "\u200b"])
def test_clean_text_empty_is_none(text):
    assert clean_text(text) is None


@pytest.mark.parametrize("text, expected", [
    # the edges of a value: marks left of a label, blanks' underscores and dot leaders
    (". François ROBIN", "François ROBIN"),
    ("__ Aurélien PARIS", "Aurélien PARIS"),
    ("! OPAH-RU en cours", "OPAH-RU en cours"),  # a table rule read as "!"
    (": Chef de service", "Chef de service"),
    ("Mairie de Vitré ........", "Mairie de Vitré"),
    ("Maire ___", "Maire"),
    ("- densifier", "densifier"),
    ("salle, restauration…", "salle, restauration…"),  # an ellipsis ends a list
    ("Une friche près de la gare.", "Une friche près de la gare."),
    # check-box glyphs OCR kept in a written answer
    ("Adjoint au chef du ☐ service", "Adjoint au chef du service"),
    ("☒ Cheffe de l'unité", "Cheffe de l'unité"),
    # a word cut at a line end, the break already made a space
    ("Saint- Pierre", "Saint-Pierre"),
    ("DDTM de la Haute- Corse", "DDTM de la Haute-Corse"),
    ("Saint-Jean- de-Luz", "Saint-Jean-de-Luz"),
    ("centre- ville", "centre-ville"),
    ("l'aména- gement du bourg", "l'aménagement du bourg"),
    ("2025- 2030", "2025-2030"),
    # a dash between spaces, and a suspended prefix, are as written
    ("Jean - Pierre", "Jean - Pierre"),
    ("pré- et post-opératoire", "pré- et post-opératoire"),
])
def test_clean_text_value_edges(text: str, expected: str):
    assert clean_text(text) == expected


# -- phones the allocation tables do not know yet, and addresses against their owner -------------


@pytest.mark.parametrize(("text", "expected"), [
    ("05 96 26 44 01", "+596596264401"),   # Martinique fixed line outside the library's ranges
    ("0590 75 25 17", "+590590752517"),
])
def test_well_formed_national_numbers_are_kept(text, expected):
    assert normalise_phone(text) == expected


def test_overseas_mobile_in_a_metropolitan_dossier_is_for_review():
    from extractors.model import FieldStatus, FieldValue
    from schemas.cog import Cog
    from schemas.normalise import normalise_fields

    def read(text):
        return FieldValue(text, 1.0, None, FieldStatus.EXTRACTED)
    cog = Cog.load()
    raw = {"s2.departement": read("Hérault"),
           "s1.collectivite.contact_telephone": read("06 97 27 53 17"),
           "s1.etat.referent_telephone": read("04 67 12 34 56")}
    out = normalise_fields(raw, cog)
    assert out["s1.collectivite.contact_telephone"].status.value == "needs_review"
    assert out["s1.etat.referent_telephone"].status.value == "extracted"
    raw["s2.departement"] = read("Martinique")
    assert normalise_fields(raw, cog)["s1.collectivite.contact_telephone"].status.value == "extracted"


@pytest.mark.parametrize(("address", "name", "misspelt"), [
    ("rouxel.brigite@pas-de-calais.gouv.fr", "Brigitte Rouxel", True),
    ("gmailard@mairie-x.fr", "Gaëtan MAILLARD", True),
    ("rouxel.brigitte@pas-de-calais.gouv.fr", "Brigitte Rouxel", False),
    ("gmaillard@mairie-x.fr", "Gaëtan MAILLARD", False),
    ("jp.fontaine@x.fr", "Jean-Pierre Fontaine", False),
    ("techer.ghislaine@deal-reunion.gouv.fr", "Ghislaine Técher", False),
    ("mairie@x.fr", "Marie Dupont", False),
    ("urbanisme@x.fr", "Anne Durand", False),
])
def test_email_misspells_its_owner(address, name, misspelt):
    from schemas.values import email_misspells_name
    assert email_misspells_name(address, name) is misspelt


@pytest.mark.parametrize(("first", "second", "alike"), [
    ("BENHAMOU Odi", "Odile BENHAMOU", True),          # a name cut short
    ("Noémie Rigaud Mae", "Noémie Rigaud", True),       # a word too many
    ("Aurore Marie-Sainte", "Auroré Marie-Sainte", True),
    ("Aurore Marie-Sainte", "Aurore MARIE-SAINTE", False),  # the same name
    ("Fatima GUÉRIN", "GUERIN Fatima", False),          # capitals drop their accents
    ("Jean Dupont", "Paul Martin", False),              # two people
])
def test_names_nearly_equal(first, second, alike):
    from schemas.values import names_nearly_equal
    assert names_nearly_equal(first, second) is alike


def test_elu_and_signatory_spelt_alike_both_go_to_review():
    from extractors.model import FieldStatus, FieldValue
    from schemas.cog import Cog
    from schemas.normalise import normalise_fields

    def read(text):
        return FieldValue(text, 1.0, None, FieldStatus.EXTRACTED)
    cog = Cog.load()
    out = normalise_fields({"s1.collectivite.elu_nom": read("BENHAMOU Odi"),
                            "courrier_collectivite.signataire_nom": read("Odile BENHAMOU")}, cog)
    assert {out[f].status for f in out} == {FieldStatus.NEEDS_REVIEW}
    out = normalise_fields({"s1.collectivite.elu_nom": read("BENHAMOU Odile"),
                            "courrier_collectivite.signataire_nom": read("Odile BENHAMOU"),
                            "s1.collectivite.contact_nom": read("Brigitte Rouxel"),
                            "s1.collectivite.contact_email": read("rouxel.brigite@mairie-x.fr")}, cog)
    assert out["s1.collectivite.elu_nom"].status is FieldStatus.EXTRACTED
    assert out["courrier_collectivite.signataire_nom"].status is FieldStatus.EXTRACTED
    assert out["s1.collectivite.contact_email"].status is FieldStatus.NEEDS_REVIEW
    assert out["s1.collectivite.contact_nom"].status is FieldStatus.NEEDS_REVIEW


def test_a_state_referent_writing_from_outside_gouv_fr_goes_to_review():
    from extractors.model import FieldStatus, FieldValue
    from schemas.cog import Cog
    from schemas.normalise import normalise_fields

    cog = Cog.load()
    for address, status in (("franck.moreau@nievre.gouv.fr", FieldStatus.EXTRACTED),
                            ("a.roux@developpement-durable.gouv.fr", FieldStatus.EXTRACTED),
                            ("franckmoreau@niev.re", FieldStatus.NEEDS_REVIEW),
                            ("f.moreau@nievre.fr", FieldStatus.NEEDS_REVIEW)):
        out = normalise_fields({"s1.etat.referent_email": FieldValue(address, 1.0, None, FieldStatus.EXTRACTED)}, cog)
        assert out["s1.etat.referent_email"].status is status, address


def test_an_ocr_address_that_is_its_owners_surname_alone_goes_to_review():
    """OCR drops an initial and its dot as specks ("l.luciani@" read "luciani@"), or the dot
    alone ("f.lacombe@" read "flacombe@"): a bare-name address, or an initial glued to the
    name, read by OCR is for a reviewer; every other way the maker's people write theirs
    stays sure."""
    import random

    from extractors.model import FieldStatus, FieldValue
    from samples.unseen.maker.people import ascii_slug, person
    from schemas.cog import Cog
    from schemas.normalise import normalise_fields

    cog, rng = Cog.load(), random.Random(11)
    for _ in range(12):
        someone = person(rng)
        for style in range(4):
            address = someone.email("haute-corse.gouv.fr", style)
            out = normalise_fields({"s1.etat.referent_nom": FieldValue(someone.name(style), 0.95, None,
                                                                        FieldStatus.EXTRACTED),
                                    "s1.etat.referent_email": FieldValue(address, 0.85, None, FieldStatus.EXTRACTED)},
                                   cog)
            glued = style == 2  # "flacombe@": maybe "f.lacombe@" with its dot lost (1 in 7 on scans)
            assert out["s1.etat.referent_email"].status is \
                (FieldStatus.NEEDS_REVIEW if glued else FieldStatus.EXTRACTED), address
        dropped = f"{ascii_slug(someone.last, '')}@haute-corse.gouv.fr"  # "l." lost
        read = {"s1.etat.referent_nom": FieldValue(someone.name(), 0.95, None, FieldStatus.EXTRACTED)}
        out = normalise_fields(read | {"s1.etat.referent_email": FieldValue(dropped, 0.85, None,
                                                                            FieldStatus.EXTRACTED)}, cog)
        assert out["s1.etat.referent_email"].status is FieldStatus.NEEDS_REVIEW, dropped
        out = normalise_fields(read | {"s1.etat.referent_email": FieldValue(dropped, 1.0, None,
                                                                            FieldStatus.EXTRACTED)}, cog)
        assert out["s1.etat.referent_email"].status is FieldStatus.EXTRACTED  # typed so in a text layer


@pytest.mark.parametrize("field_id", ["courrier_prefet.signataire_nom", "s1.collectivite.elu_nom",
                                      "s1.collectivite.contact_email"])
def test_names_and_addresses_need_more_confidence_than_other_values(field_id):
    """One letter misread ("Paséale FERRAND") makes a name wrong: below IDENTITY_REVIEW_BELOW a
    name or an address is for a reviewer, where another value of that confidence is trusted."""
    from extractors.model import FieldStatus, FieldValue
    from schemas.cog import Cog
    from schemas.normalise import IDENTITY_REVIEW_BELOW, REVIEW_BELOW, normalise_fields

    cog = Cog.load()
    value = "p.ferrand@mairie-x.fr" if field_id.endswith("email") else "Pascale FERRAND"
    middle = round((REVIEW_BELOW + IDENTITY_REVIEW_BELOW) / 2, 3)
    out = normalise_fields({field_id: FieldValue(value, middle, None, FieldStatus.EXTRACTED),
                            "s3.intitule": FieldValue("Reconvertir la friche", middle, None, FieldStatus.EXTRACTED)},
                           cog)
    assert out[field_id].status is FieldStatus.NEEDS_REVIEW
    assert out["s3.intitule"].status is FieldStatus.EXTRACTED
    out = normalise_fields({field_id: FieldValue(value, IDENTITY_REVIEW_BELOW, None, FieldStatus.EXTRACTED)}, cog)
    assert out[field_id].status is FieldStatus.EXTRACTED
