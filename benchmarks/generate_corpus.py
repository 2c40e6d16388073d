"""Write a synthetic corpus and its answer key.

    python -m benchmarks.generate_corpus --documents 10000 --out bench/out/corpus [--seed 1719]
        [--formats txt,docx,xlsx] [--workers 2]

Writes DIR/documents/<files> and DIR/answer_key/gold_documents.csv, gold_targets.csv, gold_funding.csv
(the column layout of tests/data/examples/examples_*.csv; gold_funding.csv adds `injected_error`).
Same seed, count and formats give byte-identical output whatever the number of workers.
"""

from __future__ import annotations

import argparse
import csv
import io
import multiprocessing
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks import corpus
from benchmarks.model import DOCUMENT_COLUMNS, FUNDING_COLUMNS, TARGET_COLUMNS

FORMATS = ("txt", "docx", "xlsx")


@dataclass(frozen=True)
class Chunk:
    """One document's file and its answer-key rows, already serialised as CSV (done in the workers)."""

    doc_file: str
    payload: bytes
    document: str
    targets: str
    funding: str
    n_targets: int
    n_funding: int


def _csv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    csv.DictWriter(buf, columns, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _render(args: tuple[int, int, tuple[str, ...]]) -> Chunk:
    index, seed, formats = args
    r = corpus.render(corpus.spec_for(index, seed, formats), seed)
    return Chunk(
        r.doc_file,
        r.payload,
        _csv([r.document], DOCUMENT_COLUMNS),
        _csv(r.targets, TARGET_COLUMNS),
        _csv(r.funding, FUNDING_COLUMNS),
        len(r.targets),
        len(r.funding),
    )


def rendered(n: int, seed: int, formats: tuple[str, ...], workers: int) -> Iterator[Chunk]:
    jobs = ((i, seed, formats) for i in range(n))
    if workers <= 1:
        yield from map(_render, jobs)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_render, jobs, chunksize=32)


def write_corpus(
    out: Path, n: int, seed: int = 1719, formats: tuple[str, ...] = ("txt",), workers: int = 1
) -> dict[str, int]:
    """Generate `n` documents into `out`; returns row counts."""
    docs_dir, key_dir = out / "documents", out / "answer_key"
    docs_dir.mkdir(parents=True, exist_ok=True)
    key_dir.mkdir(parents=True, exist_ok=True)
    counts = {"documents": 0, "targets": 0, "funding": 0}
    files = {
        name: (key_dir / f"gold_{name}.csv").open("w", newline="", encoding="utf-8")
        for name in ("documents", "targets", "funding")
    }
    try:
        for name, columns in (
            ("documents", DOCUMENT_COLUMNS),
            ("targets", TARGET_COLUMNS),
            ("funding", FUNDING_COLUMNS),
        ):
            files[name].write(",".join(columns) + "\n")
        for c in rendered(n, seed, formats, workers):
            (docs_dir / c.doc_file).write_bytes(c.payload)
            files["documents"].write(c.document)
            files["targets"].write(c.targets)
            files["funding"].write(c.funding)
            counts["documents"] += 1
            counts["targets"] += c.n_targets
            counts["funding"] += c.n_funding
    finally:
        for f in files.values():
            f.close()
    return counts


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in text.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or "txt" not in formats:
        raise argparse.ArgumentTypeError(f"formats must include txt and be among {FORMATS}: {text!r}")
    return formats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.generate_corpus",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--documents", type=int, required=True, help="number of documents")
    ap.add_argument("--out", type=Path, required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=1719)
    ap.add_argument("--formats", type=parse_formats, default=("txt",), help="e.g. txt,docx,xlsx (default txt)")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    a = ap.parse_args(argv)
    counts = write_corpus(a.out, a.documents, a.seed, a.formats, a.workers)
    print(
        f"wrote {counts['documents']} documents, {counts['targets']} target rows, {counts['funding']} "
        "funding rows "
        f"to {a.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
