"""`make test-spark`: the same warehouse on Apache Spark. From the committed seeds, dbt builds the warehouse on DuckDB
(a throwaway file) and on a local Spark (pyspark, in this process, with every data test); every mart of the two
builds is then compared row for row (scripts/compare_marts.py). Last, two marts of the Spark build are altered on
purpose, and the comparison must name the mart, the key, the column and both values. The throwaway run folder is
removed afterwards (NTP_KEEP_SPARK_RUN=1 keeps it)."""

from __future__ import annotations

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

pytestmark = pytest.mark.slow


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
def builds(tmp_path_factory: pytest.TempPathFactory, say):
    work = tmp_path_factory.mktemp("spark_vs_duckdb")
    env = {k: v for k, v in os.environ.items() if k not in ("NTP_EXTRACTED_SEEDS", "NTP_DBT_TARGET")}
    env.update(
        DBT_PROFILES_DIR=str(ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        NTP_WAREHOUSE_PATH=str(work / "warehouse.duckdb"),
        NTP_SPARK_DIR=str(work / "spark"),
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
        f"built from the committed seeds: DuckDB in {seconds['duckdb build']:.0f}s and, alongside it, Spark in "
        f"{seconds['spark build']:.0f}s (dbt build with every data test, each)"
    )
    yield Builds(work / "warehouse.duckdb", duckdb_result, work / "spark", spark_result, manifest, seconds)
    # the throwaway warehouse, metastore and table files go with the run (NTP_KEEP_SPARK_RUN=1 keeps them)
    if not os.environ.get("NTP_KEEP_SPARK_RUN"):
        shutil.rmtree(work, ignore_errors=True)


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


def test_the_duckdb_build_passes(builds: Builds):
    assert builds.duckdb_result.returncode == 0, builds.duckdb_result.stdout[-5000:]


def test_the_spark_build_passes_every_data_test(builds: Builds):
    result = builds.spark_result
    assert result.exception is None, result.exception
    # every seed, model and data test succeeded (an exposure, such as the dashboard's, is a no-op)
    built = [r for r in (result.result or []) if r.node.resource_type in ("seed", "model", "test", "snapshot")]
    failed = [f"{r.node.unique_id}: {r.status} {r.message}" for r in built if str(r.status) not in ("success", "pass")]
    assert result.success and not failed, "\n".join(failed)
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
