#!/usr/bin/env bash
# PostgreSQL and Redis on 127.0.0.1, as the test and demo commands need them: installed from Debian's packages when
# missing (as root, as on CI), started when not answering; otherwise stop at once with the exact command to run.
# A PostgreSQL that asks for a password is fine: give it as PGPASSWORD (or in PORTAL_TEST_POSTGRES_URL /
# PORTAL_DATABASE_URL); answering is all this script checks.
set -euo pipefail

as_root() { [ "$(id -u)" = 0 ]; }
missing=()
command -v pg_isready >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  if as_root && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} (Debian packages)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing: ${missing[*]}. Install them, then run this again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
  if [ -z "$version" ]; then
    echo "PostgreSQL is installed but has no cluster. Create one, then run this again:" >&2
    echo "  sudo pg_createcluster --start \$(ls /usr/lib/postgresql | sort -n | tail -1) main" >&2
    exit 1
  fi
  if as_root; then
    echo "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
  else
    echo "PostgreSQL is not answering on 127.0.0.1:5432. Start it, then run this again:" >&2
    echo "  sudo pg_ctlcluster $version main start" >&2
    exit 1
  fi
fi
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 1; }

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.2; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "Redis is not answering on 127.0.0.1:6379" >&2; exit 1; }
