"""People in the letters: first names and surnames, a name however it is written,
the signer's gender, and whether a collectivité is an EPCI."""
from __future__ import annotations

import random
import re

FIRST_NAMES_F = """Marie Anne Catherine Isabelle Sylvie Nathalie Christine Valérie Sandrine Véronique
Françoise Martine Monique Brigitte Patricia Laurence Céline Stéphanie Sophie Hélène Claire Agnès
Émilie Aurélie Julie Camille Laure Élodie Caroline Delphine Karine Virginie Florence Corinne Béatrice
Pascale Dominique Chantal Geneviève Odile Josiane Annick Maryse Ghislaine Solange Régine Bernadette
Mireille Yvette Colette Élisabeth Marie-Claude Marie-Hélène Anne-Sophie Marie-Laure Marie-Pierre
Anne-Marie Marie-Christine Jeanne Léa Manon Chloé Noémie Pauline Audrey Magali Gaëlle Maëlle Soizic
Nolwenn Rozenn Maïté Ginette Fabienne Murielle Estelle Lydie Salomé Inès Nadia Leïla Fatima Samia
Armelle Bérengère Ségolène Clémence Hortense""".split()
FIRST_NAMES_M = """Jean Pierre Michel Philippe Alain Patrick Bernard Christian Daniel Éric Frédéric
Laurent Olivier Thierry Pascal Didier Gilles Hervé Stéphane Christophe Nicolas Sébastien Julien
François Jacques Gérard André René Yves Roger Claude Serge Dominique Bruno Denis Marc Luc Paul
Jean-Pierre Jean-Marc Jean-Luc Jean-Claude Jean-François Jean-Michel Pierre-Yves Jean-Paul
Jean-Louis Jean-Jacques Louis-Marie Guillaume Antoine Mathieu Benoît Cédric Fabrice Franck Joël
Lionel Régis Rémi Thibault Xavier Yannick Ludovic Grégory Aurélien Damien Jérôme Arnaud Gaël Loïc
Ronan Erwan Yann Killian Mathis Hugo Théo Maxime Baptiste Clément Émile Gaston Hubert Raymond Marcel
Karim Mehdi Rachid Saïd Mamadou Ange Paul-Henri Étienne Josselin""".split()
SURNAMES = """Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent
Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier
Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry
Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson
Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël Meyer Lucas
Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin
Fernandez Pierre Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine
Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez Da_Silva Hubert Louis
Charles Guillot Rivière Le_Gall Guillaume Adam Rey Moulin Gonzalez Berger Lecomte Menard Fleury
Deschamps Carpentier Julien Benoît Paris Maillard Marchal Aubry Vasseur Le_Roux Renault Jacquet
Collet Prévost Poirier Charpentier Royer Huet Baron Dupuy Pons Paul Laine Carré Breton Rémy
Schneider Perrot Guyot Barre Marty Cousin Le_Bihan Kerbrat Le_Goff Quéméner Étcheverry Harriet
Iribarne Casanova Santoni Pietri Susini Ferracci Albertini Bellance Jean-Baptiste Hoarau Payet
Grondin Técher Boyer-Vidal Saint-Jean Dupont-Aignan Lévêque Bézier Gaudin Lagarde Fauré Peyrol
Lafon Castaing Sabatier Delmas Vergnes Chauvet Besson Chabert Tessier Couderc Mallet Ribeiro
Ferreira Haddad Benali Ould_Ahmed de_La_Roche de_Villiers d'Aubigné du_Plessis de_Castelnau
Le_Floch'h Lecerf Desjardins Beaumont Vasseur-Leblanc Sainte-Marie Baudoin Bouvier Thibault""".split()
SURNAMES = [s.replace("_", " ") for s in SURNAMES]


def random_person(rng: random.Random, female: bool | None = None) -> tuple[str, str, bool]:
    """(first name, surname, is_female) drawn from the lists above."""
    if female is None:
        female = rng.random() < 0.5
    first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    return first, rng.choice(SURNAMES), female


_PARTICLES = {"de", "du", "des", "d'"}


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def split_name(full: str) -> tuple[str, str]:
    """(first name, surname) of a name however it is written: 'Marie-Claude Duval',
    'Anne de La Roche', 'ROUXEL Céline', 'Céline ROUXEL', 'Jean-Luc DE LA ROCHE'."""
    parts = full.split()
    if len(parts) == 1:
        return "", parts[0]
    caps = [_is_caps(p) for p in parts]
    if any(caps) and not all(caps):
        if caps[0]:  # 'ROUXEL Céline': the surname leads
            k = caps.index(False)
            return " ".join(parts[k:]), " ".join(parts[:k])
        k = caps.index(True)
        while k > 1 and parts[k - 1].lower() in _PARTICLES:
            k -= 1
        return " ".join(parts[:k]), " ".join(parts[k:])
    return parts[0], " ".join(parts[1:])


def proper_case(surname: str) -> str:
    """'ROUXEL' -> 'Rouxel', 'LE GALL' -> 'Le Gall', "D'AUBIGNÉ" -> "d'Aubigné"; mixed case kept."""
    if not _is_caps(surname):
        return surname
    out = []
    for i, w in enumerate(surname.split(" ")):
        if i == 0 and w.lower() in ("de", "du", "des") and " " in surname:
            out.append(w.lower())
            continue
        out.append("-".join("'".join(x[:1].upper() + x[1:].lower() for x in part.split("'"))
                            for part in w.split("-")))
    return " ".join(out)


def upper_surname(surname: str, keep_particle: bool = True) -> str:
    words = surname.split(" ")
    out = []
    for i, w in enumerate(words):
        if keep_particle and i < len(words) - 1 and w.lower() in _PARTICLES:
            out.append(w.lower() if i == 0 else w.upper())
        else:
            out.append(w.upper())
    return " ".join(out)


_FEMININE = re.compile(r"\b(La |Madame|Mme|[Pp]résidente|[Aa]djointe|[Pp]réfète|[Dd]irectrice|"
                       r"générale|[Pp]remière|[Dd]éléguée|[Cc]onseillère|sous-préfète|[Vv]ice-présidente)")


def is_female(name: str, title: str) -> bool | None:
    """The signer's gender from the title (the part about the signer, not
    "pour la préfète"), else from the first-name lists; None when unknown."""
    own = re.sub(r"(?i)\b(pour|p/)\s*(le|la)\s+(préf\w+|maire|présiden\w+)( empêchée?)?( et par délégation)?,?", "", title)
    own = re.sub(r"(?i)\bP/(le|la)\s+\w+,?", "", own)
    if _FEMININE.search(own):
        return True
    if re.search(r"\b(Le |le |[Pp]résident\b|[Aa]djoint\b|[Pp]réfet\b|[Dd]irecteur|général\b|[Pp]remier)", own):
        return False
    first = split_name(name)[0].split(" ")[0]
    if first in FIRST_NAMES_F:
        return True
    if first in FIRST_NAMES_M:
        return False
    return None


_EPCI_RE = re.compile(r"^(CC|CA|CU|Cté|Communauté|Métropole|Eurométropole|Agglomération|Pays|PETR|Syndicat)\b"
                      r"|Métropole|Agglo|Communauté")


def looks_like_epci(name: str) -> bool:
    return bool(_EPCI_RE.search(name))


def commune_town(name: str) -> str:
    """'Commune du Lorrain' -> 'Le Lorrain', "Ville d'Agde" -> 'Agde', 'Lodève' -> 'Lodève'."""
    m = re.match(r"^(?:Commune|Ville|Mairie)\s+(de |d'|du |des )(.+)$", name)
    if not m:
        return name
    link, rest = m.groups()
    return {"du ": "Le ", "des ": "Les "}.get(link, "") + rest

