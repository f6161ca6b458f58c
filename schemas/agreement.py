"""Readings confirmed, or left doubtful, by what the dossier surely says elsewhere: the porteuse
by section 2, the letter's collectivité by the porteuse (and the signatory's quality), the
préfecture's département by the territory, the place the fiche was signed by its communes."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.fields.answer_text import misspelt_kind
from extractors.model import FieldStatus, FieldValue
from extractors.vocabulary import MAIRE, PRESIDENT_EPCI
from schemas import values
from schemas.cog import Cog
from schemas.cog_names import commune_keys, epci_key, name_slips
from schemas.communes import resembles
from schemas.section2 import CONFIRMABLE, CONFIRMED, EXACT_NAME_FLOOR
from schemas.territoire import (
    Entity,
    epci_word_slipped,
    letter_entity,
    letter_name,
    mend_designation,
    name_kind,
    porteuse_respelt,
    resolve_entity,
    same_name,
)

LETTER_COLLECTIVITE = "courrier_collectivite.collectivite"
PORTEUSE = "s1.collectivite.nom"


def porteuse_confirmed(raw: FieldValue | None, out: dict[str, FieldValue], cog: Cog,
                        departement: str | None) -> None:
    """The porteuse's name read unsure (Tesseract doubts short or accented words) but naming,
    letter for letter, a commune listed in section 2 or its EPCI, both read surely: two
    readings agree, and the name is trusted. Read less surely still (a photo: 0.3 to 0.5), the
    letter naming that very commune or EPCI letter for letter too makes a third reading that agrees."""
    field = out.get(PORTEUSE)
    if not (field and field.status is FieldStatus.NEEDS_REVIEW and isinstance(field.value, str)
            and raw is not None and (raw.status is FieldStatus.EXTRACTED or _kind_slip_only(raw))):
        return
    kind = name_kind(field.value)
    if kind == "commune":
        match = cog.resolve_commune(field.value, departement)
        listed = {c.get("code_insee") for c in _trusted_value(out, "s2.communes") or [] if isinstance(c, dict)}
        agrees = _exact(match) and match.code_insee in listed and (
            raw.confidence >= CONFIRMABLE or raw.confidence >= EXACT_NAME_FLOOR
            and _letter_names_exactly(out, cog, match.code_insee, departement))
        if match and not match.ambiguous and match.score < 1.0 and match.code_insee in listed \
                and _letter_names_exactly(out, cog, match.code_insee, departement):
            # "Ville de Saint-Picrre-en-Auge": slips from a commune section 2 lists and the letter
            # names exactly; three readings agree, the name is the COG's. However unsure Tesseract
            # was of a fax's long name ("Saint-Étienne-cle-Saint-Gcoirs" at 0.23): its letters are
            # replaced, and those it read are within OCR's tolerance of that one commune alone.
            respelt = porteuse_respelt(field.value, match.commune.nom)
            if respelt is not None:
                out[PORTEUSE] = replace(field, value=respelt, confidence=max(field.confidence, CONFIRMED),
                                        status=FieldStatus.EXTRACTED)
            return
    elif kind == "epci":
        match = cog.resolve_epci(field.value, departement)
        epci = _trusted_value(out, "s2.epci")
        agrees = _exact(match) and (isinstance(epci, dict) and match.siren == epci.get("siren")) and (
            raw.confidence >= CONFIRMABLE or raw.confidence >= EXACT_NAME_FLOOR
            and letter_names_epci(out.get(LETTER_COLLECTIVITE), match.siren, cog, departement)) \
            and not epci_word_slipped(field.value, cog, departement)  # "…Métropolc": not letter for letter
    else:
        return
    if agrees:
        out[PORTEUSE] = replace(field, confidence=max(field.confidence, CONFIRMED), status=FieldStatus.EXTRACTED)


def porteuse_named_by_letter(raw: FieldValue | None, letter: FieldValue | None, out: dict[str, FieldValue],
                             cog: Cog, departement: str | None) -> None:
    """A porteuse doubted at reading for its place (a photo mixed its line with the lost label's:
    "Manet) du / Ville Marin"), whose name is letter for letter a commune that section 2 lists
    surely (or the EPCI it names surely) and that the letter, a separate document, names exactly
    too: three readings agree, the name is trusted. A name mended or respelt stays for a reviewer."""
    field = out.get(PORTEUSE)
    kind = name_kind(field.value) if field and isinstance(field.value, str) else None
    if not (field and field.status is FieldStatus.NEEDS_REVIEW and kind in ("commune", "epci")
            and raw is not None and raw.status is FieldStatus.NEEDS_REVIEW and raw.value == field.value
            and raw.confidence >= CONFIRMABLE
            and letter is not None and letter.status is FieldStatus.EXTRACTED and isinstance(letter.value, str)
            and letter.confidence >= SIGNED_FOR):
        return
    if kind == "commune":
        match = cog.resolve_commune(field.value, departement)
        listed = {c.get("code_insee") for c in _trusted_value(out, "s2.communes") or [] if isinstance(c, dict)}
        agrees = _exact(match) and match.code_insee in listed \
            and _names_commune(letter.value, cog, match.code_insee, departement)
    else:
        match, epci = cog.resolve_epci(field.value, departement), _trusted_value(out, "s2.epci")
        named = cog.resolve_epci(letter.value, departement)
        agrees = _exact(match) and isinstance(epci, dict) and match.siren == epci.get("siren") \
            and _exact(named) and named.siren == match.siren and not epci_word_slipped(field.value, cog, departement)
    if agrees:
        out[PORTEUSE] = replace(field, confidence=max(field.confidence, CONFIRMED), status=FieldStatus.EXTRACTED)


def letter_names_epci(letter: FieldValue | None, siren: str, cog: Cog, departement: str | None) -> bool:
    """The letter's collectivité, as read (surely enough to be confirmed), names that EPCI letter
    for letter: a separate document's reading."""
    if not (letter is not None and letter.status is FieldStatus.EXTRACTED and isinstance(letter.value, str)
            and letter.confidence >= CONFIRMABLE):
        return False
    match = cog.resolve_epci(letter.value, departement)
    return _exact(match) and match.siren == siren


def epci_vouched_by_letter(letter: FieldValue | None, out: dict[str, FieldValue], cog: Cog,
                           departement: str | None) -> None:
    """An EPCI read surely but under CONFIRMED (a photo: 0.82), named exactly, that the letter of
    the collectivité names exactly too (same SIREN): two readings of two documents agree, and the
    EPCI may vouch for the communes listed as one read at CONFIRMED does."""
    epci = out.get("s2.epci")
    if not (epci and epci.status is FieldStatus.EXTRACTED and isinstance(epci.value, dict)
            and epci.value.get("siren") and isinstance(epci.value.get("nom"), str)
            and CONFIRMABLE <= epci.confidence < CONFIRMED):
        return
    siren = epci.value["siren"]
    match = cog.resolve_epci(epci.value["nom"], departement)
    if _exact(match) and match.siren == siren and letter_names_epci(letter, siren, cog, departement):
        out["s2.epci"] = replace(epci, confidence=CONFIRMED)


def _letter_names_exactly(out: dict[str, FieldValue], cog: Cog, code: str, departement: str | None) -> bool:
    """The letter's collectivité, read surely, names the commune `code` letter for letter."""
    return _names_commune(_trusted_value(out, LETTER_COLLECTIVITE), cog, code, departement)


def _names_commune(name, cog: Cog, code: str, departement: str | None) -> bool:
    """Whether `name` resolves letter for letter to the commune `code` alone."""
    match = cog.resolve_commune(name, departement) if isinstance(name, str) else None
    return _exact(match) and match.code_insee == code


def _exact(match) -> bool:
    """A resolution letter for letter, to one entity."""
    return bool(match and not match.ambiguous and match.score >= 1.0)


def _kind_slip_only(raw: FieldValue) -> bool:
    """A porteuse doubted at reading for its kind word read one letter off ("Cammune de …"),
    which the normaliser spelt right: that doubt is settled; the name is then confirmed or not."""
    return raw.status is FieldStatus.NEEDS_REVIEW and isinstance(raw.value, str) \
        and misspelt_kind(raw.value) and mend_designation(raw.value)[1]


PORTEUSE_NAMES_FLOOR = 0.30  # a list read less surely than this is not confirmed, however it agrees


def commune_named_by_porteuse(raw: FieldValue | None, out: dict[str, FieldValue], cog: Cog,
                              departement: str | None) -> None:
    """One commune listed, read too unsure for the EPCI alone to confirm it (Tesseract doubts a
    short name: "Biot" at 0.47), whose name is letter for letter that of the commune porteuse,
    read surely, and a member of the EPCI read surely: three readings agree, it is trusted.
    A name one slip off ("Le Pont" for Le Port at 0.42 on a photo) that resolved to that very
    commune agrees too: it is given as the COG spells it."""
    communes, epci = out.get("s2.communes"), _trusted_value(out, "s2.epci")
    # A list doubted at reading for its place (its label lost on a photo, its first line low) may
    # have lost a commune; a communale échelle, read surely, says there is just one.
    placed = raw is not None and (raw.status is FieldStatus.EXTRACTED
                                  or _trusted_value(out, "s2.echelle") == "communale")
    if not (raw and placed and raw.confidence >= PORTEUSE_NAMES_FLOOR
            and communes and communes.status is FieldStatus.NEEDS_REVIEW and isinstance(communes.value, list)
            and len(communes.value) == 1 and isinstance(communes.value[0], dict)
            and isinstance(epci, dict) and epci.get("siren")):
        return
    porteuse = _porteuse(out, cog, departement)
    entry = communes.value[0]
    if porteuse is None or porteuse.kind != "commune" or entry.get("code_insee") != porteuse.code \
            or not _one_slip_at_most(entry.get("nom") or "", porteuse.nom) \
            or not cog.commune_in_epci(porteuse.code, epci["siren"]):
        return
    value = communes.value if values.fold(entry.get("nom") or "") == values.fold(porteuse.nom) \
        else [{**entry, "nom": porteuse.nom}]
    out["s2.communes"] = replace(communes, value=value, confidence=max(communes.confidence, CONFIRMED),
                                 status=FieldStatus.EXTRACTED)


def _one_slip_at_most(written: str, official: str) -> bool:
    """The written name is the official one, or one OCR slip from it in a name of four letters or more."""
    slips = name_slips(written, official)
    return slips == 0 or len(commune_keys(official)[1].replace(" ", "")) >= 4 and slips <= 1


def letter_collectivite_resolved(raw: FieldValue | None, out: dict[str, FieldValue], cog: Cog,
                         departement: str | None) -> None:
    """The collectivité a letter speaks for, resolved to the same entities as section 2.

    Its name is then the entity's (as the letter writes it when exact, else the official one);
    a name that resolves to nothing, or only by an OCR-tolerant match to an entity the dossier
    does not name elsewhere, is for a reviewer, whatever the reading's confidence. A name read
    with a weaker rule (the body's "le soutien de la commune de …") that is exactly the
    porteuse of the fiche is confirmed by it: two readings agree.
    """
    field = out.get(LETTER_COLLECTIVITE)
    if field is None or not isinstance(field.value, str) or field.status is FieldStatus.MISSING:
        return
    porteuse = _porteuse(out, cog, departement)
    near = ([porteuse] if porteuse else []) + _section_2_entities(out, cog)
    departements = [departement, _trusted_value(out, "courrier_prefet.departement")]
    departements += sorted({d for e in near if e.kind == "commune" for d in e.departements})
    found = letter_entity(field.value, cog, departements, near)
    whole = _DANGLING.sub("", field.value)  # "… du Sud de": a line's link word, the next line's name lost
    if whole != field.value and (again := letter_entity(whole, cog, departements, near)) is not None and again[1]:
        field, found = replace(field, value=whole), again
    if found is None and (head := _head_naming_known(field.value, cog, departements, near)) is not None:
        field, found = replace(field, value=head[0]), head[1]
    if found is None and raw is not None and raw.status is FieldStatus.EXTRACTED and raw.confidence >= CONFIRMABLE \
            and (found := _epci_word_lost(field.value, near, out)) is not None:
        field = replace(field, confidence=max(field.confidence, CONFIRMED), status=FieldStatus.EXTRACTED)
    if found is None:
        named = _trusted_value(out, "s1.collectivite.nom")
        if not (isinstance(named, str) and same_name(field.value, named)):  # nobody vouches for it
            out[LETTER_COLLECTIVITE] = replace(field, status=FieldStatus.NEEDS_REVIEW)
            return
        if porteuse is None:  # the fiche's own name, which the COG does not know either
            return
        found = (porteuse, False)  # "Ville de Hôtel de ville -Combourg": the porteuse's name, read badly
    entity, exact = found
    known = any((entity.kind, entity.code) == (e.kind, e.code) for e in near)
    trusted = field.status is FieldStatus.EXTRACTED and (exact or known)
    if exact and porteuse and (entity.kind, entity.code) == (porteuse.kind, porteuse.code) and raw is not None \
            and raw.status is FieldStatus.EXTRACTED \
            and (raw.confidence >= CONFIRMABLE or raw.confidence >= SIGNED_FOR and _signs_for(out, entity)
                 and _designated(raw.value)):
        # A reading this unsure with its signatory's quality agreeing is confirmed only when it
        # carries the letter's own designation ("Commune de La Possession" under a stamp). A town
        # alone (its letterhead unread: named only by "Le Maire de …" or the body) still speaks
        # for the porteuse, but how the letter designates itself ("Ville de", "Mairie de") was not
        # read: that name is for a reviewer, and the verdict takes its entity (completeness.letter_vouched).
        field, trusted = replace(field, confidence=max(field.confidence, CONFIRMED)), True
    elif exact and porteuse is None and known and raw is not None and raw.status is FieldStatus.EXTRACTED \
            and raw.confidence >= CONFIRMABLE and _signs_for(out, entity):
        # the fiche's porteuse unread, its section 2 read surely: the letter names exactly one of
        # its entities and is signed by that kind's head (a président for its EPCI): three readings agree
        field, trusted = replace(field, confidence=max(field.confidence, CONFIRMED)), True
    out[LETTER_COLLECTIVITE] = replace(field, value=letter_name(field.value, entity, exact),
                                       status=FieldStatus.EXTRACTED if trusted else FieldStatus.NEEDS_REVIEW)


def _epci_word_lost(name: str, near: list[Entity], out: dict[str, FieldValue]) -> tuple[Entity, bool] | None:
    """"CA de la Réunion Est (CIREST)" on a photo that lost "Intercommunale": an EPCI's name that
    resolves to nothing, whose words are, in order, those of exactly one EPCI the dossier names
    surely (section 2, the porteuse) but one, its nature the same, and the letter signed by a
    président, surely read: three readings agree on the EPCI. Never exact: its official name."""
    if name_kind(name) != "epci":
        return None
    key, nature = epci_key(name)
    words = key.split()
    if len(words) < 2:
        return None
    officials = ((e, epci_key(e.nom)) for e in near if e.kind == "epci")
    matches = [e for e, (official, kind) in officials
               if nature in (None, kind) and _one_word_lost(words, official.split())]
    if len({e.code for e in matches}) != 1 or not _signs_for(out, matches[0]):
        return None
    return matches[0], False


def _one_word_lost(words: list[str], official: list[str]) -> bool:
    """The official words, in order, with exactly one of them missing."""
    return len(official) == len(words) + 1 and any(official[:i] + official[i + 1:] == words
                                                   for i in range(len(official)))


def _designated(name: str) -> bool:
    """A name that carries a designation of its own: an EPCI's ("Communauté de communes …"), or a
    commune's word before its link word ("Ville de", "Mairie du"); a town alone is not, even one
    whose name opens with such a word ("La Ville-aux-Dames", "Mairie-sur-…": a hyphen, no link)."""
    return name_kind(name) == "epci" or _COMMUNE_DESIGNATED.match(name) is not None


_COMMUNE_DESIGNATED = re.compile(r"(?i)^\s*(?:(?:la|le)\s+)?(?:commune|ville|mairie|cit[ée]|h[ôo]tel\s+de\s+ville)"
                                 r"\s+(?:de|du|des|d['’])(?:\s|(?<=['’]))")
_DANGLING = re.compile(r"(?i)[\s,]+(?:de|du|des|d['’]|la|le|les|l['’]|et|en|sur|sous)\s*$")
_LINK = re.compile(r"(?i)^(?:de|du|des|d['’]|la|le|les|l['’]|en|sur|sous)$")


def _head_naming_known(name: str, cog: Cog, departements: list, near: list[Entity]) -> tuple[str, tuple] | None:
    """"Ville des Anses-d'Arlet de Libération" (the letterhead's next line, "place de la Libération",
    read on with its low words dropped): a name that resolves to nothing whole, whose first words
    name exactly an entity the dossier names elsewhere, the rest opening on a link word. Only a
    known entity: a head that names another place ("Commune de Saint-Martin") proves nothing."""
    words = name.split()
    for end in range(len(words) - 1, 1, -1):
        if not _LINK.match(words[end]):
            continue
        head = " ".join(words[:end]).rstrip(" ,;:.-–—")
        found = letter_entity(head, cog, departements, near)
        if found is not None and found[1] and any((found[0].kind, found[0].code) == (e.kind, e.code) for e in near):
            return head, found
    return None


PREFET_DEPARTEMENT = "courrier_prefet.departement"


def prefet_departement_confirmed(out: dict[str, FieldValue], cog: Cog, departement: str | None) -> None:
    """The préfecture's département read with slips ("PRÉFÈTE DES PYRÉNÉES-ORIENT4LES" on a
    photo) is confirmed when it is the département of the territory as the dossier surely names
    it elsewhere (section 2, the porteuse, the letter's collectivité): two independent readings
    agree. A letter from another département stays for a reviewer."""
    field = out.get(PREFET_DEPARTEMENT)
    if field is None or field.status is not FieldStatus.NEEDS_REVIEW or not isinstance(field.value, str):
        return
    entities = _section_2_entities(out, cog) + [e for e in (_porteuse(out, cog, departement),) if e]
    letter = _trusted_value(out, LETTER_COLLECTIVITE)
    found = letter_entity(letter, cog, [departement], entities) if isinstance(letter, str) else None
    entities += [found[0]] if found else []
    territory = {d for e in entities for d in e.departements}
    territory |= {d for d in (_trusted_value(out, "s2.departement"),) if isinstance(d, str)}
    code = field.value if field.value in cog.departements else _homonym_in(field.value, territory, cog)
    if code in territory:
        out[PREFET_DEPARTEMENT] = replace(field, value=code, confidence=max(field.confidence, CONFIRMED),
                                          status=FieldStatus.EXTRACTED)


def _homonym_in(town: str, territory: set[str], cog: Cog) -> str | None:
    """The département of the one commune of this exact name in the territory, where the letter
    names its préfecture only by a town that has homonyms elsewhere ("Saint-Denis, le 9 juillet":
    Réunion's, not Seine-Saint-Denis's, for a dossier of La Réunion)."""
    match = cog.resolve_commune(town)
    if match is None or match.score < 1.0:
        return None
    inside = {c.departement for c in match.candidates} & territory
    return inside.pop() if len(inside) == 1 else None


SIGNED_FOR = 0.30  # a reading this unsure is confirmed only when the signatory's quality agrees too
SIGNS_FOR = {MAIRE: "commune", PRESIDENT_EPCI: "epci"}  # a quality, the kind of collectivité it heads


def _signs_for(out: dict[str, FieldValue], entity: Entity) -> bool:
    """Whether the letter's signatory, surely read, is the head of that kind of collectivité
    (a maire for a commune, a président for an EPCI): "Le Maire de La Possession" under a
    stamp, read with slips, then says the same as the fiche and the quality line."""
    quality = _trusted_value(out, "courrier_collectivite.signataire_qualite")
    return SIGNS_FOR.get(quality) == entity.kind
def lieu_named_elsewhere(out: dict[str, FieldValue], cog: Cog, departement: str | None) -> None:
    """"Fait à Le Poufiguen": a place the COG does not know, one slip from the one commune the
    dossier names surely (the porteuse, section 2) that it resembles: that commune's name, still
    for a reviewer."""
    field = out.get("fiche.lieu")
    if not (field and field.status is FieldStatus.NEEDS_REVIEW and isinstance(field.value, str)
            and not cog.is_commune_name(field.value)):
        return
    porteuse = _porteuse(out, cog, departement)
    named = {e.nom for e in ([porteuse] if porteuse else []) + _section_2_entities(out, cog) if e.kind == "commune"}
    like = [nom for nom in named if resembles(field.value, nom)]
    if len(like) == 1:
        out["fiche.lieu"] = replace(field, value=like[0])


def _trusted_value(out: dict[str, FieldValue], field_id: str):
    field = out.get(field_id)
    return field.value if field is not None and field.status is FieldStatus.EXTRACTED else None


def _porteuse(out: dict[str, FieldValue], cog: Cog, departement: str | None) -> Entity | None:
    """The collectivité porteuse named in the fiche, where it resolves."""
    named = _trusted_value(out, "s1.collectivite.nom")
    if not isinstance(named, str):
        return None
    declared = _trusted_value(out, "s1.collectivite.type")
    return resolve_entity(named, cog, name_kind(named, declared if isinstance(declared, str) else None), departement)


def _section_2_entities(out: dict[str, FieldValue], cog: Cog) -> list[Entity]:
    """The communes and the EPCI of section 2, where they resolve."""
    found = []
    for entry in _trusted_value(out, "s2.communes") or []:
        commune = cog.commune(entry.get("code_insee") or "") if isinstance(entry, dict) else None
        if commune:
            found.append(Entity("commune", commune.code, commune.nom, frozenset({commune.departement})))
    epci = _trusted_value(out, "s2.epci")
    found_epci = cog.epci(epci.get("siren") or "") if isinstance(epci, dict) else None
    if found_epci:
        found.append(Entity("epci", found_epci.siren, found_epci.nom, frozenset(found_epci.departements)))
    return found


EMAIL_CONFIRMABLE = 0.40  # an address read less surely is not confirmed, however well it agrees
_EMAIL_OWNERS = (("s1.etat.referent_email", "s1.etat.referent_nom", True),
                 ("s1.collectivite.contact_email", "s1.collectivite.contact_nom", False))


def emails_confirmed(out: dict[str, FieldValue], cog: Cog) -> None:
    """An address read unsure (Tesseract doubts dots, "@" and long words) whose local part spells
    its owner's name as the fiche reads it, and whose domain is a name the dossier surely gives
    (the service's, the porteuse's, a commune's, the EPCI's, the département's): two readings
    agree letter for letter, and the address is trusted."""
    candidates = []
    for email_id, name_id, state in _EMAIL_OWNERS:
        email, name = out.get(email_id), out.get(name_id)
        if email and name and email.status is FieldStatus.NEEDS_REVIEW and isinstance(email.value, str) \
                and isinstance(name.value, str) and email.confidence >= EMAIL_CONFIRMABLE \
                and name.confidence >= EMAIL_CONFIRMABLE and values.email_spells_name(email.value, name.value):
            candidates.append((email_id, email, state))
    if not candidates:
        return
    names = [v for v in (_trusted_value(out, f) for f in ("s1.etat.service", PORTEUSE, "fiche.lieu"))
             if isinstance(v, str)]
    names += [c.get("nom") or "" for c in _trusted_value(out, "s2.communes") or [] if isinstance(c, dict)]
    epci = _trusted_value(out, "s2.epci")
    if isinstance(epci, dict):
        official = cog.epci(epci.get("siren") or "")
        names += [epci.get("nom") or ""] + ([official.nom] if official else [])
    departement = _trusted_value(out, "s2.departement")
    names += [cog.departements[departement].nom] if departement in cog.departements else []
    for email_id, email, state in candidates:
        if values.domain_names(email.value.partition("@")[2], names, state):
            out[email_id] = replace(email, confidence=max(email.confidence, CONFIRMED), status=FieldStatus.EXTRACTED)
