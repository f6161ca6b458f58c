"""Response times of the review UI with 10 000 dossiers in PostgreSQL, 20 concurrent sessions on loopback.

    .venv/bin/python bench/ui.py [--dossiers 10000] [--sessions 20] [--rounds 30] [--think 1]
                                 [--warmup 0] [--slow-ms 100] [--keep DIR] [--together]

Builds a PostgreSQL schema of its own (dropped at the end) holding one sample dossier read by the
real pipeline and N generated ones sharing its files (then ANALYZEd, as autovacuum would); serves
the app with `guichet serve` in a child process; then each session signs in and loops over: the
queue (filtered, sorted, paginated), a dossier page, and a field correction, pausing about --think
seconds between requests; each session's first timed request falls somewhere in one pause
(--together: all at the same instant, a burst). Prints p50/p95/max per kind and the errors, then
the cost of a page image rendered once and then answered from its ETag (304).
Targets: p95 < 100 ms for the queue (issue 16), < 150 ms for the others, no error, page images
answered 304 without rendering. For the slowest 5 % of each kind, the server's Server-Timing header
splits the time: database, the rest of the server's work, and waiting (client, sockets, threads);
the server's log of its requests slower than --slow-ms says, per path, how many statements they
sent, how long they waited for a pooled connection, and which statement was their slowest.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<script>.py`, this folder comes first on sys.path, where queue.py (the
# queue bench) would shadow the standard library's queue: take the folder off first.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import logging
import os
import random
import re
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from datetime import timedelta

import requests
import sqlalchemy
from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.vocabulary import FIELD_IDS  # noqa: E402
from schemas.completeness import MESSAGES  # noqa: E402
from worker.instruction import review, review_queue  # noqa: E402
from worker.persistence import accounts  # noqa: E402
from worker.persistence.db import DocumentRow, Dossier, FieldRow, FileRow, MessageRow, utcnow  # noqa: E402
from worker.persistence.store import Store  # noqa: E402
from worker.settings import Settings  # noqa: E402

log = logging.getLogger(__name__)

POSTGRES = os.environ.get("GUICHET_BENCH_POSTGRES",
                          os.environ.get("GUICHET_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
SAMPLE = ROOT / "samples" / "01_pdf_numeriques" / "input"
PASSWORD = "mot-de-passe-du-banc"
COMMUNES = ["Vitré", "Combourg", "Redon", "Guingamp", "Carhaix-Plouguer", "Corte", "Nontron", "Lamballe",
            "Dinan", "Fougères", "Ploërmel", "Pontivy", "Quimperlé", "Morlaix", "Loudéac", "Saint-Flour"]
DEPARTEMENTS = ["35", "22", "29", "56", "2B", "24", "971", "974", "15", "44", "49", "53"]
REASONS = list(MESSAGES)
TARGETS_MS = {"file de tri": 100.0, "page dossier": 150.0, "correction": 150.0}


def main() -> None:
    """Build, serve, load, report, clean up (unless --keep)."""
    options = _options()
    keep = Path(options.keep).resolve() if options.keep else None
    schema = f"bench_ui_{keep.name}" if keep else f"bench_ui_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(POSTGRES)
    built = keep is not None and (keep / "built").exists()
    if not built:
        with admin.begin() as connection:
            connection.execute(sqlalchemy.text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = keep or Path(tmp)
        try:
            settings = Settings(data_dir=data_dir, database_url=url, storage_dir=data_dir / "blobs")
            if built:
                ids = [f"D-{i:012x}" for i in range(int((keep / "built").read_text()))]
            else:
                ids = build(settings, options.dossiers)
                if keep:
                    (keep / "built").write_text(str(options.dossiers))
            analyze(admin, schema)
            run_load(settings, ids, options)
        finally:
            if keep is None:
                with admin.begin() as connection:
                    connection.execute(sqlalchemy.text(f"DROP SCHEMA {schema} CASCADE"))
            admin.dispose()


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=30, help="queue + dossier + correction per session")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a reviewer pauses between requests, on "
                        "average (0: each session sends its next request at once, a saturation test)")
    parser.add_argument("--warmup", type=int, default=0, help="untimed rounds first, all sessions at once: the "
                        "server's connection pool then holds a connection per session, as after some use")
    parser.add_argument("--keep", metavar="DIR", help="data folder (and schema bench_ui_<its name>) kept "
                        "for the next runs: built once, not dropped; corrections of earlier runs stay")
    parser.add_argument("--slow-ms", type=float, default=100.0, help="the server logs requests slower than this")
    parser.add_argument("--together", action="store_true", help="with --think, every session's first timed "
                        "request at the same instant (a burst of --sessions requests) instead of spread over a pause")
    return parser.parse_args()


def build(settings: Settings, count: int) -> list[str]:
    """One real dossier read by the pipeline, then `count` generated ones sharing its files."""
    from extractors.model import Part

    store = Store(settings)
    started = time.monotonic()
    parts = [Part(name=p.name, data=p.read_bytes()) for p in sorted(SAMPLE.iterdir())]
    seed = review.ingest(store, settings, files=[(p.name, p.data) for p in parts])
    review.process_now(store, settings, seed)
    files, documents = store.files(seed), store.documents(seed)
    rng = random.Random(6)
    ids = [f"D-{i:012x}" for i in range(count)]
    for start in range(0, count, 1000):
        _insert_chunk(store, ids[start:start + 1000], files, documents, rng)
    for role in ("instructeur",):
        accounts.create_user(store, f"{role}@bench.gouv.fr", PASSWORD, role)
    refreshed = review_queue.refresh_queue(store)
    print(f"{count} dossiers générés (+1 lu par la chaîne) en {time.monotonic() - started:.1f} s ; "
          f"{refreshed} lignes de file calculées")
    store.engine.dispose()
    return ids


def analyze(admin: sqlalchemy.Engine, schema: str) -> None:
    """The planner's statistics of the schema's tables, as autovacuum keeps them on a served database.
    A test server may run without autovacuum: its planner then takes the freshly filled queue for
    a few rows, and every unfiltered queue page sorts 10 000 lines (~20 ms more of PostgreSQL's CPU)."""
    with admin.begin() as connection:
        tables = connection.scalars(sqlalchemy.text("SELECT tablename FROM pg_tables WHERE schemaname = :schema"),
                                    {"schema": schema}).all()
        for table in tables:
            connection.execute(sqlalchemy.text(f'ANALYZE "{schema}"."{table}"'))


def _insert_chunk(store: Store, ids: list[str], files: list, documents: list, rng: random.Random) -> None:
    now = utcnow()
    dossiers, fields, messages, file_rows = [], [], [], []
    for dossier_id in ids:
        commune, dep = rng.choice(COMMUNES), rng.choice(DEPARTEMENTS)
        reasons = rng.sample(REASONS, rng.choice((0, 0, 1, 2, 3)))
        at = now - timedelta(days=rng.randrange(365), minutes=rng.randrange(1440))
        dossiers.append(dict(id=dossier_id, status="processed", subject_key=f"candidature {commune.lower()}",
                             created_at=at, updated_at=at, triage=None, completeness={
                                 "complete": not reasons, "pieces": {"fiche": True, "courrier_collectivite": True,
                                                                     "courrier_prefet": True},
                                 "reasons": [{"code": c, "detail": None, "message": MESSAGES[c]} for c in reasons]}))
        values = {"s1.collectivite.nom": f"Commune de {commune}", "s2.departement": dep,
                  "s3.intitule": f"Revitaliser le centre de {commune}",
                  "s2.communes": [{"nom": commune, "code_insee": None}]}
        for field_id in FIELD_IDS:
            value = values.get(field_id)
            fields.append(dict(dossier_id=dossier_id, field_id=field_id, value=value, source=None,
                               confidence=round(rng.random(), 2) if value else 0.0,
                               status=rng.choice(("extracted", "needs_review")) if value else "missing",
                               updated_at=at))
        messages.append(dict(message_id=f"<{dossier_id}@bench>", dossier_id=dossier_id, sha256="0" * 64,
                             file_name="message.eml", sender=f"mairie@{commune.lower()}.fr",
                             subject=f"Candidature Atelier Flash – Commune de {commune}",
                             subject_key="", date=at, reference_ids=[], body_text="", issues=[], received_at=at))
        file_rows += [dict(dossier_id=dossier_id, name=f.name, sha256=f.sha256, size=f.size, kind=f.kind,
                           role=f.role, issues=[], created_at=at) for f in files]
    with store.session() as s:
        s.execute(insert(Dossier), dossiers)
        s.execute(insert(FieldRow), fields)
        s.execute(insert(MessageRow), messages)
        s.execute(insert(FileRow), file_rows)
        by_key = {(d, sha): i for i, d, sha in s.execute(
            select(FileRow.id, FileRow.dossier_id, FileRow.sha256).where(FileRow.dossier_id.in_(ids)))}
        sha_of = {f.id: f.sha256 for f in files}
        s.execute(insert(DocumentRow), [
            dict(dossier_id=d, file_id=by_key[(d, sha_of[doc.file_id])], ordinal=doc.ordinal, pages=doc.pages,
                 kind=doc.kind, confidence=doc.confidence, ocr=doc.ocr, error=None, kind_overridden=False)
            for d in ids for doc in documents])


def run_load(settings: Settings, ids: list[str], options: argparse.Namespace) -> None:
    """Serve the app in a child process and drive it with concurrent sessions."""
    port = _free_port()
    env = {**os.environ, "GUICHET_DATA_DIR": str(settings.data_dir), "DATABASE_URL": settings.database_url,
           "GUICHET_LOGIN_LIMIT": "10000 per minute",
           "GUICHET_SERVER_TIMING": "1", "GUICHET_SLOW_MS": str(options.slow_ms),
           "GUICHET_INSECURE_COOKIES": "1"}  # plain HTTP on loopback: requests keeps Secure cookies for HTTPS
    env.pop("REDIS_URL", None)
    command = [str(Path(sys.executable).with_name("guichet")), "serve", "--port", str(port), "--threads", "24"]
    # The server's log goes to a file (a pipe nobody reads would block it once full).
    server_log = settings.data_dir / "serve.log"
    marks: list[int] = []  # where the server's log stood when the timed load began
    with server_log.open("wb") as log_file:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log_file)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(base)
            timings, load = drive(base, ids, options, server.pid, lambda: marks.append(server_log.stat().st_size))
            mark = marks[0]
            report(timings, options)
            print(f"\nserveur (un processus) : {load['cpu']:.1f} s de CPU en {load['wall']:.1f} s de charge, soit "
                  f"{load['cpu'] / load['wall']:.0%} d'un cœur ; charge de la machine (loadavg 1 min) "
                  f"{load['before']:.2f} avant, {load['after']:.2f} après, sur {os.cpu_count()} cœurs")
            slow_requests(server_log, mark, options.slow_ms)
            page_images(base, ids)
        finally:
            server.terminate()
            server.wait(timeout=20)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(base: str, patience: float = 180.0) -> None:
    # The server loads the geography and spaCy's lexicon before it listens: seconds on a quiet
    # machine, most of a minute on a loaded one.
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            requests.get(base + "/connexion", timeout=5)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise SystemExit(f"le serveur ne répond pas après {patience:.0f} s")


def signed_in(base: str) -> tuple[requests.Session, str]:
    """A session of the instructeur, and its CSRF token."""
    session = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(base + "/connexion").text).group(1)
    session.post(base + "/connexion", data={"login": "instructeur@bench.gouv.fr", "password": PASSWORD,
                                            "csrf_token": token}, allow_redirects=False)
    page = session.get(base + "/")
    return session, re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drive(base: str, ids: list[str], options: argparse.Namespace, server_pid: int,
          starting=lambda: None) -> tuple[dict[str, list], dict]:
    """`sessions` threads, each `rounds` times: queue, dossier, correction. Returns (ms, ok, server
    timing) per kind, and the server's CPU time, the wall time and the load average around the load."""
    timings: dict[str, list] = {"file de tri": [], "page dossier": [], "correction": []}
    lock = threading.Lock()
    sessions = [signed_in(base) for _ in range(options.sessions)]
    barrier = threading.Barrier(options.sessions)
    begun: dict[str, float] = {}

    def worker(number: int) -> None:
        rng = random.Random(number)
        session, token = sessions[number]
        for _ in range(options.warmup):
            barrier.wait()
            _queue(session, base, random.Random(-number))
        if barrier.wait() == 0:  # one thread notes that the timed load begins
            begun.update(cpu=_cpu_seconds(server_pid), wall=time.monotonic(), before=os.getloadavg()[0])
            starting()
        if options.think and not options.together:
            # Reviewers do not all click in the same millisecond: each begins somewhere in one pause.
            time.sleep(rng.uniform(0.0, options.think))
        for _ in range(options.rounds):
            for kind, call in (("file de tri", lambda: _queue(session, base, rng)),
                               ("page dossier", lambda: session.get(f"{base}/dossiers/{rng.choice(ids)}")),
                               ("correction", lambda: _correct(session, base, token, rng, ids))):
                started = time.perf_counter()
                response = call()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings[kind].append((elapsed, _ok(response), _server_ms(response)))
                if options.think:
                    time.sleep(rng.uniform(0.5, 1.5) * options.think)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(options.sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    load = {"cpu": _cpu_seconds(server_pid) - begun["cpu"], "wall": time.monotonic() - begun["wall"],
            "before": begun["before"], "after": os.getloadavg()[0]}
    return timings, load


def _server_ms(response: requests.Response) -> tuple[float, float, float]:
    """(database ms, rest of the server's ms, the serving thread's CPU ms) from the Server-Timing header."""
    found = dict(re.findall(r"(\w+);dur=([\d.]+)", response.headers.get("Server-Timing", "")))
    return float(found.get("db", 0.0)), float(found.get("app", 0.0)), float(found.get("cpu", 0.0))


def _ok(response: requests.Response) -> bool:
    """200 for a page, 302 back to the dossier for a correction; never the login page."""
    if response.status_code == 302:
        return "/dossiers/" in response.headers.get("Location", "")
    return response.status_code == 200 and "/connexion" not in response.url


def _queue(session: requests.Session, base: str, rng: random.Random) -> requests.Response:
    params = rng.choice([{"departement": rng.choice(DEPARTEMENTS)}, {"complet": "non", "motif": rng.choice(REASONS)},
                         {"q": rng.choice(COMMUNES)[:5]}, {"etat": "nouveau"}, {}])
    params.update(tri=rng.choice(["received_at", "collectivite", "departement"]),
                  ordre=rng.choice(["asc", "desc"]), page=str(rng.randint(1, 3)))
    return session.get(base + "/", params=params)


def _correct(session: requests.Session, base: str, token: str, rng: random.Random, ids: list[str]) -> requests.Response:
    dossier = rng.choice(ids)
    return session.post(f"{base}/dossiers/{dossier}/champs/s4.calendrier", allow_redirects=False,
                        data={"value": f"Démarrage souhaité : mars {rng.randint(2027, 2030)}", "reason": "banc",
                              "csrf_token": token})


def report(timings: dict[str, list], options: argparse.Namespace) -> None:
    """p50 / p95 / max and errors per kind, against the target; where the slowest 5 % spend their time."""
    print(f"\n{options.sessions} sessions simultanées, {options.rounds} tours chacune, pause {options.think} s"
          + (f", après {options.warmup} tour(s) de chauffe non mesuré(s)" if options.warmup else ""))
    print(f"{'requête':14} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'erreurs':>8}  cible p95")
    for kind, rows in timings.items():
        times = sorted(t for t, _, _ in rows)
        errors = sum(1 for _, ok, _ in rows if not ok)
        p95 = times[int(len(times) * 0.95) - 1]
        verdict = "OK" if p95 < TARGETS_MS[kind] and not errors else "NON ATTEINTE"
        print(f"{kind:14} {len(times):5d} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f} "
              f"{errors:8d}  < {TARGETS_MS[kind]:.0f} ms {verdict}")
    print("\nles 5 % les plus lents, en moyenne : base de données / reste du serveur / attente (ms)")
    for kind, rows in timings.items():
        tail = sorted(rows, key=lambda row: row[0])[-max(1, len(rows) // 20):]
        db = statistics.mean(server[0] for _, _, server in tail)
        app = statistics.mean(server[1] for _, _, server in tail)
        total = statistics.mean(t for t, _, _ in tail)
        print(f"{kind:14} {db:8.1f} {app:8.1f} {total - db - app:8.1f}")
    print("\nCPU du serveur par requête (son fil, sans l'attente due à la charge de la machine), ms : moyenne / p95")
    for kind, rows in timings.items():
        cpu = sorted(server[2] for _, _, server in rows)
        print(f"{kind:14} {statistics.mean(cpu):8.1f} {cpu[int(len(cpu) * 0.95) - 1]:8.1f}")


SLOW = re.compile(r"slow request: (\w+) (\S+) \d+ in (\d+) ms \(database (\d+) ms over (\d+) statements, "
                  r"rest (\d+) ms; (\d+) connections taken, (\d+) ms waiting for them; "
                  r"slowest statement (\d+) ms: (.*)\)$")


def slow_requests(server_log: Path, start: int, slow_ms: float) -> None:
    """What the server logged of its slow requests during the load: per path, how many, and on
    average their database time, connection waits and slowest statement; the statements most
    often slowest."""
    with server_log.open("rb") as handle:
        handle.seek(start)
        lines = handle.read().decode("utf-8", "replace").splitlines()
    found = [m for m in map(SLOW.search, lines) if m]
    print(f"\nrequêtes lentes (> {slow_ms:.0f} ms) vues par le serveur : {len(found)}")
    if not found:
        return
    print(f"{'chemin':28} {'n':>5} {'total':>7} {'base':>7} {'reste':>7} {'ordres':>7} {'attente cnx':>11} "
          f"{'pire ordre':>10}  (ms, moyennes)")
    by_path: dict[str, list] = {}
    for m in found:
        path = m.group(2) if not m.group(2).startswith("/dossiers/") else "/dossiers/…" + (
            "/champs/…" if "/champs/" in m.group(2) else "")
        by_path.setdefault(f"{m.group(1)} {path}", []).append(m)
    for path, ms in sorted(by_path.items(), key=lambda kv: -len(kv[1])):
        mean = [statistics.mean(float(m.group(i)) for m in ms) for i in (3, 4, 6, 5, 8, 9)]
        print(f"{path[:28]:28} {len(ms):5d} " + " ".join(f"{v:{w}.1f}" for v, w in zip(mean, (7, 7, 7, 7, 11, 10))))
    print("ordres les plus souvent les plus lents de ces requêtes, par chemin (n, moyenne ms) :")
    for path, ms in sorted(by_path.items(), key=lambda kv: -len(kv[1])):
        worst: dict[str, list] = {}
        for m in ms:
            worst.setdefault(re.sub(r"%\(\w+\)s(::\w+)?", "?", m.group(10))[:80], []).append(float(m.group(9)))
        for statement, times in sorted(worst.items(), key=lambda kv: -len(kv[1]))[:3]:
            print(f"  {path[:20]:20} {len(times):4d} {statistics.mean(times):6.1f}  {statement}")


def page_images(base: str, ids: list[str]) -> None:
    """A page image: first request renders it, the next ones are 304 from the ETag."""
    session, _ = signed_in(base)
    page = session.get(f"{base}/dossiers/{ids[0]}").text
    url = base + re.search(r'<image href="([^"]+)"', page).group(1).replace("&amp;", "&")
    started = time.perf_counter()
    first = session.get(url)
    rendered = (time.perf_counter() - started) * 1000
    etag = first.headers["ETag"]
    times = []
    for _ in range(50):
        started = time.perf_counter()
        again = session.get(url, headers={"If-None-Match": etag})
        times.append((time.perf_counter() - started) * 1000)
        assert again.status_code == 304
    print(f"\nimage de page : premier rendu {rendered:.1f} ms ({len(first.content)} octets), "
          f"puis 304 par ETag en {statistics.median(times):.1f} ms (médiane de 50)")


if __name__ == "__main__":
    main()
