"""The communes of section 2 as written: names, INSEE or postal codes, in lists of any shape.

"Sartène (code INSEE 2A272)", "Saint-Pierre — code INSEE 97416", "Le Lorrain (97214)",
"Bastia 20200", "Porto-Vecchio ; Bonifacio et Lecci", "• Corte • Venaco", or names one per
line (the line breaks are lost by then: "Le Quesnoy Landrecies"). Codes confirm or stand for
a commune, separators separate, and a name that is itself a commune ("Thue et Mue",
"Saint-Martin-et-…") is never cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from schemas import values
from schemas.cog import EXACT, Cog, Commune, CommuneKind
from schemas.cog_names import commune_keys, name_slips

_CODE = r"(?:\d{5}|2[ABab]\d{3})"
_E_CODE = "cod[eéèê]"
_E_INSEE = "[i|l1]ns[eéèê][eéèê]"  # "|NSEE": a capital I read as a bar
# after "code", "INSEE" with any one letter misread ("code INSLE 24517") is still the label
_E_INSEE_SLIP = "(?:[\\w|]ns[eéèê][eéèê]|i[\\w|]s[eéèê][eéèê]|in[\\w|][eéèê][eéèê]|ins[\\w|][eéèê]|ins[eéèê][\\w|])"
# "cade INSEE 51474" on a fax: "code" with one letter misread, before "INSEE", is still the label
_E_CODE_SLIP = "(?:[\\w|]od[eéèê]|c[\\w|]d[eéèê]|co[\\w|][eéèê]|cod[\\w|])"
_TOKEN = re.compile(
    rf"(?P<code>(?<![\w-]){_CODE}(?![\w-]))"
    r"|(?P<paren>\((?P<inside>[^()]*)\))"
    r"|(?P<strong>[;,/|•·▪◦►●■□☐☒✓✔→&+\n\r\t*]|(?:^|(?<=\s))\d{1,2}[.)](?=\s))"
    r"|(?P<weak>\s[-–—]+\s|^\s*[-–—]+\s|\s[-–—]+$|:|\(|\)|\[|\])"
    # OCR puts accents on the label's letters ("codé INSÈE"): they are no part of a name
    rf"|(?P<label>\b(?i:{_E_CODE}\s+{_E_INSEE_SLIP}|{_E_CODE_SLIP}\s+{_E_INSEE}|{_E_CODE}\s+postal|{_E_CODE}\s+commune|{_E_INSEE}|c\.\s?p\.|cp|{_E_CODE}"
    r"|n°|no\.?)(?=[\s:.(]|$))"
    r"|(?P<word>[^\s;,/|•·▪◦►●■□☐☒✓✔→&+*():\[\]]+)")
_LEADING = re.compile(r"(?i)^(?:(?:les|la|le)\s+)?(?:communes?|villes?)(?:\s+(?:concern[ée]e?s?|de|d['’]|du|des))*\s+"
                      r"|^(?:et|ainsi que)\s+")
_INSEE_LABELLED = re.compile(rf"(?i:{_E_INSEE}|{_E_CODE}\s+{_E_INSEE_SLIP})\s*(?::|n°|no\.?)?\s*({_CODE})(?![\w-])")
_CUT_HYPHEN = re.compile(r"(\w)-\s+(?=\w)")  # "Saint- Pierre": a name cut at a line end
# "ÊÈze" for "Èze": OCR read an accented capital's accent as a capital of its own. No name opens
# with two capitals then lower case, the first an accented vowel.
_DOUBLED_INITIAL = re.compile(r"(?<![\w'’-])[ÀÂÄÉÈÊËÎÏÔÖÙÛÜ](?=[A-ZÀ-Ý][a-zà-ÿ])")
# A code with a digit read as a letter ("974l6", "2O200", "97Z14"): five characters, three digits at
# least, the others letters OCR takes digits for; Corsica's "2A"/"2B" (or "ZA") keeps its letter.
_SLIPPED_CODE = re.compile(r"(?<![\w-])(?=(?:[^\d\s]*\d){3})"
                           r"(?P<dep>[2Z][AB]|[\dlIO|ZSB]{2})(?P<rest>[\dlIO|ZSB]{3})(?![\w-])")
_DIGIT_FOR = str.maketrans("lI|OZSB", "1110258")
_WORDS = re.compile(r"[^\s'’-]+")
_BRACES = str.maketrans("{}", "()")  # no commune's name has a brace
_MAX_WORDS = 8  # the longest commune names ("Saint-…" spelt with spaces) stay under this


@dataclass(frozen=True)
class Entry:
    """One commune written in the list, resolved or not."""

    nom: str
    code_insee: str | None
    sure: bool  # one current commune, its name exact or confirmed by a code
    confirmed: bool = False  # a code written beside the name agrees with it
    contradicted: bool = False  # a code written beside the name names another commune, or none
    foreign: bool = False  # written like a place name, and nothing in the COG comes near it


@dataclass
class _Item:
    words: list[str]
    codes: list[str]
    hint: str | None = None  # a département written beside the name
    lead: int = 0  # how many of `codes` were written before the name ("72000 Le Mans")


def parse_communes(text: str, cog: Cog, departement: str | None = None, epci: str | None = None) -> list[Entry]:
    """Every commune the text names, in order; `departement` (code) and `epci` (SIREN) narrow homonyms."""
    text = _DOUBLED_INITIAL.sub("", _CUT_HYPHEN.sub(r"\1-", values.clean_text(text) or ""))
    text = text.translate(_BRACES)  # "Muron {code INSEE 17253)": a fax's brace is the bracket
    text = _SLIPPED_CODE.sub(_code_mended, text)
    items = _next_names_code(_items(text, cog), cog, departement)
    insee = {code.upper() for code in _INSEE_LABELLED.findall(text)}
    entries = [e for item in items for e in _entries(item, cog, departement, epci, insee)]
    if departement is None and not all(e.sure for e in entries):
        # No département written: the one of every commune resolved settles a homonym ("Saint-Pierre"
        # between Le Carbet and Le Prêcheur is Martinique's).
        around = {cog.departement_of_commune(e.code_insee) for e in entries if e.sure and e.code_insee}
        if len(around) == 1:
            dep = around.pop()
            entries = [e for item in items for e in _entries(item, cog, dep, epci, insee)]
    return entries


def _code_mended(match: re.Match) -> str:
    dep, rest = match.group("dep"), match.group("rest").translate(_DIGIT_FOR)
    return (dep.replace("Z", "2") if dep[1] in "AB" else dep.translate(_DIGIT_FOR)) + rest


def _items(text: str, cog: Cog) -> list[_Item]:
    """Names with the codes written beside them; strong separators (";", ",", bullets…) end an item.

    A code after a name's own codes begins the next name when a word follows ("Courbette (39570)
    39270 Dompierre-sur-Mont"), and stays with its name when nothing does ("Sartène 2A272 20100")."""
    items: list[_Item] = []
    current = _Item([], [])
    pending: list[str] = []  # codes written before their name ("20200 Bastia")
    colon = False  # a colon just read: between two names it separates them ("Combronde : Marcillat")

    def close() -> None:
        nonlocal current, pending
        if current.words:
            current.codes += pending  # "Sartène 2A272 20100": codes after the name's own, nothing after
            items.append(current)
        elif pending and items and items[-1].codes and not current.codes:
            items[-1].codes += pending  # trailing codes of the name before
        elif current.codes or pending:
            items.append(_Item([], current.codes + pending))
        pending = []
        current = _Item([], [])

    for match in _TOKEN.finditer(text):
        kind = match.lastgroup if match.lastgroup != "inside" else "paren"
        token = match.group(0).strip()
        after_colon, colon = colon, kind == "weak" and token == ":" and text[match.end():match.end() + 1].isspace()
        if kind == "word" and not any(ch.isalnum() or ch in "'’-" for ch in token):
            continue  # a quote mark or a speck ("Saint-Rémy-de-Blot ”"): no part of a name
        if kind == "word" and after_colon and current.words and _LEADING.sub("", " ".join(current.words) + " "):
            close()  # "Combronde : Marcillat": a name, then another (a label before a colon stays with it)
        if kind == "code":
            if len(current.words) > 1 and current.words[-1].casefold() == "et" and not current.codes:
                current.words.pop()  # "Pointe-Noire et 97115 Sainte-Rose": the next name's code
                close()
                pending.append(token.upper())
            elif current.words and not current.codes:  # "Sartène 2A272": that name's code
                current.codes.append(token.upper())
            else:  # before a name, or after a name's own code: the next name's if a word follows
                pending.append(token.upper())
        elif kind == "paren":
            inside = match.group("inside").strip()
            codes = re.findall(rf"(?<![\w-]){_CODE}(?![\w-])", inside)
            if codes and current.words and len(current.codes) == current.lead:
                current.codes += [c.upper() for c in codes]
            elif current.words and inside and cog.departement_code(inside, fuzzy=False):
                current.hint = inside
            elif inside and cog.is_commune_name(inside):  # "Annecy (Cran-Gevrier)": a name of its own
                close()
                items += _items(inside, cog)
            # anything else in brackets is a comment: "(ville-centre)", "(commune nouvelle)"
        elif kind == "strong":
            close()
        elif kind == "word" and token.isdigit():
            close()  # a number no code has the length of ("177350"): a code misread, no part of a name
        elif kind == "word" and token.casefold() == "et" and (
                not current.words or len(current.codes) > current.lead or pending):
            close()  # "Dourges (62274) et 62320 Drocourt": after a name's code, "et" separates
        elif kind == "word":
            if current.words and (len(current.codes) > current.lead or pending):
                # "Bastia 20200 Ajaccio", "Courbette (39570) 39270 Dompierre": a new name after a code
                after = pending
                pending = []
                close()
                pending = after
            if pending and not current.words:
                current.codes, pending = pending[:1], pending[1:]
                current.lead = 1
                if pending:  # several codes in a row before a name: the others stand alone
                    items.append(_Item([], pending))
                    pending = []
            current.words.append(token)
        # "weak" separators and labels ("code INSEE", "CP") only sit between a name and its code
    close()
    return items


def _next_names_code(items: list[_Item], cog: Cog, departement: str | None) -> list[_Item]:
    """A code between two names that is the next one's and not the one's before, the comma before it
    lost ("Saint-Éloy-les-Mines 63390 Ayat-sur-Sioule": 63390 is Ayat's postcode, not Saint-Éloy's):
    the next name's, written before it."""
    for before, after in zip(items, items[1:]):
        if len(before.codes) != 1 or before.lead or not before.words or after.lead or not after.words:
            continue
        code = before.codes[0]
        first = _segments(_LEADING.sub("", " ".join(after.words)).strip(), cog)[0]
        if _names_one(code, " ".join(before.words), cog, departement) is False \
                and _names_one(code, first, cog, departement):
            before.codes, after.codes, after.lead = [], [code] + after.codes, 1
    return items


def _names_one(code: str, name: str, cog: Cog, departement: str | None) -> bool | None:
    """Whether the code names the one commune the name names exactly; None when it names none."""
    match = cog.resolve_commune(name, departement)
    if match is None or match.ambiguous or match.score < EXACT or match.commune is None:
        return None
    return _code_names(code, match.commune, cog)


def _entries(item: _Item, cog: Cog, departement: str | None, epci: str | None, insee: set[str]) -> list[Entry]:
    if not item.words:
        return [_code_alone(code, cog, departement, epci, code in insee) for code in item.codes]
    name = _LEADING.sub("", " ".join(item.words)).strip(" .-–—'’")
    if not name:
        return [_code_alone(code, cog, departement, epci, code in insee) for code in item.codes]
    hint = (cog.departement_code(item.hint, fuzzy=False) if item.hint else None) or departement
    names = _segments(name, cog)
    if len(names) == 1 and hint:
        names = _segments_near(name, cog, hint)
    split = len(names) > 1
    if not split:
        return [_named(name, item.codes, cog, hint, epci, False, insee)]
    # Names run together ("72000 Le Mans La Chapelle-Saint-Aubin (72065)"): the codes written
    # before go with the first, those after with the last.
    before, after = item.codes[:item.lead], item.codes[item.lead:]
    return [_named(n, (before if i == 0 else []) + (after if i == len(names) - 1 else []), cog, hint, epci, True, insee)
            for i, n in enumerate(names)]


def _segments(name: str, cog: Cog) -> list[str]:
    """One name, or several when it is no commune but reads, with no word left over, as a run of
    communes ("Le Quesnoy Landrecies", "Sartène et Corte"); "et" between two is a separator."""
    if cog.is_commune_name(name):
        return [name]
    words = name.split()
    if len(words) < 2:
        return [name]
    best: list[list[str] | None] = [[]] + [None] * len(words)  # best[i]: fewest names for words[:i]
    for end in range(1, len(words) + 1):
        for start in range(max(0, end - _MAX_WORDS), end):
            before = best[start]
            if before is None:
                continue
            piece = words[start:end]
            if piece[0].lower() == "et" and before:  # "Sartène et Corte": "et" separates
                piece = piece[1:]
            if not piece or not cog.is_commune_name(" ".join(piece)):
                continue
            if best[end] is None or len(before) + 1 < len(best[end]):
                best[end] = before + [" ".join(piece)]
    if best[-1] and len(best[-1]) > 1:
        return best[-1]
    parts = [p for p in re.split(r"\s+et\s+", name) if p]  # two names, one misread: cut at "et"
    return parts if len(parts) > 1 else [name]


def _segments_near(name: str, cog: Cog, departement: str) -> list[str]:
    """Names run together (one per line, the breaks lost) of which one or more came with a slip
    ("Donnemarie-DontiIly Baby", "Rernies Couvron-et-Aurnencourt"): cut where every piece is one
    commune of the département, exactly or one OCR slip away, and only when the cut is the one
    possible; a name that resolves whole, or two possible cuts, is left as it was (a reviewer,
    or section 2's EPCI, decides). The pieces stay unsure unless a code or the EPCI confirms them."""
    words = name.split()
    if len(words) < 2 or len(words) > 2 * _MAX_WORDS or cog.resolve_commune(name, departement):
        return [name]
    cuts: list[list[list[str]]] = [[[]]] + [[] for _ in words]  # cuts[i]: every cut of words[:i]
    for end in range(1, len(words) + 1):
        for start in range(max(0, end - _MAX_WORDS), end):
            piece = words[start:end]
            if piece[0].lower() == "et" and start:
                piece = piece[1:]
            if cuts[start] and piece and _one_commune_near(" ".join(piece), cog, departement):
                cuts[end] += [before + [" ".join(piece)] for before in cuts[start]]
            if len(cuts[end]) > 2:
                return [name]  # too many ways to read it: not a cut to trust
    return cuts[-1][0] if len(cuts[-1]) == 1 and len(cuts[-1][0]) > 1 else [name]


def _one_commune_near(piece: str, cog: Cog, departement: str) -> bool:
    """The piece names one commune of the département, exactly or with a slip."""
    match = cog.resolve_commune(piece, departement)
    return bool(match and not match.ambiguous and match.commune is not None
                and match.commune.departement == departement)


def _named(name: str, codes: list[str], cog: Cog, departement: str | None, epci: str | None,
           split: bool, insee: set[str] = frozenset()) -> Entry:
    """A written name, with the code written beside it, if any."""
    nom = values.clean_text(name) or name
    match = cog.resolve_commune(name, departement)
    if codes:
        exact = _homonyms(name, cog)
        agreeing = [c for c in exact if all(_code_names(code, c, cog) for code in codes)]
        if not agreeing and match:  # "MarIe (02250)": no Marie has that code, the Marle near it has
            exact, agreeing = [], [c for c in match.candidates if all(_code_names(code, c, cog) for code in codes)]
        if len({_current(c).code for c in agreeing}) == 1:
            commune = agreeing[0]
            # a name misread ("Lecoi (20137)") that its code confirms is given as the COG spells it
            return Entry(nom if exact else commune.nom, _insee(commune), True, confirmed=True)
        by_code = _code_alone(codes[0], cog, departement, epci, codes[0] in insee)
        # "Meiiart (18142)": a name too damaged to resolve, beside the code of a commune it
        # still resembles; two readings agree, and no other place is as near the name. A
        # postcode serving several communes ("Pamanda (97615)": Dzaoudzi and Pamandzi) names
        # the one the name resembles, when it resembles one only.
        served = [cog.commune(by_code.code_insee)] if by_code.sure else [cog.commune(codes[0])] + (
            [] if codes[0] in insee else [_current(c) for c in cog.communes_of_postcode(codes[0])])
        # no more words than the commune's: "Bastia Furianl 20200" is two names, not Bastia misread
        like = {c.code: c for c in served if c is not None and resembles(name, c.nom)
                and len(_WORDS.findall(name)) <= len(_WORDS.findall(c.nom))}
        if match is None and len(like) == 1:
            commune = next(iter(like.values()))
            if all(_code_names(code, commune, cog) for code in codes):
                return Entry(commune.nom, commune.code, True, confirmed=True)
        if match is None and by_code.sure and epci and cog.commune_in_epci(by_code.code_insee, epci):
            return _code_in_epci(name, by_code)
        slipped = _code_slipped(name, codes, cog, departement, epci)
        if slipped is not None:
            return slipped
        # A code that names another commune (or none): the reader decides which is right.
        code = match.code_insee if match and not match.ambiguous else by_code.code_insee
        return Entry(nom, code, False, contradicted=True)
    if match is None:
        return Entry(nom, None, False, foreign=place_like(nom))
    candidates = list(match.candidates)
    if match.ambiguous and epci:
        members = [c for c in candidates if cog.commune_in_epci(_current(c).code, epci)]
        candidates = members if len({_current(c).code for c in members}) == 1 else candidates
    if len(candidates) > 1:
        return Entry(nom, None, False)
    commune = candidates[0]
    sure = match.score >= EXACT and (not split or not departement or commune.departement == departement)
    return Entry(nom, _insee(commune), sure)


# Words of the form's labels: read as a commune, they are the layout's, not the porteur's.
_FORM_WORDS = {"nom", "prénom", "epci", "commune", "communes", "département", "région", "code", "insee",
               "rattachement", "échelle", "secteur", "élu", "élue", "référent", "référente", "qualité",
               "téléphone", "courriel", "section", "localisation", "concernée", "concernées"}
_PARTICLES = {"de", "du", "des", "la", "le", "les", "d", "l", "sur", "sous", "en", "et", "lès", "lez", "aux", "au"}


CODE_WINS_SLIPS = 2  # "lré — code INSEE 53120" for Izé: a couple of OCR slips on a short name


def _code_in_epci(name: str, by_code: Entry) -> Entry:
    """A name that comes near no commune, beside the code of a member of the EPCI read surely
    ("lré — code INSEE 53120" in the Coëvrons: Izé): the code wins, spelt as the COG does. Two
    readings agree (the code, the EPCI); confirmed only when the name is a couple of OCR slips
    from the commune's, for a reviewer otherwise."""
    near = len(commune_keys(name)[1]) >= 3 and name_slips(name, by_code.nom) <= CODE_WINS_SLIPS
    # far: still flagged, so that no confirmation of section 2 (by the EPCI) vouches for it
    return Entry(by_code.nom, by_code.code_insee, near, confirmed=near, contradicted=not near)


def _code_slipped(name: str, codes: list[str], cog: Cog, departement: str | None, epci: str | None) -> Entry | None:
    """A code one character off the code of the commune its name names: a digit misread
    ("Saint-Pierre-du-Vauvray (code INSEE 27558)" for 27598). A name read exactly, one commune
    of that name whose code (or postcode) is one slip from the written one: the name wins, sure.
    A damaged name ("Vouncuil-sui Vient (46298)" in the Vienne): the one commune of the
    département one slip from the code that the name resembles is given, for a reviewer.
    Not when the written code itself names a commune that may be meant (of the département and
    of the EPCI read surely, or resembling the name): two readings then disagree, and a reviewer
    decides ("Laval (53120)" in the Coëvrons, where 53120 is Izé)."""
    if len(codes) != 1:
        return None
    code = codes[0]

    def possible(commune: Commune) -> bool:
        return (not departement or commune.departement == departement) and (
            not epci or cog.commune_in_epci(_current(commune).code, epci))

    if any(possible(c) or resembles(name, c.nom) for c in _named_by(code, cog)):
        return None
    exact = [c for c in _homonyms(name, cog) if possible(c)]
    named = {_current(c).code: c for c in exact if any(_one_slip(code, k) for k in (c.code, *c.codes_postaux))}
    if len(named) == 1:
        return Entry(values.clean_text(name) or name, _insee(next(iter(named.values()))), True)
    if exact or not departement:
        return None
    near = {_current(c).code: _current(c) for variant in _slips(code) for c in _named_by(variant, cog)
            if possible(c) and resembles(name, c.nom)}
    if len(near) != 1:
        return None
    commune = next(iter(near.values()))
    return Entry(commune.nom, _insee(commune), False, contradicted=True)


def _named_by(code: str, cog: Cog) -> list[Commune]:
    """The communes a code names: by INSEE code, or as their postcode."""
    by_insee = cog.commune(code)
    return ([by_insee] if by_insee else []) + list(cog.communes_of_postcode(code))


def _one_slip(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _slips(code: str) -> list[str]:
    """Every code one character from `code` (Corsica's A and B among the characters)."""
    return [code[:i] + ch + code[i + 1:] for i in range(len(code)) for ch in "0123456789AB" if ch != code[i]]


def place_like(name: str) -> bool:
    """Written as a place is ("Hameau de Bressols", "Val-d'Orge"): capitalised words and
    particles only, none of them a word of the form."""
    words = [w for w in re.split(r"[\s'’-]+", name) if w]
    if sum(len(w) for w in words) < 4:
        return False
    return all((w[0].isupper() or w.casefold() in _PARTICLES) and w.casefold() not in _FORM_WORDS
               for w in words) and words[0][0].isupper()


def _code_alone(code: str, cog: Cog, departement: str | None, epci: str | None, insee: bool = False) -> Entry:
    """A code without a name: an INSEE code names its commune; a postcode, the one commune it serves.
    A code written after "code INSEE" is no postcode ("97615" is Pamandzi's INSEE code and the
    postcode of Dzaoudzi too)."""
    by_insee = cog.commune(code)
    by_post = [] if insee and by_insee else list(cog.communes_of_postcode(code))
    if by_insee and by_post and {c.code for c in by_post} != {by_insee.code}:
        found = []  # the code of one commune and the postcode of others: no telling
    else:
        found = [by_insee] if by_insee else by_post
    if len(found) > 1 and departement:
        found = [c for c in found if c.departement == departement] or found
    if len(found) > 1 and epci:
        found = [c for c in found if cog.commune_in_epci(c.code, epci)] or found
    if len(found) != 1:
        return Entry(code, None, False)
    return Entry(found[0].nom, found[0].code, True)


RESEMBLES = 60  # rapidfuzz ratio of two names one photo's misreading apart ("Meiiart", "Meillant")


def resembles(written: str, official: str) -> bool:
    """Whether a damaged reading may be the official name: one letter off, or most letters shared."""
    a, b = commune_keys(written)[1], commune_keys(official)[1]
    return name_slips(written, official) <= 1 or fuzz.ratio(a, b) >= RESEMBLES


def _homonyms(name: str, cog: Cog) -> list[Commune]:
    """Every commune of exactly that name, whatever its département."""
    match = cog.resolve_commune(name)
    return list(match.candidates) if match and match.score >= EXACT else []


def _code_names(code: str, commune: Commune, cog: Cog) -> bool:
    """Whether a written code is this commune's INSEE code (current or former) or one of its postcodes."""
    current = _current(commune)
    by_code = cog.commune(code)
    return code == commune.code or (by_code is not None and by_code.code == current.code
                                    and commune.kind is CommuneKind.ACTUELLE) or code in commune.codes_postaux


def _current(commune: Commune) -> Commune:
    return commune.parent if commune.parent is not None else commune


def _insee(commune: Commune) -> str | None:
    """The code `s2.communes` gives: a commune's own, an arrondissement's commune's, none for a déléguée."""
    if commune.kind in (CommuneKind.DELEGUEE, CommuneKind.ASSOCIEE):
        return None
    return _current(commune).code
