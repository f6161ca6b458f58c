"""Territory profiles, part 1: what each candidate writes (French content, fictional people)."""

from __future__ import annotations

PROFILES_A = [
    dict(
        key="combourg", dep="35", porteuse=("commune", "Combourg"),
        coll_nom="Commune de Combourg", communes=["Combourg"],
        epci_ecrit="Communauté de communes Bretagne Romantique",
        dep_ecrit="Ille-et-Vilaine (35)", region_ecrite="Bretagne",
        etat_service="DDTM d'Ille-et-Vilaine",
        referent=("Nolwenn Le Bihan", "Cheffe de l'unité aménagement et planification",
                  "Nolwenn.Le-Bihan@ille-et-vilaine.gouv.fr", "02 90 02 36 14"),
        elu=("Joël Le Besco", "Maire"),
        contact=("Gaëlle Texier", "g.texier@mairie-combourg.fr", "02 99 73 00 18"),
        mairie_adresse=["23 place Albert Parent", "35270 Combourg", "Tél. 02 99 73 00 18"],
        partenaires="Conseil d'architecture, d'urbanisme et de l'environnement (CAUE 35), "
                    "Banque des Territoires, Région Bretagne",
        echelle="communale",
        secteur="Le centre-bourg historique, du lac Tranquille à la place de la Mairie, "
                "y compris la rue des Princes et les abords du château",
        intitule="Combourg 2035 : un centre-bourg vivant entre lac et château",
        thematiques=["revitalisation_centre", "patrimoine", "mobilites"],
        programmes=["petites_villes_de_demain"],
        description="Le centre-bourg de Combourg concentre un patrimoine remarquable mais "
                    "connaît une vacance commerciale croissante (près de 14 % des cellules) et "
                    "une vacance résidentielle marquée dans le bâti ancien. La traversée du bourg "
                    "par la RD 795 génère un trafic de transit important qui pénalise les "
                    "déplacements à pied.\nLa commune souhaite définir une stratégie "
                    "d'ensemble avant d'engager les réaménagements des espaces publics "
                    "prévus dans sa convention Petites villes de demain.",
        objectifs="Partager un diagnostic sensible du centre-bourg avec les habitants et les "
                  "commerçants ; hiérarchiser les interventions sur les espaces publics ; "
                  "identifier des îlots prioritaires pour la reconquête des logements vacants.",
        attendus="Une esquisse de plan-guide du centre-bourg, une feuille de route priorisée "
                 "à cinq ans et des fiches actions pour trois sites pilotes.",
        calendrier="Démarrage souhaité en septembre 2026, restitution avant la fin de "
                   "l'année 2026.",
        documents="PLUi de la Bretagne Romantique approuvé en 2023 ; SCoT du Pays de Saint-Malo ; "
                  "étude de revitalisation commerciale (2024) ; diagnostic OPAH-RU en cours.",
        acteurs="Union des commerçants, association Combourg Patrimoine, bailleur social "
                "Néotoa, Département d'Ille-et-Vilaine (routes), Architecte des bâtiments "
                "de France.",
        moyens="Salle du conseil municipal et salle polyvalente du Lac ; repas de midi pris "
               "en charge par la commune lors des journées d'atelier.",
        annexe1="Démographie : la commune compte {population} habitants et gagne environ "
                "0,8 % d'habitants par an depuis 2015, portée par l'arrivée de jeunes ménages "
                "travaillant à Rennes ou Saint-Malo.\nÉconomie et emploi : Combourg est un "
                "pôle d'emplois de proximité (commerces, santé, agroalimentaire) au sein de "
                "{epci_nom}.\nHabitat : le parc ancien du centre est dégradé et 11 % des "
                "logements sont vacants, tandis que les lotissements périphériques continuent "
                "de s'étendre.\nEnvironnement : le lac Tranquille et la vallée du Linon "
                "constituent une trame bleue majeure, soumise à des pollutions diffuses.",
        annexe2="Le PLUi fixe un objectif de densification des centralités et protège le "
                "patrimoine bâti du centre. La commune est lauréate du programme Petites villes "
                "de demain depuis 2021 et une convention d'ORT a été signée en 2023. Le "
                "réaménagement de la place de la Mairie et la création d'une liaison douce "
                "vers la gare routière sont à l'étude.",
        lieu="Combourg", date="2026-03-12",
        prefet=("Le préfet,", "Étienne Marchal"), prefecture_ville="Rennes",
        letter_dates=("2026-03-05", "2026-03-16"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="carhaix", dep="29", porteuse=("commune", "Carhaix-Plouguer"),
        coll_nom="Ville de Carhaix-Plouguer", communes=["Carhaix-Plouguer"],
        epci_ecrit="Poher communauté",
        dep_ecrit="29 – Finistère", region_ecrite="Bretagne",
        etat_service="DDTM du Finistère",
        referent=("Yann Kerdraon", "Chargé de mission territorial Centre-Finistère",
                  "yann.kerdraon@finistere.gouv.fr", "02 98 76 52 31"),
        elu=("Anne-Sophie Guéguen", "Maire"),
        contact=("Erwan Le Roux", "Erwan.LeRoux@ville-carhaix.bzh", "02.98.99.33.40"),
        mairie_adresse=["Rue Ferdinand Lancien", "29270 Carhaix-Plouguer", "02 98 99 33 33"],
        partenaires=None,
        echelle="site",
        secteur="La friche de l'ancienne laiterie et le quartier de la gare, entre la voie "
                "ferrée et le boulevard de la République (environ 9 hectares)",
        intitule="De la laiterie à la gare : reconvertir une friche au cœur du Poher",
        thematiques=["friches", "mobilites", "economie_ess"],
        programmes=["petites_villes_de_demain", "territoires_d_industrie"],
        description="La fermeture de la laiterie en 2019 a laissé une friche de près de "
                    "4 hectares à 300 mètres du centre-ville, à proximité immédiate de la gare "
                    "dont la modernisation est engagée par la Région. Le site présente une "
                    "pollution des sols partiellement caractérisée et des bâtiments d'intérêt "
                    "industriel. La ville veut y accueillir un tiers-lieu productif, des "
                    "logements et un pôle d'échanges multimodal, sans concurrencer le commerce "
                    "du centre.",
        objectifs="Définir une programmation réaliste et phasée de la friche ; relier le "
                  "quartier de la gare au centre-ville ; associer les acteurs de l'économie "
                  "sociale et solidaire au projet.",
        attendus="Un schéma d'aménagement de principe, un phasage opérationnel et une "
                  "feuille de route identifiant les maîtrises d'ouvrage et les financements "
                  "mobilisables (fonds friches, Région, Europe).",
        calendrier="Démarrage souhaité : janvier 2027 ; durée de quatre à cinq mois.",
        documents="PLU de Carhaix-Plouguer (révision prescrite en 2025) ; SCoT du Pays du "
                  "Centre-Ouest Bretagne ; diagnostic de pollution phase 1 (2022) ; étude de "
                  "pôle d'échanges de la Région Bretagne.",
        acteurs="Poher communauté, Région Bretagne, SNCF Gares & Connexions, EPF Bretagne, "
                "CCI, coopérative d'activité et d'emploi locale, associations d'usagers du "
                "train.",
        moyens="Mise à disposition d'une salle à l'espace Glenmor et d'un local sur site ; "
               "restauration assurée par un traiteur local.",
        annexe1="Avec {population} habitants, Carhaix-Plouguer est la ville-centre du Poher, "
                "au croisement des trois départements bretons. La population se stabilise "
                "après une longue baisse et vieillit.\nL'économie repose sur "
                "l'agroalimentaire, les services publics (hôpital, lycées) et le tourisme "
                "événementiel. Le taux de chômage reste supérieur à la moyenne "
                "départementale.\nLe marché immobilier est détendu : la vacance dépasse 12 % "
                "dans le centre ancien.",
        annexe2="La révision du PLU doit intégrer l'objectif de zéro artificialisation nette. "
                "La ville est lauréate Petites villes de demain et le territoire est inscrit "
                "dans le programme Territoires d'industrie. L'EPF Bretagne porte une "
                "convention d'acquisition sur une partie de la friche.",
        lieu="Carhaix-Plouguer", date="2026-10-05",
        prefet=("Le préfet,", "Pascal Vidaillac"), prefecture_ville="Quimper",
        letter_dates=("2026-09-28", "2026-10-09"),
        layouts=("centre", "prefecture"),
    ),
    dict(
        key="corte", dep="2B", porteuse=("commune", "Corte"),
        coll_nom="Commune de Corte", communes=["Corte"],
        epci_ecrit="Communauté de communes du Centre Corse",
        dep_ecrit="Haute-Corse", region_ecrite="Corse",
        etat_service="DDTM de la Haute-Corse",
        referent=("Marie-Ange Santoni", "Responsable du pôle aménagement du territoire",
                  "marie-ange.santoni@haute-corse.gouv.fr", "04 95 32 97 10"),
        elu=("Ghjuvan Petru Pieri", "Premier adjoint, chargé de l'urbanisme"),
        contact=("Laetitia Casanova", "urbanisme@ville-corte.corsica", "04 95 45 25 00"),
        mairie_adresse=["Hôtel de ville", "Avenue Xavier Luciani", "20250 Corte"],
        partenaires="Università di Corsica Pasquale Paoli, Parc naturel régional de Corse, "
                    "Agence d'aménagement durable, d'urbanisme et d'énergie de la Corse (AUE)",
        echelle="communale",
        secteur="La ville haute (citadelle, quartiers de la Scala et du Cours Paoli) et "
                "le campus universitaire de Mariani",
        intitule="Corte, ville universitaire et patrimoniale : habiter la ville haute",
        thematiques=["patrimoine", "logement", "autre"],
        autre="vie étudiante",
        programmes=[],
        description="Corte accueille près de 5 000 étudiants pour une population à peine "
                    "plus nombreuse, ce qui crée une tension forte sur le logement et une "
                    "saisonnalité marquée de la vie urbaine. La ville haute, très patrimoniale, "
                    "perd ses habitants permanents au profit des meublés touristiques.\nLa "
                    "commune souhaite concilier protection du patrimoine, accueil des "
                    "étudiants et maintien des familles.",
        objectifs="Construire une stratégie d'habitat adaptée aux étudiants et aux familles ; "
                  "valoriser le patrimoine de la ville haute sans la muséifier ; mieux relier "
                  "le campus et le centre.",
        attendus="Un diagnostic partagé avec l'université, des scénarios d'intervention sur "
                  "trois îlots de la ville haute et une feuille de route habitat-patrimoine.",
        calendrier="Printemps 2027, en dehors de la période d'examens universitaires.",
        documents="PLU de Corte (2019) ; PADDUC ; inventaire du patrimoine de la ville haute "
                  "(Collectivité de Corse) ; étude sur le logement étudiant du CROUS (2023).",
        acteurs="Università di Corsica, CROUS de Corse, Collectivité de Corse, Office foncier "
                "de la Corse, associations de quartier, Unité départementale de l'architecture "
                "et du patrimoine.",
        moyens="Salle des délibérations de la mairie et amphithéâtre mis à disposition par "
               "l'université ; hébergement possible en résidence universitaire.",
        annexe1="Corte compte {population} habitants et constitue le principal pôle de "
                "l'intérieur de l'île. Sa population augmente légèrement grâce à "
                "l'université.\nL'emploi est dominé par la sphère publique et les "
                "services.\nLe parc de logements se caractérise par une part importante de "
                "petits logements locatifs et une progression rapide des meublés de "
                "tourisme.\nLe site est marqué par les vallées de la Restonica et du "
                "Tavignano, très fréquentées l'été.",
        annexe2="Le PLU de 2019 identifie la ville haute comme secteur à enjeu patrimonial. "
                "La commune adhère à {epci_nom} qui porte un projet de territoire adopté en "
                "2024. Une étude de faisabilité d'un site patrimonial remarquable est "
                "envisagée par l'État.",
        lieu="Corte", date="2026-05-20",
        maire="Ange-Mathieu FILIPPI",
        prefet=("Le préfet,", "Michel Orsini-Blanc"), prefecture_ville="Bastia",
        letter_dates=("2026-05-12", "2026-05-26"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="saint_joseph", dep="974", porteuse=("commune", "Saint-Joseph"),
        coll_nom="Commune de Saint-Joseph", communes=["Saint-Joseph"],
        epci_ecrit="CASUD – Communauté d'agglomération du Sud",
        dep_ecrit="La Réunion (974)", region_ecrite="La Réunion",
        etat_service="DEAL de La Réunion",
        referent=("Karine Payet", "Adjointe au chef du service aménagement durable",
                  "karine.payet@developpement-durable.gouv.fr", "0262 40 26 26"),
        elu=("Gilbert Hoarau", "Maire"),
        contact=("Jean-Marc Grondin", "jm.grondin@saintjoseph.re", "0692 61 24 87"),
        mairie_adresse=["194 rue Raphaël Babet", "97480 Saint-Joseph", "0262 35 80 00"],
        partenaires="Agence pour l'observation de la Réunion, l'aménagement et l'habitat "
                    "(AGORAH), Office national des forêts",
        echelle="communale",
        secteur="L'entrée de ville ouest et le centre-ville, de la rivière des Remparts au "
                "quartier de Jean-Petit",
        intitule="Saint-Joseph face aux risques : requalifier l'entrée de ville ouest",
        thematiques=["entree_de_ville", "risques", "ecosystemes"],
        programmes=["petites_villes_de_demain"],
        description="L'entrée ouest de Saint-Joseph, le long de la RN2, est exposée aux crues "
                    "de la rivière des Remparts et aux ruissellements des ravines. Elle "
                    "présente un paysage commercial peu qualitatif et des continuités "
                    "piétonnes interrompues. La commune souhaite repenser cette entrée de ville "
                    "en intégrant la prévention des risques et la préservation des milieux "
                    "naturels.",
        objectifs="Intégrer le risque inondation dans le projet urbain ; requalifier les "
                  "abords de la RN2 ; renaturer les berges et les ravines traversant le centre.",
        attendus="Un plan-guide de l'entrée de ville ouest, des principes d'aménagement "
                 "résilient et un programme d'actions chiffré à court et moyen terme.",
        calendrier="Démarrage souhaité au second semestre 2026, hors saison cyclonique si "
                   "possible (mai à novembre).",
        documents="PLU de Saint-Joseph ; PPR inondation et mouvements de terrain approuvé ; "
                  "SAR de La Réunion ; SCoT du Grand Sud ; étude hydraulique de la ravine "
                  "Jean-Petit (2022).",
        acteurs="CASUD, Département de La Réunion, Région Réunion, Office de l'eau, Parc "
                "national de La Réunion, associations de riverains et commerçants.",
        moyens="Salle de réunion de l'hôtel de ville et véhicule pour les visites de terrain ; "
               "collations lors des ateliers.",
        annexe1="Saint-Joseph compte {population} habitants. La croissance démographique "
                "reste soutenue et la population est jeune.\nLe chômage touche plus d'un "
                "actif sur quatre ; l'agriculture (canne, vacoa, curcuma) et les services "
                "structurent l'économie locale.\nLa demande en logement social est forte "
                "et l'habitat spontané se développe sur les pentes.\nLe territoire, entre "
                "littoral et hauts, abrite des milieux naturels remarquables.",
        annexe2="Le PLU est en cours de révision pour intégrer les prescriptions du PPR. La "
                "commune est lauréate Petites villes de demain. {epci_nom} porte le "
                "programme local de l'habitat et le plan de mobilité. Un projet de "
                "transport en commun en site propre est étudié le long de la RN2.",
        lieu="Saint-Joseph", date="2026-06-18",
        prefet=("Le préfet,", "Thierry Lambert-Fontaine"), prefecture_ville="Saint-Denis",
        letter_dates=("2026-06-10", "2026-06-24"),
        layouts=("centre", "prefecture"),
    ),
    dict(
        key="saint_jean_d_angely", dep="17", porteuse=("commune", "Saint-Jean-d'Angély"),
        coll_nom="Commune de Saint-Jean-d'Angély", communes=["Saint-Jean-d'Angély"],
        epci_ecrit="Vals de Saintonge Communauté",
        dep_ecrit="Charente-Maritime", region_ecrite="Nouvelle-Aquitaine",
        etat_service="DDTM de la Charente-Maritime",
        referent=("Sébastien Morisset", "Chef du service territorial Saintonge",
                  "sebastien.morisset@charente-maritime.gouv.fr", "05 46 51 50 00"),
        elu=("Françoise Brillouet", "Adjointe au maire déléguée à l'urbanisme"),
        contact=("Thomas Rivaud", "t.rivaud@angely.net", "05 46 59 56 56"),
        mairie_adresse=["Square de l'Hôtel de ville", "BP 10082",
                        "17415 Saint-Jean-d'Angély Cedex"],
        partenaires="Fondation du patrimoine, CAUE de la Charente-Maritime",
        echelle="communale",
        secteur="Le centre ancien autour de l'abbaye royale, de la tour de l'Horloge et des "
                "quais de la Boutonne",
        intitule="Saint-Jean-d'Angély : faire revivre le centre ancien autour de l'abbaye royale",
        thematiques=["revitalisation_centre", "patrimoine", "logement"],
        programmes=["petites_villes_de_demain"],
        description="Le centre ancien, riche d'un patrimoine classé, souffre d'une forte "
                    "vacance des logements et des commerces. Les immeubles à pans de bois "
                    "nécessitent des travaux lourds que les propriétaires ne peuvent assumer "
                    "seuls. La commune veut articuler la valorisation touristique de l'abbaye "
                    "royale avec le retour d'habitants à l'année.",
        objectifs="Identifier les îlots dégradés prioritaires ; définir une stratégie de "
                  "reconquête des logements vacants ; faire des quais de la Boutonne un "
                  "espace public fédérateur.",
        attendus="Une feuille de route de revitalisation, trois esquisses d'îlots et des "
                 "recommandations pour la future OPAH-RU.",
        calendrier="Automne 2026.",
        documents="PLUi de Vals de Saintonge Communauté ; périmètre de site patrimonial "
                  "remarquable ; étude pré-opérationnelle OPAH-RU (2025) ; diagnostic "
                  "commercial de la CCI.",
        acteurs="Vals de Saintonge Communauté, Département, Architecte des bâtiments de "
                "France, Fondation du patrimoine, Action Logement, association des "
                "commerçants angériens.",
        moyens="Salle capitulaire de l'abbaye royale ; repas pris en charge par la commune.",
        annexe1="La commune compte {population} habitants et perd de la population depuis "
                "les années 1990. Le vieillissement est marqué.\nL'économie locale repose "
                "sur les services, le commerce et l'agriculture (cognac, céréales).\nLe "
                "taux de vacance des logements dépasse 15 % dans le centre ancien.",
        annexe2="Saint-Jean-d'Angély est lauréate du programme Petites villes de demain et "
                "dispose d'une opération de revitalisation de territoire. Le site "
                "patrimonial remarquable est en cours de création. Le PLUi de "
                "{epci_nom} a été approuvé en 2024.",
        lieu="Saint-Jean-d'Angély", date="2026-02-27",
        maire="Jean-Marc PELLETIER",
        prefet=("Le sous-préfet de Saint-Jean-d'Angély,", "Olivier Cazenave"),
        prefet_slug="sous_prefet", prefecture_ville="Saint-Jean-d'Angély",
        prefet_head=["PRÉFET", "DE LA CHARENTE-", "MARITIME"],
        prefet_service=["Sous-préfecture de Saint-Jean-d'Angély", "12 rue Regnaud",
                        "17400 Saint-Jean-d'Angély"],
        letter_dates=("2026-02-20", "2026-03-03"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="saint_affrique", dep="12", porteuse=("commune", "Saint-Affrique"),
        coll_nom="Commune de Saint-Affrique", communes=["Saint-Affrique"],
        epci_ecrit="CC Saint Affricain, Roquefort, Sept Vallons",
        dep_ecrit="Aveyron (12)", region_ecrite="Occitanie",
        etat_service="DDT de l'Aveyron",
        referent=("Claire Bousquet", "Responsable de l'unité territoriale Sud-Aveyron",
                  "claire.bousquet@aveyron.gouv.fr", "05 65 73 50 00"),
        elu=("Henri Vernhet", "Maire"),
        contact=("Sylvie Alibert", "s.alibert@saint-affrique.fr", "05 65 98 20 00"),
        mairie_adresse=["Boulevard de Verdun", "12400 Saint-Affrique"],
        partenaires="Parc naturel régional des Grands Causses",
        echelle="site",
        secteur="L'entrée de ville nord (avenue de Lattre-de-Tassigny) et la friche de "
                "l'ancienne mégisserie en bord de Sorgue",
        intitule="Reconquérir l'entrée nord et la friche de la mégisserie",
        thematiques=["entree_de_ville", "friches", "ecosystemes"],
        programmes=["petites_villes_de_demain"],
        description="L'entrée nord de Saint-Affrique s'est développée sans cohérence : zones "
                    "commerciales, stationnements surdimensionnés et friches artisanales. "
                    "L'ancienne mégisserie, fermée depuis 2012, occupe les berges de la "
                    "Sorgue en zone inondable. La commune souhaite reconquérir ce secteur en "
                    "redonnant sa place à la rivière.",
        objectifs="Requalifier l'entrée de ville ; définir le devenir de la friche en "
                  "intégrant le risque inondation ; restaurer les continuités écologiques de "
                  "la Sorgue.",
        attendus="Un plan-guide de l'entrée nord, des scénarios pour la friche et un "
                 "programme d'actions phasé.",
        calendrier="Entre octobre 2026 et février 2027.",
        documents="PLU (2017) ; PPRI de la Sorgue ; SCoT du Parc naturel régional des Grands "
                  "Causses ; inventaire historique urbain (BASIAS) ; étude de requalification "
                  "des entrées de ville du Parc.",
        acteurs="Communauté de communes, Parc naturel régional des Grands Causses, syndicat "
                "mixte de bassin Tarn-Amont, EPF d'Occitanie, Confédération générale de "
                "Roquefort, commerçants de la zone nord.",
        moyens="Salle des fêtes et salle du conseil ; déjeuners offerts par la commune.",
        annexe1="Saint-Affrique compte {population} habitants et rayonne sur le sud de "
                "l'Aveyron.\nL'emploi est porté par la filière ovine et le roquefort, le "
                "commerce et les services de santé.\nLe parc de logements est ancien et "
                "la vacance progresse dans le centre.\nLa Sorgue et ses affluents "
                "structurent le paysage mais exposent la ville aux crues.",
        annexe2="Le PLU de 2017 classe la friche en zone à urbaniser sous conditions. La "
                "commune est lauréate Petites villes de demain. L'EPF d'Occitanie a engagé "
                "une veille foncière sur l'entrée nord. {epci_nom} élabore son PLUi.",
        lieu="Saint-Affrique", date="2026-04-09",
        prefet=("La préfète,", "Hélène Castagné"), prefecture_ville="Rodez",
        letter_dates=("2026-04-02", "2026-04-15"),
        layouts=("centre", "prefecture"),
    ),
    dict(
        key="nontron", dep="24", porteuse=("commune", "Nontron"),
        coll_nom="Commune de Nontron", communes=["Nontron"],
        epci_ecrit="Communauté de communes du Périgord Nontronnais",
        dep_ecrit="Dordogne (24)", region_ecrite="Nouvelle-Aquitaine",
        etat_service="DDT de la Dordogne",
        referent=("Mathieu Delpech", "Chargé de mission revitalisation des centres-bourgs",
                  "mathieu.delpech@dordogne.gouv.fr", "05 53 45 56 00"),
        elu=("Isabelle Chabaud", "Maire"),
        contact=("Damien Faure", "dgs@ville-nontron.fr", "05 53 56 02 22"),
        mairie_adresse=["Place Alfred Agard", "24300 Nontron"],
        partenaires="Pôle expérimental métiers d'art, Parc naturel régional Périgord-Limousin",
        echelle="communale",
        secteur="Le centre-bourg, le château et les terrasses du Bandiat",
        intitule="Nontron, ville des métiers d'art : un centre-bourg créatif et habité",
        thematiques=["revitalisation_centre", "economie_ess", "patrimoine"],
        programmes=["petites_villes_de_demain", "villages_d_avenir"],
        description="Nontron dispose d'un savoir-faire reconnu dans les métiers d'art et "
                    "d'un patrimoine bâti de qualité, mais le centre-bourg se vide de ses "
                    "commerces et de ses habitants. Plusieurs immeubles sont en péril. La "
                    "commune souhaite faire des métiers d'art un levier de revitalisation, "
                    "en installant ateliers et logements dans les locaux vacants.",
        objectifs="Mobiliser les artisans d'art et les habitants ; identifier les locaux "
                  "vacants mobilisables ; imaginer un parcours urbain reliant le château, "
                  "les ateliers et la vallée du Bandiat.",
        attendus="Une stratégie de revitalisation par les métiers d'art, un plan des "
                 "espaces publics et une liste d'actions rapides à engager.",
        calendrier="Démarrage en novembre 2026 pour une restitution au printemps 2027.",
        documents="PLUi du Périgord Nontronnais ; charte du Parc naturel régional "
                  "Périgord-Limousin ; diagnostic commerce et artisanat (2024).",
        acteurs="Pôle expérimental métiers d'art, Chambre de métiers et de l'artisanat, "
                "Dordogne Habitat, office de tourisme, associations culturelles.",
        moyens="Salle du château de Nontron et repas chez les restaurateurs du bourg.",
        annexe1="Nontron compte {population} habitants et perd environ 1 % de sa population "
                "chaque année.\nLa part des plus de 65 ans dépasse 35 %.\nLes métiers d'art, "
                "les services publics et le tourisme vert constituent les principaux "
                "gisements d'emplois.\nLa vallée du Bandiat offre un cadre paysager de "
                "grande qualité.",
        annexe2="La commune est lauréate du programme Petites villes de demain. Une "
                "opération programmée d'amélioration de l'habitat est portée par "
                "{epci_nom}. Le Parc naturel régional accompagne un plan paysage.",
        lieu="Nontron", date="2026-07-03",
        prefet=("Le préfet,", "Jean-Sébastien Lamy"), prefecture_ville="Périgueux",
        letter_dates=("2026-06-29", "2026-07-08"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="marie_galante", dep="971", porteuse=("epci", "249710047"),
        coll_nom="Communauté de communes de Marie-Galante",
        communes=["Grand-Bourg", "Capesterre-de-Marie-Galante", "Saint-Louis"],
        epci_ecrit="Communauté de communes de Marie-Galante",
        dep_ecrit="Guadeloupe (971)", region_ecrite="Guadeloupe",
        etat_service="DEAL de la Guadeloupe",
        referent=("Ludovic Céleste", "Chef de l'unité aménagement et territoires",
                  "ludovic.celeste@developpement-durable.gouv.fr", "0590 99 46 46"),
        elu=("Marcelin Jacoby", "Président"),
        contact=("Rose-Aimée Bade", "rose-aimee.bade@ccmg.fr", "0690 42 17 55"),
        mairie_adresse=["Rue du Fort", "97112 Grand-Bourg", "0590 97 93 95"],
        partenaires="Parc national de la Guadeloupe (partenaire technique), Conservatoire "
                    "du littoral",
        echelle="intercommunale",
        secteur="Les trois bourgs de l'île et le littoral entre Grand-Bourg et Saint-Louis",
        intitule="Marie-Galante, île durable : bourgs, littoral et mobilités",
        thematiques=["revitalisation_centre", "mobilites", "risques", "ecosystemes"],
        programmes=["villages_d_avenir"],
        description="L'île de Marie-Galante, double insularité, perd des habitants et voit "
                    "ses bourgs se fragiliser. Le littoral est exposé à l'érosion et à la "
                    "submersion marine, et la desserte maritime conditionne toute la vie "
                    "économique. Les trois communes et la communauté de communes souhaitent "
                    "une vision commune de l'aménagement de l'île.",
        objectifs="Partager une vision intercommunale de l'armature des bourgs ; organiser "
                  "les mobilités depuis les ports ; anticiper le recul du trait de côte.",
        attendus="Un schéma d'intentions à l'échelle de l'île, des orientations pour chaque "
                 "bourg et une feuille de route partagée par les quatre collectivités.",
        calendrier="Premier trimestre 2027.",
        documents="PLU des trois communes ; SAR de la Guadeloupe ; stratégie locale de gestion "
                  "du trait de côte (2024) ; étude de mobilité de l'île.",
        acteurs="Communes de Grand-Bourg, Capesterre-de-Marie-Galante et Saint-Louis, Région "
                "Guadeloupe, Département, Conservatoire du littoral, compagnies maritimes, "
                "distilleries et producteurs de canne.",
        moyens="Salle de la communauté de communes à Grand-Bourg ; transport sur l'île et "
               "repas assurés par la communauté de communes.",
        annexe1="L'île compte environ 10 000 habitants répartis entre Grand-Bourg "
                "({population} habitants), Capesterre-de-Marie-Galante et Saint-Louis. La "
                "population diminue et vieillit.\nL'économie repose sur la canne à sucre, "
                "le rhum et le tourisme.\nLe littoral et les zones humides abritent une "
                "biodiversité remarquable.",
        annexe2="Les trois communes disposent d'un PLU. {epci_nom} porte un contrat de "
                "convergence et de transformation et les communes sont lauréates du "
                "programme Villages d'avenir. Le Conservatoire du littoral intervient sur "
                "plusieurs sites.",
        lieu="Grand-Bourg", date="2026-09-14",
        maire="Marcelin JACOBY", coll_slug="president_epci",
        coll_quality=["Le Président,"],
        prefet=("Le sous-préfet de Pointe-à-Pitre,", "Frédéric Anselme"),
        prefet_slug="sous_prefet", prefecture_ville="Pointe-à-Pitre",
        prefet_head=["PRÉFET", "DE LA RÉGION", "GUADELOUPE"],
        prefet_service=["Sous-préfecture de Pointe-à-Pitre", "Rue Gambetta",
                        "97110 Pointe-à-Pitre"],
        letter_dates=("2026-09-08", "2026-09-18"),
        layouts=("bandeau", "prefecture"),
    ),
]
