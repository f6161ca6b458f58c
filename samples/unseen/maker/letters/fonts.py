"""The TrueType fonts of the letters, read and subset by hand."""
from __future__ import annotations

import functools
import math
import struct
from pathlib import Path

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
