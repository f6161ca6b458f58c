"""The scoring of bench/accuracy.py: one case's export against its truth, and a set's figures.

Short fields are compared after folding case and accents, free text by similarity >= 0.90,
person names in any word order; a field absent from both is right.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field as dataclass_field

from rapidfuzz import fuzz

FREE_TEXT = {
    "s1.etat.referent_fonction", "s1.partenaires", "s2.secteur", "s3.intitule", "s3.description",
    "s4.objectifs", "s4.attendus", "s4.calendrier", "s5.documents", "s5.acteurs", "s5.moyens",
    "a1.dynamiques_territoire", "a2.dynamiques_amenagement",
}
PERSON_NAMES = {
    "s1.etat.referent_nom", "s1.collectivite.elu_nom", "s1.collectivite.contact_nom",
    "courrier_collectivite.signataire_nom", "courrier_prefet.signataire_nom",
}
PIECES = ("fiche", "courrier_collectivite", "courrier_prefet")
SURE = ("extracted", "corrected")
REVIEW = "VERIFICATION_REQUISE"
SIGNATURES = ("courrier_collectivite.signe", "courrier_prefet.signe")


def pieces_found(documents: list[dict]) -> dict[str, int]:
    """How many documents of each piece kind (autre left out)."""
    return {kind: sum(d["kind"] == kind for d in documents) for kind in PIECES}


def page_kinds(documents: list[dict]) -> dict[tuple[str, int], str]:
    return {(d["file"], p): d["kind"] for d in documents for p in d["pages"]}


def same_value(field: str, got, want) -> bool:
    if want is None or got is None:
        return got == want
    if field in FREE_TEXT and isinstance(want, str) and isinstance(got, str):
        return fuzz.ratio(_fold(got), _fold(want)) >= 90
    if field == "s2.communes" and isinstance(got, list):
        return [c.get("code_insee") or _fold(c.get("nom", "")) for c in got] == \
            [c.get("code_insee") or _fold(c.get("nom", "")) for c in want]
    if field == "s2.epci" and isinstance(got, dict):
        return (got.get("siren") or _fold(got.get("nom", ""))) == (want.get("siren") or _fold(want.get("nom", "")))
    if field in PERSON_NAMES and isinstance(want, str) and isinstance(got, str):
        # "BRUNET Josiane" is "Josiane Brunet": the order a letter prints is not the person
        return sorted(_fold(got).split()) == sorted(_fold(want).split())
    if isinstance(want, str) and isinstance(got, str):
        return _fold(got) == _fold(want)
    return got == want


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    return " ".join(text.split()).casefold()


@dataclass
class FieldScore:
    case: str
    field: str
    family: str  # digital | scanned: whether the field's piece was OCR'd
    status: str  # the export's status
    confidence: float | None
    correct: bool
    want: object
    got: object

    @property
    def sure(self) -> bool:
        return self.status in SURE

    @property
    def read(self) -> bool:
        """Guichet gave a value (sure or not): what its confidence speaks about."""
        return self.got is not None


@dataclass
class CaseScore:
    case: str
    fields: list[FieldScore]
    verdict_right: bool
    false_complete: bool
    review: bool
    reasons: tuple[int, int, int]  # right, unexpected, missed (review aside)
    reasons_exact: bool
    pieces_right: dict[str, tuple[bool, bool]]  # kind -> (presence right, count right)
    pages: tuple[int, int]  # right, total
    assembled: bool
    notes: list[str] = dataclass_field(default_factory=list)  # mismatches, for --verbose


def piece_of(field: str) -> str:
    return next((kind for kind in PIECES[1:] if field.startswith(kind + ".")), "fiche")


def families(expected: dict) -> dict[str, str]:
    """Per piece kind, scanned when one of its expected documents was OCR'd; a piece absent
    from the case takes the case's family (scanned when any document was)."""
    documents = expected["documents"]
    case = "scanned" if any(d["ocr"] for d in documents) else "digital"
    result = {}
    for kind in PIECES:
        ocr = [d["ocr"] for d in documents if d["kind"] == kind]
        result[kind] = ("scanned" if any(ocr) else "digital") if ocr else case
    return result


def value_of(entry: dict | None):
    """The value an export field stands for: a missing field says nothing, whatever it holds."""
    if not entry or entry.get("status") == "missing":
        return None
    return entry.get("value")


def reason_counts(want: list[tuple[str, str]], got: list[tuple[str, str]]) -> tuple[int, int, int]:
    """(right, unexpected, missed) reason codes with their detail, as multisets, the review
    reason aside (it is counted apart: it is not a wrong reason)."""
    want_c = Counter(r for r in want if r[0] != REVIEW)
    got_c = Counter(r for r in got if r[0] != REVIEW)
    right = sum((want_c & got_c).values())
    return right, sum(got_c.values()) - right, sum(want_c.values()) - right


def score_case(case: str, expected: dict, got: dict, dossiers: list[dict] | None = None) -> CaseScore:
    family = families(expected)
    fields = []
    notes = []
    for name, want in expected["fields"].items():
        entry = got["fields"].get(name) or {"value": None, "status": "missing", "confidence": None}
        want_value, got_value = value_of(want), value_of(entry)
        ok = same_value(name, got_value, want_value)
        fields.append(FieldScore(case, name, family[piece_of(name)], entry.get("status", "missing"),
                                 entry.get("confidence"), ok, want_value, got_value))
        if not ok:
            notes.append(f"  {case}: {name} [{entry.get('status')}]: expected {want_value!r:.80} "
                         f"got {got_value!r:.80}")
    want_pieces, got_pieces = pieces_found(expected["documents"]), pieces_found(got["documents"])
    if want_pieces != got_pieces:
        notes.append(f"  {case}: pieces expected {_counts(want_pieces)}, got {_counts(got_pieces)}")
    want_kinds, got_kinds = page_kinds(expected["documents"]), page_kinds(got["documents"])
    for key, kind in want_kinds.items():
        if got_kinds.get(key) != kind:
            notes.append(f"  {case}: page {key} expected {kind}, got {got_kinds.get(key)}")
    want_reasons, got_reasons = _reasons(expected), _reasons(got)
    if want_reasons != got_reasons:
        missing = [_reason(r) for r in want_reasons if r not in got_reasons]
        extra = [_reason(r) for r in got_reasons if r not in want_reasons]
        notes.append(f"  {case}: verdict {_verdict(expected)} expected, {_verdict(got)} got; "
                     f"missing {missing or '-'}; unexpected {extra or '-'}")
    assembled, line = _assembly(case, dossiers or [got], got, expected)
    if not assembled:
        notes.append(line)
    want_complete, got_complete = expected["completeness"]["complete"], got["completeness"]["complete"]
    return CaseScore(
        case=case, fields=fields,
        verdict_right=want_complete == got_complete,
        false_complete=got_complete and not want_complete,
        review=any(code == REVIEW for code, _ in got_reasons),
        reasons=reason_counts(want_reasons, got_reasons),
        reasons_exact=want_reasons == got_reasons,
        pieces_right={kind: ((want_pieces[kind] > 0) == (got_pieces[kind] > 0),
                             want_pieces[kind] == got_pieces[kind]) for kind in PIECES},
        pages=(sum(got_kinds.get(k) == v for k, v in want_kinds.items()), len(want_kinds)),
        assembled=assembled, notes=notes)


def _assembly(case: str, dossiers: list[dict], got: dict, expected: dict) -> tuple[bool, str]:
    """Whether the case's messages and files ended up in one dossier, and what went astray."""
    want_hashes = {d["sha256"] for d in expected["documents"]}
    got_hashes = {d["sha256"] for d in got["documents"]}
    want_ids = [m["message_id"] for m in expected.get("messages", [])]
    got_ids = [m["message_id"] for m in got["messages"]]
    ok = want_hashes <= got_hashes and want_ids == got_ids
    return ok, (f"  {case}: {len(dossiers)} dossier(s); the case's dossier holds "
                f"{len(want_hashes & got_hashes)}/{len(want_hashes)} expected files and messages "
                f"{got_ids} (expected {want_ids})")


def _counts(pieces: dict[str, int]) -> str:
    return ", ".join(f"{kind}×{n}" for kind, n in pieces.items() if n) or "none"


def _reasons(dossier: dict) -> list[tuple[str, str]]:
    return sorted((r["code"], r["detail"] or "") for r in dossier["completeness"]["reasons"])


def _reason(reason: tuple[str, str]) -> str:
    return f"{reason[0]}({reason[1]})" if reason[1] else reason[0]


def _verdict(dossier: dict) -> str:
    return "complete" if dossier["completeness"]["complete"] else "incomplete"


def sure_but_wrong(fields: list[FieldScore]) -> tuple[int, int]:
    """(wrong, total) among the values the export marks sure (extracted or corrected)."""
    sure = [f for f in fields if f.sure]
    return sum(not f.correct for f in sure), len(sure)


def micro_f1(counts: list[tuple[int, int, int]]) -> tuple[float, float, float]:
    """Micro precision, recall and F1 over (right, unexpected, missed) counts; with nothing
    expected and nothing given, all three are 1."""
    right = sum(c[0] for c in counts)
    given = right + sum(c[1] for c in counts)
    wanted = right + sum(c[2] for c in counts)
    precision = right / given if given else 1.0
    recall = right / wanted if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def calibration_rows(fields: list[FieldScore]) -> list[dict]:
    """One row per value read with a confidence (what a threshold would sort)."""
    return [{"case": f.case, "field": f.field, "family": f.family, "status": f.status,
             "confidence": f.confidence, "correct": f.correct}
            for f in fields if f.read and f.confidence is not None]


def _share(oks) -> tuple[int, int]:
    oks = list(oks)
    return sum(oks), len(oks)


def figures(scores: list[CaseScore]) -> dict[str, tuple]:
    """The set's row values; (n, N) pairs are shown as n/N and a share."""
    fields = [f for s in scores for f in s.fields]
    fiche = [f for f in fields if piece_of(f.field) == "fiche"]
    letters = [f for f in fields if piece_of(f.field) != "fiche"]
    precision, recall, f1 = micro_f1([s.reasons for s in scores])
    return {
        "dossiers": (len(scores),),
        "verdict right": _share(s.verdict_right for s in scores),
        "wrongly complete": (sum(s.false_complete for s in scores),),
        "sent to review": _share(s.review for s in scores),
        "reason codes exact": _share(s.reasons_exact for s in scores),
        "reason F1 (P / R)": (f1, precision, recall),
        "fiche fields, digital": _share(f.correct for f in fiche if f.family == "digital"),
        "fiche fields, scanned": _share(f.correct for f in fiche if f.family == "scanned"),
        "letter fields, digital": _share(f.correct for f in letters if f.family == "digital"),
        "letter fields, scanned": _share(f.correct for f in letters if f.family == "scanned"),
        "all fields": _share(f.correct for f in fields),
        "signe right (letter there)": _share(f.correct for f in fields
                                             if f.field in SIGNATURES and f.want is not None),
        "SURE BUT WRONG": sure_but_wrong(fields),
        "values needs_review": _share(f.status == "needs_review" for f in fields),
        "pieces present right": _share(ok for s in scores for ok, _ in s.pieces_right.values()),
        "page kinds right": (sum(s.pages[0] for s in scores), sum(s.pages[1] for s in scores)),
        "assembled in one dossier": _share(s.assembled for s in scores),
    }
