"""The unseen generator's mail packaging (samples/unseen/maker/package.py), without a draw."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from samples.unseen.maker.package import _attach


def test_a_long_non_ascii_attachment_name_written_as_encoded_words_survives():
    # Header(...).encode() folds a long name over several lines; a header value may not hold
    # a line feed (draw 5 crashed on one).
    name = "Fiche de candidature complétée — Communauté de communes du Pays de Saint-Éloy-les-Mines.pdf"
    msg = EmailMessage(policy=email.policy.SMTP)
    msg.set_content("Bonjour")
    _attach(msg, name, b"%PDF-1.4", rfc2047=True)
    back = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    assert [part.get_filename() for part in back.iter_attachments()] == [name]
