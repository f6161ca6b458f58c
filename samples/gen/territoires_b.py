"""Territory profiles, part 2: what each candidate writes (French content, fictional people)."""

from __future__ import annotations

PROFILES_B = [
    dict(
        key="redon", dep="35", porteuse=("commune", "Redon"),
        coll_nom="Ville de Redon", communes=["Redon"],
        epci_ecrit="Redon Agglomération",
        dep_ecrit="Ille-et-Vilaine", region_ecrite="Bretagne",
        etat_service="DDTM d'Ille-et-Vilaine",
        referent=("Julien Hamon", "Adjoint au chef du service urbanisme et habitat",
                  "julien.hamon@ille-et-vilaine.gouv.fr", "02 90 02 33 87"),
        elu=("Martine Guillo", "Adjointe au maire chargée de l'urbanisme et des mobilités"),
        contact=("Kévin Jouan", "K.Jouan@redon.fr", "02 99 71 05 27"),
        mairie_adresse=["Place Saint-Sauveur", "35600 Redon"],
        partenaires="Région Bretagne, SNCF Gares & Connexions",
        echelle="site",
        secteur="Le quartier de la gare et le port de plaisance, entre le canal de Nantes à "
                "Brest et la Vilaine",
        intitule="Redon, ville-carrefour : le quartier gare-port comme trait d'union",
        thematiques=["mobilites", "revitalisation_centre", "risques"],
        programmes=["action_coeur_de_ville"],
        description="Redon est un nœud ferroviaire et fluvial à la confluence de trois "
                    "départements. Le quartier de la gare est coupé du port et du centre "
                    "historique par les infrastructures et les emprises ferroviaires. Le "
                    "secteur est par ailleurs exposé aux crues de la Vilaine et de l'Oust.",
        objectifs="Améliorer les liaisons entre la gare, le port et le centre ; valoriser les "
                  "emprises ferroviaires délaissées ; concevoir des aménagements adaptés au "
                  "risque inondation.",
        attendus="Un plan-guide du quartier gare-port et une feuille de route d'actions "
                 "priorisées, partagée avec Redon Agglomération et la SNCF.",
        calendrier="Démarrage souhaité : mars 2027.",
        documents="PLU de Redon ; PPRI de la Vilaine ; pôle d'échanges multimodal (étude 2021) ; "
                  "convention Action cœur de ville et ORT.",
        acteurs="Redon Agglomération, SNCF Réseau et Gares & Connexions, Voies navigables "
                "(Région Bretagne), EPTB Vilaine, commerçants du quartier de la gare.",
        moyens="Salle de la Maison de l'économie ; déjeuners sur place.",
        annexe1="Redon compte {population} habitants et polarise un bassin de vie de près de "
                "70 000 habitants.\nL'emploi industriel (équipementiers, agroalimentaire) "
                "reste important.\nLe centre-ville connaît une vacance commerciale "
                "modérée mais des logements dégradés.\nLes marais de Vilaine constituent "
                "un ensemble naturel majeur.",
        annexe2="Redon bénéficie du programme Action cœur de ville depuis 2018 et d'une ORT. "
                "{epci_nom} élabore son PLUi. Le pôle d'échanges multimodal de la gare a "
                "été réaménagé en 2022.",
        lieu="Redon", date="2026-11-11",
        maire="Pascal DUCHÊNE",
        prefet=("Le préfet,", "Étienne Marchal"), prefecture_ville="Rennes",
        letter_dates=("2026-11-09", "2026-11-23"),
        layouts=("centre", "prefecture"),
    ),
    dict(
        key="saint_flour", dep="15", porteuse=("commune", "Saint-Flour"),
        coll_nom="Commune de Saint-Flour", communes=["Saint-Flour"],
        epci_ecrit="Saint-Flour Communauté",
        dep_ecrit="Cantal (15)", region_ecrite="Auvergne-Rhône-Alpes",
        etat_service="DDT du Cantal",
        referent=("Aurélie Vidal", "Cheffe du service territoires et aménagement",
                  "aurelie.vidal@cantal.gouv.fr", "04 63 27 66 00"),
        elu=("Bernard Rouquette", "Maire"),
        contact=("Lucie Chassang", "l.chassang@saint-flour.fr", "04 71 60 32 00"),
        mairie_adresse=["Place d'Armes", "15100 Saint-Flour"],
        partenaires=None,
        echelle="communale",
        secteur="La ville haute sur son éperon basaltique et le faubourg de la ville basse",
        intitule="Relier ville haute et ville basse à Saint-Flour",
        thematiques=["revitalisation_centre", "mobilites", "patrimoine"],
        programmes=["action_coeur_de_ville"],
        description="Saint-Flour est organisée en deux entités séparées par un dénivelé de "
                    "près de 100 mètres : la ville haute, historique et administrative, et la "
                    "ville basse, commerciale et résidentielle. La ville haute se dépeuple "
                    "et les liaisons entre les deux pôles restent difficiles pour les "
                    "piétons.",
        objectifs="Renforcer l'attractivité résidentielle de la ville haute ; améliorer les "
                  "liaisons piétonnes et cyclables entre les deux pôles ; mettre en valeur "
                  "les remparts.",
        attendus="Une stratégie de liaison ville haute-ville basse, des scénarios "
                 "d'aménagement et une feuille de route pour la convention Action cœur de "
                 "ville.",
        calendrier="Été 2027 ou automne 2027.",
        documents="PLU ; site patrimonial remarquable de la ville haute ; étude mobilités "
                  "douces (2023) ; convention ACV.",
        acteurs="Saint-Flour Communauté, Département du Cantal, ABF, associations de "
                "commerçants, lycées de la ville.",
        moyens="Salle des États et restauration au lycée hôtelier.",
        annexe1="Saint-Flour compte {population} habitants. La population est stable mais "
                "vieillit.\nL'économie est tournée vers les services, le commerce et "
                "l'agriculture de montagne.\nLa ville haute compte de nombreux logements "
                "vacants.",
        annexe2="La commune est engagée dans le programme Action cœur de ville. Un site "
                "patrimonial remarquable couvre la ville haute. {epci_nom} a lancé "
                "l'élaboration de son PLUi.",
        lieu="Saint-Flour", date="2026-12-02",
        prefet=("La préfète,", "Sandrine Poujol"), prefecture_ville="Aurillac",
        letter_dates=("2026-11-26", "2026-12-04"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="guingamp", dep="22", porteuse=("commune", "Guingamp"),
        coll_nom="Ville de Guingamp", communes=["Guingamp"],
        epci_ecrit="Guingamp-Paimpol Agglomération",
        dep_ecrit="Côtes-d'Armor (22)", region_ecrite="Bretagne",
        etat_service="DDTM des Côtes-d'Armor",
        referent=("Morgane Le Floch", "Chargée d'études aménagement",
                  "morgane.le-floch@cotes-darmor.gouv.fr", "02 96 62 44 00"),
        elu=("Philippe Le Goff", "Maire"),
        contact=("Arnaud Cadiou", "a.cadiou@ville-guingamp.fr", "02 96 40 64 40"),
        mairie_adresse=["1 place du Champ au Roy", "22200 Guingamp"],
        partenaires="En Avant Guingamp (club de football), Lycée Notre-Dame",
        echelle="communale",
        secteur="Le centre historique et le quartier de Castel-Pic",
        intitule="Guingamp : adapter l'offre de logements du centre historique",
        thematiques=["logement", "revitalisation_centre"],
        programmes=["action_coeur_de_ville"],
        description="Le centre historique de Guingamp compte de nombreux logements vacants "
                    "ou inadaptés (petites surfaces, absence d'extérieurs, étages au-dessus "
                    "des commerces inaccessibles). Les familles s'installent en périphérie. "
                    "La ville souhaite diversifier l'offre de logements en centre-ville.",
        objectifs="Comprendre les freins au retour des familles en centre-ville ; identifier "
                  "les immeubles mobilisables ; proposer des formes d'habitat attractives.",
        attendus="Un diagnostic habitat partagé, des scénarios d'intervention sur quatre "
                 "îlots et une feuille de route.",
        calendrier="Premier semestre 2027.",
        documents="PLU ; PLH de Guingamp-Paimpol Agglomération ; étude OPAH-RU ; "
                  "convention ACV.",
        acteurs="Guingamp-Paimpol Agglomération, Terres d'Armor Habitat, ADIL 22, "
                "propriétaires bailleurs, agences immobilières.",
        moyens="Salle de l'hôtel de ville et repas.",
        annexe1="Guingamp compte {population} habitants et constitue le pôle urbain de "
                "l'Argoat.\nL'agroalimentaire est le premier employeur.\nLa vacance des "
                "logements atteint 14 % en centre-ville.",
        annexe2="La ville est engagée dans Action cœur de ville depuis 2018. {epci_nom} "
                "porte le PLH 2024-2029. Une OPAH-RU est en cours.",
        lieu="Guingamp", date="2026-01-22",
        letter_dates=("2026-01-19", None),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="saint_claude", dep="39", porteuse=("commune", "Saint-Claude"),
        coll_nom="Commune de Saint-Claude", communes=["Saint-Claude"],
        epci_ecrit="Communauté de communes Haut-Jura Saint-Claude",
        dep_ecrit="Jura", region_ecrite="Bourgogne-Franche-Comté",
        etat_service="DDT du Jura",
        referent=("Vincent Girod", "Chef de la cellule planification",
                  "vincent.girod@jura.gouv.fr", "03 84 86 80 00"),
        elu=("Dominique Grenard", "Maire"),
        contact=("Nadia Benali", "nadia.benali@mairie-saint-claude.fr", "03 84 41 42 62"),
        mairie_adresse=["Place du 9 Avril 1944", "39200 Saint-Claude"],
        partenaires="Parc naturel régional du Haut-Jura",
        echelle="site",
        secteur="Les friches industrielles de la vallée du Tacon (anciennes fabriques de "
                "pipes et de diamants)",
        intitule="Saint-Claude : réinvestir les friches industrielles de la vallée du Tacon",
        thematiques=["friches", "economie_ess"],
        programmes=["petites_villes_de_demain", "territoires_d_industrie"],
        description="Saint-Claude conserve de nombreux bâtiments industriels liés à la pipe, "
                    "au diamant et à la plasturgie, dont plusieurs sont aujourd'hui vacants "
                    "dans la vallée du Tacon. La commune souhaite y accueillir de nouvelles "
                    "activités productives et des projets de l'économie sociale et solidaire.",
        objectifs="Recenser les friches et leur potentiel ; définir une stratégie de "
                  "reconversion ; associer les entreprises et les acteurs de l'ESS.",
        attendus="Une stratégie de reconversion des friches et des fiches projets pour "
                 "trois sites.",
        calendrier="Démarrage à l'automne 2026.",
        documents=None, acteurs=None, moyens=None,
        annexe1="Saint-Claude compte {population} habitants et a perdu près d'un tiers de sa "
                "population depuis 1975.\nL'industrie reste le premier secteur d'emploi.\nLa "
                "topographie contraint fortement le développement urbain.",
        annexe2="La commune est lauréate Petites villes de demain et le territoire est "
                "inscrit dans Territoires d'industrie. {epci_nom} a approuvé son PLUi en 2022.",
        lieu="Saint-Claude", date="2026-05-06",
        prefet=("Le préfet,", "Laurent Bertin"), prefecture_ville="Lons-le-Saunier",
        letter_dates=("2026-04-30", "2026-05-12"),
        layouts=("centre", "prefecture"),
    ),
    dict(
        key="saint_gaudens", dep="31", porteuse=("commune", "Saint-Gaudens"),
        coll_nom="Commune de Saint-Gaudens", communes=["Saint-Gaudens"],
        epci_ecrit="Cœur et Coteaux du Comminges",
        dep_ecrit="Haute-Garonne (31)", region_ecrite="Occitanie",
        etat_service="DDT de la Haute-Garonne",
        referent=("Émilie Sabatier", "Déléguée territoriale du Comminges",
                  "emilie.sabatier@haute-garonne.gouv.fr", "05 61 94 67 00"),
        elu=("Jean-Yves Duclos", "Maire"),
        contact=("Cédric Abadie", "c.abadie@stgo.fr", "05 61 94 78 00"),
        mairie_adresse=["Place du Maréchal Foch", "31800 Saint-Gaudens"],
        partenaires="Pays Comminges Pyrénées",
        echelle="communale",
        secteur="Le boulevard des Pyrénées, le centre-ville et les berges de la Garonne",
        intitule="Saint-Gaudens, balcon des Pyrénées : un centre-ville tourné vers la Garonne",
        thematiques=["revitalisation_centre", "ecosystemes", "mobilites"],
        programmes=["petites_villes_de_demain"],
        description="Perchée sur sa terrasse au-dessus de la Garonne, Saint-Gaudens tourne le "
                    "dos au fleuve. Le centre-ville souffre de la concurrence des zones "
                    "commerciales de périphérie. La commune souhaite renouer avec la Garonne "
                    "et redonner de l'attractivité au centre.",
        objectifs="Relier le centre-ville aux berges de la Garonne ; renforcer l'attractivité "
                  "commerciale ; développer les mobilités actives.",
        attendus="Un plan-guide centre-ville/Garonne et une feuille de route d'actions.",
        calendrier="Démarrage souhaité début 2027.",
        documents="PLU ; SCoT Pyrénées Comminges ; étude de revitalisation commerciale ; "
                  "plan de gestion des berges de la Garonne.",
        acteurs="Communauté de communes, Pays Comminges Pyrénées, SMEAG, commerçants, "
                "associations de randonnée et de pêche.",
        moyens="Salle du conseil municipal ; repas pris en charge par la commune.",
        annexe1="Saint-Gaudens compte {population} habitants et constitue la ville-centre "
                "du Comminges.\nL'emploi est porté par l'industrie papetière, l'hôpital et "
                "les services.\nLe parc de logements du centre est ancien.",
        annexe2="La commune est lauréate Petites villes de demain. {epci_nom} regroupe plus "
                "de cent communes et élabore un PLUi. Le SCoT Pyrénées Comminges a été "
                "approuvé en 2019.",
        lieu="Saint-Gaudens", date="2026-03-30",
        prefet=("Pour le préfet et par délégation,", "le secrétaire général,", "Romain Lacaze"),
        prefet_slug="autre", prefecture_ville="Toulouse",
        letter_dates=("2026-03-24", "2026-04-03"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="sud_corse", dep="2A", porteuse=("epci", "200040764"),
        coll_nom="Communauté de communes du Sud Corse",
        communes=["Porto-Vecchio", "Bonifacio", "Lecci"],
        epci_ecrit="Communauté de communes du Sud Corse",
        dep_ecrit="2A – Corse-du-Sud", region_ecrite="Corse",
        etat_service="DDTM de la Corse-du-Sud",
        referent=("Paul-Antoine Leca", "Chef du service risques, eau et forêt",
                  "paul-antoine.leca@corse-du-sud.gouv.fr", "04 95 29 09 09"),
        elu=("Jean-Christophe Istria", "Président"),
        contact=("Carole Tomasi", "c.tomasi@cc-sudcorse.fr", "04 95 72 92 30"),
        mairie_adresse=["Route de Bonifacio", "20137 Porto-Vecchio"],
        partenaires="Conservatoire du littoral, Office de l'environnement de la Corse",
        echelle="intercommunale",
        secteur="Le littoral de Lecci à Bonifacio, les plages et leurs arrière-plages",
        intitule="Un littoral vivant face à l'érosion et à la fréquentation touristique",
        thematiques=["risques", "ecosystemes", "mobilites"],
        programmes=[],
        description="Le littoral du Sud Corse accueille chaque été une fréquentation très "
                    "importante qui dégrade les milieux dunaires et sature les accès aux "
                    "plages. L'érosion côtière menace déjà certains équipements. Les "
                    "communes souhaitent une stratégie commune d'aménagement et de "
                    "gestion des sites.",
        objectifs="Organiser l'accueil du public sur les plages ; anticiper le recul du "
                  "trait de côte ; développer des alternatives à la voiture l'été.",
        attendus="Une stratégie intercommunale du littoral et des fiches actions par site.",
        calendrier="Hors saison estivale : octobre 2026 à mars 2027.",
        documents="PADDUC ; PLU de Porto-Vecchio et de Bonifacio ; carte communale de Lecci ; "
                  "étude de fréquentation des plages (2024).",
        acteurs="Communes de Porto-Vecchio, Bonifacio et Lecci, Conservatoire du littoral, "
                "Office de l'environnement de la Corse, Collectivité de Corse, "
                "professionnels du tourisme.",
        moyens="Salle du conseil communautaire et navettes pour les visites de site.",
        annexe1="Le territoire compte plus de 22 000 habitants à l'année, dont {population} "
                "à Porto-Vecchio, et voit sa population multipliée par quatre l'été.\n"
                "L'économie est dominée par le tourisme et le bâtiment.\nLe littoral abrite "
                "des milieux remarquables (dunes, étangs, herbiers de posidonie).",
        annexe2="Le PADDUC encadre l'aménagement du littoral. {epci_nom} a engagé une "
                "stratégie locale de gestion de la bande côtière. Plusieurs sites sont "
                "propriété du Conservatoire du littoral.",
        lieu="Porto-Vecchio", date="2026-08-28",
        maire="Jean-Christophe ISTRIA", coll_slug="president_epci",
        coll_quality=["Le Président de la Communauté de communes,"],
        prefet=("La préfète,", "Anne-Laure Ferracci"), prefecture_ville="Ajaccio",
        prefet_addressee=["Monsieur le Directeur général délégué",
                          "Agence nationale de la cohésion des territoires (ANCT)",
                          "20 avenue de Ségur", "75007 Paris"],
        prefet_salutation="Monsieur le Directeur général délégué,",
        letter_dates=("2026-08-20", "2026-09-02"),
        layouts=("bandeau", "prefecture"),
    ),
    dict(
        key="gorges_du_tarn", dep="48", porteuse=("commune", "Gorges du Tarn Causses"),
        coll_nom="Commune de Gorges du Tarn Causses",
        communes=["Sainte-Enimie"],
        epci_ecrit="CC Gorges Causses Cévennes",
        dep_ecrit="Lozère (48)", region_ecrite="Occitanie",
        etat_service="DDT de la Lozère",
        referent=("Florence Pantel", "Chargée de mission sites classés et paysages",
                  "florence.pantel@lozere.gouv.fr", "04 66 49 41 00"),
        elu=("Alain Boissonnade", "Maire"),
        contact=("Mélanie Rouvière", "mairie@gorgesdutarncausses.fr", "04 66 48 50 09"),
        mairie_adresse=["Place du Beffroi", "Sainte-Enimie", "48210 Gorges du Tarn Causses"],
        partenaires="Grand Site de France Gorges du Tarn, de la Jonte et des Causses",
        echelle="site",
        secteur="Le village de Sainte-Enimie, ses berges du Tarn et ses parkings saisonniers",
        intitule="Sainte-Enimie : accueillir sans abîmer",
        thematiques=["patrimoine", "mobilites", "ecosystemes"],
        programmes=["villages_d_avenir"],
        description="Le village classé de Sainte-Enimie reçoit plusieurs centaines de "
                    "milliers de visiteurs chaque été. Le stationnement envahit les berges "
                    "du Tarn et la vie des habitants à l'année devient difficile. La commune "
                    "souhaite repenser l'accueil des visiteurs.",
        objectifs="Organiser le stationnement et les circulations ; protéger les berges ; "
                  "conforter la vie à l'année.",
        attendus="Un plan d'organisation des flux et des principes d'aménagement des berges.",
        calendrier="Hiver 2026-2027.",
        documents="Carte communale ; plan de gestion du Grand Site ; site classé des gorges "
                  "du Tarn ; étude de fréquentation (2023).",
        acteurs="Syndicat mixte du Grand Site, communauté de communes, Département, "
                "loueurs de canoës, commerçants.",
        moyens="Salle communale de Sainte-Enimie.",
        annexe1="La commune nouvelle compte {population} habitants à l'année.\nLe tourisme "
                "est la principale activité économique.\nLe paysage des gorges est "
                "exceptionnel et protégé.",
        annexe2="La commune est lauréate Villages d'avenir. Le Grand Site de France porte un "
                "plan de gestion. {epci_nom} étudie un PLUi.",
        lieu="Sainte-Enimie", date="2026-12-15",
        prefet=("Le préfet,", "Philippe Courtial"), prefecture_ville="Mende",
        letter_dates=("2026-12-10", "2026-12-18"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="quimperle", dep="29", porteuse=("commune", "Quimperlé"),
        coll_nom="Ville de Quimperlé", communes=["Quimperlé"],
        epci_ecrit="Quimperlé Communauté",
        dep_ecrit="Finistère (29)", region_ecrite="Bretagne",
        etat_service="DDTM du Finistère",
        referent=("Tristan Le Meur", "Chef de l'unité territoriale Sud-Finistère",
                  "tristan.le-meur@finistere.gouv.fr", "02 98 76 59 10"),
        elu=("Soazig Cariou", "Maire"),
        contact=("Brendan Le Gall", "b.legall@ville-quimperle.fr", "02 98 96 37 37"),
        mairie_adresse=["32 rue de Pont-Aven", "29300 Quimperlé"],
        partenaires=None,
        echelle="communale",
        secteur="La basse-ville à la confluence de l'Isole et de l'Ellé",
        intitule="Vivre avec l'eau dans la basse-ville de Quimperlé",
        thematiques=["risques", "revitalisation_centre"],
        programmes=["petites_villes_de_demain"],
        description="La basse-ville de Quimperlé, au confluent de l'Isole et de l'Ellé, est "
                    "régulièrement inondée. Les commerces peinent à se maintenir après chaque "
                    "crue. La ville veut adapter ce quartier historique au risque plutôt que "
                    "le laisser se vider.",
        objectifs="Adapter le bâti et les espaces publics au risque ; maintenir les commerces ; "
                  "retrouver une relation apaisée à la rivière.",
        attendus="Une stratégie de résilience de la basse-ville et un programme d'actions.",
        calendrier="Printemps 2027.",
        documents="PLU ; PPRI de Quimperlé ; PAPI Laïta ; étude de vulnérabilité du bâti.",
        acteurs="Quimperlé Communauté, syndicat mixte Ellé-Isole-Laïta, commerçants, "
                "assureurs, habitants.",
        moyens="Salle du Présidial ; repas.",
        annexe1="Quimperlé compte {population} habitants.\nL'économie repose sur l'industrie "
                "papetière, l'agroalimentaire et le commerce.\nLa basse-ville concentre "
                "le patrimoine et les commerces.",
        annexe2="La ville est lauréate Petites villes de demain. {epci_nom} porte le PAPI de "
                "la Laïta.",
        lieu="Quimperlé", date="2026-10-21",
        prefet=("Le préfet,", "Gilles Kermarrec"), prefecture_ville="Vannes",
        prefet_dep="56",
        letter_dates=("2026-10-15", "2026-10-26"),
        layouts=("centre", "prefecture"),
    ),
]
