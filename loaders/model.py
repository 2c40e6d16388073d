"""The rows the loaders write: one dataclass per output table, fields in CSV column order."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Provenance:
    source_file: str
    source_line: int
    source_locator: str
    span_start: int  # character offset of the figure in its text unit: with the line, a stable natural key
    figure_text: str  # the figure as written ("1.238.075 triệu đồng", "96,1%")
    source_quote: str  # the exact text containing the figure


@dataclass(frozen=True)
class TargetRow:
    document_id: str
    program_code: str
    province_code: str
    plan_year: int | None
    admin_level: str
    area_name: str | None
    area_code: str | None  # GSO code of the district or commune named (NULL for the whole province)
    period_start_year: int | None  # the years the figure covers (both = plan_year for a one-year figure)
    period_end_year: int | None
    as_of_date: str | None  # ISO date a progress figure stands at
    project_code: str | None
    sub_project_code: str | None
    content_code: str | None
    indicator_name: str
    target_value: Decimal
    denominator_value: Decimal | None
    unit_raw: str
    comparator: str
    measure: str
    project_basis: str  # how each attribute was decided: stated | paragraph | parent | heading | document | unknown
    measure_basis: str
    year_basis: str
    origin: str  # prose | table
    parent_span_start: int | None  # a district or level breakdown: the figure (same line) it is a part of
    provenance: Provenance


@dataclass(frozen=True)
class FundingRow:
    document_id: str
    line_code: str
    parent_line_code: str | None
    program_code: str
    province_code: str
    plan_year: int | None
    period_start_year: int | None
    period_end_year: int | None
    as_of_date: str | None
    project_code: str | None
    sub_project_code: str | None
    area_name: str | None
    area_code: str | None
    capital_type: str | None
    budget_level: str | None
    funding_source: str | None
    budget_phase: str
    project_basis: str
    capital_type_basis: str
    budget_level_basis: str
    budget_phase_basis: str
    year_basis: str
    amount_million_vnd: Decimal
    scale_word: str  # the scale the figure is written in (tỷ, triệu, đồng); the figure times it is the amount
    precision_million_vnd: Decimal
    is_approximate: bool  # hơn / gần / khoảng: the document gives a rounded or bounded amount
    breakdown: str | None  # for a parent: complete | partial (how the document presents its children)
    label: str
    origin: str
    provenance: Provenance


@dataclass(frozen=True)
class Breakdown:
    """A second parent-child relation, e.g. a table's column totals (Tổng số = NSTW + NSĐP)."""

    document_id: str
    parent_line_code: str
    child_line_code: str
    axis: str  # tree | column
    breakdown: str  # complete | partial


@dataclass(frozen=True)
class Unresolved:
    """A value a document states that resolves to no reference row (a 'Dự án 11', a unit not in the list):
    reported, never silently dropped or set to NULL."""

    document_id: str
    fact_type: str  # target | funding | document (a value it states of itself: its date, its year)
    column_name: str
    stated_value: str
    action: str  # what was done: 'code left empty' | 'row kept out of the facts'
    source_file: str
    source_line: int
    span_start: int  # with the line, which figure: two figures of one line may read alike ("01 hội nghị")
    figure_text: str
    source_quote: str
