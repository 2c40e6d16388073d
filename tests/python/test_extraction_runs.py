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
from loaders import incremental
from loaders.seeds import write_seeds


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def _files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files extraction reads from now on (not taken from the cache), in order."""
    read: list[str] = []
    real = extract.process_file

    def counting(path, *args, **kwargs):
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(extract, "process_file", counting)
    return read


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
    read = _files_read(monkeypatch)
    shutil.copy2(
        ROOT / "tests" / "data" / "examples" / "synthetic_04_ha-tinh_2023_bao-cao-ket-qua.txt", docs / "new report.txt"
    )
    second = extract.extract_folder(docs, cache_dir=cache, workers=1)
    assert read == ["new report.txt"]
    assert len(second.documents) == len(first.documents) + 1
    assert second.fresh_documents and second.fresh_documents <= {d.document_id for d in second.documents}


def _corpus(tmp_path: Path) -> Path:
    """The sample (two copies of one plan among them) and the shared examples: several issuers, one file each."""
    docs = tmp_path / "documents"
    shutil.copytree(ROOT / "documents", docs)
    for example in sorted((ROOT / "tests" / "data" / "examples").glob("synthetic_*")):
        shutil.copy2(example, docs / example.name)
    return docs


def _seeds(result: extract.Extraction, out: Path) -> dict[str, bytes]:
    write_seeds(result, out)
    return _files(out)


def test_a_cached_extraction_reads_no_rows_and_compares_texts_only_for_the_issuers_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A rebuild takes unchanged files' results from the cache without reading their rows (their digests stand
    for them) and keeps the copies found among an issuer's unchanged files; what it writes equals a run without
    any cache, after a change as before it."""
    docs, cache = _corpus(tmp_path), tmp_path / "cache"
    first = extract.extract_folder(docs, cache_dir=cache, workers=1)
    assert any(len(d.source_files) > 1 for d in first.documents)  # copies were found
    assert first.fragments.spool.path.stat().st_size == 0  # type: ignore[attr-defined]  # rows written once: to the cache
    fresh = _seeds(extract.extract_folder(docs, workers=1), tmp_path / "fresh")
    assert _seeds(first, tmp_path / "first") == fresh

    grouped: list[list[str]] = []
    real = extract._group_copies

    def counting(outcomes):
        grouped.append(sorted(o.source_file for o in outcomes))
        return real(outcomes)

    monkeypatch.setattr(extract, "_group_copies", counting)
    second = extract.extract_folder(docs, cache_dir=cache, workers=1)
    assert grouped == []  # every issuer's copies come from the memo
    entries = {d: second.fragments._entries[d][0] for d in second.fragments}  # type: ignore[attr-defined]
    assert all(entry.file is not None for entry in entries.values())  # the rows stay in the cache files
    assert incremental.document_digests(second) == incremental.document_digests(first)
    assert _seeds(second, tmp_path / "second") == fresh

    changed = docs / "004_e45f99a7d0e7a9d7.txt"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("652 triệu đồng", "653 triệu đồng"), encoding="utf-8")
    third = extract.extract_folder(docs, cache_dir=cache, workers=1)
    assert grouped == [["004_e45f99a7d0e7a9d7.txt"]]  # only the changed file's issuer is grouped again
    assert _seeds(third, tmp_path / "third") == _seeds(extract.extract_folder(docs, workers=1), tmp_path / "fresh2")
    before, after = incremental.document_digests(second), incremental.document_digests(third)
    assert [d for d in after if before.get(d) != after[d]] == [
        d.document_id for d in third.documents if "004_e45f99a7d0e7a9d7.txt" in d.source_files
    ]


def test_the_cache_is_kept_when_code_extraction_does_not_run_changes(tmp_path: Path):
    """The cache's fingerprint covers extraction's modules, found through their imports at any depth (a module
    imported inside a function too), and not the build's other code: changing the publishing or the checks does
    not read a national corpus again."""
    package = tmp_path / "loaders"
    shutil.copytree(Path(extract.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    sources = {p.relative_to(package).as_posix() for p in extract.imported_sources(package / "extract.py", package)}
    assert {"extract.py", "vnnum.py", "formats/word.py", "ocr.py", "__init__.py"} <= sources
    assert not sources & {"build.py", "exports.py", "quarantine.py", "seeds.py", "cli.py", "serve_postgres.py"}
    (package / "figures.py").write_text("import loaders.hidden\n", encoding="utf-8")
    (package / "hidden.py").write_text("def f():\n    from loaders import deeper\n", encoding="utf-8")
    (package / "deeper.py").write_text("", encoding="utf-8")
    sources = {p.relative_to(package).as_posix() for p in extract.imported_sources(package / "extract.py", package)}
    assert {"hidden.py", "deeper.py"} <= sources


def test_a_damaged_cache_entry_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    docs, cache = _corpus(tmp_path), tmp_path / "cache"
    fresh = _seeds(extract.extract_folder(docs, cache_dir=cache, workers=1), tmp_path / "first")
    entries = sorted((cache / extract.fingerprint()).rglob("*.pickle"))
    victim = max((p for p in entries if p.parent.name != extract.fingerprint()), key=lambda p: p.stat().st_size)
    victim.write_bytes(victim.read_bytes()[:-10])  # its rows cut short
    read = _files_read(monkeypatch)
    again = extract.extract_folder(docs, cache_dir=cache, workers=1)
    assert len(read) == 1
    assert _seeds(again, tmp_path / "again") == fresh


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
    assert not list((incremental.parent / ".ntp-runs" / "dbt").glob("*prefetch*"))  # taken, or thrown away
    con = duckdb.connect()
    previous = incremental.with_name("warehouse.previous.duckdb")  # the build before, a file of its own name
    con.execute(f"attach '{previous}' as prev (read_only)")
    con.execute(f"attach '{incremental}' as now_ (read_only)")
    (before,) = con.execute("select run_id from prev.ops.current_build").fetchone()
    assert con.execute("select run_id from now_.ops.current_build").fetchone() != (before,)
    assert con.execute("select count(*) from now_.ops.build_runs where run_id = ?", [before]).fetchone() == (1,)
    con.execute("detach prev")
    con.execute("detach now_")
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


def test_the_copy_of_the_published_warehouse_made_ahead_is_taken_or_else_the_candidate_is_copied(tmp_path: Path):
    from loaders.build import _Prefetch

    published = tmp_path / "warehouse.duckdb"
    published.write_bytes(b"published")
    good = _Prefetch(published, tmp_path / "dbt" / "candidate.prefetch.duckdb")
    assert good.take(tmp_path / "candidate.duckdb") and (tmp_path / "candidate.duckdb").read_bytes() == b"published"
    good.discard()  # after take: nothing left to remove, no error
    failed = _Prefetch(tmp_path / "missing.duckdb", tmp_path / "dbt" / "other.prefetch.duckdb")
    assert not failed.take(tmp_path / "other.duckdb")
    assert not (tmp_path / "other.duckdb").exists() and not list((tmp_path / "dbt").iterdir())


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


def test_a_rebuild_looks_files_up_in_the_snapshot_and_reads_an_entry_only_when_it_must(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The records of the last run lie in one snapshot and its journal: a rebuild opens no file's cache entry,
    except for the shingles of an issuer whose files are compared again, or an entry the records cannot stand for
    (gone, cut short); a damaged snapshot only costs the reading of the entries. A run that adds files appends
    their records to the journal; one whose files are gone writes the snapshot anew. The seeds are the same every
    time."""
    docs, cache = _corpus(tmp_path), tmp_path / "cache"
    fresh = _seeds(extract.extract_folder(docs, cache_dir=cache, workers=1), tmp_path / "fresh")
    snapshot = cache / extract.fingerprint() / extract.ExtractionCache.RECORDS
    journal = snapshot.with_name(extract.ExtractionCache.JOURNAL)

    def stored() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in (snapshot, journal) if p.exists()}

    assert stored()  # a small corpus's records: in the journal
    opened: list[str] = []
    real_open = open

    def counting_open(file, *args, **kwargs):
        entry = Path(file)
        if entry.suffix == ".pickle" and entry.parent.parent.name == extract.fingerprint() and entry.exists():
            opened.append(Path(file).name)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    stamp = stored()
    second = extract.extract_folder(docs, cache_dir=cache, workers=1)
    assert opened == []  # no entry opened: records from the snapshot, rows not read (their digests stand)
    assert _seeds(second, tmp_path / "second") == fresh
    assert stored() == stamp  # nothing changed: nothing written again

    changed = docs / "004_e45f99a7d0e7a9d7.txt"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("652 triệu đồng", "653 triệu đồng"), encoding="utf-8")
    opened.clear()
    result = extract.extract_folder(docs, cache_dir=cache, workers=1)
    assert opened == []  # the changed file was read again, and its issuer holds no other file to compare
    third = _seeds(result, tmp_path / "third")
    assert third == _seeds(extract.extract_folder(docs, workers=1), tmp_path / "third-fresh")

    entries = sorted(p for p in (cache / extract.fingerprint()).glob("*/*.pickle"))
    entries[0].unlink()  # an entry gone: that file is read again
    read = _files_read(monkeypatch)
    assert _seeds(extract.extract_folder(docs, cache_dir=cache, workers=1), tmp_path / "fourth") == third
    assert len(read) == 1

    monkeypatch.undo()
    gone = docs / "001_c78dca3a50511228.txt"  # the second copy of the sample plan
    kept = gone.read_bytes()
    gone.unlink()
    extract.extract_folder(docs, cache_dir=cache, workers=1)
    assert snapshot.is_file() and not journal.exists()  # a file gone: its record dropped, the snapshot new
    gone.write_bytes(kept)
    before = stored()
    assert _seeds(extract.extract_folder(docs, cache_dir=cache, workers=1), tmp_path / "fifth") == third
    assert stored()[snapshot.name] == before[snapshot.name] and journal.exists()  # a file added: journalled

    snapshot.write_bytes(b"not a pickle")
    journal.write_bytes(b"nor this")
    assert _seeds(extract.extract_folder(docs, cache_dir=cache, workers=1), tmp_path / "sixth") == third
    assert extract.ExtractionCache(cache)._records  # the records made again from the entries
