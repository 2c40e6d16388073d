"""A nightly run on a messy corpus: a few hundred generated documents (benchmarks/, invented figures) of which some
carry planted problems: a planned percentage over 100, a total that no longer adds up to its lines, lines printed
twice; the generator's own news items mix three programmes, and one document's extraction is corrupted on purpose
(its values no longer match their quotes: an integrity failure, forced by wrapping the extractor for that file).

The build publishes (exit 6: one document held back); every clean document's facts are there, unflagged; every
planted problem is in the reports with its quote; no document is silently dropped: each is published with all
its rows or held back with its reason. Then one document is added, and the incremental build keeps the held-back
document held back and reported."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT
from perturb import repeat_lines, vn_number

from benchmarks import corpus
from benchmarks.generate_corpus import write_corpus

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

    def _edit(self, name: str, old: str, new: str) -> bool:
        path = self.documents / name
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
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
            if self._edit(doc, r["quote"], r["quote"].replace(written, planted)):
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
            if self._edit(r["doc_file"], r["quote"], r["quote"].replace(written, printed)):
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


def test_the_messy_corpus_publishes_holding_back_only_the_corrupted_document(messy):
    c, warehouse, result = messy
    output = result.stdout + result.stderr
    assert result.returncode == 6, output
    held = _query(
        warehouse, "select source_file, detail from marts.rpt_rejected_documents where reason = 'quarantined'"
    )
    assert [f for f, _ in held] == [c.corrupt], held
    assert "quote_supports_value" in held[0][1]
    checks = _query(
        warehouse,
        "select distinct check_name from marts.rpt_flagged_figures where action = 'held_back' and source_file = ?",
        c.corrupt,
    )
    assert ("quote_supports_value",) in checks
    assert _query(warehouse, "select published, documents_held_back from ops.current_build") == [(True, 1)]


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


def test_every_clean_document_is_published_with_all_its_facts_and_no_flag(messy):
    c, warehouse, _ = messy
    rows = _query(
        warehouse,
        "select d.primary_file, count(r.finding_id) from marts.dim_document d "
        "left join marts.rpt_flagged_figures r using (document_id) group by d.primary_file",
    )
    flags = dict(rows)
    assert len(c.clean) > N_DOCUMENTS * 0.8
    assert c.clean <= set(flags), sorted(c.clean - set(flags))[:5]
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
    for doc, planted in c.impossible.items():
        assert (doc, planted) in found, (doc, planted, flagged)


def test_every_planted_total_that_does_not_add_up_is_reported(messy):
    c, warehouse, _ = messy
    assert len(c.broken) == PLANTS
    flagged = _query(
        warehouse,
        "select source_file, source_quote from marts.rpt_flagged_figures "
        "where check_name in ('children_sum_to_parent', 'documents_add_up') and action = 'flagged'",
    )
    for doc, printed in c.broken.items():
        assert any(f == doc and printed in quote for f, quote in flagged), (doc, printed)
    inconsistent = {
        f
        for (f,) in _query(
            warehouse,
            "select source_file from marts.rpt_funding_reconciliation where status = 'inconsistent_in_source'",
        )
    }
    assert set(c.broken) <= inconsistent


def test_documents_with_repeated_lines_and_mixed_programmes_are_published(messy):
    c, warehouse, _ = messy
    documents = {f for (f,) in _query(warehouse, "select primary_file from marts.dim_document")}
    assert set(c.repeated) <= documents
    # the news items that mix programmes: each amount of another programme (or of several) is published, and
    # never as this programme's
    others = [r for r in c.funding if r["program_scope"] != "ntp1719" and r["doc_file"] in documents]
    assert len(others) > 20
    published = {}
    for f, program, amount in _query(
        warehouse,
        "select d.primary_file, f.program_code, f.amount_million_vnd from marts.fct_budget_allocations f "
        "join marts.dim_document d using (document_id)",
    ):
        published.setdefault(f, []).append((program, float(amount)))
    for r in others:
        programs = {p for p, a in published.get(r["doc_file"], []) if abs(a - float(r["amount_million_vnd"])) < 0.001}
        assert programs and "DTTS" not in programs, (r["doc_file"], r["amount_million_vnd"], programs)


def test_an_incremental_build_keeps_the_held_back_document_held_back(messy):
    c, warehouse, _ = messy
    extra = corpus.render(corpus.spec_for(N_DOCUMENTS, 2024, ("txt",)), 2024)
    (c.documents / extra.doc_file).write_bytes(extra.payload)
    try:
        result = _build(c.documents, warehouse)
    finally:
        (c.documents / extra.doc_file).unlink()
    output = result.stdout + result.stderr
    assert result.returncode == 6, output
    assert "incremental build: 1 document(s) added or changed, 0 removed" in output
    assert c.corrupt in output
    held = _query(warehouse, "select source_file from marts.rpt_rejected_documents where reason = 'quarantined'")
    assert held == [(c.corrupt,)]
    assert _query(warehouse, "select count(*) from marts.dim_document where primary_file = ?", extra.doc_file) == [(1,)]
    assert _query(warehouse, "select count(*) from marts.dim_document where primary_file = ?", c.corrupt) == [(0,)]
    flagged = {f for (f,) in _query(warehouse, "select distinct source_file from marts.rpt_flagged_figures")}
    assert set(c.impossible) | set(c.broken) | {c.corrupt} <= flagged
