"""The title a letter's writer gives themself in the body, in the first person: a second source
for a signatory block whose quality line a signature or a stamp struck through.

French administrative letters say who writes in their own voice: "en ma qualité de maire",
"en tant que présidente de la communauté de communes", "le conseil municipal que je préside",
"la commune dont je suis le maire". A letter signed by delegation ("Pour le maire empêché, le
premier adjoint") is written in the voice of the one it signs for: the body then names the
delegating title, so the caller takes it only where the block shows no delegation.
"""

from __future__ import annotations

import re

from extractors.fields.courrier_layout import Line, join_lines
from extractors.fields.signataire import Quality
from extractors.text import normalise
from extractors.vocabulary import MAIRE, PREFET, PRESIDENT_EPCI, SOUS_PREFET, PieceKind

_TITLE = r"(?:(?:premier|premiere|1er|1ere) )?(?:sous-? ?prefete?|prefete?|maire|vice-? ?presidente?|presidente?" \
         r"|adjointe?|secretaire generale?|conseill(?:er|ere)|direct(?:eur|rice))"
# "en ma qualité de maire", "en tant que Préfète de …", "moi-même, maire de …"
_STATED = re.compile(rf"\b(?:en|de par) (?:ma|notre) qualite d(?:e |')(?:le |la |l')?(?P<title>{_TITLE})\b"
                     rf"|\ben tant que (?:le |la |l')?(?P<title2>{_TITLE})\b"
                     rf"|\bdont je suis (?:le |la |l')?(?P<title3>{_TITLE})\b")
# "le conseil municipal que je préside", "la communauté … dont j'assure la présidence"
_PRESIDED = re.compile(r"\b(?P<organ>conseil municipal|municipalite|equipe municipale|conseil communautaire"
                       r"|communaute (?:de communes|d'agglomeration|urbaine)|intercommunalite|metropole"
                       r"|assemblee communautaire)(?: [^,.;]{0,60}?)? (?:que|dont) j(?:e |')"
                       r"(?:preside|ai l'honneur de presider|assure la presidence)\b")
_MUNICIPAL = ("conseil municipal", "municipalite", "equipe municipale")
_OWN_TITLES = {"maire": "maire", "prefet": "prefet", "prefete": "prefet", "president": "president",
               "presidente": "president"}


def stated_roles(lines: list[Line]) -> list[tuple[str, Line]]:
    """The roles ("maire", "president", "prefet", "sous_prefet", "autre") the body's writer
    states as their own, in order, each with the line it begins on; "president" for an EPCI's
    council presided. A statement may run over a line break."""
    found: list[tuple[str, Line]] = []
    for index, line in enumerate(lines):
        pair = [line] + ([lines[index + 1]] if index + 1 < len(lines) else [])
        text = normalise(join_lines(pair))
        first = len(normalise(line.text))
        for match in _STATED.finditer(text):
            if match.start() < first:  # begins on this line (the next one's own are read with it)
                title = next(t for t in (match["title"], match["title2"], match["title3"]) if t)
                found.append((_role(title), line))
        for match in _PRESIDED.finditer(text):
            if match.start() < first:
                found.append(("maire" if match["organ"] in _MUNICIPAL else "president", line))
    return found


def _role(title: str) -> str:
    title = re.sub(r"^(?:premier|premiere|1er|1ere) ", "", title)
    if title.startswith("sous"):
        return "sous_prefet"
    return _OWN_TITLES.get(title, "autre")


_HABILITATED = {PieceKind.COURRIER_COLLECTIVITE: ("maire", "president"),
                PieceKind.COURRIER_PREFET: ("prefet", "sous_prefet")}
_SLUGS = {"maire": MAIRE, "prefet": PREFET, "sous_prefet": SOUS_PREFET}


def voice_quality(lines: list[Line], piece_kind: str, collectivite_is_epci: bool | None) -> Quality | None:
    """The one habilitated title the body's writer states as theirs ("en ma qualité de maire",
    "le conseil communautaire que je préside"); two different ones, or a président's for a
    commune's letter, say nothing. A title that gives no habilitation ("en tant que président du
    comité de pilotage" in a préfet's letter) says nothing either: it is no proof of a defect."""
    roles = [(role, line) for role, line in stated_roles(lines) if role in _HABILITATED.get(piece_kind, ())]
    if not roles or len({role for role, _ in roles}) > 1:
        return None
    role, line = roles[0]
    if role == "president" and collectivite_is_epci is False:
        return None
    slug = _SLUGS.get(role, PRESIDENT_EPCI)
    return Quality(slug, round(min(VOICE, line.conf), 3), (line,))


VOICE = 0.85  # a title the body states: sure enough alone, less than the block's own reading

_DELEGATION = re.compile(r"^(?:pour|p/|p\.|po|p/o)\b|\bpar (?:delegation|empechement|suppleance|interim)\b"
                         r"|\bempechee?\b|\bpour (?:le|la|l'|monsieur|madame)\b|\bp/(?:le|la)\b")


def delegation_in(lines: list[Line]) -> bool:
    """Whether a block's lines, as read, show a signature by delegation ("Pour le préfet et par
    délégation", "P/le Maire empêché"): its writer's voice is then another's."""
    return any(_DELEGATION.search(line.norm) for line in lines)
