"""Build Outlook fixtures for the tests: `.msg` files and TNEF streams (winmail.dat).

No library at hand writes them (olefile reads compound files only; tnefparse reads TNEF only),
so this is a small writer after MS-CFB (version 3: 512-byte sectors, small streams in the
mini stream), MS-OXMSG and MS-OXTNEF, enough for messages with headers, a body and files.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import compressed_rtf

# MS-CFB ----------------------------------------------------------------------

SECTOR, MINI_SECTOR, MINI_CUTOFF = 512, 64, 4096
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
Tree = dict  # name -> bytes (a stream) or Tree (a storage)


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    black: bool = True
    start: int = ENDOFCHAIN
    size: int = 0


def write_cfb(tree: Tree) -> bytes:
    """A compound file holding `tree`: streams under 4096 bytes in the mini stream, others in sectors."""
    entries = [_Entry("Root Entry", 5)]
    _add_children(entries, 0, tree)
    mini, minifat = bytearray(), []
    big = []  # (entry, data) written in regular sectors
    for entry in entries:
        if entry.kind != 2:
            continue
        entry.size = len(entry.data)
        if entry.size >= MINI_CUTOFF:
            big.append(entry)
        elif entry.size:
            entry.start = len(mini) // MINI_SECTOR
            count = -(-entry.size // MINI_SECTOR)
            minifat += [entry.start + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
            mini += entry.data.ljust(count * MINI_SECTOR, b"\x00")
    dir_sectors = -(-len(entries) // 4)
    minifat_sectors = -(-len(minifat) * 4 // SECTOR)
    mini_sectors = -(-len(mini) // SECTOR)
    big_sectors = sum(-(-e.size // SECTOR) for e in big)
    other = dir_sectors + minifat_sectors + mini_sectors + big_sectors
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < fat_sectors + other:
        fat_sectors += 1
    assert fat_sectors <= 109, "fixture too large for a header-only DIFAT"
    fat: list[int] = [FATSECT] * fat_sectors
    body = bytearray()

    def chain(data: bytes) -> int:
        if not data:
            return ENDOFCHAIN
        start, count = len(fat), -(-len(data) // SECTOR)
        fat.extend([start + i + 1 for i in range(count - 1)] + [ENDOFCHAIN])
        body.extend(data.ljust(count * SECTOR, b"\x00"))
        return start

    directory_start = len(fat)
    fat.extend([directory_start + i + 1 for i in range(dir_sectors - 1)] + [ENDOFCHAIN])
    body.extend(b"\x00" * dir_sectors * SECTOR)  # filled once every start sector is known
    minifat_start = chain(b"".join(struct.pack("<I", v) for v in minifat))
    entries[0].start, entries[0].size = chain(bytes(mini)), len(mini)
    for entry in big:
        entry.start = chain(entry.data)
    directory = b"".join(_dir_entry(e) for e in entries)
    unused = _unused_entry() * (dir_sectors * 4 - len(entries))
    body[:dir_sectors * SECTOR] = directory + unused
    fat.extend([FREESECT] * (fat_sectors * (SECTOR // 4) - len(fat)))
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    header = _header(fat_sectors, directory_start, minifat_start if minifat else ENDOFCHAIN,
                     minifat_sectors)
    return header + fat_bytes + bytes(body)


def _add_children(entries: list[_Entry], parent: int, tree: Tree) -> None:
    ids = []
    for name, value in tree.items():
        entries.append(_Entry(name, 1 if isinstance(value, dict) else 2,
                              b"" if isinstance(value, dict) else bytes(value)))
        ids.append(len(entries) - 1)
        if isinstance(value, dict):
            _add_children(entries, ids[-1], value)
    # Siblings form a red-black tree ordered by name length, then upper-cased name (MS-CFB 2.6.4).
    ids.sort(key=lambda i: (len(entries[i].name), entries[i].name.upper()))
    deepest = len(ids).bit_length() - 1
    perfect = len(ids) == (1 << (deepest + 1)) - 1
    entries[parent].child = _balanced(entries, ids, 0, -1 if perfect else deepest)


def _balanced(entries: list[_Entry], ids: list[int], depth: int, red_level: int) -> int:
    """A balanced search tree whose incomplete last level alone is red: every path then
    meets as many black nodes, as a red-black tree must."""
    if not ids:
        return NOSTREAM
    middle = len(ids) // 2
    node = entries[ids[middle]]
    node.left = _balanced(entries, ids[:middle], depth + 1, red_level)
    node.right = _balanced(entries, ids[middle + 1:], depth + 1, red_level)
    node.black = depth != red_level
    return ids[middle]


def _dir_entry(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    assert len(name) <= 64, entry.name
    return (name.ljust(64, b"\x00") + struct.pack("<HBB", len(name), entry.kind, 1 if entry.black else 0)
            + struct.pack("<III", entry.left, entry.right, entry.child) + b"\x00" * 16
            + struct.pack("<I", 0) + b"\x00" * 16 + struct.pack("<IQ", entry.start, entry.size))


def _unused_entry() -> bytes:
    return b"\x00" * 66 + b"\x00\x00" + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\x00" * 48


def _header(fat_sectors: int, directory: int, minifat: int, minifat_sectors: int) -> bytes:
    difat = list(range(fat_sectors)) + [FREESECT] * (109 - fat_sectors)
    return (_MAGIC + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
            + struct.pack("<IIIIIIIII", 0, fat_sectors, directory, 0, MINI_CUTOFF, minifat,
                          minifat_sectors, ENDOFCHAIN, 0)
            + b"".join(struct.pack("<I", v) for v in difat))


# MS-OXMSG --------------------------------------------------------------------

PT_LONG, PT_SYSTIME, PT_UNICODE, PT_BINARY, PT_OBJECT = 0x0003, 0x0040, 0x001F, 0x0102, 0x000D


@dataclass
class Attachment:
    """A file attached by value, or (with `message`) a message attached as a message."""

    name: str | None
    data: bytes = b""
    mime: str | None = None
    message: OutlookMessage | None = None


@dataclass
class OutlookMessage:
    """What a fixture message says; `headers` are the Internet headers Outlook keeps (0x007D)."""

    subject: str = ""
    sender: str = ""
    body: str | None = None
    html: bytes | None = None
    rtf: bytes | None = None  # an RTF document, stored compressed
    headers: str | None = None
    message_id: str | None = None
    in_reply_to: str | None = None
    references: str | None = None
    submit_time: int | None = None  # FILETIME
    attachments: list[Attachment] = field(default_factory=list)


def write_msg(message: OutlookMessage) -> bytes:
    """The message as an Outlook .msg file."""
    tree = _message_tree(message, top=True)
    tree["__nameid_version1.0"] = {"__substg1.0_00020102": b"", "__substg1.0_00030102": b"",
                                   "__substg1.0_00040102": b""}
    return write_cfb(tree)


def _message_tree(message: OutlookMessage, *, top: bool) -> Tree:
    streams: dict[int, tuple[int, bytes]] = {0x001A: (PT_UNICODE, _utf16("IPM.Note"))}
    texts = {0x0037: message.subject, 0x0C1F: message.sender, 0x0065: message.sender,
             0x007D: message.headers, 0x1000: message.body, 0x1035: message.message_id,
             0x1042: message.in_reply_to, 0x1039: message.references}
    for prop, value in texts.items():
        if value:
            streams[prop] = (PT_UNICODE, _utf16(value))
    if message.html is not None:
        streams[0x1013] = (PT_BINARY, message.html)
    if message.rtf is not None:
        streams[0x1009] = (PT_BINARY, compressed_rtf.compress(message.rtf))
    fixed = [(0x3FDE, PT_LONG, struct.pack("<I", 65001))]
    if message.submit_time:
        fixed.append((0x0039, PT_SYSTIME, struct.pack("<Q", message.submit_time)))
    count = len(message.attachments)
    header = (b"\x00" * 8 + struct.pack("<IIII", 0, count, 0, count)
              + (b"\x00" * 8 if top else b""))
    tree = _property_tree(header, streams, fixed)
    for index, attachment in enumerate(message.attachments):
        tree[f"__attach_version1.0_#{index:08X}"] = _attachment_tree(attachment)
    return tree


def _attachment_tree(attachment: Attachment) -> Tree:
    streams: dict[int, tuple[int, bytes]] = {}
    if attachment.name:
        streams[0x3707] = (PT_UNICODE, _utf16(attachment.name))
        streams[0x3704] = (PT_UNICODE, _utf16(attachment.name[:12]))
        streams[0x3001] = (PT_UNICODE, _utf16(attachment.name))
    if attachment.mime:
        streams[0x370E] = (PT_UNICODE, _utf16(attachment.mime))
    if attachment.message is None:
        streams[0x3701] = (PT_BINARY, attachment.data)
        method = 1  # ATTACH_BY_VALUE
    else:
        method = 5  # ATTACH_EMBEDDED_MSG
    tree = _property_tree(b"\x00" * 8, streams, [(0x3705, PT_LONG, struct.pack("<I", method))])
    if attachment.message is not None:
        tree["__substg1.0_3701000D"] = _message_tree(attachment.message, top=False)
    return tree


def _property_tree(header: bytes, streams: dict[int, tuple[int, bytes]],
                   fixed: list[tuple[int, int, bytes]]) -> Tree:
    """Variable-size properties in their own streams, listed with their sizes in the property table."""
    table = bytearray(header)
    tree: Tree = {}
    for prop, (kind, data) in sorted(streams.items()):
        tree[f"__substg1.0_{prop:04X}{kind:04X}"] = data
        size = len(data) + (2 if kind == PT_UNICODE else 0)
        table += struct.pack("<III", (prop << 16) | kind, 0x6, size) + b"\x00" * 4
    for prop, kind, value in fixed:
        table += struct.pack("<II", (prop << 16) | kind, 0x6) + value.ljust(8, b"\x00")
    tree["__properties_version1.0"] = bytes(table)
    return tree


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


# MS-OXTNEF -------------------------------------------------------------------

TNEF_SIGNATURE = 0x223E9F78
_ATP_STRING, _ATP_BYTE, _ATP_DWORD = 0x0001, 0x0006, 0x0008
_MESSAGE, _ATTACHMENT = 0x01, 0x02


@dataclass
class TnefFile:
    """A file in a TNEF stream: `title` is the 8.3 name, `long_name` the MAPI one."""

    data: bytes
    title: str | None = None
    long_name: str | None = None
    mime: str | None = None


def write_tnef(files: list[TnefFile], *, subject: str = "", rtf: bytes | None = None,
               codepage: int = 1252) -> bytes:
    """A winmail.dat: the message's subject and RTF body, then each file."""
    out = bytearray(struct.pack("<IH", TNEF_SIGNATURE, 0x0001))
    out += _attribute(_MESSAGE, 0x9006, _ATP_DWORD, struct.pack("<I", 0x00010000))
    out += _attribute(_MESSAGE, 0x9007, _ATP_BYTE, struct.pack("<II", codepage, 0))
    out += _attribute(_MESSAGE, 0x8008, 0x0007, b"IPM.Microsoft Mail.Note\x00")
    if subject:
        out += _attribute(_MESSAGE, 0x8004, _ATP_STRING, subject.encode(f"cp{codepage}") + b"\x00")
    if rtf is not None:
        out += _attribute(_MESSAGE, 0x9003, _ATP_BYTE, _mapi([(0x1009, PT_BINARY, compressed_rtf.compress(rtf))]))
    for file in files:
        out += _attribute(_ATTACHMENT, 0x9002, _ATP_BYTE, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0))
        if file.title:
            out += _attribute(_ATTACHMENT, 0x8010, _ATP_STRING, file.title.encode(f"cp{codepage}") + b"\x00")
        out += _attribute(_ATTACHMENT, 0x800F, _ATP_BYTE, file.data)
        props = []
        if file.long_name:
            props.append((0x3707, PT_UNICODE, (file.long_name + "\x00").encode("utf-16-le")))
        if file.mime:
            props.append((0x370E, PT_UNICODE, (file.mime + "\x00").encode("utf-16-le")))
        if props:
            out += _attribute(_ATTACHMENT, 0x9005, _ATP_BYTE, _mapi(props))
    return bytes(out)


def _attribute(level: int, name: int, kind: int, data: bytes) -> bytes:
    return (struct.pack("<BHHI", level, name, kind, len(data)) + data
            + struct.pack("<H", sum(data) & 0xFFFF))


def _mapi(props: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(struct.pack("<I", len(props)))
    for prop, kind, value in props:
        out += struct.pack("<HHII", kind, prop, 1, len(value)) + value
        out += b"\x00" * (-len(value) % 4)
    return bytes(out)
