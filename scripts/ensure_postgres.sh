#!/usr/bin/env bash
# Print the bin folder of a PostgreSQL server (initdb, pg_ctl, postgres); when there is none, install Debian's
# `postgresql` package with apt-get first (CI and fresh machines; needs root), without creating or starting the
# package's default cluster. Tests start their own throwaway cluster from that folder.
#   usage: scripts/ensure_postgres.sh            -> /usr/lib/postgresql/15/bin
#   PG_BINDIR=/opt/pg/bin scripts/ensure_postgres.sh   uses that folder if it has initdb and pg_ctl
set -euo pipefail

find_bindir() {
    local d
    if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ] && [ -x "$PG_BINDIR/pg_ctl" ]; then
        echo "$PG_BINDIR"
        return
    fi
    # the newest Debian install, else whatever initdb is on PATH
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
            echo "$d"
            return
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
    fi
}

bindir="$(find_bindir)"
if [ -z "$bindir" ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure_postgres: no PostgreSQL server found, and apt-get as root is not available to install one" >&2
        exit 1
    fi
    echo "ensure_postgres: installing postgresql with apt-get" >&2
    mkdir -p /etc/postgresql-common
    if ! grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf; then
        echo "create_main_cluster = false" >> /etc/postgresql-common/createcluster.conf
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold postgresql >&2
    bindir="$(find_bindir)"
fi
if [ -z "$bindir" ]; then
    echo "ensure_postgres: postgresql installed but no initdb found" >&2
    exit 1
fi
echo "$bindir"
