"""The semantic layer: `dbt parse` is clean, MetricFlow validates the configs (against the built warehouse too), and
`mf query` answers the programme's key numbers as the gold has them.

MetricFlow reads <project>/target/semantic_manifest.json, so the tests work in a copy of the project made of
symlinks (its own target/ and logs/), never in the repository's target/."""

from __future__ import annotations

import csv
import math
import os
import subprocess
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import BIN, ROOT

pytestmark = pytest.mark.slow

GOLD = ROOT / "tests" / "data" / "gold"
PROJECT_ENTRIES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "analyses", "tests")
LOCAL_LEVELS = {"provincial", "district", "commune", "local"}
PLANNED = "{{ Dimension('allocation__budget_phase') }} = 'planned'"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, built_warehouse: Path) -> tuple[Path, dict[str, str]]:
    """A symlinked copy of the project, parsed, with the environment that points dbt and mf at the built warehouse."""
    copy = tmp_path_factory.mktemp("semantic") / "project"
    copy.mkdir()
    for name in PROJECT_ENTRIES:
        (copy / name).symlink_to(ROOT / name)
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(copy),
        "DBT_PROJECT_DIR": str(copy),
        "NTP_WAREHOUSE_PATH": str(built_warehouse),
        "NTP_DBT_TARGET": "readonly",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return copy, env


def _run(project: tuple[Path, dict[str, str]], *args: str) -> subprocess.CompletedProcess:
    copy, env = project
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]], cwd=copy, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def parsed(project) -> subprocess.CompletedProcess:
    result = _run(project, "dbt", "parse", "--no-partial-parse")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result


def _query(project, tmp_path: Path, metrics: str, group_by: str, where: str | None = None) -> list[dict[str, str]]:
    out = tmp_path / "result.csv"
    args = ["mf", "query", "--metrics", metrics, "--group-by", group_by, "--csv", str(out)]
    if where:
        args += ["--where", where]
    result = _run(project, *args)
    assert result.returncode == 0 and out.exists(), result.stdout[-4000:] + result.stderr[-4000:]
    with out.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _number(text: str) -> float | None:
    return float(text) if text not in ("", None) else None


def _gold_funding() -> list[dict[str, str]]:
    with (GOLD / "seeds_funding.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ----------------------------------------------------------------------------- configuration
def test_given_the_project_when_parsed_then_dbt_reports_no_warning_and_writes_the_semantic_manifest(project, parsed):
    # then
    assert "[WARNING]" not in parsed.stdout and " WARN " not in parsed.stdout, parsed.stdout[-4000:]
    manifest = project[0] / "target" / "semantic_manifest.json"
    assert manifest.exists()


def test_given_the_semantic_yaml_then_the_key_metrics_and_a_documented_time_spine_exist():
    # given
    semantic = ROOT / "models" / "semantic"
    metrics = {m["name"]: m for m in yaml.safe_load((semantic / "_semantic__metrics.yml").read_text())["metrics"]}
    models = yaml.safe_load((semantic / "_semantic__models.yml").read_text())["models"]
    # then
    for name in (
        "total_funding_million_vnd",
        "central_funding_million_vnd",
        "central_share",
        "counterpart_ratio",
        "target_value",
        "documents",
    ):
        assert name in metrics and metrics[name].get("description"), name
    assert metrics["central_share"]["type"] == metrics["counterpart_ratio"]["type"] == "ratio"
    spine = next(m for m in models if m["name"] == "metricflow_time_spine")
    assert spine["time_spine"]["standard_granularity_column"] == "date_day"
    assert spine["description"] and all(c.get("description") for c in spine["columns"])


def test_when_metricflow_validates_the_configs_against_the_warehouse_then_there_is_no_error(project, parsed):
    # when
    result = _run(project, "mf", "validate-configs")
    # then
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "ERRORS: 0" in output and "ERRORS: 1" not in output
    assert "Successfully validated metrics against data warehouse" in output


# ----------------------------------------------------------------------------- numbers
def test_when_total_funding_is_queried_by_province_and_year_then_lang_son_planned_total_is_the_golds(
    project, parsed, tmp_path
):
    # given: each province-year's planned total is the sum of the gold's top-level lines
    expected: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for r in _gold_funding():
        if not r["parent_line_id"]:
            expected[(r["province_code"], r["plan_year"])] += Decimal(r["amount_million_vnd"])
    assert expected[("20", "2023")] == 1238075  # the brief's figure, as a sanity check of the gold
    # when
    rows = _query(project, tmp_path, "total_funding_million_vnd", "province,metric_time__year", PLANNED)
    # then
    actual = {(r["province"], r["metric_time__year"][:4]): _number(r["total_funding_million_vnd"]) for r in rows}
    assert actual == {k: float(v) for k, v in expected.items()}


def test_when_the_split_metrics_are_queried_then_central_share_and_counterpart_ratio_are_the_golds(
    project, parsed, tmp_path
):
    # given: the gold's lines that have no parts, per province, of the programme's own funding
    rows = _gold_funding()
    parents = {(r["doc_file"], r["parent_line_id"]) for r in rows if r["parent_line_id"]}
    leaves = [r for r in rows if (r["doc_file"], r["line_id"]) not in parents and r["funding_source"] == "program"]
    central: dict[str, Decimal] = defaultdict(Decimal)
    local: dict[str, Decimal] = defaultdict(Decimal)
    direct: dict[str, Decimal] = defaultdict(Decimal)
    for r in leaves:
        amount = Decimal(r["amount_million_vnd"])
        direct[r["province_code"]] += amount
        if r["budget_level"] == "central":
            central[r["province_code"]] += amount
        elif r["budget_level"] in LOCAL_LEVELS:
            local[r["province_code"]] += amount
    # when
    result = _query(
        project,
        tmp_path,
        "central_funding_million_vnd,direct_funding_million_vnd,central_share,counterpart_ratio",
        "province__province_name,province",
        PLANNED,
    )
    # then
    by_province = {r["province"]: r for r in result}
    assert set(by_province) == set(direct)
    for province, row in by_province.items():
        assert _number(row["central_funding_million_vnd"]) == float(central[province])
        assert _number(row["direct_funding_million_vnd"]) == float(direct[province])
        assert math.isclose(_number(row["central_share"]), float(central[province] / direct[province]))
        if province in local:
            assert math.isclose(_number(row["counterpart_ratio"]), float(local[province] / central[province]))
        else:  # no local amount stated: no ratio, rather than a ratio of 0
            assert _number(row["counterpart_ratio"]) is None
    assert by_province["20"]["province__province_name"] == "Lạng Sơn"


def test_when_household_targets_are_queried_then_lang_son_has_the_golds_households(project, parsed, tmp_path):
    # given: the Lạng Sơn plan's figures counted in households (hộ), at province level (parts are district rows)
    with (GOLD / "seeds_targets.csv").open(encoding="utf-8", newline="") as f:
        gold = [
            r
            for r in csv.DictReader(f)
            if r["province_code"] == "20" and r["unit_raw"] == "hộ" and r["admin_level"] == "province"
        ]
    # when
    rows = _query(project, tmp_path, "household_targets,target_documents", "province")
    # then
    lang_son = next(r for r in rows if r["province"] == "20")
    assert _number(lang_son["household_targets"]) == sum(float(r["value"]) for r in gold)
    assert _number(lang_son["target_documents"]) == 1


def test_when_the_in_force_metrics_are_queried_on_generated_series_then_they_are_the_generators_key(
    project, parsed, ledger_warehouse, tmp_path
):
    # given the key's lines of a whole province split by capital type and budget level (what the metrics add), by
    # province and year: allocated, adjustments, in force, disbursed, and the rate over the lines that report one
    warehouse, key = ledger_warehouse
    with (key / "in_force.csv").open(encoding="utf-8", newline="") as f:
        lines = [
            r
            for r in csv.DictReader(f)
            if not r["project_code"] and not r["area_name"] and r["capital_type"] and r["budget_level"]
        ]
    sums: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for r in lines:
        total = sums[(r["province_code"], r["plan_year"])]
        for name in ("allocated", "adjustment", "in_force", "disbursed"):
            total[name] += Decimal(r[f"{name}_million_vnd"] or 0)
        if r["disbursed_million_vnd"]:
            total["in_force_of_disbursed"] += Decimal(r["in_force_million_vnd"])
    assert len(sums) >= 5 and any(s["adjustment"] for s in sums.values()) and any(s["disbursed"] for s in sums.values())
    # when
    on_series = (project[0], {**project[1], "NTP_WAREHOUSE_PATH": str(warehouse)})
    metrics = "allocated_in_force_million_vnd,adjustments_million_vnd,in_force_million_vnd,disbursement_rate"
    rows = _query(on_series, tmp_path, metrics, "province,metric_time__year")
    # then
    actual = {(r["province"], r["metric_time__year"][:4]): r for r in rows}
    assert set(actual) == set(sums)
    for k, want in sums.items():
        got = actual[k]
        assert _number(got["allocated_in_force_million_vnd"]) == float(want["allocated"]), k
        assert (_number(got["adjustments_million_vnd"]) or 0) == float(want["adjustment"]), k
        assert _number(got["in_force_million_vnd"]) == float(want["in_force"]), k
        if want["in_force_of_disbursed"]:
            rate = float(want["disbursed"] / want["in_force_of_disbursed"])
            assert math.isclose(_number(got["disbursement_rate"]), rate), k
        else:
            assert _number(got["disbursement_rate"]) is None, k
