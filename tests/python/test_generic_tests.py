"""Each generic test of the project is itself tested: it passes on a fixture it must accept and fails on one it
must reject (tests/dbt_fixtures). A test that cannot fail proves nothing. And the build can trace each failure to
the documents it belongs to (loaders/quarantine.py): the failing rows of every generic test, the project's and
dbt's own, lead back to exactly the fixture rows marked 'bad'."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import quarantine

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "dbt_fixtures"
BIN = Path(sys.executable).parent
MACRO_TESTS = sorted(p.stem for p in (ROOT / "macros" / "tests").glob("*.sql"))


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built with all its tests; returns its target folder (fixtures.duckdb is there)."""
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
    return target


def _results(target: Path) -> list[dict]:
    return json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]


@pytest.fixture(scope="module")
def results(fixture_build: Path) -> dict[str, str]:
    return {
        r["unique_id"].split(".")[2]: r["status"] for r in _results(fixture_build) if r["unique_id"].startswith("test.")
    }


@pytest.mark.parametrize("macro", MACRO_TESTS)
def test_generic_test_accepts_its_good_fixture(results: dict[str, str], macro: str):
    assert results.get(f"{macro}__pass") == "pass", results


@pytest.mark.parametrize("macro", MACRO_TESTS)
def test_generic_test_rejects_its_bad_fixture(results: dict[str, str], macro: str):
    assert results.get(f"{macro}__fail") == "fail", results


def test_every_failure_is_traced_to_the_rows_it_is_about(fixture_build: Path):
    manifest = json.loads((fixture_build / "manifest.json").read_text(encoding="utf-8"))
    failed = [r for r in _results(fixture_build) if r["unique_id"].startswith("test.") and r["status"] == "fail"]
    names = {r["unique_id"].split(".")[2] for r in failed}
    builtins = {f"builtin_{t}__fail" for t in ("unique", "not_null", "accepted_values", "relationships")}
    assert {f"{m}__fail" for m in MACRO_TESTS} | builtins | {"reference_unique__fail"} <= names
    for r in failed:
        verdict = quarantine.assess(fixture_build / "fixtures.duckdb", manifest, [r])
        name = r["unique_id"].split(".")[2]
        if name.startswith("reference_"):  # a table without document_id: the failure stops the publish
            assert verdict.blocking and not verdict.held_back, (name, verdict)
            continue
        assert not verdict.blocking, (name, verdict.blocking)
        assert verdict.documents_held_back() == {"bad"}, (name, verdict.held_back)
