"""Structural rules of the dbt project, checked on target/manifest.json (the rules of dbt-project-evaluator,
which cannot be installed here): names, folders, what each layer may read, no rejoining of upstream concepts,
documentation and primary keys."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

LAYERS = {
    "staging": re.compile(r"^stg_[a-z0-9]+__[a-z0-9_]+$"),
    "intermediate": re.compile(r"^int_[a-z0-9_]+$"),
    "marts": re.compile(r"^(fct|dim|rpt)_[a-z0-9_]+$"),
}
# models a tool requires by a fixed name (MetricFlow's time spine)
NAME_EXCEPTIONS = {"metricflow_time_spine"}
PK_TESTS = {"unique", "unique_combination_of_columns"}


@dataclass(frozen=True)
class Violation:
    rule: str
    model: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.model}: {self.detail}"


def load_manifest(project_dir: Path) -> dict:
    return json.loads((project_dir / "target" / "manifest.json").read_text(encoding="utf-8"))


def _layer(node: dict) -> str | None:
    parts = Path(node["original_file_path"]).parts
    return parts[1] if len(parts) > 2 and parts[0] == "models" else None


def check(manifest: dict) -> list[Violation]:
    nodes = manifest["nodes"]
    models = {
        uid: n
        for uid, n in nodes.items()
        if n["resource_type"] == "model"
        and n["package_name"] == manifest["metadata"].get("project_name", n["package_name"])
    }
    tests_by_model: dict[str, set[str]] = {}
    for n in nodes.values():
        if n["resource_type"] != "test":
            continue
        name = (n.get("test_metadata") or {}).get("name")
        for dep in n["depends_on"]["nodes"]:
            tests_by_model.setdefault(dep, set()).add(name or "")
    out: list[Violation] = []
    for uid, n in sorted(models.items()):
        name, layer = n["name"], _layer(n)
        if name in NAME_EXCEPTIONS:
            pass
        elif layer not in LAYERS:
            out.append(
                Violation("folder", name, f"lives in {n['original_file_path']}, outside staging/intermediate/marts")
            )
        elif not LAYERS[layer].match(name):
            out.append(Violation("naming", name, f"a {layer} model must match {LAYERS[layer].pattern}"))
        else:
            for other, pattern in LAYERS.items():
                if other != layer and pattern.match(name):
                    out.append(Violation("folder", name, f"named like a {other} model but lives in {layer}"))
        if layer == "staging":
            source_name = name.split("__")[0].removeprefix("stg_")
            folder = Path(n["original_file_path"]).parts[2] if len(Path(n["original_file_path"]).parts) > 3 else ""
            if folder != source_name:
                out.append(
                    Violation(
                        "folder", name, f"staging models of '{source_name}' belong in models/staging/{source_name}/"
                    )
                )
        parents = n["depends_on"]["nodes"]
        parent_models = [nodes[p] for p in parents if p in models]
        if layer == "staging" and parent_models:
            out.append(
                Violation(
                    "staging_reads_models",
                    name,
                    "staging reads only seeds and sources, not " + ", ".join(p["name"] for p in parent_models),
                )
            )
        if layer == "marts" and any(p.startswith("source.") for p in parents):
            out.append(Violation("marts_read_sources", name, "marts read staging or intermediate models, not sources"))
        if layer == "marts" and any(p.startswith("seed.") for p in parents):
            out.append(Violation("marts_read_seeds", name, "marts read staging models, not seeds directly"))
        if layer == "intermediate" and any(_layer(nodes[p]) == "marts" for p in parents if p in models):
            out.append(Violation("intermediate_reads_marts", name, "intermediate models do not read marts"))
        if not (n.get("description") or "").strip():
            out.append(Violation("documentation", name, "the model has no description"))
        if layer == "marts" or layer == "staging":
            for col, spec in n.get("columns", {}).items():
                if not (spec.get("description") or "").strip():
                    out.append(Violation("documentation", name, f"column {col} has no description"))
        if not (tests_by_model.get(uid, set()) & PK_TESTS):
            out.append(Violation("primary_key", name, "no unique or unique_combination_of_columns test"))
    return out + check_rejoins(models) + check_portable_seed_types(manifest)


def check_rejoins(models: dict[str, dict]) -> list[Violation]:
    """dbt-project-evaluator's "rejoining of upstream concepts": a model that reads a parent both directly and
    through another model whose only child it is (A -> B -> C and A -> C, B read by C alone). B's work belongs in C,
    or C should read B alone (B carrying what C needs of A)."""
    children: dict[str, set[str]] = {}
    for uid, n in models.items():
        for parent in n["depends_on"]["nodes"]:
            if parent in models:
                children.setdefault(parent, set()).add(uid)
    out = []
    for uid, n in sorted(models.items()):
        parents = {p for p in n["depends_on"]["nodes"] if p in models}
        for middle in sorted(parents):
            if children.get(middle) != {uid}:
                continue
            for upstream in sorted(parents & {p for p in models[middle]["depends_on"]["nodes"] if p in models}):
                out.append(
                    Violation(
                        "rejoin",
                        n["name"],
                        f"reads {models[upstream]['name']} directly and through {models[middle]['name']}, "
                        "which nothing else reads",
                    )
                )
    return out


# ----------------------------------------------------------------------------------------------- portable SQL
# The warehouse also builds on Apache Spark (`make test-spark`). SQL outside a dispatching macro must mean the same
# on DuckDB and on Spark (3.x clusters included), so these constructs are kept out of models, singular and generic
# tests, analyses and non-dispatching macros; a macro named `<adapter>__...` (an adapter.dispatch implementation)
# or a materialization for one adapter may use them. Each entry: name, pattern, why and what to use instead.
NON_PORTABLE_SQL: list[tuple[str, re.Pattern[str], str]] = [
    ("'::' cast", re.compile(r"::"), "DuckDB's shorthand (Spark has it from 4.0 only): cast(x as type)"),
    (
        "varchar without a length",
        re.compile(r"\bvarchar\b(?!\s*\()", re.I),
        "Spark's varchar needs a length: ntp_type_string()",
    ),
    ("text type", re.compile(r"\bas\s+text\b", re.I), "Spark has no text type: ntp_type_string()"),
    (
        "DuckDB-only type",
        re.compile(r"\b(hugeint|uhugeint|utinyint|usmallint|uinteger|ubigint|blob|uuid)\b", re.I),
        "no such type on Spark: integer, bigint, decimal(p, s), binary",
    ),
    (
        "double-quoted name",
        re.compile(r'"'),
        "an identifier on DuckDB but a string literal on Spark: an unquoted name, or adapter.quote()",
    ),
    (
        "regular expression",
        re.compile(
            r"\b(regexp_matches|regexp_full_match|regexp_replace|regexp_extract|regexp_extract_all|"
            r"regexp_split_to_array|regexp_split_to_table)\s*\(|\bsimilar\s+to\b|\bglob\b|!?~~?\*?\s*'",
            re.I,
        ),
        "the functions, their escaping and regexp_replace's first-or-all differ: a dispatching macro "
        "(ntp_parse_vn_number)",
    ),
    (
        "string aggregation",
        re.compile(r"\b(string_agg|group_concat|listagg|array_agg|list)\s*\(", re.I),
        "ordering and names differ: ntp_string_agg()",
    ),
    (
        "list or struct function",
        re.compile(r"\b(list_\w+|struct_\w+|array_length|unnest|flatten|string_split|str_split|len|strlen)\s*\(", re.I),
        "DuckDB's nested-type functions; Spark arrays are 0-based: a dispatching macro",
    ),
    ("subscript or list literal", re.compile(r"\["), "1-based on DuckDB, 0-based on Spark: a dispatching macro"),
    ("struct or map literal", re.compile(r"\{"), "DuckDB's {'k': v} literal: a dispatching macro"),
    (
        "star modifier",
        re.compile(r"\*\s*(exclude|replace)\s*\(|\bcolumns\s*\(", re.I),
        "DuckDB's select * exclude/replace/columns(): list the columns",
    ),
    (
        "qualify or 'by all'",
        re.compile(r"\bqualify\b|\b(group|order)\s+by\s+all\b", re.I),
        "DuckDB and recent Spark only: a subquery, and the columns spelled out",
    ),
    (
        "DuckDB operator",
        re.compile(r"//|\*\*|\^|->>"),
        "integer division, power and JSON extraction differ: cast(floor(a / b) as ...), power(), a macro",
    ),
    (
        "DuckDB-only function",
        re.compile(
            r"\b(strftime|strptime|strip_accents|epoch_ms|epoch|today|date_diff|datediff|date_add|date_sub|"
            r"age|starts_with|ends_with|prefix|suffix|read_csv\w*|read_parquet|read_json\w*|generate_series|"
            r"range)\s*\(",
            re.I,
        ),
        "not on Spark, or with other arguments: dbt.dateadd(), dbt.datediff(), dbt.date_trunc(), a macro",
    ),
]
ADAPTER_IMPLEMENTATION = re.compile(r"^(default|duckdb|spark|postgres|databricks|snowflake|bigquery|redshift|trino)__")
_BLOCK = re.compile(
    r"\{%-?\s*(macro|test|materialization)\s+(\w+)(.*?)%\}(.*?)\{%-?\s*end(?:macro|test|materialization)\s*-?%\}",
    re.S,
)


def sql_without_jinja(raw: str) -> tuple[str, list[str]]:
    """The SQL a person wrote, for scanning: Jinja and SQL comments and Jinja tags removed (an expression becomes
    the placeholder `jinja_`), string literals blanked; and the string literals."""
    s = re.sub(r"\{#.*?#\}", " ", raw, flags=re.S)
    s = re.sub(r"\{%.*?%\}", " ", s, flags=re.S)
    s = re.sub(r"\{\{.*?\}\}", " jinja_ ", s, flags=re.S)
    s = re.sub(r"--[^\n]*", " ", s)
    s = re.sub(r"/\*.*?\*/", " ", s, flags=re.S)
    literal = re.compile(r"'(?:[^']|'')*'")
    literals = literal.findall(s)
    return literal.sub("''", s), literals


def non_portable_constructs(raw_sql: str) -> list[str]:
    """What in this SQL text (models, tests, analyses) would not mean the same on Spark as on DuckDB."""
    sql, literals = sql_without_jinja(raw_sql)
    found = [f"{name} ({why})" for name, pattern, why in NON_PORTABLE_SQL if pattern.search(sql)]
    if any("\\" in lit for lit in literals):
        found.append("backslash in a string literal (an escape on Spark, a character on DuckDB): a macro")
    return found


def _scanned_sql(project_dir: Path) -> list[tuple[str, str]]:
    """(where, SQL text) for every model, singular test and analysis, and every macro body that is not an
    adapter-specific implementation (a generic test's body is scanned like a model)."""
    out: list[tuple[str, str]] = []
    for folder in ("models", "tests/dbt", "analyses"):
        for path in sorted((project_dir / folder).rglob("*.sql")):
            out.append((str(path.relative_to(project_dir)), path.read_text(encoding="utf-8")))
    for path in sorted((project_dir / "macros").rglob("*.sql")):
        text = path.read_text(encoding="utf-8")
        for kind, name, header, body in _BLOCK.findall(text):
            if ADAPTER_IMPLEMENTATION.match(name) or (kind == "materialization" and "adapter" in header):
                continue
            out.append((f"{path.relative_to(project_dir)}:{name}", body))
    return out


def check_portable_sql(project_dir: Path) -> list[Violation]:
    return [
        Violation("portable_sql", where, construct)
        for where, sql in _scanned_sql(project_dir)
        for construct in non_portable_constructs(sql)
    ]


PORTABLE_SEED_TYPE = re.compile(
    r"^(string|integer|int|bigint|smallint|tinyint|boolean|date|timestamp|double|float|decimal\(\d+, ?\d+\))$"
)


def check_portable_seed_types(manifest: dict) -> list[Violation]:
    """Seed column_types that DuckDB's CSV reader and Spark's `create table` read as the same type."""
    out = []
    for n in manifest["nodes"].values():
        if n["resource_type"] != "seed":
            continue
        for column, type_ in sorted((n["config"].get("column_types") or {}).items()):
            if not PORTABLE_SEED_TYPE.match(str(type_).strip().lower()):
                out.append(
                    Violation(
                        "portable_seed_types",
                        n["name"],
                        f"column {column} is '{type_}': use string, integer, bigint, boolean, date or decimal(p,s)",
                    )
                )
    return out
