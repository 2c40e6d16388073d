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
from project_rules import check, check_portable_sql, load_manifest

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
    # a model that reads a model both directly and through a model only it reads (a rejoin of upstream concepts)
    intermediate = copy / "models" / "intermediate"
    (intermediate / "int_lines_middle.sql").write_text(
        "select allocation_id from {{ ref('int_funding_lines_conformed') }}\n", encoding="utf-8"
    )
    (intermediate / "int_lines_rejoined.sql").write_text(
        "select lines.allocation_id\nfrom {{ ref('int_funding_lines_conformed') }} as lines\n"
        "inner join {{ ref('int_lines_middle') }} as middle\n    on lines.allocation_id = middle.allocation_id\n",
        encoding="utf-8",
    )
    # a fact with a description but no primary-key test
    (marts / "fct_untested.sql").write_text("select 1 as one\n", encoding="utf-8")
    (marts / "_untested.yml").write_text(
        "version: 2\nmodels:\n  - name: fct_untested\n    description: A fact nobody tested.\n"
        "    columns:\n      - name: one\n        description: One.\n",
        encoding="utf-8",
    )
    # a model, and a generic test, written in DuckDB's dialect (they would not build, or not mean the same, on Spark)
    (copy / "models" / "intermediate" / "int_duckdb_only.sql").write_text(
        "select\n    province_code::varchar as code,\n    regexp_matches(province_name, '^H') as starts_with_h,\n"
        "    string_agg(province_name, ', ' order by province_name) as names,\n    \"Province\" as quoted,\n"
        "    replace(province_name, '\\', '') as unslashed\nfrom {{ ref('dim_province') }}\ngroup by all\n",
        encoding="utf-8",
    )
    (copy / "macros" / "tests" / "matches_pattern.sql").write_text(
        "{% test matches_pattern(model, column_name, pattern) %}\n"
        "select * from {{ model }} where not regexp_full_match({{ column_name }}, '{{ pattern }}')\n{% endtest %}\n",
        encoding="utf-8",
    )
    # the same DuckDB-only function inside a dispatching macro's DuckDB implementation is allowed
    (copy / "macros" / "cross_db" / "ntp_starts_with.sql").write_text(
        "{% macro ntp_starts_with(text, prefix) -%}\n"
        "    {{ return(adapter.dispatch('ntp_starts_with', 'ntp_warehouse')(text, prefix)) }}\n{%- endmacro %}\n"
        "{% macro default__ntp_starts_with(text, prefix) -%}starts_with({{ text }}, {{ prefix }}){%- endmacro %}\n"
        "{% macro spark__ntp_starts_with(text, prefix) -%}startswith({{ text }}, {{ prefix }}){%- endmacro %}\n",
        encoding="utf-8",
    )
    # a seed column declared with a type name Spark cannot create
    seeds_yml = copy / "seeds" / "reference" / "_reference__seeds.yml"
    seeds_yml.write_text(
        seeds_yml.read_text(encoding="utf-8").replace("program_code: string", "program_code: varchar", 1),
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


def test_the_sql_is_portable_to_spark():
    # given the project as committed: no DuckDB-only construct outside a dispatching macro
    violations = check_portable_sql(ROOT)
    assert not violations, "\n".join(map(str, violations))


def test_duckdb_only_sql_is_rejected(project_copy: Path):
    # given a model and a generic test written in DuckDB's dialect, when the portability rule runs
    violations = check_portable_sql(project_copy)
    found = {(v.model, v.detail.split(" (")[0]) for v in violations}
    # then each construct is named where it is
    model = str(Path("models") / "intermediate" / "int_duckdb_only.sql")
    for construct in (
        "'::' cast",
        "varchar without a length",
        "regular expression",
        "string aggregation",
        "double-quoted name",
        "backslash in a string literal",
        "qualify or 'by all'",
    ):
        assert (model, construct) in found, (construct, violations)
    test = str(Path("macros") / "tests" / "matches_pattern.sql") + ":matches_pattern"
    assert (test, "regular expression") in found, violations
    # and a dispatching macro's DuckDB implementation is left alone
    assert not [v for v in violations if "ntp_starts_with" in v.model], violations


def test_a_seed_type_spark_cannot_create_is_rejected(project_copy: Path):
    violations = check(load_manifest(project_copy))
    assert any(
        v.rule == "portable_seed_types" and v.model == "programs" and "program_code" in v.detail for v in violations
    ), violations


def test_a_badly_named_model_is_rejected(project_copy: Path):
    violations = check(load_manifest(project_copy))
    assert any(v.rule == "naming" and v.model == "province_summary" for v in violations)


def test_an_undocumented_model_is_rejected(project_copy: Path):
    violations = check(load_manifest(project_copy))
    assert any(v.rule == "documentation" and v.model == "province_summary" for v in violations)


def test_staging_reading_staging_is_rejected(project_copy: Path):
    violations = check(load_manifest(project_copy))
    assert any(v.rule == "staging_reads_models" and v.model == "stg_reference__province_names" for v in violations)


def test_a_rejoin_of_upstream_concepts_is_rejected(project_copy: Path):
    violations = check(load_manifest(project_copy))
    rejoins = [v for v in violations if v.rule == "rejoin"]
    assert [v.model for v in rejoins] == ["int_lines_rejoined"], violations
    assert "int_funding_lines_conformed" in rejoins[0].detail and "int_lines_middle" in rejoins[0].detail


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
