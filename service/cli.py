"""Former home of the console script, kept so that an installation made before `guichet_cli`
(whose script still imports `service.cli:main`) keeps working until `pip install -e .` is run
again. New code imports `guichet_cli`."""

from guichet_cli import main

__all__ = ["main"]
