"""Plain data of a sample dossier: what is written on the fiche and the letters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]


def date_fr(day: dt.date) -> str:
    """'12 mars 2026', '1er avril 2026'."""
    num = "1er" if day.day == 1 else str(day.day)
    return f"{num} {MONTHS_FR[day.month - 1]} {day.year}"


@dataclass
class Contact:
    """A person named on the fiche, written as the candidate wrote it."""

    nom: str
    email: str
    telephone: str


@dataclass
class Fiche:
    """The answers of the fiche de candidature, as written (free text: '\\n' = new paragraph)."""

    lieu: str
    date: dt.date
    etat_service: str
    referent: Contact
    referent_fonction: str
    coll_nom: str
    coll_type: str  # "commune" | "epci"
    coll_code: str  # INSEE code (commune) or SIREN (EPCI) of the collectivité porteuse
    elu_nom: str
    elu_qualite: str
    contact: Contact
    partenaires: str | None
    communes: list[str]  # names as written
    departement: str  # code
    departement_ecrit: str
    region_ecrite: str
    epci_nom: str  # as written
    echelle: str
    secteur: str
    intitule: str
    thematiques: list[str]
    autre_precision: str | None
    programmes: list[str] | None  # [] = "Aucun", None = no box checked
    description: str
    objectifs: str
    attendus: str
    calendrier: str
    documents: str | None
    acteurs: str | None
    moyens: str | None
    annexe1: str
    annexe2: str


@dataclass
class Letter:
    """A support letter (courrier de soutien) and what must be read from it."""

    kind: str  # "courrier_collectivite" | "courrier_prefet"
    layout: str  # see letters.LAYOUTS
    letterhead: list[str]  # first line is the sender's name
    sender_details: list[str]  # address, service, "Affaire suivie par" ...
    place: str
    date: dt.date
    addressee: list[str]
    objet: str
    salutation: str
    body: list[str]
    closing: str
    quality_lines: list[str]  # ["Le Maire,"] or ["Pour le préfet et par délégation,", ...]
    signatory: str
    signed: bool = True
    stamp: str | None = None  # text around a rubber stamp, None for no stamp
    # ground truth not derivable from the text above
    qualite: str = "maire"  # slug
    # ("commune", insee) | ("epci", siren) | ("prefecture", département code)
    entity: tuple[str, str] = ("commune", "")
    collectivite: str | None = None  # as the letter names it
    departement: str | None = None  # préfecture's département code
    to_dgaln: bool | None = None
    logo_seed: int = 0
    # signatory block: "indent" (right half), "left", "centre", "right"; the handwritten
    # signature above the printed name ("above"), under it ("below"), or the name first
    # with the quality lines under it and the signature last ("name_first"); a stamp
    # drawn over the signature rather than beside it
    sig_align: str = "indent"
    sig_position: str = "above"
    stamp_overlap: bool = False
    # how the date line reads: "long" (Lille, le 3 mars 2026), "numeric" (Lille, le
    # 03/03/2026) or "bare" (Lille, 3 mars 2026)
    date_style: str = "long"
    # "colonne" layout: the left column's lists, [(heading, lines), ...]
    sidebar: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Dossier:
    """One candidature: the fiche and its letters (a missing letter is None)."""

    key: str
    fiche: Fiche
    coll_letter: Letter | None
    prefet_letter: Letter | None
    extra: dict = field(default_factory=dict)
    # False when the candidates sent no fiche (its answers only feed the letters' text)
    fiche_sent: bool = True
    # further letters that stay documents of the dossier (e.g. a member commune's maire
    # beside the EPCI president, whose letter the courrier_collectivite fields describe)
    other_letters: list[Letter] = field(default_factory=list)
