"""The `guichet` console script: the batch commands of worker.cli plus the service's own."""

from __future__ import annotations

import logging

from worker.cli import main

log = logging.getLogger(__name__)

__all__ = ["main"]

if __name__ == "__main__":
    main()
