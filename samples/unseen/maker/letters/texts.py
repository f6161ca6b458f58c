"""Stock wording of the letters: the DGALN address blocks, streets, the issues a
territory raises, long paragraphs and closing formulas."""
from __future__ import annotations

DGALN_LINES = [
    ["Madame la Sous-directrice de l'aménagement durable",
     "Direction générale de l'aménagement, du logement et de la nature",
     "Direction de l'habitat, de l'urbanisme et des paysages",
     "Sous-direction de l'aménagement durable (AD1)", "Tour Séquoia", "92055 La Défense Cedex"],
    ["Ministère de la Transition écologique et de la Cohésion des territoires", "DGALN / DHUP / AD1",
     "À l'attention de Madame la sous-directrice", "de l'aménagement durable", "Tour Séquoia",
     "1, place Carpeaux", "92800 Puteaux"],
    ["Madame la sous-directrice", "de l'aménagement durable", "DGALN – DHUP – AD1",
     "Tour Séquoia", "92055 LA DÉFENSE CEDEX"],
    ["DGALN/DHUP/AD1", "Sous-direction de l'aménagement durable", "Atelier des territoires",
     "Tour Séquoia", "92055 La Défense cedex"],
]
DGALN_SALUTE = ["Madame la Sous-directrice,", "Madame la sous-directrice,", "Madame,", "Madame, Monsieur,"]

STREETS = ["place de la Mairie", "place de l'Hôtel de Ville", "rue de la République", "avenue Jean Jaurès",
           "place du Général de Gaulle", "rue Victor Hugo", "boulevard Gambetta", "place de la Libération",
           "rue Pasteur", "avenue de la Gare", "place du Marché", "rue du 8 Mai 1945", "cours Jean Moulin",
           "rue des Écoles", "allée des Tilleuls", "esplanade Charles de Gaulle", "rue Nationale"]

ISSUES = [
    "la vacance commerciale qui progresse dans le centre ancien",
    "le recul du trait de côte et la relocalisation des activités exposées",
    "la reconversion d'une friche industrielle de plusieurs hectares en entrée de ville",
    "l'adaptation de nos espaces publics aux fortes chaleurs estivales",
    "la sobriété foncière imposée par l'objectif de zéro artificialisation nette",
    "le risque d'inondation qui contraint une large part de l'enveloppe urbaine",
    "le logement des jeunes actifs et des travailleurs saisonniers",
    "la place de la voiture et le développement des mobilités douces",
    "le devenir des bâtiments publics libérés par la mutualisation des services",
    "la diversification d'une économie touristique trop dépendante de la saison d'hiver",
    "la revitalisation d'un centre-bourg qui perd des habitants depuis vingt ans",
    "la gestion de la ressource en eau dans un contexte de sécheresses répétées",
    "l'articulation entre le bourg-centre et les hameaux",
]

LONG_PARAS = [
    "Le diagnostic partagé conduit en 2024 avec l'agence d'urbanisme a mis en évidence une perte de 6 % de la "
    "population du centre en dix ans, alors que les lotissements périphériques continuaient de s'étendre. Ce "
    "mouvement fragilise les commerces, les écoles et les services de proximité.",
    "Les habitants ont été associés dès l'origine : une réunion publique a rassemblé plus de cent cinquante "
    "personnes, et un questionnaire en ligne a recueilli près de quatre cents réponses. Leurs attentes portent "
    "d'abord sur la qualité des espaces publics et sur l'offre de logements adaptés aux personnes âgées.",
    "Plusieurs opérations sont déjà programmées : la requalification de la place centrale, l'acquisition par "
    "l'établissement public foncier d'un îlot dégradé et la création d'une voie verte vers la gare. Elles "
    "manquent toutefois d'une vision d'ensemble qui en assure la cohérence.",
    "Le territoire bénéficie par ailleurs du soutien du conseil départemental et de la région, qui ont fait "
    "part de leur intérêt pour la démarche et se sont engagés à participer aux ateliers.",
    "Enfin, la question du financement des équipements publics se pose avec une acuité particulière, dans un "
    "contexte de contraintes budgétaires fortes pour les collectivités de notre strate.",
]

CLOSINGS_COLL = [
    "Je vous prie d'agréer, {s} l'expression de mes salutations distinguées.",
    "Veuillez agréer, {s} l'assurance de ma considération distinguée.",
    "Restant à votre disposition pour tout complément d'information, je vous prie de croire, {s} "
    "à l'assurance de mes sentiments les meilleurs.",
    "Dans l'attente d'une suite favorable, je vous prie de recevoir, {s} mes respectueuses salutations.",
    "Je vous remercie par avance de l'attention portée à notre candidature et vous prie d'agréer, {s} "
    "l'expression de ma haute considération.",
]
CLOSINGS_PREF = [
    "Je vous prie d'agréer, {s} l'expression de ma considération distinguée.",
    "Mes services restent à votre disposition pour tout complément. Je vous prie de croire, {s} "
    "à l'assurance de ma considération distinguée.",
    "Je vous saurais gré de bien vouloir réserver une suite favorable à cette candidature.",
    "Je vous prie d'agréer, {s} l'assurance de mes salutations les meilleures.",
]


def _cap1(s: str) -> str:
    return s[:1].upper() + s[1:]


def _low1(s: str) -> str:
    return s[:1].lower() + s[1:]

