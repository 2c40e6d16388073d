#!/usr/bin/env bash
# Serve the ntp-warehouse Superset on 127.0.0.1 (run `make bi` first; `make bi-serve` does both).
#   NTP_BI_PORT    port (default 8088)
#   SUPERSET_HOME  state folder made by bi/bootstrap.py (default bi/superset_home)
# The warehouse path was fixed by the last bootstrap (NTP_WAREHOUSE_PATH, default the repository's warehouse.duckdb).
set -euo pipefail
bi_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export SUPERSET_HOME="${SUPERSET_HOME:-$bi_dir/superset_home}"
export SUPERSET_CONFIG_PATH="${SUPERSET_CONFIG_PATH:-$bi_dir/superset_config.py}"
port="${NTP_BI_PORT:-8088}"
if [[ ! -f "$SUPERSET_HOME/superset.db" ]]; then
    echo "bi/serve.sh: no Superset metadata in $SUPERSET_HOME; run \`make bi\` first" >&2
    exit 2
fi
echo "Superset on http://127.0.0.1:$port/superset/dashboard/ntp-warehouse/ (state in $SUPERSET_HOME)" >&2
# one process, a few threads: the metadata database is SQLite, the warehouse is read per query
exec "$bi_dir/.venv/bin/gunicorn" --bind "127.0.0.1:$port" --workers 1 --threads 4 --timeout 120 \
    --access-logfile "$SUPERSET_HOME/access.log" "superset.app:create_app()"
