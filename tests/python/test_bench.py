"""`make bench` in small (100 generated documents, one run of each measurement) so the benchmark cannot rot.
No timing is asserted here: the numbers go to BENCHMARKS.md, written by `make bench` on the full sizes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    work = tmp_path_factory.mktemp("bench")
    out = work / "BENCHMARKS.md"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.bench",
            "--sizes",
            "100",
            "--repeats",
            "1",
            "--work",
            str(work),
            "--out",
            str(out),
            "--skip-ocr",
            "--skip-spark",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out.read_text(encoding="utf-8"), json.loads((work / "results.json").read_text(encoding="utf-8"))


def test_the_small_benchmark_writes_every_section_of_benchmarks_md(bench_run):
    text, _ = bench_run
    for heading in (
        "## Extraction",
        "## `ntp-warehouse build`",
        "## Load step",
        "## Adding one document",
        "## Analyses",
        "## Accuracy",
    ):
        assert heading in text
    assert re.search(r"Machine: .+, \d+ cores, [\d.]+ GB memory", text)


def test_the_small_benchmark_measures_builds_of_each_size_and_the_added_document(bench_run):
    _, results = bench_run
    assert [b["documents"] for b in results["builds"]] == [100]
    for b in results["builds"]:
        assert b["seconds"] > 0 and b["peak_mb"] > 0
        assert {"extract", "dbt + validation", "publish"} <= set(b["phases"])
    assert results["add_one"]["base_documents"] == 100 and results["add_one"]["seconds"] > 0
    assert results["load"]["rows"] > 0 and results["load"]["ratio"] > 0
    assert {e["workers"] for e in results["extraction"]} >= {1}


def test_the_small_benchmark_times_every_analysis(bench_run):
    _, results = bench_run
    timed = {q["analysis"] for q in results["analyses"]}
    assert timed == {p.stem for p in (ROOT / "analyses").glob("*.sql")}
    assert all(q["median_ms"] > 0 for q in results["analyses"])


def test_the_small_benchmark_scores_the_generated_and_the_sample_corpus(bench_run):
    _, results = bench_run
    accuracy = results["accuracy"]
    generated = accuracy["generated, 100 documents"]
    sample = next(v for k, v in accuracy.items() if k.startswith("sample"))
    assert generated["targets_gold"] > 0 and generated["funding_gold"] > 0
    # accuracy is reported, not timed: the floor only catches a broken pipeline (an empty or garbage warehouse)
    assert generated["targets_recall"] > 0.5 and generated["funding_recall"] > 0.5
    assert sample["targets_gold"] == 146 and sample["funding_gold"] == 13


def test_benchmarks_md_in_the_repository_was_written_by_make_bench():
    text = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nWritten by `make bench`")
    assert "10,000" in text
    assert (Path(ROOT) / "Makefile").read_text(encoding="utf-8").count("benchmarks.bench") == 1


def test_the_ocr_section_replaces_its_own_and_nothing_else():
    from benchmarks.bench import render_ocr, replace_section

    ocr = {
        "files": 5, "pages": 26, "megabytes": 9.5, "engine": "tesseract 5.3.0", "dpi": 300,
        "runs": [
            {"jobs": 1, "seconds": 60.0, "pages_per_minute": 26.0, "cpu_seconds_per_page": 2.3, "seconds_all": [60.0]},
            {"jobs": 2, "seconds": 35.0, "pages_per_minute": 44.6, "cpu_seconds_per_page": 2.5, "seconds_all": [35.0]},
        ],
    }  # fmt: skip
    before = "# Benchmarks\n\n## Build\n\nfast\n\n## Accuracy\n\ngood\n"
    once = replace_section(before, "## OCR", render_ocr(ocr))
    assert once.startswith(before) and "| 2 | 35.0 | 44.6 | 2.50 |  | 35.0 |" in once
    assert "10,000 such\ndocuments 37 hours" in once
    ocr["runs"][1]["pages_per_minute"] = 50.0
    twice = replace_section(once, "## OCR", render_ocr(ocr))
    assert twice.count("## OCR") == 1 and "| 2 | 35.0 | 50.0 |" in twice and twice.startswith(before)
    middle = replace_section("# B\n\n## OCR\n\nold\n\n## Z\n\nz\n", "## OCR", ["## OCR", "", "new"])
    assert middle == "# B\n\n## OCR\n\nnew\n\n## Z\n\nz\n"


def test_the_spark_row_is_rendered_from_its_measurement_and_kept_by_a_run_without_spark():
    from benchmarks.bench import Results, keep_unmeasured, render

    measured = {
        "documents": 10000, "cores": 2, "identical": True, "load": 2.4,
        "local": {"seconds": 178.0, "peak_mb": 250.0, "runs": [178.0]},
        "spark": {"seconds": 215.0, "peak_mb": 1346.0, "runs": [215.0]},
    }  # fmt: skip
    with_spark = render(Results({"cpu": "x", "cores": 2, "memory_gb": 1, "os": "y", "python": "3", "duckdb": "2",
                                 "dbt_core": "1", "dbt_duckdb": "1", "commit": "c", "date": "d"}, [10], 1,
                                spark=[measured]))  # fmt: skip
    assert "| 10,000 generated documents | 2 | 178.0 | 250 | 215.0 | 1,346 | identical | 2.4 |" in with_spark
    without = Results(**{**json.loads(json.dumps(Results({}, [10], 1).__dict__))})
    without.machine = {"cpu": "x", "cores": 2, "memory_gb": 1, "os": "y", "python": "3", "duckdb": "2",
                       "dbt_core": "1", "dbt_duckdb": "1", "commit": "c2", "date": "d2"}  # fmt: skip
    text = keep_unmeasured(without, render(without), with_spark)
    assert "| 10,000 generated documents | 2 | 178.0 |" in text and text.count("## Extraction on Spark") == 1
    measured["identical"] = False
    assert "DIFFERENT" in render(Results(without.machine, [10], 1, spark=[measured]))
