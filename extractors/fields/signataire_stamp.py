"""A round stamp's centre read among the signatory block's lines: "LE MAIRE", "LE PRÉFET", "LE
PRÉSIDENT" in capitals (stamps print their words so), a stroke's mark beside it ("À LE PRÈFET |").
The stamp names the collectivité's or the préfecture's head whoever signs: over an adjoint's or a
secrétaire général's block it is no title of the signer's, and the block's own title line says
who signs ("Premier adjoint" beside "LE MAIRE" read maire; "Pour le préfet …, le directeur
départemental …" above "LE PRÉFET" read préfet: study letters with a stamp, 4 in 120)."""

from __future__ import annotations

import re

from extractors.fields.courrier_layout import Line
from extractors.fields.signataire import roles_in

_HEADS = {"maire": "maire", "prefet": "prefet", "prefete": "prefet", "president": "president",
          "presidente": "president"}
_ARTICLES = {"le", "la", "l"}
# a title the signer holds in a head's stead (the stamp's head's title is no part of it)
_DELEGATES = {"adjoint", "maire_delegue", "vice_president", "secretaire_general", "sous_prefet", "prefet_delegue",
              "autre"}


def stamp_centre_aside(block: list[Line]) -> list[Line]:
    """The block without a stamp's centre line, when another of its lines holds the same head's
    title or a delegate's: else the block as it is (a head's title in capitals may be the block's)."""
    centres = {id(line): head for line in block if (head := _stamp_centre(line)) is not None}
    if not centres:
        return block
    others = {role for line in block if id(line) not in centres for _, role, _ in roles_in(line.norm)}
    kept = [line for line in block
            if id(line) not in centres or not (others & _DELEGATES or centres[id(line)] in others)]
    return kept if len(kept) < len(block) else block


def _stamp_centre(line: Line) -> str | None:
    """The head's title a line in capitals names alone ("LE MAIRE", "À LE PRÈFET |"), else None."""
    letters = re.sub(r"[\W\d_]", "", line.text)
    if len(letters) < 4 or not letters.isupper():
        return None
    words = [w for w in re.findall(r"[a-z]+", line.norm) if len(w) > 1 and w not in _ARTICLES]
    return _HEADS.get(words[0]) if len(words) == 1 else None
