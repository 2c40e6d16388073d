"""A figure over several years (a 2021-2025 total) and a figure of one year inside it (2023) are never added together,
by any analysis or any metric.

The synthetic examples state both for the same provinces. The proof is a counterfactual: every figure over several
years is moved by a huge amount in a copy of the examples' warehouse; then every one-year answer of every analysis
(a row of one year) and of every yearly metric is what it was, and the period's own rows and metrics moved. A sum
that mixed the two would move with them; the same comparison is shown to reject such a sum."""

from __future__ import annotations

import csv
import math
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import BIN, ROOT

pytestmark = pytest.mark.slow

SHIFT = 10**9  # million VND (and units of a target): no figure of the examples comes near it
# the money (and target values) of each fact; an additive amount of 0 is a line fully split into parts, and stays 0
MOVED = {
    "fct_budget_allocations": ("amount_million_vnd", "additive_amount_million_vnd"),
    "fct_indicator_targets": ("target_value",),
    "fct_allocation_in_force": (
        "allocated_million_vnd",
        "adjustment_million_vnd",
        "in_force_million_vnd",
        "stated_after_adjustment_million_vnd",
        "disbursed_million_vnd",
    ),
}
YEARLY_METRICS = (
    "total_funding_million_vnd",
    "direct_funding_million_vnd",
    "central_funding_million_vnd",
    "local_funding_million_vnd",
    "target_value",
    "household_targets",
    "allocated_in_force_million_vnd",
    "adjustments_million_vnd",
    "in_force_million_vnd",
    "disbursed_in_force_million_vnd",
    "disbursement_rate",
)
PROJECT_ENTRIES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "analyses", "tests")
# a sum by province alone, over every period: what the analyses and metrics must never do
MIXED_SUM = """
    select province_code, sum(additive_amount_million_vnd) as funding_million_vnd
    from "warehouse"."marts"."fct_budget_allocations"
    group by province_code
"""


@pytest.fixture(scope="module")
def shifted(examples_warehouse: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the examples' warehouse (named warehouse.duckdb, as the compiled analyses call it) with every figure
    over several years moved by SHIFT."""
    copy = tmp_path_factory.mktemp("shifted") / "warehouse.duckdb"
    shutil.copy2(examples_warehouse[0], copy)
    con = duckdb.connect(str(copy))
    try:
        for table, columns in MOVED.items():
            moves = ", ".join(
                f"{c} = if({c} = 0, 0, {c} + {SHIFT})" if c.startswith("additive") else f"{c} = {c} + {SHIFT}"
                for c in columns
            )
            con.execute(f"update marts.{table} set {moves} where period_start_year <> period_end_year")
    finally:
        con.close()
    return copy


def _analyses(compiled: dict[str, str], warehouse: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {name: con.sql(sql).df() for name, sql in compiled.items()} | {"mixed_sum": con.sql(MIXED_SUM).df()}
    finally:
        con.close()


def _one_year_rows(frame: pd.DataFrame) -> list[tuple]:
    """The rows of one year (a row saying no period at all counts as one: nothing marks it as a period's), sorted."""
    if "period_start_year" in frame.columns:
        keep = (frame.period_start_year == frame.period_end_year) & frame.period_start_year.notna()
    elif "plan_year" in frame.columns:
        keep = frame.plan_year.notna()
    else:
        keep = pd.Series(True, index=frame.index)
    rows = []
    for row in frame[keep.fillna(False).astype(bool)].itertuples(index=False):
        rows.append(tuple(_value(v) for v in row))
    return sorted(rows, key=repr)


def _value(v: object) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, float | Decimal):
        return round(float(v), 4)
    return v


def _changed(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> set[str]:
    return {name for name in before if _one_year_rows(before[name]) != _one_year_rows(after[name])}


def test_the_examples_state_a_period_total_and_a_year_inside_it_for_the_same_province(examples_warehouse):
    # given
    con = duckdb.connect(str(examples_warehouse[0]), read_only=True)
    try:
        both = con.execute("""
            select province_code
            from marts.fct_budget_allocations
            group by province_code
            having bool_or(period_start_year = 2021 and period_end_year = 2025)
                and bool_or(period_start_year = 2023 and period_end_year = 2023)
        """).fetchall()
    finally:
        con.close()
    # then: the trap the other tests rely on is in the data
    assert both, "no province of the examples states a 2021-2025 total and a 2023 figure"


def test_no_analysis_adds_a_period_figure_to_the_years_inside_it(compiled_analyses, examples_warehouse, shifted):
    # when every figure over several years moves
    before = _analyses(compiled_analyses, examples_warehouse[0])
    after = _analyses(compiled_analyses, shifted)
    # then no analysis's answer for one year moves, and a sum over every period would have
    assert _changed(before, after) == {"mixed_sum"}
    # and the period's own rows did move: the figures are in the analyses, apart
    moved = {
        name
        for name in compiled_analyses
        if "period_start_year" in before[name].columns and not before[name].equals(after[name])
    }
    assert {"funding_by_province_project_level", "allocation_in_force_by_province_project"} <= moved, moved


# ----------------------------------------------------------------------------- metrics (MetricFlow)
@pytest.fixture(scope="module")
def semantic_project(tmp_path_factory: pytest.TempPathFactory, examples_warehouse) -> Path:
    """A symlinked copy of the project, parsed (MetricFlow reads its target/semantic_manifest.json)."""
    copy = tmp_path_factory.mktemp("periods_semantic") / "project"
    copy.mkdir()
    for name in PROJECT_ENTRIES:
        (copy / name).symlink_to(ROOT / name)
    result = _run(copy, examples_warehouse[0], "dbt", "parse", "--no-partial-parse")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return copy


def _run(project: Path, warehouse: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(project),
        "DBT_PROJECT_DIR": str(project),
        "NTP_WAREHOUSE_PATH": str(warehouse),
        "NTP_DBT_TARGET": "readonly",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    command = [str(BIN / args[0]), *args[1:]]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def _metrics(project: Path, warehouse: Path, metrics: str, group_by: str, out: Path) -> dict[tuple, dict]:
    result = _run(project, warehouse, "mf", "query", "--metrics", metrics, "--group-by", group_by, "--csv", str(out))
    assert result.returncode == 0 and out.exists(), result.stdout[-4000:] + result.stderr[-4000:]
    keys = group_by.split(",")
    with out.open(encoding="utf-8", newline="") as f:
        return {
            tuple(r[k] for k in keys): {m: _value(float(v)) if v else None for m, v in r.items() if m not in keys}
            for r in csv.DictReader(f)
        }


def test_no_metric_of_years_adds_a_period_figure_and_a_periods_metric_keeps_it_apart(
    semantic_project, examples_warehouse, shifted, tmp_path
):
    # given the metrics of one-year figures, by province and year, and the period's own metric
    yearly, by = ",".join(YEARLY_METRICS), "province,metric_time__year"
    period, period_by = "period_funding_million_vnd", "province,allocation__period"
    # when every figure over several years moves
    yearly_before = _metrics(semantic_project, examples_warehouse[0], yearly, by, tmp_path / "a.csv")
    yearly_after = _metrics(semantic_project, shifted, yearly, by, tmp_path / "b.csv")
    period_before = _metrics(semantic_project, examples_warehouse[0], period, period_by, tmp_path / "c.csv")
    period_after = _metrics(semantic_project, shifted, period, period_by, tmp_path / "d.csv")
    # then every yearly metric is what it was (in every year, and for the rows of no year)
    assert yearly_before and yearly_before == yearly_after
    # and the period metric moved by SHIFT for each amount it counts, in the period's own rows
    assert ("70", "2021-2025") in period_before
    for key, row in period_before.items():
        assert period_after[key][period] > row[period] + SHIFT / 2, key
    # and the comparison rejects a metric that moved (it is the period's)
    assert period_before != period_after
