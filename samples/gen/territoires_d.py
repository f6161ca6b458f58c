"""Territory profiles, part 4 (the letter cases): what each candidate writes (French
content, fictional people; real communes and EPCIs)."""

from __future__ import annotations

PROFILES_D = [
    dict(
        key="fourmies", dep="59", porteuse=("commune", "Fourmies"),
        coll_nom="Commune de Fourmies", communes=["Fourmies"],
        epci_ecrit="Communauté de communes du Sud-Avesnois",
        dep_ecrit="Nord (59)", region_ecrite="Hauts-de-France",
        etat_service="DDTM du Nord",
        referent=("Camille Desmet", "Chargée de mission territoriale Avesnois",
                  "camille.desmet@nord.gouv.fr", "03 28 03 83 17"),
        elu=("Hervé Delattre", "Maire"),
        contact=("Sophie Carlier", "s.carlier@ville-fourmies.fr", "03 27 59 69 02"),
        mairie_adresse=["Place de Verdun", "59610 Fourmies", "Tél. 03 27 59 69 00"],
        partenaires="Parc naturel régional de l'Avesnois, Écomusée de l'Avesnois",
        echelle="communale",
        secteur="Le centre-ville, la filature Prouvost-Masurel et les étangs des Moines",
        intitule="Fourmies : de la ville textile à la ville-parc",
        thematiques=["friches", "revitalisation_centre", "ecosystemes"],
        programmes=["petites_villes_de_demain"],
        description="Ancienne capitale du textile, Fourmies garde de grandes emprises "
                    "industrielles en cœur de ville. Plusieurs filatures sont vacantes et le "
                    "centre-ville perd des commerces. La commune veut s'appuyer sur la "
                    "proximité des étangs et du bocage pour réinventer son centre.",
        objectifs="Définir le devenir des friches textiles ; relier le centre-ville aux "
                  "étangs des Moines ; redonner envie d'habiter le centre.",
        attendus="Un plan-guide du centre-ville et des fiches de reconversion pour deux "
                 "filatures.",
        calendrier="Démarrage souhaité : avril 2027.",
        documents="PLUi du Sud-Avesnois ; charte du PNR de l'Avesnois ; inventaire des friches "
                  "(EPF Hauts-de-France, 2024).",
        acteurs="Communauté de communes, EPF Hauts-de-France, PNR de l'Avesnois, "
                "Écomusée, bailleurs sociaux, commerçants.",
        moyens="Salle des fêtes et repas au lycée professionnel.",
        annexe1="Fourmies compte {population} habitants et a perdu un quart de sa population "
                "depuis 1975.\nLe taux de chômage reste élevé.\nLe parc de logements anciens "
                "est important et souvent dégradé.",
        annexe2="La commune est lauréate Petites villes de demain. {epci_nom} a approuvé "
                "son PLUi en 2021. L'EPF accompagne la requalification des friches.",
        lieu="Fourmies", date="2026-02-09",
        maire="Hervé DELATTRE",
        prefet=("Le préfet de la région Hauts-de-France,", "préfet du Nord,",
                "Olivier Vandamme"),
        prefecture_ville="Lille",
        letter_dates=("2026-02-16", "2026-02-25"),
        layouts=("colonne", "prefecture_droite"),
        coll_style={"sidebar": [
            ("Le Maire", ["Hervé Delattre"]),
            ("Les adjoints", ["Nadine Lefebvre", "Rachid Benhamou", "Annie Dubois",
                              "Thierry Lemaire"]),
            ("Services", ["Urbanisme", "Cadre de vie", "Développement économique",
                          "Culture et patrimoine"]),
        ]},
        prefet_style={"sig_align": "right"},
    ),
    dict(
        key="luneville", dep="54", porteuse=("commune", "Lunéville"),
        coll_nom="Ville de Lunéville", communes=["Lunéville"],
        epci_ecrit="Communauté de communes du Territoire de Lunéville à Baccarat",
        dep_ecrit="Meurthe-et-Moselle", region_ecrite="Grand Est",
        etat_service="DDT de Meurthe-et-Moselle",
        referent=("Mathieu Perrin", "Chef du service territorial du Lunévillois",
                  "mathieu.perrin@meurthe-et-moselle.gouv.fr", "03 83 91 41 58"),
        elu=("Claire Humbert", "Maire"),
        contact=("Julien Marchal", "j.marchal@mairie-luneville.fr", "03 83 76 23 00"),
        mairie_adresse=["2 rue Banaudon", "54300 Lunéville", "www.luneville.fr"],
        partenaires="Département de Meurthe-et-Moselle (château), Établissement public "
                    "foncier du Grand Est",
        echelle="site",
        secteur="Les anciennes casernes autour du château et le quartier des Bosquets",
        intitule="Lunéville : des casernes au pied du château, un quartier à réinventer",
        thematiques=["friches", "patrimoine", "logement"],
        programmes=["action_coeur_de_ville"],
        description="Le départ des régiments a laissé à Lunéville plusieurs casernes vides "
                    "autour du château, dont les bâtiments du XVIIIe siècle sont protégés. "
                    "Ces emprises coupent le centre-ville des bosquets et de la Vezouze. La "
                    "ville souhaite les reconvertir en un quartier habité.",
        objectifs="Définir la vocation des casernes ; ouvrir le centre vers les bosquets ; "
                  "proposer une offre de logements pour les jeunes ménages.",
        attendus="Des scénarios de reconversion pour deux casernes et un plan-guide du "
                 "secteur du château.",
        calendrier="Automne 2027.",
        documents="PLU ; site patrimonial remarquable ; étude de reconversion des casernes "
                  "(EPF Grand Est, 2023) ; convention Action cœur de ville.",
        acteurs="Communauté de communes, Département (propriétaire du château), EPF Grand "
                "Est, UDAP, bailleurs sociaux, commerçants.",
        moyens="Salle des fêtes du château ; déjeuners pris en charge.",
        annexe1="Lunéville compte {population} habitants.\nLa ville a perdu plusieurs "
                "milliers d'emplois militaires et industriels.\nLa vacance des logements "
                "dépasse 12 % dans le centre ancien.",
        annexe2="La ville est engagée dans Action cœur de ville. {epci_nom} conduit un PLH. "
                "Un site patrimonial remarquable couvre le centre et le château.",
        lieu="Lunéville", date="2026-06-03",
        maire="Claire HUMBERT",
        coll_quality=["Maire de Lunéville", "Conseillère départementale de Meurthe-et-Moselle"],
        prefet=("Le sous-préfet de Lunéville,", "Arnaud Gérardin"),
        prefet_slug="sous_prefet", prefecture_ville="Nancy", prefet_place="Lunéville",
        letter_dates=("2026-06-01", "2026-06-15"),
        layouts=("logo_droite", "prefecture"),
        coll_style={"sig_align": "centre", "sig_position": "name_first", "date_style": "bare"},
    ),
    dict(
        key="cap_nord", dep="972", porteuse=("epci", "200041788"),
        coll_nom="Communauté d'agglomération du Pays Nord Martinique",
        communes=["Le Carbet", "Saint-Pierre", "Le Prêcheur"],
        epci_ecrit="CAP Nord Martinique",
        dep_ecrit="Martinique (972)", region_ecrite="Martinique",
        etat_service="DEAL de la Martinique",
        referent=("Ludovic Rosine", "Chef du pôle aménagement et risques",
                  "ludovic.rosine@developpement-durable.gouv.fr", "0596 59 57 00"),
        elu=("Marie-Line Édouard", "Présidente"),
        contact=("Stéphane Bellay", "s.bellay@capnordmartinique.fr", "0596 53 67 89"),
        mairie_adresse=["Zone de Bois-Rada", "97230 Sainte-Marie"],
        partenaires="Parc naturel régional de la Martinique, Office national des forêts",
        echelle="intercommunale",
        secteur="La côte caraïbe du Nord, de Saint-Pierre au Prêcheur, au pied de la "
                "montagne Pelée",
        intitule="Vivre au pied de la montagne Pelée : la côte caraïbe face aux risques",
        thematiques=["risques", "patrimoine", "mobilites"],
        programmes=["petites_villes_de_demain"],
        description="Les bourgs de la côte caraïbe du Nord sont exposés à l'érosion du "
                    "littoral, aux lahars et au risque volcanique. La route littorale, "
                    "unique accès au Prêcheur, est régulièrement coupée. L'agglomération "
                    "veut préparer la recomposition de ces bourgs patrimoniaux.",
        objectifs="Partager la connaissance des risques ; imaginer la recomposition des "
                  "bourgs ; sécuriser les déplacements.",
        attendus="Une stratégie de recomposition spatiale pour trois bourgs et un programme "
                 "d'actions.",
        calendrier="Saison sèche 2027 (février à avril).",
        documents="PPRN des communes ; SAR de la Martinique ; étude de recomposition du "
                  "Prêcheur (2023) ; inventaire patrimonial de Saint-Pierre.",
        acteurs="Communes de Saint-Pierre, du Prêcheur et du Carbet, Collectivité "
                "territoriale de Martinique, observatoire volcanologique, associations "
                "de pêcheurs.",
        moyens="Salle du conseil communautaire et transport pour les visites.",
        annexe1="Le territoire de la côte caraïbe compte près de 10 000 habitants, dont "
                "{population} au Carbet.\nLa population vieillit et diminue.\n"
                "L'économie repose sur la pêche, l'agriculture et le tourisme de mémoire.",
        annexe2="{epci_nom} porte une stratégie de gestion intégrée du trait de côte. "
                "Saint-Pierre est ville d'art et d'histoire.",
        lieu="Le Carbet", date="2026-09-14",
        maire="Marie-Line ÉDOUARD", coll_slug="president_epci",
        coll_quality=["La Présidente de la Communauté d'agglomération,"],
        prefet=("Le préfet,", "Jean-Marc Lautric"), prefecture_ville="Fort-de-France",
        prefet_head=["PRÉFET", "DE LA MARTINIQUE"],
        letter_dates=("2026-09-10", "2026-09-22"),
        layouts=("bandeau", "prefecture_droite"),
        member_letter={"commune": "Le Carbet", "maire": "Rodolphe Clémenté",
                       "adresse": ["Hôtel de ville", "Rue Gabriel Périé", "97221 Le Carbet"],
                       "layout": "sans_logo",
                       "style": {"sig_align": "left", "date_style": "bare"}},
    ),
    dict(
        key="mauleon", dep="64", porteuse=("commune", "Mauléon-Licharre"),
        coll_nom="Commune de Mauléon-Licharre", communes=["Mauléon-Licharre"],
        epci_ecrit="Communauté d'agglomération Pays Basque",
        dep_ecrit="Pyrénées-Atlantiques", region_ecrite="Nouvelle-Aquitaine",
        etat_service="DDTM des Pyrénées-Atlantiques",
        referent=("Maialen Etcheverry", "Déléguée territoriale Pays basque intérieur",
                  "maialen.etcheverry@pyrenees-atlantiques.gouv.fr", "05 59 80 86 00"),
        elu=("Michel Idiart", "Maire"),
        contact=("Peio Larralde", "secretariat@mauleon-licharre.fr", "05 59 28 18 79"),
        mairie_adresse=["Mairie de Mauléon-Licharre", "Rue Arnaud de Maytie",
                        "64130 Mauléon-Licharre", "Tél. 05 59 28 18 79"],
        partenaires=None, echelle="communale",
        secteur="Le quartier de l'usine d'espadrilles et les berges du Saison",
        intitule="Mauléon, capitale de l'espadrille : réinvestir les ateliers du Saison",
        thematiques=["friches", "economie_ess"],
        programmes=["petites_villes_de_demain"],
        description="Les ateliers d'espadrilles qui bordent le Saison ferment les uns après "
                    "les autres. La commune veut y accueillir de nouvelles activités "
                    "artisanales et touristiques.",
        objectifs="Reconvertir les ateliers ; ouvrir les berges au public.",
        attendus="Une stratégie de reconversion et des fiches actions.",
        calendrier="Printemps 2027.",
        documents="PLUi en cours ; étude friches (2024).",
        acteurs="Agglomération Pays Basque, artisans, Office de tourisme.",
        moyens="Salle de la mairie.",
        annexe1="Mauléon-Licharre compte {population} habitants.",
        annexe2="La commune est lauréate Petites villes de demain. {epci_nom} élabore son PLUi.",
        lieu="Mauléon-Licharre", date="2026-04-20",
        maire="Michel IDIART",
        prefet=("Le préfet,", "Bertrand Lacoste"), prefecture_ville="Pau",
        letter_dates=("2026-04-14", "2026-04-27"),
        layouts=("sans_logo", "prefecture"),
        coll_style={"sig_align": "left", "date_style": "numeric"},
    ),
    dict(
        key="pont_audemer", dep="27", porteuse=("commune", "Pont-Audemer"),
        coll_nom="Ville de Pont-Audemer", communes=["Pont-Audemer"],
        epci_ecrit="Pont-Audemer / Val de Risle",
        dep_ecrit="Eure", region_ecrite="Normandie",
        etat_service="DDTM de l'Eure",
        referent=("Guillaume Hébert", "Chef du service aménagement",
                  "guillaume.hebert@eure.gouv.fr", "02 32 29 60 60"),
        elu=("Agnès Lemonnier", "Maire"),
        contact=("Thomas Vasseur", "t.vasseur@ville-pont-audemer.fr", "02 32 41 08 15"),
        mairie_adresse=["Place Maubert", "27500 Pont-Audemer"],
        partenaires=None, echelle="site",
        secteur="Les canaux de la Risle et les anciennes tanneries",
        intitule="Pont-Audemer, la « Venise normande » face aux crues de la Risle",
        thematiques=["risques", "patrimoine"],
        programmes=["petites_villes_de_demain"],
        description="Le centre ancien de Pont-Audemer est traversé par les bras de la Risle. "
                    "Les anciennes tanneries sont en friche et le centre est inondable.",
        objectifs="Adapter le centre ancien au risque ; reconvertir les tanneries.",
        attendus="Un plan-guide des canaux et une feuille de route.",
        calendrier="Début 2027.",
        documents="PPRI de la Risle ; PLUi.",
        acteurs="Intercommunalité, syndicat de rivière, ABF.",
        moyens="Salle de l'Eden.",
        annexe1="Pont-Audemer compte {population} habitants.",
        annexe2="{epci_nom} a approuvé son PLUi. La ville est lauréate Petites villes de demain.",
        lieu="Pont-Audemer", date="2026-10-05",
        maire="Agnès LEMONNIER",
        prefet=("Le préfet,", "Hugues Dumesnil"), prefecture_ville="Caen",
        prefet_dep="14",
        letter_dates=("2026-10-01", "2026-10-09"),
        layouts=("centre", "prefecture_droite"),
        prefet_style={"sig_align": "centre"},
    ),
    dict(
        key="romorantin", dep="41", porteuse=("commune", "Romorantin-Lanthenay"),
        coll_nom="Ville de Romorantin-Lanthenay", communes=["Romorantin-Lanthenay"],
        epci_ecrit="Communauté de communes du Romorantinais et du Monestois",
        dep_ecrit="Loir-et-Cher (41)", region_ecrite="Centre-Val de Loire",
        etat_service="DDT de Loir-et-Cher",
        referent=("Nathalie Moreau", "Responsable de l'unité planification",
                  "nathalie.moreau@loir-et-cher.gouv.fr", "02 54 55 73 50"),
        elu=("François Dumont", "Maire"),
        contact=("Élodie Barbier", "e.barbier@romorantin.fr", "02 54 94 41 00"),
        mairie_adresse=["Hôtel de ville", "Place de la Paix", "41200 Romorantin-Lanthenay"],
        partenaires="Région Centre-Val de Loire, Banque des Territoires",
        echelle="site",
        secteur="Le site de l'ancienne usine Matra et les bords de la Sauldre",
        intitule="Romorantin : le site Matra, trait d'union entre gare et centre",
        thematiques=["friches", "mobilites", "economie_ess"],
        programmes=["action_coeur_de_ville", "territoires_d_industrie"],
        description="L'ancienne usine automobile Matra occupe un vaste secteur entre la gare "
                    "et le centre-ville, le long de la Sauldre. Une partie accueille un "
                    "musée et des équipements mais de nombreuses halles restent vacantes. La "
                    "ville veut achever la reconversion du site et mieux le relier à la gare.",
        objectifs="Programmer les halles vacantes ; relier la gare au centre à pied et à "
                  "vélo ; accueillir des activités productives.",
        attendus="Un plan-guide du site et une stratégie de programmation.",
        calendrier="Premier semestre 2027.",
        documents="PLU ; étude de programmation des halles Matra (2023) ; PPRI de la Sauldre ; "
                  "convention Action cœur de ville.",
        acteurs="Communauté de communes, SNCF, entreprises du site, Région, CCI de "
                "Loir-et-Cher.",
        moyens="Salle de la Fabrique Normant ; repas.",
        annexe1="Romorantin-Lanthenay compte {population} habitants.\nL'industrie a "
                "fortement reculé depuis la fermeture de l'usine en 2003.\nLe centre ancien "
                "conserve un patrimoine de qualité le long de la Sauldre.",
        annexe2="La ville est engagée dans Action cœur de ville et Territoires d'industrie. "
                "{epci_nom} élabore son PLUi.",
        lieu="Romorantin-Lanthenay", date="2026-03-12",
        prefet=("Le préfet,", "Maxime Berthelot"), prefecture_ville="Blois",
        prefet_addressee=["Monsieur le Directeur régional de l'environnement,",
                          "de l'aménagement et du logement Centre-Val de Loire",
                          "DREAL Centre-Val de Loire", "5 avenue Buffon – CS 96407",
                          "45064 Orléans Cedex 2"],
        prefet_salutation="Monsieur le Directeur régional,",
        letter_dates=("2026-03-06", "2026-03-18"),
        layouts=("mairie_gauche", "prefecture"),
        prefet_style={"sig_align": "right"},
    ),
    dict(
        key="digne", dep="04", porteuse=("commune", "Digne-les-Bains"),
        coll_nom="Commune de Digne-les-Bains", communes=["Digne-les-Bains"],
        epci_ecrit="Provence Alpes Agglomération",
        dep_ecrit="Alpes-de-Haute-Provence (04)",
        region_ecrite="Provence-Alpes-Côte d'Azur",
        etat_service="DDT des Alpes-de-Haute-Provence",
        referent=("Sylvain Reynaud", "Chef du service aménagement et risques",
                  "sylvain.reynaud@alpes-de-haute-provence.gouv.fr", "04 92 30 55 00"),
        elu=("Isabelle Garcin", "Première adjointe au maire"),
        contact=("Laure Michel", "l.michel@dignelesbains.fr", "04 92 30 52 00"),
        mairie_adresse=["Place du Général de Gaulle", "04000 Digne-les-Bains"],
        partenaires="UNESCO Géoparc de Haute-Provence",
        echelle="communale",
        secteur="Les berges de la Bléone et le quartier thermal",
        intitule="Digne-les-Bains : une ville thermale tournée vers la Bléone",
        thematiques=["risques", "ecosystemes", "revitalisation_centre"],
        programmes=["action_coeur_de_ville"],
        description="La Bléone, rivière torrentielle, longe le centre de Digne-les-Bains sans "
                    "que la ville s'y ouvre. Le quartier thermal est éloigné du centre. La "
                    "commune veut reconquérir les berges en intégrant le risque de crue.",
        objectifs=None, attendus=None, calendrier=None,
        documents="PPRN ; PLU ; plan de gestion de la Bléone.",
        acteurs="Agglomération, SMAB, Géoparc, établissement thermal.",
        moyens="Salle du centre culturel René-Char.",
        annexe1="Digne-les-Bains compte {population} habitants.\nPréfecture du département, "
                "la ville concentre les emplois administratifs.\nLe thermalisme et le "
                "tourisme géologique sont des atouts.",
        annexe2="La ville est engagée dans Action cœur de ville. {epci_nom} élabore son PLUi.",
        lieu="Digne-les-Bains", date="2026-07-07",
        maire="Isabelle GARCIN", coll_slug="autre",
        coll_quality=["Pour le Maire empêché,", "la Première adjointe,"],
        prefet=("La préfète,", "Hélène Castellan"), prefecture_ville="Digne-les-Bains",
        letter_dates=("2026-07-02", "2026-07-10"),
        layouts=("colonne", "prefecture_droite"),
        coll_style={"sig_align": "centre", "sidebar": [
            ("Le Maire", ["Patrick Roux"]),
            ("Les adjoints", ["Isabelle Garcin", "Marc Aubert", "Sandrine Pellegrin"]),
            ("Services municipaux", ["Urbanisme", "Environnement", "Thermes"]),
        ]},
    ),
    dict(
        key="grand_annecy", dep="74", porteuse=("epci", "200066793"),
        coll_nom="Communauté d'agglomération du Grand Annecy",
        communes=["Annecy", "Cran-Gevrier", "Poisy"],
        epci_ecrit="Grand Annecy",
        dep_ecrit="Haute-Savoie (74)", region_ecrite="Auvergne-Rhône-Alpes",
        etat_service="DDT de la Haute-Savoie",
        referent=("Antoine Favre", "Chef du service aménagement et urbanisme",
                  "antoine.favre@haute-savoie.gouv.fr", "04 50 33 78 00"),
        elu=("Christiane Bouvier", "Présidente"),
        contact=("Romain Duret", "r.duret@grandannecy.fr", "04 50 63 48 48"),
        mairie_adresse=["46 avenue des Îles", "74000 Annecy"],
        partenaires="Syndicat mixte du lac d'Annecy, SIBRA",
        echelle="intercommunale",
        secteur="La vallée du Thiou et de la Deûle, des anciennes papeteries au Fier",
        intitule="La vallée industrielle du Thiou : un corridor vert et productif",
        thematiques=["friches", "ecosystemes", "mobilites"],
        programmes=["territoires_d_industrie"],
        description="La vallée du Thiou concentre d'anciennes papeteries et des zones "
                    "d'activités vieillissantes. La pression foncière est très forte dans "
                    "l'agglomération. Le Grand Annecy veut y concilier activités "
                    "productives, continuités écologiques et mobilités douces.",
        objectifs="Densifier les zones d'activités ; restaurer les continuités "
                  "écologiques ; aménager une voie verte le long du Thiou.",
        attendus="Un schéma d'aménagement de la vallée et des fiches actions.",
        calendrier="Hiver 2026-2027.",
        documents="PLUi-HMB du Grand Annecy ; SCoT du bassin annécien ; étude des zones "
                  "d'activités (2024).",
        acteurs="Communes, entreprises, SILA, Département, Fédération de pêche.",
        moyens="Salle du conseil communautaire ; navettes.",
        annexe1="L'agglomération compte plus de 200 000 habitants, dont {population} à "
                "Annecy.\nLe foncier économique est rare et cher.\nLes milieux aquatiques "
                "sont fragiles.",
        annexe2="{epci_nom} a approuvé son PLUi-HMB. Le territoire est inscrit dans "
                "Territoires d'industrie.",
        lieu="Annecy", date="2026-11-18",
        maire="Christiane BOUVIER", coll_slug="president_epci",
        coll_quality=["La Présidente,"],
        prefet=("Le préfet,", "Frédéric Mollard"), prefecture_ville="Annecy",
        letter_dates=("2026-11-12", "2026-11-24"),
        layouts=("bandeau", "prefecture_droite"),
        prefet_style={"stamp": "Préfecture de la Haute-Savoie * Cabinet *|RF",
                      "stamp_overlap": True, "sig_align": "right"},
    ),
    dict(
        key="sada", dep="976", porteuse=("commune", "Sada"),
        coll_nom="Commune de Sada", communes=["Sada"],
        epci_ecrit="Communauté de communes du Centre-Ouest",
        dep_ecrit="Mayotte (976)", region_ecrite="Mayotte",
        etat_service="DEAL de Mayotte",
        referent=("Kamal Abdou", "Chef de l'unité aménagement du territoire",
                  "kamal.abdou@developpement-durable.gouv.fr", "0269 61 12 54"),
        elu=("Zaïnaba Ahmed", "Maire"),
        contact=("Nadjim Soilihi", "n.soilihi@mairie-sada.yt", "0269 62 15 40"),
        mairie_adresse=["Place de la Mairie", "97640 Sada"],
        partenaires="Conservatoire du littoral, EPFAM",
        echelle="communale",
        secteur="Le village de Sada, son front de mer et les pentes urbanisées au-dessus",
        intitule="Sada : un village de bord de mer face à la croissance et aux risques",
        thematiques=["logement", "risques", "mobilites"],
        programmes=["petites_villes_de_demain"],
        description="Sada connaît une croissance démographique très rapide. L'habitat "
                    "informel gagne les pentes exposées aux glissements de terrain, tandis "
                    "que le front de mer subit l'érosion. La commune veut organiser sa "
                    "croissance autour du village.",
        objectifs="Organiser l'accueil de la croissance ; protéger le front de mer ; "
                  "améliorer les déplacements vers Mamoudzou.",
        attendus="Un schéma de développement du village et une feuille de route.",
        calendrier="Saison sèche 2026 (juillet à octobre).",
        documents="PLU ; PPRN de Sada ; étude de résorption de l'habitat insalubre (2024).",
        acteurs="EPFAM, Département de Mayotte, Conservatoire du littoral, associations "
                "de quartier, pêcheurs.",
        moyens="Salle de la mairie ; restauration.",
        annexe1="Sada compte {population} habitants ; plus de la moitié a moins de 20 ans.\n"
                "L'habitat informel représente une part importante des logements.\nLe lagon "
                "et la mangrove sont des milieux remarquables.",
        annexe2="La commune est lauréate Petites villes de demain. {epci_nom} élabore son "
                "PLUi.",
        lieu="Sada", date="2026-08-10",
        maire="Zaïnaba AHMED",
        prefet=("Le préfet,", "Antoine Poussier"), prefecture_ville="Mamoudzou",
        letter_dates=("2026-08-05", None),
        layouts=("logo_droite", "prefecture"),
        coll_style={"stamp": "Commune de Sada * Mayotte *|Le Maire",
                    "stamp_overlap": True, "sig_align": "right"},
    ),
    dict(
        key="chateau_gontier", dep="53", porteuse=("commune", "Château-Gontier-sur-Mayenne"),
        coll_nom="Commune de Château-Gontier-sur-Mayenne",
        communes=["Château-Gontier-sur-Mayenne"],
        epci_ecrit="Communauté de communes du Pays de Château-Gontier",
        dep_ecrit="Mayenne (53)", region_ecrite="Pays de la Loire",
        etat_service="DDT de la Mayenne",
        referent=("Pauline Gaudin", "Chargée de mission revitalisation",
                  "pauline.gaudin@mayenne.gouv.fr", "02 43 67 88 00"),
        elu=("Jean-Luc Brochard", "Maire"),
        contact=("Anthony Lebreton", "a.lebreton@chateaugontier.fr", "02 43 09 55 55"),
        mairie_adresse=["Hôtel de ville", "23 place de la République",
                        "53200 Château-Gontier-sur-Mayenne", "Tél. 02 43 09 55 55"],
        partenaires="CAUE de la Mayenne",
        echelle="site",
        secteur="Les quais de la Mayenne et le quartier du Pressoir",
        intitule="Les quais de la Mayenne, une rivière au cœur de la ville",
        thematiques=["revitalisation_centre", "mobilites", "patrimoine"],
        programmes=["petites_villes_de_demain"],
        description="Les quais de la Mayenne sont occupés par le stationnement et coupés du "
                    "centre par la circulation. La commune veut rendre la rivière aux "
                    "habitants et relier les deux rives.",
        objectifs="Reconquérir les quais ; apaiser la circulation ; relier les rives.",
        attendus="Un plan-guide des quais et une programmation des espaces publics.",
        calendrier="Printemps 2027.",
        documents="PLUi du Pays de Château-Gontier ; étude de circulation (2024).",
        acteurs="Communauté de communes, Département, commerçants, clubs nautiques.",
        moyens="Salle du Refuge ; repas.",
        annexe1="La commune nouvelle compte {population} habitants.\nL'agroalimentaire "
                "domine l'emploi.\nLe centre-ville conserve un commerce actif.",
        annexe2="La commune est lauréate Petites villes de demain. {epci_nom} a approuvé "
                "son PLUi.",
        lieu="Château-Gontier-sur-Mayenne", date="2026-05-19",
        maire="Jean-Luc BROCHARD",
        prefet=("La préfète,", "Nathalie Guérin"), prefecture_ville="Laval",
        letter_dates=("2026-05-12", "2026-05-26"),
        layouts=("sans_logo", "prefecture_droite"),
        coll_style={"stamp": "Commune de Château-Gontier-sur-Mayenne * Mayenne *|Le Maire",
                    "stamp_overlap": True, "sig_align": "centre"},
        prefet_style={"sig_align": "right", "sig_position": "below"},
        prefet_more=[
            "Le territoire du Pays de Château-Gontier a engagé depuis plusieurs années une "
            "politique volontariste de revitalisation de son centre-ville, dans le cadre du "
            "programme Petites villes de demain. Les études déjà conduites sur la "
            "circulation et le stationnement fournissent une base solide pour les travaux "
            "de l'Atelier, qui pourra s'appuyer sur une connaissance fine des usages des "
            "quais et des flux de transit.",
            "La reconquête des berges de la Mayenne répond en outre aux objectifs de "
            "renaturation et d'adaptation au changement climatique portés par l'État dans "
            "le département : désimperméabilisation des sols, îlots de fraîcheur, "
            "continuités écologiques le long de la rivière. Elle s'articule avec le plan de "
            "prévention du risque inondation, dont les prescriptions devront être intégrées "
            "dès l'amont de la réflexion.",
            "Enfin, la démarche associera étroitement les habitants, les commerçants et les "
            "associations d'usagers de la rivière, dont la mobilisation lors des précédentes "
            "concertations a été remarquable. Les services de l'État veilleront à ce que les "
            "conclusions de l'Atelier puissent être rapidement traduites dans les documents "
            "de planification et dans la programmation des investissements publics.",
        ],
    ),
]
