"""The Great Expectations suite on the extracted CSVs: the gate before the load. Schema, types, value sets,
ranges and non-empty quotes; a failed expectation stops the build before dbt runs. The suite's HTML Data Docs are
written next to the warehouse (data_docs/index.html), for passing and failing runs alike."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from dataclasses import fields
from pathlib import Path

from loaders import csvout, seeds
from loaders.extract import FileRecord
from loaders.model import Breakdown, Unresolved
from loaders.reference import reference_codes, value_list

log = logging.getLogger(__name__)


def _suites() -> dict[str, list]:
    """One suite per extracted CSV, its value sets read from the reference seeds (value_lists.csv and the code
    lists), as the dbt tests read them."""
    import great_expectations as gx

    expect = _Expect(gx.expectations)
    return {
        seeds.DOCUMENTS: _documents_suite(expect),
        seeds.FILES: [
            *expect.schema([f.name for f in fields(FileRecord)]),
            *expect.not_null("source_file"),
            expect.E.ExpectColumnValuesToBeUnique(column="source_file"),
        ],
        csvout.TARGETS: _targets_suite(expect),
        csvout.FUNDING: _funding_suite(expect),
        csvout.BREAKDOWNS: [
            *expect.schema([f.name for f in fields(Breakdown)]),
            *expect.not_null("document_id", "parent_line_code", "child_line_code", "axis", "breakdown"),
            *expect.listed("axis", "breakdown_axis"),
            *expect.listed("breakdown", "breakdown_kind"),
        ],
        csvout.UNRESOLVED: [
            *expect.schema([f.name for f in fields(Unresolved)]),
            *expect.not_null("document_id", "column_name", "action", "source_file"),
        ],
        csvout.HELD: [
            *expect.schema(csvout.HEADERS[csvout.HELD]),
            *expect.not_null("held_id", "document_id", "fact_type", "reason", "source_file", "source_line"),
            *expect.listed("fact_type", "fact_type"),
            *expect.listed("reason", "held_reason"),
        ],
        seeds.REJECTED: [
            *expect.schema(seeds.REJECTED_COLUMNS),
            *expect.not_null("source_file", "reason", "detail"),
            *expect.non_empty_text("detail"),
        ],
    }


class _Expect:
    """Short names for the expectations the suites are made of."""

    def __init__(self, expectations) -> None:
        self.E = expectations

    def schema(self, columns: list[str]) -> list:
        return [self.E.ExpectTableColumnsToMatchOrderedList(column_list=columns)]

    def not_null(self, *columns: str) -> list:
        return [self.E.ExpectColumnValuesToNotBeNull(column=c) for c in columns]

    def in_set(self, column: str, values) -> list:
        return [self.E.ExpectColumnValuesToBeInSet(column=column, value_set=list(values))]

    def listed(self, column: str, list_name: str) -> list:
        return self.in_set(column, value_list(list_name))

    def non_empty_text(self, *columns: str) -> list:
        return [self.E.ExpectColumnValueLengthsToBeBetween(column=c, min_value=1) for c in columns]

    def provinces(self) -> list:
        return self.in_set("province_code", reference_codes("provinces", "province_code"))

    def programmes(self) -> list:
        return self.in_set("program_code", reference_codes("programs", "program_code"))


def _documents_suite(expect: _Expect) -> list:
    years = [int(y) for y in reference_codes("years", "year")]
    return [
        *expect.schema(seeds.DOCUMENT_COLUMNS),
        *expect.not_null("document_id", "source_files", "province_code", "admin_level", "doc_kind"),
        expect.E.ExpectColumnValuesToBeUnique(column="document_id"),
        *expect.provinces(),
        *expect.listed("admin_level", "admin_level"),
        *expect.listed("doc_kind", "doc_kind"),
        expect.E.ExpectColumnValuesToBeBetween(column="plan_year", min_value=min(years), max_value=max(years)),
    ]


def _targets_suite(expect: _Expect) -> list:
    return [
        *expect.schema(csvout.HEADERS[csvout.TARGETS]),
        *expect.not_null(
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
            "project_basis",
            "measure_basis",
            "year_basis",
        ),
        *expect.non_empty_text("source_quote", "figure_text", "unit_raw"),
        *expect.listed("comparator", "comparator"),
        *expect.listed("measure", "measure"),
        *expect.listed("admin_level", "admin_level"),
        *expect.listed("origin", "origin"),
        *[x for c in ("project_basis", "measure_basis", "year_basis") for x in expect.listed(c, "attribute_basis")],
        *expect.programmes(),
        *expect.provinces(),
        expect.E.ExpectColumnValuesToBeBetween(column="target_value", min_value=0),
        expect.E.ExpectColumnValuesToBeBetween(column="source_line", min_value=1),
        expect.E.ExpectColumnValuesToBeBetween(column="span_start", min_value=0),
    ]


def _funding_suite(expect: _Expect) -> list:
    bases = ("project_basis", "capital_type_basis", "budget_level_basis", "budget_phase_basis", "year_basis")
    return [
        *expect.schema(csvout.HEADERS[csvout.FUNDING]),
        *expect.not_null(
            "document_id",
            "line_code",
            "amount_million_vnd",
            "budget_phase",
            "scale_word",
            "source_file",
            "source_line",
            "figure_text",
            "source_quote",
            *bases,
        ),
        *expect.non_empty_text("source_quote", "figure_text", "line_code"),
        expect.E.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "line_code"]),
        *expect.listed("capital_type", "capital_type"),
        *expect.listed("budget_level", "budget_level"),
        *expect.listed("funding_source", "funding_source"),
        *expect.listed("budget_phase", "budget_phase"),
        *expect.listed("scale_word", "scale_word"),
        *expect.listed("origin", "origin"),
        *[x for c in bases for x in expect.listed(c, "attribute_basis")],
        *expect.programmes(),
        *expect.provinces(),
        expect.E.ExpectColumnValuesToBeBetween(column="precision_million_vnd", min_value=0),
        expect.E.ExpectColumnValuesToBeBetween(column="amount_million_vnd", min_value=-1e12, max_value=1e12),
    ]


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
