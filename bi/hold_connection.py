"""Hold Superset's connection to the warehouse open, as a long chart or SQL Lab query does, until told to let go.

Run with the BI environment's interpreter and the state `make bi` made (as bi/serve.sh sets it up):

    SUPERSET_HOME=... SUPERSET_CONFIG_PATH=bi/superset_config.py bi/.venv/bin/python bi/hold_connection.py

It opens the `ntp_warehouse` database exactly as the Superset server does (the imported Database row, its engine
parameters, `Database.get_sqla_engine()`), then:

1. tries a write on a connection of its own: DuckDB must refuse it (the connection is read-only);
2. opens a connection, reads the marts' figures through it and prints one JSON line
   {"pid", "warehouse", "write_refused", "figures"}; the connection then stays open;
3. waits for a line on standard input, reads the same figures again through the same connection and prints a
   second JSON line {"figures"}; closes and exits 0.

The end-to-end test publishes a build between 2 and 3: the build must succeed while this connection is open, and
the open connection goes on reading the file it opened (the one the publish renamed away), unharmed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

BI_DIR = Path(__file__).resolve().parent

# planned total of the documents' top lines of no project, and central budget lines, per province
FIGURES_SQL = """
select provinces.province_name,
    sum(case when allocations.parent_line_code is null and allocations.budget_phase = 'planned'
        and allocations.project_code is null then allocations.amount_million_vnd end) as planned_total,
    sum(case when allocations.budget_level = 'central' then allocations.amount_million_vnd end) as central
from marts.fct_budget_allocations as allocations
inner join marts.dim_province as provinces using (province_code)
group by all
order by 1
"""


def _figures(connection) -> dict[str, list[str | None]]:
    from sqlalchemy import text

    rows = connection.execute(text(FIGURES_SQL)).fetchall()
    return {name: [None if v is None else str(v) for v in values] for name, *values in rows}


def main() -> int:
    os.environ.setdefault("SUPERSET_HOME", str(BI_DIR / "superset_home"))
    os.environ.setdefault("SUPERSET_CONFIG_PATH", str(BI_DIR / "superset_config.py"))
    from sqlalchemy import text
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from superset import db  # the models can be imported only once the app is set up
        from superset.models.core import Database

        database = db.session.query(Database).filter_by(database_name="ntp_warehouse").one()
        with database.get_sqla_engine() as engine:
            try:
                with engine.connect() as probe:
                    probe.execute(text("create table marts.bi_write_probe as select 1 as x"))
                write_refused = None
            except Exception as exc:  # DuckDB's error, wrapped by SQLAlchemy
                write_refused = str(exc).splitlines()[0]
            with engine.connect() as held:
                before = _figures(held)
                line = {"pid": os.getpid(), "warehouse": engine.url.database, "write_refused": write_refused}
                print(json.dumps({**line, "figures": before}, ensure_ascii=False), flush=True)
                sys.stdin.readline()
                print(json.dumps({"figures": _figures(held)}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
