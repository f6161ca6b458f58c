"""Turn the paths given to `guichet process` into messages and groups of loose files."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from extractors import sniff
from extractors.model import FileKind, Part

log = logging.getLogger(__name__)

# Files an OS leaves in folders, never part of what a candidate sent.
_JUNK = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass
class InputPlan:
    """One INPUT: the messages it holds and the loose files forming its dossier."""

    input: str
    messages: list[tuple[str, bytes]] = field(default_factory=list)  # (name, raw)
    mailboxes: list[tuple[str, bytes]] = field(default_factory=list)  # mbox files, split later
    loose: list[Part] = field(default_factory=list)


def plan_input(path: Path, given: str) -> InputPlan:
    """Sort what a path holds by content: messages, mbox files, Maildirs, other files."""
    plan = InputPlan(given)
    if path.is_dir():
        _walk_folder(path, path, plan)
    else:
        _add_file(path, path.name, plan)
    return plan


def is_maildir(path: Path) -> bool:
    """A Maildir holds cur/ and new/ (and tmp/) folders of one message per file."""
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _walk_folder(root: Path, folder: Path, plan: InputPlan) -> None:
    if is_maildir(folder):
        for sub in ("new", "cur"):
            for item in sorted((folder / sub).iterdir()):
                if item.is_file():
                    plan.messages.append((str(item.relative_to(root.parent)), item.read_bytes()))
        return
    for item in sorted(folder.iterdir()):
        if item.name in _JUNK or item.name.startswith("."):
            continue
        if item.is_dir():
            _walk_folder(root, item, plan)
        elif item.is_file():
            _add_file(item, str(item.relative_to(root)), plan)


def _add_file(path: Path, name: str, plan: InputPlan) -> None:
    data = path.read_bytes()
    kind = sniff.sniff(data)
    if kind in (FileKind.EMAIL, FileKind.MSG, FileKind.TNEF):  # Outlook's .msg and winmail.dat too
        plan.messages.append((name, data))
    elif kind is FileKind.MBOX:
        plan.mailboxes.append((name, data))
    else:
        plan.loose.append(Part(name, data))


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox file (run under limits: it is untrusted input)."""
    import mailbox  # here: `guichet process` without an mbox does not load it
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".mbox") as tmp:
        tmp.write(data)
        tmp.flush()
        box = mailbox.mbox(tmp.name, create=False)
        try:
            return [box.get_bytes(key) for key in box.keys()]
        finally:
            box.close()
