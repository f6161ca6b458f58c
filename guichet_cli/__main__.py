"""`python -m guichet_cli`: the same as the `guichet` console script."""

from guichet_cli import main

main(prog_name="guichet")
