"""`guichet process` as the contract describes it: inputs of every kind, threads across calls, exit codes."""

from __future__ import annotations

import mailbox

from tests.conftest import load_json, run_guichet
from tests.contract import validate_index
from tests.worker.test_intake import FORM, mail


def test_usage_errors_exit_2(tmp_path):
    assert run_guichet("process", str(tmp_path / "nowhere"), data_dir=tmp_path / "var").returncode == 2
    assert run_guichet("process", data_dir=tmp_path / "var").returncode == 2


def test_help_is_in_french(tmp_path):
    done = run_guichet("process", "--help", data_dir=tmp_path / "var")
    assert done.returncode == 0 and "Traite INPUT" in done.stdout


def test_a_reply_in_a_later_call_joins_its_dossier(tmp_path):
    first = tmp_path / "m1.eml"
    first.write_bytes(mail("<t1@ddt35.fr>", "Candidature Atelier Flash – Commune de Vitré",
                           attachments={"fiche.pdf": FORM}))
    reply = tmp_path / "m2.eml"
    reply.write_bytes(mail("<t2@ddt35.fr>", "RE: Candidature Atelier Flash – Commune de Vitré",
                           reply_to="<t1@ddt35.fr>", date="Tue, 10 Mar 2026 10:00:00 +0100"))
    one = run_guichet("process", "--out", str(tmp_path / "o1"), str(first), data_dir=tmp_path / "var")
    two = run_guichet("process", "--out", str(tmp_path / "o2"), str(reply), data_dir=tmp_path / "var")
    assert one.returncode == two.returncode == 0, two.stderr[-2000:]
    [dossier] = load_json(tmp_path / "o1" / "index.json")["dossiers"]
    assert load_json(tmp_path / "o2" / "index.json")["dossiers"] == [dossier]
    export = load_json(tmp_path / "o2" / f"{dossier}.json")
    assert [m["message_id"] for m in export["messages"]] == ["<t1@ddt35.fr>", "<t2@ddt35.fr>"]


def test_mbox_and_maildir_are_read_as_messages(tmp_path):
    box = mailbox.mbox(tmp_path / "archive.mbox")
    box.add(mail("<a@x.fr>", "Candidature – Commune de Fougères"))
    box.add(mail("<b@x.fr>", "Candidature – Commune de Redon"))
    box.flush()
    maildir = mailbox.Maildir(tmp_path / "Maildir")
    maildir.add(mail("<c@x.fr>", "Candidature – Commune de Combourg", attachments={"fiche.pdf": FORM}))
    maildir.add(mail("<d@x.fr>", "RE: Candidature – Commune de Combourg", reply_to="<c@x.fr>",
                     date="Wed, 4 Mar 2026 10:00:00 +0100"))
    done = run_guichet("process", "--out", str(tmp_path / "out"), str(tmp_path / "archive.mbox"),
                       str(tmp_path / "Maildir"), data_dir=tmp_path / "var")
    assert done.returncode == 0, done.stderr[-2000:]
    index = load_json(tmp_path / "out" / "index.json")
    validate_index(index)
    per_input = {entry["input"]: entry["dossiers"] for entry in index["inputs"]}
    assert len(per_input[str(tmp_path / "archive.mbox")]) == 2
    assert len(per_input[str(tmp_path / "Maildir")]) == 1
    assert "dossier(s)" in done.stdout  # the readable summary
