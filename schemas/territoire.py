"""The territory a dossier speaks of, resolved in the official geography: porteuse, communes, EPCI, letters.

Helpers of the completeness rules: each resolution says what it found, or that it could
not decide (a name that does not resolve, or resolves to several places).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from schemas.cog import Cog, CommuneKind
from schemas.cog_names import max_edits
from schemas.designation import head_mended
from schemas.values import fold

log = logging.getLogger(__name__)

_EPCI_NAME = re.compile(r"\b(?:communaute|agglomeration|agglo|metropole|cc|ca|cu|ept|etablissement public territorial|"
                        r"cte(?= de communes\b| urbaine\b))\b")
# "Cté de communes du Val de l'Oise": the porteur's abbreviation of the designation, spelt out to resolve it.
_CTE = re.compile(r"(?i)^(\s*)ct[ée]\.?(?=\s+(?:de\s+communes|d['’]\s*agglom|urbaine)\b)")
_COMMUNE_NAME = re.compile(r"^(?:la |le )?(?:commune|ville|mairie|cite|hotel de ville)\b")
_GENERIC = re.compile(r"\b(?:commune|ville|mairie|hotel de ville|communaute de communes|communaute d agglomeration|"
                      r"communaute urbaine|communaute|agglomeration|cc|ca|cu|de|du|des|d|la|le|les|l)\b")


# The designation of an EPCI is a closed vocabulary: a word one letter from it is a misreading.
_HEAD_WORDS = {"communaute": "communauté", "metropole": "métropole", "eurometropole": "eurométropole",
               "commune": "commune", "mairie": "mairie"}  # a commune's too ("Cammune de …" on a fax)
_KIND_WORDS = {"agglomeration": "agglomération", "communes": "communes", "urbaine": "urbaine"}
_DESIGNATION = re.compile(r"^(?P<head>[^\W\d_]{6,})(?:(?P<sep>\s+(?:de\s+l['’]\s*|d['’]\s*|de\s+)?)"
                          r"(?P<kind>[^\W\d_]{6,})\b)?")


def cte_spelt_out(name: str) -> str:
    """"Cté de communes …" with its designation spelt out ("Communauté de communes …")."""
    return _CTE.sub(r"\1Communauté", name)


def mend_designation(name: str) -> tuple[str, bool]:
    """"Communauté d'agglomératon du …" -> ("Communauté d'agglomération du …", True): the words
    that say what kind of collectivité it is, read one letter off, spelt right; True when a word
    was mended (the reading had a slip: a reviewer looks). Only the leading designation is
    looked at, so a place name that resembles one of its words ("Communay") is left alone."""
    match = _DESIGNATION.match(name)
    if not match:
        return name, False
    head = _vocabulary_word(match.group("head"), _HEAD_WORDS)
    if head is None or fold(match.group("head")) == "communes":  # a plural is a word of its own
        return name, False
    kind = _vocabulary_word(match.group("kind"), _KIND_WORDS) if match.group("kind") and \
        fold(head) == "communaute" else None
    parts = [(match.start("head"), match.end("head"), head)]
    parts += [(match.start("kind"), match.end("kind"), kind)] if kind else []
    mended = name
    for start, end, word in reversed(parts):
        mended = mended[:start] + _cased(word, name[start:end]) + mended[end:]
    slipped = fold(mended) != fold(name)
    return (mended, True) if slipped else (name, False)


def designation_mended(name: str) -> tuple[str, bool]:
    """The head word's look-alike letters undone ("Vil1e de …", see schemas/designation.py),
    then its one-letter slips mended: True when either was a misreading (a reviewer looks)."""
    name, looked_alike = head_mended(name)
    name, slipped = mend_designation(name)
    return name, looked_alike or slipped


def without_form_tail(name: str, cog: Cog, departement: str | None = None) -> str:
    """The porteuse's name without the form's next label read on with it ("Pays de Montbéliard
    Agglomération NATURE LA COLLECTIVITÉ EPCI": the label below and its ticked answer). Cut only
    where the words left name a commune or an EPCI exactly and the whole does not, and every word
    cut is the form's (a label's, or a ticked answer's)."""
    words = name.split()
    for end in range(len(words) - 1, 0, -1):
        tail = [w for w in fold(" ".join(words[end:])).split() if w]
        if not (tail and all(w in _FORM_WORDS or len(w) < 3 for w in tail) and tail[0] in _FORM_WORDS):
            continue
        head = " ".join(words[:end]).rstrip(" ,;:.-–—")
        if _names_exactly(head, cog, departement) and not _names_exactly(name, cog, departement):
            return head
    return name


_PORTEUSE_HEAD = re.compile(r"(?i)^\s*(?P<head>commune|ville|mairie)\s+(?:de|du|des|d['’])")


def porteuse_spelt(name: str, cog: Cog, departement: str | None = None) -> tuple[str, bool]:
    """A commune porteuse's name against the COG: ("Ville du Prêcheur", False) from "Ville du
    Précheur" (a fax's accent slip: the letters are the commune's, its accents are the COG's),
    and True for a name no commune's letter for letter but one OCR slip from one ("Commune de
    Salnt-Étienne-…"): a reviewer sees what was read (section 2 naming that commune does not make
    the misreading right), or none at all ("Ville de Boign", cut). Capitals are left as written."""
    if not _PORTEUSE_HEAD.match(name):
        return name, False
    match = cog.resolve_commune(name, departement)
    if match is None:  # "Ville de Boign": cut at a cell's edge or misread, no commune's name
        return name, True
    if match.ambiguous:
        return name, False
    if match.score < 1.0:
        return name, True
    core = re.sub(r"(?i)^(?:les?\s+|la\s+|l['’]\s*)", "", match.commune.nom)
    plain, at = _bare_letters(name), len(name) - len(core)
    # only an accent read as another ("é" for "ê"): an accent missing is as the porteur typed it
    changed = [(a, b) for a, b in zip(name[at:], core) if a != b] if at > 0 else []
    if changed and plain[at:] == _bare_letters(core) and all(_bare_letters(a) != a.casefold() for a, _ in changed):
        return name[:at] + core, False
    return name, False


def epci_word_slipped(name: str, cog: Cog, departement: str | None = None) -> bool:
    """An EPCI porteuse resolving to one EPCI, a word of it one letter from a word of that EPCI's
    name and none of them ("CU Grand Besançon Métropolc": a fax's e read c); the COG resolves it
    all the same (its words are matched loosely), yet a reviewer sees what was read."""
    match = cog.resolve_epci(name, departement) if name_kind(name) == "epci" else None
    if match is None or match.ambiguous:
        return False
    official = set(_WORDS.findall(fold(match.candidates[0].nom)))
    return any(word not in official and any(len(o) >= _SLIP_LETTERS and OSA.distance(word, o) == 1 for o in official)
               for word in _WORDS.findall(fold(name)) if len(word) >= _SLIP_LETTERS)


_WORDS = re.compile(r"[a-z0-9]+")
_SLIP_LETTERS = 5  # shorter words ("grand", "pays") are several names' words alike


def porteuse_respelt(name: str, official: str) -> str | None:
    """"Ville de Saint-Picrre-en-Auge" -> "Ville de Saint-Pierre-en-Auge": the words after the
    designation, as many as the commune's official name has (its article aside), one or two
    slips from it, spelt as the COG does; None when the name is not so made."""
    core = re.sub(r"(?i)^(?:les?\s+|la\s+|l['’]\s*)", "", official)
    head = _PORTEUSE_HEAD.match(name)
    words = name.split()
    count = len(core.split())
    if head is None or len(words) <= count:
        return None
    tail = " ".join(words[-count:])
    # two slips, or as many as the COG tolerates in so long a name ("Saint-Étienne-cle-Saint-Gcoirs")
    if not 0 < OSA.distance(fold(tail), fold(core)) <= max(2, max_edits(fold(core))) or len(core) < 6:
        return None
    return " ".join(words[:-count] + [core])


def _bare_letters(text: str) -> str:
    """Each character unaccented and lower-cased, one for one (the same length as the text)."""
    return "".join((unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ch).casefold()[:1] or ch for ch in text)


def _names_exactly(name: str, cog: Cog, departement: str | None) -> bool:
    kind = name_kind(name)
    if kind in (None, "commune"):
        match = cog.resolve_commune(name, departement)
        if match is not None and not match.ambiguous and match.score >= 1.0:
            return True
    match = cog.resolve_epci(cte_spelt_out(name), departement) if kind in (None, "epci") else None
    return bool(match and not match.ambiguous and match.score >= 1.0)


def _form_words() -> frozenset[str]:
    from extractors.fields.form import LABELS
    words = {w for label in LABELS for w in fold(label.text).split() if len(w) >= 3 and w.isalpha()}
    return frozenset(words | {"epci", "commune", "oui", "non"}) - {"communaute", "agglomeration", "metropole", "les",
                                                                  "des"}


_FORM_WORDS = _form_words()


def _vocabulary_word(word: str, vocabulary: dict[str, str]) -> str | None:
    """The vocabulary word this one is, or is one letter (or "rn" for "m") away from."""
    forms = {fold(word), fold(word).replace("rn", "m")}
    return next((right for key, right in vocabulary.items()
                 if any(OSA.distance(form, key) <= 1 for form in forms)), None)


def _cased(word: str, like: str) -> str:
    return word.upper() if like.isupper() else word.capitalize() if like[:1].isupper() else word


@dataclass(frozen=True)
class Entity:
    """A commune (INSEE code) or an EPCI (SIREN), with the départements it lies in."""

    kind: str  # "commune" | "epci"
    code: str
    nom: str
    departements: frozenset[str]


def name_kind(name: str, declared: str | None = None) -> str | None:
    """"epci" or "commune" from how a collectivité is named; the declared type when the name says neither."""
    folded = fold(name)
    if _EPCI_NAME.search(folded):
        return "epci"
    if _COMMUNE_NAME.search(folded):
        return "commune"
    return declared if declared in ("commune", "epci") else None


def resolve_entity(name: str, cog: Cog, kind: str | None, departement: str | None = None) -> Entity | None:
    """The commune or EPCI a written name designates; None when it does not resolve to one place."""
    name = re.sub(r"(?i)^\s*(?:l['’]\s*)?h[ôo]tel de ville\s+(?:de\s+|d['’]\s*)", "", name)
    name = cte_spelt_out(name)
    kinds = [kind] if kind else ["commune", "epci"]
    for candidate_kind in kinds:
        found = _commune_entity(name, cog, departement) if candidate_kind == "commune" \
            else _epci_entity(name, cog, departement)
        if found:
            return found
    return None


def _commune_entity(name: str, cog: Cog, departement: str | None) -> Entity | None:
    match = cog.resolve_commune(name, departement)
    if match is None or match.ambiguous or match.score < 0.9:
        return None
    commune = match.commune
    current = commune.parent if commune.parent and commune.kind is not CommuneKind.ACTUELLE else commune
    return Entity("commune", current.code, current.nom, frozenset({current.departement}))


def _epci_entity(name: str, cog: Cog, departement: str | None) -> Entity | None:
    match = cog.resolve_epci(name, departement)
    if match is None or match.ambiguous or match.score < 0.85:
        return None
    epci = match.epci
    return Entity("epci", epci.siren, epci.nom, frozenset(epci.departements))


def same_name(a: str, b: str) -> bool:
    """Two written names of one collectivité ("Ville de Redon", "Commune de Redon")."""
    def key(text: str) -> str:
        return " ".join(_GENERIC.sub(" ", fold(text)).split())
    return bool(key(a)) and key(a) == key(b)


def coherent(letter: Entity, porteuse: Entity, cog: Cog) -> bool:
    """The letter may come from the porteuse, the EPCI of the commune porteuse, or a member commune."""
    if (letter.kind, letter.code) == (porteuse.kind, porteuse.code):
        return True
    if porteuse.kind == "commune" and letter.kind == "epci":
        return cog.commune_in_epci(porteuse.code, letter.code)
    if porteuse.kind == "epci" and letter.kind == "commune":
        return cog.commune_in_epci(letter.code, porteuse.code)
    return False


_EPCI_NATURE_WORDS = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération", "CU": "Communauté urbaine"}
_ABBREVIATED = re.compile(r"^(CC|CA|CU)\b\s*")
_COMMUNE_HEAD = re.compile(r"(?i)^(?:la\s+)?(?P<head>commune|ville|mairie)\s+(?:de|du|des|d['’])|"
                           r"^(?:l['’]\s*)?h[ôo]tel de ville\s+(?:de|du|des|d['’])")


def letter_entity(name: str, cog: Cog, departements: list[str | None], near: list[Entity]) -> tuple[Entity, bool] | None:
    """The commune or EPCI a letter's collectivité designates, and whether its name says so exactly.

    Homonyms ("Ville de Saint-Pierre") are told apart by the départements of the dossier, then
    by the entities it already names (the porteuse, the communes and EPCI of section 2). Specks
    of a logo read as short words ("Hôtel de Ville de Ps Saint-Égrève") are dropped when the name
    resolves only without them: then it is never exact.
    """
    found = _letter_entity(name, cog, departements, near)
    cleared = " ".join(w for w in name.split() if not _speck(w))
    if found is None and cleared != name and cleared:
        again = _letter_entity(cleared, cog, departements, near)
        return (again[0], False) if again else None
    return found


def _speck(word: str) -> bool:
    """A word of one or two letters that no French name has on its own ("Ps", "»", "|")."""
    letters = re.sub(r"[^\w'’]", "", word)
    return len(letters) <= 2 and fold(letters) not in {"de", "du", "d", "la", "le", "l", "en", "y", "st", "au"} \
        and not letters.isdigit()


def _letter_entity(name: str, cog: Cog, departements: list[str | None], near: list[Entity]) -> tuple[Entity, bool] | None:
    name = letter_head_mended(name)
    kind = name_kind(name)
    written = cte_spelt_out(re.sub(r"(?i)^\s*(?:l['’]\s*)?h[ôo]tel de ville\s+(?:de\s+|d['’]\s*)", "", name))
    hints = [*dict.fromkeys(d for d in departements if d), None]
    for candidate_kind in ([kind] if kind else ["commune", "epci"]):
        for hint in hints:
            found = _letter_candidates(written, cog, candidate_kind, hint)
            if not found:
                continue
            entities, score = found
            if len(entities) > 1:
                entities = [e for e in entities if any(_same_or_member(e, n, cog) for n in near)] or entities
            if len(entities) == 1:
                exact = score >= (1.0 if candidate_kind == "commune" else 0.9)
                return entities[0], exact
    return None


def _letter_candidates(name: str, cog: Cog, kind: str, departement: str | None) -> tuple[list[Entity], float] | None:
    if kind == "commune":
        match = cog.resolve_commune(name, departement)
        if match is None or match.score < 0.9 or (departement and not any(
                c.departement == departement for c in match.candidates)):
            return None
        currents = {}
        for commune in match.candidates:
            current = commune.parent if commune.parent and commune.kind is not CommuneKind.ACTUELLE else commune
            currents[current.code] = Entity("commune", current.code, current.nom, frozenset({current.departement}))
        return list(currents.values()), match.score
    match = cog.resolve_epci(name, departement)
    if match is None or match.score < 0.85 or (departement and not any(
            departement in e.departements for e in match.candidates)):
        return None
    return [Entity("epci", e.siren, e.nom, frozenset(e.departements)) for e in match.candidates], match.score


def _same_or_member(entity: Entity, other: Entity, cog: Cog) -> bool:
    return (entity.kind, entity.code) == (other.kind, other.code) or coherent(entity, other, cog)


def letter_name(written: str, entity: Entity, exact: bool) -> str:
    """The collectivité's name to export, on the entity it resolved to.

    An EPCI: as the letter writes it when that names it exactly ("CU du Grand Reims"), else
    the official name with its nature spelt out. A commune: the letter's own designation
    ("Ville de …", "Mairie de …", "Commune de …") when it names the commune by its official
    name and article ("Ville du Lorrain"); else, whatever the letterhead says ("Hôtel de ville",
    the bare town, "Ville d'Ajoupa-Bouillon" for L'Ajoupa-Bouillon), "Commune de" and the
    official name in its "de" form ("Commune de L'Ajoupa-Bouillon")."""
    from extractors.fields.courrier_entites import commune_named

    written = re.sub(r"(?i)\b(\w+)\s+\1\b", r"\1", " ".join(written.split()))  # "Mairie DE de …": a word read twice
    written = letter_head_mended(written)
    if entity.kind == "epci":
        if (whole := _comma_completed(written, entity)) is not None:
            return whole
        if exact:
            return _official_spelling(written, entity)
        return _nearest_form(written, entity)
    head = _COMMUNE_HEAD.match(written)
    word = head.group("head") if head else None
    if word and _same_article(written, commune_named(entity.nom, word, written), entity.nom):
        return commune_named(entity.nom, word.capitalize(), written)
    return commune_named(entity.nom, written=written)


_LETTER_HEAD = re.compile(r"^\s*(?P<head>[^\W\d_]{5,})(?=\s+(?:de|du|des|d['’]))")


def letter_head_mended(name: str) -> str:
    """The designation a letterhead opens with, read with a slip ("Vllle de …", "Villé de …",
    "Malrie de …", "Cornmunauté de communes …"), spelt right: a closed vocabulary, so a word one
    letter (or "rn" for "m") from one of its words is that word. The name itself is untouched."""
    name = designation_mended(name)[0]
    match = _LETTER_HEAD.match(name)
    if match is None:
        return name
    word = _vocabulary_word(match.group("head"), {"ville": "ville", "mairie": "mairie", "commune": "commune"})
    if word is None or match.group("head") == _cased(word, match.group("head")):
        return name
    return name[:match.start("head")] + _cased(word, match.group("head")) + name[match.end("head"):]


def _official_spelling(written: str, entity: Entity) -> str:
    """An EPCI named exactly, but in capitals or with accents lost or doubled ("CA DE SAINT-DIE-DES-VOSGES",
    "CU du Grand Réims"): its official name in the same form (abbreviated or spelt out), as the COG
    writes it; a name written otherwise (an acronym added, other words) as the letter writes it."""
    key = _plain(written)
    distance, form = min((OSA.distance(key, _plain(form)), form) for form in _epci_forms(entity))
    return form if distance <= min(2, max(0, len(key) // 10)) and form != written else written


def _comma_completed(written: str, entity: Entity) -> str | None:
    """The EPCI's official name (in the letter's form, abbreviated or spelt out) when the letter
    writes it cut at one of its commas ("Communauté de communes Entre Arroux" of "CC Entre
    Arroux, Loire et Somme"): a title or a letterhead wrapped there, its end read apart."""
    key = _plain(written).strip(" ,")
    for form in _epci_forms(entity):
        for comma in (m.start() for m in re.finditer(",", form)):
            if OSA.distance(key, _plain(form[:comma])) <= min(2, len(key) // 10):
                return form
    return None


def _epci_forms(entity: Entity) -> list[str]:
    """"CA Amiens Métropole", "Communauté d'agglomération Amiens Métropole", "Amiens Métropole"."""
    abbreviated = _ABBREVIATED.match(entity.nom)
    if abbreviated is None:
        return [entity.nom]
    rest = entity.nom[abbreviated.end():]
    named = re.search(r"(?i)\b(?:agglom[ée]ration|communaut[ée]|m[ée]tropole)\b", rest) and not _PARTICLE.match(rest)
    return [entity.nom, f"{_EPCI_NATURE_WORDS[abbreviated.group(1)]} {rest}"] + ([rest] if named else [])


_PARTICLE = re.compile(r"(?i)^(?:de|du|des|d['’]|la|le|les|l['’])\b")


def _nearest_form(written: str, entity: Entity) -> str:
    """Of an EPCI's official names, the one written nearest (abbreviated, spelt out, bare)."""
    return max(_epci_forms(entity), key=lambda form: fuzz.ratio(_plain(written), _plain(form)))


def _plain(text: str) -> str:
    return re.sub(r"[\s'’-]+", " ", fold(text).replace("rn", "m")).strip()


def _same_article(written: str, official: str, nom: str) -> bool:
    """Whether "Ville d'Ajoupa-Bouillon" is written with the official "de L'" of "Ville de
    L'Ajoupa-Bouillon" (an OCR slip in the name itself does not matter: it resolved)."""
    core = re.sub(r"(?i)^(?:les?\s+|la\s+|l['’]\s*)", "", nom)
    prefix = _elided(fold(official[:len(official) - len(core)] + core[:1])).split()[:-1]
    return _elided(fold(written)).split()[:len(prefix)] == prefix


def _elided(folded: str) -> str:
    """"ville de oeting" -> "ville d oeting": a "de" the letter left whole before a vowel
    ("VILLE DE ŒTING") is the same designation as the elided one."""
    return re.sub(r"\bde (?=[aeiouy])", "d ", folded)


@dataclass(frozen=True)
class CommuneCheck:
    """One commune of section 2: its current INSEE code, or why it has none."""

    nom: str
    code: str | None
    nouvelle: str | None = None  # for a commune déléguée or former commune: the commune it belongs to
    decided: bool = True  # False: homonyms or an uncertain reading, a reviewer decides


def check_commune(entry: dict, cog: Cog, departement: str | None, sure_reading: bool) -> CommuneCheck:
    """Whether a commune of `s2.communes` is a current commune of the COG."""
    nom = str(entry.get("nom") or "")
    if entry.get("code_insee") and cog.commune(entry["code_insee"]):
        return CommuneCheck(nom, cog.commune(entry["code_insee"]).code)
    match = cog.resolve_commune(nom, departement)
    if match is None:
        return CommuneCheck(nom, None, decided=sure_reading)  # read for sure and nowhere in the COG
    if match.ambiguous or match.score < 1.0:
        return CommuneCheck(nom, None, decided=False)
    commune = match.commune
    if commune.kind in (CommuneKind.DELEGUEE, CommuneKind.ASSOCIEE) and commune.parent:
        parent = commune.parent
        return CommuneCheck(nom, None, f"{parent.nom} ({parent.departement})")
    return CommuneCheck(nom, commune.parent.code if commune.parent else commune.code)
