"""Deterministic CSV output (byte-identical on rerun) of an extraction: the dbt seeds in seeds/extracted/."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path

from loaders import csvout, quarantine
from loaders.csvout import FUNDING, TARGETS
from loaders.csvout import cell as _cell
from loaders.extract import DocumentRecord, Extraction, FileRecord, Rejection

DOCUMENTS = "extracted_documents.csv"
FILES = "extracted_document_files.csv"
REJECTED = "extracted_rejected_documents.csv"

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
    "source_url",
    "publisher",
    "period_start_year",
    "period_end_year",
]
FILE_COLUMNS = [f.name for f in fields(FileRecord)]
REJECTED_COLUMNS = ["source_file", "reason", "detail"]


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
            m.source_url,
            m.publisher,
            m.period_start_year,
            m.period_end_year,
        )
    ]


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
        REJECTED: _write(
            out / REJECTED,
            REJECTED_COLUMNS,
            (
                [_cell(r.source_file), _cell(r.reason), _cell(r.detail)]
                for r in sorted(result.rejected, key=lambda r: (r.source_file, r.reason))
            ),
        ),
    }
    quarantine.write_findings(out)  # no findings yet: the build writes them once it has run the checks
    order = sorted(result.fragments)
    for table in csvout.FACT_TABLES:
        header = csvout.render([csvout.HEADERS[table]])
        _write_bytes(out / table, header + b"".join(result.fragments[d][table] for d in order))
    counts[TARGETS] = result.n_targets
    counts[FUNDING] = result.n_funding_lines
    return counts


def _write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


__all__ = ["Rejection", "write_seeds"]
