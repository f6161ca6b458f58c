"""The exports as an agent gets them, in a real browser (Chromium driven by Playwright): the buttons
of the queue (filters applied) and of the dossier page are clicked, the downloads caught, opened
with the libraries a user's tools agree with, and read: dated names, French labels and reasons,
real dates, frozen header and filters."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import ROOT
from tests.service.test_browser import CHROMIUM, page, server, sign_in  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is installed by scripts/setup.sh")

FICHE_DATE = "Fiche de candidature – Date (« Fait à …, le … ») (fiche.date)"
REASON = "Le courrier de soutien du préfet ou du sous-préfet est absent."


def download(page, button: str) -> tuple[str, bytes]:  # noqa: F811
    """Click the button, wait for the file: its suggested name and its bytes."""
    with page.expect_download() as caught:
        page.click(button)
    return caught.value.suggested_filename, Path(caught.value.path()).read_bytes()


def test_queue_and_dossier_exports_downloaded_and_read(page, server, ids, app):  # noqa: F811
    from odf import opendocument, table, teletype
    from openpyxl import load_workbook

    from worker.instruction import review

    dossier = ids["11_sans_courrier_prefet"]
    review.correct_field(app.extensions["guichet"].store, dossier, "fiche.date", "2026-12-03", "relu",
                         "instructeur@example.gouv.fr")
    today = datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
    sign_in(page, server, "lecteur")
    page.fill("#filtre-departement", "22")
    page.click("button:has-text('Filtrer')")
    page.wait_for_url("**departement=22**")

    name, data = download(page, "text=Exporter en CSV")
    assert name == f"file-de-tri-{today}.csv"
    [header, line] = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))  # the filter holds
    cell = dict(zip(header, line))
    assert (cell["Dossier"], cell["Région"], cell["Complet"]) == (dossier, "Bretagne", "non")
    assert REASON in cell["Motifs"] and "COURRIER_PREFET" not in cell["Motifs"]
    assert cell[FICHE_DATE] == "03/12/2026"

    name, data = download(page, "text=Exporter en XLSX")
    assert name == f"file-de-tri-{today}.xlsx"
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "File de tri" and sheet.max_row == 2
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == sheet.dimensions
    titles = [c.value for c in sheet[1]]
    assert all(c.font.bold for c in sheet[1])
    assert titles[:4] == ["Dossier", "État", "Lecture", "Complet"] and FICHE_DATE in titles
    row = dict(zip(titles, sheet[2]))
    assert row["Dossier"].value == dossier and row["État"].value == "Nouveau"
    assert REASON in row["Motifs"].value and "COURRIER_PREFET" not in row["Motifs"].value
    assert isinstance(row["Reçu le"].value, datetime) and row["Reçu le"].number_format == "DD/MM/YYYY HH:MM"
    assert row[FICHE_DATE].value.date() == date(2026, 12, 3) and row[FICHE_DATE].number_format == "DD/MM/YYYY"

    name, data = download(page, "text=Exporter en ODS")
    assert name == f"file-de-tri-{today}.ods"
    document = opendocument.load(io.BytesIO(data))
    rows = document.spreadsheet.getElementsByType(table.TableRow)
    assert len(rows) == 2
    header = [teletype.extractText(c) for c in rows[0].getElementsByType(table.TableCell)]
    cells = dict(zip(header, rows[1].getElementsByType(table.TableCell)))
    assert teletype.extractText(cells["Dossier"]) == dossier and REASON in teletype.extractText(cells["Motifs"])
    dated = cells[FICHE_DATE]
    assert (dated.getAttribute("valuetype"), dated.getAttribute("datevalue")) == ("date", "2026-12-03")
    assert teletype.extractText(dated) == "03/12/2026" and cells["Reçu le"].getAttribute("valuetype") == "date"
    [filtered] = document.spreadsheet.getElementsByType(table.DatabaseRange)
    assert filtered.getAttribute("displayfilterbuttons") == "true"
    assert len(document.spreadsheet.getElementsByType(table.TableHeaderRows)) == 1
    settings = zipfile.ZipFile(io.BytesIO(data)).read("settings.xml").decode()
    assert '"VerticalSplitPosition" config:type="int">1<' in settings

    page.click(f"#file a:has-text('{dossier}')")
    page.wait_for_url(f"**/dossiers/{dossier}")
    name, data = download(page, "#barre-actions a:has-text('Exporter le JSON du dossier')")
    assert name == f"{dossier}-{today}.json"
    exported = json.loads(data)
    assert exported["id"] == dossier and exported["fields"]["fiche.date"]["value"] == "2026-12-03"
    assert "COURRIER_PREFET_ABSENT" in {r["code"] for r in exported["completeness"]["reasons"]}
    name, data = download(page, "#barre-actions a:has-text('Télécharger les originaux (ZIP)')")
    assert name == f"{dossier}-originaux-{today}.zip"
    archive = zipfile.ZipFile(io.BytesIO(data))
    originals = sorted((ROOT / "samples" / "11_sans_courrier_prefet" / "input").glob("*.pdf"))
    assert sorted(archive.namelist()) == [f"pieces/{p.name}" for p in originals]
    assert [archive.read(f"pieces/{p.name}") for p in originals] == [p.read_bytes() for p in originals]
    assert page.problems == []
