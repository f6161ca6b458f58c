"""One `guichet process` call: its inputs stored first, then one JSON per dossier and the index."""

from __future__ import annotations

import email.utils
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path

import click

from extractors.errors import MESSAGES, ErrorCode, GuichetError
from extractors.model import FileKind, Issue
from worker.core.export import export_dossier, file_issues
from worker.core.sandbox import run_limited
from worker.entry.inputs import InputPlan, split_mbox
from worker.persistence.store import Store
from worker.settings import Settings


@dataclass
class Batch:
    """The inputs of one `process` call and the dossiers they touched."""

    store: Store
    settings: Settings
    dossier_order: list[str] = field(default_factory=list)
    per_input: dict[str, dict] = field(default_factory=dict)

    def intake(self, plans: list[InputPlan]) -> None:
        """Store everything first; messages of all inputs are taken in date order."""
        for plan in plans:
            self.per_input.setdefault(plan.input, {"dossiers": [], "files": [], "errors": []})
        if not any(plan.mailboxes or plan.messages or plan.loose for plan in plans):
            return  # nothing to read: the readers are not even loaded
        from worker.core import intake

        messages = []
        for plan in plans:
            entry = self.per_input[plan.input]
            for name, data in plan.mailboxes:
                messages.extend((plan.input, f"{name}#{i + 1}", raw)
                                for i, raw in enumerate(self._split(plan.input, name, data, entry)))
            messages.extend((plan.input, name, raw) for name, raw in plan.messages)
            if plan.loose:
                done = intake.intake_files(plan.loose, str(Path(plan.input).resolve()),
                                           store=self.store, settings=self.settings)
                self._note(plan.input, done.dossier_id)
        for given, name, raw in sorted(messages, key=lambda m: _date_key(m[2])):
            done = intake.intake_message(raw, name, store=self.store, settings=self.settings)
            self._note(given, done.dossier_id)
            if done.duplicate_of and done.duplicate_of != name:
                code = ErrorCode.MAIL_DUPLICATE
                message = f"{MESSAGES[code]} ({done.duplicate_of})"
                self.per_input[given]["errors"].append({"file": name, "code": code.value, "message": message})

    def _split(self, given: str, name: str, data: bytes, entry: dict) -> list[bytes]:
        original = self.store.record_original(data, name, FileKind.MBOX, "cli")
        limits = self.settings.limits
        try:
            return run_limited(split_mbox, data, timeout=limits.parse_timeout,
                               memory_mb=limits.parse_memory_mb)
        except GuichetError as exc:
            entry["errors"].append({"file": name, "code": exc.code.value, "message": exc.message})
            self.store.add_original_issues(original.id, [Issue(exc.code, exc.message, name)])
            return []

    def _follow_merges(self) -> None:
        """A dossier joined into another one is reported as that one."""
        kept = lambda ids: list(dict.fromkeys(self.store.merged_into(i) for i in ids))  # noqa: E731
        self.dossier_order = kept(self.dossier_order)
        for entry in self.per_input.values():
            entry["dossiers"] = kept(entry["dossiers"])

    def _note(self, given: str, dossier_id: str) -> None:
        dossiers = self.per_input[given]["dossiers"]
        if dossier_id not in dossiers:
            dossiers.append(dossier_id)
        if dossier_id not in self.dossier_order:
            self.dossier_order.append(dossier_id)

    def write(self, out_dir: Path) -> dict:
        """index.json and one JSON per dossier, as the contract says."""
        self._follow_merges()
        out_dir.mkdir(parents=True, exist_ok=True)
        for dossier_id in self.dossier_order:
            export = export_dossier(self.store, dossier_id)
            _write_json(out_dir / f"{dossier_id}.json", export)
        index = {"version": 1, "inputs": [], "dossiers": list(self.dossier_order)}
        for given, entry in self.per_input.items():
            errors = list(entry["errors"])
            for dossier_id in entry["dossiers"]:
                errors.extend(e for e in file_issues(self.store, dossier_id) if e not in errors)
            index["inputs"].append({"input": given, "dossiers": entry["dossiers"], "errors": errors})
        _write_json(out_dir / "index.json", index)
        return index



def print_summary(store: Store, index: dict) -> None:
    """One readable block per dossier, in French, for the person at the terminal."""
    for dossier_id in index["dossiers"]:
        export = export_dossier(store, dossier_id)
        verdict = export["completeness"]
        state = "complet" if verdict["complete"] else "incomplet"
        click.echo(f"\n{dossier_id}  [{export['status']}]  {state}")
        for message in export["messages"]:
            click.echo(f"  message  {message['date'] or '?':25} {message['from'] or '?'}  {message['subject'][:60]}")
        for document in export["documents"]:
            pages = ",".join(map(str, document["pages"])) or "-"
            how = "OCR" if document["ocr"] else "texte"
            error = f"  ERREUR {document['error']['code']}" if "error" in document else ""
            click.echo(f"  pièce    {document['kind']:22} p.{pages:10} {how:5} {document['file']}{error}")
        for reason in verdict["reasons"]:
            click.echo(f"  motif    {reason['code']}: {reason['message']}")
    errors = sum(len(i["errors"]) for i in index["inputs"])
    click.echo(f"\n{len(index['dossiers'])} dossier(s), {errors} erreur(s) de fichier.")


def _date_key(raw: bytes) -> tuple[int, float]:
    head = raw[:16384].decode("latin-1").replace("\r\n", "\n").split("\n\n", 1)[0]
    for line in head.split("\n"):
        if line.lower().startswith("date:"):
            try:
                parsed = email.utils.parsedate_to_datetime(line[5:].strip())
            except (TypeError, ValueError, IndexError, OverflowError):
                break
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)
            return 0, parsed.timestamp()
    return 1, 0.0


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def progress(items, **options):
    """`items` under tqdm's progress bar on a terminal. Elsewhere tqdm (given disable=None) would
    show nothing: the items themselves, without loading tqdm (a twentieth of a start)."""
    stderr = sys.stderr
    if stderr is not None and hasattr(stderr, "isatty") and not stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, disable=None, **options)
