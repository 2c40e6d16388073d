"""Parquet exports: after a publish, every mart is also in exports/marts/<table>/ (Parquet parts), with the same
rows; a rebuild rewrites only the parts whose rows changed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from loaders import exports


def _marts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        return {t: con.execute(f'select count(*) from marts."{t}"').fetchone()[0] for t in tables}


def _parquet(folder: Path) -> str:
    return str(folder / "*.parquet")


@pytest.mark.slow
def test_given_a_build_with_exports_then_every_mart_has_a_folder_of_parts_and_no_other(built_warehouse, built_exports):
    # when
    marts = _marts(built_warehouse)
    folders = {p.name for p in built_exports.iterdir()}
    # then
    assert "fct_budget_allocations" in marts and "dim_province" in marts
    assert folders == set(marts)
    for table in marts:
        names = {p.name for p in (built_exports / table).iterdir()}
        assert exports.PARTS in names and all(n.startswith("part-") for n in names - {exports.PARTS}), table
    assert not list(built_exports.parent.glob("marts.new")) and not list(built_exports.parent.glob("marts.old"))


@pytest.mark.slow
def test_given_the_exports_then_row_counts_and_columns_equal_the_warehouse_marts(built_warehouse, built_exports):
    # given
    marts = _marts(built_warehouse)
    # when
    with duckdb.connect() as con:
        counts = {
            t: con.execute("select count(*) from read_parquet(?)", [_parquet(built_exports / t)]).fetchone()[0]
            for t in marts
        }
    # then
    assert counts == marts
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        for table in marts:
            warehouse_columns = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns where table_schema = 'marts' "
                    "and table_name = ? order by ordinal_position",
                    [table],
                ).fetchall()
            ]
            parquet_columns = [
                r[0]
                for r in con.execute(
                    "select name from parquet_schema(?) where name <> 'duckdb_schema' and file_name = "
                    "(select min(file_name) from parquet_schema(?))",
                    [_parquet(built_exports / table)] * 2,
                ).fetchall()
            ]
            assert parquet_columns == warehouse_columns, table


@pytest.mark.slow
def test_given_an_export_when_read_into_pandas_then_it_has_the_marts_values(built_warehouse, built_exports):
    # when: read as a notebook would (DuckDB into pandas; pyarrow is not a dependency)
    with duckdb.connect() as con:
        frame = con.execute("select * from read_parquet(?)", [_parquet(built_exports / "fct_budget_allocations")]).df()
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        expected = con.execute(
            "select allocation_id, amount_million_vnd, plan_year_start_date "
            "from marts.fct_budget_allocations order by allocation_id"
        ).df()
    # then
    actual = frame[["allocation_id", "amount_million_vnd", "plan_year_start_date"]].sort_values("allocation_id")
    pd.testing.assert_frame_equal(actual.reset_index(drop=True), expected, check_dtype=False)
    assert frame.province_code.map(type).eq(str).all()  # codes stay text ('20', not 20)


def _warehouse(path: Path, documents: int) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.fct as select 'doc' || (i % ?) as document_id, i as line, i * 1.5 as amount "
            "from range(?) r(i)",
            [documents, documents * 3],
        )
        con.execute("create table marts.dim as select i as code from range(5) r(i)")
        con.execute("create table marts.empty (document_id varchar, amount double)")
    return path


def _rows(folder: Path) -> list[tuple]:
    with duckdb.connect() as con:
        return con.execute(f"select * from read_parquet('{_parquet(folder)}') order by all").fetchall()


def _inodes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in folder.glob("*.parquet")}


def test_a_rebuild_rewrites_only_the_parts_whose_rows_changed(tmp_path: Path):
    # given: a warehouse exported once
    warehouse, out = _warehouse(tmp_path / "w.duckdb", 500), tmp_path / "exports" / "marts"
    exports.export_marts(warehouse, out)
    before = _inodes(out / "fct")
    assert 100 < len(before) <= exports.BUCKETS and len(_inodes(out / "dim")) == 1
    assert _rows(out / "empty") == [] and len(_rows(out / "fct")) == 1500
    # when: one document's rows change and one document is added
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update marts.fct set amount = amount + 1 where document_id = 'doc7'")
        con.execute("insert into marts.fct values ('new', 1, 2.0)")
        expected = con.execute("select * from marts.fct order by all").fetchall()
    exports.export_marts(warehouse, out)
    # then: the parts of those two documents are new files, every other part is the same file
    after = _inodes(out / "fct")
    changed = {name for name in after if before.get(name) != after[name]}
    assert 1 <= len(changed) <= 2
    assert _rows(out / "fct") == expected
    assert _inodes(out / "dim") != {} and not (out.parent / "marts.new").exists()


def test_an_export_whose_record_is_lost_or_whose_columns_changed_is_written_whole(tmp_path: Path):
    # given
    warehouse, out = _warehouse(tmp_path / "w.duckdb", 50), tmp_path / "exports" / "marts"
    exports.export_marts(warehouse, out)
    first = _inodes(out / "fct")
    # when: the record of the parts is damaged
    (out / "fct" / exports.PARTS).write_text("{", encoding="utf-8")
    exports.export_marts(warehouse, out)
    # then: every part is written again
    second = _inodes(out / "fct")
    assert not set(first.items()) & set(second.items())
    # when: a column's type changes, its values the same
    with duckdb.connect(str(warehouse)) as con:
        con.execute("alter table marts.fct alter line type integer")
    exports.export_marts(warehouse, out)
    # then: every part again, with the new type
    assert not set(second.items()) & set(_inodes(out / "fct").items())
    with duckdb.connect() as con:
        described = con.execute(f"describe select * from read_parquet('{_parquet(out / 'fct')}')").fetchall()
    assert {row[0]: row[1] for row in described}["line"] == "INTEGER"
