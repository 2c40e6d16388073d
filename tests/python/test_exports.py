"""Parquet exports: after a publish, every mart is also in exports/marts/<table>.parquet, with the same rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

pytestmark = pytest.mark.slow


def _marts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        return {t: con.execute(f'select count(*) from marts."{t}"').fetchone()[0] for t in tables}


def test_given_a_build_with_exports_then_every_mart_has_a_parquet_file_and_no_other(built_warehouse, built_exports):
    # when
    marts = _marts(built_warehouse)
    files = {p.stem for p in built_exports.glob("*.parquet")}
    # then
    assert "fct_budget_allocations" in marts and "dim_province" in marts
    assert files == set(marts)
    assert not list(built_exports.parent.glob("marts.new")) and not list(built_exports.parent.glob("marts.old"))


def test_given_the_exports_then_row_counts_and_columns_equal_the_warehouse_marts(built_warehouse, built_exports):
    # given
    marts = _marts(built_warehouse)
    # when
    with duckdb.connect() as con:
        counts = {
            t: con.execute("select count(*) from read_parquet(?)", [str(built_exports / f"{t}.parquet")]).fetchone()[0]
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
                    "select name from parquet_schema(?) where name <> 'duckdb_schema'",
                    [str(built_exports / f"{table}.parquet")],
                ).fetchall()
            ]
            assert parquet_columns == warehouse_columns, table


def test_given_an_export_when_read_into_pandas_then_it_has_the_marts_values(built_warehouse, built_exports):
    # when: read as a notebook would (DuckDB into pandas; pyarrow is not a dependency)
    with duckdb.connect() as con:
        frame = con.execute(
            "select * from read_parquet(?)", [str(built_exports / "fct_budget_allocations.parquet")]
        ).df()
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        expected = con.execute(
            "select allocation_id, amount_million_vnd, plan_year_start_date "
            "from marts.fct_budget_allocations order by allocation_id"
        ).df()
    # then
    actual = frame[["allocation_id", "amount_million_vnd", "plan_year_start_date"]].sort_values("allocation_id")
    pd.testing.assert_frame_equal(actual.reset_index(drop=True), expected, check_dtype=False)
    assert frame.province_code.map(type).eq(str).all()  # codes stay text ('20', not 20)
