"""Set up Apache Superset for the ntp-warehouse dashboard. Idempotent: run it again at any time.

Run with the BI environment's interpreter (`make bi` does): bi/.venv/bin/python bi/bootstrap.py

1. `superset db upgrade` and `superset init` on the metadata database in SUPERSET_HOME (default bi/superset_home).
2. The admin user from NTP_BI_ADMIN_USER / NTP_BI_ADMIN_PASSWORD / NTP_BI_ADMIN_EMAIL (development defaults:
   admin / admin / admin@localhost); its password is reset to the given one on every run.
3. Import the bundle in bi/dashboard/ (database connection, datasets, charts, dashboard), overwriting what an
   earlier run imported (matched by UUID). The connection points at NTP_WAREHOUSE_PATH (default: the repository's
   warehouse.duckdb), made absolute, opened read-only.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import yaml

BI_DIR = Path(__file__).resolve().parent
BUNDLE = BI_DIR / "dashboard"
DATABASE_FILE = "databases/ntp_warehouse.yaml"

log = logging.getLogger("ntp_bi.bootstrap")


def warehouse_uri(path: Path) -> str:
    """duckdb-engine URI of an absolute path: duckdb:////abs/path/warehouse.duckdb."""
    return f"duckdb:///{path.resolve()}"


def read_bundle(warehouse: Path) -> dict[str, str]:
    """The bundle's YAML files keyed by their path inside it, with the connection pointed at `warehouse`."""
    contents = {p.relative_to(BUNDLE).as_posix(): p.read_text(encoding="utf-8") for p in sorted(BUNDLE.rglob("*.yaml"))}
    database = yaml.safe_load(contents[DATABASE_FILE])
    database["sqlalchemy_uri"] = warehouse_uri(warehouse)
    contents[DATABASE_FILE] = yaml.safe_dump(database, allow_unicode=True, sort_keys=False)
    metadata = yaml.safe_load(contents["metadata.yaml"])
    metadata.pop("type", None)  # the import command below takes every kind of asset, as `superset import-directory`
    contents["metadata.yaml"] = yaml.safe_dump(metadata)
    return contents


def _superset(*args: str, home: Path) -> None:
    superset = Path(sys.executable).with_name("superset")
    log_path = home / "bootstrap.log"
    with log_path.open("a", encoding="utf-8") as out:
        result = subprocess.run([str(superset), *args], stdout=out, stderr=subprocess.STDOUT, check=False)
    if result.returncode != 0:
        tail = log_path.read_text(encoding="utf-8").splitlines()[-30:]
        raise SystemExit(
            f"superset {' '.join(args)} failed (exit {result.returncode}); end of {log_path}:\n" + "\n".join(tail)
        )


def _ensure_admin(username: str, password: str, email: str):
    from superset import security_manager

    role = security_manager.find_role("Admin")
    user = security_manager.find_user(username=username)
    if user is None:
        user = security_manager.add_user(username, "ntp-warehouse", "admin", email, role, password=password)
        if not user:
            raise SystemExit(f"could not create the Superset user {username!r}")
        log.info("created the admin user %s", username)
    else:
        security_manager.reset_password(user.id, password)
        if role not in user.roles:
            user.roles.append(role)
            security_manager.update_user(user)
    return user


def _import_bundle(contents: dict[str, str], user) -> None:
    from superset.commands.importers.v1.examples import ImportExamplesCommand
    from superset.utils.core import override_user

    with override_user(user):
        # overwrite=True: datasets, charts and the dashboard are replaced by the committed definitions
        ImportExamplesCommand(contents, overwrite=True).run()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="bi: %(message)s")
    home = Path(os.environ.get("SUPERSET_HOME") or BI_DIR / "superset_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    os.environ["SUPERSET_HOME"] = str(home)
    os.environ.setdefault("SUPERSET_CONFIG_PATH", str(BI_DIR / "superset_config.py"))
    warehouse = Path(os.environ.get("NTP_WAREHOUSE_PATH") or BI_DIR.parent / "warehouse.duckdb").resolve()
    contents = read_bundle(warehouse)

    log.info("metadata database in %s", home)
    _superset("db", "upgrade", home=home)
    _superset("init", home=home)

    from superset.app import create_app

    app = create_app()
    with app.app_context():
        user = _ensure_admin(
            os.environ.get("NTP_BI_ADMIN_USER", "admin"),
            os.environ.get("NTP_BI_ADMIN_PASSWORD", "admin"),
            os.environ.get("NTP_BI_ADMIN_EMAIL", "admin@localhost"),
        )
        _import_bundle(contents, user)
    log.info("dashboard imported; warehouse (read-only): %s", warehouse)
    if not warehouse.exists():
        log.warning("%s does not exist yet: run `make build` before opening the dashboard", warehouse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
