"""Building blocks of the sample-dossier generator (see ../generate.py)."""
