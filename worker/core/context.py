"""What every stage needs, made in one place: the store, the settings, the OCR engine and the
geography (COG). The engine and the COG are built at first use, so a command that brings no
dossier to read never loads them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractors.ocr.engine import OcrEngine
    from schemas.cog import Cog
    from worker.persistence.store import Store
    from worker.settings import Settings


@dataclass
class Context:
    """One process's (or one worker fork's) means of work; see `make_context`."""

    store: Store
    settings: Settings
    _loaded: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def engine(self) -> OcrEngine:
        """The OCR engine of the settings (language, page timeout)."""
        if "engine" not in self._loaded:
            self._loaded["engine"] = ocr_engine(self.settings)
        return self._loaded["engine"]

    @property
    def cog(self) -> Cog:
        """The geography: communes, EPCI, départements."""
        if "cog" not in self._loaded:
            self._loaded["cog"] = geography()
        return self._loaded["cog"]


def ocr_engine(settings: Settings) -> OcrEngine:
    """The OCR engine of the settings (language, page timeout): the only place one is built."""
    from extractors.ocr.engine import TesseractEngine

    return TesseractEngine(settings.ocr_lang, settings.limits.ocr_page_timeout)


def geography() -> Cog:
    """The COG (communes, EPCI, départements), loaded once per process (a worker's preload, then
    every context of its jobs; every dossier of a batch; the web process's displays and the
    reassessment of a corrected dossier share it). Read-only."""
    from schemas.cog import Cog  # not through schemas.display: its forms' schemas (marshmallow) are the web's

    return Cog.shipped()


def make_context(settings: Settings | None = None, store: Store | None = None, *,
                 engine: OcrEngine | None = None, cog: Cog | None = None, upgrade: bool = True) -> Context:
    """The one factory: settings from the environment and a store on them unless given; an
    engine or a COG already loaded (a worker's preload, a test's fixture) is used as it is."""
    if settings is None:
        from worker.settings import Settings

        settings = Settings.from_env(os.environ)
    if store is None:
        from worker.persistence.store import Store

        store = Store(settings, upgrade=upgrade)
    loaded = {name: value for name, value in (("engine", engine), ("cog", cog)) if value is not None}
    return Context(store, settings, loaded)
