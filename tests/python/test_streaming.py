"""Bounded memory: extracted rows wait in a spool file, the seed files are written one document at a time, and the
gate validates them in chunks. The output is the same, byte for byte, as writing from rows held in memory; every
check the chunks could weaken (a duplicate across chunks, a bad value past the first chunk) still fails."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from loaders import csvout, quarantine, seeds
from loaders.expectations import read_chunks, validate_extracted
from loaders.extract import Extraction, extract_folder
from loaders.spool import Spool, SpooledFragments


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def _fragments(doc: str, rows: int) -> dict[str, bytes]:
    body = csvout.render([[doc, str(i), f"quote {i}, with a comma\nand a line break"] for i in range(rows)])
    return {table: body if table == csvout.TARGETS else b"" for table in csvout.FACT_TABLES}


def test_the_spool_gives_back_each_files_fragments_in_any_order(tmp_path: Path):
    spool = Spool(tmp_path)
    written = {f"doc{i}": _fragments(f"doc{i}", i) for i in (3, 0, 7, 1)}
    entries = {doc: spool.put(parts) for doc, parts in written.items()}
    for doc in sorted(written, reverse=True):
        assert spool.get(entries[doc]) == written[doc]
    path = spool.path
    assert path.exists() and path.parent == tmp_path
    spool.close()
    assert not path.exists()  # the rows on disk go with the extraction


def test_spooled_fragments_take_the_merged_document_id_and_restrict_to_a_delta(tmp_path: Path):
    spool = Spool(tmp_path)
    view = SpooledFragments(spool)
    view.add("merged-id", spool.put(_fragments("own-id", 2)), "own-id")
    view.add("other", spool.put(_fragments("other", 1)), "other")
    assert b"own-id" not in view["merged-id"][csvout.TARGETS]
    assert view["merged-id"][csvout.TARGETS].count(b"merged-id") == 2
    assert sorted(view) == ["merged-id", "other"] and len(view.restrict(frozenset({"other"}))) == 1
    assert "merged-id" not in view.restrict(frozenset({"other"}))


@pytest.fixture(scope="module")
def sample() -> Extraction:
    return extract_folder(ROOT / "documents", workers=1)


def test_writing_from_the_spool_equals_writing_from_memory_and_the_committed_seeds(sample, tmp_path: Path):
    assert isinstance(sample.fragments, SpooledFragments)
    in_memory = Extraction(
        documents=sample.documents,
        files=sample.files,
        fragments={d: dict(sample.fragments[d]) for d in sample.fragments},
        rejected=sample.rejected,
    )
    seeds.write_seeds(sample, tmp_path / "spooled")
    seeds.write_seeds(in_memory, tmp_path / "memory")
    assert _files(tmp_path / "spooled") == _files(tmp_path / "memory") == _files(ROOT / "seeds" / "extracted")
    seeds.write_seeds(sample, tmp_path / "spooled")  # written again: the same bytes, no leftovers
    assert _files(tmp_path / "spooled") == _files(tmp_path / "memory")
    assert not [p for p in (tmp_path / "spooled").iterdir() if p.name.startswith(".")]


def test_the_fact_tables_are_every_documents_fragment_in_the_order_of_the_ids(tmp_path: Path):
    fragments = {doc: _fragments(doc, n) for doc, n in (("b", 2), ("a", 1), ("c", 0))}
    seeds.write_fact_tables(fragments, tmp_path)
    rows = list(csv.reader(io.StringIO((tmp_path / csvout.TARGETS).read_text(encoding="utf-8"))))
    assert rows[0] == csvout.HEADERS[csvout.TARGETS]
    assert [r[:2] for r in rows[1:]] == [["a", "0"], ["b", "0"], ["b", "1"]]
    assert rows[1][2] == "quote 0, with a comma\nand a line break"
    assert (tmp_path / csvout.HELD).read_bytes() == csvout.render([csvout.HEADERS[csvout.HELD]])


# ------------------------------------------------------------------------------------------------ the gate in chunks
@pytest.fixture(scope="module")
def examples_extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The nineteen synthetic documents' extracted CSVs: hundreds of rows, so chunks of a hundred rows are several."""
    base = tmp_path_factory.mktemp("examples")
    docs = base / "documents"
    shutil.copytree(ROOT / "tests" / "data" / "examples", docs, ignore=shutil.ignore_patterns("*.csv", "*.md", "*.py"))
    seeds.write_seeds(extract_folder(docs, workers=1), base / "seeds")
    return base / "seeds"


@pytest.fixture()
def examples_seeds(examples_extracted: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(examples_extracted, tmp_path / "seeds"))


def _rewrite(path: Path, change) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    path.write_bytes(csvout.render(change(rows)))


def test_chunks_never_split_a_document_and_cover_every_row(examples_seeds: Path):
    path = examples_seeds / csvout.FUNDING
    failures: list[str] = []
    chunks = list(read_chunks(path, "document_id", 10, failures))
    assert not failures and len(chunks) > 5
    ids = [set(c["document_id"]) for c in chunks]
    assert all(not (a & b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    with path.open(newline="", encoding="utf-8") as f:
        assert sum(len(c) for c in chunks) == sum(1 for _ in csv.DictReader(f))
    empty = examples_seeds / csvout.HELD
    assert [list(c.columns) for c in read_chunks(empty, "document_id", 10, failures)] == [csvout.HEADERS[csvout.HELD]]


def test_the_gate_in_chunks_finds_a_duplicate_and_a_bad_value_past_the_first_chunk(examples_seeds: Path):
    at = csvout.HEADERS[csvout.FUNDING].index("budget_phase")

    def duplicate_and_misspell_the_last_lines(rows):
        rows[-2][at] = "wished_for"
        return [*rows, rows[-1]]

    _rewrite(examples_seeds / csvout.FUNDING, duplicate_and_misspell_the_last_lines)
    failures = validate_extracted(examples_seeds, chunk_rows=150)
    assert len(failures) == 2, failures  # and nothing else: every other chunk of every file passes
    assert any("compound_columns_to_be_unique" in f for f in failures), failures
    assert any("budget_phase" in f and "wished_for" in f for f in failures), failures


def test_the_gate_refuses_a_file_out_of_the_order_its_chunks_rely_on(examples_seeds: Path):
    path = examples_seeds / seeds.DOCUMENTS
    _rewrite(path, lambda rows: [*rows, rows[1]])  # the first document again at the end: a chunk of its own
    failures: list[str] = []
    assert len(list(read_chunks(path, "document_id", 5, failures))) >= 2
    assert failures == [f"{seeds.DOCUMENTS}: not in the order of document_id (the writer sorts it)"]


def test_dropping_held_back_documents_streams_the_files_and_keeps_every_other_row(examples_seeds: Path):
    with (examples_seeds / seeds.DOCUMENTS).open(newline="", encoding="utf-8") as f:
        first = next(csv.DictReader(f))["document_id"]
    expected = {}
    for path in sorted(examples_seeds.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        keep = [r for r in rows if "document_id" not in rows[0] or r[rows[0].index("document_id")] != first]
        expected[path.name] = path.read_bytes() if path.name == quarantine.FINDINGS else csvout.render(keep)
    removed = quarantine.drop_documents(examples_seeds, {first})
    assert removed[seeds.DOCUMENTS] == 1 and removed[csvout.TARGETS] + removed[csvout.FUNDING] > 0
    assert _files(examples_seeds) == expected
    assert not [p for p in examples_seeds.iterdir() if p.name.startswith(".")]


def test_every_expectation_of_uniqueness_is_checked_in_chunks_that_keep_equal_values_together():
    from loaders.expectations import SORTED_BY, _suites

    for name, expectations in _suites().items():
        for e in expectations:
            if "unique" in type(e).__name__.lower():
                columns = getattr(e, "column_list", None) or [e.column]
                assert SORTED_BY.get(name) in columns, (name, type(e).__name__)
