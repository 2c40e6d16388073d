"""scripts/compare_marts.py, the comparison `make test-spark` trusts, is itself tested on two small builds that are
equal, then differ by one value, one row, one column or one mart: each difference is reported with the mart, the key,
the column and both values, and the command exits 1. (The run on real Spark builds is in tests/spark.)"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import compare_marts

KEYS = {"dim_unit": ["unit_code"], "fct_lines": ["document_id", "line_code"]}


def _build(path: Path, *changes: str) -> Path:
    """A warehouse file with two marts, then `changes` (SQL) applied to it."""
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create table marts.dim_unit (unit_code varchar, unit_name varchar, is_count boolean)")
    con.execute("insert into marts.dim_unit values ('ho', 'household', true), ('ha', 'hectare', false)")
    con.execute(
        "create table marts.fct_lines (document_id varchar, line_code varchar, amount decimal(18, 3),"
        " plan_year integer, issued date)"
    )
    con.execute(
        "insert into marts.fct_lines values ('d1', 'A', 570354.000, 2023, date '2023-03-01'),"
        " ('d1', 'A.1', 12.5, 2023, null), ('d2', 'A', -3.250, null, date '2024-01-02')"
    )
    con.execute("create view marts.not_a_mart as select 1 as one")  # views are not compared
    for sql in changes:
        con.execute(sql)
    con.close()
    return path


def test_equal_builds_are_equal(tmp_path: Path):
    left = compare_marts.read_duckdb(_build(tmp_path / "a.duckdb"))
    right = compare_marts.read_duckdb(_build(tmp_path / "b.duckdb"))
    report = compare_marts.compare(left, right, KEYS)
    assert report.equal, report.render()
    assert report.tables == ["dim_unit", "fct_lines"] and report.rows_compared == 5
    assert report.render().splitlines()[-1].startswith("EQUAL: 2 marts, 5 rows compared")


def test_one_changed_value_is_reported_with_its_mart_key_column_and_both_values(tmp_path: Path):
    left = compare_marts.read_duckdb(_build(tmp_path / "a.duckdb"))
    right = compare_marts.read_duckdb(
        _build(tmp_path / "b.duckdb", "update marts.fct_lines set amount = 12.501 where line_code = 'A.1'")
    )
    report = compare_marts.compare(left, right, KEYS, ("duckdb", "spark"))
    assert not report.equal
    [diff] = report.differences
    assert (diff.table, diff.kind, diff.column) == ("fct_lines", "value", "amount")
    assert diff.key == "document_id='d1', line_code='A.1'"
    assert (diff.left, diff.right) == (Decimal("12.500"), Decimal("12.501"))
    assert (
        "fct_lines [document_id='d1', line_code='A.1'] .amount: duckdb Decimal('12.500'), spark Decimal('12.501')"
        in (report.render())
    )


def test_missing_and_extra_rows_columns_and_marts_are_reported(tmp_path: Path):
    left = compare_marts.read_duckdb(_build(tmp_path / "a.duckdb"))
    right = compare_marts.read_duckdb(
        _build(
            tmp_path / "b.duckdb",
            "delete from marts.fct_lines where document_id = 'd2'",
            "insert into marts.dim_unit values ('km', 'kilometre', false)",
            "update marts.dim_unit set is_count = null where unit_code = 'ho'",
            "create table marts.rpt_extra as select 1 as one",
        )
    )
    report = compare_marts.compare(left, right, KEYS, ("duckdb", "spark"))
    found = {(d.table, d.kind, d.key, d.column) for d in report.differences}
    assert ("fct_lines", "missing_row", "document_id='d2', line_code='A'", None) in found
    assert ("fct_lines", "row_count", None, None) in found
    assert ("dim_unit", "missing_row", "unit_code='km'", None) in found
    assert ("dim_unit", "value", "unit_code='ho'", "is_count") in found  # NULL is a value like any other
    assert ("rpt_extra", "missing_table", None, None) in found
    assert len(report.differences) == 6, report.render()  # and dim_unit's row count


def test_a_renamed_column_or_a_changed_type_is_reported(tmp_path: Path):
    left = compare_marts.read_duckdb(_build(tmp_path / "a.duckdb"))
    renamed = compare_marts.read_duckdb(
        _build(tmp_path / "b.duckdb", "alter table marts.dim_unit rename column unit_name to unit_label")
    )
    retyped = compare_marts.read_duckdb(
        _build(tmp_path / "c.duckdb", "alter table marts.fct_lines alter amount type decimal(18, 2)")
    )
    columns = compare_marts.compare(left, renamed, KEYS).differences
    assert [(d.table, d.kind) for d in columns] == [("dim_unit", "columns")]
    assert "only in left ['unit_name'], only in right ['unit_label']" in columns[0].detail
    types = compare_marts.compare(left, retyped, KEYS).differences
    assert ("fct_lines", "types", "amount") in {(d.table, d.kind, d.column) for d in types}


def test_engine_types_are_normalised():
    # DuckDB's and Spark's names for the same kinds of value
    assert compare_marts.normalise_type("VARCHAR") == compare_marts.normalise_type("string") == "string"
    assert compare_marts.normalise_type("INTEGER") == compare_marts.normalise_type("int") == "integer"
    assert compare_marts.normalise_type("DECIMAL(18,3)") == compare_marts.normalise_type("decimal(18, 3)")
    assert compare_marts.normalise_type("varchar(10)") == "string"
    # decimals at their declared scale, dates from either engine's form, floats to 9 significant digits
    assert compare_marts.normalise_value(Decimal("1.5"), "decimal(18,3)") == Decimal("1.500")
    assert str(compare_marts.normalise_value(Decimal("1.5"), "decimal(18,3)")) == "1.500"
    assert compare_marts.normalise_value("2024-01-02", "date") == dt.date(2024, 1, 2)
    assert compare_marts.normalise_value(0.1 + 0.2, "double") == compare_marts.normalise_value(0.3, "double")


def test_the_command_line_exits_1_on_a_difference_and_reads_parquet_exports(tmp_path: Path, capsys):
    a = _build(tmp_path / "a.duckdb")
    b = _build(tmp_path / "b.duckdb", "update marts.dim_unit set unit_name = 'hộ' where unit_code = 'ho'")
    assert compare_marts.main([f"duckdb:{a}", f"duckdb:{a}"]) == 0
    assert compare_marts.main([f"duckdb:{a}", f"duckdb:{b}"]) == 1
    out = capsys.readouterr().out
    assert "dim_unit [unit_code='ho'] .unit_name: left 'household', right 'hộ'" in out
    assert out.strip().splitlines()[-1].startswith("DIFFERENT: 2 marts")
    # the same marts as Parquet files (exports/marts/<mart>.parquet) compare equal to the file they came from
    exports = tmp_path / "exports"
    exports.mkdir()
    con = duckdb.connect(str(a), read_only=True)
    for table in ("dim_unit", "fct_lines"):
        con.execute(f"copy (select * from marts.{table}) to '{exports / table}.parquet' (format parquet)")
    con.close()
    assert compare_marts.main([f"duckdb:{a}", f"parquet:{exports}"]) == 0
    with pytest.raises(SystemExit):
        compare_marts.main(["sqlite:x.db", f"duckdb:{a}"])
