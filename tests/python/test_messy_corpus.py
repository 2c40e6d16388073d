"""A nightly run on a messy corpus: a few hundred generated documents (benchmarks/, invented figures) of which some
carry planted problems: a planned percentage over 100, a total that no longer adds up to its lines, lines printed
twice; the generator's own news items mix three programmes, and one document's extraction is corrupted on purpose
(its values no longer match their quotes: an integrity failure, forced by wrapping the extractor for that file).

The build publishes; the corrupted document is held back with its reason, and so is any other document a check of
our own output's integrity fails (each with its check and quote), while every other document is published with
all its rows: nothing is silently dropped. Every clean document is published unflagged, or held back with the
integrity check it failed. Every planted problem is in the reports: flagged with its quote, or its document held
back. (A percentage or a total is planted only where the extractor reads it as one: the test is of the build's
checks and reports; the extractor's accuracy is scored elsewhere.) Then one document is added, and the incremental
build keeps the held-back documents held back and reported."""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT
from perturb import repeat_lines, vn_number

from benchmarks import corpus
from benchmarks.generate_corpus import write_corpus
from loaders import csvout
from loaders.extract import FileOutcome, process_file

pytestmark = pytest.mark.slow

N_DOCUMENTS = 240
PLANTS = 6  # documents per kind of planted problem
CORRUPT = "corrupt"  # the file name mark of the document whose extraction the wrapper corrupts

# `ntp-warehouse` with the extractor wrapped: for a file whose name holds the mark, every target value is one more
# than its quote says (quote_supports_value must catch it). Everything else is the real command.
WRAPPED = textwrap.dedent(f"""
    import dataclasses, sys
    import loaders.extract as extract
    real = extract.extract_document
    def corrupted(text, meta, document_id, unresolved=None):
        targets, funding, breakdowns = real(text, meta, document_id, unresolved)
        if {CORRUPT!r} in text.source_file:
            targets = [dataclasses.replace(t, target_value=t.target_value + 1) for t in targets]
        return targets, funding, breakdowns
    extract.extract_document = corrupted
    from loaders.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def _build(documents: Path, warehouse: Path) -> subprocess.CompletedProcess:
    args = ["build", "--documents", str(documents), "--warehouse", str(warehouse), "--no-exports", "--no-cache"]
    return subprocess.run(
        [sys.executable, "-c", WRAPPED, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _percent(value: str) -> str:
    return value.replace(".", ",") + "%"


def _fragment_rows(fragments: dict[str, bytes], table: str) -> list[dict[str, str]]:
    rows = csv.reader(io.StringIO(fragments[table].decode("utf-8")))
    return [dict(zip(csvout.HEADERS[table], row, strict=True)) for row in rows]


class Corpus:
    """The generated corpus, what was planted where, and which documents are left clean."""

    def __init__(self, out: Path):
        write_corpus(out, N_DOCUMENTS, seed=2024)
        self.documents = out / "documents"
        key = out / "answer_key"
        self.kinds = {r["doc_file"]: r["doc_kind"] for r in _rows(key / "gold_documents.csv")}
        self.targets, self.funding = _rows(key / "gold_targets.csv"), _rows(key / "gold_funding.csv")
        injected = {r["doc_file"] for r in self.funding if r["injected_error"]}
        self.touched: set[str] = set(injected)
        self.impossible: dict[str, str] = {}  # file -> the figure planted (a planned percentage over 100)
        self.broken: dict[str, str] = {}  # file -> the total that no longer adds up, as printed
        self.repeated: list[str] = []
        rng = random.Random(1719)
        self._plant_impossible(rng)
        self._plant_broken(rng)
        self._plant_repeated(rng)
        plan = next(f for f, k in sorted(self.kinds.items()) if k == "plan" and f not in self.touched)
        self.corrupt = f"{CORRUPT} {plan}"
        (self.documents / plan).rename(self.documents / self.corrupt)
        self.touched.add(plan)
        self.clean = {f for f in self.kinds if f not in self.touched}

    def _edit(self, name: str, old: str, new: str, read_as: Callable[[dict], bool]) -> bool:
        """Replace `old` by `new` in the document when the extractor then reads a row that `read_as` accepts."""
        path = self.documents / name
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            return False
        scratch = self.documents.parent / "scratch"
        scratch.mkdir(exist_ok=True)
        (scratch / name).write_text(text.replace(old, new), encoding="utf-8")
        outcome = process_file(scratch / name, scratch, None, 20_000_000)
        if not isinstance(outcome, FileOutcome) or not read_as(outcome.fragments):
            return False
        path.write_text(text.replace(old, new), encoding="utf-8")
        self.touched.add(name)
        return True

    def _plant_impossible(self, rng: random.Random) -> None:
        rows = [r for r in self.targets if r["unit_raw"] == "%" and r["measure"] == "target"]
        for r in sorted(rows, key=lambda r: rng.random()):
            if len(self.impossible) == PLANTS:
                break
            written, doc = _percent(r["value"]), r["doc_file"]
            if doc in self.touched or float(r["value"]) >= 100 or r["quote"].count(written) != 1:
                continue
            planted = _percent(f"{100 + float(r['value']):g}")

            def planned_percentage(fragments, planted=planted) -> bool:
                return any(
                    t["figure_text"] == planted and t["unit_raw"] == "%" and t["measure"] == "target"
                    for t in _fragment_rows(fragments, csvout.TARGETS)
                )

            if self._edit(doc, r["quote"], r["quote"].replace(written, planted), planned_percentage):
                self.impossible[doc] = planted

    def _plant_broken(self, rng: random.Random) -> None:
        wholes = {(r["doc_file"], r["parent_line_id"]) for r in self.funding if r["parent_line_id"]}
        rows = [
            r
            for r in self.funding
            if (r["doc_file"], r["line_id"]) in wholes
            and r["sums_ok"] == "yes"
            and r["budget_phase"] != "adjusted"
            and self.kinds[r["doc_file"]] == "plan"
            and r["amount_million_vnd"].isdigit()
        ]
        for r in sorted(rows, key=lambda r: rng.random()):
            if len(self.broken) == PLANTS:
                break
            written = vn_number(int(r["amount_million_vnd"]), True) + " triệu đồng"
            if r["doc_file"] in self.touched or r["quote"].count(written) != 1:
                continue
            printed = vn_number(int(r["amount_million_vnd"]) + 1000, True) + " triệu đồng"

            def a_whole_with_parts(fragments, printed=printed) -> bool:
                lines = _fragment_rows(fragments, csvout.FUNDING)
                wholes = {f["parent_line_code"] for f in lines}
                return any(
                    f["figure_text"] == printed
                    and f["line_code"] in wholes
                    and f["is_approximate"] == "false"
                    and f["breakdown"] != "partial"
                    and f["budget_phase"] != "adjusted"
                    for f in lines
                )

            if self._edit(r["doc_file"], r["quote"], r["quote"].replace(written, printed), a_whole_with_parts):
                self.broken[r["doc_file"]] = printed

    def _plant_repeated(self, rng: random.Random) -> None:
        for doc in sorted(f for f in self.kinds if f not in self.touched)[:: N_DOCUMENTS // PLANTS][:PLANTS]:
            path = self.documents / doc
            path.write_text(repeat_lines(path.read_text(encoding="utf-8"), rng, 2), encoding="utf-8")
            self.repeated.append(doc)
            self.touched.add(doc)


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("messy")
    c = Corpus(home / "corpus")
    warehouse = home / "wh" / "warehouse.duckdb"
    result = _build(c.documents, warehouse)
    return c, warehouse, result


def _query(warehouse: Path, sql: str, *params) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _extracted(warehouse: Path) -> list[dict[str, str]]:
    (run_id,) = _query(warehouse, "select run_id from ops.current_build")[0]
    return _rows(warehouse.parent / ".ntp-runs" / run_id / "seeds" / "extracted_documents.csv")


def _held_back(warehouse: Path) -> dict[str, str]:
    """The held-back documents' files, each with a check it failed on a row with a quote."""
    rows = _query(
        warehouse,
        "select r.source_file, f.check_name from marts.rpt_rejected_documents r "
        "join marts.rpt_flagged_figures f using (document_id) where r.reason = 'quarantined' "
        "and f.action = 'held_back' and f.source_quote is not null order by 1, 2",
    )
    return dict(rows)


def test_the_messy_corpus_publishes_holding_back_the_corrupted_document(messy):
    c, warehouse, result = messy
    output = result.stdout + result.stderr
    assert result.returncode == 6, output
    held = _held_back(warehouse)
    assert c.corrupt in held and c.corrupt in output
    checks = _query(
        warehouse,
        "select distinct check_name from marts.rpt_flagged_figures where action = 'held_back' and source_file = ?",
        c.corrupt,
    )
    assert ("quote_supports_value",) in checks
    n_held = _query(warehouse, "select count(*) from marts.rpt_rejected_documents where reason = 'quarantined'")
    assert n_held == [(len(held),)]  # every held-back document has a failing figure with its check and quote
    assert _query(warehouse, "select published, documents_held_back from ops.current_build") == [(True, len(held))]
    assert len(held) <= N_DOCUMENTS * 0.25


def test_no_document_is_silently_dropped(messy):
    c, warehouse, _ = messy
    published = {
        d: (t, f)
        for d, t, f in _query(
            warehouse,
            "select d.document_id, "
            "(select count(*) from marts.fct_indicator_targets t where t.document_id = d.document_id), "
            "(select count(*) from marts.fct_budget_allocations f where f.document_id = d.document_id) "
            "from marts.dim_document d",
        )
    }
    held = {d for (d,) in _query(warehouse, "select document_id from marts.rpt_rejected_documents")}
    files = set()
    for doc in _extracted(warehouse):
        files.update(doc["source_files"].split(","))
        if doc["document_id"] in held:
            continue
        assert published.get(doc["document_id"]) == (int(doc["n_targets"]), int(doc["n_funding_lines"])), doc
    assert files == {p.name for p in c.documents.iterdir()}


def test_every_clean_document_is_published_unflagged_or_held_back_with_its_reason(messy):
    # a clean document is clean by itself: the generator writes each document on its own, so an adjustment's base
    # or a news item's figure need not agree with another document of the same province and year, and
    # documents_agree flags that (those checks are tested on series written to agree: test_allocation_in_force.py)
    c, warehouse, _ = messy
    flags = dict(
        _query(
            warehouse,
            "select d.primary_file, count(r.finding_id) from marts.dim_document d "
            "left join marts.rpt_flagged_figures r on r.document_id = d.document_id "
            "and r.check_name <> 'documents_agree' group by d.primary_file",
        )
    )
    held = _held_back(warehouse)
    assert len(c.clean) > N_DOCUMENTS * 0.8
    assert c.clean <= set(flags) | set(held), sorted(c.clean - set(flags) - set(held))[:5]
    assert {f: n for f, n in flags.items() if f in c.clean and n} == {}


def test_every_planted_percentage_over_100_is_flagged_with_its_quote(messy):
    c, warehouse, _ = messy
    assert len(c.impossible) == PLANTS
    flagged = _query(
        warehouse,
        "select source_file, figure_text, source_quote, action from marts.rpt_flagged_figures "
        "where check_name = 'value_in_range'",
    )
    found = {(f, figure) for f, figure, quote, action in flagged if figure in quote and action == "flagged"}
    held = _held_back(warehouse)
    for doc, planted in c.impossible.items():
        assert (doc, planted) in found or doc in held, (doc, planted, flagged)


def test_every_planted_total_that_does_not_add_up_is_reported(messy):
    c, warehouse, _ = messy
    assert len(c.broken) == PLANTS
    flagged = _query(
        warehouse,
        "select source_file, source_quote from marts.rpt_flagged_figures "
        "where check_name in ('children_sum_to_parent', 'documents_add_up') and action = 'flagged'",
    )
    held = _held_back(warehouse)
    for doc, printed in c.broken.items():
        assert any(f == doc and printed in quote for f, quote in flagged) or doc in held, (doc, printed)
    inconsistent = {
        f
        for (f,) in _query(
            warehouse,
            "select source_file from marts.rpt_funding_reconciliation where status = 'inconsistent_in_source'",
        )
    }
    assert set(c.broken) - set(held) <= inconsistent


def test_documents_with_repeated_lines_and_mixed_programmes_are_published_or_held_back(messy):
    c, warehouse, _ = messy
    documents = {f for (f,) in _query(warehouse, "select primary_file from marts.dim_document")}
    held = _held_back(warehouse)
    assert set(c.repeated) <= documents | set(held)
    # the news items that mix programmes: each amount of another programme (or of several) is published in its
    # document, or the document is held back with its reason
    others = [r for r in c.funding if r["program_scope"] != "ntp1719"]
    assert len(others) > 20
    published: dict[str, set[float]] = {}
    for f, amount in _query(
        warehouse,
        "select d.primary_file, f.amount_million_vnd from marts.fct_budget_allocations f "
        "join marts.dim_document d using (document_id)",
    ):
        published.setdefault(f, set()).add(round(float(amount), 3))
    for r in others:
        if r["doc_file"] not in held:
            assert round(float(r["amount_million_vnd"]), 3) in published.get(r["doc_file"], set()), r


def _flags(warehouse: Path) -> set[tuple]:
    return set(_query(warehouse, "select * from marts.rpt_flagged_figures where action = 'flagged'"))


def test_an_incremental_build_keeps_the_held_back_documents_held_back(messy):
    """...and keeps every other document's flags, although the checks on the facts refreshed document by
    document look only at the added document's rows (their compiled SQL reads the list of replaced documents;
    the checks on the reports read every row)."""
    c, warehouse, _ = messy
    before = _held_back(warehouse)
    flags_before = _flags(warehouse)
    extra = corpus.render(corpus.spec_for(N_DOCUMENTS, 2024, ("txt",)), 2024)
    (c.documents / extra.doc_file).write_bytes(extra.payload)
    try:
        result = _build(c.documents, warehouse)
    finally:
        (c.documents / extra.doc_file).unlink()
    output = result.stdout + result.stderr
    assert result.returncode == 6, output
    assert "incremental build: 1 document(s) added or changed, 0 removed" in output
    assert c.corrupt in output and c.corrupt in before
    held = _held_back(warehouse)
    assert set(held) - {extra.doc_file} == set(before), (held, before)
    assert _query(warehouse, "select count(*) from marts.dim_document where primary_file = ?", c.corrupt) == [(0,)]
    published = _query(warehouse, "select count(*) from marts.dim_document where primary_file = ?", extra.doc_file)
    assert published == [(1,)] or extra.doc_file in held
    flagged = {f for (f,) in _query(warehouse, "select distinct source_file from marts.rpt_flagged_figures")}
    assert set(c.impossible) | set(c.broken) | {c.corrupt} <= flagged | set(held)
    assert {f for f in _flags(warehouse) if extra.doc_file not in f} == flags_before
    compiled = warehouse.parent / ".ntp-runs" / "dbt" / "target" / "compiled"
    tests = [p for p in compiled.rglob("*.sql") if p.parent.name.endswith(".yml")]
    scoped = {p.name for p in tests if "replaced_documents.list" in p.read_text()}
    # the checks of rows that each belong to one document read the replaced documents' rows, those comparing
    # documents with each other (and what they report) every row
    assert any(p.parent.name == "_facts__models.yml" and p.name in scoped for p in tests), scoped
    assert any("rpt_funding_reconciliation" in name for name in scoped), scoped
    cross = [p.name for p in tests if "rpt_cross_document_checks" in p.name]
    assert cross and not set(cross) & scoped, scoped
    # uniqueness within a document on the extracted seeds and their views: scoped; across documents: not
    texts = {p: p.read_text() for p in tests}
    within = [
        p for p, sql in texts.items() if '"extracted_funding_lines"' in sql and "group by document_id, line_code" in sql
    ]
    assert len(within) == 1 and within[0].name in scoped, scoped
    assert not any(p.name.startswith("unique_extracted_document_files_source_file") for p in tests if p.name in scoped)
    assert any('"stg_extracted__targets"' in sql and p.name in scoped for p, sql in texts.items()), scoped
    # the scoped check still finds a duplicate in a replaced document (and, by design, not in one it skipped)
    sql = texts[within[0]]
    listed = re.search(r"read_csv\('([^']+replaced_documents\.list)'", sql)
    assert listed, sql
    check = warehouse.parent / "scoped-check.duckdb"
    shutil.copy2(warehouse, check)
    duplicate = (
        "insert into candidate.extracted.extracted_funding_lines "
        "select * from candidate.extracted.extracted_funding_lines "
        "where document_id {} (select document_id from read_csv('" + listed.group(1) + "')) limit 1"
    )
    try:
        with duckdb.connect() as con:
            con.execute(f"attach '{check}' as candidate")  # the catalog the compiled checks name
            assert con.execute(sql).fetchall() == []
            con.execute(duplicate.format("not in"))
            assert con.execute(sql).fetchall() == []  # an unchanged document's rows are the published, checked ones
            con.execute(duplicate.format("in"))
            assert con.execute(sql).fetchall() != []
    finally:
        check.unlink()
