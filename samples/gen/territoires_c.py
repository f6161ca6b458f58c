"""Territory profiles, part 3: the candidates of the fiche-layout cases (fictional people)."""

from __future__ import annotations

PROFILES_C = [
    dict(
        key="la_fleche", dep="72", porteuse=("commune", "La Flèche"),
        coll_nom="Ville de La Flèche", communes=["La Flèche"],
        epci_ecrit="Communauté de communes du Pays Fléchois",
        dep_ecrit="Sarthe (72)", region_ecrite="Pays de la Loire",
        etat_service="DDT de la Sarthe",
        referent=("Claire Dumoulin", "Responsable du pôle territorial sud",
                  "claire.dumoulin@sarthe.gouv.fr", "02 43 50 63 21"),
        elu=("Bertrand Pellerin", "Maire"),
        contact=("Sophie Marchand", "s.marchand@ville-lafleche.fr", "02 43 48 53 53"),
        mairie_adresse=["Hôtel de ville, place du 8 Mai 1945", "72200 La Flèche",
                        "Tél. 02 43 48 53 53"],
        partenaires="CAUE de la Sarthe, Action Logement, Banque des Territoires",
        echelle="communale",
        secteur="Les quais du Loir et le faubourg Saint-Jacques, entre le Prytanée et la "
                "halle au beurre",
        intitule="La Flèche au fil du Loir : reconquérir les quais et le faubourg",
        thematiques=["revitalisation_centre", "logement", "risques"],
        programmes=["action_coeur_de_ville"],
        description="Le centre de La Flèche s'est développé le long du Loir mais lui tourne "
                    "le dos : les quais sont occupés par du stationnement et le faubourg "
                    "Saint-Jacques concentre des logements anciens vacants, exposés aux crues. "
                    "La ville veut redonner une place à la rivière dans la vie du centre tout "
                    "en adaptant l'habitat au risque d'inondation.",
        objectifs="Imaginer l'avenir des quais avec les habitants ; définir une stratégie de "
                  "reconquête des logements du faubourg compatible avec le plan de prévention "
                  "des risques ; relier le centre aux berges par des parcours piétons.",
        attendus="Un plan de référence des quais, des scénarios d'intervention sur trois îlots "
                 "du faubourg et une feuille de route pour l'opération de revitalisation.",
        calendrier="Démarrage souhaité en octobre 2026, pour une restitution au printemps 2027.",
        documents="PLUi du Pays Fléchois (2022) ; PPRi du Loir ; étude pré-opérationnelle "
                  "d'OPAH-RU (2025) ; diagnostic commercial Action cœur de ville.",
        acteurs="Commerçants du centre, Sarthe Habitat, syndicat du bassin du Loir, "
                "Architecte des bâtiments de France, conseil citoyen du faubourg.",
        moyens="Salle Coppélia et salle des mariages de l'hôtel de ville ; déjeuners pris en "
               "charge par la ville.",
        annexe1="La Flèche compte {population} habitants. La population est stable mais "
                "vieillissante.\nLa ville accueille le Prytanée national militaire, le zoo "
                "et un tissu industriel (imprimerie, agroalimentaire) qui en font le premier "
                "pôle d'emplois du sud de la Sarthe.\nLa vacance des logements atteint 10 % "
                "dans le centre ancien.\nLe Loir et ses prairies inondables forment la trame "
                "verte et bleue du territoire.",
        annexe2="Le PLUi de {epci_nom} organise le renouvellement urbain du centre. La ville "
                "est engagée dans le programme Action cœur de ville et une opération de "
                "revitalisation de territoire a été signée en 2024. Le réaménagement de la "
                "place Henri IV est achevé.",
        lieu="La Flèche", date="2026-05-20",
        prefet=("Le préfet,", "Jean-Baptiste Orsini"), prefecture_ville="Le Mans",
        letter_dates=("2026-05-13", "2026-05-26"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="vierzon", dep="18", porteuse=("commune", "Vierzon"),
        coll_nom="Commune de Vierzon", communes=["Vierzon"],
        epci_ecrit="Communauté de communes Vierzon-Sologne-Berry",
        dep_ecrit="Cher", region_ecrite="Centre-Val de Loire",
        etat_service="DDT du Cher",
        referent=("Mathieu Royer", "Chef du service urbanisme et aménagement",
                  "mathieu.royer@cher.gouv.fr", "02 34 34 61 40"),
        elu=("Nathalie Chaumeil", "Maire"),
        contact=("Karim Benali", "k.benali@ville-vierzon.fr", "02 48 52 65 00"),
        mairie_adresse=["Place de l'Hôtel de Ville", "18100 Vierzon", "02 48 52 65 00"],
        partenaires="EPF local du Cher, Région Centre-Val de Loire",
        echelle="site",
        secteur="Le site de l'ancienne usine Case et les abords de la gare, soit environ "
                "12 hectares entre le Cher et la voie ferrée",
        intitule="Vierzon, de la friche Case au quartier de la gare",
        thematiques=["friches", "economie_ess", "mobilites"],
        programmes=["action_coeur_de_ville", "territoires_d_industrie"],
        description="L'ancienne usine de machines agricoles Case, fermée en 1995, est en partie "
                    "réhabilitée mais plusieurs halles restent vides au contact de la gare. "
                    "La ville veut achever la reconversion du site en y accueillant des "
                    "activités productives et un pôle d'échanges, sans fragiliser le commerce "
                    "du centre-ville.",
        objectifs="Définir la vocation des halles encore vacantes ; améliorer les liaisons "
                  "entre la gare, le site et le centre ; associer les entreprises et les "
                  "acteurs de l'économie sociale et solidaire.",
        attendus="Un schéma directeur du site, une programmation des halles et un phasage "
                 "des investissements publics.",
        calendrier="Premier semestre 2027.",
        documents="PLU de Vierzon ; SCoT du Pays de Vierzon ; étude de pollution des sols "
                  "(2023) ; étude de pôle d'échanges multimodal (2024).",
        acteurs="SNCF, Région Centre-Val de Loire, CCI du Cher, entreprises installées sur "
                "le site, associations d'insertion.",
        moyens="Salle du musée de Vierzon dans les anciennes usines ; repas offerts par la "
               "commune.",
        annexe1="Vierzon compte {population} habitants et en a perdu près de 20 % depuis "
                "les années 1970.\nLa désindustrialisation a laissé un chômage élevé mais la "
                "logistique se développe le long des autoroutes A20 et A71.\nLe parc de "
                "logements est ancien et la vacance dépasse 13 %.",
        annexe2="Le PLU a été révisé en 2021. {epci_nom} porte le programme Territoires "
                "d'industrie. La convention Action cœur de ville prévoit la requalification "
                "de l'avenue de la République.",
        lieu="Vierzon", date="2026-02-09",
        prefet=("La préfète,", "Isabelle Garnier-Roche"), prefecture_ville="Bourges",
        letter_dates=("2026-02-02", "2026-02-13"),
        layouts=("centre", "prefecture"),
    ),
    dict(
        key="saint_pierre_martinique", dep="972", porteuse=("commune", "Saint-Pierre"),
        coll_nom="Ville de Saint-Pierre", communes=["Saint-Pierre"],
        epci_ecrit="Communauté d'agglomération du Pays Nord Martinique",
        dep_ecrit="Martinique (972)", region_ecrite="Martinique",
        etat_service="DEAL de la Martinique",
        referent=("Murielle Jean-Louis", "Cheffe du pôle aménagement et territoires",
                  "murielle.jean-louis@developpement-durable.gouv.fr", "0596 59 57 00"),
        elu=("Christian Lordinot", "Maire"),
        contact=("Fabrice Célestine", "f.celestine@villesaintpierre.mq", "0696 21 48 37"),
        mairie_adresse=["Rue Victor Hugo", "97250 Saint-Pierre", "0596 78 10 32"],
        partenaires="Parc naturel régional de la Martinique, Collectivité territoriale de "
                    "Martinique",
        echelle="communale",
        secteur="Le centre historique, du quartier du Mouillage au Fort, et le front de mer",
        intitule="Saint-Pierre, ville d'art et d'histoire face à la mer",
        thematiques=["patrimoine", "risques", "revitalisation_centre"],
        programmes=["petites_villes_de_demain"],
        description="Saint-Pierre, détruite par l'éruption de la montagne Pelée en 1902, "
                    "conserve des ruines classées au cœur d'une ville peu peuplée. Le front "
                    "de mer est exposé à la houle cyclonique et au recul du trait de côte. La "
                    "commune veut valoriser son patrimoine tout en ramenant des habitants et "
                    "des commerces dans le centre.",
        objectifs="Concilier la protection des vestiges et l'habitat ; adapter le front de mer "
                  "aux risques littoraux ; développer un tourisme de mémoire qui profite au "
                  "centre.",
        attendus="Un plan-guide du centre historique, des orientations pour le front de mer "
                 "et un programme d'actions partagé avec l'État et la Collectivité.",
        calendrier="Démarrage en janvier 2027, hors saison cyclonique.",
        documents="PLU de Saint-Pierre ; site patrimonial remarquable ; PPRN ; schéma "
                  "d'aménagement régional de la Martinique.",
        acteurs="Architecte des bâtiments de France, observatoire volcanologique, "
                "associations de pêcheurs, office de tourisme, commerçants.",
        moyens="Salle de la maison du patrimoine et navette pour les visites de terrain.",
        annexe1="Saint-Pierre compte {population} habitants ; la population baisse et "
                "vieillit.\nL'économie repose sur le tourisme, la pêche et l'agriculture.\n"
                "Le centre compte de nombreuses dents creuses et des logements dégradés.",
        annexe2="Le site patrimonial remarquable encadre les constructions du centre. "
                "{epci_nom} porte le programme local de l'habitat. La commune est lauréate "
                "Petites villes de demain depuis 2021.",
        lieu="Saint-Pierre", date="2026-11-04",
        prefet=("Le préfet,", "Hervé Lacombe-Darnis"), prefecture_ville="Fort-de-France",
        prefet_head=["PRÉFET", "DE LA MARTINIQUE"],
        letter_dates=("2026-10-28", "2026-11-10"),
        layouts=("bandeau", "prefecture"),
    ),
    dict(
        key="pays_de_mormal", dep="59", porteuse=("epci", "200043321"),
        coll_nom="Communauté de communes du Pays de Mormal",
        communes=["Le Quesnoy", "Landrecies"],
        epci_ecrit="Communauté de communes du Pays de Mormal",
        dep_ecrit="59 – Nord", region_ecrite="Hauts-de-France",
        etat_service="DDTM du Nord",
        referent=("Julien Vandamme", "Délégué territorial de l'Avesnois",
                  "julien.vandamme@nord.gouv.fr", "03 27 56 42 10"),
        elu=("Dominique Lefebvre", "Président"),
        contact=("Aurélie Dhondt", "a.dhondt@cc-paysdemormal.fr", "03 27 09 04 50"),
        mairie_adresse=["19 rue Chevray", "59530 Le Quesnoy", "03 27 09 04 50"],
        partenaires="Parc naturel régional de l'Avesnois, Office national des forêts",
        echelle="intercommunale",
        secteur="Les deux bourgs-centres du Quesnoy et de Landrecies et la forêt de Mormal "
                "qui les sépare",
        intitule="Deux bourgs et une forêt : l'armature du Pays de Mormal",
        thematiques=["revitalisation_centre", "ecosystemes", "mobilites"],
        programmes=["petites_villes_de_demain"],
        description="Le Quesnoy et Landrecies structurent un territoire rural de 53 communes "
                    "autour de la plus grande forêt domaniale du Nord. Les deux bourgs "
                    "perdent des commerces et des services tandis que la forêt subit la "
                    "sécheresse. La communauté de communes souhaite une stratégie commune "
                    "pour ses centralités et pour la forêt.",
        objectifs="Conforter le rôle des deux bourgs-centres ; organiser les mobilités entre "
                  "les bourgs et les villages ; protéger la forêt de Mormal et ses lisières.",
        attendus="Une carte de l'armature territoriale, des orientations pour chaque bourg et "
                 "une charte des lisières forestières.",
        calendrier="Démarrage souhaité : septembre 2026 ; quatre mois.",
        documents="PLUi du Pays de Mormal en cours d'élaboration ; SCoT Sambre-Avesnois ; "
                  "charte du Parc naturel régional de l'Avesnois.",
        acteurs="Communes du Quesnoy et de Landrecies, Office national des forêts, "
                "Département du Nord, associations de randonnée.",
        moyens="Salle du conseil communautaire au Quesnoy ; transport entre les sites.",
        annexe1="Le Quesnoy compte {population} habitants et la communauté de communes "
                "environ 48 000.\nL'emploi est tourné vers l'agriculture, l'artisanat et "
                "les services.\nLa forêt de Mormal couvre 9 000 hectares.",
        annexe2="Le PLUi de {epci_nom} doit être arrêté en 2027. Les deux bourgs sont "
                "lauréats Petites villes de demain.",
        lieu="Le Quesnoy", date="2026-06-30",
        maire="Dominique LEFEBVRE", coll_slug="president_epci",
        coll_quality=["Le Président,"],
        prefet=("Le sous-préfet d'Avesnes-sur-Helpe,", "Marc-Antoine Delval"),
        prefet_slug="sous_prefet", prefecture_ville="Avesnes-sur-Helpe",
        prefet_service=["Sous-préfecture d'Avesnes-sur-Helpe", "4 rue de la Sous-Préfecture",
                        "59440 Avesnes-sur-Helpe"],
        letter_dates=("2026-06-22", "2026-07-06"),
        layouts=("bandeau", "prefecture"),
    ),
    dict(
        key="saint_die", dep="88", porteuse=("commune", "Saint-Dié-des-Vosges"),
        coll_nom="Ville de Saint-Dié-des-Vosges", communes=["Saint-Dié-des-Vosges"],
        epci_ecrit="Communauté d'agglomération de Saint-Dié-des-Vosges",
        dep_ecrit="Vosges (88)", region_ecrite="Grand Est",
        etat_service="DDT des Vosges",
        referent=("Pierre Schwartz", "Adjoint au chef du service aménagement",
                  "pierre.schwartz@vosges.gouv.fr", "03 29 69 12 84"),
        elu=("Hélène Valentin", "Maire"),
        contact=("Thomas Grandidier", "t.grandidier@ville-saintdie.fr", "03 29 52 66 66"),
        mairie_adresse=["Place Jules Ferry", "88100 Saint-Dié-des-Vosges", "03 29 52 66 66"],
        partenaires="Agence d'urbanisme de Lorraine Sud, CAUE des Vosges",
        echelle="site",
        secteur="Le quartier de la Meurthe, de la tour de la Liberté à l'ancienne filature",
        intitule="Saint-Dié, un quartier reconstruit à réinventer le long de la Meurthe",
        thematiques=["patrimoine", "logement", "ecosystemes"],
        programmes=["action_coeur_de_ville"],
        description="Reconstruit après 1944, le centre de Saint-Dié présente un patrimoine "
                    "architectural du XXe siècle méconnu et des logements devenus "
                    "inadaptés. Les berges de la Meurthe sont peu accessibles. La ville "
                    "souhaite un projet d'ensemble pour ce quartier.",
        objectifs="Valoriser le patrimoine de la Reconstruction ; adapter les logements aux "
                  "attentes des ménages ; ouvrir la ville sur la rivière.",
        attendus="Un plan-guide du quartier et des fiches actions pour les îlots prioritaires.",
        calendrier="Automne 2026.",
        documents="PLU de Saint-Dié-des-Vosges ; étude patrimoniale de la Reconstruction "
                  "(2023) ; programme local de l'habitat.",
        acteurs="Bailleurs sociaux, Architecte des bâtiments de France, association des "
                "amis de la Reconstruction, pêcheurs de la Meurthe.",
        moyens="Salle de l'espace François Mitterrand ; repas pris en charge.",
        annexe1="Saint-Dié-des-Vosges compte {population} habitants.\nLa ville est le "
                "pôle d'emplois de la Déodatie (bois, textile, santé).\nLa vacance des "
                "logements dépasse 11 %.",
        annexe2="Le PLU protège les ensembles de la Reconstruction. {epci_nom} porte le "
                "programme local de l'habitat. La ville est engagée dans Action cœur de "
                "ville depuis 2018.",
        lieu="Saint-Dié-des-Vosges", date="2026-04-08",
        prefet=("La préfète,", "Valérie Haumont"), prefecture_ville="Épinal",
        letter_dates=("2026-04-01", "2026-04-14"),
        layouts=("centre", "prefecture"),
    ),
    dict(
        key="forcalquier", dep="04", porteuse=("commune", "Forcalquier"),
        coll_nom="Commune de Forcalquier", communes=["Forcalquier"],
        epci_ecrit="Communauté de communes Pays Forcalquier et Montagne de Lure",
        dep_ecrit="Alpes-de-Haute-Provence", region_ecrite="Provence-Alpes-Côte d'Azur",
        etat_service="DDT des Alpes-de-Haute-Provence",
        referent=("Laure Aubanel", "Chargée de mission planification",
                  "laure.aubanel@alpes-de-haute-provence.gouv.fr", "04 92 30 55 21"),
        elu=("Jean-Luc Morel", "Maire"),
        contact=("Inès Garcin", "urbanisme@forcalquier.fr", "04 92 70 91 00"),
        mairie_adresse=["Place du Bourguet", "04300 Forcalquier", "04 92 70 91 00"],
        partenaires="Parc naturel régional du Luberon",
        echelle="communale",
        secteur="La vieille ville perchée et les faubourgs au pied de la citadelle",
        intitule="Forcalquier, habiter la ville haute",
        thematiques=["logement", "patrimoine", "revitalisation_centre"],
        programmes=["petites_villes_de_demain"],
        description="La ville haute se vide de ses habitants permanents au profit des "
                    "résidences secondaires. Les rues étroites et en pente rendent "
                    "l'accès difficile. La commune veut y faire revenir des familles.",
        objectifs="Remettre sur le marché des logements vacants ; rendre la ville haute "
                  "accessible ; soutenir les commerces de proximité.",
        attendus="Une stratégie d'habitat pour la ville haute et un plan de circulation.",
        calendrier="Mars à juin 2027.",
        documents="PLU de Forcalquier ; charte du Parc naturel régional du Luberon ; étude "
                  "habitat (2024).",
        acteurs="Habitants, commerçants, bailleurs, Parc naturel régional du Luberon.",
        moyens="Salle des fêtes et repas offerts.",
        annexe1="Forcalquier compte {population} habitants.\nLe tourisme et l'agriculture "
                "(lavande, oliviers) dominent l'économie.\nUn logement sur cinq est une "
                "résidence secondaire.",
        annexe2="Le PLU date de 2019. {epci_nom} élabore son programme local de l'habitat. "
                "La commune est lauréate Petites villes de demain.",
        lieu="Forcalquier", date="2026-09-02",
        prefet=("Le préfet,", "Olivier Sarrazin"), prefecture_ville="Digne-les-Bains",
        letter_dates=("2026-08-26", "2026-09-08"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="clamecy", dep="58", porteuse=("commune", "Clamecy"),
        coll_nom="Commune de Clamecy", communes=["Clamecy"],
        epci_ecrit="Communauté de communes Haut Nivernais - Val d'Yonne",
        dep_ecrit="Nièvre (58)", region_ecrite="Bourgogne-Franche-Comté",
        etat_service="DDT de la Nièvre",
        referent=("Franck Moreau", "Chef de l'unité territoriale",
                  "franck.moreau@nievre.gouv.fr", "03 86 71 52 40"),
        elu=("Marie Bonnot", "Maire"),
        contact=("Lucas Perret", "l.perret@clamecy.fr", "03 86 27 14 01"),
        mairie_adresse=["Place Émile Zola", "58500 Clamecy", "03 86 27 14 01"],
        partenaires="CAUE de la Nièvre",
        echelle="communale",
        secteur="Les quais de l'Yonne et le quartier de Bethléem",
        intitule="Clamecy, ville de flotteurs : le port et les quais",
        thematiques=["revitalisation_centre", "patrimoine", "ecosystemes"],
        programmes=["petites_villes_de_demain"],
        description="Ancienne capitale du flottage du bois, Clamecy a conservé un centre "
                    "médiéval et des quais sur l'Yonne peu fréquentés. Le commerce du "
                    "centre décline. La commune souhaite réinvestir les quais.",
        objectifs="Valoriser les quais et le canal du Nivernais ; conforter le commerce ; "
                  "préserver les milieux de la rivière.",
        attendus="Un plan-guide des quais et une feuille de route.",
        calendrier="Printemps 2027.",
        documents="PLU de Clamecy ; site patrimonial remarquable ; étude commerciale (2025).",
        acteurs="Voies navigables de France, commerçants, associations patrimoniales.",
        moyens="Salle polyvalente et repas.",
        annexe1="Clamecy compte {population} habitants ; la population diminue.\nLe "
                "tourisme fluvial se développe.\nLa vacance commerciale est forte.",
        annexe2="Le PLU protège le centre ancien. {epci_nom} porte le PLUi en cours. "
                "La commune est lauréate Petites villes de demain.",
        lieu="Clamecy", date="2026-07-15",
        prefet=("Le préfet,", "Alain Dupré-Lasserre"), prefecture_ville="Nevers",
        letter_dates=("2026-07-08", "2026-07-20"),
        layouts=("mairie_gauche", "prefecture"),
    ),
    dict(
        key="saint_laurent_du_maroni", dep="973", porteuse=("commune", "Saint-Laurent-du-Maroni"),
        coll_nom="Commune de Saint-Laurent-du-Maroni", communes=["Saint-Laurent-du-Maroni"],
        epci_ecrit="Communauté de communes de l'Ouest Guyanais",
        dep_ecrit="Guyane (973)", region_ecrite="Guyane",
        etat_service="DGTM de Guyane",
        referent=("Nadia Sabajo", "Cheffe du service aménagement et urbanisme",
                  "nadia.sabajo@developpement-durable.gouv.fr", "0594 29 66 50"),
        elu=("Raymond Tiouka", "Maire"),
        contact=("Élodie Pinas", "e.pinas@saintlaurentdumaroni.fr", "0694 42 18 63"),
        mairie_adresse=["Place de la République", "97320 Saint-Laurent-du-Maroni",
                        "0594 34 10 02"],
        partenaires="Établissement public foncier et d'aménagement de la Guyane (EPFA), "
                    "Parc amazonien de Guyane",
        echelle="communale",
        secteur="Le centre historique du camp de la Transportation et les berges du Maroni",
        intitule="Saint-Laurent-du-Maroni, une ville qui grandit au bord du fleuve",
        thematiques=["logement", "mobilites", "risques"],
        programmes=["action_coeur_de_ville"],
        description="Saint-Laurent-du-Maroni connaît l'une des plus fortes croissances "
                    "démographiques de France. L'habitat spontané s'étend et les berges "
                    "du Maroni sont exposées aux inondations. La commune veut organiser "
                    "sa croissance autour de son centre historique.",
        objectifs="Accueillir la croissance dans des quartiers équipés ; organiser les "
                  "mobilités fluviales et terrestres ; réduire l'exposition aux inondations.",
        attendus="Un schéma d'aménagement du centre et des berges et un programme "
                 "d'actions prioritaires.",
        calendrier="Saison sèche 2027 (août à novembre).",
        documents="PLU de Saint-Laurent-du-Maroni ; schéma d'aménagement régional ; "
                  "opération d'intérêt national ; PPRI du Maroni.",
        acteurs="EPFA Guyane, Collectivité territoriale de Guyane, autorités coutumières, "
                "piroguiers, associations de quartier.",
        moyens="Salle du camp de la Transportation et pirogue pour les visites.",
        annexe1="Saint-Laurent-du-Maroni compte {population} habitants et pourrait "
                "dépasser 100 000 habitants d'ici 2040.\nLa moitié de la population a "
                "moins de 25 ans.\nLes besoins en logements et en équipements sont "
                "considérables.",
        annexe2="La commune est concernée par l'opération d'intérêt national de Guyane. "
                "{epci_nom} porte le plan de mobilité. Le programme Action cœur de ville "
                "finance la requalification du centre.",
        lieu="Saint-Laurent-du-Maroni", date="2026-03-23",
        prefet=("Le sous-préfet de Saint-Laurent-du-Maroni,", "Yannick Bellemare"),
        prefet_slug="sous_prefet", prefecture_ville="Saint-Laurent-du-Maroni",
        prefet_head=["PRÉFET", "DE LA RÉGION", "GUYANE"],
        prefet_service=["Sous-préfecture de Saint-Laurent-du-Maroni", "Rue Thiers",
                        "97320 Saint-Laurent-du-Maroni"],
        letter_dates=("2026-03-17", "2026-03-30"),
        layouts=("centre", "prefecture"),
    ),
    dict(
        key="fecamp", dep="76", porteuse=("commune", "Fécamp"),
        coll_nom="Ville de Fécamp", communes=["Fécamp"],
        epci_ecrit="Fécamp Caux Littoral Agglomération",
        dep_ecrit="Seine-Maritime", region_ecrite="Normandie",
        etat_service="DDTM de la Seine-Maritime",
        referent=("Cédric Lemonnier", "Chef du bureau littoral et risques",
                  "cedric.lemonnier@seine-maritime.gouv.fr", "02 35 58 53 27"),
        elu=("Véronique Lecoq", "Maire"),
        contact=("Arnaud Delahaye", "a.delahaye@ville-fecamp.fr", "02 35 28 20 81"),
        mairie_adresse=["Hôtel de ville", "76400 Fécamp", "02 35 28 20 81"],
        partenaires="Conservatoire du littoral, Grand Port maritime",
        echelle="site",
        secteur="Le port et le front de mer, du bassin Bérigny à la plage",
        intitule="Fécamp, le port et la falaise",
        thematiques=["risques", "entree_de_ville", "economie_ess"],
        programmes=[],
        description="Le front de mer de Fécamp est exposé à la submersion et au recul des "
                    "falaises. Le port se transforme avec l'arrivée de l'éolien en mer. La "
                    "ville veut repenser l'entrée par le port.",
        objectifs="Adapter le front de mer aux risques ; accueillir les activités liées à "
                  "l'éolien en mer ; requalifier l'entrée de ville portuaire.",
        attendus="Un schéma d'aménagement du front de mer et des scénarios d'adaptation.",
        calendrier="Démarrage à l'automne 2026.",
        documents="PLU de Fécamp ; PPRL ; stratégie locale de gestion du trait de côte.",
        acteurs="Port, pêcheurs, exploitants du parc éolien, Conservatoire du littoral.",
        moyens="Salle du palais Bénédictine et repas.",
        annexe1="Fécamp compte {population} habitants.\nLa pêche, le tourisme et "
                "l'éolien en mer structurent l'économie.\nLes falaises reculent de "
                "20 centimètres par an.",
        annexe2="Le PLU est en révision. {epci_nom} élabore sa stratégie littorale. Le "
                "port fait l'objet d'un projet de reconversion.",
        lieu="Fécamp", date="2026-10-21",
        prefet=("Le préfet,", "Grégoire Vasseur"), prefecture_ville="Rouen",
        letter_dates=("2026-10-14", "2026-10-27"),
        layouts=("centre", "prefecture"),
    ),
    dict(
        key="die", dep="26", porteuse=("commune", "Die"),
        coll_nom="Commune de Die", communes=["Die"],
        epci_ecrit="Communauté de communes du Diois",
        dep_ecrit="Drôme (26)", region_ecrite="Auvergne-Rhône-Alpes",
        etat_service="DDT de la Drôme",
        referent=("Sylvie Faure", "Cheffe du service aménagement du territoire",
                  "sylvie.faure@drome.gouv.fr", "04 81 66 80 12"),
        elu=("Paul Reynaud", "Maire"),
        contact=("Chloé Bernard", "c.bernard@mairie-die.fr", "04 75 22 03 03"),
        mairie_adresse=["Rue Émile Laurens", "26150 Die", "04 75 22 03 03"],
        partenaires="Parc naturel régional du Vercors",
        echelle="communale",
        secteur="Le centre ancien dans les remparts et l'entrée nord par la RD 93",
        intitule="Die, centre ancien et entrée de ville",
        thematiques=["revitalisation_centre", "entree_de_ville", "mobilites"],
        programmes=["petites_villes_de_demain"],
        description="Le centre ancien de Die, enserré dans ses remparts, souffre du trafic "
                    "de la RD 93 et d'une entrée de ville commerciale peu qualitative. La "
                    "commune veut apaiser la traversée et soutenir le commerce du centre.",
        objectifs="Apaiser la traversée ; requalifier l'entrée nord ; soutenir le commerce.",
        attendus="Un plan-guide et un programme d'actions.",
        calendrier="Hiver 2026-2027.",
        documents="PLU de Die ; étude de circulation (2024) ; charte du Parc du Vercors.",
        acteurs="Département de la Drôme, commerçants, Parc du Vercors.",
        moyens="Salle polyvalente et repas.",
        annexe1="Die compte {population} habitants.\nLe tourisme et la clairette "
                "structurent l'économie.\nLe centre ancien perd des commerces.",
        annexe2="Le PLU date de 2020. {epci_nom} porte un projet de territoire. La "
                "commune est lauréate Petites villes de demain.",
        lieu="Die", date="2026-12-03",
        prefet=("La préfète,", "Corinne Vachon"), prefecture_ville="Valence",
        letter_dates=("2026-11-26", "2026-12-09"),
        layouts=("mairie_gauche", "prefecture"),
    ),
]
