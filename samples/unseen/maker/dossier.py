"""One dossier's spec: the territory, the people, the fiche values (the truth) and how each
value is written, the letters, and the recipe (form, rendering, packaging, defects)."""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from . import content, people, territory as geo

YEAR = 2026
TIMEZONES = {"971": "America/Guadeloupe", "972": "America/Martinique", "973": "America/Cayenne",
             "974": "Indian/Reunion", "976": "Indian/Mayotte"}
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


@dataclass
class Letter:
    kind: str                     # collectivite | prefet
    signatory: str                # name as printed
    title: str                    # quality line as printed
    qualite: str                  # truth slug
    collectivite: str             # collectivité named by the letter (prefet: the préfecture)
    is_epci: bool
    departement: str
    date: datetime.date
    to_dgaln: bool = True
    signed: bool = True
    main: bool = True             # the letter the courrier_* fields describe
    seat_town: str = ""
    postcode: str = ""
    style: int = 0
    signatory_first: str = ""
    signatory_last: str = ""
    printed_name: str | None = None   # as the rendered letter prints it (set by render)
    printed_coll: str | None = None


@dataclass
class Recipe:
    slot: str                     # territory slot
    form: str                     # official_pdf, official_docx, official_odt, retyped_*...
    render: str                   # digital, scan150, scan200, scan300, fax, photo, mixed
    package: str                  # folder, eml, thread, forward, separate, zip, merged
    defects: tuple[str, ...] = ()
    porteur: str = "commune"      # commune | epci


@dataclass
class Spec:
    case: str
    seed: int
    recipe: Recipe
    truth: dict = field(default_factory=dict)      # fiche field id -> value (None = unanswered)
    written: dict = field(default_factory=dict)    # fiche field id -> text as typed on the form
    letters: list[Letter] = field(default_factory=list)
    fiche: bool = True
    commune_codes: list = field(default_factory=list)   # resolved codes (None = unknown)
    epci: geo.Epci | None = None
    dep: geo.Departement | None = None
    place: str = ""
    mail_date: datetime.datetime | None = None
    porteur_domain: str = ""
    state_domain: str = ""
    people: dict = field(default_factory=dict)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def pick_commune(rng: random.Random, slot: str) -> geo.Commune:
    pool = [c for c in geo.communes().values() if 1200 <= c.population <= 90000 and c.code in geo.epci_of()]
    if slot.startswith("dom"):
        dep = slot[3:]
        pool = [c for c in geo.communes().values() if c.departement == dep and c.code in geo.epci_of()]
    elif slot == "corse":
        pool = [c for c in pool if c.departement in ("2A", "2B")] + \
            [geo.communes()[k] for k in ("2A272", "2B134", "2A247", "2B096")]
    elif slot == "saint":
        pool = [c for c in pool if c.nom.startswith(("Saint-", "Sainte-")) and c.departement < "97"]
    elif slot == "article":
        pool = [c for c in pool if c.nom.startswith(("Le ", "La ", "Les ", "L'"))]
    elif slot == "hyphen":
        pool = [c for c in pool if c.nom.count("-") >= 2 and not c.nom.startswith("Saint")]
    else:
        pool = [c for c in pool if c.departement < "97" and c.departement not in ("2A", "2B", "75")]
    return rng.choice(sorted(pool, key=lambda c: c.code))


def pick_epci(rng: random.Random, slot: str) -> geo.Epci:
    kinds = {"epci_cc": ("CC",), "epci_ca": ("CA",), "epci_cu": ("CU",), "epci_metro": ("METRO",)}
    pool = [e for e in geo.epcis().values() if e.kind in kinds.get(slot, ("CC", "CA"))
            and len(e.members) >= 3 and e.nom != "Métropole du Grand Paris"]
    if slot == "epci_dom":
        pool = [e for e in geo.epcis().values() if e.members[0].startswith("97")]
    if slot == "epci_corse":
        pool = [e for e in geo.epcis().values() if e.members[0][:2] in ("2A", "2B")]
    return rng.choice(sorted(pool, key=lambda e: e.siren))


def _date_fr(d: datetime.date, style: int) -> str:
    return [f"{d.day} {MONTHS[d.month - 1]} {d.year}", d.strftime("%d/%m/%Y"),
            f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}", d.strftime("%d.%m.%Y")][style % 4]


def commune_list(rng: random.Random, comms: list[tuple[str, str | None]], style: int) -> str:
    """The commune list as typed: codes, postcodes, and separators vary."""
    parts = []
    for name, code in comms:
        c = geo.communes().get(code) if code else None
        form = rng.choice(["plain", "insee_paren", "insee_dash", "code_paren", "postcode"]) if style else "plain"
        if c is None or form == "plain":
            parts.append(name)
        elif form == "insee_paren":
            parts.append(f"{name} (code INSEE {code})")
        elif form == "insee_dash":
            parts.append(f"{name} — code INSEE {code}")
        elif form == "code_paren":
            parts.append(f"{name} ({code})")
        else:
            parts.append(f"{c.postcodes[0]} {name}" if rng.random() < 0.5 else f"{name} ({c.postcodes[0]})")
    if len(parts) == 1:
        return parts[0]
    sep = rng.choice([", ", " ; ", " / ", "\n", "; "]) if style else ", "
    if sep == ", " and rng.random() < 0.6:
        return ", ".join(parts[:-1]) + " et " + parts[-1]
    return sep.join(parts)


def build(case: str, seed: int, recipe: Recipe) -> Spec:
    rng = random.Random(seed)
    spec = Spec(case, seed, recipe)
    defects = set(recipe.defects)
    wstyle = rng.randrange(4)       # how the porteur writes things
    if recipe.porteur == "epci":
        epci = pick_epci(rng, recipe.slot)
        members = [geo.communes()[m] for m in epci.members if m in geo.communes()]
        members.sort(key=lambda c: -c.population)
        chosen = members[:1] + rng.sample(members[1:], min(len(members) - 1, rng.randrange(1, 4)))
        seat = chosen[0]
    else:
        seat = pick_commune(rng, recipe.slot)
        epci = geo.epci_of()[seat.code]
        chosen = [seat]
        if rng.random() < 0.25:     # a site straddling a neighbour commune
            others = [geo.communes()[m] for m in epci.members if m != seat.code and m in geo.communes()]
            if others:
                chosen.append(rng.choice(sorted(others, key=lambda c: c.code)))
    dep = geo.departements()[seat.departement]
    spec.dep, spec.epci, spec.place = dep, epci, seat.nom
    comms: list[tuple[str, str | None]] = [(c.nom, c.code) for c in chosen]
    if "unknown_commune" in defects:
        current = {_fold(c.nom) for c in geo.communes().values() if c.departement == dep.code}
        former = sorted({f["nom"] for f in geo.former_communes() if f["departement"] == dep.code
                         and _fold(f["nom"]) not in current})
        if not former:      # a hamlet written as if it were a commune
            former = [f"{seat.nom}-Village", f"Hameau {seat.of()}"]
        comms.append((rng.choice(former), None))
    if "commune_outside_epci" in defects:
        outside = sorted((c for c in geo.communes().values() if c.departement == dep.code
                          and geo.epci_of().get(c.code) not in (None, epci) and c.population > 800),
                         key=lambda c: c.code)
        o = rng.choice(outside)
        comms.append((o.nom, o.code))
    spec.commune_codes = [code for _, code in comms]

    # People.
    ref = people.person(rng, dep.code)
    elu = people.person(rng, dep.code)
    contact = people.person(rng, dep.code)
    prefet = people.person(rng)
    spec.people = {"ref": ref, "elu": elu, "contact": contact, "prefet": prefet}
    dep_slug = people.ascii_slug(dep.nom, "-")
    spec.state_domain = {"971": "deal-guadeloupe.gouv.fr", "972": "deal-martinique.gouv.fr",
                         "973": "guyane.gouv.fr", "974": "deal-reunion.gouv.fr",
                         "976": "deal-mayotte.gouv.fr"}.get(dep.code, f"{dep_slug}.gouv.fr")
    if recipe.porteur == "epci":
        spec.porteur_domain = people.ascii_slug(epci.nom.replace("CC ", "cc-").replace("CA ", "agglo-"), "-")[:28] + ".fr"
    else:
        spec.porteur_domain = "mairie-" + people.ascii_slug(seat.nom, "-") + ".fr"

    t, w = spec.truth, spec.written
    fiche_date = datetime.date(YEAR, rng.randrange(2, 11), rng.randrange(1, 28))
    t["fiche.date"], w["fiche.date"] = fiche_date.isoformat(), _date_fr(fiche_date, rng.randrange(4))
    t["fiche.lieu"] = w["fiche.lieu"] = seat.nom
    service = dep.state_service() if rng.random() < 0.85 else f"DREAL {geo.regions()[dep.region]}"
    if dep.code in ("971", "972", "973", "974", "976"):
        service = dep.state_service()
    t["s1.etat.service"] = w["s1.etat.service"] = service
    t["s1.etat.referent_nom"] = w["s1.etat.referent_nom"] = ref.name(rng.randrange(3))
    fonction = rng.choice(["Chef du service aménagement et urbanisme", "Chargée de mission planification",
                           "Responsable de l'unité territoriale Nord", "Adjoint à la cheffe du service habitat et territoires",
                           "Chargé de projet aménagement durable"])
    t["s1.etat.referent_fonction"] = w["s1.etat.referent_fonction"] = fonction
    t["s1.etat.referent_email"] = ref.email(spec.state_domain, rng.randrange(4))
    w["s1.etat.referent_email"] = t["s1.etat.referent_email"] if rng.random() < 0.8 else \
        t["s1.etat.referent_email"].capitalize()
    t["s1.etat.referent_telephone"] = people.phone(rng, dep.code, dep.region, False)
    w["s1.etat.referent_telephone"] = people.phone_written(t["s1.etat.referent_telephone"], rng.randrange(4))
    if recipe.porteur == "epci":
        coll_name = rng.choice([epci.long_name(), epci.nom, epci.long_name()])
        if epci.long_name().startswith("Communauté de communes") and wstyle == 3:
            coll_name = epci.long_name().replace("Communauté de communes", "Cté de communes")
        t["s1.collectivite.type"] = "epci"
        qual = rng.choice(["Président", "Présidente"] if True else [])
        qual = "Présidente" if elu.female else "Président"
        if rng.random() < 0.25:
            qual = ("Vice-présidente" if elu.female else "Vice-président") + " chargé(e) de l'aménagement"
    else:
        coll_name = rng.choice(["Commune ", "Ville "]) + seat.of()
        t["s1.collectivite.type"] = "commune"
        qual = "Maire" if rng.random() < 0.8 else rng.choice(["Adjointe au maire", "Premier adjoint", "Maire de " + seat.nom])
    t["s1.collectivite.nom"] = w["s1.collectivite.nom"] = coll_name
    t["s1.collectivite.elu_nom"] = w["s1.collectivite.elu_nom"] = elu.name(rng.randrange(3))
    t["s1.collectivite.elu_qualite"] = w["s1.collectivite.elu_qualite"] = qual
    t["s1.collectivite.contact_nom"] = w["s1.collectivite.contact_nom"] = contact.name(rng.randrange(3))
    t["s1.collectivite.contact_email"] = w["s1.collectivite.contact_email"] = contact.email(spec.porteur_domain, rng.randrange(4))
    t["s1.collectivite.contact_telephone"] = people.phone(rng, dep.code, dep.region, rng.random() < 0.4)
    w["s1.collectivite.contact_telephone"] = people.phone_written(t["s1.collectivite.contact_telephone"], rng.randrange(4))
    partners = rng.choice([None, "CAUE, agence d'urbanisme", "Conseil départemental, Banque des Territoires, CAUE",
                           "Parc naturel régional, chambre d'agriculture", None])
    t["s1.partenaires"] = w["s1.partenaires"] = partners

    t["s2.communes"] = [{"nom": n, "code_insee": c} for n, c in comms]
    w["s2.communes"] = commune_list(rng, comms, wstyle != 0 or rng.random() < 0.5)
    epci_written = rng.choice([epci.nom, epci.long_name(), epci.long_name()])
    if wstyle == 2:
        epci_written = epci_written.upper() if rng.random() < 0.4 else epci_written
    t["s2.epci"] = {"nom": epci_written, "siren": epci.siren}
    w["s2.epci"] = epci_written
    t["s2.departement"] = dep.code
    w["s2.departement"] = rng.choice([dep.nom, f"{dep.nom} ({dep.code})", f"{dep.code} - {dep.nom}", dep.nom])
    t["s2.region"] = dep.region
    w["s2.region"] = geo.regions()[dep.region]
    if dep.code in ("971", "972", "973", "974", "976") and rng.random() < 0.4:
        w["s2.region"] = f"Région {w['s2.region']}"
    echelle = "intercommunale" if recipe.porteur == "epci" else rng.choice(["communale", "communale", "site"])
    if len(comms) > 1 and recipe.porteur != "epci":
        echelle = "intercommunale" if rng.random() < 0.5 else "communale"
    t["s2.echelle"] = echelle
    themes = content.pick_themes(rng)
    t["s3.thematiques"] = themes
    t["s3.programmes"] = content.pick_programmes(rng, seat.population)
    tx = content.texts(rng, seat.nom, seat.of(), themes, seat.population, YEAR)
    for k, v in tx.items():
        t[k] = w[k] = v
    for sec in [d.split(":")[1] for d in defects if d.startswith("empty:")]:
        for k in list(t):
            if k.startswith(sec + "."):
                t[k] = w[k] = None
    if "no_fiche" in defects:
        spec.fiche = False

    # Letters.
    mail_day = max(fiche_date + datetime.timedelta(days=rng.randrange(3, 20)), datetime.date(YEAR, 1, 10))
    coll_date = mail_day - datetime.timedelta(days=rng.randrange(2, 12))
    pref_date = mail_day - datetime.timedelta(days=rng.randrange(0, 6))
    zone = ZoneInfo(TIMEZONES.get(dep.code, "Europe/Paris"))
    spec.mail_date = datetime.datetime(mail_day.year, mail_day.month, mail_day.day, rng.randrange(8, 18),
                                       rng.randrange(60), tzinfo=zone)
    mayor = elu if qual.startswith("Maire") or recipe.porteur == "epci" and qual.startswith("Prés") else people.person(rng, dep.code)
    if recipe.porteur == "epci":
        pres = mayor
        ptitle = ("Présidente " if pres.female else "Président ") + epci.president_title()
        coll_letter = Letter("collectivite", pres.name(rng.randrange(3)), ptitle, "president_epci",
                             epci.long_name() if rng.random() < 0.7 else epci.nom, True, dep.code, coll_date,
                             seat_town=seat.nom, postcode=seat.postcodes[0])
        letters = [coll_letter]
        coll_letter.signatory_first, coll_letter.signatory_last = pres.first, pres.last
        if rng.random() < 0.35 and not any(d.startswith("coll_") for d in defects):
            m2 = geo.communes()[spec.commune_codes[1]] if len(spec.commune_codes) > 1 and spec.commune_codes[1] else seat
            mp = people.person(rng, dep.code)
            letters.append(Letter("collectivite", mp.name(0), f"{'Maire' } {m2.of()}".replace("Maire de", "Maire de", 1),
                                  "maire", "Commune " + m2.of(), False, dep.code,
                                  coll_date - datetime.timedelta(days=2), main=False, seat_town=m2.nom,
                                  postcode=m2.postcodes[0]))
            letters[-1].signatory_first, letters[-1].signatory_last = mp.first, mp.last
    else:
        mtitle = rng.choice(["Le Maire", f"Maire {seat.of()}", "La Maire" if mayor.female else "Le Maire",
                             f"{'La' if mayor.female else 'Le'} Maire {seat.of()}"])
        coll_letter = Letter("collectivite", mayor.name(rng.randrange(3)), mtitle, "maire", coll_name, False,
                             dep.code, coll_date, seat_town=seat.nom, postcode=seat.postcodes[0])
        coll_letter.signatory_first, coll_letter.signatory_last = mayor.first, mayor.last
        letters = [coll_letter]
    if "coll_adjoint" in defects:
        adj = people.person(rng, dep.code)
        coll_letter.signatory = adj.name(0)
        coll_letter.signatory_first, coll_letter.signatory_last = adj.first, adj.last
        e = "e" if adj.female else ""
        coll_letter.title = rng.choice([f"Pour le Maire empêché, {'la Première' if adj.female else 'le Premier'} adjoint{e}",
                                        f"{'La deuxième' if adj.female else 'Le deuxième'} adjoint{e}, délégué{e} à l'urbanisme",
                                        f"{'La Vice-présidente' if adj.female else 'Le Vice-président'} délégué{e} à l'aménagement"
                                        if recipe.porteur == "epci" else f"Pour le Maire, l'adjoint{e} délégué{e}"])
        coll_letter.qualite = "autre"
    if "coll_unsigned" in defects:
        coll_letter.signed = False
    pdep = dep
    if "prefet_other_dep" in defects:
        others = sorted((d for d in geo.departements().values() if d.region == dep.region and d.code != dep.code),
                        key=lambda d: d.code)
        pdep = rng.choice(others) if others else geo.departements()["33"]
    ptitle = f"{'La Préfète' if prefet.female else 'Le Préfet'} {pdep.of()}"
    pq = "prefet"
    if rng.random() < 0.2:
        ptitle, pq = f"{'La Sous-préfète' if prefet.female else 'Le Sous-préfet'}, pour {'la préfète' if rng.random() < 0.5 else 'le préfet'} et par délégation", "sous_prefet"
    if "prefet_sg" in defects:
        ptitle, pq = rng.choice(["Pour le préfet et par délégation, le secrétaire général",
                                 "P/la Préfète, la Secrétaire générale de la préfecture",
                                 "Le directeur départemental des territoires"]), "autre"
    pseat = geo.communes().get(geo._load and next((d["chefLieu"] for d in geo._load("departements") if d["code"] == pdep.code), ""))
    pref_letter = Letter("prefet", prefet.name(rng.randrange(3)), ptitle, pq, f"Préfecture {pdep.of()}", False,
                         pdep.code, pref_date, to_dgaln="prefet_not_dgaln" not in defects,
                         signed="prefet_unsigned" not in defects,
                         seat_town=pseat.nom if pseat else dep.nom, postcode=pseat.postcodes[0] if pseat else "")
    pref_letter.signatory_first, pref_letter.signatory_last = prefet.first, prefet.last
    letters.append(pref_letter)
    if "no_coll" in defects:
        letters = [l for l in letters if l.kind != "collectivite"]
    if "no_prefet" in defects:
        letters = [l for l in letters if l.kind != "prefet"]
    for l in letters:
        l.style = rng.randrange(1 << 16)
    spec.letters = letters
    return spec
