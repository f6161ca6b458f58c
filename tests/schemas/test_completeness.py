"""Completeness rules: every reason code, the open cases of the domain page, uncertain readings."""

from __future__ import annotations

import itertools
import random

import pytest

from extractors.fields import nlp
from extractors.model import FieldStatus, FieldValue
from extractors.vocabulary import FIELD_IDS, SECTIONS
from schemas.completeness import MESSAGES, RULE_FIELDS, DossierView, assess_completeness
from schemas.normalise import normalise_fields

PIECES = {"fiche": True, "courrier_collectivite": True, "courrier_prefet": True}
VALUES = {
    "fiche.date": "2026-03-12", "fiche.lieu": "Combourg",
    "s1.etat.service": "DDTM d'Ille-et-Vilaine", "s1.collectivite.nom": "Commune de Combourg",
    "s1.collectivite.type": "commune",
    "s2.communes": [{"nom": "Combourg", "code_insee": "35085"}],
    "s2.epci": {"nom": "Communauté de communes Bretagne Romantique", "siren": "243500733"},
    "s2.departement": "35", "s2.region": "53", "s2.echelle": "communale",
    "s3.intitule": "Combourg 2035", "s4.objectifs": "Partager un diagnostic", "s5.documents": "PLUi",
    "a1.dynamiques_territoire": "Démographie", "a2.dynamiques_amenagement": "PLUi",
    "courrier_collectivite.signataire_nom": "Joël Le Besco", "courrier_collectivite.signataire_qualite": "maire",
    "courrier_collectivite.collectivite": "Commune de Combourg", "courrier_collectivite.date": "2026-03-05",
    "courrier_collectivite.signe": True,
    "courrier_prefet.signataire_nom": "Étienne Marchal", "courrier_prefet.signataire_qualite": "prefet",
    "courrier_prefet.departement": "35", "courrier_prefet.date": "2026-03-16", "courrier_prefet.signe": True,
    "courrier_prefet.destinataire_dgaln": True,
}


def dossier(pieces=None, status=None, **changes) -> DossierView:
    """The Combourg dossier, complete; `changes` use "__" for "." in field ids (None: unanswered)."""
    values = {**VALUES, **{k.replace("__", "."): v for k, v in changes.items()}}
    fields = {}
    for fid in FIELD_IDS:
        value = values.get(fid)
        state = (status or {}).get(fid, "missing" if value is None else "extracted")
        fields[fid] = {"value": value, "confidence": 1.0 if state == "extracted" else 0.5, "source": None,
                       "status": state}
    return DossierView(pieces={**PIECES, **(pieces or {})}, fields=fields)


def reasons(view: DossierView, cog) -> list[tuple[str, str | None]]:
    verdict = assess_completeness(view, cog)
    assert verdict.complete == (not verdict.reasons)
    return [(r.code, r.detail) for r in verdict.reasons]


def test_the_nominal_dossier_is_complete(cog):
    verdict = assess_completeness(dossier(), cog)
    assert verdict.complete and verdict.reasons == () and verdict.pieces == PIECES


def test_every_reason_has_its_french_message(cog):
    view = dossier(pieces={"fiche": False}, courrier_prefet__signe=False)
    for reason in assess_completeness(view, cog).reasons:
        assert reason.message.startswith(MESSAGES[reason.code])


# -- pieces and sections -------------------------------------------------------------------------

def test_fiche_absente_without_section_reasons(cog):
    fiche_ids = [f for ids in SECTIONS.values() for f in ids if not f.startswith("courrier")]
    view = dossier(pieces={"fiche": False}, **{f.replace(".", "__"): None for f in fiche_ids})
    assert reasons(view, cog) == [("FICHE_ABSENTE", None)]


def test_without_a_fiche_the_two_letters_are_still_compared(cog):
    fiche_ids = [f for ids in SECTIONS.values() for f in ids if not f.startswith("courrier")]
    empty = {f.replace(".", "__"): None for f in fiche_ids}
    view = dossier(pieces={"fiche": False}, courrier_prefet__departement="29", **empty)
    assert reasons(view, cog) == [("FICHE_ABSENTE", None), ("TERRITOIRE_INCOHERENT", None)]


def test_one_section_vide_per_empty_section_with_its_id(cog):
    view = dossier(s5__documents=None, a2__dynamiques_amenagement=None)
    assert reasons(view, cog) == [("SECTION_VIDE", "s5"), ("SECTION_VIDE", "a2")]
    message = assess_completeness(view, cog).reasons[0].message
    assert "Section 5" in message and "(s5)" in message


def test_the_title_block_belongs_to_no_section(cog):
    assert reasons(dossier(fiche__date=None, fiche__lieu=None), cog) == []


@pytest.mark.parametrize("piece, code", [("courrier_collectivite", "COURRIER_COLLECTIVITE_ABSENT"),
                                         ("courrier_prefet", "COURRIER_PREFET_ABSENT")])
def test_an_absent_letter(cog, piece, code):
    ids = [f for f in FIELD_IDS if f.startswith(piece)]
    view = dossier(pieces={piece: False}, **{f.replace(".", "__"): None for f in ids})
    assert reasons(view, cog) == [(code, None)]


@pytest.mark.parametrize("piece, other", [("courrier_collectivite", "courrier_prefet"),
                                          ("courrier_prefet", "courrier_collectivite")])
def test_a_letter_not_found_beside_two_letters_of_the_other_kind_is_for_a_reviewer(cog, piece, other):
    """A maire's letter on a scan read as a préfet's: the dossier holds two préfet letters and no
    maire's; one of the two may be it, so the absence is a review, never a sure reason."""
    ids = [f for f in FIELD_IDS if f.startswith(piece)]
    view = dossier(pieces={piece: False}, **{f.replace(".", "__"): None for f in ids})
    doubled = DossierView(pieces=view.pieces, fields=view.fields, doubled=(other,))
    [reason] = assess_completeness(doubled, cog).reasons
    assert (reason.code, reason.detail) == ("VERIFICATION_REQUISE", piece)
    assert "plusieurs pièces" in reason.message
    # the same kind twice is not a reason to doubt the other's absence... of itself
    same = DossierView(pieces=view.pieces, fields=view.fields, doubled=(piece,))
    assert reasons(same, cog) == [(f"{piece.upper()}_ABSENT", None)]


# -- letters -------------------------------------------------------------------------------------

@pytest.mark.parametrize("piece", ["courrier_collectivite", "courrier_prefet"])
def test_an_unsigned_letter(cog, piece):
    assert reasons(dossier(**{f"{piece}__signe": False}), cog) == [(f"{piece.upper()}_NON_SIGNE", None)]


def test_a_letter_addressed_to_the_anct(cog):
    assert reasons(dossier(courrier_prefet__destinataire_dgaln=False), cog) == [("COURRIER_PREFET_DESTINATAIRE", None)]


@pytest.mark.parametrize("changes", [
    {"courrier_prefet__signataire_qualite": "autre"},  # "P/le préfet et par délégation, le secrétaire général"
    {"courrier_collectivite__signataire_qualite": "autre"},  # an adjoint au maire
    {"courrier_collectivite__signataire_qualite": "autre", "courrier_prefet__signataire_qualite": "autre"},
])
def test_signataire_non_habilite_once_for_the_dossier(cog, changes):
    view = dossier(**changes)
    assert reasons(view, cog) == [("SIGNATAIRE_NON_HABILITE", None)]
    assert "Autre" in assess_completeness(view, cog).reasons[0].message


@pytest.mark.parametrize("changes", [
    {"courrier_prefet__signataire_qualite": "sous_prefet"},
    {"courrier_collectivite__signataire_qualite": "president_epci"},
])
def test_habilitated_signatories(cog, changes):
    assert reasons(dossier(**changes), cog) == []


# -- territory -----------------------------------------------------------------------------------

def test_the_prefet_of_another_departement(cog):
    view = dossier(courrier_prefet__departement="56")
    assert reasons(view, cog) == [("TERRITOIRE_INCOHERENT", None)]
    assert "56" in assess_completeness(view, cog).reasons[0].message


def test_a_letter_from_another_commune(cog):
    assert reasons(dossier(courrier_collectivite__collectivite="Commune de Tinténiac"), cog) == \
        [("TERRITOIRE_INCOHERENT", None)]


def test_communes_outside_the_epci_named(cog):
    view = dossier(s2__communes=[{"nom": "Combourg", "code_insee": "35085"}, {"nom": "Vitré", "code_insee": "35360"}])
    assert reasons(view, cog) == [("TERRITOIRE_INCOHERENT", None)]


@pytest.mark.parametrize("letter", ["Ville de Combourg", "COMMUNE DE COMBOURG", "Communauté de communes Bretagne Romantique"])
def test_the_porteuse_or_its_epci_may_write(cog, letter):
    assert reasons(dossier(courrier_collectivite__collectivite=letter), cog) == []


def test_a_member_commune_may_write_for_the_epci_porteuse(cog):
    view = dossier(s1__collectivite__nom="Communauté de communes Bretagne Romantique", s1__collectivite__type="epci",
                   courrier_collectivite__collectivite="Commune de Tinténiac",
                   courrier_collectivite__signataire_qualite="maire")
    assert reasons(view, cog) == []


SAINT_PIERRE = dict(s1__collectivite__nom="Commune de Saint-Pierre", s2__departement="974", s2__region="04",
                    s2__communes=[{"nom": "Saint-Pierre", "code_insee": "97416"}], s2__epci=None,
                    courrier_prefet__departement="974")


def test_the_letters_collectivite_is_compared_by_codes_not_names(cog):
    # "Ville du Lorrain" and "Commune de Le Lorrain" share no spelling but are one commune.
    lorrain = dict(s1__collectivite__nom="Commune de Le Lorrain", s2__departement="972", s2__region="02",
                   s2__communes=[{"nom": "Le Lorrain", "code_insee": "97214"}], s2__epci=None,
                   courrier_prefet__departement="972")
    assert reasons(dossier(courrier_collectivite__collectivite="Ville du Lorrain", **lorrain), cog) == []
    # Nine communes are called Saint-Pierre: the dossier's own département says which one writes.
    assert reasons(dossier(courrier_collectivite__collectivite="Ville de Saint-Pierre", **SAINT_PIERRE), cog) == []


def test_an_epci_writing_from_its_seats_town_hall_is_coherent_with_a_member_porteuse(cog):
    view = dossier(s1__collectivite__nom="Commune de Forbach", s2__departement="57", s2__region="44",
                   s2__communes=[{"nom": "Forbach", "code_insee": "57227"}], s2__epci=None,
                   courrier_prefet__departement="57",
                   courrier_collectivite__collectivite="Communauté d'agglomération Forbach Porte de France",
                   courrier_collectivite__signataire_qualite="president_epci")
    assert reasons(view, cog) == []
    elsewhere = dossier(**{**dict(s1__collectivite__nom="Commune de Sarreguemines", s2__departement="57",
                                  s2__region="44", s2__communes=[{"nom": "Sarreguemines", "code_insee": "57631"}],
                                  s2__epci=None, courrier_prefet__departement="57"),
                           "courrier_collectivite__collectivite": "Communauté d'agglomération Forbach Porte de France",
                           "courrier_collectivite__signataire_qualite": "president_epci"})
    assert reasons(elsewhere, cog) == [("TERRITOIRE_INCOHERENT", None)]


def test_a_collectivite_the_cog_does_not_know_is_for_a_reviewer(cog):
    view = dossier(courrier_collectivite__collectivite="Syndicat mixte du Pays Imaginaire")
    assert reasons(view, cog) == [("VERIFICATION_REQUISE", "courrier_collectivite.collectivite")]


# -- communes ------------------------------------------------------------------------------------

def test_a_commune_deleguee_names_its_commune_nouvelle_and_is_not_also_incoherent(cog):
    view = dossier(s1__collectivite__nom="Commune de Gorges du Tarn Causses",
                   s2__communes=[{"nom": "Sainte-Enimie", "code_insee": None}],
                   s2__epci={"nom": "CC Gorges Causses Cévennes", "siren": "200069151"}, s2__departement="48",
                   courrier_collectivite__collectivite="Commune de Gorges du Tarn Causses",
                   courrier_prefet__departement="48")
    assert reasons(view, cog) == [("COMMUNE_INCONNUE", None)]
    assert "Gorges du Tarn Causses" in assess_completeness(view, cog).reasons[0].message


def test_a_commune_read_for_sure_and_nowhere_in_the_cog(cog):
    view = dossier(s2__communes=[{"nom": "Combourg", "code_insee": "35085"}, {"nom": "Saint-Nulle-Part", "code_insee": None}],
                   status={"s2.communes": "needs_review"})
    view.fields["s2.communes"]["confidence"] = 1.0  # a text layer: the name is as written
    assert ("COMMUNE_INCONNUE", None) in reasons(view, cog)


def test_an_uncertain_commune_reading_is_for_a_reviewer_not_unknown(cog):
    view = dossier(s2__communes=[{"nom": "Cornbourg", "code_insee": "35085"}], status={"s2.communes": "needs_review"})
    assert reasons(view, cog) == [("VERIFICATION_REQUISE", "s2.communes")]


# -- uncertain readings --------------------------------------------------------------------------

def test_an_uncertain_signature_asks_for_verification_not_a_guess(cog):
    view = dossier(courrier_collectivite__signe=None, status={"courrier_collectivite.signe": "needs_review"})
    assert reasons(view, cog) == [("VERIFICATION_REQUISE", "courrier_collectivite.signe")]


def test_a_reviewers_correction_clears_verification(cog):
    view = dossier(courrier_collectivite__signe=True, status={"courrier_collectivite.signe": "corrected"})
    assert reasons(view, cog) == []
    corrected_false = dossier(courrier_collectivite__signe=False, status={"courrier_collectivite.signe": "corrected"})
    assert reasons(corrected_false, cog) == [("COURRIER_COLLECTIVITE_NON_SIGNE", None)]


def test_a_present_letter_whose_quality_was_not_read_is_for_a_reviewer(cog):
    view = dossier(courrier_collectivite__signataire_qualite=None)
    assert reasons(view, cog) == [("VERIFICATION_REQUISE", "courrier_collectivite.signataire_qualite")]


def test_a_section_answered_only_uncertainly_is_verified_not_empty(cog):
    view = dossier(s5__documents="PLU", status={"s5.documents": "needs_review"})
    assert reasons(view, cog) == [("VERIFICATION_REQUISE", "s5.documents")]


FAX_ANNEX = ("L'Ajoupa-Bouillan campte 1 682 habitants ; la population est vieillissante. Le tissu économique "
             "repose sur quelques PME industrielles et l'agriculture. Le marché immobilier est tendu.")
GARBLED_PROMPT = ("Présentez de mamère synthétque les dynamiqes à l'œuvre sur le terntoire concemé : démographie, "
                  "économie et emploi, habtat, servces et équipements, environnement et paysages.")


@pytest.mark.skipif(not nlp.available(), reason="the French model is not installed")
def test_a_long_answer_read_with_slips_answers_its_section_and_the_forms_prompt_does_not(cog):
    view = dossier(a1__dynamiques_territoire=FAX_ANNEX, status={"a1.dynamiques_territoire": "needs_review"})
    assert reasons(view, cog) == []
    view = dossier(a1__dynamiques_territoire=GARBLED_PROMPT, status={"a1.dynamiques_territoire": "needs_review"})
    assert reasons(view, cog) == [("VERIFICATION_REQUISE", "a1.dynamiques_territoire")]


@pytest.mark.parametrize("field_id", RULE_FIELDS)
def test_never_complete_when_a_field_a_rule_reads_is_uncertain(cog, field_id):
    # the letter's collectivité read with a slip: it names the porteuse only nearly (see below)
    slipped = {"courrier_collectivite__collectivite": "Commune de Combour"} \
        if field_id == "courrier_collectivite.collectivite" else {}
    view = dossier(status={field_id: "needs_review"}, **slipped)
    got = reasons(view, cog)
    assert not assess_completeness(view, cog).complete
    assert ("VERIFICATION_REQUISE", field_id) in got


@pytest.mark.parametrize(("letter", "quality", "quality_status", "vouched"), [
    ("Combourg", "maire", "extracted", True),  # the town alone (its letterhead unread), its maire signing
    ("Commune de Combourg", "maire", "extracted", True),
    ("Combour", "maire", "extracted", False),  # a slip: only nearly the porteuse
    ("Combourg", "president_epci", "extracted", False),  # a président does not head a commune
    ("Combourg", "maire", "needs_review", False),  # the quality unsure too
    ("Dingé", "maire", "extracted", False),  # another commune (of the EPCI): for a reviewer
])
def test_a_letters_collectivite_in_review_that_names_exactly_the_porteuse_its_head_signing_decides(
        cog, letter, quality, quality_status, vouched):
    """How the letter designates itself is doubted, not for whom it speaks: the verdict needs only the latter."""
    view = dossier(courrier_collectivite__collectivite=letter, courrier_collectivite__signataire_qualite=quality,
                   status={"courrier_collectivite.collectivite": "needs_review",
                           "courrier_collectivite.signataire_qualite": quality_status})
    got = reasons(view, cog)
    assert (("VERIFICATION_REQUISE", "courrier_collectivite.collectivite") in got) is not vouched
    if vouched:
        assert got == [] and assess_completeness(view, cog).complete


def test_never_complete_on_a_low_confidence_reading_whatever_the_values(cog):
    """Property: random dossiers where a field the rules read is in review are never complete."""
    rng = random.Random(7)
    variants = {
        "courrier_collectivite.signe": [True, False, None], "courrier_prefet.signe": [True, False, None],
        "courrier_prefet.destinataire_dgaln": [True, False, None],
        "courrier_prefet.signataire_qualite": ["prefet", "sous_prefet", "autre", None],
        "courrier_collectivite.signataire_qualite": ["maire", "president_epci", "autre", None],
        "courrier_prefet.departement": ["35", "56", "2A", None],
        "courrier_collectivite.collectivite": ["Commune de Combourg", "Ville de Dinan", None],
    }
    for _ in range(300):
        values = {fid: rng.choice(options) for fid, options in variants.items()}
        doubtful = rng.sample(RULE_FIELDS, rng.randint(1, 3))
        status = {fid: "needs_review" for fid in doubtful}
        view = dossier(status=status, **{k.replace(".", "__"): v for k, v in values.items()})
        assert not assess_completeness(view, cog).complete, (values, doubtful)


def test_low_confidence_values_become_needs_review_then_verification(cog):
    written = {**VALUES, "s2.communes": "Combourg", "s2.epci": "Communauté de communes Bretagne Romantique"}
    raw = {fid: FieldValue(value, 0.95, None, FieldStatus.EXTRACTED) for fid, value in written.items()}
    raw["courrier_prefet.signe"] = FieldValue(True, 0.55, None, FieldStatus.EXTRACTED)  # a faint signature
    fields = {fid: {"value": v.value, "confidence": v.confidence, "source": None, "status": v.status.value}
              for fid, v in normalise_fields(raw, cog).items()}
    view = DossierView(pieces=PIECES, fields=fields)
    assert reasons(view, cog) == [("VERIFICATION_REQUISE", "courrier_prefet.signe")]


def test_uncertain_fields_no_rule_reads_do_not_block(cog):
    view = dossier(status={"s1.etat.service": "needs_review", "courrier_prefet.date": "needs_review"})
    assert reasons(view, cog) == []


@pytest.mark.parametrize("signe, quality", list(itertools.product([True, False], ["maire", "autre"])))
def test_letter_defects_add_up(cog, signe, quality):
    got = reasons(dossier(courrier_collectivite__signe=signe, courrier_collectivite__signataire_qualite=quality), cog)
    expected = ([("COURRIER_COLLECTIVITE_NON_SIGNE", None)] if not signe else []) + \
        ([("SIGNATAIRE_NON_HABILITE", None)] if quality == "autre" else [])
    assert got == expected


def assessed_as_read(cog, **written) -> list[tuple[str, str | None]]:
    """The Combourg dossier as the extractors hand it over (raw texts), normalised, then assessed."""
    values = {**VALUES, "s2.communes": "Combourg", "s2.epci": "Communauté de communes Bretagne Romantique",
              **{k.replace("__", "."): v for k, v in written.items()}}
    raw = {fid: FieldValue(value, 0.95, None, FieldStatus.EXTRACTED) for fid, value in values.items()}
    fields = {fid: {"value": v.value, "confidence": v.confidence, "source": None, "status": v.status.value}
              for fid, v in normalise_fields(raw, cog).items()}
    return reasons(DossierView(pieces=PIECES, fields=fields), cog)


@pytest.mark.parametrize("communes", [
    "Combourg (code INSEE 35085)", "Combourg — code INSEE 35085", "Combourg (35085)", "Combourg 35270",
    "Combourg ; Tinténiac", "Combourg et Tinténiac", "Combourg / Tinténiac", "• Combourg\n• Tinténiac",
    "Combourg Tinténiac", "35085",
])
def test_communes_written_with_codes_or_in_lists_raise_no_false_alarm(cog, communes):
    assert assessed_as_read(cog, s2__communes=communes) == []


def test_a_code_that_contradicts_its_commune_is_for_a_reviewer_not_an_unknown_commune(cog):
    assert assessed_as_read(cog, s2__communes="Combourg (code INSEE 35360)") == \
        [("VERIFICATION_REQUISE", "s2.communes")]


@pytest.mark.parametrize("letter", ["Mairie de Combourg", "Hôtel de Ville de Combourg", "Combourg",
                                    "CC Bretagne Romantique"])
def test_the_letters_collectivite_however_written_is_the_porteuse_or_its_epci(cog, letter):
    assert assessed_as_read(cog, courrier_collectivite__collectivite=letter) == []


def test_a_garbled_letterhead_is_for_a_reviewer_unless_it_is_the_porteuses_name(cog):
    assert assessed_as_read(cog, courrier_collectivite__collectivite="Ville de Hôtel de ville -Lodève") == \
        [("VERIFICATION_REQUISE", "courrier_collectivite.collectivite")]
    assert assessed_as_read(cog, courrier_collectivite__collectivite="Ville de Hôtel de ville -Combourg") == []


@pytest.mark.skipif(not nlp.available(), reason="the French model is not installed")
def test_short_answers_read_with_slips_answer_their_section_together(cog):
    """Three short answers of a photo, none long enough alone, together plainly answer s5."""
    answers = {"s5__documents": "Étude de revitalisation (2024), étude de moblé imercommunaie, SCoT approuvé",
               "s5__acteurs": "L'EPF, la chambre de commerce les associations dhabtants les basieurs s0Gaux",
               "s5__moyens": "Prise en charge des repas des journées d'ateler. Saïe du duconsel municipal"}
    doubted = {f"s5.{name}": "needs_review" for name in ("documents", "acteurs", "moyens")}
    assert reasons(dossier(status=doubted, **answers), cog) == []
    # one of them alone is not enough to say the section is answered
    alone = dossier(status=doubted, s5__documents=answers["s5__documents"], s5__acteurs="EPF", s5__moyens="Salle")
    assert ("VERIFICATION_REQUISE", "s5.documents") in reasons(alone, cog)


@pytest.mark.skipif(not nlp.available(), reason="the French model is not installed")
def test_a_short_answer_read_with_slips_answers_its_section_when_its_words_are_mostly_french(cog):
    """An annex of two short sentences on a fax, two of its words misread: the porteur's own
    French words are most of it, and the annex is answered; a reviewer checks only its words.
    Scraps whose words are mostly no French word answer nothing."""
    fax = "Le PLU ést en révision. Le réaménagernent de la garé est programmé. Aucun autre dispositif n'est engagé."
    view = dossier(a2__dynamiques_amenagement=fax, status={"a2.dynamiques_amenagement": "needs_review"})
    assert reasons(view, cog) == []
    scraps = "Pnrsla grnde étude dvlpmnt trrtre cmmnl autre dispositif engagé marché"
    view = dossier(a2__dynamiques_amenagement=scraps, status={"a2.dynamiques_amenagement": "needs_review"})
    assert reasons(view, cog) == [("VERIFICATION_REQUISE", "a2.dynamiques_amenagement")]


def test_a_section_whose_doubtful_answers_each_hold_words_of_their_own_is_answered(cog):
    """A photo's section 1 read with slips in every cell: whatever each says, the section is not
    empty, and only its values are for a reviewer (the rules that read them still ask). Label
    words read into the cells, even misread, answer nothing."""
    doubted = {f: "needs_review" for f in ("s1.etat.service", "s1.etat.referent_nom", "s1.etat.referent_fonction",
                                           "s1.etat.referent_email")}
    view = dossier(status={**doubted, "s1.collectivite.nom": "missing"}, s1__etat__service="ptote DEAL de La Réunion",
                   s1__etat__referent_nom="Ghisiaine Técher", s1__etat__referent_fonction="Chargée de mnsaon",
                   s1__etat__referent_email="techer ghuslane deal gouv", s1__collectivite__nom=None,
                   s1__collectivite__type=None)
    assert not [r for r in reasons(view, cog) if r[1] and r[1].startswith("s1.etat")]
    labels = dossier(status={**doubted, "s1.collectivite.nom": "missing"}, s1__etat__service="Servce de l'État",
                     s1__etat__referent_nom="Nom et prenom du", s1__etat__referent_fonction="Foncbon",
                     s1__etat__referent_email="Couriel", s1__collectivite__nom=None,
                     s1__collectivite__type=None)
    assert ("VERIFICATION_REQUISE", "s1.etat.referent_nom") in reasons(labels, cog)
