"""The synthetic corpus generator: determinism, quotes inside the unit they cite, values readable from their
quotes, sums, vocabulary, document mix. No timing assertions."""

from __future__ import annotations

import csv
import importlib.util
import os
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from benchmarks import corpus, office
from benchmarks.generate_corpus import write_corpus
from benchmarks.model import DOCUMENT_COLUMNS, FUNDING_COLUMNS, TARGET_COLUMNS, Doc

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "tests" / "data" / "examples"
ALL_FORMATS = ("txt", "docx", "xlsx")
N_DOCS = int(
    os.environ.get("CORPUS_TEST_DOCS", "480")
)  # six cycles of the 8-document bundle over the first provinces, a few .docx/.xlsx among them


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_examples", EXAMPLES / "check_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECK = _load_checker()
TY_TRIEU = re.compile(r"(?<![\d.,])(\d{1,3})\s*tỷ\s*(\d{1,3})\s*triệu")


def numbers_in(text: str) -> set[Decimal]:
    """check_examples' reader plus 'X tỷ Y triệu' (read as triệu đồng)."""
    vals = set(CHECK.numbers_in(text))
    for m in TY_TRIEU.finditer(text):
        if "nghìn" not in text[max(0, m.start() - 12) : m.start()]:
            vals.add(Decimal(m.group(1)) * 1000 + Decimal(m.group(2)))
    return vals


def money_in(amount: Decimal, text: str) -> bool:
    a = abs(amount)
    return any(v * f == a for v in numbers_in(text) for f in CHECK.MONEY_FACTORS)


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return [corpus.build(s) for s in corpus.plan_corpus(N_DOCS, formats=ALL_FORMATS)]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(out, N_DOCS, formats=ALL_FORMATS, workers=1)
    return out


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        return list(r.fieldnames or []), list(r)


def _tree(tmp: Path) -> dict[str, bytes]:
    return {str(p.relative_to(tmp)): p.read_bytes() for p in sorted(tmp.rglob("*")) if p.is_file()}


# ----------------------------------------------------------------------------- determinism and layout
def test_same_seed_gives_identical_bytes_whatever_the_workers(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 96, seed=7, formats=ALL_FORMATS, workers=1)
    write_corpus(tmp_path / "b", 96, seed=7, formats=ALL_FORMATS, workers=2)
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_another_seed_gives_other_documents(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 16, seed=1)
    write_corpus(tmp_path / "b", 16, seed=2)
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert a["answer_key/gold_targets.csv"] != b["answer_key/gold_targets.csv"]


def test_answer_key_has_the_examples_column_layout(written: Path) -> None:
    for name, example, ours in (
        ("documents", "examples_documents.csv", DOCUMENT_COLUMNS),
        ("targets", "examples_targets.csv", TARGET_COLUMNS),
        ("funding", "examples_funding.csv", FUNDING_COLUMNS),
    ):
        expected, _ = _read(EXAMPLES / example)
        got, rows = _read(written / "answer_key" / f"gold_{name}.csv")
        extra = ["injected_error"] if name == "funding" else []
        assert got == list(ours) == expected + extra
        assert rows


def test_every_listed_document_is_written(written: Path) -> None:
    _, rows = _read(written / "answer_key" / "gold_documents.csv")
    files = {p.name for p in (written / "documents").iterdir()}
    assert {r["doc_file"] for r in rows} == files
    assert len(rows) == N_DOCS


# ----------------------------------------------------------------------------- quotes and text units
def test_every_quote_lies_in_the_unit_it_cites(docs: list[Doc]) -> None:
    bad = [
        (d.meta.doc_file, r.quote)
        for d in docs
        for r in (*d.targets, *d.funding)
        if r.unit < 0 or r.quote not in d.units[r.unit].text
    ]
    assert bad == []


def test_txt_units_are_the_file_lines(docs: list[Doc], written: Path) -> None:
    for d in docs:
        if d.meta.fmt != "txt":
            continue
        lines = (written / "documents" / d.meta.doc_file).read_text(encoding="utf-8").split("\n")
        assert all(r.quote in lines[r.unit] for r in (*d.targets, *d.funding)), d.meta.doc_file
        assert all("\n" not in u.text for u in d.units)


def test_office_files_read_back_as_their_units(docs: list[Doc], written: Path) -> None:
    seen = Counter()
    for d in docs:
        path = written / "documents" / d.meta.doc_file
        if d.meta.fmt == "docx":
            assert CHECK.docx_units(str(path)) == [u.text for u in office.docx_units(d)]
        elif d.meta.fmt == "xlsx":
            assert CHECK.xlsx_units(str(path)) == [u.text for u in office.xlsx_units(d)]
        seen[d.meta.fmt] += 1
    assert seen["docx"] and seen["xlsx"] and seen["txt"] > 0.9 * N_DOCS


def test_quotes_of_written_key_are_found_in_one_unit_of_the_file(written: Path) -> None:
    units: dict[str, list[str]] = {}
    for path in (written / "documents").iterdir():
        if path.suffix == ".txt":
            units[path.name] = path.read_text(encoding="utf-8").split("\n")
        else:
            units[path.name] = CHECK.doc_units(str(path))
    for name in ("targets", "funding"):
        _, rows = _read(written / "answer_key" / f"gold_{name}.csv")
        missing = [(r["doc_file"], r["quote"]) for r in rows if not any(r["quote"] in u for u in units[r["doc_file"]])]
        assert missing == []


def test_no_template_leftovers(docs: list[Doc]) -> None:
    for d in docs:
        text = "\n".join(u.text for u in d.units)
        assert not re.search(r"\{\w*\}|None|\bnan\b", text), d.meta.doc_file


# ----------------------------------------------------------------------------- values and sums
def test_every_value_can_be_read_from_its_quote(written: Path) -> None:
    _, targets = _read(written / "answer_key" / "gold_targets.csv")
    bad = [
        r
        for r in targets
        if Decimal(r["value"]) not in numbers_in(r["quote"])
        or (r["denominator"] and Decimal(r["denominator"]) not in numbers_in(r["quote"]))
    ]
    assert bad == []
    _, funding = _read(written / "answer_key" / "gold_funding.csv")
    bad = [r for r in funding if not money_in(Decimal(r["amount_million_vnd"]), r["quote"])]
    assert bad == []


def test_parents_add_up_unless_an_error_was_injected(written: Path) -> None:
    _, funding = _read(written / "answer_key" / "gold_funding.csv")
    by_doc: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for r in funding:
        assert r["line_id"] not in by_doc[r["doc_file"]], (r["doc_file"], r["line_id"])
        by_doc[r["doc_file"]][r["line_id"]] = r
    counts = Counter()
    for lines in by_doc.values():
        kids: dict[str, list[Decimal]] = defaultdict(list)
        for r in lines.values():
            if r["parent_line_id"]:
                assert r["parent_line_id"] in lines
                kids[r["parent_line_id"]].append(Decimal(r["amount_million_vnd"]))
        for lid, r in lines.items():
            amount = Decimal(r["amount_million_vnd"])
            if lid not in kids:
                assert r["sums_ok"] == ""
                continue
            total = sum(kids[lid], Decimal(0))
            if r["sums_ok"] == "yes":
                assert total == amount, (r["doc_file"], lid)
            elif r["sums_ok"] == "no":
                assert total != amount and r["injected_error"], (r["doc_file"], lid)
            else:
                assert abs(total) <= abs(amount), (r["doc_file"], lid)
            counts[r["sums_ok"] or "partial"] += 1
    assert counts["yes"] > 10 * counts["no"] > 0


def test_table_columns_add_up_across_each_row(written: Path) -> None:
    """Cell-keyed tables: Tổng số = districts, ALL = INV + REC, INV = INV.CENTRAL + INV.LOCAL, ..."""
    _, funding = _read(written / "answer_key" / "gold_funding.csv")
    cells: dict[str, dict[tuple[str, str], Decimal]] = defaultdict(dict)
    broken_docs = {r["doc_file"] for r in funding if r["injected_error"]}
    for r in funding:
        if "|" in r["line_id"]:
            row, col = r["line_id"].split("|", 1)
            cells[r["doc_file"]][(row, col)] = Decimal(r["amount_million_vnd"])
    checked = 0
    for doc, table in cells.items():
        cols = {c for _, c in table}
        (root,) = [c for c in cols if c in ("TONG", "ALL", "NET")]
        parent_of = {c: c.rsplit(".", 1)[0] if "." in c else root for c in cols if c != root}
        for row in {r for r, _ in table}:
            for pcol in {*parent_of.values()}:
                kids = [c for c, p in parent_of.items() if p == pcol]
                if (row, pcol) not in table:
                    continue
                total = sum((table.get((row, c), Decimal(0)) for c in kids), Decimal(0))
                assert total == table[(row, pcol)] or doc in broken_docs, (doc, row, pcol)
                checked += 1
    assert checked > 1000


def test_injected_errors_are_rare_and_flagged(written: Path) -> None:
    _, funding = _read(written / "answer_key" / "gold_funding.csv")
    flagged = {r["doc_file"] for r in funding if r["injected_error"]}
    assert 0 < len(flagged) <= 0.06 * N_DOCS
    assert all(r["injected_error"] for r in funding if r["sums_ok"] == "no")


# ----------------------------------------------------------------------------- vocabulary and mix
def test_vocabulary_and_codes(written: Path) -> None:
    _, targets = _read(written / "answer_key" / "gold_targets.csv")
    _, funding = _read(written / "answer_key" / "gold_funding.csv")
    for r in targets:
        for k in ("admin_level", "comparator", "content_code", "program_scope", "measure"):
            assert r[k] in CHECK.VOCAB[k], (k, r[k])
        assert not r["project_code"] or r["project_code"] in CHECK.PROJECTS
        assert not r["sub_project_code"] or r["sub_project_code"].split(".")[0] == r["project_code"]
        assert not r["content_code"] or r["sub_project_code"]
        assert r["unit_raw"] == r["unit_raw"].lower() and r["indicator"]
        assert "huyện " not in r["area_name"] and "xã " not in r["area_name"]
    for r in funding:
        for k in (
            "capital_type",
            "budget_level",
            "funding_source",
            "sums_ok",
            "program_scope",
            "budget_phase",
        ):
            assert r[k] in CHECK.VOCAB[k], (k, r[k])
        pc = r["project_code"]
        assert not pc or pc in CHECK.PROJECTS or pc in CHECK.SUBPROJECTS


def test_document_mix(written: Path) -> None:
    _, rows = _read(written / "answer_key" / "gold_documents.csv")
    kinds = Counter(r["doc_kind"] for r in rows)
    assert set(kinds) == set(CHECK.VOCAB["doc_kind"])
    district_plans = [r for r in rows if r["doc_kind"] == "plan" and r["admin_level"] == "district"]
    assert len(district_plans) == N_DOCS // 4 and all(r["area_name"] for r in district_plans)
    assert len({r["province_code"] for r in rows}) >= 50
    assert {r["plan_year"] for r in rows} <= {"2022", "2023", "2024", "2025"}
    assert any(r["has_figures"] == "no" for r in rows)
    _, targets = _read(written / "answer_key" / "gold_targets.csv")
    assert {r["program_scope"] for r in targets} == {"ntp1719", "all_ntps", "other"}
    assert {r["measure"] for r in targets} == {"target", "result", "baseline"}
    assert {r["comparator"] for r in targets} >= {"=", ">", ">=", "<", "~"}
