"""The Great Expectations suite on the extracted CSVs: the gate before the load. Schema, types, value sets,
ranges and non-empty quotes; a failed expectation stops the build before dbt runs. The suite's HTML Data Docs are
written next to the warehouse (data_docs/index.html), for passing and failing runs alike."""

from __future__ import annotations

import contextlib
import csv
import logging
import os
import shutil
from dataclasses import fields
from pathlib import Path

from loaders import csvout, seeds
from loaders.extract import FileRecord
from loaders.model import Breakdown, Unresolved
from loaders.reference import DEFAULT_REFERENCE_DIR

log = logging.getLogger(__name__)

ADMIN_LEVELS = ["national", "province", "district", "commune"]
DOC_KINDS = ["plan", "allocation_decision", "adjustment", "progress_report", "news"]
PROGRAMS = ["DTTS", "NTM", "GNBV", "MULTI", "OTHER"]


def _reference_codes(name: str, column: str) -> list[str]:
    with (DEFAULT_REFERENCE_DIR / f"{name}.csv").open(encoding="utf-8") as f:
        return sorted({row[column] for row in csv.DictReader(f)})


def _suites():
    import great_expectations as gx

    E = gx.expectations
    provinces = _reference_codes("provinces", "province_code")
    years = [int(y) for y in _reference_codes("years", "year")]

    def schema(columns: list[str]) -> list:
        return [E.ExpectTableColumnsToMatchOrderedList(column_list=columns)]

    def not_null(*columns: str) -> list:
        return [E.ExpectColumnValuesToNotBeNull(column=c) for c in columns]

    def in_set(column: str, values: list, mostly: float | None = None) -> list:
        return [
            E.ExpectColumnValuesToBeInSet(column=column, value_set=values, **({"mostly": mostly} if mostly else {}))
        ]

    def non_empty_text(*columns: str) -> list:
        return [E.ExpectColumnValueLengthsToBeBetween(column=c, min_value=1) for c in columns]

    return {
        seeds.DOCUMENTS: [
            *schema(seeds.DOCUMENT_COLUMNS),
            *not_null("document_id", "source_files", "province_code", "admin_level", "doc_kind"),
            E.ExpectColumnValuesToBeUnique(column="document_id"),
            *in_set("province_code", provinces),
            *in_set("admin_level", ADMIN_LEVELS),
            *in_set("doc_kind", DOC_KINDS),
            E.ExpectColumnValuesToBeBetween(column="plan_year", min_value=min(years), max_value=max(years)),
        ],
        seeds.FILES: [
            *schema([f.name for f in fields(FileRecord)]),
            *not_null("source_file"),
            E.ExpectColumnValuesToBeUnique(column="source_file"),
        ],
        csvout.TARGETS: [
            *schema(csvout.HEADERS[csvout.TARGETS]),
            *not_null(
                "document_id",
                "province_code",
                "target_value",
                "unit_raw",
                "comparator",
                "measure",
                "source_file",
                "source_line",
                "figure_text",
                "source_quote",
            ),
            *non_empty_text("source_quote", "figure_text", "unit_raw"),
            *in_set("comparator", ["=", ">=", ">", "<=", "<", "~"]),
            *in_set("measure", ["target", "result", "baseline"]),
            *in_set("admin_level", ADMIN_LEVELS),
            *in_set("program_code", PROGRAMS),
            *in_set("origin", ["prose", "table"]),
            *in_set("province_code", provinces),
            E.ExpectColumnValuesToBeBetween(column="target_value", min_value=0),
            E.ExpectColumnValuesToBeBetween(column="source_line", min_value=1),
            E.ExpectColumnValuesToBeBetween(column="span_start", min_value=0),
        ],
        csvout.FUNDING: [
            *schema(csvout.HEADERS[csvout.FUNDING]),
            *not_null(
                "document_id",
                "line_code",
                "amount_million_vnd",
                "budget_phase",
                "scale_word",
                "source_file",
                "source_line",
                "figure_text",
                "source_quote",
            ),
            *non_empty_text("source_quote", "figure_text", "line_code"),
            E.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "line_code"]),
            *in_set("capital_type", ["investment", "recurrent"]),
            *in_set("budget_level", ["central", "provincial", "district", "commune", "local"]),
            *in_set("funding_source", ["program", "integrated", "credit_other"]),
            *in_set("budget_phase", ["planned", "allocated", "adjusted", "disbursed"]),
            *in_set("scale_word", ["nghìn tỷ", "ngàn tỷ", "tỷ", "triệu", "nghìn", "ngàn", "đồng"]),
            *in_set("program_code", PROGRAMS),
            *in_set("origin", ["prose", "table"]),
            *in_set("province_code", provinces),
            E.ExpectColumnValuesToBeBetween(column="precision_million_vnd", min_value=0),
            E.ExpectColumnValuesToBeBetween(column="amount_million_vnd", min_value=-1e12, max_value=1e12),
        ],
        csvout.BREAKDOWNS: [
            *schema([f.name for f in fields(Breakdown)]),
            *not_null("document_id", "parent_line_code", "child_line_code", "axis", "breakdown"),
            *in_set("axis", ["tree", "column"]),
            *in_set("breakdown", ["complete", "partial"]),
        ],
        csvout.UNRESOLVED: [
            *schema([f.name for f in fields(Unresolved)]),
            *not_null("document_id", "column_name", "action", "source_file"),
        ],
        csvout.HELD: [
            *schema(csvout.HEADERS[csvout.HELD]),
            *not_null("held_id", "document_id", "fact_type", "reason", "source_file", "source_line", "figure_text"),
            *in_set("fact_type", ["target", "funding"]),
            *in_set("reason", ["uncertain_digits", "parts_do_not_add_up", "amount_in_words_differs"]),
        ],
        seeds.REJECTED: [
            *schema(seeds.REJECTED_COLUMNS),
            *not_null("source_file", "reason", "detail"),
            *non_empty_text("detail"),
        ],
    }


def validate_extracted(seeds_dir: Path, docs_dir: Path | None = None) -> list[str]:
    """Validate every extracted CSV; return one line per failed expectation (empty when all pass)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    import pandas as pd

    project = seeds_dir.parent / "gx_project"
    shutil.rmtree(project, ignore_errors=True)
    context = gx.get_context(mode="file", project_root_dir=str(project))
    with contextlib.suppress(Exception):  # progress bars only; older config shapes differ
        context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    source = context.data_sources.add_or_update_pandas("extracted")
    failures: list[str] = []
    definitions = []
    frames = {}
    for name, expectations in _suites().items():
        path = seeds_dir / name
        if not path.exists():
            failures.append(f"{name}: missing")
            continue
        table = name.removesuffix(".csv")
        frames[table] = pd.read_csv(path, dtype=str, keep_default_na=False).replace({"": None})
        for column in (
            "target_value",
            "amount_million_vnd",
            "precision_million_vnd",
            "source_line",
            "span_start",
            "plan_year",
        ):
            if column in frames[table].columns:
                frames[table][column] = pd.to_numeric(frames[table][column], errors="coerce")
        suite = context.suites.add_or_update(gx.ExpectationSuite(name=table, expectations=expectations))
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe("all")
        definitions.append(
            (
                table,
                context.validation_definitions.add_or_update(
                    gx.ValidationDefinition(data=batch, suite=suite, name=table)
                ),
            )
        )
    for table, definition in definitions:
        result = definition.run(batch_parameters={"dataframe": frames[table]})
        for r in result.results:
            if not r.success:
                cfg = r.expectation_config
                column = cfg.kwargs.get("column") or cfg.kwargs.get("column_list") or ""
                unexpected = r.result.get("partial_unexpected_list") or r.result.get("observed_value")
                failures.append(
                    f"{table}: {cfg.type} {column}: {r.result.get('unexpected_count', '')} unexpected "
                    f"{str(unexpected)[:120]}"
                )
    if docs_dir is not None:
        try:
            context.build_data_docs()
            site = project / "gx" / "uncommitted" / "data_docs" / "local_site"
            _swap_in(site, docs_dir)
        except Exception as exc:  # docs are a courtesy; the gate's verdict stands
            log.warning("Data Docs not written: %s", exc)
    return failures


def _swap_in(site: Path, target: Path) -> None:
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(site, staging)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
