"""Score extraction alone against an answer key, in seconds: no dbt build.

    .venv/bin/python scripts/score_extraction.py DOCUMENTS_DIR KEY_DIR [--misses N] [--json] [--diff]

The folder is extracted (no cache) into a throwaway DuckDB file shaped like the marts the scorers read
(marts.dim_document, marts.fct_indicator_targets, marts.fct_budget_allocations, straight from the extracted
rows), then scored with the reference scorer's rules (tests/data/score_gold.py). `--diff` lists, per matched key
row, every attribute the extraction got wrong: the list to work from when improving attribution. A developer's
tool: `make test` scores real builds (tests/python/test_scoring.py)."""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.extract import extract_folder  # noqa: E402
from loaders.seeds import write_seeds  # noqa: E402


def extracted_warehouse(documents: Path, out: Path) -> Path:
    seeds = out / "seeds"
    write_seeds(extract_folder(documents, workers=1), seeds)
    path = out / "extracted.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    for table, name in (
        ("dim_document", "extracted_documents"),
        ("fct_indicator_targets", "extracted_targets"),
        ("fct_budget_allocations", "extracted_funding_lines"),
    ):
        con.execute(
            f"create table marts.{table} as select * from read_csv('{seeds / name}.csv', header=true, all_varchar=true)"
        )
    # the mart's project_code of a funding line is its most specific code (DA4.TDA1 for a sub-project's line)
    con.execute("update marts.fct_budget_allocations set project_code = coalesce(sub_project_code, project_code)")
    con.execute("alter table marts.fct_indicator_targets alter target_value type double")
    con.execute("alter table marts.fct_budget_allocations alter amount_million_vnd type double")
    for table in ("fct_indicator_targets", "fct_budget_allocations"):
        for col in ("period_start_year", "period_end_year"):
            if col in _columns(con, table):
                con.execute(f"alter table marts.{table} alter {col} type integer")
    con.close()
    return path


def _columns(con, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ?",
        [table],
    ).fetchall()
    return {r[0] for r in rows}


def _key(key: Path, name: str) -> list[dict[str, str]]:
    for candidate in (key / f"gold_{name}.csv", key / f"seeds_{name}.csv"):
        if candidate.exists():
            with candidate.open(newline="", encoding="utf-8") as f:
                return list(csv.DictReader(f))
    return []


def attribute_diff(warehouse: Path, key: Path) -> list[str]:
    """Every matched key row's wrong attributes, matched as the scorer matches (value and unit, by file)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    docs = con.execute("select document_id, source_files from marts.dim_document").fetchall()
    file_of = {d: [s.strip() for s in (f or "").split(",")] for d, f in docs}

    def rows(table: str) -> dict[str, list[dict]]:
        cur = con.execute(f"select * from marts.{table}")
        cols = [c[0] for c in cur.description]
        out: dict[str, list[dict]] = defaultdict(list)
        for r in cur.fetchall():
            d = dict(zip(cols, r, strict=True))
            for f in file_of.get(d["document_id"], []):
                out[f].append(d)
        return out

    ext_t, ext_f = rows("fct_indicator_targets"), rows("fct_budget_allocations")
    con.close()
    lines: list[str] = []
    for name, ext, value_col, cols in (
        (
            "targets",
            ext_t,
            "target_value",
            ("project_code", "sub_project_code", "content_code", "admin_level", "area_name", "comparator", "measure"),
        ),
        (
            "funding",
            ext_f,
            "amount_million_vnd",
            ("capital_type", "budget_level", "funding_source", "budget_phase", "project_code"),
        ),
    ):
        used: dict[str, set[int]] = defaultdict(set)
        for g in _key(key, name):
            if g.get("program_scope", "ntp1719") != "ntp1719" or g.get("line_id", "").startswith("TITLE."):
                continue
            value = float(g["value"] if name == "targets" else g["amount_million_vnd"])
            cands = ext.get(g["doc_file"], [])
            hit = next(
                (
                    i
                    for i, e in enumerate(cands)
                    if i not in used[g["doc_file"]]
                    and abs(float(e[value_col]) - value) < 0.001
                    and (name == "funding" or (e["unit_raw"] or "").lower() == g["unit_raw"].lower())
                ),
                None,
            )
            if hit is None:
                continue
            used[g["doc_file"]].add(hit)
            e = cands[hit]
            wrong = [
                f"{c}={e.get(c) or ''!s}≠{g.get(c) or ''}" for c in cols if c in g and (e.get(c) or "") != (g[c] or "")
            ]
            if g.get("period_start"):
                want = f"{g['period_start']}-{g['period_end']}"
                got = f"{e.get('period_start_year') or ''}-{e.get('period_end_year') or ''}"
                if got != want:
                    wrong.append(f"period={got}≠{want}")
                if (e.get("as_of_date") or "") != (g.get("as_of_date") or ""):
                    wrong.append(f"as_of={e.get('as_of_date') or ''}≠{g.get('as_of_date') or ''}")
            if wrong:
                label = (g.get("indicator") or g.get("label") or "")[:50]
                lines.append(f"{name} {g['doc_file'][:28]} {value:g} [{label}]: " + ", ".join(wrong))
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("documents", type=Path)
    ap.add_argument("key", type=Path)
    ap.add_argument("--misses", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--diff", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        warehouse = extracted_warehouse(args.documents, Path(tmp))
        cmd = [sys.executable, str(ROOT / "tests" / "data" / "score_gold.py"), "--warehouse", str(warehouse)]
        cmd += ["--gold", str(args.key), "--misses", str(args.misses)] + (["--json"] if args.json else [])
        subprocess.run(cmd, check=True)
        if args.diff:
            print("\n".join(attribute_diff(warehouse, args.key)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
