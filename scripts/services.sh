#!/usr/bin/env bash
# Start the services the tests talk to, when they are not already running.
set -euo pipefail

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# The tests use the role postgres on database "test" over TCP (trust on the CI machine).
if ! psql -h 127.0.0.1 -U postgres -d test -Atc "select 1" >/dev/null 2>&1; then
  runuser -u postgres -- psql -qc "ALTER ROLE postgres PASSWORD 'guichet'" >/dev/null
  runuser -u postgres -- createdb test 2>/dev/null || true
  echo "export GUICHET_TEST_POSTGRES=postgresql+psycopg://postgres:guichet@127.0.0.1:5432/test"
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/guichet-tests.log
  for _ in $(seq 30); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
