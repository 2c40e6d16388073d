"""Shared fixtures: the project root, and one warehouse built from the sample corpus per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run the `ntp-warehouse` command of this environment."""
    return subprocess.run(
        [str(BIN / "ntp-warehouse"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built and published from the committed sample documents (documents/), with the Parquet exports
    of its marts beside it (exports/marts/, see `built_exports`)."""
    out = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    result = run_cli("build", "--documents", str(ROOT / "documents"), "--warehouse", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def built_exports(built_warehouse: Path) -> Path:
    """The folder the build of `built_warehouse` exported the marts to as Parquet."""
    return built_warehouse.parent / "exports" / "marts"


@pytest.fixture(scope="session")
def examples_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A warehouse built from the nineteen synthetic documents (with the crawler's manifest of their source URLs,
    as a real collection would have it), and their answer key named as the scorer expects."""
    examples = ROOT / "tests" / "data" / "examples"
    base = tmp_path_factory.mktemp("examples")
    docs, key = base / "documents", base / "key"
    docs.mkdir()
    key.mkdir()
    for path in examples.glob("synthetic_*"):
        shutil.copy2(path, docs / path.name)
    shutil.copy2(examples / "examples_manifest.csv", docs / "manifest.csv")
    for name in ("targets", "funding", "documents"):
        shutil.copy2(examples / f"examples_{name}.csv", key / f"gold_{name}.csv")
    warehouse = base / "warehouse.duckdb"
    result = run_cli("build", "--documents", str(docs), "--warehouse", str(warehouse), "--no-exports")
    assert result.returncode == 0, result.stdout + result.stderr
    return warehouse, key


LEDGER_SERIES = 5  # one series with no planted disagreement, then one of each kind (benchmarks/ledger.py)


@pytest.fixture(scope="session")
def ledger_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A warehouse built from generated series of documents about the same budget lines (allocation decisions, news
    items, district plans, adjustments, progress reports, national decisions; benchmarks/ledger.py), and the folder of
    their keys (answer_key/: gold_*.csv, in_force.csv, cross_checks.csv)."""
    from benchmarks.ledger import write_ledger

    base = tmp_path_factory.mktemp("ledger")
    write_ledger(base, LEDGER_SERIES)
    warehouse = base / "warehouse.duckdb"
    result = run_cli("build", "--documents", str(base / "documents"), "--warehouse", str(warehouse), "--no-exports")
    assert result.returncode == 0, result.stdout + result.stderr
    (base / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return warehouse, base / "answer_key"


@pytest.fixture(scope="session")
def compiled_analyses(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """`dbt compile` of every analysis against the built warehouse, through the read-only target."""
    from benchmarks.bench import compile_analyses

    return compile_analyses(built_warehouse, tmp_path_factory.mktemp("analyses"))
