"""Support letters (courriers de soutien) of the unseen set, as town halls,
EPCIs and préfectures write them.

letter_pdf(spec) lays a letter out on A4 and writes a digital PDF by hand:
TrueType fonts embedded (subset) with a WinAnsi text layer, letterheads and
emblems in vector, the signature as vector pen strokes or as an image, a round
stamp as an image.  Every choice comes from random.Random(spec.style).
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import io
import json
import math
import random
import re
import struct
import tarfile
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from . import signatures as sg


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


# ------------------------------------------------------------------ people

FIRST_NAMES_F = """Marie Anne Catherine Isabelle Sylvie Nathalie Christine Valérie Sandrine Véronique
Françoise Martine Monique Brigitte Patricia Laurence Céline Stéphanie Sophie Hélène Claire Agnès
Émilie Aurélie Julie Camille Laure Élodie Caroline Delphine Karine Virginie Florence Corinne Béatrice
Pascale Dominique Chantal Geneviève Odile Josiane Annick Maryse Ghislaine Solange Régine Bernadette
Mireille Yvette Colette Élisabeth Marie-Claude Marie-Hélène Anne-Sophie Marie-Laure Marie-Pierre
Anne-Marie Marie-Christine Jeanne Léa Manon Chloé Noémie Pauline Audrey Magali Gaëlle Maëlle Soizic
Nolwenn Rozenn Maïté Ginette Fabienne Murielle Estelle Lydie Salomé Inès Nadia Leïla Fatima Samia
Armelle Bérengère Ségolène Clémence Hortense""".split()
FIRST_NAMES_M = """Jean Pierre Michel Philippe Alain Patrick Bernard Christian Daniel Éric Frédéric
Laurent Olivier Thierry Pascal Didier Gilles Hervé Stéphane Christophe Nicolas Sébastien Julien
François Jacques Gérard André René Yves Roger Claude Serge Dominique Bruno Denis Marc Luc Paul
Jean-Pierre Jean-Marc Jean-Luc Jean-Claude Jean-François Jean-Michel Pierre-Yves Jean-Paul
Jean-Louis Jean-Jacques Louis-Marie Guillaume Antoine Mathieu Benoît Cédric Fabrice Franck Joël
Lionel Régis Rémi Thibault Xavier Yannick Ludovic Grégory Aurélien Damien Jérôme Arnaud Gaël Loïc
Ronan Erwan Yann Killian Mathis Hugo Théo Maxime Baptiste Clément Émile Gaston Hubert Raymond Marcel
Karim Mehdi Rachid Saïd Mamadou Ange Paul-Henri Étienne Josselin""".split()
SURNAMES = """Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent
Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier
Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry
Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson
Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël Meyer Lucas
Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin
Fernandez Pierre Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine
Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Da_Silva Hubert Louis
Charles Guillot Rivière Le_Gall Guillaume Adam Rey Moulin Gonzalez Berger Lecomte Menard Fleury
Deschamps Carpentier Julien Benoît Paris Maillard Marchal Aubry Vasseur Le_Roux Renault Jacquet
Collet Prévost Poirier Charpentier Royer Huet Baron Dupuy Pons Paul Laine Carré Breton Rémy
Schneider Perrot Guyot Barre Marty Cousin Le_Bihan Kerbrat Le_Goff Quéméner Étcheverry Harriet
Iribarne Casanova Santoni Pietri Susini Ferracci Albertini Bellance Jean-Baptiste Hoarau Payet
Grondin Técher Boyer-Vidal Saint-Jean Dupont-Aignan Lévêque Bézier Gaudin Lagarde Fauré Peyrol
Lafon Castaing Sabatier Delmas Vergnes Chauvet Besson Chabert Tessier Couderc Mallet Ribeiro
Ferreira Haddad Benali Ould_Ahmed de_La_Roche de_Villiers d'Aubigné du_Plessis de_Castelnau
Le_Floch'h Lecerf Desjardins Beaumont Vasseur-Leblanc Sainte-Marie Baudoin Bouvier Thibault""".split()
SURNAMES = [s.replace("_", " ") for s in SURNAMES]


def random_person(rng: random.Random, female: bool | None = None) -> tuple[str, str, bool]:
    """(first name, surname, is_female) drawn from the lists above."""
    if female is None:
        female = rng.random() < 0.5
    first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    return first, rng.choice(SURNAMES), female


_PARTICLES = {"de", "du", "des", "d'"}


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def split_name(full: str) -> tuple[str, str]:
    """(first name, surname) of a name however it is written: 'Marie-Claude Duval',
    'Anne de La Roche', 'ROUXEL Céline', 'Céline ROUXEL', 'Jean-Luc DE LA ROCHE'."""
    parts = full.split()
    if len(parts) == 1:
        return "", parts[0]
    caps = [_is_caps(p) for p in parts]
    if any(caps) and not all(caps):
        if caps[0]:  # 'ROUXEL Céline': the surname leads
            k = caps.index(False)
            return " ".join(parts[k:]), " ".join(parts[:k])
        k = caps.index(True)
        while k > 1 and parts[k - 1].lower() in _PARTICLES:
            k -= 1
        return " ".join(parts[:k]), " ".join(parts[k:])
    return parts[0], " ".join(parts[1:])


def proper_case(surname: str) -> str:
    """'ROUXEL' -> 'Rouxel', 'LE GALL' -> 'Le Gall', "D'AUBIGNÉ" -> "d'Aubigné"; mixed case kept."""
    if not _is_caps(surname):
        return surname
    out = []
    for i, w in enumerate(surname.split(" ")):
        if i == 0 and w.lower() in ("de", "du", "des") and " " in surname:
            out.append(w.lower())
            continue
        out.append("-".join("'".join(x[:1].upper() + x[1:].lower() for x in part.split("'"))
                            for part in w.split("-")))
    return " ".join(out)


def upper_surname(surname: str, keep_particle: bool = True) -> str:
    words = surname.split(" ")
    out = []
    for i, w in enumerate(words):
        if keep_particle and i < len(words) - 1 and w.lower() in _PARTICLES:
            out.append(w.lower() if i == 0 else w.upper())
        else:
            out.append(w.upper())
    return " ".join(out)


_FEMININE = re.compile(r"\b(La |Madame|Mme|[Pp]résidente|[Aa]djointe|[Pp]réfète|[Dd]irectrice|"
                       r"générale|[Pp]remière|[Dd]éléguée|[Cc]onseillère|sous-préfète|[Vv]ice-présidente)")


def is_female(name: str, title: str) -> bool | None:
    """The signer's gender from the title (the part about the signer, not
    "pour la préfète"), else from the first-name lists; None when unknown."""
    own = re.sub(r"(?i)\b(pour|p/)\s*(le|la)\s+(préf\w+|maire|présiden\w+)( empêchée?)?( et par délégation)?,?", "", title)
    own = re.sub(r"(?i)\bP/(le|la)\s+\w+,?", "", own)
    if _FEMININE.search(own):
        return True
    if re.search(r"\b(Le |le |[Pp]résident\b|[Aa]djoint\b|[Pp]réfet\b|[Dd]irecteur|général\b|[Pp]remier)", own):
        return False
    first = split_name(name)[0].split(" ")[0]
    if first in FIRST_NAMES_F:
        return True
    if first in FIRST_NAMES_M:
        return False
    return None


_EPCI_RE = re.compile(r"^(CC|CA|CU|Cté|Communauté|Métropole|Eurométropole|Agglomération|Pays|PETR|Syndicat)\b"
                      r"|Métropole|Agglo|Communauté")


def looks_like_epci(name: str) -> bool:
    return bool(_EPCI_RE.search(name))


def commune_town(name: str) -> str:
    """'Commune du Lorrain' -> 'Le Lorrain', "Ville d'Agde" -> 'Agde', 'Lodève' -> 'Lodève'."""
    m = re.match(r"^(?:Commune|Ville|Mairie)\s+(de |d'|du |des )(.+)$", name)
    if not m:
        return name
    link, rest = m.groups()
    return {"du ": "Le ", "des ": "Les "}.get(link, "") + rest


# ------------------------------------------------------------------ geography words

@functools.lru_cache(maxsize=1)
def _departement_links() -> dict[str, int]:
    try:
        with tarfile.open("/work/shared/data/etalab-decoupage-administratif-6.0.0.tgz") as tf:
            data = json.load(tf.extractfile("package/data/departements.json"))
        return {d["code"]: int(d["typeLiaison"]) for d in data}
    except (OSError, KeyError, ValueError):
        return {}


_LINK = {0: "de ", 1: "d'", 2: "du ", 3: "de la ", 4: "des ", 5: "de l'", 6: "des "}
_VOWELS = "AEIOUYÉÈÊÎÂÔH"


def dept_of(code: str, name: str) -> str:
    """"de l'Hérault", "de la Drôme", "du Nord", "des Landes", "de Mayotte"."""
    link = _departement_links().get(code)
    if link is None:
        link = 5 if name[:1].upper() in _VOWELS else 0
    bare = re.sub(r"^(La |Le |Les |L')", "", name)
    if link in (2, 3, 4, 6):
        return _LINK[link] + bare
    return _LINK[link] + name


def place_of(name: str) -> str:
    """'de Lodève', "d'Agde", 'du Lorrain', 'des Abymes', 'de La Rochelle'."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[:1].upper() in _VOWELS or name.startswith("L'"):
        return "d'" + name[2:] if name.startswith("L'") else "d'" + name
    return "de " + name


def in_place(name: str) -> str:
    """'à Lodève', 'au Lorrain', 'aux Abymes'."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def phone(rng: random.Random, dept: str) -> str:
    pre = {"971": "0590", "972": "0596", "973": "0594", "974": "0262", "976": "0269"}.get(dept)
    if pre is None:
        d = dept[:2]
        if d in ("75", "77", "78", "91", "92", "93", "94", "95"):
            pre = "01"
        elif d in ("14", "22", "27", "28", "29", "35", "36", "37", "41", "44", "45", "49", "50", "53",
                   "56", "61", "72", "76", "85", "18"):
            pre = "02"
        elif d in ("02", "08", "10", "21", "25", "39", "51", "52", "54", "55", "57", "58", "59", "60",
                   "62", "67", "68", "70", "71", "80", "88", "89", "90"):
            pre = "03"
        elif d in ("16", "17", "19", "23", "24", "31", "32", "33", "40", "46", "47", "64", "65", "79",
                   "81", "82", "86", "87", "09", "12"):
            pre = "05"
        else:
            pre = "04"
        pre += str(rng.randint(11, 99))
    else:
        pre += str(rng.randint(10, 99))[:2]
    digits = pre + "".join(str(rng.randint(0, 9)) for _ in range(10 - len(pre)))
    sep = rng.choice([" ", ".", " "])
    return sep.join(digits[i:i + 2] for i in range(0, 10, 2))


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


def long_date(d: datetime.date, rng: random.Random) -> str:
    day = "1er" if d.day == 1 else str(d.day)
    if rng.random() < 0.12 and d.day != 1:
        day = f"{d.day:02d}"
    return f"{day} {MONTHS[d.month - 1]} {d.year}"


# ------------------------------------------------------------------ fonts

_TT = "/usr/share/fonts/truetype/"
FAMILIES = {
    "LiberationSerif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf",
                        "liberation/LiberationSerif-Italic.ttf", True),
    "LiberationSans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf",
                       "liberation/LiberationSans-Italic.ttf", False),
    "LiberationSansNarrow": ("liberation/LiberationSansNarrow-Regular.ttf",
                             "liberation/LiberationSansNarrow-Bold.ttf",
                             "liberation/LiberationSansNarrow-Italic.ttf", False),
    "Carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf",
                "crosextra/Carlito-Italic.ttf", False),
    "Caladea": ("crosextra/Caladea-Regular.ttf", "crosextra/Caladea-Bold.ttf",
                "crosextra/Caladea-Italic.ttf", True),
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf",
                   "dejavu/DejaVuSans-Oblique.ttf", False),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf",
                    "dejavu/DejaVuSerif-Italic.ttf", True),
    "DejaVuSansCondensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf",
                            "dejavu/DejaVuSansCondensed-Oblique.ttf", False),
}
BODY_FAMILIES = ["LiberationSerif", "LiberationSans", "Carlito", "Caladea", "DejaVuSans",
                 "DejaVuSerif", "Carlito", "LiberationSerif", "LiberationSans"]


def _u16(b, o):
    return struct.unpack_from(">H", b, o)[0]


def _i16(b, o):
    return struct.unpack_from(">h", b, o)[0]


def _u32(b, o):
    return struct.unpack_from(">I", b, o)[0]


class TTFont:
    """Just enough of a TrueType font: metrics, the Unicode cmap, and a
    subset that keeps the glyph ids (unused outlines dropped)."""

    def __init__(self, path: str):
        self.path = path
        self.data = data = Path(path).read_bytes()
        n = _u16(data, 4)
        self.tables = {}
        for i in range(n):
            rec = 12 + 16 * i
            tag = data[rec:rec + 4].decode("latin-1")
            self.tables[tag] = (_u32(data, rec + 8), _u32(data, rec + 12))
        head = self._t("head")
        self.upem = _u16(head, 18)
        self.bbox = [_i16(head, 36 + 2 * k) * 1000 // self.upem for k in range(4)]
        self.long_loca = _i16(head, 50) == 1
        hhea = self._t("hhea")
        self.ascent = _i16(hhea, 4) * 1000 // self.upem
        self.descent = _i16(hhea, 6) * 1000 // self.upem
        nhm = _u16(hhea, 34)
        self.num_glyphs = _u16(self._t("maxp"), 4)
        hmtx = self._t("hmtx")
        adv = [_u16(hmtx, 4 * i) for i in range(nhm)]
        self.advance = adv + [adv[-1]] * (self.num_glyphs - nhm)
        os2 = self._t("OS/2")
        self.cap_height = (_i16(os2, 88) * 1000 // self.upem) if len(os2) > 90 and _i16(os2, 88) else self.ascent * 7 // 10
        post = self._t("post")
        self.italic_angle = _i16(post, 4)
        self.cmap = self._parse_cmap()
        self.ps_name = Path(path).stem.replace("-", "").replace(" ", "")
        self.name = Path(path).stem

    def _t(self, tag):
        off, ln = self.tables[tag]
        return self.data[off:off + ln]

    def _parse_cmap(self) -> dict[int, int]:
        cm = self._t("cmap")
        best = None
        for i in range(_u16(cm, 2)):
            pid, eid, off = _u16(cm, 4 + 8 * i), _u16(cm, 6 + 8 * i), _u32(cm, 8 + 8 * i)
            if pid == 3 and eid == 1 and _u16(cm, off) == 4:
                best = off
        out = {}
        if best is None:
            return out
        o = best
        segx2 = _u16(cm, o + 6)
        ends = o + 14
        starts = ends + segx2 + 2
        deltas = starts + segx2
        ranges = deltas + segx2
        for s in range(segx2 // 2):
            end, start = _u16(cm, ends + 2 * s), _u16(cm, starts + 2 * s)
            delta, ro = _i16(cm, deltas + 2 * s), _u16(cm, ranges + 2 * s)
            for c in range(start, end + 1):
                if c == 0xFFFF:
                    continue
                if ro == 0:
                    g = (c + delta) & 0xFFFF
                else:
                    gi = ranges + 2 * s + ro + 2 * (c - start)
                    g = _u16(cm, gi)
                    if g:
                        g = (g + delta) & 0xFFFF
                if g:
                    out[c] = g
        return out

    def width(self, ch: str) -> float:
        g = self.cmap.get(ord(ch))
        return self.advance[g] * 1000 / self.upem if g else 500.0

    def string_width(self, s: str, size: float) -> float:
        return sum(self.width(c) for c in s) * size / 1000

    def subset(self, chars: set[str]) -> bytes:
        loca_raw = self._t("loca")
        if self.long_loca:
            loca = [_u32(loca_raw, 4 * i) for i in range(self.num_glyphs + 1)]
        else:
            loca = [_u16(loca_raw, 2 * i) * 2 for i in range(self.num_glyphs + 1)]
        glyf = self._t("glyf")
        keep = {0} | {self.cmap[ord(c)] for c in chars if ord(c) in self.cmap}
        todo = list(keep)
        while todo:  # composite glyphs pull in their components
            g = todo.pop()
            a, b = loca[g], loca[g + 1]
            if b - a < 10 or _i16(glyf, a) >= 0:
                continue
            p = a + 10
            while True:
                flags, comp = _u16(glyf, p), _u16(glyf, p + 2)
                if comp not in keep:
                    keep.add(comp)
                    todo.append(comp)
                p += 4 + (4 if flags & 1 else 2)
                p += 2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
                if not flags & 0x20:
                    break
        new_glyf = bytearray()
        new_loca = []
        for g in range(self.num_glyphs):
            new_loca.append(len(new_glyf))
            if g in keep:
                new_glyf += glyf[loca[g]:loca[g + 1]]
                new_glyf += b"\0" * (-len(new_glyf) % 4)
        new_loca.append(len(new_glyf))
        tables = {}
        for tag in ("cmap", "cvt ", "fpgm", "prep", "hhea", "hmtx", "maxp", "OS/2", "name", "gasp"):
            if tag in self.tables:
                tables[tag] = self._t(tag)
        head = bytearray(self._t("head"))
        struct.pack_into(">h", head, 50, 1)
        struct.pack_into(">I", head, 8, 0)
        tables["head"] = bytes(head)
        tables["glyf"] = bytes(new_glyf)
        tables["loca"] = struct.pack(f">{len(new_loca)}I", *new_loca)
        tables["post"] = struct.pack(">IIhhIIIII", 0x00030000, _u32(self._t("post"), 4), 0, 0, 0, 0, 0, 0, 0)
        tags = sorted(tables)
        n = len(tags)
        es = int(math.log2(n))
        out = bytearray(struct.pack(">IHHHH", 0x00010000, n, 16 * 2 ** es, es, 16 * n - 16 * 2 ** es))
        off = 12 + 16 * n
        body = bytearray()
        for tag in tags:
            data = tables[tag]
            out += struct.pack(">4sIII", tag.encode("latin-1"), 0, off + len(body), len(data))
            body += data + b"\0" * (-len(data) % 4)
        return bytes(out + body)


@functools.cache
def load_font(path: str) -> TTFont:
    return TTFont(_TT + path if not path.startswith("/") else path)


# ------------------------------------------------------------------ PDF writer

def _pdf_str(s: str) -> bytes:
    s = s.replace("\u202f", " ").replace("\u2009", " ").replace("\u2011", "-")
    b = s.encode("cp1252", "replace")
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


class Page:
    W, H = 595.28, 841.89

    def __init__(self, doc: PdfDoc):
        self.doc = doc
        self.ops: list[bytes] = []

    def text(self, x, y, s, font: str, size: float, color=(0, 0, 0), tw: float = 0.0):
        fid = self.doc.font_id(font, s)
        r, g, b = (c / 255 for c in color)
        self.ops.append(b"BT /%s %.2f Tf %.3f %.3f %.3f rg %.3f Tw 1 0 0 1 %.2f %.2f Tm %s Tj ET\n"
                        % (fid.encode(), size, r, g, b, tw, x, y, _pdf_str(s)))

    def width(self, s, font, size) -> float:
        return load_font(font).string_width(s, size)

    def text_right(self, x_right, y, s, font, size, color=(0, 0, 0)):
        self.text(x_right - self.width(s, font, size), y, s, font, size, color)

    def text_centre(self, xc, y, s, font, size, color=(0, 0, 0)):
        self.text(xc - self.width(s, font, size) / 2, y, s, font, size, color)

    def rect(self, x, y, w, h, color):
        r, g, b = (c / 255 for c in color)
        self.ops.append(b"%.3f %.3f %.3f rg %.2f %.2f %.2f %.2f re f\n" % (r, g, b, x, y, w, h))

    def line(self, x1, y1, x2, y2, width=0.5, color=(0, 0, 0)):
        r, g, b = (c / 255 for c in color)
        self.ops.append(b"%.3f %.3f %.3f RG %.2f w %.2f %.2f m %.2f %.2f l S\n" % (r, g, b, width, x1, y1, x2, y2))

    def path(self, ops: str, fill=None):
        if fill:
            r, g, b = (c / 255 for c in fill)
            self.ops.append(b"q %.3f %.3f %.3f rg %s Q\n" % (r, g, b, ops.encode()))
        else:
            self.ops.append(ops.encode() + b"\n")

    def raw(self, b: bytes):
        self.ops.append(b)

    def image(self, img_id: str, x, y, w, h):
        self.ops.append(b"q %.2f 0 0 %.2f %.2f %.2f cm /%s Do Q\n" % (w, h, x, y, img_id.encode()))


class PdfDoc:
    def __init__(self, seed: int, producer: str, created: datetime.date):
        self.pages: list[Page] = []
        self.fonts: dict[str, tuple[str, set]] = {}
        self.images: dict[str, tuple[dict, bytes]] = {}
        self.seed = seed
        self.producer = producer
        self.created = created

    def new_page(self) -> Page:
        p = Page(self)
        self.pages.append(p)
        return p

    def font_id(self, font: str, s: str) -> str:
        if font not in self.fonts:
            self.fonts[font] = (f"F{len(self.fonts) + 1}", set())
        fid, chars = self.fonts[font]
        chars.update(s)
        return fid

    def add_rgba(self, img: Image.Image) -> str:
        img = img.convert("RGBA")
        rgb = img.convert("RGB").tobytes()
        alpha = img.getchannel("A").tobytes()
        iid = f"Im{len(self.images) + 1}"
        self.images[iid] = ({"W": img.width, "H": img.height, "filter": "FlateDecode", "smask": zlib.compress(alpha, 9)},
                            zlib.compress(rgb, 9))
        return iid

    def add_jpeg(self, data: bytes) -> str:
        im = Image.open(io.BytesIO(data))
        iid = f"Im{len(self.images) + 1}"
        self.images[iid] = ({"W": im.width, "H": im.height, "filter": "DCTDecode", "smask": None}, data)
        return iid

    def build(self) -> bytes:
        objs: list[bytes] = []

        def add(body: bytes) -> int:
            objs.append(body)
            return len(objs)

        def stream(dict_body: bytes, data: bytes) -> int:
            return add(b"<< " + dict_body + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")

        font_refs = {}
        for font, (fid, chars) in self.fonts.items():
            tt = load_font(font)
            chars = {c for c in chars if c.encode("cp1252", "ignore")}
            sub = tt.subset(chars | {" "})
            tag = "".join(chr(65 + (b % 26)) for b in hashlib.md5(f"{self.seed}{font}".encode()).digest()[:6])
            ff = stream(b"/Filter /FlateDecode /Length1 %d" % len(sub), zlib.compress(sub, 9))
            flags = 32 + (2 if "Serif" in tt.ps_name or "Caladea" in tt.ps_name else 0) \
                + (64 if tt.italic_angle else 0)
            fd = add(b"<< /Type /FontDescriptor /FontName /%s+%s /Flags %d /FontBBox [%d %d %d %d] "
                     b"/ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>"
                     % (tag.encode(), tt.ps_name.encode(), flags, *tt.bbox, tt.italic_angle, tt.ascent,
                        tt.descent, tt.cap_height, ff))
            widths = []
            for code in range(32, 256):
                try:
                    ch = bytes([code]).decode("cp1252")
                    widths.append(round(tt.width(ch)))
                except UnicodeDecodeError:
                    widths.append(0)
            font_refs[fid] = add(b"<< /Type /Font /Subtype /TrueType /BaseFont /%s+%s /FirstChar 32 "
                                 b"/LastChar 255 /Widths [%s] /Encoding /WinAnsiEncoding /FontDescriptor %d 0 R >>"
                                 % (tag.encode(), tt.ps_name.encode(), " ".join(map(str, widths)).encode(), fd))
        img_refs = {}
        for iid, (meta, data) in self.images.items():
            extra = b""
            if meta["smask"] is not None:
                sm = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                            b"/BitsPerComponent 8 /Filter /FlateDecode" % (meta["W"], meta["H"]), meta["smask"])
                extra = b" /SMask %d 0 R" % sm
            img_refs[iid] = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                                   b"/BitsPerComponent 8 /Filter /%s%s"
                                   % (meta["W"], meta["H"], meta["filter"].encode(), extra), data)
        res = b"<< /Font << " + b" ".join(b"/%s %d 0 R" % (k.encode(), v) for k, v in font_refs.items()) \
            + b" >> /XObject << " + b" ".join(b"/%s %d 0 R" % (k.encode(), v) for k, v in img_refs.items()) \
            + b" >> /ProcSet [/PDF /Text /ImageC] >>"
        res_ref = add(res)
        pages_ref = len(objs) + 1 + 2 * len(self.pages)
        page_refs = []
        for p in self.pages:
            c = stream(b"/Filter /FlateDecode", zlib.compress(b"".join(p.ops), 9))
            page_refs.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595.28 841.89] "
                                 b"/Resources %d 0 R /Contents %d 0 R >>" % (pages_ref, res_ref, c)))
        assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>"
                   % (b" ".join(b"%d 0 R" % r for r in page_refs), len(page_refs))) == pages_ref
        d = self.created
        info = add(b"<< /Producer %s /CreationDate (D:%04d%02d%02d%02d%02d00+01'00') >>"
                   % (_pdf_str(self.producer), d.year, d.month, d.day, 9 + self.seed % 8, self.seed % 60))
        cat = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref)
        out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(objs, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" \
            % (len(objs) + 1, cat, info, xref)
        return bytes(out)


def wrap(text: str, font: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
    tt = load_font(font)
    lines, cur = [], ""
    avail = width - first_indent
    for word in text.split():
        cand = (cur + " " + word) if cur else word
        if tt.string_width(cand, size) <= avail or not cur:
            cur = cand
        else:
            lines.append(cur)
            cur = word
            avail = width
    if cur:
        lines.append(cur)
    return lines


# ------------------------------------------------------------------ emblems (vector)

def _emblem(page: Page, rng: random.Random, x: float, y: float, s: float, cols: list) -> None:
    """A small drawn logo in the square (x, y, s, s): hills, waves, a shield, a sun, a leaf."""
    kind = rng.choice(["hills", "waves", "shield", "sun", "leaf", "squares"])
    c1, c2, c3 = cols[0], cols[1 % len(cols)], cols[2 % len(cols)]
    if kind == "hills":
        page.path(f"{x:.1f} {y:.1f} m {x + s * .3:.1f} {y + s * .9:.1f} {x + s * .5:.1f} {y + s * .9:.1f} "
                  f"{x + s * .7:.1f} {y + s * .45:.1f} c {x + s * .85:.1f} {y + s * .7:.1f} {x + s:.1f} "
                  f"{y + s * .6:.1f} {x + s:.1f} {y + s * .4:.1f} c {x + s:.1f} {y:.1f} l h f", c1)
        page.path(f"{x:.1f} {y:.1f} m {x + s * .4:.1f} {y + s * .45:.1f} {x + s * .7:.1f} {y + s * .1:.1f} "
                  f"{x + s:.1f} {y + s * .3:.1f} c {x + s:.1f} {y:.1f} l h f", c2)
        page.path(f"{x + s * .78:.1f} {y + s * .85:.1f} {s * .12:.1f} {s * .12:.1f} re f", c3)
    elif kind == "waves":
        for k, col in enumerate((c1, c2, c3)):
            yy = y + s * (0.25 + 0.25 * k)
            page.path(f"{x:.1f} {yy:.1f} m {x + s * .33:.1f} {yy + s * .18:.1f} {x + s * .66:.1f} "
                      f"{yy - s * .18:.1f} {x + s:.1f} {yy:.1f} c {x + s:.1f} {yy - s * .12:.1f} l "
                      f"{x + s * .66:.1f} {yy - s * .3:.1f} {x + s * .33:.1f} {yy + s * .06:.1f} "
                      f"{x:.1f} {yy - s * .12:.1f} c h f", col)
    elif kind == "shield":
        page.path(f"{x:.1f} {y + s:.1f} m {x + s * .8:.1f} {y + s:.1f} l {x + s * .8:.1f} {y + s * .4:.1f} l "
                  f"{x + s * .8:.1f} {y + s * .15:.1f} {x + s * .4:.1f} {y:.1f} {x + s * .4:.1f} {y:.1f} c "
                  f"{x + s * .4:.1f} {y:.1f} {x:.1f} {y + s * .15:.1f} {x:.1f} {y + s * .4:.1f} c h f", c1)
        page.path(f"{x:.1f} {y + s * .72:.1f} m {x + s * .8:.1f} {y + s * .72:.1f} l {x + s * .8:.1f} "
                  f"{y + s * .86:.1f} l {x:.1f} {y + s * .86:.1f} l h f", c2)
        page.path(f"{x + s * .34:.1f} {y + s * .12:.1f} {s * .12:.1f} {s * .56:.1f} re f", (255, 255, 255))
    elif kind == "sun":
        cx, cy, r = x + s / 2, y + s / 2, s * .28
        k = 0.5523 * r
        page.path(f"{cx + r:.1f} {cy:.1f} m {cx + r:.1f} {cy + k:.1f} {cx + k:.1f} {cy + r:.1f} {cx:.1f} {cy + r:.1f} c "
                  f"{cx - k:.1f} {cy + r:.1f} {cx - r:.1f} {cy + k:.1f} {cx - r:.1f} {cy:.1f} c "
                  f"{cx - r:.1f} {cy - k:.1f} {cx - k:.1f} {cy - r:.1f} {cx:.1f} {cy - r:.1f} c "
                  f"{cx + k:.1f} {cy - r:.1f} {cx + r:.1f} {cy - k:.1f} {cx + r:.1f} {cy:.1f} c f", c1)
        for a in range(12):
            ang = a * math.pi / 6
            x1, y1 = cx + math.cos(ang) * r * 1.3, cy + math.sin(ang) * r * 1.3
            x2, y2 = cx + math.cos(ang) * r * 1.75, cy + math.sin(ang) * r * 1.75
            page.line(x1, y1, x2, y2, s * 0.05, c2)
    elif kind == "leaf":
        page.path(f"{x + s * .1:.1f} {y + s * .1:.1f} m {x + s * .1:.1f} {y + s * .8:.1f} {x + s * .6:.1f} "
                  f"{y + s:.1f} {x + s * .95:.1f} {y + s * .95:.1f} c {x + s * .9:.1f} {y + s * .5:.1f} "
                  f"{x + s * .6:.1f} {y + s * .1:.1f} {x + s * .1:.1f} {y + s * .1:.1f} c f", c1)
        page.line(x + s * .1, y + s * .1, x + s * .7, y + s * .7, s * .04, (255, 255, 255))
    else:
        for i in range(3):
            for j in range(3):
                if rng.random() < 0.75:
                    col = (c1, c2, c3)[(i + j) % 3]
                    page.path(f"{x + i * s / 3:.1f} {y + j * s / 3:.1f} {s / 3.4:.1f} {s / 3.4:.1f} re f", col)


def _marianne(page: Page, x: float, y: float, h: float) -> None:
    """The State's bloc-marque emblem, simplified: blue and red fields split by
    a white profile-like curve."""
    w = h * 1.55
    page.rect(x, y, w * 0.46, h, (0, 0, 145))
    page.rect(x + w * 0.54, y, w * 0.46, h, (225, 0, 15))
    page.path(f"{x + w * .46:.1f} {y:.1f} m {x + w * .40:.1f} {y + h * .4:.1f} {x + w * .60:.1f} {y + h * .6:.1f} "
              f"{x + w * .50:.1f} {y + h:.1f} c {x + w * .56:.1f} {y + h:.1f} l {x + w * .66:.1f} {y + h * .6:.1f} "
              f"{x + w * .46:.1f} {y + h * .4:.1f} {x + w * .54:.1f} {y:.1f} c h f", (255, 255, 255))


# ------------------------------------------------------------------ the letter

PALETTES = [
    [(0, 61, 115), (0, 140, 186), (120, 190, 32)],
    [(120, 25, 45), (200, 120, 40), (90, 90, 90)],
    [(0, 105, 90), (110, 180, 60), (240, 180, 0)],
    [(40, 40, 110), (220, 60, 60), (250, 200, 50)],
    [(70, 40, 100), (150, 110, 190), (60, 160, 150)],
    [(20, 90, 150), (230, 120, 30), (20, 20, 20)],
    [(50, 50, 50), (160, 20, 30), (200, 200, 200)],
]

PRODUCERS = ["Microsoft® Word pour Microsoft 365", "Microsoft® Word 2016", "LibreOffice 7.5",
             "LibreOffice 24.2", "Acrobat PDFMaker 23 pour Word", "Mac OS X 10.15.7 Quartz PDFContext",
             "OnlyOffice Document Server", "Writer PDF export"]

DGALN_LINES = [
    ["Madame la Sous-directrice de l'aménagement durable",
     "Direction générale de l'aménagement, du logement et de la nature",
     "Direction de l'habitat, de l'urbanisme et des paysages",
     "Sous-direction de l'aménagement durable (AD1)", "Tour Séquoia", "92055 La Défense Cedex"],
    ["Ministère de la Transition écologique et de la Cohésion des territoires", "DGALN / DHUP / AD1",
     "À l'attention de Madame la sous-directrice", "de l'aménagement durable", "Tour Séquoia",
     "1, place Carpeaux", "92800 Puteaux"],
    ["Madame la sous-directrice", "de l'aménagement durable", "DGALN – DHUP – AD1",
     "Tour Séquoia", "92055 LA DÉFENSE CEDEX"],
    ["DGALN/DHUP/AD1", "Sous-direction de l'aménagement durable", "Atelier des territoires",
     "Tour Séquoia", "92055 La Défense cedex"],
]
DGALN_SALUTE = ["Madame la Sous-directrice,", "Madame la sous-directrice,", "Madame,", "Madame, Monsieur,"]

STREETS = ["place de la Mairie", "place de l'Hôtel de Ville", "rue de la République", "avenue Jean Jaurès",
           "place du Général de Gaulle", "rue Victor Hugo", "boulevard Gambetta", "place de la Libération",
           "rue Pasteur", "avenue de la Gare", "place du Marché", "rue du 8 Mai 1945", "cours Jean Moulin",
           "rue des Écoles", "allée des Tilleuls", "esplanade Charles de Gaulle", "rue Nationale"]

ISSUES = [
    "la vacance commerciale qui progresse dans le centre ancien",
    "le recul du trait de côte et la relocalisation des activités exposées",
    "la reconversion d'une friche industrielle de plusieurs hectares en entrée de ville",
    "l'adaptation de nos espaces publics aux fortes chaleurs estivales",
    "la sobriété foncière imposée par l'objectif de zéro artificialisation nette",
    "le risque d'inondation qui contraint une large part de l'enveloppe urbaine",
    "le logement des jeunes actifs et des travailleurs saisonniers",
    "la place de la voiture et le développement des mobilités douces",
    "le devenir des bâtiments publics libérés par la mutualisation des services",
    "la diversification d'une économie touristique trop dépendante de la saison d'hiver",
    "la revitalisation d'un centre-bourg qui perd des habitants depuis vingt ans",
    "la gestion de la ressource en eau dans un contexte de sécheresses répétées",
    "l'articulation entre le bourg-centre et les hameaux",
]

LONG_PARAS = [
    "Le diagnostic partagé conduit en 2024 avec l'agence d'urbanisme a mis en évidence une perte de 6 % de la "
    "population du centre en dix ans, alors que les lotissements périphériques continuaient de s'étendre. Ce "
    "mouvement fragilise les commerces, les écoles et les services de proximité.",
    "Les habitants ont été associés dès l'origine : une réunion publique a rassemblé plus de cent cinquante "
    "personnes, et un questionnaire en ligne a recueilli près de quatre cents réponses. Leurs attentes portent "
    "d'abord sur la qualité des espaces publics et sur l'offre de logements adaptés aux personnes âgées.",
    "Plusieurs opérations sont déjà programmées : la requalification de la place centrale, l'acquisition par "
    "l'établissement public foncier d'un îlot dégradé et la création d'une voie verte vers la gare. Elles "
    "manquent toutefois d'une vision d'ensemble qui en assure la cohérence.",
    "Le territoire bénéficie par ailleurs du soutien du conseil départemental et de la région, qui ont fait "
    "part de leur intérêt pour la démarche et se sont engagés à participer aux ateliers.",
    "Enfin, la question du financement des équipements publics se pose avec une acuité particulière, dans un "
    "contexte de contraintes budgétaires fortes pour les collectivités de notre strate.",
]

CLOSINGS_COLL = [
    "Je vous prie d'agréer, {s} l'expression de mes salutations distinguées.",
    "Veuillez agréer, {s} l'assurance de ma considération distinguée.",
    "Restant à votre disposition pour tout complément d'information, je vous prie de croire, {s} "
    "à l'assurance de mes sentiments les meilleurs.",
    "Dans l'attente d'une suite favorable, je vous prie de recevoir, {s} mes respectueuses salutations.",
    "Je vous remercie par avance de l'attention portée à notre candidature et vous prie d'agréer, {s} "
    "l'expression de ma haute considération.",
]
CLOSINGS_PREF = [
    "Je vous prie d'agréer, {s} l'expression de ma considération distinguée.",
    "Mes services restent à votre disposition pour tout complément. Je vous prie de croire, {s} "
    "à l'assurance de ma considération distinguée.",
    "Je vous saurais gré de bien vouloir réserver une suite favorable à cette candidature.",
    "Je vous prie d'agréer, {s} l'assurance de mes salutations les meilleures.",
]


def _cap1(s: str) -> str:
    return s[:1].upper() + s[1:]


def _low1(s: str) -> str:
    return s[:1].lower() + s[1:]


class _Letter:
    def __init__(self, spec: LetterSpec):
        self.spec = spec
        self.rng = rng = random.Random(spec.style)
        self.doc = PdfDoc(spec.style, rng.choice(PRODUCERS), spec.date)
        fam = rng.choice(BODY_FAMILIES)
        self.reg, self.bold, self.ital, self.serif = FAMILIES[fam]
        hfam = rng.choice([fam, fam, "LiberationSans", "DejaVuSansCondensed", "LiberationSansNarrow",
                           "Carlito", "Caladea", "DejaVuSerif"])
        self.hreg, self.hbold, self.hital, _ = FAMILIES[hfam]
        self.size = round(rng.uniform(9.5, 12.0) * 2) / 2
        self.lead = self.size * rng.uniform(1.18, 1.4)
        self.ml = rng.uniform(55, 85)
        self.mr = Page.W - rng.uniform(50, 72)
        self.bottom = rng.uniform(70, 95)
        self.pal = rng.choice(PALETTES)
        self.justify = rng.random() < 0.6
        self.indent = rng.choice([0, 0, 0, 20, 28, 35])
        self.para_gap = self.size * rng.uniform(0.4, 1.0)
        self.female = is_female(spec.signatory_name, spec.signatory_title)
        self.first, surname = split_name(spec.signatory_name)
        self.surname = proper_case(surname)
        self.epci = spec.collectivite_is_epci or looks_like_epci(spec.collectivite_name)
        # the commune's own name ("Commune du Lorrain" -> "Le Lorrain"); for an EPCI, its seat
        self.town = commune_town(spec.collectivite_name) if not self.epci else spec.seat_town
        if spec.kind == "collectivite" and not self.epci and self.town == spec.collectivite_name \
                and spec.seat_town and spec.collectivite_name.startswith(("Commune", "Ville", "Mairie")):
            self.town = spec.seat_town
        m = re.search(r"(?i)sous-préf\w* (?:de |d'|du |des )([A-ZÉÈ][\w'-]+(?: [\w'-]+)*)", spec.signatory_title)
        self.sous_pref = m.group(1) if m else None
        self.postcode = spec.postcode or (f"{spec.departement_code}000" if len(spec.departement_code) == 2
                                          else f"{spec.departement_code}00")
        self.page = self.doc.new_page()
        self.y = Page.H
        self.info: dict = {"font": fam, "size": self.size}
        self.footer_lines: list[str] = []
        self.dept_of = dept_of(spec.departement_code, spec.departement_name)

    # ---- flow
    def new_page(self):
        self._footer(self.page, more=True)
        self.page = self.doc.new_page()
        self.y = Page.H - self.rng.uniform(60, 80)
        if self.rng.random() < 0.5:
            self.page.text(self.ml, Page.H - 40, f"{self.coll_short()} – {self.spec.date.strftime('%d/%m/%Y')}",
                           self.ital, 7.5, (110, 110, 110))

    def need(self, h: float):
        if self.y - h < self.bottom:
            self.new_page()

    def _footer(self, page: Page, more: bool = False):
        if self.footer_lines:
            y = 38 + 9 * (len(self.footer_lines) - 1)
            if self.footer_rule:
                page.line(self.ml, y + 11, self.mr, y + 11, 0.4, self.pal[0])
            for ln in self.footer_lines:
                page.text_centre((self.ml + self.mr) / 2, y, ln, self.hreg, 7, (90, 90, 90))
                y -= 9
        if more:
            page.text_right(self.mr, self.bottom - 22, "…/…", self.reg, self.size - 1)

    def para(self, text: str, font=None, size=None, justify=None, indent=None, gap=None, x=None):
        font, size = font or self.reg, size or self.size
        justify = self.justify if justify is None else justify
        indent = self.indent if indent is None else indent
        x0 = self.ml if x is None else x
        width = self.mr - x0
        lines = wrap(text, font, size, width, indent)
        tt = load_font(font)
        for i, ln in enumerate(lines):
            self.need(self.lead)
            self.y -= self.lead
            xi = x0 + (indent if i == 0 else 0)
            tw = 0.0
            if justify and i < len(lines) - 1 and ln.count(" "):
                room = width - (indent if i == 0 else 0) - tt.string_width(ln, size)
                tw = room / ln.count(" ")
            self.page.text(xi, self.y, ln, font, size, tw=tw)
        self.y -= self.para_gap if gap is None else gap

    # ---- names
    def coll_short(self) -> str:
        n = self.spec.collectivite_name
        return n if len(n) < 40 else "".join(w[0] for w in n.split() if w[:1].isupper())

    def coll_phrase(self) -> str:
        """How the body names the collectivité: 'la commune de Lodève', 'la communauté d'agglomération …'."""
        n = self.spec.collectivite_name
        if self.epci:
            if re.match(r"(Communauté|Métropole|Eurométropole|Agglomération)", n):
                return "la " + (_low1(n) if self.rng.random() < 0.5 else n)
            m = re.match(r"(CC|CA|CU|Cté de communes) (.*)", n)
            if m:
                if self.rng.random() < 0.5:
                    return "la " + n
                kind = {"CC": "communauté de communes", "CA": "communauté d'agglomération",
                        "CU": "communauté urbaine", "Cté de communes": "communauté de communes"}[m.group(1)]
                return f"la {kind} {m.group(2)}"
            return n
        if n != self.town and self.rng.random() < 0.4:
            return "la " + _low1(n)
        return self.rng.choice(["la commune ", "la ville ", "la commune "]) + place_of(self.town)

    def signer_role(self) -> str:
        """'maire de Lodève', 'présidente de la communauté …' (for "Je soussigné …")."""
        t = re.sub(r"^(Le |La |L')", "", self.spec.signatory_title).strip().rstrip(",")
        t = _low1(t)
        if not re.search(r"\b(de|des|du)\s|\bd'", t) and self.spec.kind == "collectivite":
            t += " " + ("de " + self.coll_phrase() if self.epci else place_of(self.town))
        return t.replace("de la la ", "de la ")

    def name_forms(self) -> str:
        rng = self.rng
        first, sur = self.first, self.surname
        civ = "Mme" if self.female else "M."
        form = rng.choice(["First SUR", "First SUR", "First Sur", "SUR First", "civ First SUR",
                           "civ First Sur", "First SUR"])
        if self.female is None and form.startswith("civ"):
            form = form[4:]
        SUR = upper_surname(sur, rng.random() < 0.7)
        return {"First SUR": f"{first} {SUR}", "First Sur": f"{first} {sur}", "SUR First": f"{SUR} {first}",
                "civ First SUR": f"{civ} {first} {SUR}", "civ First Sur": f"{civ} {first} {sur}"}[form].strip()

    def date_text(self, town: str, kind: str) -> str:
        d = self.spec.date
        if kind == "fait":
            return f"Fait à {town}, le {d.strftime('%d/%m/%Y')}" if self.rng.random() < 0.5 \
                else f"Fait à {town}, le {long_date(d, self.rng)}"
        if kind == "bare":
            return f"Le {long_date(d, self.rng)}"
        if kind == "comma_nole":
            return f"{town}, {long_date(d, self.rng)}"
        return f"{town}, le {long_date(d, self.rng)}"

    # ---- addresses
    def coll_address(self) -> list[str]:
        rng, s = self.rng, self.spec
        num = rng.choice(["", "1 ", "2 ", "3 ", "5 ", "10 ", "12 ", "24 ", "1 bis "])
        lines = [f"{num}{rng.choice(STREETS)}"]
        if self.epci and rng.random() < 0.5:
            lines.insert(0, rng.choice(["Hôtel communautaire", "Siège administratif", "Maison de l'intercommunalité"]))
        if rng.random() < 0.25:
            lines.append(f"{rng.choice(['BP', 'CS'])} {rng.randint(10, 90000):05d}"[:8])
        town = s.seat_town.upper() if rng.random() < 0.4 else s.seat_town
        lines.append(f"{s.postcode} {town}" + (" Cedex" if rng.random() < 0.15 else ""))
        return lines

    def contact_lines(self) -> list[str]:
        rng, s = self.rng, self.spec
        base = slug(self.town if not self.epci else self.coll_short())
        mail = rng.choice([f"mairie@{base}.fr", f"contact@ville-{base}.fr", f"accueil@{base}.fr",
                           f"secretariat@mairie-{base}.fr", f"dgs@{base}.fr"])
        out = [f"{rng.choice(['Tél. : ', 'Tél. ', 'T. ', 'Téléphone : '])}{phone(rng, s.departement_code)}"]
        if rng.random() < 0.6:
            out.append(f"{rng.choice(['Courriel : ', 'Mél : ', '', 'E-mail : '])}{mail}")
        if rng.random() < 0.4:
            out.append(f"www.{base}.fr")
        return out

    # ---- letterheads
    def head_collectivite(self):
        rng, s, p = self.rng, self.spec, self.page
        name = s.collectivite_name
        if self.epci:
            m = re.match(r"(Communauté de communes|Communauté d'agglomération|Communauté urbaine|Métropole)\s+(.*)", name)
            if m and rng.random() < 0.35:
                title_lines = [m.group(1), m.group(2)]
            else:
                title_lines = [name]
        else:
            town = self.town
            form = rng.choice(["Mairie", "Ville", "Hôtel", "Commune", "Mairie", "bare", "asis"])
            title_lines = {"Mairie": [f"Mairie {place_of(town)}"], "Ville": [f"Ville {place_of(town)}"],
                           "Hôtel": ["Hôtel de ville", town], "Commune": [f"Commune {place_of(town)}"],
                           "bare": [town], "asis": [name]}[form]
        if rng.random() < 0.35:
            title_lines = [t.upper() for t in title_lines]
        sub = []
        if rng.random() < 0.4:
            sub.append(rng.choice([f"Département {self.dept_of}", s.departement_name,
                                   f"{s.departement_name} – {s.region_name}", "République française"]))
        layout = rng.choice(["centred", "left", "bandeau", "logo", "left", "logo_beside"])
        self.layout = layout
        self.info["letterhead"] = layout
        addr = self.coll_address()
        contact = self.contact_lines()
        self.footer_rule = rng.random() < 0.6
        col = self.pal[0]
        top = Page.H - rng.uniform(30, 50)
        tsize = rng.uniform(13, 19) if len(max(title_lines, key=len)) < 32 else rng.uniform(11, 14)
        title_lines, tsize = self._fit_title(title_lines, tsize, self.mr - self.ml - 80)
        if layout == "centred":
            xc = Page.W / 2
            y = top
            if rng.random() < 0.6:
                _emblem(p, rng, xc - 20, y - 40, 40, self.pal)
                y -= 48
            for t in title_lines:
                y -= tsize * 1.15
                p.text_centre(xc, y, t, self.hbold, tsize, col)
            for t in sub:
                y -= 11
                p.text_centre(xc, y, t, self.hital, 8.5, (80, 80, 80))
            y -= 8
            p.line(xc - 120, y, xc + 120, y, 0.6, self.pal[1])
            self.footer_lines = [" – ".join(addr), " – ".join(contact)]
            self.y = y - 10
        elif layout in ("left", "logo_beside"):
            x = self.ml
            y = top
            if layout == "logo_beside":
                es = rng.uniform(38, 55)
                _emblem(p, rng, x, y - es, es, self.pal)
                x += es + 10
            for t in sub[:1]:
                y -= 9
                p.text(x, y, t, self.hreg, 7.5, (90, 90, 90))
            for t in title_lines:
                y -= tsize * 1.1
                p.text(x, y, t, self.hbold, tsize * 0.85, col)
            y -= 4
            for ln in addr + contact:
                y -= 9.5
                p.text(x, y, ln, self.hreg, 8, (60, 60, 60))
            self.y = min(y - 6, top - 60)
            if rng.random() < 0.3:
                self.footer_lines = [rng.choice(["Toute correspondance doit être adressée à Monsieur le Maire",
                                                 "Toute correspondance est à adresser au Président",
                                                 f"{name} – {s.departement_name}"])]
        elif layout == "bandeau":
            bh = max(rng.uniform(55, 85), len(title_lines) * tsize * 1.15 + 24)
            p.rect(0, Page.H - bh, Page.W, bh, col)
            if rng.random() < 0.5:
                p.rect(0, Page.H - bh - 4, Page.W, 4, self.pal[1])
            y = Page.H - bh / 2 - (len(title_lines) - 1) * tsize * 0.55 + 2
            x = self.ml
            if rng.random() < 0.5:
                es = bh * 0.6
                _emblem(p, rng, x, Page.H - bh * 0.8, es, [(255, 255, 255), self.pal[1], self.pal[2]])
                x += es + 12
            for t in title_lines:
                p.text(x, y, t, self.hbold, tsize, (255, 255, 255))
                y -= tsize * 1.15
            if sub:
                p.text_right(self.mr, Page.H - bh + 8, sub[0], self.hital, 8, (235, 235, 235))
            self.footer_lines = [" – ".join(addr), " – ".join(contact)]
            self.y = Page.H - bh - 20
        else:  # logo: drawn emblem, the name under it as a wordmark
            es = rng.uniform(45, 70)
            x = self.ml + rng.uniform(0, 20)
            _emblem(p, rng, x, top - es, es, self.pal)
            y = top - es - 4
            wm = title_lines if not rng.random() < 0.4 else [t.lower() if len(t) < 25 else t for t in title_lines]
            for t in wm:
                y -= 12
                p.text(x, y, t, self.hbold, 11, col)
            self.footer_lines = [" – ".join(addr), " – ".join(contact)]
            self.y = y - 10

    def _fit_title(self, lines: list[str], size: float, avail: float) -> tuple[list[str], float]:
        """A letterhead name too wide for the page goes on two lines, then smaller."""
        font = load_font(self.hbold)

        def widest(ls, sz):
            return max(font.string_width(ln, sz) for ln in ls)
        if len(lines) == 1 and widest(lines, size) > avail:
            m = re.match(r"(?i)(Communauté de communes|Communauté d'agglomération|Communauté urbaine)\s+(.*)",
                         lines[0])
            if m:
                lines = [m.group(1), m.group(2)]
        while size > 9 and widest(lines, size) > avail:
            size -= 0.5
        if widest(lines, size) > avail:
            lines = [w for ln in lines for w in wrap(ln, self.hbold, size, avail)]
        return lines, size

    def head_prefet(self):
        rng, s, p = self.rng, self.spec, self.page
        t = s.signatory_title.lower()
        if "préfète" in t:
            fem = True
        elif "préfet" in t:
            fem = False
        else:
            fem = rng.random() < 0.35
        self.prefet_female = fem
        word = "PRÉFÈTE" if fem else "PRÉFET"
        top = Page.H - rng.uniform(35, 50)
        x = self.ml - rng.uniform(0, 20)
        style = rng.choice(["marque", "marque", "marque_one_line", "old"])
        self.info["letterhead"] = style
        self.footer_rule = rng.random() < 0.4
        y = top
        if style == "old":
            p.text(x, y - 10, "RÉPUBLIQUE FRANÇAISE", self.hbold, 9)
            p.text(x, y - 24, f"PRÉFECTURE {self.dept_of.upper()}", self.hbold, 10)
            y -= 34
        else:
            h = rng.uniform(16, 22)
            _marianne(p, x, y - h, h)
            y -= h + 4
            bs = rng.uniform(9.5, 11.5)
            if style == "marque":
                p.text(x, y - bs, word, "liberation/LiberationSans-Bold.ttf", bs)
                p.text(x, y - 2.1 * bs, self.dept_of.upper(), "liberation/LiberationSans-Bold.ttf", bs)
                y -= 2.1 * bs + 3
                for m in ("Liberté", "Égalité", "Fraternité"):
                    y -= 7.5
                    p.text(x, y, m, "liberation/LiberationSans-Italic.ttf", 6.5)
            else:
                p.text(x, y - bs, f"{word} {self.dept_of.upper()}", "liberation/LiberationSans-Bold.ttf", bs)
                y -= bs + 9
                p.text(x, y, "Liberté Égalité Fraternité", "liberation/LiberationSans-Italic.ttf", 6.5)
        # service lines, under the marque or on the right
        coastal = s.departement_code in {"06", "11", "13", "14", "17", "22", "29", "2A", "2B", "30", "33", "34",
                                         "35", "40", "44", "50", "56", "59", "62", "64", "66", "76", "80", "83", "85"}
        overseas = s.departement_code in {"971", "972", "973", "974", "976"}
        if "sous-préf" in t and self.sous_pref:
            svc = [f"Sous-préfecture {place_of(self.sous_pref)}", rng.choice(["Cabinet", "Pôle développement territorial"])]
        elif "secrétaire" in t or rng.random() < 0.3:
            svc = ["Secrétariat général", rng.choice(["Direction de la coordination des politiques publiques",
                                                      "Bureau de l'appui territorial", "Pôle ingénierie territoriale"])]
        elif overseas:
            svc = ["Direction de l'environnement, de l'aménagement", "et du logement",
                   rng.choice(["Service aménagement durable", "Unité planification"])]
        else:
            svc = ["Direction départementale des territoires" + (" et de la mer" if coastal else ""),
                   rng.choice(["Service aménagement, urbanisme et habitat", "Service planification et aménagement",
                               "Service territoires et prospective", "Unité planification et connaissance"])]
        f2, sur2, _ = random_person(rng)
        svc.append(f"Affaire suivie par : {f2} {sur2}")
        svc.append(f"Tél. : {phone(rng, s.departement_code)}")
        dom = slug(s.departement_name).replace("la-", "") + ".gouv.fr"
        if rng.random() < 0.7:
            svc.append(f"Courriel : {slug(f2)}.{slug(sur2)}@{dom}")
        fs = rng.uniform(7.5, 8.5)
        if rng.random() < 0.5:
            yy = top - 4
            for ln in svc:
                yy -= fs * 1.25
                p.text_right(self.mr, yy, ln, self.hreg, fs, (40, 40, 40))
            self.y = min(y, yy) - 14
        else:
            y -= 14
            for ln in svc:
                y -= fs * 1.25
                p.text(self.ml, y, ln, self.hreg, fs, (40, 40, 40))
            self.y = y - 10
        street = rng.choice(["place des Martyrs de la Résistance", "rue de la Préfecture", "place de la Préfecture",
                             "boulevard de la République", "avenue Foch", "place Jeanne d'Arc"])
        self.footer_lines = [f"{rng.randint(1, 40)} {street} – {self.postcode} {s.seat_town.upper()} CEDEX"
                             + (f" – Tél. : {phone(rng, s.departement_code)}" if rng.random() < 0.6 else ""),
                             f"www.{dom}"]

    # ---- body
    def addressee(self) -> str:
        """Draws the addressee block; returns the salutation."""
        rng, s = self.rng, self.spec
        if s.to_dgaln:
            lines = list(rng.choice(DGALN_LINES))
            salute = rng.choice(DGALN_SALUTE)
        elif s.kind == "prefet":
            fem = rng.random() < 0.4
            if self.epci:
                lines = [f"{'Madame la Présidente' if fem else 'Monsieur le Président'}", f"{s.collectivite_name}"]
            else:
                lines = [f"{'Madame la Maire' if fem else 'Monsieur le Maire'}", "Hôtel de ville",
                         ]
            lines += [rng.choice(STREETS),
                      f"{self.porteuse_postcode()} {self.town if not self.epci else self.porteuse_town()}"]
            salute = ("Madame la Présidente," if fem else "Monsieur le Président,") if self.epci else \
                ("Madame la Maire," if fem else "Monsieur le Maire,")
        else:
            fem = rng.random() < 0.4
            if rng.random() < 0.6:
                lines = [f"{'Madame la Préfète' if fem else 'Monsieur le Préfet'} {self.dept_of}",
                         rng.choice(["Direction départementale des territoires", "Préfecture",
                                     "Sous-préfecture", "DDT(M) – Service aménagement"]),
                         f"{rng.choice(STREETS)}", "CS 00001"]
                salute = "Madame la Préfète," if fem else "Monsieur le Préfet,"
            else:
                lines = [f"{'Madame la Directrice' if fem else 'Monsieur le Directeur'} départemental{'e' if fem else ''}",
                         "des territoires", f"{self.dept_of}", f"{rng.choice(STREETS)}"]
                salute = "Madame la Directrice," if fem else "Monsieur le Directeur,"
        fs = self.size - rng.choice([0, 0.5, 1])
        widest = max(load_font(self.bold).string_width(ln, fs) for ln in lines)
        x = self.mr - rng.uniform(200, 250) if rng.random() < 0.85 else self.ml
        x = max(self.ml, min(x, self.mr - widest))
        bold_first = rng.random() < 0.4
        if rng.random() < 0.25 and s.kind == "collectivite":
            self.y -= self.lead
            self.page.text(x, self.y, "à", self.reg, fs)
        for i, ln in enumerate(lines):
            self.y -= fs * 1.22
            self.page.text(x, self.y, ln, self.bold if (bold_first and i == 0) else self.reg, fs)
        self.addr_x = x
        return salute

    def porteuse_postcode(self) -> str:
        code = self.spec.departement_code
        if self.spec.kind == "collectivite":
            return self.spec.postcode
        if code in ("2A", "2B"):
            return f"20{self.rng.randint(10, 290):03d}"
        if len(code) == 3:
            return f"{code}{self.rng.randint(10, 90)}"
        return f"{code}{self.rng.randint(100, 990)}"

    def porteuse_town(self) -> str:
        n = self.spec.collectivite_name
        m = re.search(r"(?:de |d'|du )([A-ZÉ][\w'-]+)\s*$", n)
        return m.group(1) if m else self.spec.seat_town

    def refs_and_object(self, date_line: str | None):
        rng, s = self.rng, self.spec
        fs = self.size - rng.choice([0, 0.5, 1])
        lines = []
        initials = "".join(w[0] for w in (self.first + " " + self.surname).replace("-", " ").split() if w[:1].isupper())
        if rng.random() < 0.6:
            lines.append(("N/Réf. : " if rng.random() < 0.5 else "Nos réf. : ",
                          f"{initials}/{rng.choice(['DGS', 'SG', 'CAB', 'AD', 'URBA'])}/{s.date.year}-{rng.randint(12, 480):03d}"))
        if rng.random() < 0.3:
            lines.append(("V/Réf. : ", rng.choice(["appel à candidatures du 15 janvier 2026", "votre courriel du 2 février",
                                                   "—"])))
        if s.kind == "collectivite" and rng.random() < 0.5:
            f2, sur2, _ = random_person(rng)
            lines.append(("Affaire suivie par : ", f"{f2} {sur2}, {rng.choice(['DGS', 'chargé de mission', 'service urbanisme', 'cheffe de projet Petites villes de demain'])}"))
        obj = rng.choice([
            "Candidature à l'appel à projets « Atelier des territoires Flash »",
            f"Lettre de soutien – Atelier des territoires Flash – {s.project_title}",
            f"Atelier des territoires « Flash » : candidature {place_of(self.town) if not self.epci else 'de ' + self.coll_phrase()}",
            f"Soutien à la candidature de {self.coll_phrase()} à l'Atelier des territoires Flash",
            "Appel à candidatures Atelier des territoires Flash 2026",
        ])
        if s.kind == "prefet" and rng.random() < 0.6:
            obj = f"Avis sur la candidature de {self.coll_phrase()} à l'Atelier des territoires Flash"
        lines.append(("Objet : ", obj))
        if rng.random() < 0.35:
            pj = ["fiche de candidature", "1 fiche de candidature et ses annexes"]
            if s.kind == "collectivite":
                pj += ["délibération du conseil " + ("communautaire" if self.epci else "municipal"),
                       "note de présentation du projet"]
            lines.append(("P.J. : ", rng.choice(pj)))
        self.y -= self.lead * rng.uniform(1.6, 2.4)
        if date_line:
            self.page.text(self.ml, self.y, date_line, self.reg, fs)
            self.y -= self.lead * 1.5
        bold_labels = rng.random() < 0.7
        underline_obj = rng.random() < 0.25
        for label, val in lines:
            lf = self.bold if bold_labels else self.reg
            lw = load_font(lf).string_width(label, fs)
            vlines = wrap(val, self.bold if (label.startswith("Objet") and rng.random() < 0.3) else self.reg,
                          fs, self.mr - self.ml - lw)
            self.page.text(self.ml, self.y, label, lf, fs)
            if underline_obj and label.startswith("Objet"):
                self.page.line(self.ml, self.y - 1.5, self.ml + lw - load_font(lf).string_width(" : ", fs), self.y - 1.5, 0.5)
            for v in vlines:
                self.page.text(self.ml + lw, self.y, v, self.reg, fs)
                self.y -= fs * 1.25
            self.y -= 2
        self.y -= self.lead * rng.uniform(0.6, 1.4)

    def body_collectivite(self, salute: str) -> list[str]:
        rng, s = self.rng, self.spec
        coll = self.coll_phrase()
        proj = s.project_title
        who = "soussignée" if self.female else "soussigné"
        simple_title = not re.search(r",|\b[Pp]our\b|P/", s.signatory_title)
        name_in_body = f"{self.first} {upper_surname(self.surname)}"
        intro = rng.choice([
            f"J'ai l'honneur de vous adresser la candidature de {coll} à l'appel à projets « Atelier des territoires "
            f"Flash », pour le projet intitulé « {proj} ».",
            f"J'ai l'honneur de vous confirmer le soutien de {coll} à la candidature à l'Atelier des territoires "
            f"Flash, sur le thème « {proj} »." if not simple_title else
            f"Je {who} {name_in_body}, {self.signer_role()}, confirme par la présente le soutien plein et entier de "
            f"{coll} à la candidature déposée au titre de l'Atelier des territoires Flash, sur le thème « {proj} ».",
            f"Par ce courrier, {coll} souhaite vous faire part de son engagement dans la démarche « Atelier des "
            f"territoires Flash » proposée par la Direction générale de l'aménagement, du logement et de la nature, "
            f"autour du sujet suivant : {proj}.",
            f"C'est avec conviction que je porte la candidature de {coll} à l'Atelier des territoires Flash. "
            f"Notre sujet, « {proj} », engage l'avenir de notre territoire pour les vingt prochaines années.",
        ])
        iss = rng.sample(ISSUES, rng.randint(2, 3))
        ctx = rng.choice([
            f"Notre territoire fait face à plusieurs défis : {', '.join(iss[:-1])} et {iss[-1]}. ",
            f"Depuis plusieurs années, les élus observent {iss[0]}, auxquels s'ajoutent {', '.join(iss[1:])}. ",
        ]) + rng.choice([
            "Les études déjà conduites n'ont pas permis de dégager une vision partagée entre les acteurs.",
            "Nous avons besoin d'un regard extérieur et d'une méthode pour passer du diagnostic à l'action.",
            "Ces questions dépassent le cadre de nos documents d'urbanisme et appellent une réflexion à une autre échelle.",
        ])
        expect = rng.choice([
            "Nous attendons de l'Atelier qu'il nous aide à construire, avec les habitants, les acteurs économiques "
            "et les services de l'État, une feuille de route opérationnelle et partagée.",
            "L'Atelier des territoires Flash, par son format court et intensif, correspond exactement au besoin "
            "d'une collectivité de notre taille, dont l'ingénierie est limitée.",
            "La démarche nous permettra de croiser les regards des élus, des techniciens et des partenaires, "
            "et de tester des scénarios d'aménagement avant d'engager des investissements lourds.",
        ])
        d = s.date - datetime.timedelta(days=rng.randint(8, 40))
        organ = "le conseil communautaire" if self.epci else "le conseil municipal"
        commit = rng.choice([
            f"Par délibération du {long_date(d, rng)}, {organ} a approuvé à l'unanimité le principe de cette "
            f"candidature. La collectivité s'engage à mobiliser ses services, à réunir ses partenaires et à "
            f"accueillir les journées d'atelier.",
            f"{_cap1(coll)} s'engage à participer activement à l'ensemble de la démarche, à mettre à disposition "
            f"les locaux nécessaires et à associer les communes voisines concernées.",
            f"Les élus de {coll} seront pleinement mobilisés, aux côtés de la direction départementale des "
            f"territoires, pendant toute la durée de l'atelier.",
        ])
        f2, sur2, fem2 = random_person(rng)
        contact = rng.choice([
            f"{'Mme' if fem2 else 'M.'} {f2} {sur2}, {rng.choice(['directrice générale des services' if fem2 else 'directeur général des services', 'chargée de mission aménagement' if fem2 else 'chargé de mission aménagement'])}, "
            f"se tient à votre disposition pour tout renseignement ({phone(rng, s.departement_code)}).",
            None, None,
        ])
        paras = [intro, ctx, expect, commit] + ([contact] if contact else [])
        if rng.random() < 0.3:
            paras.insert(2, rng.choice([
                "Cette réflexion s'inscrit dans la continuité de l'Opération de revitalisation de territoire signée "
                "avec l'État et des programmes Petites villes de demain et Action cœur de ville.",
                "Elle prolonge le projet d'aménagement et de développement durables débattu lors de l'élaboration "
                "du plan local d'urbanisme intercommunal, et en prépare la mise en œuvre.",
                "Plusieurs propriétaires et porteurs de projets privés se sont déjà manifestés, ce qui rend "
                "d'autant plus nécessaire une vision d'ensemble cohérente et partagée.",
            ]))
        paras.append(rng.choice(CLOSINGS_COLL).format(s=salute.rstrip(",") + ","))
        return paras

    def body_prefet(self, salute: str) -> list[str]:
        rng, s = self.rng, self.spec
        coll = self.coll_phrase()
        proj = s.project_title
        svc = "la direction départementale des territoires" + (" et de la mer" if rng.random() < 0.4 else "")
        if s.to_dgaln:
            intro = rng.choice([
                f"J'ai l'honneur de vous transmettre, avec un avis très favorable, la candidature de {coll} à "
                f"l'appel à projets « Atelier des territoires Flash », intitulée « {proj} ».",
                f"Vous trouverez ci-joint la candidature de {coll} à l'Atelier des territoires Flash. "
                f"J'apporte à cette démarche, « {proj} », mon entier soutien.",
                f"Je souhaite vous faire part de mon soutien à la candidature présentée par {coll} dans le cadre "
                f"de l'Atelier des territoires Flash, sur le thème « {proj} ».",
            ])
        else:
            intro = rng.choice([
                f"Par courrier du {long_date(s.date - datetime.timedelta(days=rng.randint(5, 30)), rng)}, vous "
                f"m'avez fait part de l'intention de {coll} de se porter candidate à l'Atelier des territoires "
                f"Flash pour le projet « {proj} ». J'ai le plaisir de vous informer que j'apporte mon plein soutien "
                f"à cette candidature.",
                f"Je vous confirme le soutien des services de l'État à la candidature de {coll} à l'Atelier des "
                f"territoires Flash, consacrée à « {proj} ».",
            ])
        iss = rng.sample(ISSUES, 2)
        body = [intro,
                rng.choice([
                    f"Ce projet répond à des enjeux importants pour le département, notamment {iss[0]} et {iss[1]}. "
                    f"Il s'inscrit pleinement dans les priorités de l'État en matière de sobriété foncière et "
                    f"d'adaptation au changement climatique.",
                    f"Les services de l'État partagent le diagnostic de la collectivité : {iss[0]} appelle une "
                    f"réponse concertée, que les outils classiques de planification peinent à apporter.",
                ]),
                rng.choice([
                    f"{_cap1(svc)} accompagnera la collectivité tout au long de la démarche et en assurera le "
                    f"pilotage local avec le ou la référent(e) désigné(e) au sein du service.",
                    f"{_cap1(svc)} s'est d'ores et déjà rapprochée des élus pour préparer l'atelier et mobilisera "
                    f"ses agents pour en garantir la réussite.",
                ])]
        if rng.random() < 0.4:
            body.append("Cette candidature a été présentée en comité de pilotage départemental de l'ingénierie "
                        "territoriale, qui a émis un avis unanimement favorable.")
        body.append(rng.choice(CLOSINGS_PREF).format(s=salute.rstrip(",") + ","))
        return body

    # ---- signatory block and signature
    def signatory_block(self, date_line: str | None, town: str):
        rng, s = self.rng, self.spec
        fs = self.size + rng.choice([0, 0, 0.5, 1])
        name_font = rng.choice([self.bold, self.bold, self.reg])
        title = s.signatory_title
        title_lines = [title]
        if ", " in title and rng.random() < 0.7:
            a, b = title.split(", ", 1)
            title_lines = [a + ",", b]
        elif rng.random() < 0.3 and not title.endswith(","):
            title_lines = [title + ","]
        name = self.name_forms()
        order = rng.choice(["title_gap_name", "title_gap_name", "title_gap_name", "name_title",
                            "combined"]) if s.kind == "collectivite" else \
            rng.choice(["title_gap_name", "title_gap_name", "name_title"])
        if order == "combined" and not (re.match(r"^(Le|La) \w+$", title)):
            order = "title_gap_name"
        gap = rng.uniform(48, 78) if (s.signed or rng.random() < 0.7) else rng.uniform(8, 20)
        if order == "combined":
            rows = [(f"{title}, {self.first} {self.surname}" if rng.random() < 0.5 else f"{title}, {name}", name_font)]
        elif order == "name_title":
            rows = [(name, name_font)] + [(t, self.reg) for t in title_lines]
        else:
            rows = [(t, self.reg) for t in title_lines] + [("__GAP__", None), (name, name_font)]
        if order in ("name_title", "combined"):
            rows = [("__GAP__", None)] + rows
        self.block_order = order
        h_rows = sum(gap if r[0] == "__GAP__" else fs * 1.25 for r in rows) + (self.lead * 2 if date_line else 0)
        self.need(h_rows + 20)
        align = rng.choice(["right", "right", "centre_right", "centre", "left"])
        widths = [load_font(f).string_width(t, fs) for t, f in rows if f]
        bw = max(widths + [120])
        if align == "right":
            bx = self.mr - bw - rng.uniform(0, 30)
        elif align == "centre_right":
            bx = Page.W * 0.62 - bw / 2
        elif align == "centre":
            bx = Page.W / 2 - bw / 2
        else:
            bx = self.ml
        bx = max(self.ml, bx)
        centred_rows = rng.random() < 0.5
        self.y -= self.lead * rng.uniform(0.8, 1.6)
        if date_line:
            dw = load_font(self.reg).string_width(date_line, self.size)
            self.page.text(min(bx, self.mr - dw) if align != "left" else self.ml, self.y, date_line, self.reg, self.size)
            self.y -= self.lead * 1.6
        gap_box = None
        text_rows = []
        for t, f in rows:
            if t == "__GAP__":
                # the free band between the row above and the row below: (y bottom, height)
                gap_box = (self.y - gap - 0.5 * fs + 2, gap - 0.2 * fs - 4)
                self.y -= gap
                continue
            self.y -= fs * 1.25
            x = bx + (bw - load_font(f).string_width(t, fs)) / 2 if centred_rows else bx
            self.page.text(x, self.y, t, f, fs)
            text_rows.append((x, self.y, load_font(f).string_width(t, fs)))
        if s.signed:
            self._sign(bx, bw, gap_box, text_rows, fs)
        if rng.random() < 0.2 and self.y - self.lead * 2 > self.bottom:
            self.y -= self.lead * 2
            self.page.text(self.ml, self.y, rng.choice([
                f"Copie : {'DDTM' if rng.random() < 0.5 else 'DDT'} {self.dept_of}",
                "Copie : Monsieur le Sous-préfet d'arrondissement",
                "Copie : services techniques"]), self.reg, self.size - 1.5)

    def _sign(self, bx, bw, gap_box, text_rows, fs):
        rng, s, p = self.rng, self.spec, self.page
        ink_name = rng.choice(["black", "blue", "blue", "light_blue", "grey", "violet", "black"])
        color = sg.INKS[ink_name]
        weight = rng.choice([0.55, 0.7, 1.0, 1.0, 1.3, 1.7])
        if ink_name == "light_blue":
            weight = min(weight, 0.8)
        sig = sg.make_signature(rng, weight)
        w = rng.uniform(95, 165)
        h = rng.uniform(38, 62)
        cx = bx + bw / 2 + rng.uniform(-25, 25)
        name_y = min(r[1] for r in text_rows)
        top_y = max(r[1] for r in text_rows)
        mode = rng.choice(["gap", "gap", "over", "over", "above", "beside", "offset"])
        if gap_box is None and mode == "gap":
            mode = "over"
        if mode == "gap":
            gy, gh = gap_box
            y0 = gy - rng.uniform(-4, 10)
            h = min(h, gh + 12)
        elif mode == "offset" and gap_box:
            gy, gh = gap_box
            y0 = gy + rng.uniform(-5, 15)
            cx -= rng.uniform(40, 75)
        elif mode == "over" or mode == "offset":
            # the ink crosses a typed row: the name, or the quality line
            row_y = rng.choice([r[1] for r in text_rows] + [name_y])
            y0 = row_y + fs * 0.35 - h / 2 + rng.uniform(-6, 6)
        elif mode == "above":
            y0 = top_y + fs * 1.1
            h = min(h, 48)
        else:  # beside: left of the block, at the height of the name
            cx = bx - w / 2 - rng.uniform(0, 15)
            if cx - w / 2 < self.ml:
                cx = bx + bw + w / 2 + 5
                if cx + w / 2 > Page.W - 15:
                    cx = bx - w / 2 + 30
            y0 = name_y - h * 0.3
        x0 = cx - w / 2
        render = rng.choice(["vector", "vector", "png", "png", "scan", "vector", "png", "png", "scan", "script"])
        if render == "scan" and mode != "gap":
            render = "png"
        self.info["signature"] = {"mode": mode, "render": render, "ink": ink_name, "weight": weight,
                                  "page": len(self.doc.pages)}
        stamp = None
        if rng.random() < 0.35:
            d = rng.uniform(68, 100)
            if s.kind == "prefet":
                top_t = f"Sous-préfecture {place_of(self.sous_pref)}" if self.sous_pref \
                    else f"Préfecture {self.dept_of}"
                stamp = (top_t, "République française", [] if rng.random() < 0.5 else ["Le Préfet"], d)
            elif self.epci:
                stamp = (self.coll_short() if len(s.collectivite_name) > 34 else s.collectivite_name,
                         s.departement_name, ["Le Président"] if rng.random() < 0.5 else [], d)
            else:
                stamp = (f"Mairie {place_of(self.town)}", f"({s.departement_code})" if rng.random() < 0.4
                         else s.departement_name, ["Le Maire"] if rng.random() < 0.5 else [], d)
        self.info["signature"]["stamp"] = stamp is not None
        px_per_pt = 3
        if render == "vector":
            if stamp:
                self._stamp(stamp, x0, y0, w, h)
            p.raw(sg.pdf_strokes(sig, x0, y0, w, h, color))
        elif render in ("png", "script"):
            if render == "script":
                h = min(h, 40)
                img = sg.script_signature(rng, self.first or self.surname, self.surname, color,
                                          int(w * px_per_pt), int(h * px_per_pt))
            else:
                img = sg.draw_signature(sig, (int(w * px_per_pt), int(h * px_per_pt)), color, rng=rng,
                                        opacity=rng.uniform(0.85, 1.0))
            if stamp and rng.random() < 0.5:
                p.image(self.doc.add_rgba(img), x0, y0, w, h)
                self._stamp(stamp, x0, y0, w, h)
            else:
                if stamp:
                    self._stamp(stamp, x0, y0, w, h)
                p.image(self.doc.add_rgba(img), x0, y0, w, h)
        else:
            pad = rng.uniform(3, 8)
            gy, gh = gap_box  # the pasted patch is opaque: it stays inside the free band
            h = min(h, gh - 2 * pad)
            y0 = gy + pad + rng.uniform(0, max(0.0, gh - 2 * pad - h))
            W, H = int((w + 2 * pad) * 2), int((h + 2 * pad) * 2)
            canvas = Image.new("RGBA", (W, H), (0, 0, 0, 0))
            ink = sg.draw_signature(sig, (int(w * 2), int(h * 2)), color, rng=rng)
            canvas.paste(ink, (int(pad * 2), int(pad * 2)), ink)
            if stamp:
                st = sg.stamp_image(rng, stamp[0], stamp[1], stamp[2], int(min(W, H) * 0.95))
                sx = rng.randint(0, max(1, W - st.width))
                canvas.alpha_composite(st, (sx, max(0, (H - st.height) // 2)))
            jpeg = sg.scanned_patch(canvas, rng)
            p.image(self.doc.add_jpeg(jpeg), x0 - pad, y0 - pad, w + 2 * pad, h + 2 * pad)

    def _stamp(self, stamp, x0, y0, w, h):
        rng = self.rng
        top_t, bottom_t, centre, d = stamp
        img = sg.stamp_image(rng, top_t, bottom_t, centre, int(d * 3))
        sx = x0 + rng.uniform(-d * 0.5, w - d * 0.4)
        sy = y0 + h / 2 - d / 2 + rng.uniform(-15, 15)
        self.page.image(self.doc.add_rgba(img), sx, sy, d, d)

    # ---- whole letter
    def build(self) -> bytes:
        rng, s = self.rng, self.spec
        if s.kind == "prefet":
            self.head_prefet()
            town = s.seat_town
        else:
            self.head_collectivite()
            town = s.seat_town if self.epci else self.town
        date_pos = rng.choice(["top_right", "top_right", "above_sign", "refs"])
        date_kind = rng.choice(["le", "le", "fait", "bare", "comma_nole"])
        if date_pos != "above_sign" and date_kind == "fait":
            date_kind = "le"
        date_line = self.date_text(town, date_kind)
        if date_pos == "top_right" and rng.random() < 0.4:
            self.page.text_right(self.mr, self.y - self.lead, date_line, self.reg, self.size)
            self.y -= self.lead * 1.5
            date_pos = "done"
        if s.kind == "prefet" and rng.random() < 0.5:
            # "Le préfet de … à Madame la sous-directrice …": the classic State heading
            who = "La préfète" if self.prefet_female else "Le préfet"
            if "sous-préf" in s.signatory_title.lower():
                who = s.signatory_title.split(",")[0]
            self.y -= self.lead * 1.5
            xc = Page.W / 2 + rng.uniform(0, 60)
            self.page.text_centre(xc, self.y, f"{who} {self.dept_of}" if "préf" in who.lower() and
                                  self.dept_of not in who and "sous" not in who.lower() else who, self.bold, self.size)
            self.y -= self.lead
            self.page.text_centre(xc, self.y, "à", self.reg, self.size)
        salute = self.addressee()
        if date_pos == "top_right":
            self.y -= self.lead * 1.8
            x = self.addr_x if rng.random() < 0.5 else self.mr - load_font(self.reg).string_width(date_line, self.size)
            x = min(x, self.mr - load_font(self.reg).string_width(date_line, self.size))
            self.page.text(x, self.y, date_line, self.reg, self.size)
        self.refs_and_object(date_line if date_pos == "refs" else None)
        self.para(salute, justify=False, indent=0, gap=self.para_gap + 2)
        paras = self.body_prefet(salute) if s.kind == "prefet" else self.body_collectivite(salute)
        if rng.random() < 0.08:  # long letter: two pages in most cases
            paras[2:2] = rng.sample(LONG_PARAS, 3)
        for i, para in enumerate(paras):
            if i == len(paras) - 1:
                # the closing formula stays on the page of the signatory block
                n = len(wrap(para, self.reg, self.size, self.mr - self.ml, self.indent))
                self.need(n * self.lead + 125)
            self.para(para)
        self.signatory_block(date_line if date_pos == "above_sign" else None, town)
        self._footer(self.page)
        if len(self.doc.pages) > 1:
            for i, pg in enumerate(self.doc.pages):
                pg.text_centre(Page.W / 2, 22, f"{i + 1}/{len(self.doc.pages)}", self.reg, 8, (90, 90, 90))
        self.info["pages"] = len(self.doc.pages)
        self.info["block_order"] = getattr(self, "block_order", None)
        return self.doc.build()


def letter_pdf_info(spec: LetterSpec) -> tuple[bytes, dict]:
    """The PDF and how it was drawn (letterhead, font, signature mode, render,
    ink, stamp, pages): for reports on what Guichet misses, not for the truth."""
    letter = _Letter(spec)
    pdf = letter.build()
    return pdf, letter.info


def letter_pdf(spec: LetterSpec) -> bytes:
    """A one-page (sometimes two-page) digital PDF of the letter, with a real text
    layer; the signature drawn as vector strokes or an image when spec.signed."""
    return _Letter(spec).build()
