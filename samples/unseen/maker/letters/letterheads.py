"""The letterhead of a collectivité (its address and contact lines) or of a préfecture."""
from __future__ import annotations

import re

from .emblems import _emblem, _marianne
from .fonts import load_font
from .names import random_person
from .pdf import Page, wrap
from .places import phone, place_of, slug
from .texts import STREETS


class LetterheadMixin:
    """Part of _Letter: draws the top of the first page and sets its footer lines."""

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
