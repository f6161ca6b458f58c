"""The signatory's quality lines real letters print, with the slug the domain page gives them.

A préfecture's letter is signed by the préfet(e), a sous-préfet(e) (of an arrondissement, often
"pour le préfet et par délégation"), or someone else signing for the préfet (a secrétaire
général(e), a directeur départemental des territoires): `prefet`, `sous_prefet`, `autre`.
A collectivité's by the maire, the président(e) of the EPCI, or an adjoint / a vice-président
(`autre`). Used by bench/letterstudy.py to vary a letter's block; every choice from `rng`.
"""
from __future__ import annotations

import random

from .places import dept_of, place_of


def prefet_quality(rng: random.Random, female: bool, departement_code: str, departement_name: str,
                   region_name: str, arrondissement: str) -> tuple[str, str]:
    """(quality line as printed, slug) of a préfecture's letter; `arrondissement`: the town of a
    sous-préfecture of the département."""
    dep = dept_of(departement_code, departement_name)
    e = "e" if female else ""
    prefet = "Préfète" if female else "Préfet"
    le = "La" if female else "Le"
    sous = f"{le} Sous-préfète" if female else f"{le} Sous-préfet"
    town = place_of(arrondissement)
    for_him = rng.choice(["Pour le préfet et par délégation", "Pour le Préfet, par délégation",
                          "P/le préfet et par délégation", "Pour la Préfète et par délégation",
                          "P/La Préfète, par délégation"])
    forms = [
        (f"{le} {prefet} {dep}", "prefet"),
        (f"{le} {prefet}", "prefet"),
        (f"{le} {prefet} de la région {region_name}, {prefet.lower()} {dep}", "prefet"),
        (f"{le} {prefet.lower()} {dep}", "prefet"),
        (f"{sous} {town}", "sous_prefet"),
        (f"{sous} de l'arrondissement {town}", "sous_prefet"),
        (f"{sous} d'arrondissement", "sous_prefet"),
        (f"{for_him}, {sous.lower()} {town}", "sous_prefet"),
        (f"{sous}, {for_him.lower().replace('p/', 'pour ')}", "sous_prefet"),
        (f"{for_him}, {le.lower()} secrétaire général{e}", "autre"),
        (f"{le} Secrétaire général{e} de la préfecture", "autre"),
        (f"{for_him}, {le.lower()} secrétaire général{e} de la préfecture", "autre"),
        (f"{for_him}, {'la directrice départementale' if female else 'le directeur départemental'} "
         f"des territoires", "autre"),
        (f"{'La Directrice départementale' if female else 'Le Directeur départemental'} des territoires "
         f"et de la mer", "autre"),
    ]
    weights = [5, 2, 1, 1, 3, 2, 1, 3, 3, 3, 1, 1, 2, 1]
    return rng.choices(forms, weights)[0]


def collectivite_quality(rng: random.Random, female: bool, epci: bool, town: str,
                         epci_name: str) -> tuple[str, str]:
    """(quality line as printed, slug) of a commune's or an EPCI's letter."""
    e = "e" if female else ""
    le = "La" if female else "Le"
    if epci:
        of = f"de la {epci_name}" if epci_name.startswith(("Communauté", "Métropole")) else f"de {epci_name}"
        forms = [(f"{le} Président{e}", "president_epci"), (f"Président{e}", "president_epci"),
                 (f"Président{e} {of}", "president_epci"), (f"{le} Président{e} {of}", "president_epci"),
                 (f"{le} Vice-président{e} délégué{e} à l'aménagement", "autre"),
                 (f"Pour {'la Présidente' if rng.random() < 0.5 else 'le Président'} et par délégation, "
                  f"{le.lower()} Vice-président{e}", "autre")]
        weights = [3, 2, 3, 2, 1, 1]
    else:
        forms = [(f"{le} Maire", "maire"), (f"Maire {place_of(town)}", "maire"),
                 (f"{le} Maire {place_of(town)}", "maire"), ("Le Maire", "maire"),
                 (f"Pour le Maire empêché, {'la Première' if female else 'le Premier'} adjoint{e}", "autre"),
                 (f"{le} deuxième adjoint{e}, délégué{e} à l'urbanisme", "autre"),
                 ("Première adjointe" if female else "Premier adjoint", "autre")]
        weights = [3, 3, 2, 1, 1, 1, 1]
    return rng.choices(forms, weights)[0]
