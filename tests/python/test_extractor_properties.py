"""Properties of the extractor's raw output, on many perturbed versions of real layouts.

The layouts are the sample documents (documents/) and the synthetic examples (tests/data/examples,
tests/data/layouts). Hypothesis perturbs them the way documents vary (figures changed, lines repeated, sections in
another order, two documents in one file: tests/python/perturb.py) and feeds each version to the extractor's
public entry point, `process_file`. Whatever it makes of the text, the rows it writes must keep the rules the
warehouse checks per document: keys unique, every reference resolved (a part's whole, a breakdown's lines, a
figure's parent figure, the programme tree, units and years), every figure inside its quote. A failure here is a
document that the build would hold back. A rejection (the text no longer says which province it is about) is
also a valid outcome."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from perturb import change_numbers, concatenate, reorder_sections, repeat_clauses, repeat_lines

from loaders import csvout
from loaders.extract import FileOutcome, load_manifest, process_file
from loaders.reference import reference_codes, reference_years, vocabulary

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = (ROOT / "documents", ROOT / "tests" / "data" / "examples", ROOT / "tests" / "data" / "layouts")


def _layouts() -> dict[str, tuple[str, dict[str, str] | None]]:
    out = {}
    for folder in FOLDERS:
        overrides = load_manifest(folder)
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".html") and not path.name.startswith("README"):
                out[path.name] = (path.read_text(encoding="utf-8"), overrides.get(path.name))
    return out


LAYOUTS = _layouts()
NAMES = sorted(LAYOUTS)


def _rows(outcome: FileOutcome, table: str) -> list[dict[str, str]]:
    text = outcome.fragments[table].decode("utf-8")
    return [dict(zip(csvout.HEADERS[table], row, strict=True)) for row in csv.reader(io.StringIO(text))]


def _duplicates(rows: list[dict[str, str]], key: tuple[str, ...]) -> list[tuple]:
    counts = Counter(tuple(r[k] for k in key) for r in rows)
    return [k for k, n in counts.items() if n > 1]


def _code_fits_parent(code: str, parent: str) -> bool:
    """The rule of the hierarchical_code_consistent test: in prose a part extends its whole's code; in a table
    ("ROW|COL") a part sits in the same column."""
    if "|" not in code and "|" not in parent:
        return code.startswith(parent + ".")
    return "|" in code and "|" in parent and code.split("|")[1] == parent.split("|")[1]


def violations(outcome: FileOutcome) -> list[str]:
    """Every rule of the raw output that `outcome` breaks, one line each."""
    vocab = vocabulary()
    projects, subs = set(vocab.project_numbers.values()), set(vocab.sub_projects.values())
    years = {str(y) for y in reference_years()}
    targets = _rows(outcome, csvout.TARGETS)
    funding = _rows(outcome, csvout.FUNDING)
    breakdowns = _rows(outcome, csvout.BREAKDOWNS)
    unresolved = _rows(outcome, csvout.UNRESOLVED)
    out = []
    keys = {
        "targets": (targets, ("document_id", "source_file", "source_line", "span_start")),
        "funding lines": (funding, ("document_id", "line_code")),
        "breakdowns": (breakdowns, ("document_id", "axis", "parent_line_code", "child_line_code")),
        "unresolved codes": (
            unresolved,
            ("document_id", "fact_type", "source_file", "source_line", "span_start", "column_name"),
        ),
    }
    for table, (rows, key) in keys.items():
        out += [f"{table}: duplicate key {k}" for k in _duplicates(rows, key)]
    codes = {r["line_code"] for r in funding}
    for r in funding:
        parent = r["parent_line_code"]
        if parent and parent not in codes:
            out.append(f"funding {r['line_code']}: whole {parent} is no line of the document")
        if parent and not _code_fits_parent(r["line_code"], parent):
            out.append(f"funding {r['line_code']}: code does not fit its whole {parent}")
    for b in breakdowns:
        missing = {b["parent_line_code"], b["child_line_code"]} - codes
        if missing:
            out.append(f"breakdown {b['parent_line_code']} -> {b['child_line_code']}: no line {sorted(missing)}")
    spans = {(r["source_file"], r["source_line"], r["span_start"]) for r in targets}
    for r in targets:
        if r["parent_span_start"] and (r["source_file"], r["source_line"], r["parent_span_start"]) not in spans:
            out.append(f"target at line {r['source_line']}: parent figure {r['parent_span_start']} not extracted")
        if r["unit_raw"].lower() not in vocab.unit_variants:
            out.append(f"target at line {r['source_line']}: unit {r['unit_raw']!r} not in the reference")
    for fact, rows in (("target", targets), ("funding", funding)):
        for r in rows:
            where = f"{fact} at line {r['source_line']} ({r['figure_text']!r})"
            if r["figure_text"] not in r["source_quote"]:
                out.append(f"{where}: figure not in its quote")
            if r["project_code"] and r["project_code"] not in projects:
                out.append(f"{where}: project {r['project_code']} not in the reference")
            if r["sub_project_code"] and r["sub_project_code"] not in subs:
                out.append(f"{where}: sub-project {r['sub_project_code']} not in the reference")
            if r["plan_year"] and r["plan_year"] not in years:
                out.append(f"{where}: year {r['plan_year']} not in the reference")
            if r["program_code"] not in reference_codes("programs", "program_code"):
                out.append(f"{where}: programme {r['program_code']!r} unknown")
    return out


def extract(tmp: Path, name: str, text: str, overrides: dict[str, str] | None):
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return process_file(path, tmp, overrides, 20_000_000)


@pytest.mark.parametrize("name", NAMES)
def test_every_layout_as_it_is_keeps_the_rules(tmp_path: Path, name: str):
    outcome = extract(tmp_path, name, *LAYOUTS[name])
    assert isinstance(outcome, FileOutcome), outcome
    assert not violations(outcome)


def test_a_date_that_is_no_day_is_left_empty_and_reported(tmp_path: Path):
    """A misprinted date ('ngày 31 tháng 02') once crashed the extraction of a document with figures, and the
    date of one without figures stopped every document's load (the seed's date column would not cast)."""
    plan = (
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 12/KH-UBND\nLạng Sơn, ngày 31 tháng 02 năm 2024\n\nKẾ HOẠCH\n\n"
        "Thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và "
        "miền núi trên địa bàn tỉnh Lạng Sơn năm 2024\n\n- Hỗ trợ nhà ở cho 640 hộ.\n"
    )
    outcome = extract(tmp_path, "plan.txt", plan, None)
    assert isinstance(outcome, FileOutcome), outcome
    assert outcome.meta.issued_date is None and outcome.meta.plan_year == 2024
    rows = _rows(outcome, csvout.UNRESOLVED)
    assert [(r["fact_type"], r["column_name"], r["stated_value"]) for r in rows] == [
        ("document", "issued_date", "2024-02-31")
    ]
    assert [r["target_value"] for r in _rows(outcome, csvout.TARGETS)] == ["640"]
    assert not violations(outcome)


def test_two_figures_that_read_alike_on_one_line_are_two_unresolved_codes(tmp_path: Path):
    """The regression behind the duplicate unresolved codes: 'Dự án 12' (no such project) with two '07 hội nghị'
    on one line wrote two rows with one key (same line, column and figure text)."""
    plan = (
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nKẾ HOẠCH\n\nThực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - "
        "xã hội vùng đồng bào dân tộc thiểu số và miền núi trên địa bàn tỉnh Lạng Sơn năm 2024\n\n"
        "1. Dự án 12: Truyền thông, tuyên truyền, vận động trong vùng đồng bào dân tộc thiểu số\n\n"
        "- Chỉ tiêu cụ thể: cấp tỉnh: 07 hội nghị tập huấn; cấp huyện: mỗi đơn vị 07 hội nghị tập huấn.\n"
    )
    outcome = extract(tmp_path, "plan.txt", plan, None)
    rows = _rows(outcome, csvout.UNRESOLVED)
    assert [(r["stated_value"], r["figure_text"]) for r in rows] == [("DA12", "07 hội nghị")] * 2
    assert len({r["span_start"] for r in rows}) == 2
    assert not violations(outcome)


CRASHES = ("read_error", "extraction_error")  # process_file's rejections for an exception it caught
PERTURBATIONS = ("numbers", "repeat", "clauses", "reorder", "concatenate")


def perturbed(name: str, steps: list[str], other: str, rng: random.Random) -> str:
    text = LAYOUTS[name][0]
    for step in steps:
        if step == "numbers":
            text = change_numbers(text, rng)
        elif step == "repeat":
            text = repeat_lines(text, rng, rng.randint(1, 4))
        elif step == "clauses":
            text = repeat_clauses(text, rng, rng.randint(1, 3))
        elif step == "reorder":
            text = reorder_sections(text, rng)
        else:
            text = concatenate(text, LAYOUTS[other][0])
    return text


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same versions on every run: a failure is reproducible, CI is stable
    database=None,
    phases=(Phase.explicit, Phase.generate),  # a failure is reported as generated: shrinking texts takes minutes
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(NAMES),
    steps=st.lists(st.sampled_from(PERTURBATIONS), min_size=1, max_size=3),
    other=st.sampled_from(NAMES),
    rng=st.randoms(use_true_random=False),
)
def test_perturbed_layouts_keep_the_rules(tmp_path: Path, name: str, steps: list[str], other: str, rng):
    text = perturbed(name, steps, other, rng)
    outcome = extract(tmp_path, name, text, LAYOUTS[name][1])
    if isinstance(outcome, FileOutcome):
        assert not violations(outcome), (name, steps, other)
    else:  # a text that no longer says its province may be rejected; a crash of the extractor may not
        assert outcome.reason not in CRASHES, (name, steps, other, outcome.detail)
