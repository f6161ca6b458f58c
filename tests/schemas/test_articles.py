"""Articles and elisions of collectivités' names in the mails sent to porteurs."""

from __future__ import annotations

import pytest

from schemas.articles import de, with_article


@pytest.mark.parametrize("name, kind, phrase, of", [
    ("Digne-les-Bains", "commune", "la commune de Digne-les-Bains", "de la commune de Digne-les-Bains"),
    ("Annecy", "commune", "la commune d'Annecy", "de la commune d'Annecy"),
    ("Annecy", None, "Annecy", "d'Annecy"),
    ("Hyères", None, "Hyères", "d'Hyères"),
    ("Hautmont", "commune", "la commune de Hautmont", "de la commune de Hautmont"),  # h aspiré
    ("Le Havre", "commune", "la commune du Havre", "de la commune du Havre"),
    ("Le Mans", None, "Le Mans", "du Mans"),
    ("Les Sables-d'Olonne", None, "Les Sables-d'Olonne", "des Sables-d'Olonne"),
    ("La Rochelle", None, "La Rochelle", "de La Rochelle"),
    ("Grand Annecy", "epci", "l'EPCI Grand Annecy", "de l'EPCI Grand Annecy"),
    ("EPCI du Val de Drôme", None, "l'EPCI du Val de Drôme", "de l'EPCI du Val de Drôme"),
    ("Communauté de communes du Pays de Forcalquier", "epci",
     "la communauté de communes du Pays de Forcalquier", "de la communauté de communes du Pays de Forcalquier"),
    ("Ville de Redon", "commune", "la ville de Redon", "de la ville de Redon"),
    ("Syndicat mixte du Pays de Redon", None, "le syndicat mixte du Pays de Redon",
     "du syndicat mixte du Pays de Redon"),
    ("Agglomération du Grand Dax", "epci", "l'agglomération du Grand Dax", "de l'agglomération du Grand Dax"),
    ("PETR du Pays de Brocéliande", None, "le PETR du Pays de Brocéliande", "du PETR du Pays de Brocéliande"),
])
def test_a_collectivite_gets_its_article_and_de_contracts_or_elides(name, kind, phrase, of):
    assert with_article(name, kind) == phrase
    assert de(phrase) == of


def test_nothing_named_gives_nothing():
    assert with_article("  ", "commune") == ""
