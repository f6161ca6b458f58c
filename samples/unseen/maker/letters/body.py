"""The addressee block, the references and object, and the paragraphs of the letter."""
from __future__ import annotations

import datetime
import re

from .fonts import load_font
from .names import random_person, upper_surname
from .pdf import wrap
from .places import long_date, phone, place_of
from .texts import CLOSINGS_COLL, CLOSINGS_PREF, DGALN_LINES, DGALN_SALUTE, ISSUES, STREETS, _cap1


class BodyMixin:
    """Part of _Letter: what is written between the letterhead and the signatory block."""

    # ---- body
    def addressee(self) -> str:
        """Draws the addressee block; returns the salutation."""
        rng, s = self.rng, self.spec
        if s.to_dgaln:
            lines = list(rng.choice(DGALN_LINES))
            salute = rng.choice(DGALN_SALUTE)
        elif s.kind == "prefet":
            fem = rng.random() < 0.4
            if self.epci:
                lines = [f"{'Madame la Présidente' if fem else 'Monsieur le Président'}", f"{s.collectivite_name}"]
            else:
                lines = [f"{'Madame la Maire' if fem else 'Monsieur le Maire'}", "Hôtel de ville",
                         ]
            lines += [rng.choice(STREETS),
                      f"{self.porteuse_postcode()} {self.town if not self.epci else self.porteuse_town()}"]
            salute = ("Madame la Présidente," if fem else "Monsieur le Président,") if self.epci else \
                ("Madame la Maire," if fem else "Monsieur le Maire,")
        else:
            fem = rng.random() < 0.4
            if rng.random() < 0.6:
                lines = [f"{'Madame la Préfète' if fem else 'Monsieur le Préfet'} {self.dept_of}",
                         rng.choice(["Direction départementale des territoires", "Préfecture",
                                     "Sous-préfecture", "DDT(M) – Service aménagement"]),
                         f"{rng.choice(STREETS)}", "CS 00001"]
                salute = "Madame la Préfète," if fem else "Monsieur le Préfet,"
            else:
                lines = [f"{'Madame la Directrice' if fem else 'Monsieur le Directeur'} départemental{'e' if fem else ''}",
                         "des territoires", f"{self.dept_of}", f"{rng.choice(STREETS)}"]
                salute = "Madame la Directrice," if fem else "Monsieur le Directeur,"
        fs = self.size - rng.choice([0, 0.5, 1])
        widest = max(load_font(self.bold).string_width(ln, fs) for ln in lines)
        x = self.mr - rng.uniform(200, 250) if rng.random() < 0.85 else self.ml
        x = max(self.ml, min(x, self.mr - widest))
        bold_first = rng.random() < 0.4
        if rng.random() < 0.25 and s.kind == "collectivite":
            self.y -= self.lead
            self.page.text(x, self.y, "à", self.reg, fs)
        for i, ln in enumerate(lines):
            self.y -= fs * 1.22
            self.page.text(x, self.y, ln, self.bold if (bold_first and i == 0) else self.reg, fs)
        self.addr_x = x
        return salute

    def porteuse_postcode(self) -> str:
        code = self.spec.departement_code
        if self.spec.kind == "collectivite":
            return self.spec.postcode
        if code in ("2A", "2B"):
            return f"20{self.rng.randint(10, 290):03d}"
        if len(code) == 3:
            return f"{code}{self.rng.randint(10, 90)}"
        return f"{code}{self.rng.randint(100, 990)}"

    def porteuse_town(self) -> str:
        n = self.spec.collectivite_name
        m = re.search(r"(?:de |d'|du )([A-ZÉ][\w'-]+)\s*$", n)
        return m.group(1) if m else self.spec.seat_town

    def refs_and_object(self, date_line: str | None):
        rng, s = self.rng, self.spec
        fs = self.size - rng.choice([0, 0.5, 1])
        lines = []
        initials = "".join(w[0] for w in (self.first + " " + self.surname).replace("-", " ").split() if w[:1].isupper())
        if rng.random() < 0.6:
            lines.append(("N/Réf. : " if rng.random() < 0.5 else "Nos réf. : ",
                          f"{initials}/{rng.choice(['DGS', 'SG', 'CAB', 'AD', 'URBA'])}/{s.date.year}-{rng.randint(12, 480):03d}"))
        if rng.random() < 0.3:
            lines.append(("V/Réf. : ", rng.choice(["appel à candidatures du 15 janvier 2026", "votre courriel du 2 février",
                                                   "—"])))
        if s.kind == "collectivite" and rng.random() < 0.5:
            f2, sur2, _ = random_person(rng)
            lines.append(("Affaire suivie par : ", f"{f2} {sur2}, {rng.choice(['DGS', 'chargé de mission', 'service urbanisme', 'cheffe de projet Petites villes de demain'])}"))
        obj = rng.choice([
            "Candidature à l'appel à projets « Atelier des territoires Flash »",
            f"Lettre de soutien – Atelier des territoires Flash – {s.project_title}",
            f"Atelier des territoires « Flash » : candidature {place_of(self.town) if not self.epci else 'de ' + self.coll_phrase()}",
            f"Soutien à la candidature de {self.coll_phrase()} à l'Atelier des territoires Flash",
            "Appel à candidatures Atelier des territoires Flash 2026",
        ])
        if s.kind == "prefet" and rng.random() < 0.6:
            obj = f"Avis sur la candidature de {self.coll_phrase()} à l'Atelier des territoires Flash"
        lines.append(("Objet : ", obj))
        if rng.random() < 0.35:
            pj = ["fiche de candidature", "1 fiche de candidature et ses annexes"]
            if s.kind == "collectivite":
                pj += ["délibération du conseil " + ("communautaire" if self.epci else "municipal"),
                       "note de présentation du projet"]
            lines.append(("P.J. : ", rng.choice(pj)))
        self.y -= self.lead * rng.uniform(1.6, 2.4)
        if date_line:
            self.page.text(self.ml, self.y, date_line, self.reg, fs)
            self.y -= self.lead * 1.5
        bold_labels = rng.random() < 0.7
        underline_obj = rng.random() < 0.25
        for label, val in lines:
            lf = self.bold if bold_labels else self.reg
            lw = load_font(lf).string_width(label, fs)
            vlines = wrap(val, self.bold if (label.startswith("Objet") and rng.random() < 0.3) else self.reg,
                          fs, self.mr - self.ml - lw)
            self.page.text(self.ml, self.y, label, lf, fs)
            if underline_obj and label.startswith("Objet"):
                self.page.line(self.ml, self.y - 1.5, self.ml + lw - load_font(lf).string_width(" : ", fs), self.y - 1.5, 0.5)
            for v in vlines:
                self.page.text(self.ml + lw, self.y, v, self.reg, fs)
                self.y -= fs * 1.25
            self.y -= 2
        self.y -= self.lead * rng.uniform(0.6, 1.4)

    def body_collectivite(self, salute: str) -> list[str]:
        rng, s = self.rng, self.spec
        coll = self.coll_phrase()
        proj = s.project_title
        who = "soussignée" if self.female else "soussigné"
        simple_title = not re.search(r",|\b[Pp]our\b|P/", s.signatory_title)
        name_in_body = f"{self.first} {upper_surname(self.surname)}"
        intro = rng.choice([
            f"J'ai l'honneur de vous adresser la candidature de {coll} à l'appel à projets « Atelier des territoires "
            f"Flash », pour le projet intitulé « {proj} ».",
            f"J'ai l'honneur de vous confirmer le soutien de {coll} à la candidature à l'Atelier des territoires "
            f"Flash, sur le thème « {proj} »." if not simple_title else
            f"Je {who} {name_in_body}, {self.signer_role()}, confirme par la présente le soutien plein et entier de "
            f"{coll} à la candidature déposée au titre de l'Atelier des territoires Flash, sur le thème « {proj} ».",
            f"Par ce courrier, {coll} souhaite vous faire part de son engagement dans la démarche « Atelier des "
            f"territoires Flash » proposée par la Direction générale de l'aménagement, du logement et de la nature, "
            f"autour du sujet suivant : {proj}.",
            f"C'est avec conviction que je porte la candidature de {coll} à l'Atelier des territoires Flash. "
            f"Notre sujet, « {proj} », engage l'avenir de notre territoire pour les vingt prochaines années.",
        ])
        iss = rng.sample(ISSUES, rng.randint(2, 3))
        ctx = rng.choice([
            f"Notre territoire fait face à plusieurs défis : {', '.join(iss[:-1])} et {iss[-1]}. ",
            f"Depuis plusieurs années, les élus observent {iss[0]}, auxquels s'ajoutent {', '.join(iss[1:])}. ",
        ]) + rng.choice([
            "Les études déjà conduites n'ont pas permis de dégager une vision partagée entre les acteurs.",
            "Nous avons besoin d'un regard extérieur et d'une méthode pour passer du diagnostic à l'action.",
            "Ces questions dépassent le cadre de nos documents d'urbanisme et appellent une réflexion à une autre échelle.",
        ])
        expect = rng.choice([
            "Nous attendons de l'Atelier qu'il nous aide à construire, avec les habitants, les acteurs économiques "
            "et les services de l'État, une feuille de route opérationnelle et partagée.",
            "L'Atelier des territoires Flash, par son format court et intensif, correspond exactement au besoin "
            "d'une collectivité de notre taille, dont l'ingénierie est limitée.",
            "La démarche nous permettra de croiser les regards des élus, des techniciens et des partenaires, "
            "et de tester des scénarios d'aménagement avant d'engager des investissements lourds.",
        ])
        d = s.date - datetime.timedelta(days=rng.randint(8, 40))
        organ = "le conseil communautaire" if self.epci else "le conseil municipal"
        commit = rng.choice([
            f"Par délibération du {long_date(d, rng)}, {organ} a approuvé à l'unanimité le principe de cette "
            f"candidature. La collectivité s'engage à mobiliser ses services, à réunir ses partenaires et à "
            f"accueillir les journées d'atelier.",
            f"{_cap1(coll)} s'engage à participer activement à l'ensemble de la démarche, à mettre à disposition "
            f"les locaux nécessaires et à associer les communes voisines concernées.",
            f"Les élus de {coll} seront pleinement mobilisés, aux côtés de la direction départementale des "
            f"territoires, pendant toute la durée de l'atelier.",
        ])
        f2, sur2, fem2 = random_person(rng)
        contact = rng.choice([
            f"{'Mme' if fem2 else 'M.'} {f2} {sur2}, {rng.choice(['directrice générale des services' if fem2 else 'directeur général des services', 'chargée de mission aménagement' if fem2 else 'chargé de mission aménagement'])}, "
            f"se tient à votre disposition pour tout renseignement ({phone(rng, s.departement_code)}).",
            None, None,
        ])
        paras = [intro, ctx, expect, commit] + ([contact] if contact else [])
        if rng.random() < 0.3:
            paras.insert(2, rng.choice([
                "Cette réflexion s'inscrit dans la continuité de l'Opération de revitalisation de territoire signée "
                "avec l'État et des programmes Petites villes de demain et Action cœur de ville.",
                "Elle prolonge le projet d'aménagement et de développement durables débattu lors de l'élaboration "
                "du plan local d'urbanisme intercommunal, et en prépare la mise en œuvre.",
                "Plusieurs propriétaires et porteurs de projets privés se sont déjà manifestés, ce qui rend "
                "d'autant plus nécessaire une vision d'ensemble cohérente et partagée.",
            ]))
        paras.append(rng.choice(CLOSINGS_COLL).format(s=salute.rstrip(",") + ","))
        return paras

    def body_prefet(self, salute: str) -> list[str]:
        rng, s = self.rng, self.spec
        coll = self.coll_phrase()
        proj = s.project_title
        svc = "la direction départementale des territoires" + (" et de la mer" if rng.random() < 0.4 else "")
        if s.to_dgaln:
            intro = rng.choice([
                f"J'ai l'honneur de vous transmettre, avec un avis très favorable, la candidature de {coll} à "
                f"l'appel à projets « Atelier des territoires Flash », intitulée « {proj} ».",
                f"Vous trouverez ci-joint la candidature de {coll} à l'Atelier des territoires Flash. "
                f"J'apporte à cette démarche, « {proj} », mon entier soutien.",
                f"Je souhaite vous faire part de mon soutien à la candidature présentée par {coll} dans le cadre "
                f"de l'Atelier des territoires Flash, sur le thème « {proj} ».",
            ])
        else:
            intro = rng.choice([
                f"Par courrier du {long_date(s.date - datetime.timedelta(days=rng.randint(5, 30)), rng)}, vous "
                f"m'avez fait part de l'intention de {coll} de se porter candidate à l'Atelier des territoires "
                f"Flash pour le projet « {proj} ». J'ai le plaisir de vous informer que j'apporte mon plein soutien "
                f"à cette candidature.",
                f"Je vous confirme le soutien des services de l'État à la candidature de {coll} à l'Atelier des "
                f"territoires Flash, consacrée à « {proj} ».",
            ])
        iss = rng.sample(ISSUES, 2)
        body = [intro,
                rng.choice([
                    f"Ce projet répond à des enjeux importants pour le département, notamment {iss[0]} et {iss[1]}. "
                    f"Il s'inscrit pleinement dans les priorités de l'État en matière de sobriété foncière et "
                    f"d'adaptation au changement climatique.",
                    f"Les services de l'État partagent le diagnostic de la collectivité : {iss[0]} appelle une "
                    f"réponse concertée, que les outils classiques de planification peinent à apporter.",
                ]),
                rng.choice([
                    f"{_cap1(svc)} accompagnera la collectivité tout au long de la démarche et en assurera le "
                    f"pilotage local avec le ou la référent(e) désigné(e) au sein du service.",
                    f"{_cap1(svc)} s'est d'ores et déjà rapprochée des élus pour préparer l'atelier et mobilisera "
                    f"ses agents pour en garantir la réussite.",
                ])]
        if rng.random() < 0.4:
            body.append("Cette candidature a été présentée en comité de pilotage départemental de l'ingénierie "
                        "territoriale, qui a émis un avis unanimement favorable.")
        body.append(rng.choice(CLOSINGS_PREF).format(s=salute.rstrip(",") + ","))
        return body
