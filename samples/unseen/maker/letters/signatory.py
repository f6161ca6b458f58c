"""The signatory block, the signature ink over or near it, and the round stamp."""
from __future__ import annotations

import random
import re

from PIL import Image

from .. import signatures as sg
from .fonts import load_font
from .pdf import Page
from .places import place_of


class SignatoryMixin:
    """Part of _Letter: the block at the foot of the letter and what is drawn on it."""

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
        elif s.stamp_unsigned:
            self._stamp_unsigned(bx, bw, gap_box, text_rows, fs)
        if rng.random() < 0.2 and self.y - self.lead * 2 > self.bottom:
            self.y -= self.lead * 2
            self.page.text(self.ml, self.y, rng.choice([
                f"Copie : {'DDTM' if rng.random() < 0.5 else 'DDT'} {self.dept_of}",
                "Copie : Monsieur le Sous-préfet d'arrondissement",
                "Copie : services techniques"]), self.reg, self.size - 1.5)

    def _sign(self, bx, bw, gap_box, text_rows, fs):
        rng, p = self.rng, self.page
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
            stamp = self._stamp_texts(rng)
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

    def _stamp_texts(self, rng):
        """(top text, bottom text, centre lines, diameter in pt) of the signatory's round stamp."""
        s = self.spec
        d = rng.uniform(68, 100)
        if s.kind == "prefet":
            top_t = f"Sous-préfecture {place_of(self.sous_pref)}" if self.sous_pref \
                else f"Préfecture {self.dept_of}"
            return top_t, "République française", [] if rng.random() < 0.5 else ["Le Préfet"], d
        if self.epci:
            return (self.coll_short() if len(s.collectivite_name) > 34 else s.collectivite_name,
                    s.departement_name, ["Le Président"] if rng.random() < 0.5 else [], d)
        return (f"Mairie {place_of(self.town)}", f"({s.departement_code})" if rng.random() < 0.4
                else s.departement_name, ["Le Maire"] if rng.random() < 0.5 else [], d)

    def _stamp_unsigned(self, bx, bw, gap_box, text_rows, fs):
        """A stamp and no ink: in the free band, over a typed row, or beside the block."""
        rng = random.Random(self.spec.style * 7907 + 3)
        w, h = rng.uniform(95, 165), rng.uniform(38, 62)
        x0 = bx + bw / 2 + rng.uniform(-25, 25) - w / 2
        place = rng.choice(["gap", "over", "beside"]) if gap_box else rng.choice(["over", "beside"])
        if place == "gap":
            y0 = gap_box[0]
        else:
            y0 = rng.choice([r[1] for r in text_rows]) + fs * 0.35 - h / 2
            if place == "beside":
                x0 = bx - w * 0.8 if bx - w * 0.8 > self.ml else bx + bw - w * 0.2
        self.info["signature"] = {"mode": place, "render": "none", "ink": "none", "weight": 0,
                                  "stamp": True, "page": len(self.doc.pages)}
        self._stamp(self._stamp_texts(rng), x0, y0, w, h, rng)

    def _stamp(self, stamp, x0, y0, w, h, rng=None):
        rng = rng or self.rng
        top_t, bottom_t, centre, d = stamp
        img = sg.stamp_image(rng, top_t, bottom_t, centre, int(d * 3))
        sx = x0 + rng.uniform(-d * 0.5, w - d * 0.4)
        sy = y0 + h / 2 - d / 2 + rng.uniform(-15, 15)
        self.page.image(self.doc.add_rgba(img), sx, sy, d, d)
