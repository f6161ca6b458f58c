"""A check-box group of the fiche as a scan reads it, for the box tests."""

from __future__ import annotations


def group_lines(label: str, options: list[str], marks: dict[int, str], empty: str,
                intitule: str = "Fort-de-France demain — vivre avec le risque") -> list[tuple[float, float, str]]:
    """(x, y, text) lines: the intitulé, the group's label on its own line, each option under it
    behind its box (`marks`' reading of it, else `empty`), then the next label and its answer."""
    lines = [(60.0, 100.0, "INTITULÉ DE L'ATELIER"), (60.0, 115.0, intitule), (60.0, 130.0, label)]
    for n, option in enumerate(options):
        lines.append((60.0, 145.0 + 15 * n, f"{marks.get(n, empty)} {option}"))
    lines.append((60.0, 145.0 + 15 * len(options), "PRÉSENTATION DU PROJET ET DE LA PROBLÉMATIQUE"))
    lines.append((60.0, 160.0 + 15 * len(options), "Une partie du territoire est exposée aux inondations."))
    return lines
