"""A small PDF writer: pages of text, lines, paths and images, fonts embedded as
WinAnsi TrueType subsets; and the line wrapping of a paragraph."""
from __future__ import annotations

import datetime
import hashlib
import io
import zlib

from PIL import Image

from .fonts import load_font


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
