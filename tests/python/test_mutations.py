"""Corrupted extraction output never reaches the marts unflagged, and a document never takes the warehouse down.

Each test corrupts a copy of the committed extracted CSVs and builds from it onto a warehouse that was already
published (the policy is in docs/operations.md):

- rows that break a check of our own output's integrity (a value its quote does not support, a negative planned
  amount, a part under the wrong parent, an orphan code, a duplicated row) hold their document back: exit 6, none
  of its rows in the facts, the document in rpt_rejected_documents and each failing figure in rpt_flagged_figures
  with the check, the value and the quote; every other document is published as before;
- a figure that breaks a check of what documents say (a planned percentage over 100, parts that do not add up)
  is published and flagged: exit 0;
- a failure that belongs to no document (reference data, the rejected-files table) stops the publish (exit 4)
  and leaves the published file byte-identical; so does any error with --strict."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, run_cli

SEEDS = ROOT / "seeds" / "extracted"
TARGETS = "extracted_targets.csv"
FUNDING = "extracted_funding_lines.csv"
REJECTED = "extracted_rejected_documents.csv"


def _document_of(prefix: str) -> str:
    with (SEEDS / "extracted_documents.csv").open(newline="", encoding="utf-8") as f:
        return next(r["document_id"] for r in csv.DictReader(f) if r["primary_file"].startswith(prefix))


PLAN = _document_of("001_")  # the Lạng Sơn plan: all the funding lines
NEWS = _document_of("002_")  # the Nghệ An news item


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _mutate(seeds: Path, name: str, change: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> None:
    header, rows = _read(seeds / name)
    _write(seeds / name, header, change(rows))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _facts_by_document(warehouse: Path) -> dict[str, tuple]:
    """Every fact row's id, value and quote, per document."""
    out: dict[str, list] = {}
    for table, value in (("fct_indicator_targets", "target_value"), ("fct_budget_allocations", "amount_million_vnd")):
        id_ = "target_id" if table == "fct_indicator_targets" else "allocation_id"
        for document, *row in _query(warehouse, f"select document_id, {id_}, {value}, source_quote from marts.{table}"):
            out.setdefault(document, []).append(tuple(row))
    return {d: tuple(sorted(rows)) for d, rows in out.items()}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple]]:
    """A warehouse published from the unmodified committed CSVs, and its facts per document."""
    warehouse = tmp_path_factory.mktemp("published") / "warehouse.duckdb"
    result = run_cli("build", "--seeds-dir", str(SEEDS), "--warehouse", str(warehouse), "--no-exports")
    assert result.returncode == 0, result.stdout + result.stderr
    return warehouse, _facts_by_document(warehouse)


def _build_mutated(published, tmp_path: Path, changes: dict, *options: str) -> tuple[int, str]:
    warehouse = published[0]
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    for name, change in changes.items():
        _mutate(seeds, name, change)
    before = _digest(warehouse)
    result = run_cli("build", "--seeds-dir", str(seeds), "--warehouse", str(warehouse), "--no-exports", *options)
    output = result.stdout + result.stderr
    if result.returncode not in (0, 6):
        assert _digest(warehouse) == before, "a refused build changed the published warehouse"
    return result.returncode, output


def _where(rows: list[dict[str, str]], **match: str) -> dict[str, str]:
    return next(r for r in rows if all(r[k] == v for k, v in match.items()))


def _corrupt_plan_funding(rows):
    _where(rows, line_code="TOTAL")["amount_million_vnd"] = "1238000"  # the quote says 1.238.075
    _where(rows, line_code="TOTAL.INTEGRATED")["amount_million_vnd"] = "-32973"  # negative, not an adjustment
    _where(rows, line_code="TOTAL.DIRECT.INV.CENTRAL")["parent_line_code"] = "TOTAL.DIRECT.REC"  # wrong parent
    return rows


def _orphan_project_in_news(rows):
    _where(rows, document_id=NEWS, project_code="DA1")["project_code"] = "DA11"
    return rows


def _assert_held_back(warehouse: Path, before: dict[str, tuple], held: set[str]) -> None:
    after = _facts_by_document(warehouse)
    assert not held & set(after), "a held-back document's rows were published"
    assert {d: after[d] for d in set(before) - held} == {d: before[d] for d in set(before) - held}
    rejected = _query(warehouse, "select document_id, reason, detail from marts.rpt_rejected_documents")
    assert {d for d, reason, _ in rejected if reason == "quarantined"} == held
    documents = {d for (d,) in _query(warehouse, "select document_id from marts.dim_document")}
    assert documents == set(before) - held
    counted = _query(warehouse, "select documents_held_back, published from ops.current_build")
    assert counted == [(len(held), True)]


def test_documents_failing_integrity_checks_are_held_back_and_the_rest_is_published(published, tmp_path: Path):
    code, output = _build_mutated(
        published, tmp_path, {FUNDING: _corrupt_plan_funding, TARGETS: _orphan_project_in_news}
    )
    assert code == 6, output
    assert "HELD BACK" in output and "001_c78dca3a50511228.txt" in output
    warehouse, before = published
    _assert_held_back(warehouse, before, {PLAN, NEWS})
    findings = _query(
        warehouse,
        "select document_id, check_name, checked_value, figure_text, source_quote, source_line "
        "from marts.rpt_flagged_figures where action = 'held_back'",
    )
    by_check = {
        check: (document, value, figure, quote, line) for document, check, value, figure, quote, line in findings
    }
    assert by_check["quote_supports_value"][:3] == (PLAN, "1238000", "1.238.075 triệu đồng")
    assert "1.238.075" in by_check["quote_supports_value"][3] and by_check["quote_supports_value"][4] > 0
    assert by_check["non_negative_unless"][:2] == (PLAN, "-32973")
    assert by_check["hierarchical_code_consistent"][0] == PLAN
    assert by_check["relationships"][:2] == (NEWS, "DA11")


def test_a_duplicated_row_holds_its_document_back(published, tmp_path: Path):
    code, output = _build_mutated(published, tmp_path, {TARGETS: lambda rows: [*rows, rows[0]]})
    assert code == 6, output
    warehouse, before = published
    duplicated = _read(SEEDS / TARGETS)[1][0]["document_id"]
    _assert_held_back(warehouse, before, {duplicated})
    checks = {c for (c,) in _query(warehouse, "select check_name from marts.rpt_flagged_figures")}
    assert "unique_combination_of_columns" in checks


def _sum_off_by_100(rows):
    row = _where(rows, line_code="TOTAL.DIRECT.INV.CENTRAL")
    row["amount_million_vnd"] = "543293"
    row["figure_text"] = row["figure_text"].replace("543.193", "543.293")
    row["source_quote"] = row["source_quote"].replace("543.193", "543.293")
    return rows


@pytest.fixture(scope="module")
def content_problems(published, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str]:
    """One build with a planned percentage of 140 and a part changed with its quote (the whole no longer adds
    up): what documents say, published and flagged."""
    changes = {TARGETS: lambda rows: _percent(rows, "140"), FUNDING: _sum_off_by_100}
    return _build_mutated(published, tmp_path_factory.mktemp("content"), changes)


def test_a_percentage_of_140_is_published_and_flagged(published, content_problems):
    code, output = content_problems
    assert code == 0, output
    assert "value_in_range 1" in output
    warehouse = published[0]
    flagged = _query(
        warehouse,
        "select action, checked_model, checked_column, checked_value, figure_text, source_quote "
        "from marts.rpt_flagged_figures where check_name = 'value_in_range'",
    )
    assert len(flagged) == 1, flagged
    action, model, column, value, figure, quote = flagged[0]
    assert (action, model, column, value, figure) == ("flagged", "fct_indicator_targets", "target_value", "140", "140%")
    assert "140% xã có đường ô tô" in quote
    assert _query(warehouse, "select count(*) from marts.fct_indicator_targets where target_value = 140") == [(1,)]
    assert _query(warehouse, "select documents_held_back from ops.current_build") == [(0,)]


def test_a_document_that_does_not_add_up_is_published_and_reported(published, content_problems):
    code, output = content_problems
    assert code == 0, output
    warehouse = published[0]
    rows = _query(
        warehouse,
        "select d.source_files, r.line_code, r.source_line, r.stated_million_vnd, r.children_sum_million_vnd, "
        "r.difference_million_vnd, r.explanation from marts.rpt_funding_reconciliation r "
        "join marts.dim_document d using (document_id) where r.status = 'inconsistent_in_source'",
    )
    assert len(rows) == 1, rows
    files, line_code, line, stated, children, difference, explanation = rows[0]
    assert "001_c78dca3a50511228.txt" in files and line_code == "TOTAL.DIRECT.INV"
    assert (float(stated), float(children), float(difference)) == (570354.0, 570454.0, 100.0)
    assert line > 0 and "570354" in explanation.replace(".000", "") and "100" in explanation
    flagged = _query(
        warehouse,
        "select action, checked_value, figure_text, detail from marts.rpt_flagged_figures "
        "where check_name = 'children_sum_to_parent'",
    )
    assert flagged == [("flagged", "570354", "570.354 triệu đồng", flagged[0][3])], flagged
    assert "difference = 100" in flagged[0][3]
    assert _query(warehouse, "select figures_flagged > 1 from ops.current_build") == [(True,)]


def test_a_failure_tied_to_no_document_stops_the_publish(published, tmp_path: Path):
    rejected = {"source_file": "scan.pdf", "reason": "no_text_layer", "detail": "scan.pdf: no text layer; run OCR"}
    code, output = _build_mutated(published, tmp_path, {REJECTED: lambda rows: [*rows, rejected, rejected]})
    assert code == 4, output
    assert "belong to no document" in output or "name no document" in output


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("a percentage of 140", {TARGETS: lambda rows: _percent(rows, "140")}),
        ("an orphan project code", {TARGETS: _orphan_project_in_news}),
    ],
)
def test_strict_publishes_all_or_nothing(published, tmp_path: Path, name: str, changes: dict):
    code, output = _build_mutated(published, tmp_path, changes, "--strict")
    assert code == 4, (name, output)
    assert "nothing published" in output


def _percent(rows, value: str):
    row = _where(rows, figure_text="96,1%")
    row["target_value"], row["figure_text"] = value, f"{value}%"
    row["source_quote"] = row["source_quote"].replace("96,1%", f"{value}%")
    return rows


def test_a_failure_in_reference_data_stops_the_publish(published, tmp_path: Path):
    """A copy of the project whose reference seeds list one province twice: the check belongs to no document."""
    project = tmp_path / "project"
    shutil.copytree(
        ROOT,
        project,
        ignore=shutil.ignore_patterns(".venv", "target", "logs", ".git", "*.duckdb*", ".ntp-runs", "exports", "bi"),
    )
    provinces = project / "seeds" / "reference" / "provinces.csv"
    lines = provinces.read_text(encoding="utf-8").splitlines(keepends=True)
    provinces.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    warehouse = published[0]
    before = _digest(warehouse)
    build = (
        "import sys; from pathlib import Path; from loaders.build import BuildOptions, build; "
        "sys.exit(build(BuildOptions(documents=Path(), warehouse=Path(sys.argv[1]), project_dir=Path(sys.argv[2]), "
        "seeds_dir=Path(sys.argv[3]), exports=False)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", build, str(warehouse), str(project), str(SEEDS)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "DBT_PROFILES_DIR": str(project)},
    )
    assert result.returncode == 4, result.stdout + result.stderr
    assert "dim_province" in result.stderr or "provinces" in result.stderr
    assert _digest(warehouse) == before
