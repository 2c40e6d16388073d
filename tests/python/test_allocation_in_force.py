"""The allocation in force and the documents checked against each other, on generated series of documents about
the same budget lines (benchmarks/ledger.py: allocation decision, news item, district plans, two adjustments, two
progress reports, national decisions; one planted disagreement of each kind). fct_allocation_in_force must equal the
generator's key for every line, and rpt_cross_document_checks must find exactly the planted disagreements, as
warnings of a build that publishes."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from scoring import score

from benchmarks.ledger import IN_FORCE_COLUMNS, build_corpus, write_ledger

pytestmark = pytest.mark.slow

KEY_COLUMNS = ("province_code", "plan_year", "project_code", "capital_type", "budget_level", "area_name")


def _key_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _number(text: str) -> str:
    return format(Decimal(text).normalize(), "f") if text else ""


def _query(warehouse: Path, sql: str) -> list[dict[str, object]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def test_the_generator_writes_the_same_series_twice(tmp_path: Path):
    # given the same seed, when the series are written twice, then the files are byte-identical
    write_ledger(tmp_path / "a", 3, seed=7)
    write_ledger(tmp_path / "b", 3, seed=7)
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert a == b and len(a) > 20


def test_every_series_plants_one_kind_of_disagreement_after_the_first():
    # given five series, then each kind of disagreement is planted, the first series none
    series, _ = build_corpus(5)
    planted = [{s.check for s in x.statements if s.planted} for x in series]
    assert planted[0] == set()
    assert set().union(*planted[1:]) >= {"district_document", "news_item", "adjustment_base", "adjustment_result"}
    assert any(s.check == "national_allocation" and s.planted for x in series for s in x.statements)


def test_the_series_are_read_completely(ledger_warehouse):
    # given the warehouse of the series: every document identified, every amount found with its attributes (so
    # that what follows tests the modelling of what they say together, not the reading)
    warehouse, key = ledger_warehouse
    s = score(warehouse, key)
    assert s.documents_correct == s.documents, s.misses
    assert (s.funding_recall, s.funding_precision) == (1.0, 1.0), s.misses
    assert all(s.attribution_ratio(name) == 1.0 for name in s.attribution if name.startswith("funding.")), {
        name: s.attribution_ratio(name) for name in s.attribution
    }


def test_the_allocation_in_force_equals_the_generators_key_for_every_line(ledger_warehouse):
    # given the key: per line, the first allocation, the adjustments in order, the amount in force, the latest
    # disbursement with its date and the rate, and the file behind each number
    warehouse, key = ledger_warehouse
    expected = {
        tuple(r[c] for c in KEY_COLUMNS): {
            **{c: r[c] for c in IN_FORCE_COLUMNS if c not in KEY_COLUMNS},
            **{c: _number(r[c]) for c in ("allocated_million_vnd", "adjustment_million_vnd", "in_force_million_vnd")},
            "disbursed_million_vnd": _number(r["disbursed_million_vnd"]),
        }
        for r in _key_rows(key / "in_force.csv")
    }
    # when fct_allocation_in_force is read, its documents named by file
    files = {r["document_id"]: r["primary_file"] for r in _query(warehouse, "select * from marts.dim_document")}
    actual = {}
    for r in _query(warehouse, "select * from marts.fct_allocation_in_force"):
        actual[tuple(_text(r[c]) for c in KEY_COLUMNS)] = {
            "allocated_million_vnd": _text(r["allocated_million_vnd"]),
            "allocation_doc_file": files.get(r["allocation_document_id"], ""),
            "adjustment_million_vnd": _text(r["adjustment_million_vnd"]),
            "n_adjustments": str(r["n_adjustments"]),
            "adjustment_doc_files": ",".join(files[d] for d in (r["adjustment_document_ids"] or "").split(",") if d),
            "in_force_million_vnd": _text(r["in_force_million_vnd"]),
            "disbursed_million_vnd": _text(r["disbursed_million_vnd"]),
            "disbursed_as_of_date": _text(r["disbursed_as_of_date"]),
            "disbursement_doc_file": files.get(r["disbursement_document_id"], ""),
            "disbursement_rate": "" if r["disbursement_rate"] is None else f"{float(r['disbursement_rate']):.6f}",
        }
    # then every line is there, with every number and document of the key
    assert len(expected) > 80
    assert set(actual) == set(expected)
    for line, values in expected.items():
        assert actual[line] == values, line
    # and lines were adjusted twice and disbursed, as the series say
    assert any(v["n_adjustments"] == "2" for v in expected.values())
    assert any(v["disbursement_rate"] for v in expected.values())


def test_the_cross_document_report_finds_exactly_the_planted_disagreements(ledger_warehouse):
    # given the key: every restatement of a line with the amount in force it must agree with, and its status
    warehouse, key = ledger_warehouse
    check_key = ("check_kind", *KEY_COLUMNS, "doc_file")
    expected = {
        tuple(r[c] for c in check_key): (
            r["reference_doc_file"],
            _number(r["stated_million_vnd"]),
            _number(r["reference_million_vnd"]),
            r["status"],
        )
        for r in _key_rows(key / "cross_checks.csv")
    }
    # when the report is read
    files = {r["document_id"]: r["primary_file"] for r in _query(warehouse, "select * from marts.dim_document")}
    actual = {
        (r["check_kind"], *(_text(r[c]) for c in KEY_COLUMNS), files[r["document_id"]]): (
            files[r["reference_document_id"]],
            _text(r["stated_million_vnd"]),
            _text(r["reference_million_vnd"]),
            r["status"],
        )
        for r in _query(warehouse, "select * from marts.rpt_cross_document_checks")
    }
    # then every check of the key is made, with the same amounts, and the disagreements are the planted ones
    assert actual == expected
    planted = {k for k, v in expected.items() if v[3] == "inconsistent_in_source"}
    assert {k[0] for k in planted} == {
        "district_document",
        "news_item",
        "adjustment_base",
        "adjustment_result",
        "national_allocation",
    }
    # and each says in words where the two documents disagree
    for r in _query(warehouse, "select * from marts.rpt_cross_document_checks where status <> 'ok'"):
        assert r["source_file"] in r["explanation"] and r["reference_source_file"] in r["explanation"]


def test_disagreements_between_documents_are_warnings_of_a_build_that_publishes(ledger_warehouse):
    # given the series' build (the fixture asserts it published), then its log names the disagreements as a warning
    warehouse, key = ledger_warehouse
    log = (key.parent / "build.log").read_text(encoding="utf-8")
    assert "warning documents_agree" in log
    assert warehouse.exists()
