"""The dbt project keeps its architecture: every rule holds on the real project, and each rule rejects a
deliberately bad model in a copy of it. The configured SQL linter passes on the project and rejects a badly
formatted model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from project_rules import check, load_manifest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    "target",
    "logs",
    ".git",
    "*.duckdb*",
    ".ntp-runs",
    "exports",
    "bi",
    "documents",
    "__pycache__",
    ".pytest_cache",
    "dbt_packages",
)


def _dbt(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(project),
        "NTP_WAREHOUSE_PATH": ":memory:",
        "NTP_DBT_TARGET": "lint",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return subprocess.run(
        [str(BIN / "dbt"), *args, "--project-dir", str(project)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with three deliberately bad models added."""
    copy = tmp_path_factory.mktemp("project") / "ntp"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    marts = copy / "models" / "marts" / "core"
    # a badly named model in the marts folder, without description or tests
    (marts / "province_summary.sql").write_text(
        "select province_code from {{ ref('dim_province') }}\n", encoding="utf-8"
    )
    # a staging model that reads another staging model
    (copy / "models" / "staging" / "reference" / "stg_reference__province_names.sql").write_text(
        "select province_code, province_name from {{ ref('stg_reference__provinces') }}\n", encoding="utf-8"
    )
    # a fact with a description but no primary-key test
    (marts / "fct_untested.sql").write_text("select 1 as one\n", encoding="utf-8")
    (marts / "_untested.yml").write_text(
        "version: 2\nmodels:\n  - name: fct_untested\n    description: A fact nobody tested.\n"
        "    columns:\n      - name: one\n        description: One.\n",
        encoding="utf-8",
    )
    result = _dbt(copy, "parse")
    assert result.returncode == 0, result.stdout + result.stderr
    return copy


def test_the_project_follows_every_rule():
    # given the project as committed, when its manifest is parsed
    result = _dbt(ROOT, "parse")
    assert result.returncode == 0, result.stdout
    # then no structural rule is broken
    violations = check(load_manifest(ROOT))
    assert not violations, "\n".join(map(str, violations))


def test_a_badly_named_model_is_rejected(project_copy: Path):
    violations = check(load_manifest(project_copy))
    assert any(v.rule == "naming" and v.model == "province_summary" for v in violations)


def test_an_undocumented_model_is_rejected(project_copy: Path):
    violations = check(load_manifest(project_copy))
    assert any(v.rule == "documentation" and v.model == "province_summary" for v in violations)


def test_staging_reading_staging_is_rejected(project_copy: Path):
    violations = check(load_manifest(project_copy))
    assert any(v.rule == "staging_reads_models" and v.model == "stg_reference__province_names" for v in violations)


def test_a_model_without_primary_key_test_is_rejected(project_copy: Path):
    violations = check(load_manifest(project_copy))
    assert any(v.rule == "primary_key" and v.model == "fct_untested" for v in violations)


def test_the_linter_rejects_a_badly_formatted_model(project_copy: Path):
    # given a staging model in upper case with leading commas and an implicit alias
    bad = project_copy / "models" / "staging" / "reference" / "stg_reference__shouting.sql"
    bad.write_text("SELECT\n    province_code\n    , province_name N\nFROM {{ ref('provinces') }}\n", encoding="utf-8")
    # when the configured linter runs on it
    result = subprocess.run(
        [str(BIN / "sqlfluff"), "lint", str(bad.relative_to(project_copy)), "--disable-progress-bar"],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "DBT_PROFILES_DIR": str(project_copy)},
    )
    # then it fails, naming the rules
    assert result.returncode != 0, result.stdout
    assert "CP01" in result.stdout and "LT04" in result.stdout, result.stdout


def test_docs_generate_and_every_mart_column_is_described(built_warehouse: Path, tmp_path: Path):
    # given a published warehouse, when dbt documents it through the read-only target
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "NTP_WAREHOUSE_PATH": str(built_warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    result = subprocess.run(
        [
            str(BIN / "dbt"),
            "docs",
            "generate",
            "--target",
            "readonly",
            "--target-path",
            str(tmp_path),
            "--project-dir",
            str(ROOT),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout
    catalog = json.loads((tmp_path / "catalog.json").read_text(encoding="utf-8"))
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    # then every column of every mart table is described
    missing = []
    for uid, node in catalog["nodes"].items():
        if node["metadata"]["schema"] != "marts":
            continue
        documented = manifest["nodes"][uid]["columns"]
        for column in node["columns"]:
            if not (documented.get(column, {}).get("description") or "").strip():
                missing.append(f"{node['metadata']['name']}.{column}")
    assert not missing, missing
    assert (tmp_path / "index.html").exists()
