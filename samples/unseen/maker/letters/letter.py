"""The letter: its style drawn from the seed, the page flow, how it names the
collectivité and the signer, and the assembly of the parts."""
from __future__ import annotations

import random
import re

from .body import BodyMixin
from .fonts import BODY_FAMILIES, FAMILIES, load_font
from .letterheads import LetterheadMixin
from .names import commune_town, is_female, looks_like_epci, proper_case, split_name, upper_surname
from .pdf import Page, PdfDoc, wrap
from .places import dept_of, long_date, place_of
from .signatory import SignatoryMixin
from .spec import LetterSpec
from .texts import LONG_PARAS, _low1

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


class _Letter(LetterheadMixin, BodyMixin, SignatoryMixin):
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
        m = re.search(r"(?i)sous-préf\w* (de |d'|du |des )([A-ZÉÈ][\w'-]+(?: [\w'-]+)*)", spec.signatory_title)
        # "du Marin": the town is Le Marin
        self.sous_pref = ({"du ": "Le ", "des ": "Les "}.get(m.group(1).lower(), "") + m.group(2)) if m else None
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
                # the sous-préfet's own part ("Pour le préfet …, le sous-préfet de Béziers")
                who = next(p.strip() for p in s.signatory_title.split(",") if "sous-préf" in p.lower())
                who = who[:1].upper() + who[1:]
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
