"""Compare the marts of two builds of the warehouse row for row: the same tables, the same column names and types,
the same keys, and the same values under each key. Used by `make test-spark` to show that the warehouse built on
Apache Spark equals the one built on DuckDB from the same seeds; usable on any two builds.

A build is named by a source:

    duckdb:PATH      a DuckDB warehouse file (its `marts` schema), opened read-only
    parquet:DIR      one Parquet file or folder per table (exports/marts/, or a Spark warehouse's marts.db/)
    spark:DIR        the Spark tables of `dbt build --target spark` run with NTP_SPARK_DIR=DIR (pyspark)

    python scripts/compare_marts.py duckdb:warehouse.duckdb spark:target/spark --manifest target/manifest.json

Exit status 0 when the marts are equal, 1 when they differ (each difference printed: which mart, which key, which
column, both values), 2 on bad usage. Values are compared after normalising the engines' types: text, integers,
decimals at their declared scale, dates, booleans, NULL; floating-point values after rounding to 9 significant
digits. Rows are matched on each mart's primary key, read from the dbt manifest (the `unique` or
`unique_combination_of_columns` test of the mart); without one, on the first column if its values are unique and
not NULL, else on the whole row.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MAX_DIFFERENCES_PER_TABLE = 20


# ----------------------------------------------------------------------------------------------- snapshots
@dataclass
class Table:
    """One mart: its columns (name, normalised type) and its rows (tuples in column order)."""

    columns: list[tuple[str, str]]
    rows: list[tuple[Any, ...]]

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


Snapshot = dict[str, Table]

_TYPE_NAMES = {
    "varchar": "string",
    "text": "string",
    "string": "string",
    "char": "string",
    "bpchar": "string",
    "tinyint": "integer",
    "smallint": "integer",
    "int": "integer",
    "int4": "integer",
    "integer": "integer",
    "bigint": "bigint",
    "int8": "bigint",
    "long": "bigint",
    "boolean": "boolean",
    "bool": "boolean",
    "date": "date",
    "double": "double",
    "float": "double",
    "float8": "double",
    "real": "double",
    "timestamp": "timestamp",
    "timestamp with time zone": "timestamp",
    "timestamp_ntz": "timestamp",
}


def normalise_type(engine_type: str) -> str:
    """One name per kind of value, whatever the engine calls it: VARCHAR and string are `string`, INTEGER and int
    `integer`, DECIMAL(18,3) and decimal(18,3) `decimal(18,3)`. Widths of text (varchar(10)) are dropped."""
    t = engine_type.strip().lower()
    m = re.fullmatch(r"(?:decimal|numeric)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)", t)
    if m:
        return f"decimal({m.group(1)},{m.group(2)})"
    t = re.sub(r"\s*\(\s*\d+\s*\)$", "", t)  # varchar(10), char(2)
    return _TYPE_NAMES.get(t, t)


def _scale(normalised_type: str) -> int | None:
    m = re.fullmatch(r"decimal\(\d+,(\d+)\)", normalised_type)
    return int(m.group(1)) if m else None


def normalise_value(value: Any, normalised_type: str) -> Any:
    """The value as the same Python object whichever engine returned it."""
    if value is None:
        return None
    if normalised_type.startswith("decimal("):
        scale = _scale(normalised_type)
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-scale)) if scale is not None else Decimal(str(value))
    if normalised_type == "double":
        return float(f"{float(value):.9g}")
    if normalised_type in ("integer", "bigint"):
        return int(value)
    if normalised_type == "boolean":
        return bool(value)
    if normalised_type == "date":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if normalised_type == "timestamp":
        return value.replace(tzinfo=None) if isinstance(value, dt.datetime) else value
    if isinstance(value, bytes):
        return value
    return str(value) if normalised_type == "string" else value


def _table(columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[Any]]) -> Table:
    cols = [(name, normalise_type(t)) for name, t in columns]
    return Table(cols, [tuple(normalise_value(v, t) for v, (_, t) in zip(row, cols, strict=True)) for row in rows])


def read_duckdb(path: str | Path, schema: str = "marts") -> Snapshot:
    """Every base table of `schema` in a DuckDB file."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables"
                " where table_schema = ? and table_type = 'BASE TABLE' order by table_name",
                [schema],
            ).fetchall()
        ]
        out: Snapshot = {}
        for name in names:
            cur = con.execute(f'select * from "{schema}"."{name}"')
            columns = [(d[0], str(d[1])) for d in cur.description]
            out[name] = _table(columns, cur.fetchall())
        return out
    finally:
        con.close()


def read_parquet(folder: str | Path) -> Snapshot:
    """One table per `<name>.parquet` file or `<name>/` folder of Parquet files (a Spark table's files)."""
    import duckdb

    folder = Path(folder)
    con = duckdb.connect()
    out: Snapshot = {}
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            files = sorted(p for p in entry.rglob("*.parquet"))
            name = entry.name
        elif entry.suffix == ".parquet":
            files, name = [entry], entry.stem
        else:
            continue
        if not files:
            continue
        cur = con.execute("select * from read_parquet(?)", [[str(p) for p in files]])
        out[name] = _table([(d[0], str(d[1])) for d in cur.description], cur.fetchall())
    con.close()
    return out


def _spark_running() -> bool:
    from pyspark import SparkContext

    return SparkContext._active_spark_context is not None


def spark_session(spark_dir: str | Path):
    """A local Spark session on the metastore and table files `dbt build --target spark` left in `spark_dir`,
    configured from the `spark` target of profiles.yml (so both always agree). In a process where dbt already
    ran that build (tests/spark), this is dbt's own session."""
    import jinja2
    import yaml
    from pyspark.sql import SparkSession

    if _spark_running():
        return SparkSession.builder.getOrCreate()

    env = {**os.environ, "NTP_SPARK_DIR": str(spark_dir)}

    def env_var(name: str, default: str | None = None) -> str:
        if name in env:
            return env[name]
        if default is None:
            raise KeyError(name)
        return default

    # as dbt does: parse the YAML, then render each value
    profiles = yaml.safe_load((ROOT / "profiles.yml").read_text(encoding="utf-8"))
    params = profiles["ntp_warehouse"]["outputs"]["spark"]["server_side_parameters"]
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in params.items():
        builder = builder.config(key, jinja2.Template(str(value)).render(env_var=env_var))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def read_spark(session, database: str = "marts") -> Snapshot:
    """Every table of `database` in a Spark session's catalog."""
    out: Snapshot = {}
    for t in sorted(session.catalog.listTables(database), key=lambda t: t.name):
        if (t.tableType or "").upper() == "VIEW" or t.isTemporary:
            continue
        df = session.table(f"{database}.{t.name}")
        columns = [(f.name, f.dataType.simpleString()) for f in df.schema.fields]
        out[t.name] = _table(columns, (tuple(r) for r in df.collect()))
    return out


def read_source(source: str, schema: str = "marts") -> Snapshot:
    kind, _, location = source.partition(":")
    if kind == "duckdb":
        return read_duckdb(location, schema)
    if kind == "parquet":
        return read_parquet(location)
    if kind == "spark":
        ours = not _spark_running()
        session = spark_session(location)
        try:
            return read_spark(session, schema)
        finally:
            if ours:
                session.stop()
    raise ValueError(f"unknown source {source!r}: use duckdb:PATH, parquet:DIR or spark:DIR")


# ----------------------------------------------------------------------------------------------- keys
def keys_from_manifest(manifest: dict, schema: str = "marts") -> dict[str, list[str]]:
    """Each mart's primary key: the columns of its unique_combination_of_columns test, else its first column
    (in the model's column order) with a `unique` test."""
    models = {
        uid: n for uid, n in manifest["nodes"].items() if n["resource_type"] == "model" and n.get("schema") == schema
    }
    combos: dict[str, list[str]] = {}
    uniques: dict[str, set[str]] = {}
    for n in manifest["nodes"].values():
        if n["resource_type"] != "test" or not n.get("test_metadata"):
            continue
        meta = n["test_metadata"]
        model_uid = n.get("attached_node") or next((d for d in n["depends_on"]["nodes"] if d in models), None)
        if model_uid not in models:
            continue
        name = models[model_uid]["alias"] or models[model_uid]["name"]
        kwargs = meta.get("kwargs", {})
        if meta["name"] == "unique_combination_of_columns":
            combos.setdefault(name, list(kwargs["combination_of_columns"]))
        elif meta["name"] == "unique" and kwargs.get("column_name"):
            uniques.setdefault(name, set()).add(kwargs["column_name"])
    keys: dict[str, list[str]] = dict(combos)
    for n in models.values():
        name = n["alias"] or n["name"]
        if name in keys or name not in uniques:
            continue
        ordered = [c for c in n.get("columns", {}) if c in uniques[name]]
        keys[name] = [ordered[0] if ordered else sorted(uniques[name])[0]]
    return keys


# ----------------------------------------------------------------------------------------------- comparison
@dataclass
class Difference:
    table: str
    kind: str  # missing_table, columns, types, row_count, missing_row, duplicate_key, value
    detail: str
    key: str | None = None
    column: str | None = None
    left: Any = None
    right: Any = None

    def __str__(self) -> str:
        where = self.table + (f" [{self.key}]" if self.key else "") + (f" .{self.column}" if self.column else "")
        return f"{where}: {self.detail}"


@dataclass
class Report:
    left_name: str
    right_name: str
    tables: list[str] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    rows_compared: int = 0

    @property
    def equal(self) -> bool:
        return not self.differences

    def render(self) -> str:
        lines = []
        by_table: dict[str, list[Difference]] = {}
        for d in self.differences:
            by_table.setdefault(d.table, []).append(d)
        for table in sorted(by_table):
            diffs = by_table[table]
            lines.append(f"{table}: {len(diffs)} difference(s)")
            for d in diffs[:MAX_DIFFERENCES_PER_TABLE]:
                lines.append(f"  {d}")
            if len(diffs) > MAX_DIFFERENCES_PER_TABLE:
                lines.append(f"  ... and {len(diffs) - MAX_DIFFERENCES_PER_TABLE} more")
        verdict = "EQUAL" if self.equal else "DIFFERENT"
        lines.append(
            f"{verdict}: {len(self.tables)} marts, {self.rows_compared} rows compared "
            f"({self.left_name} vs {self.right_name}), {len(self.differences)} difference(s)"
        )
        return "\n".join(lines)


def _fmt_key(names: Sequence[str], values: Sequence[Any]) -> str:
    return ", ".join(f"{n}={v!r}" for n, v in zip(names, values, strict=True))


def _first_column_if_unique(*tables: Table) -> list[str]:
    """Without a declared key: the first column, when its values are unique and not NULL in every table."""
    for t in tables:
        values = [row[0] for row in t.rows]
        if not t.columns or None in values or len(set(values)) != len(values):
            return []
    return [tables[0].columns[0][0]]


def compare_table(
    name: str, left: Table, right: Table, key: Sequence[str] | None, names: tuple[str, str]
) -> list[Difference]:
    ln, rn = names
    out: list[Difference] = []
    if left.column_names != right.column_names:
        only_l = [c for c in left.column_names if c not in right.column_names]
        only_r = [c for c in right.column_names if c not in left.column_names]
        detail = f"columns differ: only in {ln} {only_l}, only in {rn} {only_r}"
        if not only_l and not only_r:
            detail = f"columns in a different order: {ln} {left.column_names}, {rn} {right.column_names}"
        out.append(Difference(name, "columns", detail, left=left.column_names, right=right.column_names))
        return out
    for (col, lt), (_, rt) in zip(left.columns, right.columns, strict=True):
        if lt != rt:
            out.append(Difference(name, "types", f"type {ln} {lt}, {rn} {rt}", column=col, left=lt, right=rt))
    if len(left.rows) != len(right.rows):
        out.append(
            Difference(
                name,
                "row_count",
                f"{len(left.rows)} rows in {ln}, {len(right.rows)} in {rn}",
                left=len(left.rows),
                right=len(right.rows),
            )
        )
    columns = left.column_names
    key_cols = [c for c in (key or []) if c in columns] or _first_column_if_unique(left, right) or columns
    idx = [columns.index(c) for c in key_cols]

    def index(rows: list[tuple[Any, ...]], side: str) -> dict[tuple[Any, ...], tuple[Any, ...]]:
        seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        for row in rows:
            k = tuple(row[i] for i in idx)
            if k in seen and key_cols != columns:
                out.append(Difference(name, "duplicate_key", f"key occurs twice in {side}", key=_fmt_key(key_cols, k)))
            seen[k] = row
        return seen

    lrows, rrows = index(left.rows, ln), index(right.rows, rn)
    if key_cols == columns:  # no key: compare the rows as multisets
        from collections import Counter

        lc, rc = Counter(left.rows), Counter(right.rows)
        for row in sorted((lc - rc).elements(), key=repr):
            out.append(Difference(name, "missing_row", f"row only in {ln}: {row!r}"))
        for row in sorted((rc - lc).elements(), key=repr):
            out.append(Difference(name, "missing_row", f"row only in {rn}: {row!r}"))
        return out
    for k in sorted(lrows.keys() - rrows.keys(), key=repr):
        out.append(Difference(name, "missing_row", f"row only in {ln}", key=_fmt_key(key_cols, k)))
    for k in sorted(rrows.keys() - lrows.keys(), key=repr):
        out.append(Difference(name, "missing_row", f"row only in {rn}", key=_fmt_key(key_cols, k)))
    for k in sorted(lrows.keys() & rrows.keys(), key=repr):
        lrow, rrow = lrows[k], rrows[k]
        if lrow == rrow:
            continue
        for col, lv, rv in zip(columns, lrow, rrow, strict=True):
            if lv != rv:
                out.append(
                    Difference(
                        name,
                        "value",
                        f"{ln} {lv!r}, {rn} {rv!r}",
                        key=_fmt_key(key_cols, k),
                        column=col,
                        left=lv,
                        right=rv,
                    )
                )
    return out


def compare(
    left: Snapshot,
    right: Snapshot,
    keys: dict[str, list[str]] | None = None,
    names: tuple[str, str] = ("left", "right"),
) -> Report:
    report = Report(*names)
    ln, rn = names
    for table in sorted(left.keys() | right.keys()):
        report.tables.append(table)
        if table not in right:
            report.differences.append(Difference(table, "missing_table", f"mart only in {ln}"))
            continue
        if table not in left:
            report.differences.append(Difference(table, "missing_table", f"mart only in {rn}"))
            continue
        report.rows_compared += max(len(left[table].rows), len(right[table].rows))
        report.differences += compare_table(table, left[table], right[table], (keys or {}).get(table), names)
    return report


# ----------------------------------------------------------------------------------------------- command line
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("left", help="duckdb:PATH, parquet:DIR or spark:DIR")
    parser.add_argument("right", help="duckdb:PATH, parquet:DIR or spark:DIR")
    parser.add_argument("--schema", default="marts", help="schema (DuckDB) or database (Spark) of the marts")
    parser.add_argument("--manifest", type=Path, help="dbt manifest.json giving each mart's key")
    args = parser.parse_args(argv)
    try:
        left, right = read_source(args.left, args.schema), read_source(args.right, args.schema)
    except ValueError as exc:
        parser.error(str(exc))
    keys = (
        keys_from_manifest(json.loads(args.manifest.read_text(encoding="utf-8")), args.schema) if args.manifest else {}
    )
    names = (args.left.partition(":")[0], args.right.partition(":")[0])
    if names[0] == names[1]:
        names = ("left", "right")
    report = compare(left, right, keys, names)
    print(report.render())
    return 0 if report.equal else 1


if __name__ == "__main__":
    sys.exit(main())
