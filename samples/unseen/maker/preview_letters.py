"""Self-check of the letter renderer: writes a dozen example letters (PDF and a
PNG render of each page) to the folder given on the command line.

    cd samples/unseen && python -m maker.preview_letters /tmp/letters
"""
from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

from .letters import LetterSpec, letter_pdf_info

D = datetime.date

EXAMPLES = [
    LetterSpec("collectivite", "Marie-Claude Duval", "Maire de Lodève", "Lodève", False, "34", "Hérault",
               "Occitanie", "Lodève", "34700", D(2026, 3, 3), True, True,
               "Lodève 2040 : habiter le cœur de ville", 1),
    LetterSpec("collectivite", "Jean Fontaine", "Le Président", "Communauté d'agglomération Forbach Porte de France",
               True, "57", "Moselle", "Grand Est", "Forbach", "57600", D(2026, 4, 1), True, True,
               "Reconvertir les friches minières du bassin houiller", 2),
    LetterSpec("prefet", "Pierre-Yves Le Gall", "Le Préfet de l'Hérault", "Lodève", False, "34", "Hérault",
               "Occitanie", "Montpellier", "34062", D(2026, 3, 16), True, True,
               "Lodève 2040 : habiter le cœur de ville", 3),
    LetterSpec("prefet", "Hélène Susini", "La Préfète de la Corse-du-Sud", "Sartène", False, "2A", "Corse-du-Sud",
               "Corse", "Ajaccio", "20188", D(2026, 5, 12), True, True,
               "Sartène, bourg-centre face au tourisme", 4),
    LetterSpec("collectivite", "Stéphanie Hoarau", "Première adjointe", "Saint-Pierre", False, "974", "La Réunion",
               "La Réunion", "Saint-Pierre", "97410", D(2026, 2, 20), False, True,
               "Le front de mer de Saint-Pierre face au recul du trait de côte", 5),
    LetterSpec("collectivite", "CASANOVA Ange", "Maire de Corte", "Commune de Corte", False, "2B", "Haute-Corse",
               "Corse", "Corte", "20250", D(2026, 3, 9), True, False,
               "Corte, ville universitaire de montagne", 6),
    LetterSpec("prefet", "Antoine Bellance", "Pour le préfet et par délégation, le secrétaire général", "Commune du Lorrain", False, "972",
               "Martinique", "Martinique", "Fort-de-France", "97262", D(2026, 6, 2), True, True,
               "Le Lorrain : un bourg entre mer et montagne", 7),
    LetterSpec("collectivite", "Anne de La Roche", "La Présidente",
               "Communauté de communes du Pays de Lunel", True, "34", "Hérault", "Occitanie", "Lunel", "34400",
               D(2026, 4, 15), True, True, "Des mobilités pour un territoire périurbain", 8),
    LetterSpec("prefet", "Sophie Marchal", "La sous-préfète de Lodève", "Communauté de communes Lodévois et Larzac",
               True, "34", "Hérault", "Occitanie", "Lodève", "34700", D(2026, 3, 20), False, True,
               "Le Lodévois face à la sécheresse", 9),
    LetterSpec("collectivite", "Karim Benali", "Maire des Abymes", "Les Abymes", False, "971", "Guadeloupe",
               "Guadeloupe", "Les Abymes", "97139", D(2026, 1, 28), True, True,
               "Requalifier les quartiers d'habitat spontané", 10),
    LetterSpec("prefet", "Jean-Marc Sauvage", "Le Préfet de la Drôme", "Die", False, "26", "Drôme",
               "Auvergne-Rhône-Alpes", "Valence", "26030", D(2026, 4, 7), True, False,
               "Die et la vallée de la Drôme après la neige", 11),
    LetterSpec("collectivite", "Françoise Lefèvre", "Maire d'Agde", "Agde", False, "34", "Hérault", "Occitanie",
               "Agde", "34300", D(2026, 3, 1), True, True, "Agde, station balnéaire à réinventer", 12),
    LetterSpec("collectivite", "Yann Kerbrat", "Le Maire", "Le Faou", False, "29", "Finistère", "Bretagne",
               "Le Faou", "29590", D(2026, 2, 2), False, True, "Le Faou, petite cité de caractère", 13),
    LetterSpec("collectivite", "Gaëlle Quéméner", "Présidente", "Métropole Rouen Normandie", True, "76",
               "Seine-Maritime", "Normandie", "Rouen", "76000", D(2026, 5, 5), True, True,
               "Les rives de Seine, de l'industrie à l'habitat", 14),
    LetterSpec("collectivite", "Céline ROUXEL", "Présidente de la Communauté de communes du Sud Corse",
               "CC du Sud Corse", True, "2A", "Corse-du-Sud", "Corse", "Porto-Vecchio", "20137", D(2026, 3, 30),
               True, True, "Habiter le Sud Corse à l'année", 15),
    LetterSpec("prefet", "Sophie Peyrol", "La Sous-préfète, pour la préfète et par délégation",
               "Brest Métropole", False, "29", "Finistère", "Bretagne", "Quimper", "", D(2026, 4, 20),
               True, True, "Le plateau des Capucins et ses abords", 16),
    LetterSpec("collectivite", "Loïc Le Goff", "Pour le Maire empêché, le Premier adjoint", "Ville de Lannion",
               False, "22", "Côtes-d'Armor", "Bretagne", "Lannion", "22300", D(2026, 2, 11), True, True,
               "Lannion, ville d'eau et de technologies", 17),
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for i, spec in enumerate(EXAMPLES, 1):
        stem = f"{i:02d}_{spec.kind}_{'signe' if spec.signed else 'non_signe'}"
        pdf = out / f"{stem}.pdf"
        data, info = letter_pdf_info(spec)
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(out / stem)], check=True)
        print(pdf.name, json.dumps(info, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/letters"))
