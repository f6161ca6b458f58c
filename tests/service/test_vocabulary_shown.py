"""Every field id of the vocabulary is read by the extractors and shown by the review page."""

from __future__ import annotations

import html

from extractors.vocabulary import FIELD_IDS, FieldStatus
from schemas.labels import FIELD_LABELS, FIELD_STATUS_LABELS
from tests.service.conftest import login
from worker.core.export import export_dossier
from worker.persistence.store import Store


def test_every_field_id_is_read_from_the_digital_sample(data):
    """samples/01_pdf_numeriques fills every field: each one is read by some extractor."""
    settings, ids = data
    fields = export_dossier(Store(settings), ids["01_pdf_numeriques"])["fields"]
    assert [fid for fid in FIELD_IDS if fields[fid]["status"] == FieldStatus.MISSING] == []


def test_every_field_id_is_shown_by_the_review_page(app, ids):
    client = app.test_client()
    login(client, "lecteur")
    page = html.unescape(client.get(f"/dossiers/{ids['01_pdf_numeriques']}").text)
    for fid in FIELD_IDS:
        row = page.split(f'id="ligne-{fid.replace(".", "-")}"', 1)
        assert len(row) == 2, f"{fid} has no row"
        cells = row[1].split("</tr>", 1)[0]
        assert FIELD_LABELS[fid] in cells and f"<code class=\"fr-text--xs\">{fid}</code>" in cells
        assert FIELD_STATUS_LABELS[FieldStatus.MISSING] not in cells, f"{fid} shown as not answered"
