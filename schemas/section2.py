"""Section 2 checked against itself and the official geography: the EPCI named and the communes
listed are two readings of one territory, and where one is read surely it vouches for the other.

A scan or a photo slips a letter or two in a name ("Plateau de Russcy", "Salnt-Joseph"); the
official geography then says which EPCI or commune was meant, provided the dossier's own other
reading points to the same place and nothing else comes as near.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz.distance import OSA

from extractors.fields.form import RUNNING_HEADERS
from extractors.model import FieldStatus, FieldValue
from schemas import values
from schemas.cog import EXACT, Cog, Epci
from schemas.departement_text import leading_departement
from schemas.phone_place import communes_departement
from schemas.territoire import name_kind, resolve_entity

CONFIRMED = 0.90  # two readings that agree: the commune's own and the EPCI's
CONFIRMABLE = 0.50  # below this, a reading is too unsure to be confirmed by anything
DEDUCED = 0.40  # a value no page showed, deduced from another field: for a reviewer only
REVIEW_BELOW = 0.70  # as schemas/normalise.py: under it, a reading is never trusted alone
EXACT_NAME_FLOOR = 0.25  # a name spelt letter for letter is no chance reading, however unsure Tesseract is
EPCI_KIND_WORDS = frozenset({"communaute", "communes", "agglomeration", "urbaine", "metropole"})


def epci_from_communes(out: dict[str, FieldValue], cog: Cog) -> None:
    """An EPCI written by its usual short name ("CAP Nord Martinique") is the one of the communes listed.

    When the name alone does not resolve but every commune of section 2 does, and they all
    belong to one EPCI whose official name holds the written name's words (acronyms aside),
    that EPCI is the answer; with a weaker agreement it is only offered to a reviewer.
    """
    epci, communes = out.get("s2.epci"), out.get("s2.communes")
    if not (epci and isinstance(epci.value, dict) and not epci.value.get("siren")):
        return
    found = _epci_of_listed(communes, cog)
    if found is None:
        return
    # The kind of EPCI and the département a porteur adds ("… Pays d'Uzès (Gard)") say
    # nothing of which EPCI it is: its own words must all be the official name's.
    where = {w for code in found.departements if code in cog.departements
             for w in values.fold(cog.departements[code].nom).split()}
    written = {w for w in values.fold(epci.value["nom"]).split() if len(w) > 3} - EPCI_KIND_WORDS - where
    official = set(values.fold(found.nom).split())
    agrees = bool(written) and written <= official and communes.status is FieldStatus.EXTRACTED
    out["s2.epci"] = replace(epci, value={**epci.value, "siren": found.siren},
                             status=FieldStatus.EXTRACTED if agrees and epci.confidence >= REVIEW_BELOW
                             else FieldStatus.NEEDS_REVIEW)


def epci_confirmed_by_communes(out: dict[str, FieldValue], cog: Cog, departement: str | None) -> None:
    """An EPCI name read with slips ("Plateau de Russcy") or unsure, whose nearest official EPCI
    is the very one that holds every commune listed (read surely), is that EPCI: the name and
    the communes, two readings, agree.

    Nothing is decided when the communes belong to several EPCIs or to none in common, or when
    the name comes nearer another EPCI (a dossier may name the wrong one: a reviewer sees it).
    """
    epci, communes = out.get("s2.epci"), out.get("s2.communes")
    if not (epci and epci.status is FieldStatus.NEEDS_REVIEW and isinstance(epci.value, dict)
            and epci.value.get("nom") and epci.confidence >= EXACT_NAME_FLOOR
            and communes and communes.status is FieldStatus.EXTRACTED):
        return
    found = _epci_of_listed(communes, cog)
    if found is None or epci.value.get("siren") not in (None, found.siren):
        return
    match = cog.resolve_epci(epci.value["nom"], departement)
    if epci.confidence < CONFIRMABLE and not (match and not match.ambiguous and match.score >= EXACT
                                               and match.siren == found.siren):
        return  # a fax's doubted dot ("Communauté d'agglomération. Lisieux …"): only a name spelt exactly
    head = None
    if match is None or match.ambiguous:
        head = _head_naming(epci.value["nom"], found, cog, departement)
        if head is None and not _nearest_is(epci.value["nom"], found, cog):
            return
    elif match.siren != found.siren:
        return
    exact = match is not None and not match.ambiguous and match.score >= EXACT
    # no slip kept as sure
    nom = _KIND_STOP.sub(r"\1", epci.value["nom"]) if exact else head or official_epci_name(found)
    out["s2.epci"] = replace(epci, value={**epci.value, "nom": nom, "siren": found.siren},
                             confidence=max(epci.confidence, CONFIRMED), status=FieldStatus.EXTRACTED)


_KIND_STOP = re.compile(r"(?i)\b(agglom[ée]ration|communes|urbaine)[.,;:](?=\s)")  # a speck read after the kind word


def epci_vouched_by_porteuse(out: dict[str, FieldValue], cog: Cog, departement: str | None) -> None:
    """An EPCI read surely but under CONFIRMED (a photo: 0.886) that the porteuse names too,
    both spelling one official EPCI letter for letter (same SIREN), is confirmed: two readings
    of separate lines of the fiche agree exactly. Two fuzzy readings vouch for nothing."""
    epci, porteuse = out.get("s2.epci"), out.get("s1.collectivite.nom")
    if not (epci and isinstance(epci.value, dict) and epci.value.get("siren") and epci.value.get("nom")
            and epci.confidence < CONFIRMED and epci.confidence >= CONFIRMABLE
            and porteuse and isinstance(porteuse.value, str) and porteuse.confidence >= CONFIRMABLE
            and FieldStatus.EXTRACTED in (epci.status, porteuse.status)):
        return
    siren = epci.value["siren"]
    for name in (epci.value["nom"], porteuse.value):
        match = cog.resolve_epci(name, departement)
        if match is None or match.ambiguous or match.score < EXACT or match.siren != siren:
            return
    out["s2.epci"] = replace(epci, confidence=CONFIRMED, status=FieldStatus.EXTRACTED)


def communes_confirmed_by_epci(raw: FieldValue | None, out: dict[str, FieldValue], cog: Cog,
                               departement: str | None) -> None:
    """Communes read unsure, or with a slip, each naming a member of the EPCI read surely in the
    same section, are confirmed by it.

    Tesseract gives short words little confidence ("Die", "Eu", "Ay"), and a photo slips a
    letter ("Salnt-Joseph"): a reading that spells a commune of that very EPCI, or comes nearer
    one of its members than any other place of its départements, is not a risk worth a review.
    A name that no member comes near, or that two come equally near, leaves the list for review.
    """
    communes, epci = out.get("s2.communes"), out.get("s2.epci")
    if not (raw and raw.status is FieldStatus.EXTRACTED and raw.confidence >= EXACT_NAME_FLOOR):
        return
    if not (communes and communes.status is FieldStatus.NEEDS_REVIEW and isinstance(communes.value, list)
            and communes.value):
        return
    if not (epci and epci.status is FieldStatus.EXTRACTED and isinstance(epci.value, dict) and epci.value.get("siren")):
        return
    found = cog.epci(epci.value["siren"])
    if found is None:
        return
    if raw.confidence < CONFIRMABLE or epci.confidence < CONFIRMED:
        # Read less surely (a photo, a fax: Tesseract doubts every word of a list), the communes
        # are confirmed only when each is spelt letter for letter as a member of that EPCI: two
        # exact readings of separate lines that agree are no chance.
        if not (all(_exactly_named(entry, cog, departement) and entry.get("code_insee") in found.membres
                    for entry in communes.value if isinstance(entry, dict))
                and porteuse_in_territory(out, communes.value, found, cog, departement,
                                          required=raw.confidence < CONFIRMABLE)):
            return
    entries = []
    for entry in communes.value:
        member = _member_named(entry, found, cog, departement)
        if member is None:
            return
        entries.append(member)
    out["s2.communes"] = replace(communes, value=entries, confidence=max(communes.confidence, CONFIRMED),
                                 status=FieldStatus.EXTRACTED)


def both_confirmed(raw: FieldValue | None, out: dict[str, FieldValue], cog: Cog, departement: str | None) -> None:
    """Communes and EPCI both read unsure (a photo), that agree: the EPCI's name, however
    damaged, nearest one EPCI, and every commune named letter for letter a member of it, or
    (slips in both) the EPCI named clearly in its département and every commune nearer one of
    its members than any other place. Two readings that point at one place by separate roads
    are not chance; both are trusted."""
    communes, epci = out.get("s2.communes"), out.get("s2.epci")
    if not (raw and raw.status is FieldStatus.EXTRACTED and raw.confidence >= EXACT_NAME_FLOOR):
        return
    if not (communes and communes.status is FieldStatus.NEEDS_REVIEW and isinstance(communes.value, list)
            and communes.value and epci and epci.status is FieldStatus.NEEDS_REVIEW
            and isinstance(epci.value, dict) and epci.value.get("nom") and epci.confidence >= EXACT_NAME_FLOOR):
        return
    name = epci.value["nom"]
    match = cog.resolve_epci(name, departement)
    named = match.epci if match and not match.ambiguous else None
    listed = _epci_of_listed(communes, cog)
    exactly_listed = listed is not None and all(_exactly_named(entry, cog, departement) for entry in communes.value)
    if min(raw.confidence, epci.confidence) < CONFIRMABLE:
        # Both read less surely still (a photo's dark half): only names spelt letter for letter,
        # the EPCI's and every commune's, that agree are no chance.
        if not (exactly_listed and named == listed and match.score >= EXACT
                and porteuse_in_territory(out, communes.value, listed, cog, departement, required=True)):
            return
    if exactly_listed and (named == listed or named is None and _nearest_is(name, listed, cog)):
        found, entries = listed, communes.value
    else:
        found = named or (_nearest_in(name, departement, cog) if departement else None)
        if found is None or (departement and departement not in found.departements):
            return
        entries = [_member_named(entry, found, cog, departement) for entry in communes.value]
        if None in entries:
            return
    if epci.value.get("siren") not in (None, found.siren):
        return
    exact = named == found and match.score >= EXACT
    out["s2.epci"] = replace(epci, value={"nom": name if exact else official_epci_name(found), "siren": found.siren},
                             confidence=max(epci.confidence, CONFIRMED), status=FieldStatus.EXTRACTED)
    out["s2.communes"] = replace(communes, value=entries, confidence=max(communes.confidence, CONFIRMED),
                                 status=FieldStatus.EXTRACTED)


def porteuse_in_territory(out: dict[str, FieldValue], entries: list, epci: Epci, cog: Cog,
                          departement: str | None, required: bool = False) -> bool:
    """Whether the porteuse, as the fiche names it, is one of the communes listed or their EPCI.
    A commune porteuse lists itself among its project's communes: a list read unsure that lacks
    it lost a line (or names another place), and agreeing names do not make it whole. A porteuse
    whose name designates nothing vouches for nothing either. `required`: a list read so unsure
    (under CONFIRMABLE) needs the porteuse as a third reading; else an unread one is no objection."""
    field = out.get("s1.collectivite.nom")
    if field is None or not isinstance(field.value, str):
        return not required
    declared = out.get("s1.collectivite.type")
    kind = name_kind(field.value, declared.value if declared and isinstance(declared.value, str) else None)
    entity = resolve_entity(field.value, cog, kind, departement)
    if entity is None:
        return False
    if entity.kind == "epci":
        return entity.code == epci.siren
    return entity.code in {e.get("code_insee") for e in entries if isinstance(e, dict)}


def _exactly_named(entry: dict, cog: Cog, departement: str | None) -> bool:
    """The entry's name spells its commune exactly; with no département read, in the one its
    code lies in ("Saint-André" among Bras-Panon and Saint-Benoît is La Réunion's: the list
    chose the homonym)."""
    departement = departement or cog.departement_of_commune(str(entry.get("code_insee") or ""))
    match = cog.resolve_commune(str(entry.get("nom") or ""), departement)
    return bool(match and not match.ambiguous and match.score >= EXACT and match.code_insee == entry.get("code_insee"))


def _head_naming(written: str, epci: Epci, cog: Cog, departement: str | None) -> str | None:
    """The first words of a value that name the EPCI exactly, the rest being another line read
    with it ("CA du Grand Nord de Mayotte Ateéer des tentures F Flash Fiche de": the next
    page's running header, garbled); None when no shorter head names it."""
    words = written.split()
    for end in range(len(words) - 1, 1, -1):
        match = cog.resolve_epci(" ".join(words[:end]), departement)
        if match is not None and not match.ambiguous and match.score >= EXACT:
            # Only the form's own printed words after it ("… Flash Fiche de"): "Pays d'Uzès
            # Cévennes" may be another EPCI than "Pays d'Uzès", and a reviewer decides.
            tail = {w for w in values.fold(" ".join(words[end:])).split() if len(w) >= 4}
            if match.siren != epci.siren or not tail & _HEADER_WORDS:
                return None
            return " ".join(words[:end])
    return None


_HEADER_WORDS = frozenset(w for text in RUNNING_HEADERS for w in values.fold(text).split() if len(w) >= 4)


def _nearest_in(written: str, departement: str, cog: Cog) -> Epci | None:
    """The EPCI of the département whose name is clearly the nearest the written one, if any."""
    nearest = [(e, score) for e, score in cog.nearest_epcis(written, limit=12) if departement in e.departements]
    return nearest[0][0] if nearest and _nearest_is(written, nearest[0][0], cog) else None


def departement_of_communes(out: dict[str, FieldValue], cog: Cog, raw: FieldValue | None = None) -> None:
    """A département read unsure or not resolving ("42" for 44 on a fax, "Doubs b"), one slip
    from the one every commune listed (read surely) lies in, is that one."""
    field, code = out.get("s2.departement"), communes_departement(out.get("s2.communes"), cog)
    if field and field.status is FieldStatus.EXTRACTED and code and field.value != code and raw is not None \
            and isinstance(raw.value, str) and not _written_out(raw.value, str(field.value), cog):
        # Read surely only as the nearest spelling of another's name ("Isè", the answer cut at its
        # cell's edge, nearest "Oise"): not the communes' one, the reading is doubted and weighed again.
        field = out["s2.departement"] = replace(field, value=raw.value, status=FieldStatus.NEEDS_REVIEW)
    if not (field and field.status is FieldStatus.NEEDS_REVIEW and isinstance(field.value, str) and code):
        return
    if _cut_name_of(field.value, code, cog):
        out["s2.departement"] = _confirmed(field, code)  # "Isè": Isère's head, cut at its cell's edge
        return
    if _epci_ends_naming(out.get("s2.epci"), code, cog):
        # "… LATITUDE NORD GIRONDE Gironde (33)": a photo lost the label "Département", its answer
        # read with the EPCI's; written there as the communes' own: two readings agree.
        out["s2.departement"] = _confirmed(field, code)
        return
    if not _names_a_departement(field.value, cog) and not _head_names(field.value, code, cog):
        # Words that name no département ("tetes des Fche de": the next page's running header
        # read where a photo lost the answer): the communes' one, shown to a reviewer.
        out["s2.departement"] = replace(field, value=code, status=FieldStatus.NEEDS_REVIEW)
        return
    if field.confidence < CONFIRMABLE:
        # "Corse-du-Sud" at 0.3 (Tesseract doubts hyphenated words): spelt exactly as the
        # département every commune lies in, two readings agree
        if raw is not None and isinstance(raw.value, str) and raw.confidence >= EXACT_NAME_FLOOR \
                and re.search(r"[^\W\d_]{4}", raw.value) and cog.departement_code(raw.value, fuzzy=False) == code:
            out["s2.departement"] = _confirmed(field, code)
        return
    head, words = leading_departement(raw.value, cog) if raw is not None and isinstance(raw.value, str) else (None, 0)
    if head not in (None, code) and words < len(raw.value.split()):
        return  # "972 Martinique des Fiche de": its head names another than the communes' one
    written = field.value.strip().upper()
    near = written == code or OSA.distance(written, code) <= 1 and re.fullmatch(r"\d{2,3}|2[AB]", written) \
        or cog.departement_code(field.value) == code or _head_names(field.value, code, cog)
    if near:
        out["s2.departement"] = _confirmed(field, code)


def _written_out(text: str, code: str, cog: Cog) -> bool:
    """The text holds the département's code, or is its name whole ("Charente-Mar" is not the Charente)."""
    departement = cog.departements.get(code)
    return bool(re.search(rf"(?<![\dA-Z]){code}(?![\dA-Z])", text.upper())) \
        or departement is not None and values.fold(departement.nom) == values.fold(re.sub(r"\d", " ", text))


def _cut_name_of(text: str, code: str, cog: Cog) -> bool:
    """The text is the head of the département's name, three letters at least, cut short ("Isè")."""
    head = values.fold(text).strip()
    name = values.fold(cog.departements[code].nom)
    return bool(re.fullmatch(r"[a-z][a-z ]{2,}", head)) and len(head) < len(name) and name.startswith(head)


def _confirmed(field: FieldValue, code: str) -> FieldValue:
    """The département `code`, sure: two readings of the fiche agree on it."""
    return replace(field, value=code, confidence=max(field.confidence, CONFIRMED), status=FieldStatus.EXTRACTED)


_DEPARTEMENT_TAIL = re.compile(r"(?P<name>[^\W\d_][\w'’ -]{2,40}?)\s*\(\s*(?P<code>\d{2,3}|2[AB])\s*\)\s*$")


def _epci_ends_naming(epci: FieldValue | None, code: str, cog: Cog) -> bool:
    """The EPCI's value, read surely, ends with a département written in full, name and code
    ("Gironde (33)"), both naming that one."""
    if not (epci and epci.status is FieldStatus.EXTRACTED and isinstance(epci.value, dict)):
        return False
    tail = _DEPARTEMENT_TAIL.search(str(epci.value.get("nom") or ""))
    if tail is None or tail.group("code").upper() != code:
        return False
    words = tail.group("name").split()
    return any(cog.departement_code(" ".join(words[start:]), fuzzy=False) == code for start in range(len(words)))


def _head_names(text: str, code: str, cog: Cog) -> bool:
    """The value's first words name the département exactly, the rest being another line read
    with it ("974 La Réunion des Fiche de": the next page's running header on a photo): its
    code written first, or its name spelt out at the head."""
    if cog.departement_code(text) not in (None, code):
        return False  # the whole names another ("Loire Atlantique" is not the Loire)
    words = text.split()
    if words and words[0].upper() == code:
        return True
    return any(cog.departement_code(" ".join(words[:end]), fuzzy=False) == code for end in range(1, len(words)))


def _names_a_departement(text: str, cog: Cog) -> bool:
    """Whether a read holds a code or resolves to a département at all, however unsure."""
    return bool(re.search(r"\d|\b2[AB]\b", text)) or cog.departement_code(text) is not None


def _member_named(entry: dict, epci: Epci, cog: Cog, departement: str | None) -> dict | None:
    """The entry as a member of the EPCI: as read when it names one exactly, else the one member
    its name comes nearest (with the official name); None when it names no member for sure."""
    name = str(entry.get("nom") or "")
    if _exactly_named(entry, cog, departement):
        return entry if entry.get("code_insee") in epci.membres else None
    near = cog.closest_among(name, epci.membres, epci.departements)
    if near is None:
        return None
    commune, _ = near
    return {"nom": commune.nom, "code_insee": commune.code}


_NATURE_WORDS = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération", "CU": "Communauté urbaine"}


def official_epci_name(epci: Epci) -> str:
    """The EPCI's official name with its kind spelt out ("Communauté de communes du Diois")."""
    short, _, rest = epci.nom.partition(" ")
    return f"{_NATURE_WORDS[short]} {rest}" if short in _NATURE_WORDS and rest else epci.nom


NEAR_ENOUGH = 75  # token-sort ratio of a name a photo damaged ("Coeur de FIanEe") to the official one
AHEAD_BY = 5  # and the official one that far ahead of any other EPCI's name


def _nearest_is(written: str, epci: Epci, cog: Cog) -> bool:
    """Whether the EPCI's official name, of all those of its départements, is clearly the one
    nearest the written one (an EPCI across France spelt alike is no rival: the communes listed
    are here)."""
    nearest = [(e, score) for e, score in cog.nearest_epcis(written, limit=12)
               if set(e.departements) & set(epci.departements)]
    if not nearest or nearest[0][0].siren != epci.siren or nearest[0][1] < NEAR_ENOUGH:
        return False
    return len(nearest) < 2 or nearest[1][1] <= nearest[0][1] - AHEAD_BY


def _epci_of_listed(communes: FieldValue | None, cog: Cog) -> Epci | None:
    """The one EPCI every commune listed in section 2 belongs to."""
    codes = [c.get("code_insee") for c in communes.value] \
        if communes and isinstance(communes.value, list) else []
    if not codes or not all(codes):
        return None
    shared = set.intersection(*({e.siren for e in cog.epcis_of_commune(code)} for code in codes))
    return cog.epci(shared.pop()) if len(shared) == 1 else None


def region_of_departement(out: dict[str, FieldValue], cog: Cog) -> None:
    """A région read unsure (a fax's "Région Martinique" at 0.54, or moved from under a label a
    photo lost) that is the région of the département read surely: two readings agree."""
    field, departement = out.get("s2.region"), out.get("s2.departement")
    if field and field.value is None and field.status is FieldStatus.NEEDS_REVIEW and departement \
            and departement.status is FieldStatus.EXTRACTED and departement.value in cog.departements:
        # A région OCR lost (its cell read empty, or its label unread): the département's, a
        # proposal for a reviewer, never confirmed by anything (below CONFIRMABLE).
        out["s2.region"] = replace(field, value=cog.departements[departement.value].region, confidence=DEDUCED)
        return
    if not (field and field.status is FieldStatus.NEEDS_REVIEW and isinstance(field.value, str)
            and field.confidence >= CONFIRMABLE and departement and departement.status is FieldStatus.EXTRACTED
            and isinstance(departement.value, str) and departement.value in cog.departements):
        return
    region = cog.departements[departement.value].region
    if region == field.value or region in cog.regions and _slipped_region(field.value, region, cog):
        out["s2.region"] = replace(field, value=region, confidence=max(field.confidence, CONFIRMED),
                                   status=FieldStatus.EXTRACTED)


def _slipped_region(written: str, region: str, cog: Cog) -> bool:
    """A région name read with a slip or two ("Normatidie") that comes nearer the département's
    région than any other: the eighteen names are far apart, and the département vouches."""
    key = values.fold(re.sub(r"(?i)^r[ée]gion\s+", "", written.strip()))
    if len(key) < 5 or cog.region_code(written) is not None:
        return False
    distance = {code: OSA.distance(key, values.fold(r.nom)) for code, r in cog.regions.items()}
    nearest = sorted(distance.values())
    return distance[region] == nearest[0] <= 2 and (len(nearest) < 2 or nearest[1] >= distance[region] + 3)
