"""Generate the unseen dossiers: samples/unseen/{tune,frozen}/<NN_slug>/{input/, expected.json}.

    /work/main/.venv/bin/python samples/unseen/generate.py [--only CASE ...] [--list]

Written apart from samples/gen on purpose (other territories, people, letterheads, ways of
writing the fiche, degradations and packaging). Everything is seeded: the same command gives
the same files. frozen/ is only ever measured, never used to tune Guichet."""

from __future__ import annotations

import argparse
import datetime
import json
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from samples.unseen.maker import dossier, package, people, render, truth  # noqa: E402

# slot, porteur, fiche form, rendering, packaging, defects (empty: complete).
CASES = [
    ("metro", "commune", "official_pdf", "digital", "eml", ()),
    ("corse", "commune", "slash_pdf", "digital", "thread", ()),
    ("dom971", "commune", "official_docx", "letters_scanned", "eml", ()),
    ("epci_ca", "epci", "dash_pdf", "scan200", "folder", ()),
    ("saint", "commune", "table_pdf", "digital", "forward", ()),
    ("article", "commune", "official_odt", "digital", "separate", ()),
    ("dom974", "commune", "official_pdf", "scan150", "merged", ()),
    ("epci_cc", "epci", "official_pdf", "photo", "eml", ()),
    ("hyphen", "commune", "dash_odt", "digital", "zip", ()),
    ("dom972", "commune", "slash_pdf", "fax", "folder", ()),
    ("epci_metro", "epci", "table_docx", "digital", "eml", ()),
    ("epci_cu", "epci", "official_pdf", "letters_scanned", "thread", ()),
    ("metro", "commune", "official_pdf", "scan300", "eml", ()),
    ("dom973", "commune", "dash_pdf", "letters_scanned", "forward", ()),
    ("dom976", "commune", "official_docx", "digital", "separate", ()),
    ("corse", "commune", "official_pdf", "scan200", "merged", ("flip",)),
    ("saint", "commune", "slash_docx", "letters_scanned", "eml_zip", ()),
    ("epci_dom", "epci", "official_pdf", "photo", "eml", ()),
    ("article", "commune", "table_pdf", "scan150", "folder", ()),
    ("metro", "commune", "official_pdf", "digital", "eml", ()),
    ("epci_corse", "epci", "dash_pdf", "digital", "thread", ()),
    ("metro", "commune", "official_pdf", "mixed", "eml", ()),
    ("hyphen", "commune", "slash_pdf", "scan200", "eml", ()),
    ("epci_ca", "epci", "official_odt", "letters_scanned", "separate", ()),
    ("metro", "commune", "official_pdf", "digital", "merged", ()),
    ("dom974", "commune", "table_pdf", "letters_scanned", "thread", ()),
    ("saint", "commune", "official_pdf", "fax", "eml", ()),
    ("epci_cc", "epci", "slash_pdf", "digital", "forward", ()),
    ("article", "commune", "official_docx", "photo", "folder", ()),
    ("metro", "commune", "dash_pdf", "letters_scanned", "eml", ()),
    ("epci_metro", "epci", "official_pdf", "scan200", "zip", ()),
    ("dom971", "commune", "table_docx", "digital", "eml", ()),
    ("corse", "commune", "official_pdf", "letters_scanned", "thread", ()),
    ("metro", "commune", "slash_pdf", "digital", "separate", ()),
    ("saint", "commune", "official_pdf", "scan150", "folder", ("flip",)),
    ("epci_cu", "epci", "table_pdf", "digital", "eml", ()),
    ("metro", "commune", "official_odt", "letters_scanned", "forward", ()),
    ("dom972", "commune", "official_pdf", "digital", "eml", ()),
    ("hyphen", "commune", "dash_pdf", "photo", "eml", ()),
    ("metro", "commune", "official_pdf", "digital", "thread", ()),
    ("epci_cc", "epci", "official_docx", "letters_scanned", "eml", ()),
    ("metro", "commune", "table_pdf", "scan300", "merged", ()),
    ("article", "commune", "official_pdf", "digital", "zip", ()),
    ("dom976", "commune", "slash_pdf", "letters_scanned", "separate", ()),
    ("metro", "commune", "official_pdf", "mixed", "folder", ()),
    # Incomplete dossiers.
    ("metro", "commune", "official_pdf", "digital", "eml", ("no_prefet",)),
    ("dom974", "commune", "slash_pdf", "letters_scanned", "thread", ("coll_unsigned",)),
    ("epci_ca", "epci", "official_pdf", "scan200", "eml", ("prefet_sg",)),
    ("corse", "commune", "official_docx", "digital", "separate", ("prefet_not_dgaln",)),
    ("metro", "commune", "dash_pdf", "digital", "folder", ("empty:s5",)),
    ("saint", "commune", "official_pdf", "letters_scanned", "eml", ("unknown_commune",)),
    ("epci_cc", "epci", "table_pdf", "scan150", "eml", ("commune_outside_epci",)),
    ("metro", "commune", "official_pdf", "photo", "folder", ("prefet_unsigned",)),
    ("article", "commune", "official_pdf", "digital", "eml", ("no_coll",)),
    ("metro", "commune", "slash_pdf", "letters_scanned", "forward", ("coll_adjoint",)),
    ("hyphen", "commune", "official_pdf", "digital", "eml", ("prefet_other_dep",)),
    ("metro", "commune", "official_odt", "fax", "eml", ("empty:a2", "prefet_unsigned")),
    ("hyphen", "commune", "official_pdf", "scan200", "merged", ("no_fiche",)),
    ("epci_metro", "epci", "dash_pdf", "digital", "thread", ("empty:s4", "coll_unsigned")),
    ("metro", "commune", "official_pdf", "letters_scanned", "eml", ("unknown_commune",)),
    ("dom972", "commune", "table_pdf", "digital", "zip", ("no_prefet",)),
    ("saint", "commune", "official_pdf", "scan150", "eml", ("prefet_sg", "prefet_not_dgaln")),
    ("metro", "commune", "slash_docx", "digital", "eml", ("coll_unsigned",)),
    ("corse", "commune", "official_pdf", "photo", "separate", ("prefet_unsigned",)),
]
TUNE_SHARE = 24
DRAW_STEP = 100_000     # --draw K shifts every seed by K steps: other people, places, drawings
SPLIT_SEED = 20261230   # the first seed from 20261200 on whose split covers every family (see covered())


def recipes() -> list[tuple[int, dossier.Recipe]]:
    return [(i, dossier.Recipe(slot, form, rend, pack, defects, porteur))
            for i, (slot, porteur, form, rend, pack, defects) in enumerate(CASES)]


def families(r: dossier.Recipe) -> set[str]:
    """What a dossier exercises, for checking that both halves hold every family."""
    layout, fmt = r.form.split("_")
    group = "epci" if r.porteur == "epci" else ("dom" if r.slot.startswith("dom") else r.slot)
    return {f"render:{r.render}", f"package:{r.package.replace('eml_zip', 'zip')}", f"layout:{layout}",
            f"format:{fmt}", f"territory:{group}",
            "verdict:" + ("incomplete" if [d for d in r.defects if d != "flip"] else "complete")}


def covered(half: dict[int, str]) -> bool:
    """Every family met at least twice in the set appears in both halves."""
    seen: dict[str, set[str]] = {}
    count: dict[str, int] = {}
    for i, r in recipes():
        for f in families(r):
            seen.setdefault(f, set()).add(half[i])
            count[f] = count.get(f, 0) + 1
    return all(len(seen[f]) == 2 for f in seen if count[f] >= 2)


def split(seed: int = SPLIT_SEED) -> dict[int, str]:
    """Seeded shuffle within each (scanned, complete) stratum so that both halves hold each."""
    rng = random.Random(seed)
    strata: dict[tuple, list[int]] = {}
    for i, r in recipes():
        complete = not [d for d in r.defects if d != "flip"]
        strata.setdefault((r.render in render.SCANNED, complete), []).append(i)
    half: dict[int, str] = {}
    total = len(CASES)
    quota = {k: round(len(v) * TUNE_SHARE / total) for k, v in strata.items()}
    while sum(quota.values()) != TUNE_SHARE:      # rounding: fix on the largest stratum
        big = max(strata, key=lambda k: len(strata[k]))
        quota[big] += 1 if sum(quota.values()) < TUNE_SHARE else -1
    for key in sorted(strata):
        members = strata[key][:]
        rng.shuffle(members)
        for j, i in enumerate(members):
            half[i] = "tune" if j < quota[key] else "frozen"
    return half


def case_names() -> dict[int, tuple[str, str]]:
    """index -> (half, 'NN_slug'), numbered in order within each half."""
    half = split()
    counters = {"tune": 0, "frozen": 0}
    out = {}
    for i, r in recipes():
        h = half[i]
        counters[h] += 1
        defects = "-".join(d.replace("empty:", "vide-").replace("_", "-") for d in r.defects if d != "flip")
        spec = dossier.build("", 1000 + i, r)
        slug = "_".join(x for x in [people.ascii_slug(spec.place, "-"), r.form.split("_")[0], r.render,
                                    r.package, defects] if x)
        out[i] = (h, f"{counters[h]:02d}_{slug}")
    return out


def mails(spec: dossier.Spec, pieces: list[package.Piece], rng: random.Random) -> list[package.Mail]:
    r = spec.recipe
    p = spec.people
    place = spec.place
    coll = spec.truth.get("s1.collectivite.nom") or f"Commune {place}"
    subject = rng.choice([f"Candidature Atelier des territoires Flash – {coll}",
                          f"Atelier Flash : candidature {place}", f"[ATF] Dossier de candidature {place}",
                          f"Candidature ATF {spec.recipe.porteur == 'epci' and coll or place}"])
    dgaln = "Bureau AD1 <atelier-des-territoires.ad1.dhup.dgaln@developpement-durable.gouv.fr>"
    contact = f"{p['contact'].first} {p['contact'].last} <{p['contact'].email(spec.porteur_domain, 0)}>"
    referent = f"{p['ref'].first} {p['ref'].last} <{p['ref'].email(spec.state_domain, 0)}>"
    pref_sender = f"Bureau de la coordination <pref-coordination@{spec.dep.code.lower()}.gouv.fr>" \
        if rng.random() < 0.5 else f"Secrétariat du préfet <secretariat-prefet@{people.ascii_slug(spec.dep.nom, '-')}.gouv.fr>"
    d0 = spec.mail_date
    later = d0 + datetime.timedelta(days=rng.randrange(2, 15), hours=rng.randrange(1, 6))
    porteur_bodies = [
        "Madame, Monsieur,\n\nVeuillez trouver ci-joint le dossier de candidature de {c} à l'Atelier des territoires Flash.\n\nBien cordialement,\n{n}",
        "Bonjour,\n\nJe vous prie de trouver en pièces jointes notre candidature à l'Atelier des territoires Flash.\n\nCordialement\n{n}",
        "Bonjour à l'équipe AD1,\n\nComme convenu avec nos interlocuteurs de l'État ({s}), voici notre candidature.\n\n{n}\nService urbanisme",
    ]
    state_bodies = [
        "Bonjour,\n\nJe vous transmets la candidature de {c} à l'Atelier des territoires Flash, préparée avec nos services.\n\nCordialement,\n{n}\n{s}",
        "Madame la Sous-directrice,\n\nVous trouverez ci-joint le dossier complet de {c}.\n\nBien respectueusement,\n{n}",
    ]
    fiche_and_coll = [x for x in pieces if x.kind != "courrier_prefet"]
    prefs = [x for x in pieces if x.kind == "courrier_prefet"]
    sender_first = contact if rng.random() < 0.6 else referent
    signer = sender_first.split(" <")[0]
    service = spec.truth.get("s1.etat.service") or spec.dep.state_service()
    body = rng.choice(porteur_bodies if sender_first == contact else state_bodies).format(c=coll, n=signer, s=service)
    contact_body = rng.choice(porteur_bodies).format(c=coll, n=contact.split(" <")[0], s=service)
    if r.package in ("eml", "eml_zip"):
        return [package.Mail(sender_first, dgaln, subject, d0, body, pieces, logo=rng.random() < 0.5,
                             rfc2047_names=rng.random() < 0.3,
                             zip_name=f"Dossier candidature {place}.zip" if r.package == "eml_zip" else None)]
    if r.package == "thread":
        m1 = package.Mail(contact, dgaln, subject, d0, contact_body, fiche_and_coll, logo=True)
        m2 = package.Mail(referent, dgaln, f"RE: {subject}", later,
                          "Bonjour,\n\nEn complément, voici le courrier de soutien du préfet.\n\nCordialement,\n"
                          + referent.split(" <")[0] + f"\n{spec.truth.get('s1.etat.service') or 'DDT'}",
                          prefs, reply_to=m1, rfc2047_names=True)
        return [m for m in (m1, m2) if m.pieces or m is m1]
    if r.package == "forward":
        inner = package.Mail(contact, referent, subject, d0, contact_body, fiche_and_coll, logo=True)
        outer = package.Mail(referent, dgaln, f"TR: {subject}", later,
                             "Bonjour,\n\nJe vous transfère la candidature de la collectivité, "
                             "accompagnée du courrier de soutien du préfet.\n\nBien à vous,\n" + referent.split(" <")[0],
                             prefs, forward_of=inner)
        return [outer]
    if r.package == "separate":
        m1 = package.Mail(sender_first, dgaln, subject, d0, body, fiche_and_coll, logo=rng.random() < 0.5)
        m2 = package.Mail(pref_sender, dgaln,
                          rng.choice([f"Courrier du préfet – soutien à la candidature de {coll}",
                                      f"Atelier des territoires Flash – avis de la préfecture ({place})"]),
                          later, f"Madame, Monsieur,\n\nVous trouverez ci-joint le courrier du préfet relatif à la "
                                 f"candidature {spec.dep.of()} ({place}).\n\nLe bureau de la coordination",
                          prefs, rfc2047_names=rng.random() < 0.5)
        return [m for m in (m1, m2) if m.pieces]
    return []


def write_case(index: int, recipe: dossier.Recipe, half: str, name: str, root: Path = HERE,
               draw: int = 0) -> None:
    spec = dossier.build(name, 1000 + index + DRAW_STEP * draw, recipe)
    rng = random.Random(5000 + index + DRAW_STEP * draw)
    pieces, _ = render.build_pieces(spec)
    target = root / half / name
    if target.exists():
        shutil.rmtree(target)
    (target / "input").mkdir(parents=True)
    messages: list[dict] = []
    docs: list[dict] = []
    if recipe.package in ("eml", "eml_zip", "thread", "forward", "separate"):
        ms = mails(spec, pieces, rng)
        for k, m in enumerate(ms):
            stem = ["message", "mail", "candidature"][index % 3]
            (target / "input" / f"{stem}{k + 1}.eml").write_bytes(package.eml_bytes(m))
            messages.append(package.mail_entry(m))
            carried = list(m.pieces) + (list(m.forward_of.pieces) if m.forward_of else [])
            docs += package.documents(carried, prefix=f"{m.zip_name}/" if m.zip_name else "")
    elif recipe.package == "zip":
        zname = f"Candidature_{people.ascii_slug(spec.place, '_')}.zip"
        (target / "input" / zname).write_bytes(package.make_zip([(p.name, p.data) for p in pieces], spec.mail_date))
        docs = package.documents(pieces, prefix=zname + "/")
    elif recipe.package == "merged":
        order = pieces[:]
        rng.shuffle(order)
        pdfs = [p.data if p.name.endswith(".pdf") else render.fiche.convert(p.data, "." + p.name.rsplit(".", 1)[1], "pdf")
                for p in order]
        merged = package.merge_pdfs(pdfs)
        fname = rng.choice([f"Dossier complet {spec.place}.pdf", f"Numérisation_{spec.mail_date:%d%m%Y}.pdf",
                            "scan_dossier_ATF.pdf"])
        (target / "input" / fname).write_bytes(merged)
        start = 1
        for p in order:
            docs.append({"file": fname, "sha256": package.hashlib.sha256(merged).hexdigest(),
                         "pages": list(range(start, start + p.pages)), "kind": p.kind, "ocr": p.ocr})
            start += p.pages
    else:
        for p in pieces:
            (target / "input" / p.name).write_bytes(p.data)
        docs = package.documents(pieces)
    messages.sort(key=lambda m: m["date"])
    expected = {"version": 1, "case": name, "messages": messages, "documents": docs,
                "fields": truth.fields(spec), "completeness": truth.completeness(spec)}
    (target / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="case names or prefixes (e.g. tune/03 or 03_ or a slug)")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--root", type=Path, default=HERE, help="write tune/ and frozen/ under this folder")
    ap.add_argument("--draw", type=int, default=0,
                    help="K > 0: a fresh draw of all the recipes with other seeds, written to ROOT/drawK/ "
                         "(a study set, never committed; the committed halves are draw 0)")
    args = ap.parse_args()
    if args.draw:
        for i, r in recipes():
            spec = dossier.build("", 1000 + i + DRAW_STEP * args.draw, r)
            n = f"{i + 1:02d}_{people.ascii_slug(spec.place, '-')}_{r.form.split('_')[0]}_{r.render}_{r.package}"
            if not args.only or any(o in n for o in args.only):
                print(f"draw{args.draw}/{n}", flush=True)
                write_case(i, r, f"draw{args.draw}", n, args.root, args.draw)
        return
    names = case_names()
    if args.list:
        for _, (h, n) in sorted(names.items(), key=lambda kv: kv[1]):
            print(f"{h}/{n}")
        return
    for i, r in recipes():
        h, n = names[i]
        full = f"{h}/{n}"
        if args.only and not any(full.startswith(o) or n.startswith(o) or o in n for o in args.only):
            continue
        print(full, flush=True)
        write_case(i, r, h, n, args.root)


if __name__ == "__main__":
    main()
