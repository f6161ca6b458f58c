"""Derive the shipped geography reference (schemas/data/cog.json.gz) from the Etalab package.

Rerunnable by anyone: ``python scripts/build_cog.py [--source TARBALL] [--out FILE]``.
The source is the npm tarball of ``@etalab/decoupage-administratif`` (6.0.0 by default,
copied to ``shared/data``). The output is deterministic (sorted keys, gzip without a
timestamp), so rebuilding from the same tarball gives the same bytes.

Output layout (version 1), read by ``schemas/cog.py``::

    {"version": 1,
     "source": "@etalab/decoupage-administratif 6.0.0",
     "regions":      {"53": "Bretagne", ...},
     "departements": {"35": ["Ille-et-Vilaine", "53"], ...},          # nom, région
     "communes":     {"35360": ["Vitré", "35", ["35500"]], ...},       # current communes:
                                                                      # nom, département, postcodes
     "rattachees":   [["48146", "Sainte-Enimie", "deleguee", "48146"], ...],
                     # code, nom, kind (deleguee | associee | arrondissement), current commune
     "anciens_codes": {"35213": "35288", ...},                         # former code -> current
     "epci":         {"243500733": ["CC Bretagne Romantique", "CC", ["35013", ...]], ...},
     "ept":          {"200057867": ["Plaine Commune", ["93001", ...]], ...}}

Régions of communes and the EPCI of each commune are derived when loading (from the
département and from the EPCI member lists), so they are not stored twice.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import tarfile
from collections import Counter
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "etalab-decoupage-administratif-6.0.0.tgz"
DEFAULT_OUT = ROOT / "schemas" / "data" / "cog.json.gz"
FORMAT_VERSION = 1

# communes.json "type" -> our short kind for communes that are not current communes.
RATTACHEE_KINDS = {
    "commune-deleguee": "deleguee",
    "commune-associee": "associee",
    "arrondissement-municipal": "arrondissement",
}


def read_package(source: Path) -> dict:
    """The JSON files of the npm tarball, by stem, plus its package.json."""
    wanted = ("communes", "departements", "regions", "epci", "ept")
    with tarfile.open(source) as tar:
        data = {name: _member_json(tar, f"package/data/{name}.json") for name in wanted}
        data["package"] = _member_json(tar, "package/package.json")
    return data


def _member_json(tar: tarfile.TarFile, name: str):
    try:
        member = tar.extractfile(name)
    except KeyError:
        member = None
    if member is None:
        if name.endswith("ept.json"):  # EPTs only exist in the package from 2023 on
            log.warning("%s absent from the tarball: no EPT", name)
            return []
        raise SystemExit(f"{name} is missing from the tarball")
    return json.load(member)


def build_reference(data: dict) -> dict:
    """The compact reference, from the package's parsed JSON files."""
    departements = {d["code"]: [d["nom"], d["region"]] for d in data["departements"]}
    communes = {}
    rattachees = []
    anciens = {}
    for row in data["communes"]:
        if row["type"] == "commune-actuelle":
            communes[row["code"]] = [row["nom"], row["departement"],
                                     sorted(row.get("codesPostaux", []))]
            _check_region(row, departements)
            anciens.update({old: row["code"] for old in row.get("anciensCodes", [])
                            if old != row["code"]})
        elif row["type"] in RATTACHEE_KINDS:
            parent = row.get("chefLieu") or row.get("commune")
            rattachees.append([row["code"], row["nom"], RATTACHEE_KINDS[row["type"]], parent])
        else:
            raise SystemExit(f"unknown commune type {row['type']!r} ({row['code']})")
    _check_parents(rattachees, communes)
    return {
        "version": FORMAT_VERSION,
        "source": f"{data['package']['name']} {data['package']['version']}",
        "regions": {r["code"]: r["nom"] for r in data["regions"]},
        "departements": departements,
        "communes": communes,
        "rattachees": sorted(rattachees),
        "anciens_codes": anciens,
        "epci": {e["code"]: [e["nom"], e["type"], sorted(m["code"] for m in e["membres"])]
                 for e in data["epci"]},
        "ept": {e["code"]: [e["nom"], sorted(m["code"] for m in e["membres"])]
                for e in data["ept"]},
    }


def _check_region(row: dict, departements: dict) -> None:
    """The loader derives a commune's région from its département: make sure that holds."""
    expected = departements[row["departement"]][1]
    if row["region"] != expected:
        raise SystemExit(f"{row['code']}: région {row['region']} != {expected} of its département")


def _check_parents(rattachees: list, communes: dict) -> None:
    orphans = [r for r in rattachees if r[3] not in communes]
    if orphans:
        raise SystemExit(f"{len(orphans)} rattachées point to no current commune: {orphans[:3]}")


def write_reference(reference: dict, out: Path) -> int:
    """Write deterministic gzipped JSON; returns its size in bytes."""
    text = json.dumps(reference, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    payload = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(payload)
    return len(payload)


def summary(reference: dict) -> str:
    """Counts, one line each, for the person who ran the script."""
    kinds = Counter(r[2] for r in reference["rattachees"])
    natures = Counter(e[1] for e in reference["epci"].values())
    in_epci = {c for e in reference["epci"].values() for c in e[2]}
    lines = [
        f"source: {reference['source']}",
        f"régions: {len(reference['regions'])}",
        f"départements: {len(reference['departements'])}",
        f"communes actuelles: {len(reference['communes'])}"
        f" ({len(set(reference['communes']) - in_epci)} outside any EPCI)",
        *(f"{kind}: {count}" for kind, count in sorted(kinds.items())),
        f"anciens codes: {len(reference['anciens_codes'])}",
        f"EPCI: {len(reference['epci'])} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(natures.items())) + ")",
        f"EPT: {len(reference['ept'])}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="npm tarball of @etalab/decoupage-administratif")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output .json.gz")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    reference = build_reference(read_package(args.source))
    size = write_reference(reference, args.out)
    print(summary(reference))
    print(f"wrote {args.out} ({size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
