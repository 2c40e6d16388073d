"""Each generic test of the project is itself tested: it passes on a fixture it must accept and fails on one it
must reject (tests/dbt_fixtures). A test that cannot fail proves nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "dbt_fixtures"
BIN = Path(sys.executable).parent
MACRO_TESTS = sorted(p.stem for p in (ROOT / "macros" / "tests").glob("*.sql"))


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    target = tmp_path_factory.mktemp("fixtures_target")
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(FIXTURES),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "NTP_FIXTURE_DB": str(target / "fixtures.duckdb"),
    }
    subprocess.run(
        [
            str(BIN / "dbt"),
            "build",
            "--project-dir",
            str(FIXTURES),
            "--target-path",
            str(target),
            "--log-path",
            str(target),
        ],
        cwd=FIXTURES,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    run = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    return {r["unique_id"].split(".")[2]: r["status"] for r in run["results"] if r["unique_id"].startswith("test.")}


@pytest.mark.parametrize("macro", MACRO_TESTS)
def test_generic_test_accepts_its_good_fixture(results: dict[str, str], macro: str):
    assert results.get(f"{macro}__pass") == "pass", results


@pytest.mark.parametrize("macro", MACRO_TESTS)
def test_generic_test_rejects_its_bad_fixture(results: dict[str, str], macro: str):
    assert results.get(f"{macro}__fail") == "fail", results
