"""Assembly across messages: a later message bringing a missing piece of the same collectivité.

The messages carry the digital pieces of two sample dossiers (Combourg, 35; Saint-Gaudens,
31); none is a reply to another, and their subjects differ, so only the collectivité can
bring them together.
"""

from __future__ import annotations

from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from sqlalchemy import select

from schemas.territoire import Entity
from schemas.values import fold
from tests.conftest import ROOT, load_json, run_guichet
from tests.contract import validate_export
from worker.core import pipeline
from worker.core.assembly import mentions
from worker.core.context import make_context
from worker.core.export import export_dossier
from worker.core.intake import intake_message
from worker.instruction import review_queue
from worker.persistence.db import Event

COMBOURG = ROOT / "samples" / "01_pdf_numeriques" / "input"
SAINT_GAUDENS = ROOT / "samples" / "13_signataire_non_habilite" / "input"
FICHE = COMBOURG / "Fiche_candidature_AtelierFlash_Combourg.pdf"
MAIRE = COMBOURG / "Courrier_soutien_Maire_Combourg.pdf"
PREFET = COMBOURG / "2026-03-16_courrier_prefet_35.pdf"
PREFET_OTHER = SAINT_GAUDENS / "Soutien_prefecture_31.pdf"


def mail(message_id: str, subject: str, day: int, *attachments, sender="mairie@combourg.example") -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = sender, "atelier-flash@dgaln.example"
    message["Subject"], message["Message-ID"] = subject, f"<{message_id}@test>"
    message["Date"] = format_datetime(datetime(2026, 3, day, 9, 30, tzinfo=timezone.utc))
    message.set_content("Bonjour,\nVeuillez trouver ci-joint les pièces.\nCordialement")
    for path in attachments:
        message.add_attachment(path.read_bytes(), maintype="application", subtype="pdf", filename=path.name)
    return message.as_bytes()


FIRST = mail("candidature-combourg", "Candidature Atelier Flash - Combourg", 10, FICHE, MAIRE)
PREFECTURE = mail("envoi-prefecture-35", "Courrier de soutien du préfet", 17, PREFET,
                  sender="ddtm@ille-et-vilaine.gouv.example")
UNRELATED = mail("envoi-prefecture-31", "Avis favorable", 18, PREFET_OTHER,
                 sender="ddt@haute-garonne.gouv.example")


def deliver(raw: bytes, name: str, store, settings, engine, cog) -> str:
    intake = intake_message(raw, name, store=store, settings=settings)
    return pipeline.run(intake.dossier_id, make_context(settings, store, engine=engine, cog=cog))


def test_a_later_letter_of_the_same_collectivite_joins_its_dossier(store, settings, engine, cog):
    first = deliver(FIRST, "1.eml", store, settings, engine, cog)
    assert not export_dossier(store, first)["completeness"]["pieces"]["courrier_prefet"]
    kept = deliver(PREFECTURE, "2.eml", store, settings, engine, cog)

    assert kept == first
    export = export_dossier(store, first)
    validate_export(export)
    assert [m["message_id"] for m in export["messages"]] == ["<candidature-combourg@test>", "<envoi-prefecture-35@test>"]
    assert {d["kind"] for d in export["documents"]} == {"fiche", "courrier_collectivite", "courrier_prefet"}
    assert export["completeness"]["complete"] is True
    assert export["fields"]["courrier_prefet.departement"]["value"] == "35"
    joined = intake_message(PREFECTURE, "2.eml", store=store, settings=settings).dossier_id
    assert joined == first  # the message now lives in the kept dossier
    with store.session() as s:
        events = {(e.dossier_id, e.kind): e.data for e in s.scalars(select(Event))}
    [other] = {d for d, k in events if k == "merged_into"}
    assert events[(first, "joined")]["dossier"] == other and events[(first, "joined")]["pieces"] == ["courrier_prefet"]
    assert store.dossier(other).status == "merged" and store.merged_into(other) == first
    listed = [row.dossier_id for row in review_queue.list_queue(store, review_queue.QueueQuery()).rows]
    assert listed == [first]


def test_redelivery_after_a_join_changes_nothing(store, settings, engine, cog):
    first = deliver(FIRST, "1.eml", store, settings, engine, cog)
    deliver(PREFECTURE, "2.eml", store, settings, engine, cog)
    before = export_dossier(store, first)
    for raw, name in ((PREFECTURE, "2.eml"), (FIRST, "1.eml")):
        intake = intake_message(raw, name, store=store, settings=settings)
        assert (intake.dossier_id, intake.new) == (first, False)
        assert deliver(raw, name, store, settings, engine, cog) == first
    after = export_dossier(store, first)
    assert after["messages"] == before["messages"] and after["documents"] == before["documents"]


def test_the_earlier_dossier_is_kept_whichever_is_read_first(store, settings, engine, cog):
    """A worker may read the later message first: the join still keeps the earlier dossier."""
    late = intake_message(PREFECTURE, "2.eml", store=store, settings=settings).dossier_id
    early = intake_message(FIRST, "1.eml", store=store, settings=settings).dossier_id
    assert pipeline.run(late, make_context(settings, store, engine=engine, cog=cog)) == late
    assert pipeline.run(early, make_context(settings, store, engine=engine, cog=cog)) == early
    assert store.dossier(late).status == "merged"
    assert len(export_dossier(store, early)["messages"]) == 2


def test_a_letter_for_another_collectivite_stays_apart(store, settings, engine, cog):
    first = deliver(FIRST, "1.eml", store, settings, engine, cog)
    other = deliver(UNRELATED, "3.eml", store, settings, engine, cog)
    assert other != first
    assert store.dossier(other).status == "processed"
    assert len(export_dossier(store, first)["messages"]) == 1


def test_a_complete_second_candidature_is_not_joined(store, settings, engine, cog):
    """Nothing is missing from the first dossier: a second full sending stays a dossier of its own."""
    full = mail("complet-1", "Candidature Combourg", 10, FICHE, MAIRE, PREFET)
    again = mail("complet-2", "Dossier Combourg (renvoi)", 12, FICHE, MAIRE, PREFET)
    first = deliver(full, "1.eml", store, settings, engine, cog)
    assert deliver(again, "2.eml", store, settings, engine, cog) != first


@pytest.mark.parametrize("together", [True, False], ids=["one-call", "successive-calls"])
def test_guichet_process_reports_one_dossier(tmp_path, together):
    """The contract: one dossier whether the messages come in one call or in successive calls."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    mbox = inputs / "boite.mbox"
    mbox.write_bytes(b"".join(b"From guichet@test Sat Mar 14 09:30:00 2026\n" + raw.replace(b"\nFrom ", b"\n>From ")
                              + b"\n" for raw in (PREFECTURE, UNRELATED, FIRST)))
    data = tmp_path / "var"
    if together:
        done = run_guichet("process", "--quiet", "--out", str(tmp_path / "out"), str(mbox), data_dir=data)
        assert done.returncode == 0, done.stderr[-2000:]
    else:
        (inputs / "1.eml").write_bytes(FIRST)
        (inputs / "2.eml").write_bytes(PREFECTURE)
        for name in ("1.eml", "2.eml"):
            done = run_guichet("process", "--quiet", "--out", str(tmp_path / "out"), str(inputs / name), data_dir=data)
            assert done.returncode == 0, done.stderr[-2000:]
    index = load_json(tmp_path / "out" / "index.json")
    exports = [load_json(tmp_path / "out" / f"{d}.json") for d in index["dossiers"]]
    combourg = [e for e in exports if any(m["message_id"] == "<candidature-combourg@test>" for m in e["messages"])]
    assert len(combourg) == 1
    assert {m["message_id"] for m in combourg[0]["messages"]} == {"<candidature-combourg@test>",
                                                                  "<envoi-prefecture-35@test>"}
    assert combourg[0]["completeness"]["complete"] is True
    if together:  # the unrelated préfecture's letter stays a dossier of its own
        assert len(index["dossiers"]) == 2
    else:
        assert index["inputs"][0]["dossiers"] == [combourg[0]["id"]]


@pytest.mark.parametrize("text, named", [
    ("Je soutiens la candidature de la Communauté d'agglomération Montargoise et Rives du Loing.", True),
    ("la candidature de la CA Montargoise et Rives du Loing (AME)", True),
    ("la candidature de la communauté de communes des Rives du Loing", False),
])
def test_a_prefets_letter_names_an_epci_by_its_distinctive_words(text, named):
    epci = Entity("epci", "244500203", "CA Montargoise et Rives du Loing (AME)", frozenset({"45"}))
    assert mentions(fold(text), epci) is named


ABRETS = Entity("commune", "38001", "Les Abrets en Dauphiné", frozenset({"38"}))
LORRAIN = Entity("commune", "97214", "Le Lorrain", frozenset({"972"}))


@pytest.mark.parametrize("commune, text, named", [
    (ABRETS, "la candidature de la commune des Abrets en Dauphiné à l'Atelier", True),
    (ABRETS, "je me rends aux Abrets en Dauphiné", True),
    (ABRETS, "la commune Les Abrets en Dauphiné", True),
    (ABRETS, "la commune d'Abrets en Dauphiné-le-Haut", False),
    (ABRETS, "l'EPCI dont Les Abrets fait partie", False),
    (LORRAIN, "le projet du Lorrain", True),
    (LORRAIN, "un atelier au Lorrain", True),
    (LORRAIN, "le projet lorrain", False),
])
def test_a_prefets_letter_names_a_commune_whose_article_french_contracts(commune, text, named):
    assert mentions(fold(text), commune) is named
