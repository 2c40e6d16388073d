"""The build refuses to publish data it cannot trust, and publishes a document that merely does not add up.

Each test corrupts a copy of the committed extracted CSVs in one way and builds from it onto a warehouse that was
already published: an error must leave the published file byte-identical; a document whose own arithmetic is
wrong (an amount changed together with its quote) must publish, with an `inconsistent_in_source` row naming the
document, the line, the stated value and the difference."""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, run_cli

SEEDS = ROOT / "seeds" / "extracted"
TARGETS = "extracted_targets.csv"
FUNDING = "extracted_funding_lines.csv"


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


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse published from the unmodified committed CSVs."""
    warehouse = tmp_path_factory.mktemp("published") / "warehouse.duckdb"
    result = run_cli("build", "--seeds-dir", str(SEEDS), "--warehouse", str(warehouse), "--no-exports")
    assert result.returncode == 0, result.stdout + result.stderr
    return warehouse


def _build_mutated(published: Path, tmp_path: Path, name: str, change) -> tuple[int, str]:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    _mutate(seeds, name, change)
    before = _digest(published)
    result = run_cli("build", "--seeds-dir", str(seeds), "--warehouse", str(published), "--no-exports")
    output = result.stdout + result.stderr
    if result.returncode != 0:
        assert _digest(published) == before, "a refused build changed the published warehouse"
    return result.returncode, output


def _where(rows: list[dict[str, str]], **match: str) -> dict[str, str]:
    return next(r for r in rows if all(r[k] == v for k, v in match.items()))


def test_an_amount_changed_without_its_quote_is_refused(published: Path, tmp_path: Path):
    def change(rows):
        _where(rows, line_code="TOTAL")["amount_million_vnd"] = "1238000"
        return rows

    code, output = _build_mutated(published, tmp_path, FUNDING, change)
    assert code == 4, output
    assert "quote_supports_value" in output


def test_a_duplicated_row_is_refused(published: Path, tmp_path: Path):
    code, output = _build_mutated(published, tmp_path, TARGETS, lambda rows: [*rows, rows[0]])
    assert code != 0, output
    assert "unique" in output


def test_an_orphan_project_code_is_refused(published: Path, tmp_path: Path):
    def change(rows):
        _where(rows, project_code="DA1")["project_code"] = "DA11"
        return rows

    code, output = _build_mutated(published, tmp_path, TARGETS, change)
    assert code == 4, output
    assert "relationships" in output and "dim_project" in output


def test_a_child_attached_to_the_wrong_parent_is_refused(published: Path, tmp_path: Path):
    def change(rows):
        _where(rows, line_code="TOTAL.DIRECT.INV.CENTRAL")["parent_line_code"] = "TOTAL.DIRECT.REC"
        return rows

    code, output = _build_mutated(published, tmp_path, FUNDING, change)
    assert code == 4, output
    assert "hierarchical_code_consistent" in output


def test_a_percentage_of_140_is_refused(published: Path, tmp_path: Path):
    def change(rows):
        row = _where(rows, figure_text="96,1%")
        row["target_value"], row["figure_text"] = "140", "140%"
        row["source_quote"] = row["source_quote"].replace("96,1%", "140%")
        return rows

    code, output = _build_mutated(published, tmp_path, TARGETS, change)
    assert code == 4, output
    assert "value_in_range" in output


def test_a_negative_planned_amount_is_refused(published: Path, tmp_path: Path):
    def change(rows):
        _where(rows, line_code="TOTAL.INTEGRATED")["amount_million_vnd"] = "-32973"
        return rows

    code, output = _build_mutated(published, tmp_path, FUNDING, change)
    assert code == 4, output
    assert "non_negative_unless" in output


def test_a_document_that_does_not_add_up_is_published_and_reported(published: Path, tmp_path: Path):
    def change(rows):
        row = _where(rows, line_code="TOTAL.DIRECT.INV.CENTRAL")
        row["amount_million_vnd"] = "543293"
        row["figure_text"] = row["figure_text"].replace("543.193", "543.293")
        row["source_quote"] = row["source_quote"].replace("543.193", "543.293")
        return rows

    code, output = _build_mutated(published, tmp_path, FUNDING, change)
    assert code == 0, output
    con = duckdb.connect(str(published), read_only=True)
    try:
        rows = con.execute(
            "select d.source_files, r.line_code, r.source_line, r.stated_million_vnd, r.children_sum_million_vnd, "
            "r.difference_million_vnd, r.explanation from marts.rpt_funding_reconciliation r "
            "join marts.dim_document d using (document_id) where r.status = 'inconsistent_in_source'"
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == 1, rows
    files, line_code, line, stated, children, difference, explanation = rows[0]
    assert "001_c78dca3a50511228.txt" in files and line_code == "TOTAL.DIRECT.INV"
    assert (float(stated), float(children), float(difference)) == (570354.0, 570454.0, 100.0)
    assert line > 0 and "570354" in explanation.replace(".000", "") and "100" in explanation
