"""The instructeur's day: safe corrections, one way to assess, one phone and one accent folding."""

from __future__ import annotations

import re

import pytest
from marshmallow import ValidationError

from extractors.model import FieldStatus, FieldValue
from schemas.api import FieldCorrectionSchema
from schemas.normalise import normalise_fields
from tests.service.conftest import csrf_of, login
from worker.instruction import review, review_queue
from worker.instruction.review_queue import QueueQuery


def _store(app):
    return app.extensions["guichet"].store


def _confirm_readings(store, dossier_id: str) -> None:
    """A reviewer confirms every reading to check as it was read (a value unread is left alone)."""
    for field_id, row in store.fields(dossier_id).items():
        if row.status == "needs_review" and row.value is not None:
            review.correct_field(store, dossier_id, field_id, row.value, "relu", "i@x.fr")


def test_a_signe_correction_changes_the_stored_verdict_and_the_queue(app, ids):
    store, dossier = _store(app), ids["01_pdf_numeriques"]
    _confirm_readings(store, dossier)
    before = store.dossier(dossier).completeness
    assert before["complete"], before["reasons"]
    assert review.queue_entry(store, dossier).complete is True
    review.correct_field(store, dossier, "courrier_prefet.signe", False, "pas de signature", "i@x.fr")
    after = store.dossier(dossier).completeness
    assert not after["complete"]
    assert [r["code"] for r in after["reasons"]] == ["COURRIER_PREFET_NON_SIGNE"]
    entry = review.queue_entry(store, dossier)
    assert entry.complete is False and " COURRIER_PREFET_NON_SIGNE " in entry.reasons
    found = review_queue.list_queue(store, QueueQuery(reason="COURRIER_PREFET_NON_SIGNE")).rows
    assert [e.dossier_id for e in found] == [dossier]
    review.correct_field(store, dossier, "courrier_prefet.signe", True, "signature en page 2", "i@x.fr")
    assert store.dossier(dossier).completeness["complete"] is True


def test_a_piece_reclassified_is_assessed_by_the_same_rules(app, ids):
    store, dossier = _store(app), ids["01_pdf_numeriques"]
    ordinal = next(i for i, d in enumerate(store.documents(dossier)) if d.kind == "courrier_prefet")
    review.override_document(store, dossier, ordinal, "autre", "courrier d'un autre dossier", "i@x.fr")
    verdict = store.dossier(dossier).completeness
    codes = [r["code"] for r in verdict["reasons"]]
    assert "COURRIER_PREFET_ABSENT" in codes and verdict["pieces"]["courrier_prefet"] is False
    # The préfet's letter is gone, so are the rules that read it: no reason about its signature.
    assert not any(r.get("detail", "") and str(r["detail"]).startswith("courrier_prefet.") for r in verdict["reasons"])


def test_an_unchanged_value_adds_no_history_line(app, ids):
    store, dossier = _store(app), ids["01_pdf_numeriques"]
    first = review.correct_field(store, dossier, "s1.etat.referent_telephone", "+33475220303", "", "i@x.fr")
    again = review.correct_field(store, dossier, "s1.etat.referent_telephone", "+33475220303", "", "i@x.fr")
    assert first is not None and again is None
    assert len([e for e in review.history(store, dossier) if e.kind == "field_corrected"]) == 1


def test_an_impossible_date_is_refused_and_never_saves_an_empty_value(app, ids):
    store, dossier = _store(app), ids["01_pdf_numeriques"]
    review.correct_field(store, dossier, "fiche.date", "2026-12-03", "", "i@x.fr")
    client = app.test_client()
    login(client, "instructeur")
    url = f"/dossiers/{dossier}/champs/fiche.date"
    page = client.get(url)
    assert 'value="03/12/2026"' in page.text and 'type="date"' not in page.text
    refused = client.post(url, data={"value": "31/02/2026", "reason": "", "csrf_token": csrf_of(page.text)})
    assert refused.status_code == 422
    assert "31/02/2026 n&#39;existe pas" in refused.text or "31/02/2026 n'existe pas" in refused.text
    assert 'value="31/02/2026"' in refused.text  # what was typed stays in the box
    assert store.fields(dossier)["fiche.date"].value == "2026-12-03"
    saved = client.post(url, data={"value": "04/12/2026", "reason": "", "csrf_token": csrf_of(page.text)})
    assert saved.status_code == 302
    assert store.fields(dossier)["fiche.date"].value == "2026-12-04"
    shown = client.get(f"/dossiers/{dossier}").text
    assert "04/12/2026" in shown and "2026-12-04" not in shown.split('id="historique"')[0].split("<main")[1]


def test_region_and_departement_are_chosen_from_the_geography(app, ids):
    client, dossier = app.test_client(), ids["01_pdf_numeriques"]
    login(client, "instructeur")
    page = client.get(f"/dossiers/{dossier}/champs/s2.region").text
    assert '<option value="53"' in page and ">Bretagne</option>" in page and "Wallis" not in page
    page = client.get(f"/dossiers/{dossier}/champs/courrier_prefet.departement").text
    assert '<option value="2A"' in page and "2A – Corse-du-Sud" in page


@pytest.mark.parametrize("written", ["0697 12 34 56", "04 75 22 03 03", "0262 40 26 26", "+33 6 92 61 24 87"])
def test_the_api_and_the_pipeline_give_the_same_phone(written, cog):
    from_api = FieldCorrectionSchema().load({"field": "s1.etat.referent_telephone", "value": written})["value"]
    read = normalise_fields({"s1.etat.referent_telephone": FieldValue(written, 0.95, None, FieldStatus.EXTRACTED)}, cog)
    assert read["s1.etat.referent_telephone"].value == from_api


def test_a_phone_the_pipeline_would_not_read_is_refused():
    with pytest.raises(ValidationError):
        FieldCorrectionSchema().load({"field": "s1.etat.referent_telephone", "value": "04 75 22"})


def test_searching_without_accents_or_ligatures_finds_the_dossier(app, ids):
    store, dossier = _store(app), ids["01_pdf_numeriques"]
    review.correct_field(store, dossier, "s3.intitule", "Redonner vie au Cœur de bourg", "", "i@x.fr")
    for query in ("coeur", "CŒUR de", "cœur-de-bourg"):
        assert [e.dossier_id for e in review_queue.list_queue(store, QueueQuery(text=query)).rows] == [dossier], query


def test_the_queue_counts_and_filters_readings_to_check_and_regions(app, ids):
    store, dossier, other = _store(app), ids["01_pdf_numeriques"], ids["11_sans_courrier_prefet"]
    uncertain = [f for f, row in store.fields(dossier).items() if row.status == "needs_review"]
    page = review_queue.list_queue(store, QueueQuery())
    assert page.to_check[dossier] == len(uncertain) > 0
    with_doubts = {e.dossier_id for e in review_queue.list_queue(store, QueueQuery(to_check=True)).rows}
    assert dossier in with_doubts
    _confirm_readings(store, dossier)
    assert dossier not in {e.dossier_id for e in review_queue.list_queue(store, QueueQuery(to_check=True)).rows}
    assert dossier in {e.dossier_id for e in review_queue.list_queue(store, QueueQuery(to_check=False)).rows}
    # Both samples are Breton (35 and 22): the région finds both, another région neither.
    assert {e.dossier_id for e in review_queue.list_queue(store, QueueQuery(region="53")).rows} == {dossier, other}
    assert review_queue.list_queue(store, QueueQuery(region="11")).total == 0
    assert {e.dossier_id for e in review_queue.list_queue(store, QueueQuery(text="bretagne")).rows} == {dossier, other}


def test_the_queue_page_shows_complet_with_its_readings_to_confirm(app, ids):
    store, dossier = _store(app), ids["01_pdf_numeriques"]
    _confirm_readings(store, dossier)
    # A reading outside the rules' fields, left uncertain: complete, yet one reading to confirm.
    row = store.fields(dossier)["s1.etat.referent_email"]
    with store.session() as s:
        from worker.persistence.db import FieldRow

        s.query(FieldRow).filter_by(dossier_id=dossier, field_id="s1.etat.referent_email").update(
            {"status": "needs_review", "value": row.value or "cbernard@mainie-die", "confidence": 0.38})
    client = app.test_client()
    login(client, "lecteur")
    html = client.get("/?a_verifier=oui&region=53").text
    line = html.split(f">{dossier}</a>")[1].split("</tr>")[0]
    assert "Complet" in line and "dont 1 lecture à confirmer" in line and "1 à vérifier" in line
    assert 'id="filtre-region"' in html and 'id="filtre-a-verifier"' in html
    listed = client.get("/api/dossiers?a_verifier=true&region=53&complet=true", headers=_bearer(app)).get_json()
    assert [(i["id"], i["a_verifier"], i["complete"]) for i in listed["items"]] == [(dossier, 1, True)]


def _bearer(app) -> dict:
    from worker.persistence import accounts

    store = _store(app)
    token = accounts.create_token(store, accounts.find_user(store, "lecteur@example.gouv.fr").id)
    return {"Authorization": f"Bearer {token}"}


def test_eligible_on_an_incomplete_dossier_needs_a_confirmation_and_a_reason(app, ids):
    store, dossier = _store(app), ids["11_sans_courrier_prefet"]
    client = app.test_client()
    token = login(client, "instructeur")
    url = f"/dossiers/{dossier}/decision"
    assert 'id="avertissement-eligible"' in client.get(f"/dossiers/{dossier}").text
    client.post(url, data={"decision": "eligible", "comment": "vu", "csrf_token": token})
    assert store.dossier(dossier).triage is None or store.dossier(dossier).triage.get("decision") is None
    client.post(url, data={"decision": "eligible", "comment": " ", "confirmer": "oui", "csrf_token": token})
    assert (store.dossier(dossier).triage or {}).get("decision") is None
    client.post(url, data={"decision": "a_completer", "comment": "", "csrf_token": token})  # no confirmation needed
    assert store.dossier(dossier).triage["decision"] == "a_completer"
    client.post(url, data={"decision": "eligible", "comment": "reçu par la poste", "confirmer": "oui",
                           "csrf_token": token})
    assert store.dossier(dossier).triage["decision"] == "eligible"


def test_the_export_buttons_say_what_they_give(app, ids):
    client = app.test_client()
    login(client, "lecteur")
    html = client.get(f"/dossiers/{ids['01_pdf_numeriques']}").text
    assert ">Exporter le JSON du dossier</a>" in html and ">Télécharger les originaux (ZIP)</a>" in html


def test_queue_exports_have_a_column_per_field_french_reasons_real_dates_and_dated_names(app, ids):
    import csv
    import io
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from openpyxl import load_workbook

    from extractors.vocabulary import FIELD_IDS

    store, dossier = _store(app), ids["11_sans_courrier_prefet"]
    review.correct_field(store, dossier, "fiche.date", "2026-12-03", "", "i@x.fr")
    review.correct_field(store, dossier, "s1.etat.referent_telephone", "+33475220303", "", "i@x.fr")
    client = app.test_client()
    login(client, "lecteur")
    response = client.get("/export.csv?departement=22")
    today = datetime.now(ZoneInfo("Europe/Paris")).strftime("%Y-%m-%d")
    assert f"filename=file-de-tri-{today}.csv" in response.headers["Content-Disposition"]
    [header, line] = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    for field_id in FIELD_IDS:
        assert sum(h.endswith(f"({field_id})") for h in header) == 1, field_id
    cell = dict(zip(header, line))
    assert cell["Dossier"] == dossier and cell["Région"] == "Bretagne"
    assert "Le courrier de soutien du préfet ou du sous-préfet est absent." in cell["Motifs"]
    assert "COURRIER_PREFET_ABSENT" not in cell["Motifs"]
    assert cell["Fiche de candidature – Date (« Fait à …, le … ») (fiche.date)"] == "03/12/2026"
    assert cell[next(h for h in header if h.endswith("(s1.etat.referent_telephone)"))] == "04 75 22 03 03"
    response = client.get("/export.xlsx?departement=22")
    assert f"filename=file-de-tri-{today}.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == sheet.dimensions
    titles = [c.value for c in sheet[1]]
    row = {t: c for t, c in zip(titles, sheet[2])}
    assert isinstance(row["Reçu le"].value, datetime) and row["Reçu le"].number_format == "DD/MM/YYYY HH:MM"
    dated = row["Fiche de candidature – Date (« Fait à …, le … ») (fiche.date)"]
    assert dated.value.date() == date(2026, 12, 3) and dated.number_format == "DD/MM/YYYY"


def test_the_correction_form_shows_the_source_box_beside_it(app, ids):
    client, dossier = app.test_client(), ids["01_pdf_numeriques"]
    login(client, "instructeur")
    html = client.get(f"/dossiers/{dossier}/champs/s1.collectivite.nom").text
    assert 'id="surlignage"' in html and 'id="formulaire-champ"' in html
    unsourced = next(f for f, row in _store(app).fields(dossier).items() if row.source is None)
    assert 'id="surlignage"' not in client.get(f"/dossiers/{dossier}/champs/{unsourced}").text


def test_the_queue_as_an_opendocument_spreadsheet(app, ids):
    import io
    import zipfile

    from odf import opendocument, table, teletype

    store, dossier = _store(app), ids["11_sans_courrier_prefet"]
    review.correct_field(store, dossier, "fiche.date", "2026-12-03", "", "i@x.fr")
    client = app.test_client()
    login(client, "lecteur")
    response = client.get("/export.ods?departement=22")
    assert response.headers["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert "filename=file-de-tri-" in response.headers["Content-Disposition"]
    document = opendocument.load(io.BytesIO(response.data))
    rows = document.spreadsheet.getElementsByType(table.TableRow)
    header = [teletype.extractText(c) for c in rows[0].getElementsByType(table.TableCell)]
    cells = dict(zip(header, rows[1].getElementsByType(table.TableCell)))
    assert teletype.extractText(cells["Dossier"]) == dossier
    dated = cells["Fiche de candidature – Date (« Fait à …, le … ») (fiche.date)"]
    assert (dated.getAttribute("valuetype"), dated.getAttribute("datevalue")) == ("date", "2026-12-03")
    assert teletype.extractText(dated) == "03/12/2026"
    assert cells["Reçu le"].getAttribute("valuetype") == "date"
    [ranged] = document.spreadsheet.getElementsByType(table.DatabaseRange)
    assert ranged.getAttribute("displayfilterbuttons") == "true"
    settings = zipfile.ZipFile(io.BytesIO(response.data)).read("settings.xml").decode()
    assert "VerticalSplitPosition" in settings


@pytest.mark.parametrize("text", ["Cœur de Ville", "L’Île-Rousse", "ÆTHER Straße", "Saint-Étienne-du-Rouvray"])
def test_one_accent_folding_for_the_extractors_the_rules_and_the_search(text):
    from extractors.text import normalise
    from schemas.values import fold

    assert review_queue.fold is fold  # the queue's search text and queries
    assert fold(text) == " ".join(re.sub(r"[^a-z0-9]+", " ", normalise(text.replace("æ", "ae").replace("Æ", "AE")
                                                                         .replace("ß", "ss"))).split())


def test_the_received_date_filters_are_typed_in_french(app, ids):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    client = app.test_client()
    login(client, "lecteur")
    html = client.get("/").text
    assert 'id="filtre-du"' in html and 'type="date"' not in html
    received = review.queue_entry(_store(app), ids["01_pdf_numeriques"]).received_at
    day = received.astimezone(ZoneInfo("UTC"))
    same = day.strftime("%d/%m/%Y")
    after = (day + timedelta(days=1)).strftime("%d/%m/%Y")
    assert ids["01_pdf_numeriques"] in client.get(f"/?du={same}&au={same}").text
    assert ids["01_pdf_numeriques"] not in client.get(f"/?du={after}").text
    impossible = client.get("/?du=31/02/2026").text
    assert ids["01_pdf_numeriques"] in impossible and "Date invalide, non appliquée" in impossible
    assert isinstance(received, datetime)


def test_every_field_has_a_correction_form_and_a_confirmation_is_said_so(app, ids):
    from extractors.vocabulary import FIELD_IDS

    store, dossier = _store(app), ids["01_pdf_numeriques"]
    client = app.test_client()
    login(client, "instructeur")
    for field_id in FIELD_IDS:
        assert client.get(f"/dossiers/{dossier}/champs/{field_id}").status_code == 200, field_id
    row = store.fields(dossier)["s1.collectivite.nom"]
    assert row.status == "needs_review"
    review.correct_field(store, dossier, "s1.collectivite.nom", row.value, "lu sur la fiche", "i@x.fr")
    assert store.fields(dossier)["s1.collectivite.nom"].status == "corrected"
    assert "Confirmation de « Collectivité porteuse »" in client.get(f"/dossiers/{dossier}").text


def test_a_dossier_is_assigned_to_a_colleague_and_the_queue_filters_on_them(app, ids):
    store, dossier = _store(app), ids["01_pdf_numeriques"]
    client = app.test_client()
    token = login(client, "instructeur")
    page = client.get(f"/dossiers/{dossier}").text
    assert 'id="attribuer-a"' in page and "administrateur@example.gouv.fr" in page
    assert '<option value="lecteur@example.gouv.fr"' not in page  # a lecteur cannot follow a dossier
    refused = client.post(f"/dossiers/{dossier}/attribuer", data={"assignee": "lecteur@example.gouv.fr",
                                                                  "csrf_token": token}, follow_redirects=True)
    assert "Attribution refusée" in refused.text and review.queue_entry(store, dossier).assignee is None
    client.post(f"/dossiers/{dossier}/attribuer", data={"assignee": "administrateur@example.gouv.fr",
                                                        "csrf_token": token})
    entry = review.queue_entry(store, dossier)
    assert (entry.assignee, entry.state) == ("administrateur@example.gouv.fr", "suivi")
    [event] = [e for e in review.history(store, dossier) if e.kind == "assigned"]
    assert (event.actor, event.data["assignee"]) == ("instructeur@example.gouv.fr", "administrateur@example.gouv.fr")
    queue = client.get("/?suivi=administrateur@example.gouv.fr").text
    assert dossier in queue and ids["11_sans_courrier_prefet"] not in queue
    assert "Attribue le dossier à administrateur@example.gouv.fr" in client.get(f"/dossiers/{dossier}").text
