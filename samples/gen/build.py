"""The working state of one case: digital pieces rendered once, documents registered as written."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import office
from .fiche_docx import fill_fiche
from .letters import build_letter
from .model import Dossier

log = logging.getLogger(__name__)
PIECES = ("fiche", "courrier_collectivite", "courrier_prefet")


@dataclass
class Piece:
    kind: str
    docx: Path
    pdf: Path
    pages: int


@dataclass
class Build:
    """Everything a packaging step needs, and what it produced for expected.json."""

    dossier: Dossier
    work: Path
    input_dir: Path
    documents: list[dict] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)
    _pieces: dict[str, Piece] | None = None

    @property
    def pieces(self) -> dict[str, Piece]:
        """The digital pieces of the dossier (docx + LibreOffice PDF), built on first use."""
        if self._pieces is None:
            self._pieces = self._render()
        return self._pieces

    def _render(self) -> dict[str, Piece]:
        d = self.dossier
        fill = d.extra.get("fill_fiche", fill_fiche)  # a case may retype the form (fiche_layouts)
        docs = {"fiche": fill(d.fiche, self.work / "fiche.docx", d.fiche.contact.nom)}
        if d.coll_letter:
            docs["courrier_collectivite"] = build_letter(d.coll_letter, self.work / "coll.docx")
        if d.prefet_letter:
            docs["courrier_prefet"] = build_letter(d.prefet_letter, self.work / "prefet.docx")
        for path in docs.values():
            office.make_zip_deterministic(path)
        pdfs = office.convert(list(docs.values()), "pdf", self.work / "pdf")
        return {kind: Piece(kind, docx, pdf, office.pdf_page_count(pdf))
                for (kind, docx), pdf in zip(docs.items(), pdfs, strict=True)}

    def write_input(self, name: str, data: bytes) -> Path:
        path = self.input_dir / name
        path.write_bytes(data)
        return path

    def copy_input(self, source: Path, name: str) -> Path:
        path = self.input_dir / name
        shutil.copyfile(source, path)
        return path

    def add_document(self, file: str, data: bytes, pages: list[int], kind: str, ocr: bool) -> None:
        self.documents.append({"file": file, "sha256": office.sha256(data), "pages": pages,
                               "kind": kind, "ocr": ocr})
