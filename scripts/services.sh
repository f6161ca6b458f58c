#!/usr/bin/env bash
# Start the services the tests talk to, when they are not already running.
# scripts/test.sh runs `eval "$(bash scripts/services.sh)"`: stdout carries `export` lines only;
# every other message, the tools' own included, goes to stderr.
set -euo pipefail
exec 3>&1 1>&2  # fd 3: the real stdout, for the exports

export_line() { printf 'export %s=%q\n' "$1" "$2" >&3; }

# PostgreSQL: on 5432, or else the machine's cluster (started if down) on whatever port it has.
pg_port=5432
if ! pg_isready -q -h 127.0.0.1 -p "$pg_port" 2>/dev/null; then
  # pg_lsclusters -h: "version name port status owner datadir logfile"; an online cluster first.
  cluster=$({ pg_lsclusters -h 2>/dev/null || true; } | sort -k4,4r -k1,1Vr | head -n 1)
  if [ -z "$cluster" ]; then
    echo "services.sh : aucun cluster PostgreSQL sur cette machine ; GUICHET_TEST_BACKENDS=sqlite pour s'en passer."
  else
    read -r version name pg_port status _ <<<"$cluster"
    if [ "${status%%,*}" != online ]; then
      pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start \
        || echo "services.sh : le cluster PostgreSQL $version/$name n'a pas démarré."
      for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p "$pg_port" && break; sleep 1; done
    fi
  fi
fi

# The tests use the role postgres on database "test" over TCP (trust on the CI machine).
if pg_isready -q -h 127.0.0.1 -p "$pg_port" 2>/dev/null; then
  url="postgresql+psycopg://postgres@127.0.0.1:$pg_port/test"
  if ! psql -h 127.0.0.1 -p "$pg_port" -U postgres -d test -Atc "select 1" >/dev/null 2>&1; then
    runuser -u postgres -- psql -p "$pg_port" -qc "ALTER ROLE postgres PASSWORD 'guichet'" >/dev/null
    runuser -u postgres -- createdb -p "$pg_port" test 2>/dev/null || true
    url="postgresql+psycopg://postgres:guichet@127.0.0.1:$pg_port/test"
    export_line GUICHET_TEST_POSTGRES "$url"
  elif [ "$pg_port" != 5432 ]; then
    export_line GUICHET_TEST_POSTGRES "$url"
  fi
else
  echo "services.sh : PostgreSQL injoignable sur 127.0.0.1:$pg_port ; les tests PostgreSQL échoueront" \
       "(GUICHET_TEST_BACKENDS=sqlite pour s'en passer)."
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/guichet-tests.log
  for _ in $(seq 30); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
