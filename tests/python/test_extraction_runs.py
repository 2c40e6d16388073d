"""Extraction is deterministic, the committed CSVs are what the documents say, and an unchanged document is
never read twice: adding one document to a corpus re-extracts that one document, and an incremental build gives
the same warehouse as a full one."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, run_cli

import loaders.extract as extract


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_extraction_is_byte_identical_across_runs_and_matches_the_committed_seeds(tmp_path: Path):
    # two runs in separate processes (different hash seeds, one with two workers)
    a = run_cli("extract", "--documents", str(ROOT / "documents"), "--out", str(tmp_path / "a"))
    b = run_cli("extract", "--documents", str(ROOT / "documents"), "--out", str(tmp_path / "b"), "--workers", "2")
    assert a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") == _files(ROOT / "seeds" / "extracted"), "seeds/extracted is out of date"


def test_adding_one_document_re_extracts_only_that_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    docs, cache = tmp_path / "documents", tmp_path / "cache"
    shutil.copytree(ROOT / "documents", docs)
    first = extract.extract_folder(docs, cache_dir=cache, workers=1)
    read: list[str] = []
    real = extract.process_file

    def counting(path, *args, **kwargs):
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(extract, "process_file", counting)
    shutil.copy2(
        ROOT / "tests" / "data" / "examples" / "synthetic_04_ha-tinh_2023_bao-cao-ket-qua.txt", docs / "new report.txt"
    )
    second = extract.extract_folder(docs, cache_dir=cache, workers=1)
    assert read == ["new report.txt"]
    assert len(second.documents) == len(first.documents) + 1
    assert second.fresh_documents and second.fresh_documents <= {d.document_id for d in second.documents}


def test_an_incremental_build_equals_a_full_build(tmp_path: Path):
    """Incremental builds replace only the changed documents' rows in a copy of the published warehouse: after a
    document is added, then one removed, a copy of another added (that document changes) and a bad file
    rejected, every extracted table and every mart equals a full build of the same folder."""
    docs = tmp_path / "documents"
    shutil.copytree(ROOT / "documents", docs)
    incremental, full = tmp_path / "inc" / "warehouse.duckdb", tmp_path / "full" / "warehouse.duckdb"
    assert run_cli("build", "--documents", str(docs), "--warehouse", str(incremental), "--no-exports").returncode == 0
    shutil.copy2(
        ROOT / "tests" / "data" / "examples" / "synthetic_02_cao-bang_2024_nghi-quyet-dieu-chinh.txt",
        docs / "added.txt",
    )
    inc = run_cli("build", "--documents", str(docs), "--warehouse", str(incremental), "--no-exports")
    assert inc.returncode == 0 and "incremental build: 1 document(s) added or changed, 0 removed" in inc.stdout
    (docs / "002_a9ee52e6de03f7b5.txt").unlink()
    shutil.copy2(docs / "003_1e422d0ab28d4cfd.txt", docs / "a copy of 003.txt")
    (docs / "empty.txt").write_bytes(b"")
    inc = run_cli("build", "--documents", str(docs), "--warehouse", str(incremental), "--no-exports")
    assert inc.returncode == 0 and "incremental build:" in inc.stdout, inc.stdout + inc.stderr
    assert run_cli("build", "--documents", str(docs), "--warehouse", str(full), "--no-exports").returncode == 0
    same = run_cli("build", "--documents", str(docs), "--warehouse", str(incremental), "--no-exports")
    assert same.returncode == 0 and "UP TO DATE" in same.stdout + same.stderr
    con = duckdb.connect()
    con.execute(f"attach '{incremental}' as inc (read_only)")
    con.execute(f"attach '{full}' as full_ (read_only)")
    tables = con.execute(
        "select table_schema || '.' || table_name from information_schema.tables "
        "where table_catalog = 'full_' and table_schema in ('extracted', 'marts') order by 1"
    ).fetchall()
    assert len(tables) > 15 and ("extracted.extracted_targets",) in tables and ("marts.dim_document",) in tables
    documents = con.execute(
        "select count(*), count(*) filter (where source_files like '%a copy of 003%') from inc.marts.dim_document"
    ).fetchone()
    assert documents == (4, 1)
    for (table,) in tables:
        diff = con.execute(
            f"select count(*) from (select * from inc.{table} except all select * from full_.{table})"
        ).fetchone()[0]
        diff += con.execute(
            f"select count(*) from (select * from full_.{table} except all select * from inc.{table})"
        ).fetchone()[0]
        assert diff == 0, table


def test_one_number_on_two_dates_is_two_documents_and_a_truncated_copy_is_one(tmp_path: Path):
    """Numbers are unique per issuer and year, and copies of a document share its issue date: the same number
    issued on another day is another document, while a truncated copy with the same header is one document."""
    docs = tmp_path / "documents"
    docs.mkdir()
    plan = (ROOT / "documents" / "004_e45f99a7d0e7a9d7.txt").read_text(encoding="utf-8")
    assert "Quảng Ninh, ngày 23 tháng 02 năm 2024" in plan and "Ngày ban hành 23/02/2024" in plan
    (docs / "plan.txt").write_text(plan, encoding="utf-8")
    (docs / "plan, first half.txt").write_text(plan[: len(plan) // 2], encoding="utf-8")
    other_day = plan.replace("ngày 23 tháng 02 năm 2024", "ngày 25 tháng 3 năm 2024").replace(
        "23/02/2024", "25/03/2024"
    )
    (docs / "plan issued another day.txt").write_text(other_day, encoding="utf-8")
    result = extract.extract_folder(docs, workers=1)
    groups = sorted(tuple(sorted(d.source_files)) for d in result.documents)
    assert groups == [("plan issued another day.txt",), ("plan, first half.txt", "plan.txt")]
    assert len({d.document_id for d in result.documents}) == 2
