"""CSV rendering of extracted rows, deterministic to the byte. Each document's fact rows are rendered once, in a
fixed order, as a fragment of CSV lines (no header): fragments are what the extraction cache keeps and what the
seed files are concatenated from, so an unchanged document is never re-rendered."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

from loaders.model import Breakdown, FundingRow, Provenance, TargetRow, Unresolved
from loaders.review import HeldFigure
from loaders.vnnum import format_decimal

TARGETS = "extracted_targets.csv"
FUNDING = "extracted_funding_lines.csv"
BREAKDOWNS = "extracted_funding_breakdowns.csv"
UNRESOLVED = "extracted_unresolved_codes.csv"
HELD = "extracted_held_figures.csv"
FACT_TABLES = (TARGETS, FUNDING, BREAKDOWNS, UNRESOLVED, HELD)


def cell(value: object) -> str:
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def columns(cls: type) -> list[str]:
    names = []
    for f in fields(cls):
        if f.name == "provenance":
            names.extend(p.name for p in fields(Provenance))
        else:
            names.append(f.name)
    return names


HEADERS = {
    TARGETS: columns(TargetRow),
    FUNDING: columns(FundingRow),
    BREAKDOWNS: columns(Breakdown),
    UNRESOLVED: columns(Unresolved),
    HELD: columns(HeldFigure),
}

_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def flatten(row: TargetRow | FundingRow) -> list[str]:
    names = _NAMES.get(type(row))
    if names is None:
        own = tuple(f.name for f in fields(row) if f.name != "provenance")
        names = _NAMES[type(row)] = (own, tuple(p.name for p in fields(Provenance)))
    p = row.provenance
    return [cell(getattr(row, n)) for n in names[0]] + [cell(getattr(p, n)) for n in names[1]]


def render(rows: Iterable[Sequence[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def replace_file(path: Path, data: bytes) -> None:
    """A file written beside `path` and renamed over it: a seed file is never written in place (dbt's folder holds
    hard links to the seeds, loaders/build.py)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _fact_key(row: TargetRow | FundingRow) -> tuple:
    p = row.provenance
    return (p.source_file, p.source_line, p.span_start, row.origin)


def _unresolved_key(u: Unresolved) -> tuple:
    # a document's own value (its date) has no line: first
    line, span = (u.source_line, u.span_start) if u.source_line is not None else (-1, -1)
    return (u.source_file, line, span or 0, u.column_name, u.figure_text, u.stated_value, u.action)


def fragments(
    targets: list[TargetRow],
    funding: list[FundingRow],
    breakdowns: list[Breakdown],
    unresolved: list[Unresolved],
    held: Sequence[HeldFigure] = (),
) -> dict[str, bytes]:
    """One document's rows, rendered in the seed files' order."""
    return {
        TARGETS: render(flatten(r) for r in sorted(targets, key=_fact_key)),
        FUNDING: render(flatten(r) for r in sorted(funding, key=_fact_key)),
        BREAKDOWNS: render(
            [cell(getattr(b, f.name)) for f in fields(Breakdown)]
            for b in sorted(set(breakdowns), key=lambda b: (b.axis, b.parent_line_code, b.child_line_code))
        ),
        UNRESOLVED: render(
            [cell(getattr(u, f.name)) for f in fields(Unresolved)]
            # a set: one figure is one row per column, however many times a pass over the text reports it
            for u in sorted(set(unresolved), key=_unresolved_key)
        ),
        HELD: render(
            [cell(_rounded(getattr(h, f.name))) for f in fields(HeldFigure)]
            for h in sorted(held, key=lambda h: (h.source_file, h.source_line, h.figure_text, h.fact_type))
        ),
    }


def _rounded(value: object) -> object:
    """Coordinates and confidences to one decimal: the same page gives the same bytes."""
    return round(value, 1) if isinstance(value, float) else value


def count_rows(fragment: bytes) -> int:
    """Rows in a fragment (quoted fields may hold line breaks, so lines are not rows)."""
    if not fragment:
        return 0
    return sum(1 for _ in csv.reader(io.StringIO(fragment.decode("utf-8"))))
