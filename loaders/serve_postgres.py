"""`ntp-warehouse serve-postgres`: copy the published marts into PostgreSQL for BI tools that speak Postgres.

1. Read the tables of schema `marts` of the published DuckDB file (read-only: a build may publish meanwhile; the
   file that was opened is read to the end), with their column types and their persist_docs comments.
2. Load them into a new schema (`marts__load_<id>`) in one transaction: tables with Postgres types (decimal(18,3)
   money stays numeric(18,3), text, dates, booleans, ...), rows by COPY, table and column comments, grants to the
   reader role, ANALYZE. Nobody reads that schema; a failure drops it and leaves the served schema untouched.
3. Swap in one short transaction: the served schema is renamed away and the new one renamed to `marts`. A reader
   sees the previous set of marts or the new one, never a mix. The previous schema is then dropped (after readers
   still in a query on it finish).

The reader role (default `ntp_reader`) may connect, USAGE the served schema and SELECT its tables (also tables
created there later, by default privileges), and nothing else: no CREATE on the database or on any schema, not
even `public`, sessions read-only by default. Its password, if any, comes from NTP_READER_PASSWORD, never from
the command line. The role that loads (the DSN's user) needs CREATE on the database and CREATEROLE, or to be the
database owner with a reader role created beforehand.

Note: objects other roles create in other schemas that depend on the served tables (a view on marts.dim_province)
are dropped with the previous schema; define such views in the BI tool, or re-create them after each serve.
"""

from __future__ import annotations

import csv
import logging
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

log = logging.getLogger(__name__)

DEFAULT_SCHEMA = "marts"
DEFAULT_READER_ROLE = "ntp_reader"
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class ServeError(RuntimeError):
    """The marts could not be served; the previously served schema is untouched."""


@dataclass(frozen=True)
class Column:
    name: str
    duckdb_type: str
    comment: str | None = None

    @property
    def pg_type(self) -> str:
        return pg_type(self.duckdb_type)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    comment: str | None = None
    rows: int = 0


@dataclass
class ServeOptions:
    dsn: str
    warehouse: Path
    schema: str = DEFAULT_SCHEMA
    reader_role: str = DEFAULT_READER_ROLE
    reader_password: str | None = None
    source_schema: str = "marts"
    lock_timeout_s: int = 60


@dataclass
class ServeResult:
    schema: str
    reader_role: str
    tables: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


# ----------------------------------------------------------------------------- types (pure)
_SIMPLE_TYPES = {
    "VARCHAR": "text",
    "TEXT": "text",
    "STRING": "text",
    "CHAR": "text",
    "BPCHAR": "text",
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "UTINYINT": "smallint",
    "SMALLINT": "smallint",
    "USMALLINT": "integer",
    "INTEGER": "integer",
    "UINTEGER": "bigint",
    "BIGINT": "bigint",
    "UBIGINT": "numeric(20, 0)",
    "HUGEINT": "numeric(38, 0)",
    "UHUGEINT": "numeric(39, 0)",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "DATE": "date",
    "TIME": "time",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP_NS": "timestamp",
    "TIMESTAMP_MS": "timestamp",
    "TIMESTAMP_S": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "INTERVAL": "interval",
    "UUID": "uuid",
    "JSON": "jsonb",
}
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")


def pg_type(duckdb_type: str) -> str:
    """The Postgres type for a DuckDB column type; nested and unusual types travel as text."""
    t = duckdb_type.strip().upper()
    if m := _DECIMAL.fullmatch(t):
        return f"numeric({m.group(1)}, {m.group(2)})"
    return _SIMPLE_TYPES.get(t, "text")


def _select_expression(column: Column) -> str:
    quoted = '"' + column.name.replace('"', '""') + '"'
    t = column.duckdb_type.strip().upper()
    if t in _SIMPLE_TYPES or _DECIMAL.fullmatch(t):
        return quoted
    return f"cast({quoted} as varchar) as {quoted}"  # lists, structs, maps: their text form


def check_identifier(name: str, what: str) -> str:
    """Schema and role names are lower-case identifiers (they are also quoted, but a typo should fail early)."""
    if not _IDENTIFIER.fullmatch(name):
        raise ServeError(f"{what} {name!r} is not a lower-case identifier (letters, digits, _; at most 63)")
    return name


# ----------------------------------------------------------------------------- DuckDB side
def read_marts(warehouse: Path, source_schema: str = "marts") -> tuple[duckdb.DuckDBPyConnection, list[Table]]:
    """Open the warehouse read-only and describe the tables of `source_schema` (the caller closes the connection)."""
    if not warehouse.is_file():
        raise ServeError(f"warehouse {warehouse} does not exist; build it first (ntp-warehouse build)")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        table_rows = con.execute(
            "select table_name, comment from duckdb_tables() "
            "where database_name = current_database() and schema_name = ? order by table_name",
            [source_schema],
        ).fetchall()
        tables = []
        for name, comment in table_rows:
            columns = tuple(
                Column(n, t, c)
                for n, t, c in con.execute(
                    "select column_name, data_type, comment from duckdb_columns() "
                    "where database_name = current_database() and schema_name = ? and table_name = ? "
                    "order by column_index",
                    [source_schema, name],
                ).fetchall()
            )
            rows = con.execute(f'select count(*) from "{source_schema}"."{name}"').fetchone()[0]
            tables.append(Table(name, columns, comment or None, rows))
    except BaseException:
        con.close()
        raise
    if not tables:
        con.close()
        raise ServeError(f"{warehouse} has no tables in schema {source_schema!r}")
    return con, tables


def _export_csv(con: duckdb.DuckDBPyConnection, source_schema: str, table: Table, path: Path) -> None:
    columns = ", ".join(_select_expression(c) for c in table.columns)
    target = str(path).replace("'", "''")
    con.execute(
        f'copy (select {columns} from "{source_schema}"."{table.name}") to \'{target}\' (format csv, header false)'
    )


# ----------------------------------------------------------------------------- Postgres side
def _connect(dsn: str):
    import psycopg2

    try:
        conn = psycopg2.connect(dsn)
    except psycopg2.Error as exc:
        raise ServeError(f"cannot connect to PostgreSQL: {str(exc).strip()}") from exc
    conn.set_client_encoding("UTF8")
    return conn


def ensure_reader_role(cur, database: str, role: str, password: str | None) -> None:
    """Create the reader role if needed and take from it everything but connecting and reading."""
    from psycopg2 import sql

    r = sql.Identifier(role)
    cur.execute("select 1 from pg_roles where rolname = %s", [role])
    if cur.fetchone() is None:
        cur.execute(sql.SQL("create role {} login").format(r))
        log.info("created role %s", role)
    cur.execute(sql.SQL("alter role {} login nosuperuser nocreatedb nocreaterole noreplication").format(r))
    if password:
        cur.execute(sql.SQL("alter role {} password %s").format(r), [password])
    cur.execute(sql.SQL("alter role {} set default_transaction_read_only = on").format(r))
    db = sql.Identifier(database)
    cur.execute(sql.SQL("revoke all on database {} from {}").format(db, r))
    cur.execute(sql.SQL("grant connect on database {} to {}").format(db, r))
    cur.execute(sql.SQL("revoke all on schema public from {}").format(r))
    # PostgreSQL 15 keeps CREATE on `public` from PUBLIC; older servers grant it to everyone, so take it back
    cur.execute("select has_schema_privilege(%s, 'public', 'CREATE')", [role])
    if cur.fetchone()[0]:
        cur.execute("revoke create on schema public from public")


def _create_and_load(cur, schema: str, table: Table, csv_path: Path) -> int:
    from psycopg2 import sql

    s, t = sql.Identifier(schema), sql.Identifier(table.name)
    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.pg_type)) for c in table.columns
    )
    cur.execute(sql.SQL("create table {}.{} ({})").format(s, t, columns))
    with csv_path.open("r", encoding="utf-8", newline="") as f:
        cur.copy_expert(sql.SQL("copy {}.{} from stdin with (format csv)").format(s, t).as_string(cur), f)
        loaded = cur.rowcount
    if table.comment:
        cur.execute(sql.SQL("comment on table {}.{} is %s").format(s, t), [table.comment.strip()])
    for c in table.columns:
        if c.comment:
            cur.execute(
                sql.SQL("comment on column {}.{}.{} is %s").format(s, t, sql.Identifier(c.name)), [c.comment.strip()]
            )
    cur.execute(sql.SQL("analyze {}.{}").format(s, t))
    return loaded


def _grant_reader(cur, schema: str, role: str) -> None:
    from psycopg2 import sql

    s, r = sql.Identifier(schema), sql.Identifier(role)
    cur.execute(sql.SQL("revoke all on schema {} from public").format(s))
    cur.execute(sql.SQL("grant usage on schema {} to {}").format(s, r))
    cur.execute(sql.SQL("grant select on all tables in schema {} to {}").format(s, r))
    cur.execute(sql.SQL("alter default privileges in schema {} grant select on tables to {}").format(s, r))


def _drop_schema(conn, schema: str) -> None:
    from psycopg2 import sql

    with conn.cursor() as cur:
        cur.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(schema)))
    conn.commit()


def _stale_schemas(cur, schema: str) -> list[str]:
    cur.execute(
        "select nspname from pg_namespace where nspname like %s or nspname like %s",
        [f"{schema}\\_\\_load\\_%", f"{schema}\\_\\_old\\_%"],
    )
    return [r[0] for r in cur.fetchall()]


def serve_postgres(options: ServeOptions, *, before_swap: Callable[[], None] | None = None) -> ServeResult:
    """Copy every mart of the warehouse into `options.schema` of the DSN's database, atomically for readers."""
    import psycopg2
    from psycopg2 import sql

    t0 = time.monotonic()
    schema = check_identifier(options.schema, "schema")
    role = check_identifier(options.reader_role, "reader role")
    run_id = uuid.uuid4().hex[:8]
    load_schema, old_schema = f"{schema}__load_{run_id}", f"{schema}__old_{run_id}"
    duck, tables = read_marts(options.warehouse, options.source_schema)
    conn = _connect(options.dsn)
    result = ServeResult(schema=schema, reader_role=role)
    loaded_schema_exists = False
    try:
        with conn.cursor() as cur:
            # one serve at a time per schema; leftovers of a serve that died are dropped under the same lock
            cur.execute("select pg_advisory_lock(hashtext(%s))", [f"ntp-warehouse serve-postgres {schema}"])
            conn.commit()
            for stale in _stale_schemas(cur, schema):
                log.warning("dropping schema %s left by an interrupted serve", stale)
                cur.execute(sql.SQL("drop schema {} cascade").format(sql.Identifier(stale)))
            cur.execute("select current_database()")
            database = cur.fetchone()[0]
            ensure_reader_role(cur, database, role, options.reader_password)
            conn.commit()

            # 2. load into a schema nobody reads
            loaded_schema_exists = True
            cur.execute(sql.SQL("create schema {}").format(sql.Identifier(load_schema)))
            with tempfile.TemporaryDirectory(prefix="ntp-serve-") as tmp:
                for table in tables:
                    path = Path(tmp) / f"{table.name}.csv"
                    _export_csv(duck, options.source_schema, table, path)
                    loaded = _create_and_load(cur, load_schema, table, path)
                    if loaded != table.rows:
                        raise ServeError(
                            f"{table.name}: {loaded} rows reached PostgreSQL, the warehouse has {table.rows}"
                        )
                    result.tables[table.name] = loaded
                    path.unlink()
            _grant_reader(cur, load_schema, role)
            conn.commit()
            if before_swap is not None:
                before_swap()

            # 3. swap names in one transaction; readers see the old set or the new one
            cur.execute("set local lock_timeout = %s", [f"{options.lock_timeout_s}s"])
            cur.execute("select 1 from pg_namespace where nspname = %s", [schema])
            had_schema = cur.fetchone() is not None
            if had_schema:
                cur.execute(
                    sql.SQL("alter schema {} rename to {}").format(sql.Identifier(schema), sql.Identifier(old_schema))
                )
            cur.execute(
                sql.SQL("alter schema {} rename to {}").format(sql.Identifier(load_schema), sql.Identifier(schema))
            )
            conn.commit()
            loaded_schema_exists = False
            if had_schema:
                _drop_schema(conn, old_schema)
    except psycopg2.Error as exc:
        conn.rollback()
        if loaded_schema_exists:
            _drop_schema(conn, load_schema)
        raise ServeError(f"serving to PostgreSQL failed, nothing changed for readers: {str(exc).strip()}") from exc
    except BaseException:
        conn.rollback()
        if loaded_schema_exists:
            _drop_schema(conn, load_schema)
        raise
    finally:
        duck.close()
        conn.close()  # also releases the advisory lock
    result.seconds = time.monotonic() - t0
    return result


def write_summary(result: ServeResult, dsn_display: str, out) -> None:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    print(
        f"served {len(result.tables)} marts to schema {result.schema} of {dsn_display} in {result.seconds:.1f} s; "
        f"read-only role: {result.reader_role}",
        file=out,
    )
    for name, rows in sorted(result.tables.items()):
        writer.writerow(["", name, rows])


def redact_dsn(dsn: str) -> str:
    """The DSN without its password, for messages."""
    dsn = re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", dsn)
    return re.sub(r"(password\s*=\s*)(\S+)", r"\1***", dsn)
