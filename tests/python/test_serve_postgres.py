"""`ntp-warehouse serve-postgres`: the marts in a real PostgreSQL 15 cluster (started here, on 127.0.0.1), with a
reader role that can read every mart and change nothing (given / when / then)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import run_cli
from pg_cluster import PgCluster, PostgresUnavailable, start_cluster

from loaders.build import RunRecord
from loaders.build import _serve_postgres as build_serve_step
from loaders.serve_postgres import ServeError, ServeOptions, pg_type, redact_dsn, serve_postgres

psycopg2 = pytest.importorskip("psycopg2")
from psycopg2 import errors  # noqa: E402

READER = "ntp_reader"
READER_PASSWORD = "reader-test-password"
DATABASE = "ntp"


# ----------------------------------------------------------------------------- pure parts
@pytest.mark.parametrize(
    ("duckdb_type", "expected"),
    [
        ("DECIMAL(18,3)", "numeric(18, 3)"),
        ("VARCHAR", "text"),
        ("DATE", "date"),
        ("BOOLEAN", "boolean"),
        ("INTEGER", "integer"),
        ("BIGINT", "bigint"),
        ("DOUBLE", "double precision"),
        ("TIMESTAMP", "timestamp"),
        ("HUGEINT", "numeric(38, 0)"),
        ("VARCHAR[]", "text"),
    ],
)
def test_given_a_duckdb_type_then_the_postgres_type_keeps_its_meaning(duckdb_type, expected):
    assert pg_type(duckdb_type) == expected


def test_given_a_dsn_with_a_password_then_messages_show_it_redacted():
    assert "s3cret" not in redact_dsn("host=h user=u password=s3cret dbname=d")
    assert redact_dsn("postgresql://u:s3cret@h:5432/d") == "postgresql://u:***@h:5432/d"


def test_given_a_schema_name_that_is_not_an_identifier_then_nothing_is_served(tmp_path):
    with pytest.raises(ServeError, match="schema"):
        serve_postgres(ServeOptions(dsn="host=127.0.0.1", warehouse=tmp_path / "w.duckdb", schema="marts; drop"))


# ----------------------------------------------------------------------------- a real cluster
@pytest.fixture(scope="module")
def pg() -> Iterator[PgCluster]:
    try:
        cluster = start_cluster()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"no PostgreSQL server here: {exc}")
    try:
        conn = psycopg2.connect(cluster.dsn())
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f"create database {DATABASE}")
        conn.close()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def served(pg: PgCluster, built_warehouse: Path) -> PgCluster:
    result = run_cli(
        "serve-postgres",
        "--dsn",
        pg.dsn(DATABASE),
        "--warehouse",
        str(built_warehouse),
        env={"NTP_READER_PASSWORD": READER_PASSWORD},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert pg.admin_password not in result.stdout + result.stderr
    return pg


def _mart_counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"
            ).fetchall()
        ]
        return {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in tables}


@pytest.fixture
def reader(served: PgCluster):
    conn = psycopg2.connect(served.dsn(DATABASE, READER, READER_PASSWORD))
    yield conn
    conn.close()


@pytest.mark.slow
def test_given_served_marts_when_the_reader_selects_then_every_mart_has_the_warehouses_rows(reader, built_warehouse):
    # given
    expected = _mart_counts(built_warehouse)
    # when
    with reader.cursor() as cur:
        cur.execute("select table_name from information_schema.tables where table_schema = 'marts' order by 1")
        tables = [r[0] for r in cur.fetchall()]
        counts = {}
        for table in tables:
            cur.execute(f"select count(*) from marts.{table}")
            counts[table] = cur.fetchone()[0]
    # then
    assert counts == expected


@pytest.mark.slow
def test_given_served_marts_then_types_and_comments_survive(reader, built_warehouse):
    # given
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        table_comment = con.execute(
            "select comment from duckdb_tables() where schema_name = 'marts' and table_name = 'dim_province'"
        ).fetchone()[0]
        column_comment = con.execute(
            "select comment from duckdb_columns() where schema_name = 'marts' "
            "and table_name = 'fct_budget_allocations' "
            "and column_name = 'amount_million_vnd'"
        ).fetchone()[0]
    # when
    with reader.cursor() as cur:
        cur.execute(
            "select column_name, data_type, numeric_precision, numeric_scale from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'fct_budget_allocations'"
        )
        types = {r[0]: r[1:] for r in cur.fetchall()}
        cur.execute(
            "select obj_description('marts.dim_province'::regclass, 'pg_class'), "
            "col_description('marts.fct_budget_allocations'::regclass, a.attnum) "
            "from pg_attribute as a where a.attrelid = 'marts.fct_budget_allocations'::regclass "
            "and a.attname = 'amount_million_vnd'"
        )
        served_table_comment, served_column_comment = cur.fetchone()
        cur.execute(
            "select amount_million_vnd from marts.fct_budget_allocations "
            "where province_code = '20' and parent_line_code is null"
        )
        lang_son_total = cur.fetchone()[0]
    # then
    assert types["amount_million_vnd"] == ("numeric", 18, 3)
    assert types["province_code"][0] == "text"
    assert types["plan_year_start_date"][0] == "date"
    assert types["is_approximate"][0] == "boolean"
    assert types["plan_year"][0] == "integer"
    assert served_table_comment == table_comment.strip()
    assert served_column_comment == column_comment.strip()
    assert str(lang_son_total) == "1238075.000"


FORBIDDEN = [
    ("create a table in marts", "create table marts.scratch (a integer)"),
    ("create a table in public", "create table public.scratch (a integer)"),
    ("create a schema", "create schema scratch"),
    ("insert a mart row", "insert into marts.dim_year (year, program_phase) values (2099, 'x')"),
    ("update a mart row", "update marts.dim_province set province_name = 'x'"),
    ("delete a mart row", "delete from marts.fct_budget_allocations"),
    ("truncate a mart", "truncate marts.dim_unit"),
    ("drop a mart", "drop table marts.dim_province"),
    ("alter a mart", "alter table marts.dim_project add column x integer"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("what", "statement"), FORBIDDEN, ids=[f[0] for f in FORBIDDEN])
def test_given_the_reader_role_then_it_cannot_change_anything(reader, what, statement):
    # given: its sessions are read-only by default ...
    with reader.cursor() as cur, pytest.raises(errors.ReadOnlySqlTransaction):
        cur.execute(statement)
    reader.rollback()
    # ... and even in a read-write transaction it has no privilege to
    with reader.cursor() as cur:
        cur.execute("set transaction read write")
        with pytest.raises(errors.InsufficientPrivilege):
            cur.execute(statement)
    reader.rollback()


@pytest.mark.slow
def test_given_the_reader_role_then_it_has_no_create_privilege_anywhere(reader):
    with reader.cursor() as cur:
        cur.execute(
            "select has_database_privilege(current_database(), 'CREATE'), "
            "has_schema_privilege('public', 'CREATE'), has_schema_privilege('marts', 'CREATE'), "
            "has_schema_privilege('marts', 'USAGE'), "
            "has_table_privilege('marts.dim_province', 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, "
            "TRIGGER'), rolsuper or rolcreatedb or rolcreaterole from pg_roles where rolname = current_user"
        )
        assert cur.fetchone() == (False, False, False, True, False, False)


@pytest.mark.slow
def test_given_a_second_serve_then_readers_see_the_new_marts_with_their_grants_and_no_leftover_schemas(
    served, reader, built_warehouse
):
    # given: a reader connected before the swap
    with reader.cursor() as cur:
        cur.execute("select 'marts.dim_province'::regclass::oid")
        old_oid = cur.fetchone()[0]
    reader.rollback()
    # when
    result = serve_postgres(
        ServeOptions(dsn=served.dsn(DATABASE), warehouse=built_warehouse, reader_password=READER_PASSWORD)
    )
    # then
    assert result.tables == _mart_counts(built_warehouse)
    with reader.cursor() as cur:
        cur.execute("select 'marts.dim_province'::regclass::oid, (select count(*) from marts.dim_province)")
        new_oid, rows = cur.fetchone()
        cur.execute("select nspname from pg_namespace where nspname like 'marts%'")
        schemas = {r[0] for r in cur.fetchall()}
    assert new_oid != old_oid and rows == result.tables["dim_province"]
    assert schemas == {"marts"}


@pytest.mark.slow
def test_given_a_failure_before_the_swap_then_readers_keep_the_previous_marts(served, reader, built_warehouse):
    # given
    with reader.cursor() as cur:
        cur.execute("select 'marts.fct_indicator_targets'::regclass::oid")
        before = cur.fetchone()[0]
    reader.rollback()

    def fail() -> None:
        raise RuntimeError("disk full (simulated)")

    # when
    with pytest.raises(RuntimeError, match="simulated"):
        serve_postgres(ServeOptions(dsn=served.dsn(DATABASE), warehouse=built_warehouse), before_swap=fail)
    # then
    with reader.cursor() as cur:
        cur.execute("select 'marts.fct_indicator_targets'::regclass::oid, count(*) from marts.fct_indicator_targets")
        after, rows = cur.fetchone()
        cur.execute("select nspname from pg_namespace where nspname like 'marts%'")
        schemas = {r[0] for r in cur.fetchall()}
    assert after == before and rows == _mart_counts(built_warehouse)["fct_indicator_targets"]
    assert schemas == {"marts"}


@pytest.mark.slow
def test_given_build_with_postgres_that_is_down_then_the_serve_step_warns_and_does_not_raise(pg, built_warehouse):
    # given: a port nobody listens on
    dsn = pg.dsn(DATABASE).replace(f"port={pg.port}", "port=1")
    run = RunRecord(run_id="test", started_at=None)  # type: ignore[arg-type]
    # when
    ok = build_serve_step(built_warehouse, dsn, run)
    # then
    assert not ok
    assert any("PostgreSQL serving failed" in w and "serve-postgres" in w for w in run.warnings)
    assert pg.admin_password not in " ".join(run.warnings)


@pytest.mark.slow
def test_given_build_with_postgres_up_then_the_serve_step_notes_what_it_served(served, built_warehouse):
    # given
    run = RunRecord(run_id="test", started_at=None)  # type: ignore[arg-type]
    # when
    ok = build_serve_step(built_warehouse, served.dsn(DATABASE), run)
    # then
    assert ok and not run.warnings
    assert run.notes and f"{len(_mart_counts(built_warehouse))} marts" in run.notes[0]


@pytest.mark.slow
def test_given_no_dsn_then_the_cli_says_how_to_give_one(built_warehouse):
    result = run_cli("serve-postgres", "--warehouse", str(built_warehouse), env={"NTP_POSTGRES_DSN": ""})
    assert result.returncode == 2
    assert "--dsn" in result.stderr
