"""Deterministic CSV output (byte-identical on rerun) of an extraction: the dbt seeds in seeds/extracted/."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

from loaders.extract import DocumentRecord, Extraction, FileRecord, Rejection
from loaders.model import Breakdown, FundingRow, Provenance, TargetRow, Unresolved
from loaders.vnnum import format_decimal

DOCUMENTS = "extracted_documents.csv"
FILES = "extracted_document_files.csv"
TARGETS = "extracted_targets.csv"
FUNDING = "extracted_funding_lines.csv"
BREAKDOWNS = "extracted_funding_breakdowns.csv"
REJECTED = "extracted_rejected_documents.csv"
UNRESOLVED = "extracted_unresolved_codes.csv"

DOCUMENT_COLUMNS = [
    "document_id",
    "source_files",
    "primary_file",
    "province_code",
    "admin_level",
    "area_name",
    "plan_year",
    "doc_number",
    "issued_date",
    "doc_kind",
    "title",
    "identified_by",
    "n_targets",
    "n_funding_lines",
]
FILE_COLUMNS = [f.name for f in fields(FileRecord)]
REJECTED_COLUMNS = ["source_file", "reason", "detail"]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _flatten(row: TargetRow | FundingRow) -> list[str]:
    names = _NAMES.get(type(row))
    if names is None:
        own = tuple(f.name for f in fields(row) if f.name != "provenance")
        names = _NAMES[type(row)] = (own, tuple(p.name for p in fields(Provenance)))
    p = row.provenance
    return [_cell(getattr(row, n)) for n in names[0]] + [_cell(getattr(p, n)) for n in names[1]]


def _columns(cls: type) -> list[str]:
    names = []
    for f in fields(cls):
        if f.name == "provenance":
            names.extend(p.name for p in fields(Provenance))
        else:
            names.append(f.name)
    return names


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    data = buf.getvalue().encode("utf-8")
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return n


def _document_row(d: DocumentRecord) -> list[str]:
    m = d.meta
    return [
        _cell(x)
        for x in (
            d.document_id,
            ",".join(sorted(d.source_files)),
            d.primary_file,
            m.province_code,
            m.admin_level,
            m.area_name,
            m.plan_year,
            m.doc_number,
            m.issued_date,
            m.doc_kind,
            m.title,
            "; ".join(f"{k}: {v}" for k, v in sorted(m.evidence.items())),
            d.n_targets,
            d.n_funding_lines,
        )
    ]


def _sort_key_fact(row: TargetRow | FundingRow) -> tuple:
    p = row.provenance
    return (row.document_id, p.source_file, p.source_line, p.span_start, row.origin)


def write_seeds(result: Extraction, out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    counts = {
        DOCUMENTS: _write(
            out / DOCUMENTS,
            DOCUMENT_COLUMNS,
            (_document_row(d) for d in sorted(result.documents, key=lambda d: d.document_id)),
        ),
        FILES: _write(
            out / FILES,
            FILE_COLUMNS,
            ([_cell(getattr(f, c)) for c in FILE_COLUMNS] for f in sorted(result.files, key=lambda f: f.source_file)),
        ),
        TARGETS: _write(
            out / TARGETS, _columns(TargetRow), (_flatten(r) for r in sorted(result.targets, key=_sort_key_fact))
        ),
        FUNDING: _write(
            out / FUNDING, _columns(FundingRow), (_flatten(r) for r in sorted(result.funding, key=_sort_key_fact))
        ),
        BREAKDOWNS: _write(
            out / BREAKDOWNS,
            [f.name for f in fields(Breakdown)],
            (
                [_cell(getattr(b, f.name)) for f in fields(Breakdown)]
                for b in sorted(
                    set(result.breakdowns), key=lambda b: (b.document_id, b.axis, b.parent_line_code, b.child_line_code)
                )
            ),
        ),
        UNRESOLVED: _write(
            out / UNRESOLVED,
            [f.name for f in fields(Unresolved)],
            (
                [_cell(getattr(u, f.name)) for f in fields(Unresolved)]
                for u in sorted(
                    result.unresolved,
                    key=lambda u: (u.document_id, u.source_file, u.source_line, u.column_name, u.figure_text),
                )
            ),
        ),
        REJECTED: _write(
            out / REJECTED,
            REJECTED_COLUMNS,
            (
                [_cell(r.source_file), _cell(r.reason), _cell(r.detail)]
                for r in sorted(result.rejected, key=lambda r: (r.source_file, r.reason))
            ),
        ),
    }
    return counts


__all__ = ["Rejection", "write_seeds"]
