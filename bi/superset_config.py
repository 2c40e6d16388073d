"""Superset configuration for the ntp-warehouse dashboard (loaded through SUPERSET_CONFIG_PATH).

Everything stateful lives in SUPERSET_HOME (default bi/superset_home, git-ignored): the SQLite metadata database and
the logs. The warehouse itself is only ever read: the connection is created by bi/bootstrap.py, read-only and
without a connection pool, so every query opens whatever warehouse.duckdb is published at that moment.
"""

from __future__ import annotations

import os
from pathlib import Path

BI_DIR = Path(__file__).resolve().parent
DATA_DIR = str(Path(os.environ.get("SUPERSET_HOME") or BI_DIR / "superset_home").resolve())

# Development default only: set SUPERSET_SECRET_KEY for anything but a local machine.
SECRET_KEY = os.environ.get("SUPERSET_SECRET_KEY") or "ntp-warehouse-local-development-only-secret-key"
SQLALCHEMY_DATABASE_URI = f"sqlite:///{DATA_DIR}/superset.db?check_same_thread=false"

APP_NAME = "ntp-warehouse"
# the metadata database is SQLite: no cache service, no Celery, no async queries
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
# render every chart at once (no virtualisation): screenshots and checks see the whole dashboard
FEATURE_FLAGS = {"ALERT_REPORTS": False, "THUMBNAILS": False, "DASHBOARD_VIRTUALIZATION": False}
# nothing to fetch from outside: no map tiles, no remote help links
MAPBOX_API_KEY = ""
# the DuckDB connection is read-only anyway; SQL Lab stays available for analysts
SQLLAB_TIMEOUT = 120
SUPERSET_WEBSERVER_TIMEOUT = 120
BABEL_DEFAULT_LOCALE = "en"
