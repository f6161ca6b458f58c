"""What a support letter says and who signs it; style seeds every layout choice."""
from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class LetterSpec:
    kind: str                      # "collectivite" or "prefet"
    signatory_name: str            # "Marie-Claude Duval"
    signatory_title: str           # written as is near the name: "Maire de Lodève", "Le Président"...
    collectivite_name: str         # commune / EPCI the letter speaks for, or the porteuse (prefet kind)
    collectivite_is_epci: bool
    departement_code: str
    departement_name: str
    region_name: str
    seat_town: str                 # EPCI seat or the commune / the préfecture town
    postcode: str
    date: datetime.date
    to_dgaln: bool                 # addressed to DGALN/DHUP/AD1, or to someone else
    signed: bool                   # ink (strokes or pasted image) near the signatory block
    project_title: str
    style: int                     # seed of every layout choice
    # unsigned letters only: a round stamp near the block, drawn from its own seed so the rest of
    # the letter is the one drawn without it (the committed sets never set it)
    stamp_unsigned: bool = False
