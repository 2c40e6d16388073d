"""Parquet copies of every mart, written next to the warehouse after a publish, for any engine or notebook: each
mart is a folder of Parquet files, `exports/marts/<table>/part-NNN.parquet`, read whole
(`read_parquet('exports/marts/<table>/*.parquet')`, `pandas.read_parquet`, `spark.read.parquet`).

A mart's rows are split into parts by their document (`hash(document_id) % BUCKETS`; one part for a table without
documents), and each part's row count and checksum are kept beside its files (`_parts.json`, which Parquet readers
skip). A rebuild rewrites only the parts whose rows changed and links the others from the last export: adding one
document to a national warehouse rewrites a few parts, not gigabytes. The set is written to a fresh folder and
swapped in, so a reader never sees a half-written set."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb

from loaders import duck

# zstd at its fastest level: a third less time than the default level for files about 5% larger
PARQUET_OPTIONS = "format parquet, compression zstd, compression_level 1"
BUCKETS = 256  # parts of a mart with documents: about 400 documents each in a national warehouse
PARTS = "_parts.json"  # each part's rows and checksum, and the layout they were written with
_PART_COLUMN = "__ntp_part"


def part_name(bucket: int) -> str:
    return f"part-{bucket:03d}.parquet"


def export_marts(warehouse: Path, out_dir: Path) -> list[Path]:
    """Every mart of `warehouse` into `out_dir/<table>/`; returns the tables' folders."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.with_name(out_dir.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    con = duck.connect(warehouse)
    written = []
    try:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        for table in tables:
            export_table(con, table, out_dir / table, staging / table)
            written.append(out_dir / table)
    finally:
        con.close()
    old = out_dir.with_name(out_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staging, out_dir)
    shutil.rmtree(old, ignore_errors=True)
    return written


def export_table(con: duckdb.DuckDBPyConnection, table: str, previous: Path, target: Path) -> None:
    """`marts.<table>` into the folder `target`, taking every part whose rows are unchanged from `previous` (the
    last export's folder, if any)."""
    target.mkdir(parents=True)
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'marts' and table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    bucket = f"hash(document_id) % {BUCKETS}" if any(name == "document_id" for name, _ in columns) else "0"
    layout = {
        "duckdb": duckdb.__version__,
        "buckets": BUCKETS,
        "options": PARQUET_OPTIONS,
        "columns": [list(c) for c in columns],
    }
    parts = {
        part_name(b): [n, str(checksum)]
        for b, n, checksum in con.execute(
            f"select {bucket} as b, count(*), sum(hash(t)::hugeint) from marts.{table} t group by all"
        ).fetchall()
        if n  # a constant part groups an empty table into one row of none
    }
    before = _parts(previous)
    known = before.get("parts", {}) if before.get("layout") == layout else {}
    todo = []
    for b in range(BUCKETS):
        name = part_name(b)
        if name not in parts:
            continue
        if known.get(name) == parts[name] and (previous / name).is_file():
            _link(previous / name, target / name)
        else:
            todo.append(b)
    if todo:
        _write_parts(con, table, bucket, todo, target)
    if not parts:  # an empty mart is one empty part, so that its columns can still be read
        con.execute(f"copy (select * from marts.{table} limit 0) to '{target / part_name(0)}' ({PARQUET_OPTIONS})")
    (target / PARTS).write_text(json.dumps({"layout": layout, "parts": parts}, indent=1), encoding="utf-8")


def _write_parts(con: duckdb.DuckDBPyConnection, table: str, bucket: str, buckets: list[int], target: Path) -> None:
    """The rows of these parts, in one pass over the table: DuckDB writes one folder per part, each file is then
    moved to its part's name."""
    scratch = target / "_writing"
    listed = ", ".join(str(b) for b in buckets)
    con.execute(
        f"copy (select * from (select *, {bucket} as {_PART_COLUMN} from marts.{table} t) "
        f"where {_PART_COLUMN} in ({listed})) to '{scratch}' ({PARQUET_OPTIONS}, partition_by ({_PART_COLUMN}))"
    )
    for b in buckets:
        files = sorted((scratch / f"{_PART_COLUMN}={b}").glob("*.parquet"))
        if len(files) != 1:
            raise RuntimeError(f"exporting marts.{table}: part {b} came out as {len(files)} files")
        os.replace(files[0], target / part_name(b))
    shutil.rmtree(scratch)


def _parts(folder: Path) -> dict:
    """The last export's record of its parts ({} when there is none that can be read)."""
    try:
        value = json.loads((folder / PARTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _link(source: Path, target: Path) -> None:
    """The unchanged part, hard-linked (a copy where links are not possible): the old folder is deleted after the
    swap, the file lives on in the new one."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
