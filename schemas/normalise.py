"""Turn raw extracted values into the contract's types; what does not validate goes to review."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from extractors.model import FieldStatus, FieldValue
from extractors.vocabulary import QUALITES
from schemas import values
from schemas.agreement import (
    LETTER_COLLECTIVITE,
    PORTEUSE,
    SIGNED_FOR,
    commune_named_by_porteuse,
    emails_confirmed,
    epci_vouched_by_letter,
    letter_collectivite_resolved,
    letter_names_epci,
    lieu_named_elsewhere,
    porteuse_confirmed,
    porteuse_named_by_letter,
    prefet_departement_confirmed,
)
from schemas.cog import Cog
from schemas.cog_names import commune_keys
from schemas.communes import parse_communes
from schemas.departement_text import departement_code, departement_read
from schemas.email_domains import domains_mended_by_places
from schemas.phone_place import of_the_dossier, phones_placed_by_communes
from schemas.porteuse_letters import porteuse_spelt_as_named
from schemas.rawdump import dump
from schemas.section2 import (
    CONFIRMABLE,
    CONFIRMED,
    both_confirmed,
    communes_confirmed_by_epci,
    departement_of_communes,
    epci_confirmed_by_communes,
    epci_from_communes,
    epci_vouched_by_porteuse,
    region_of_departement,
)
from schemas.service_place import placed
from schemas.territoire import cte_spelt_out, designation_mended, epci_word_slipped, porteuse_spelt, without_form_tail

log = logging.getLogger(__name__)

REVIEW_BELOW = 0.70  # a value read with less confidence is shown to a reviewer, never trusted
# A person's name or an address is right only to the letter: one letter misread ("Paséale"), an
# initial and its dot lost ("luciani@" for "l.luciani@") and it is wrong, and no lexicon or
# checksum catches it. On the unseen tune set and a study draw, such values read between 0.70
# and 0.80 were wrong 5 times in 18; none of these fields decides a verdict, so doubt costs
# no dossier.
IDENTITY_REVIEW_BELOW = 0.80
IDENTITY_FIELDS = {
    "s1.etat.referent_nom", "s1.etat.referent_email", "s1.collectivite.elu_nom",
    "s1.collectivite.contact_nom", "s1.collectivite.contact_email",
    "courrier_collectivite.signataire_nom", "courrier_prefet.signataire_nom",
}
TEXT_FIELDS = {
    "fiche.lieu", "s1.etat.service", "s1.etat.referent_nom", "s1.etat.referent_fonction",
    "s1.collectivite.nom", "s1.collectivite.elu_nom", "s1.collectivite.elu_qualite",
    "s1.collectivite.contact_nom", "s1.partenaires", "s2.secteur", "s3.intitule", "s3.description",
    "s4.objectifs", "s4.attendus", "s4.calendrier", "s5.documents", "s5.acteurs", "s5.moyens",
    "a1.dynamiques_territoire", "a2.dynamiques_amenagement",
    "courrier_collectivite.signataire_nom", "courrier_collectivite.collectivite",
    "courrier_prefet.signataire_nom",
}


def normalise_fields(raw: Mapping[str, FieldValue], cog: Cog) -> dict[str, FieldValue]:
    """Every field in its contract type; low confidence or failed validation: needs_review."""
    dump(raw)  # for bench/review_reasons.py, when asked
    departement = _departement(raw.get("s2.departement"), cog)
    epci = _epci_siren(raw.get("s2.epci"), cog, departement)
    out = {}
    contradicted = False  # a commune's written code names another one: nothing else vouches for it
    for field_id, value in raw.items():
        if value.status is FieldStatus.NEEDS_REVIEW and value.value is None:
            out[field_id] = value  # undecidable (a signature too faint to call): for a reviewer, unguessed
            continue
        if value.status is FieldStatus.MISSING or value.value is None:
            out[field_id] = FieldValue.missing()
            continue
        if field_id == "s2.communes":
            parsed, trusted, confirmed, contradicted = _communes(value.value, cog, departement, epci,
                                                                value.confidence)
            if confirmed and value.confidence >= CONFIRMABLE:  # every name agrees with its written code
                value = replace(value, confidence=max(value.confidence, CONFIRMED))
        else:
            parsed, trusted = _normaliser(field_id)(value.value, cog, departement)
        trusted = trusted and value.confidence >= review_below(field_id) \
            and value.status is not FieldStatus.NEEDS_REVIEW
        status = FieldStatus.EXTRACTED if trusted else FieldStatus.NEEDS_REVIEW
        out[field_id] = replace(value, value=value.value if parsed is None else parsed, status=status)
    epci_from_communes(out, cog)
    if not contradicted:
        epci_confirmed_by_communes(out, cog, departement)
        epci_vouched_by_porteuse(out, cog, departement)
        epci_vouched_by_letter(raw.get(LETTER_COLLECTIVITE), out, cog, departement)
        communes_confirmed_by_epci(raw.get("s2.communes"), out, cog, departement)
        both_confirmed(raw.get("s2.communes"), out, cog, departement)
    porteuse_confirmed(raw.get(PORTEUSE), out, cog, departement)
    porteuse_named_by_letter(raw.get(PORTEUSE), raw.get(LETTER_COLLECTIVITE), out, cog, departement)
    _abbreviated_porteuse_confirmed(raw.get(PORTEUSE), out, cog, departement, raw.get(LETTER_COLLECTIVITE))
    if not contradicted:  # a written code naming another commune: a reviewer decides
        commune_named_by_porteuse(raw.get("s2.communes"), out, cog, departement)
    departement_of_communes(out, cog, raw.get("s2.departement"))  # the communes as confirmed above
    if departement is None:
        phones_placed_by_communes(out, cog)
    region_of_departement(out, cog)
    letter_collectivite_resolved(raw.get(LETTER_COLLECTIVITE), out, cog, departement)
    # the letter, now resolved and confirmed, may vouch for a porteuse read with a slip
    porteuse_confirmed(raw.get(PORTEUSE), out, cog, departement)
    prefet_departement_confirmed(out, cog, departement)
    lieu_named_elsewhere(out, cog, departement)
    for email_id, name_id in EMAIL_OWNERS:
        _email_against_name(out, email_id, name_id)
    _same_person_spelt_alike(out, "s1.collectivite.elu_nom", "courrier_collectivite.signataire_nom")
    _state_address(out, "s1.etat.referent_email")
    emails_confirmed(out, cog)
    domains_mended_by_places(out, cog, departement)
    _no_only_when_read_exactly(out, "courrier_prefet.destinataire_dgaln")
    porteuse_spelt_as_named(raw.get(PORTEUSE), out, cog, departement)
    return out


def _no_only_when_read_exactly(out: dict[str, FieldValue], field_id: str) -> None:
    """"Not addressed to the DGALN" is a defect of the dossier: asserted only on a reading as
    sure as a text layer's. On a scan or a photo the addressee block is often read in part
    (its "DGALN / DHUP / AD1" line dropped, a line cut in two), and what was not read there
    says nothing of what was written: a reviewer looks."""
    field = out.get(field_id)
    if field is not None and field.value is False and field.status is FieldStatus.EXTRACTED \
            and field.confidence < READ_EXACTLY:
        out[field_id] = replace(field, status=FieldStatus.NEEDS_REVIEW)


def review_below(field_id: str) -> float:
    """The confidence under which a value of this field is for a reviewer."""
    return IDENTITY_REVIEW_BELOW if field_id in IDENTITY_FIELDS else REVIEW_BELOW


EMAIL_OWNERS = (("s1.etat.referent_email", "s1.etat.referent_nom"),
                ("s1.collectivite.contact_email", "s1.collectivite.contact_nom"))


def _email_against_name(out: dict[str, FieldValue], email_id: str, name_id: str) -> None:
    """An address built on its owner's name that spells it a little differently ("brigite" for
    Brigitte) is an OCR slip in one of the two: a reviewer decides which."""
    email, name = out.get(email_id), out.get(name_id)
    if not (email and name and email.status is FieldStatus.EXTRACTED
            and isinstance(email.value, str) and isinstance(name.value, str)):
        return
    if values.email_misspells_name(email.value, name.value):  # which of the two is wrong, no one knows
        out[email_id] = replace(email, status=FieldStatus.NEEDS_REVIEW)
        out[name_id] = replace(name, status=FieldStatus.NEEDS_REVIEW)
    elif email.confidence < READ_EXACTLY and values.email_is_bare_name(email.value, name.value):
        out[email_id] = replace(email, status=FieldStatus.NEEDS_REVIEW)


READ_EXACTLY = 0.90  # below, a value was read by OCR (a text layer's value is read as typed)


def _state_address(out: dict[str, FieldValue], email_id: str) -> None:
    """The State's services write from gouv.fr (a DDT, a préfecture, a DREAL or DEAL): a
    referent's address elsewhere was misread or mistyped, and a reviewer checks it."""
    email = out.get(email_id)
    if email and email.status is FieldStatus.EXTRACTED and isinstance(email.value, str) \
            and not email.value.lower().endswith(".gouv.fr"):
        out[email_id] = replace(email, status=FieldStatus.NEEDS_REVIEW)


def _same_person_spelt_alike(out: dict[str, FieldValue], first_id: str, second_id: str) -> None:
    """The fiche's élu and the letter's signatory are often one person: two spellings of one
    name ("BENHAMOU Odi" and "Odile BENHAMOU") mean one was misread, and both go to a reviewer.
    Two different people (an adjoint signs) are left alone."""
    first, second = out.get(first_id), out.get(second_id)
    if not (first and second and isinstance(first.value, str) and isinstance(second.value, str)):
        return
    if FieldStatus.EXTRACTED not in (first.status, second.status):
        return
    if values.names_nearly_equal(first.value, second.value):
        out[first_id] = replace(first, status=FieldStatus.NEEDS_REVIEW)
        out[second_id] = replace(second, status=FieldStatus.NEEDS_REVIEW)


Normaliser = Callable[[object, Cog, str | None], tuple[object, bool]]


def _normaliser(field_id: str) -> Normaliser:
    if field_id.endswith(".date"):
        return _date
    if field_id.endswith("_email"):
        return _email
    if field_id.endswith("_telephone"):
        return _phone
    if field_id == "s2.departement":
        return _departement_value
    if field_id.endswith(".signataire_qualite"):
        return _slug
    if field_id.endswith(".signe") or field_id.endswith(".destinataire_dgaln"):
        return _boolean
    return {
        "s2.epci": _epci,
        "s2.region": _region,
        "courrier_prefet.departement": _prefet_departement,
        "fiche.lieu": _lieu,
        "s1.etat.service": _service,
        "s1.collectivite.nom": _porteuse_nom,
        "s1.collectivite.elu_qualite": _quality,
        "s1.etat.referent_fonction": _quality,
    }.get(field_id, _text if field_id in TEXT_FIELDS else _as_is)


def _named(value, cog, departement):
    """A name of a service, a quality, a function: as `_text`, less a full stop after its last
    word ("DDT de l'Ain." on a fax: a speck), which such a name never ends with; an abbreviation's
    stays ("Dir. adj.": its only full stop is not the last)."""
    text, trusted = _text(value, cog, departement)
    return (_FINAL_STOP.sub("", text) if text and text.count(".") == 1 else text), trusted


_FINAL_STOP = re.compile(r"(?<=\w{3})\s?\.$")


def _quality(value, cog, departement):
    """A quality or function as written ("Vice-présidente chargé(e) de l'aménagement"); its
    brackets read unbalanced ("chargée) de", "chargé(e} de": a photo's or fax's slip) are for a
    reviewer, as read."""
    text, trusted = _named(value, cog, departement)
    depth = 0
    for char in text or "":
        depth += (char == "(") - (char == ")")
        if depth < 0:
            break
    return text, trusted and depth == 0 and not re.search(r"[\[\]{}]", text or "")


def _service(value, cog, departement):
    """A State service's name (`service_place.placed`: the département it names, checked)."""
    return placed(*_named(value, cog, departement), cog, departement)


def _text(value, cog, departement):
    cleaned = values.clean_text(str(value))
    cleaned = cleaned.rstrip(" ;,:") if cleaned else cleaned  # a stray separator left at the end
    if cleaned and re.search("[æÆ]", cleaned):
        cleaned = values.ligature_mended(cleaned, _oe_words(cog))
    return cleaned, bool(cleaned)


@functools.lru_cache(maxsize=4)
def _oe_words(cog: Cog) -> frozenset[str]:
    """The words with "œ" of the geography's commune names ("schœlcher", "crèvecœur")."""
    return frozenset(word.casefold() for commune in cog.communes.values() if "œ" in commune.nom.casefold()
                     for word in re.split(r"[\s'’-]+", commune.nom) if "œ" in word.casefold())


# "Cté de communes": the porteur's abbreviation of an EPCI's designation. OCR reads its "t" with
# an "i" before it ("Cité de communes"), or as an "i" ("Cie de communes"): no collectivité is a
# "cité" or a "compagnie" de communes.
_CTE_SLIPPED = re.compile(r"(?i)^(\s*)c[il1]t?[ée](?=\s+de\s+communes\b)")


def _porteuse_nom(value, cog, departement):
    """The porteuse's name; a designation word read with a slip ("Communauté d'agglomératon",
    "Cité de communes") spelt right and shown to a reviewer (section 2 may confirm it, see
    porteuse_confirmed)."""
    text, trusted = _text(value, cog, departement)
    text = without_form_tail(text, cog, departement) if text else text  # the next label read on with it
    mended, slipped = designation_mended(text) if text else (text, False)
    abbreviated = _CTE_SLIPPED.sub(r"\1Cté", mended) if mended else mended
    mended, slipped = abbreviated, slipped or abbreviated != mended
    mended, respelt = porteuse_spelt(mended, cog, departement) if mended else (mended, False)
    slipped = slipped or respelt or bool(mended and epci_word_slipped(mended, cog, departement))
    match = cog.resolve_commune(mended, departement) if mended else None
    if match is not None and not match.ambiguous and match.commune is not None:
        mended = values.without_specks(mended, match.commune.nom)  # "Ville du Morné-Vert"
    return mended, trusted and not slipped


def _abbreviated_porteuse_confirmed(raw: FieldValue | None, out: dict[str, FieldValue], cog: Cog,
                                    departement: str | None, letter: FieldValue | None = None) -> None:
    """A porteuse named with the abbreviated designation ("Cté de communes Terres d'Argentan
    Interco"), read unsure or with a slip mended, that names once spelt out the very EPCI that
    section 2 gives surely: two readings agree (the abbreviation itself is no exact name the
    COG would resolve). Read less surely still (a photo: 0.47), the letter naming that EPCI
    exactly makes a third reading that agrees."""
    field, epci = out.get(PORTEUSE), out.get("s2.epci")
    if not (field and field.status is FieldStatus.NEEDS_REVIEW and isinstance(field.value, str)
            and cte_spelt_out(field.value) != field.value and raw is not None and raw.confidence >= SIGNED_FOR
            and epci and epci.status is FieldStatus.EXTRACTED and isinstance(epci.value, dict)
            and epci.value.get("siren")):
        return
    if raw.confidence < CONFIRMABLE and not letter_names_epci(letter, epci.value["siren"], cog, departement):
        return
    match = cog.resolve_epci(cte_spelt_out(field.value), departement)
    if match is not None and not match.ambiguous and match.score >= 1.0 and match.siren == epci.value["siren"]:
        out[PORTEUSE] = replace(field, confidence=max(field.confidence, CONFIRMED), status=FieldStatus.EXTRACTED)


def _lieu(value, cog, departement):
    """"Fait à …": a commune's name. One the COG does not know ("Le Vaucin.", a photo's misreading)
    is shown to a reviewer with what was read."""
    cleaned, _ = _text(value, cog, departement)
    cleaned = cleaned.rstrip(" .") if cleaned else cleaned
    if not (cleaned and cog.is_commune_name(cleaned)):
        return cleaned, False
    # "Saint-Denis-dé-Cabanne": a fax adds or drops an accent the COG's comparison ignores;
    # the commune's own spelling, when the name is one commune's (or homonyms spelt alike)
    match = cog.resolve_commune(cleaned, departement)
    spellings = {c.nom for c in match.candidates} if match is not None else set()
    if len(spellings) == 1 and commune_keys(spelt := spellings.pop())[0] == commune_keys(cleaned)[0]:
        return spelt, True
    return cleaned, True


def _as_is(value, cog, departement):
    return value, True


def _date(value, cog, departement):
    found = values.parse_french_date(str(value))
    return (found.isoformat(), not values.slashes_lost(str(value))) if found else (None, False)


def _email(value, cog, departement):
    found = values.normalise_email(str(value))
    return found, found is not None


def _phone(value, cog, departement):
    """A number of another overseas territory than the dossier's is kept for a reviewer: 06 96 …
    is a Martinique mobile by the numbering plan, yet in a dossier from the Hérault it is more
    likely a metropolitan number mistyped or misread."""
    found = values.normalise_phone(str(value), departement)
    if found is None:
        return None, False
    if departement is None or of_the_dossier(found, departement):
        return found, True  # no département read: see phones_placed_by_communes
    # Shown as the metropolitan number it more likely is ("06 97 …" in the Hérault), for a reviewer.
    return values.as_metropolitan(found) or found, False


def _departement_value(value, cog, departement):
    return departement_read(str(value), cog)


def _slug(value, cog, departement):
    return (value, True) if value in QUALITES else (None, False)


def _boolean(value, cog, departement):
    return (value, True) if isinstance(value, bool) else (None, False)


def _prefet_departement(value, cog, departement):
    """The préfecture's département from the letter's clues, most trusted first.

    A clue is a département as written ("PRÉFET DE LA SARTHE"), or a town with or
    without postcode (a sous-préfecture, the date line's place): the first that
    resolves in the official geography gives the code.
    """
    clues = value if isinstance(value, list) else [{"departement": str(value)}]
    for clue in clues:
        code = _clue_departement(clue, cog)
        if code:
            return code, True
    written = next((c.get("departement") or c.get("commune") for c in clues if isinstance(c, dict)), None)
    return written, False


def _clue_departement(clue, cog: Cog) -> str | None:
    if not isinstance(clue, dict):
        return None
    if clue.get("departement"):
        return departement_code(clue["departement"], cog)
    postcode, town = clue.get("code_postal"), clue.get("commune")
    if town:
        match = cog.resolve_commune(f"{town} ({postcode})" if postcode else town)
        if match and not match.ambiguous and match.score >= 0.9:
            return match.candidates[0].departement
    return postcode_departement(postcode, cog) if postcode else None


def postcode_departement(postcode: str, cog: Cog) -> str | None:
    """The département of a postcode (CEDEX codes included): its first digits, Corsica by its communes."""
    if not re.fullmatch(r"\d{5}", postcode or ""):
        return None
    if postcode.startswith("97"):
        return postcode[:3] if postcode[:3] in cog.departements else None
    if postcode.startswith("20"):
        found = {c.departement for c in cog.communes.values() if postcode in c.codes_postaux}
        return found.pop() if len(found) == 1 else ("2A" if postcode[:3] in ("200", "201") else "2B")
    return postcode[:2] if postcode[:2] in cog.departements else None


def _region(value, cog, departement):
    code = cog.region_code(str(value))
    return code, code is not None


SURE_READING = 0.95  # a name nothing resembles is only a fact when read this surely (a text layer)


def _communes(value, cog: Cog, departement: str | None, epci: str | None,
              confidence: float = 1.0) -> tuple[list[dict], bool, bool, bool]:
    """One entry per commune written, each resolved to its current INSEE code.

    (entries, trusted, confirmed, contradicted): trusted when each is one commune, exactly named
    or confirmed by the code written beside it, or a place name read for sure that no commune
    resembles ("Hameau de Bressols": the porteur's word, which completeness calls unknown);
    homonyms and OCR-damaged names are for a reviewer. Confirmed when every name has a code
    that agrees with it; contradicted when a code disagrees with its name.
    """
    entries = parse_communes(str(value), cog, departement, epci)
    out = [{"nom": e.nom, "code_insee": e.code_insee} for e in entries]
    trusted = any(e.sure for e in entries) and all(
        e.sure or (e.foreign and confidence >= SURE_READING) for e in entries)
    return (out, trusted, bool(entries) and all(e.confirmed for e in entries),
            any(e.contradicted for e in entries))


# An EPCI's kind glued by OCR to the word after it ("CCdu Pays de Craon", "CAd'Agen").
_GLUED_KIND = re.compile(r"\b(C[ACU])(?=(?:du|de|des)\s|d['’])")


def _epci(value, cog, departement):
    name = values.clean_text(str(value)) or str(value)
    name = _GLUED_KIND.sub(r"\1 ", name)
    match = cog.resolve_epci(name, departement)
    siren = match.siren if match and not match.ambiguous else None
    return {"nom": name, "siren": siren}, bool(siren) and match.score >= 0.9


def _epci_siren(value: FieldValue | None, cog: Cog, departement: str | None) -> str | None:
    """The EPCI of section 2 when its name resolves: it tells homonym communes apart."""
    if value is None or value.value is None:
        return None
    found, trusted = _epci(value.value, cog, departement)
    return found["siren"] if trusted else None


def _departement(value: FieldValue | None, cog: Cog) -> str | None:
    if value is None or not isinstance(value.value, str):
        return None
    return departement_code(value.value, cog)
