"""`make test-spark`: the whole pipeline on Apache Spark. A corpus of the sample documents, the shared examples and
scans of two of them (read by OCR) is extracted on this machine (`ntp-warehouse extract`) and as a Spark job on a
local Spark (`--engine spark`), each incrementally from its own cache, before and after one file changes: every
extracted table must be byte-identical. dbt then builds the warehouse on DuckDB from the local run's CSVs (seeds)
and on Spark from the Spark job's CSVs where they lie (external tables, no seed inserts), every data test
included; every mart of the two builds is compared row for row (scripts/compare_marts.py). Last, two marts of the
Spark build are altered on purpose, and the comparison must name the mart, the key, the column and both values.
The throwaway run folder is removed afterwards (NTP_KEEP_SPARK_RUN=1 keeps it)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))

import compare_marts  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "python"))
from pdf_builders import print_pdf, scan_pdf, units_of  # noqa: E402

from loaders import ocr  # noqa: E402
from loaders.csvout import render  # noqa: E402

pytestmark = pytest.mark.slow

EXAMPLES = ROOT / "tests" / "data" / "examples"
SCANNED = ("synthetic_15", "synthetic_17")  # two short news items, one page each: OCR costs seconds per page
CHANGED = "sample/002_a9ee52e6de03f7b5.txt"  # the file changed between the two runs


def make_corpus(root: Path) -> Path:
    """The sample documents (sample/), the examples with their crawler's manifest, and two of the examples scanned
    at 200 dpi in place of their text (scanned/, through the scanned-PDF builders of the PDF tests)."""
    (root / "sample").mkdir(parents=True)
    (root / "scanned").mkdir()
    for path in sorted((ROOT / "documents").glob("*.txt")):
        shutil.copy2(path, root / "sample" / path.name)
    names = {}
    for n, path in enumerate(sorted(EXAMPLES.glob("synthetic_*"))):
        if path.name.startswith(SCANNED):
            pdf = print_pdf(units_of(path), root / f"{path.stem}.printed.pdf", running_header=path.stem[:24])
            scan_pdf(pdf, root / "scanned" / f"{path.stem}.pdf", dpi=200, seed=n)
            pdf.unlink()
            names[path.name] = f"scanned/{path.stem}.pdf"
        else:
            shutil.copy2(path, root / path.name)
    manifest = (EXAMPLES / "examples_manifest.csv").read_text(encoding="utf-8")
    for old, new in names.items():
        manifest = manifest.replace(old, new)
    (root / "manifest.csv").write_text(manifest, encoding="utf-8")
    return root


def extract(documents: Path, out: str, cache: Path, *spark: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(BIN / "ntp-warehouse"), "extract", "--documents", str(documents), "--out", out, "--cache", str(cache),
         *spark],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "NTP_SPARK_DRIVER_MEMORY": "1g"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr[-5000:]
    return result


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def tables(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


@dataclass
class Extractions:
    corpus: Path
    local: list[Path]  # the local runs' CSVs, before and after the change
    spark: list[Path]  # the Spark job's
    spark_output: list[str]
    seconds: dict[str, float]


@pytest.fixture(scope="session")
def extractions(tmp_path_factory: pytest.TempPathFactory, say) -> Extractions:
    if ocr.missing():
        pytest.fail(f"OCR is not installed ({ocr.missing()}): the scanned corpus cannot be read")
    work = tmp_path_factory.mktemp("extractions")
    corpus = make_corpus(work / "documents")
    seconds: dict[str, float] = {}
    local, spark, spark_output = [], [], []
    for run in (1, 2):
        if run == 2:  # one file's content changes: only it is read again
            with (corpus / CHANGED).open("a", encoding="utf-8") as f:
                f.write("\n")
        started = time.monotonic()
        extract(corpus, str(work / f"local{run}"), work / "local-cache")
        seconds[f"local run {run}"] = time.monotonic() - started
        started = time.monotonic()
        # the second run writes through Spark's Hadoop file system, as to hdfs:// or s3a:// on a cluster
        out = (work / f"spark{run}").as_uri() if run == 2 else str(work / f"spark{run}")
        result = extract(corpus, out, work / "spark-cache", "--engine", "spark", "--spark-master", "local[2]")
        seconds[f"spark run {run}"] = time.monotonic() - started
        local.append(work / f"local{run}")
        spark.append(work / f"spark{run}")
        spark_output.append(result.stdout)
    say(
        "extracted on this machine in {:.0f}s, then {:.0f}s after one change; as a Spark job (local[2]) in {:.0f}s, "
        "then {:.0f}s".format(*(seconds[k] for k in ("local run 1", "local run 2", "spark run 1", "spark run 2")))
    )
    return Extractions(corpus, local, spark, spark_output, seconds)


@dataclass
class Builds:
    duckdb_file: Path
    duckdb_result: subprocess.CompletedProcess
    spark_dir: Path
    spark_result: object  # dbt's dbtRunnerResult
    manifest: dict
    seconds: dict[str, float]


@pytest.fixture(scope="session")
def say(pytestconfig: pytest.Config):
    """Write lines on the terminal, past pytest's capture: the timings and the comparison's report."""
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")

    def write(text: str) -> None:
        with capture.global_and_fixture_disabled():
            print("\n" + text, flush=True)

    return write


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory, extractions: Extractions, say):
    work = tmp_path_factory.mktemp("spark_vs_duckdb")
    env = {k: v for k, v in os.environ.items() if k not in ("NTP_EXTRACTED_SEEDS", "NTP_DBT_TARGET")}
    env.update(
        DBT_PROFILES_DIR=str(ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        NTP_WAREHOUSE_PATH=str(work / "warehouse.duckdb"),
        NTP_SPARK_DIR=str(work / "spark"),
        # DuckDB loads the local run's CSVs as seeds; Spark reads the Spark job's CSVs where they lie
        NTP_EXTRACTED_SEEDS=str(extractions.local[-1]),
        NTP_EXTRACTED_LOCATION=extractions.spark[-1].as_uri(),
    )
    seconds: dict[str, float] = {}
    # DuckDB in a child process, while Spark builds in this one (the Spark build mostly waits on the JVM)
    started = time.monotonic()
    duckdb_log = (work / "duckdb-build.log").open("w", encoding="utf-8")
    duckdb_build = subprocess.Popen(
        [
            str(BIN / "dbt"),
            "build",
            "--target",
            "build",
            "--target-path",
            str(work / "target-duckdb"),
            "--log-path",
            str(work / "logs-duckdb"),
            "--project-dir",
            str(ROOT),
        ],
        cwd=ROOT,
        env=env,
        stdout=duckdb_log,
        stderr=subprocess.STDOUT,
    )
    duckdb_done: dict[str, float] = {}
    waiter = threading.Thread(target=lambda: (duckdb_build.wait(), duckdb_done.setdefault("at", time.monotonic())))
    waiter.start()
    # Spark in this process, so that the comparison reads the tables through dbt's own Spark session
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        from dbt.cli.main import dbtRunner

        spark_started = time.monotonic()
        spark_result = dbtRunner().invoke(
            [
                "build",
                "--target",
                "spark",
                "--target-path",
                str(work / "target-spark"),
                "--log-path",
                str(work / "logs-spark"),
                "--project-dir",
                str(ROOT),
                "--quiet",
            ]
        )
        seconds["spark build"] = time.monotonic() - spark_started
    finally:
        os.environ.clear()
        os.environ.update(saved)
    waiter.join(timeout=900)
    duckdb_log.close()
    seconds["duckdb build"] = duckdb_done["at"] - started
    out = (work / "duckdb-build.log").read_text(encoding="utf-8")
    duckdb_result = subprocess.CompletedProcess(duckdb_build.args, duckdb_build.returncode, out, "")
    manifest = json.loads((work / "target-spark" / "manifest.json").read_text(encoding="utf-8"))
    say(
        f"built from the extracted CSVs: DuckDB in {seconds['duckdb build']:.0f}s and, alongside it, Spark in "
        f"{seconds['spark build']:.0f}s (dbt build with every data test, each)"
    )
    yield Builds(work / "warehouse.duckdb", duckdb_result, work / "spark", spark_result, manifest, seconds)
    # the throwaway warehouse, metastore and table files go with the run (NTP_KEEP_SPARK_RUN=1 keeps them)
    if not os.environ.get("NTP_KEEP_SPARK_RUN"):
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(extractions.corpus.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def spark(builds: Builds):
    session = compare_marts.spark_session(builds.spark_dir)
    yield session
    session.stop()


def _mart_names(manifest: dict) -> set[str]:
    return {
        n["alias"]
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["schema"] == "marts" and n["package_name"] == "ntp_warehouse"
    }


def test_the_spark_job_writes_every_extracted_table_byte_for_byte_as_the_local_run(extractions: Extractions):
    for local, spark in zip(extractions.local, extractions.spark, strict=True):
        # given the same corpus extracted on this machine and as a Spark job
        expected, actual = tables(local), tables(spark)
        # then every table is there, with the same bytes
        assert set(actual) == set(expected) and len(expected) >= 9, (sorted(actual), sorted(expected))
        different = [name for name in expected if actual[name] != expected[name]]
        assert not different, different
    # and the corpus is the three: sample documents, examples and scans, each with rows, the scans read by OCR
    files = {r["source_file"]: r for r in rows(extractions.spark[-1] / "extracted_document_files.csv")}
    documents = {r["primary_file"]: r for r in rows(extractions.spark[-1] / "extracted_documents.csv")}
    assert sum(f.startswith("sample/") for f in files) == 5 and sum(f.startswith("synthetic_") for f in files) == 17
    scans = [f for f in files if f.startswith("scanned/")]
    assert len(scans) == len(SCANNED), scans
    for name in scans:
        assert files[name]["format"] == "pdf" and files[name]["is_primary"] == "true", files[name]
        assert int(documents[name]["n_targets"]) + int(documents[name]["n_funding_lines"]) > 0, documents[name]


def test_the_spark_job_reads_again_only_the_files_whose_content_changed(extractions: Extractions):
    first, second = extractions.spark_output
    n_documents = len(rows(extractions.spark[-1] / "extracted_documents.csv"))
    assert f"{n_documents} documents read, 0 unchanged from the cache" in first, first
    assert f"1 documents read, {n_documents - 1} unchanged from the cache" in second, second
    # and the changed file's new content is what the tables say of it (its size), as in the local run
    before, after = ({r["source_file"]: r for r in rows(o / "extracted_document_files.csv")} for o in extractions.spark)
    size = (extractions.corpus / CHANGED).stat().st_size
    assert (int(before[CHANGED]["size_bytes"]), int(after[CHANGED]["size_bytes"])) == (size - 1, size)
    assert before[CHANGED]["sha256"] != after[CHANGED]["sha256"]


def test_the_spark_build_reads_the_extracted_files_where_they_lie(builds: Builds):
    # no extracted table is a seed on Spark: each is a source, an external table over the Spark job's file
    seeds = {n["name"] for n in builds.manifest["nodes"].values() if n["resource_type"] == "seed"}
    sources = {s["name"]: s for s in builds.manifest["sources"].values()}
    assert not any(name.startswith("extracted_") or name == "build_findings" for name in seeds), seeds
    assert {f"extracted_{t}" for t in ("documents", "targets", "funding_lines", "held_figures")} <= set(sources)
    assert all(s["source_meta"]["location"].startswith("file:") for s in sources.values()), sources


def test_the_duckdb_build_passes(builds: Builds):
    assert builds.duckdb_result.returncode == 0, builds.duckdb_result.stdout[-5000:]


def test_the_spark_build_passes_every_data_test(builds: Builds):
    result = builds.spark_result
    assert result.exception is None, result.exception
    # every seed, model and data test succeeded (an exposure, such as the dashboard's, is a no-op); a check of what
    # documents say warns on a document's own error (the examples plant some), and the same checks warn on DuckDB
    # about the same number of rows
    built = [r for r in (result.result or []) if r.node.resource_type in ("seed", "model", "test", "snapshot")]
    failed = [
        f"{r.node.unique_id}: {r.status} {r.message}" for r in built if str(r.status) not in ("success", "pass", "warn")
    ]
    assert result.success and not failed, "\n".join(failed)
    warned = {r.node.unique_id: r.failures for r in built if str(r.status) == "warn"}
    duckdb_results = json.loads((builds.duckdb_file.parent / "target-duckdb" / "run_results.json").read_text("utf-8"))
    assert warned == {r["unique_id"]: r["failures"] for r in duckdb_results["results"] if r["status"] == "warn"}
    n_tests = sum(1 for r in result.result if r.node.resource_type == "test")
    assert n_tests > 100, n_tests  # every data test ran on Spark, none was left out


def test_every_mart_built_on_spark_equals_the_duckdb_build(builds: Builds, spark, say):
    # given both builds of the committed seeds
    started = time.monotonic()
    duck = compare_marts.read_duckdb(builds.duckdb_file)
    spk = compare_marts.read_spark(spark)
    keys = compare_marts.keys_from_manifest(builds.manifest)
    # when every mart is compared row for row
    report = compare_marts.compare(duck, spk, keys, ("duckdb", "spark"))
    say(report.render() + f" [compared in {time.monotonic() - started:.0f}s]")
    # then they are equal, and the comparison covered every mart the project defines, each by its key
    assert report.equal, report.render()
    marts = _mart_names(builds.manifest)
    assert set(report.tables) == marts and len(marts) >= 13, (report.tables, marts)
    assert set(keys) == marts, set(marts) - set(keys)
    assert all(duck[t].rows for t in ("dim_province", "fct_budget_allocations", "fct_indicator_targets"))


def test_the_comparison_fails_on_a_deliberately_different_mart(builds: Builds, spark, capsys, say):
    # given the Spark build with one amount changed by a thousandth of a million VND and one year removed
    victim = spark.sql(
        "select allocation_id, amount_million_vnd from marts.fct_budget_allocations order by allocation_id limit 1"
    ).collect()[0]
    columns = [f.name for f in spark.table("marts.fct_budget_allocations").schema.fields]
    altered = ", ".join(
        f"case when allocation_id = '{victim.allocation_id}' then amount_million_vnd + 0.001 "
        f"else amount_million_vnd end as amount_million_vnd"
        if c == "amount_million_vnd"
        else c
        for c in columns
    )
    spark.sql(
        f"create table marts.fct_budget_allocations__altered as select {altered} from marts.fct_budget_allocations"
    )
    spark.sql("insert overwrite table marts.fct_budget_allocations select * from marts.fct_budget_allocations__altered")
    spark.sql("drop table marts.fct_budget_allocations__altered")
    spark.sql("create table marts.dim_year__altered as select * from marts.dim_year where year <> 2035")
    spark.sql("insert overwrite table marts.dim_year select * from marts.dim_year__altered")
    spark.sql("drop table marts.dim_year__altered")
    # when the marts are compared again
    report = compare_marts.compare(
        compare_marts.read_duckdb(builds.duckdb_file),
        compare_marts.read_spark(spark),
        compare_marts.keys_from_manifest(builds.manifest),
        ("duckdb", "spark"),
    )
    # then the comparison fails and says where: the mart, the key, the column and both values
    assert not report.equal
    by_kind = {(d.table, d.kind): d for d in report.differences}
    value = by_kind[("fct_budget_allocations", "value")]
    assert value.column == "amount_million_vnd"
    assert value.key == f"allocation_id={victim.allocation_id!r}"
    assert value.left == Decimal(victim.amount_million_vnd)
    assert value.right == Decimal(victim.amount_million_vnd) + Decimal("0.001")
    missing = by_kind[("dim_year", "missing_row")]
    assert missing.key == "year=2035" and "only in duckdb" in missing.detail
    assert ("dim_year", "row_count") in by_kind
    assert len(report.differences) == 3, report.render()  # nothing else differs
    rendered = report.render()
    assert f"fct_budget_allocations [allocation_id={victim.allocation_id!r}] .amount_million_vnd" in rendered
    assert rendered.splitlines()[-1].startswith("DIFFERENT")
    # and the command line exits non-zero with the same report
    code = compare_marts.main(
        [
            f"duckdb:{builds.duckdb_file}",
            f"spark:{builds.spark_dir}",
            "--manifest",
            str(builds.duckdb_file.parent / "target-spark" / "manifest.json"),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 1 and "DIFFERENT" in printed and "amount_million_vnd" in printed, printed
    say("the Spark build with two marts altered, as the comparison reports it:\n" + printed.strip())


def test_a_malformed_extracted_file_stops_the_spark_build_instead_of_losing_rows(extractions: Extractions, spark):
    # given the Spark job's targets file with one line number that is no number (the external table reads it as is)
    path = extractions.spark[-1] / "extracted_targets.csv"
    with path.open(newline="", encoding="utf-8") as f:
        header, *body = list(csv.reader(f))
    body[0][header.index("source_line")] = "line 7"
    path.write_bytes(render([header, *body]))
    spark.sql("refresh table extracted.extracted_targets")
    # when the table is read, then the read fails on the row instead of reading it as NULL
    with pytest.raises(Exception, match=r"FAILFAST|[Mm]alformed"):
        spark.table("extracted.extracted_targets").collect()
    # and a file whose header does not name the declared columns in their order is refused too
    header[0], header[1] = header[1], header[0]
    path.write_bytes(render([header]))
    spark.sql("refresh table extracted.extracted_targets")
    with pytest.raises(Exception, match=r"(?i)header|schema"):
        spark.table("extracted.extracted_targets").collect()
