"""From a folder of documents to extracted rows: read every file, identify each document, fold copies of the same
document together, and extract targets and funding lines from the most complete copy. One bad file never stops
the others: it becomes a rejection with its file name and a reason."""

from __future__ import annotations

import csv
import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from loaders import chrome
from loaders.funding import prose_funding
from loaders.identify import DocumentMeta, IdentifyError, identify
from loaders.model import Breakdown, FundingRow, TargetRow, Unresolved
from loaders.outline import walk_outline
from loaders.read import DocumentText, ReadError, iter_document_paths, read_document
from loaders.reference import reference_years, vocabulary
from loaders.tables import table_rows
from loaders.targets import DocContext, prose_targets
from loaders.textnorm import key_of, name_key

log = logging.getLogger(__name__)

MANIFEST_NAMES = ("manifest.csv",)
SIDECAR_SUFFIX = ".meta.json"
SIMILARITY_THRESHOLD = 0.6  # share of the shorter copy's word shingles found in the longer one


@dataclass(frozen=True)
class Rejection:
    source_file: str
    reason: str
    detail: str


@dataclass(frozen=True)
class FileRecord:
    source_file: str
    document_id: str | None
    sha256: str
    size_bytes: int
    format: str
    encoding: str | None
    n_units: int
    is_primary: bool
    duplicate_of: str | None  # the primary file when this file is another copy
    duplicate_reason: str | None


@dataclass(frozen=True)
class DocumentRecord:
    document_id: str
    source_files: tuple[str, ...]
    primary_file: str
    meta: DocumentMeta
    n_targets: int
    n_funding_lines: int


@dataclass
class Extraction:
    documents: list[DocumentRecord] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    funding: list[FundingRow] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


@dataclass
class _Candidate:
    text: DocumentText
    meta: DocumentMeta
    shingles: frozenset[int]


def load_manifest(root: Path) -> dict[str, dict[str, str]]:
    """Optional metadata supplied next to the documents: manifest.csv (source_file + any metadata column) and
    per-file <name>.meta.json sidecars. Values given there override what the text says."""
    overrides: dict[str, dict[str, str]] = {}
    for name in MANIFEST_NAMES:
        path = root / name
        if path.exists():
            with path.open(newline="", encoding="utf-8-sig") as f:
                for row in csv.DictReader(f):
                    file = (row.pop("source_file", "") or "").strip()
                    if file:
                        overrides[file] = {k: (v or "").strip() for k, v in row.items() if k}
    for path in sorted(root.rglob(f"*{SIDECAR_SUFFIX}")):
        target = path.relative_to(root).as_posix()[: -len(SIDECAR_SUFFIX)]
        try:
            overrides.setdefault(target, {}).update({k: str(v) for k, v in json.loads(path.read_text("utf-8")).items()})
        except (ValueError, OSError) as exc:
            log.warning("%s: sidecar manifest ignored: %s", path.name, exc)
    return overrides


def is_metadata_file(path: Path) -> bool:
    return path.name in MANIFEST_NAMES or path.name.endswith(SIDECAR_SUFFIX)


def _shingles(text: DocumentText, size: int = 6) -> frozenset[int]:
    words = key_of(" ".join(u.text for u in text.units)).split()
    return frozenset(hash(" ".join(words[i : i + size])) for i in range(max(0, len(words) - size + 1)))


def read_and_identify(
    path: Path, root: Path, overrides: dict[str, str] | None, max_bytes: int
) -> _Candidate | Rejection:
    name = path.relative_to(root).as_posix()
    try:
        text = read_document(path, root, max_bytes=max_bytes)
    except ReadError as exc:
        return Rejection(exc.source_file, exc.reason, exc.detail)
    except Exception as exc:  # a reader bug must not cost the other documents
        log.exception("%s: unexpected error while reading", name)
        return Rejection(name, "read_error", f"{name}: could not be read ({type(exc).__name__}: {exc})")
    try:
        meta = identify(text.units, overrides)
    except IdentifyError as exc:
        return Rejection(name, exc.reason, f"{name}: {exc.detail}")
    return _Candidate(text, meta, _shingles(text))


def file_digest(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def document_id_for(meta: DocumentMeta) -> str:
    if meta.doc_number:
        key = f"{meta.province_code}|{meta.doc_number.upper()}|{(meta.issued_date or '')[:4] or meta.plan_year}"
    else:
        key = (
            f"{meta.province_code}|{meta.admin_level}|{meta.area_name or ''}|{meta.doc_kind}|{meta.plan_year}|"
            f"{name_key(meta.title)}"
        )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _same_document(a: _Candidate, b: _Candidate) -> str | None:
    if a.text.sha256 == b.text.sha256:
        return "identical bytes"
    if a.meta.province_code != b.meta.province_code:
        return None
    if a.meta.doc_number and b.meta.doc_number:
        return "same document number" if a.meta.doc_number.upper() == b.meta.doc_number.upper() else None
    small, large = sorted((a.shingles, b.shingles), key=len)
    if small and len(small & large) / len(small) >= SIMILARITY_THRESHOLD:
        return "same text"
    return None


def _completeness(c: _Candidate) -> tuple[int, int, str]:
    return (sum(len(u.text) for u in c.text.units), len(c.text.units), c.text.source_file)


def group_copies(candidates: list[_Candidate]) -> list[list[tuple[_Candidate, str | None]]]:
    """Files holding the same document, most complete copy first."""
    groups: list[list[tuple[_Candidate, str | None]]] = []
    for cand in sorted(candidates, key=lambda c: (-_completeness(c)[0], c.text.source_file)):
        for group in groups:
            reason = _same_document(group[0][0], cand)
            if reason:
                group.append((cand, reason))
                break
        else:
            groups.append([(cand, None)])
    return groups


def _merged_meta(group: list[tuple[_Candidate, str | None]]) -> DocumentMeta:
    meta = group[0][0].meta
    for cand, _ in group[1:]:
        other = cand.meta
        meta = replace(
            meta,
            doc_number=meta.doc_number or other.doc_number,
            issued_date=meta.issued_date or other.issued_date,
            plan_year=meta.plan_year if meta.plan_year is not None else other.plan_year,
            area_name=meta.area_name or other.area_name,
            title=meta.title if len(meta.title) >= 20 else (other.title or meta.title),
        )
    return meta


def _conform(row, fact_type: str, unresolved: list[Unresolved]):
    """Codes a document states that the reference does not know are reported and left empty."""
    vocab = vocabulary()
    changes: dict[str, object] = {}
    known_projects = set(vocab.project_numbers.values())
    known_subs = set(vocab.sub_projects.values())
    checks = [
        ("project_code", row.project_code, row.project_code is not None and row.project_code not in known_projects),
        (
            "sub_project_code",
            row.sub_project_code,
            row.sub_project_code is not None and row.sub_project_code not in known_subs,
        ),
        ("plan_year", row.plan_year, row.plan_year is not None and row.plan_year not in reference_years()),
    ]
    for column, value, bad in checks:
        if bad:
            changes[column] = None
            if column == "project_code":
                changes["sub_project_code"] = None
                changes["content_code"] = None if fact_type == "target" else changes.get("content_code")
            p = row.provenance
            unresolved.append(
                Unresolved(
                    row.document_id,
                    fact_type,
                    column,
                    str(value),
                    "code left empty",
                    p.source_file,
                    p.source_line,
                    p.figure_text,
                    p.source_quote,
                )
            )
    if fact_type == "funding":
        changes.pop("content_code", None)
    return replace(row, **changes) if changes else row


def extract_document(
    text: DocumentText, meta: DocumentMeta, document_id: str, unresolved: list[Unresolved] | None = None
) -> tuple[list[TargetRow], list[FundingRow], list[Breakdown]]:
    is_web = text.format == "html" or meta.doc_kind == "news"
    skip = chrome.chrome_lines(text.units, is_web)
    units = [u for u in text.units if u.line not in skip]
    outline = list(walk_outline(units))
    default_program = "DTTS"
    doc = DocContext(document_id, text.source_file, meta, default_program)
    targets = prose_targets(doc, outline)
    funding = prose_funding(doc, outline)
    t_targets, t_funding, t_breakdowns = table_rows(doc, outline, text.format)
    report = unresolved if unresolved is not None else []
    kept_targets = []
    for row in targets + t_targets:
        if row.unit_raw.lower() not in vocabulary().unit_variants:
            p = row.provenance
            report.append(
                Unresolved(
                    document_id,
                    "target",
                    "unit_raw",
                    row.unit_raw,
                    "row kept out of the facts",
                    p.source_file,
                    p.source_line,
                    p.figure_text,
                    p.source_quote,
                )
            )
            continue
        kept_targets.append(_conform(row, "target", report))
    funding = [_conform(r, "funding", report) for r in funding]
    t_funding = [_conform(r, "funding", report) for r in t_funding]
    lines = [*funding, *t_funding]
    breakdown_of = {f.line_code: f.breakdown or "complete" for f in lines}
    tree = [
        Breakdown(
            document_id, f.parent_line_code, f.line_code, "tree", breakdown_of.get(f.parent_line_code, "complete")
        )
        for f in lines
        if f.parent_line_code
    ]
    return kept_targets, funding + t_funding, tree + t_breakdowns


def extract_folder(
    root: Path, *, max_bytes: int = 20_000_000, progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None
) -> Extraction:
    result = Extraction()
    overrides = load_manifest(root)
    paths = [p for p in iter_document_paths(root) if not is_metadata_file(p)]
    candidates: list[_Candidate] = []
    for path in progress(paths) if progress else paths:
        name = path.relative_to(root).as_posix()
        outcome = read_and_identify(path, root, overrides.get(name), max_bytes)
        if isinstance(outcome, Rejection):
            log.warning("rejected %s: %s", outcome.source_file, outcome.detail)
            result.rejected.append(outcome)
        else:
            candidates.append(outcome)
    for group in group_copies(candidates):
        primary = group[0][0]
        meta = _merged_meta(group)
        document_id = document_id_for(meta)
        try:
            unresolved: list[Unresolved] = []
            targets, funding, breakdowns = extract_document(primary.text, meta, document_id, unresolved)
        except Exception as exc:  # an extraction bug on one document must not cost the others
            log.exception("%s: unexpected error while extracting", primary.text.source_file)
            for cand, _ in group:
                result.rejected.append(
                    Rejection(
                        cand.text.source_file,
                        "extraction_error",
                        f"{cand.text.source_file}: extraction failed ({type(exc).__name__}: {exc}); please report it",
                    )
                )
            continue
        files = tuple(sorted(c.text.source_file for c, _ in group))
        result.documents.append(
            DocumentRecord(document_id, files, primary.text.source_file, meta, len(targets), len(funding))
        )
        for cand, reason in group:
            t = cand.text
            result.files.append(
                FileRecord(
                    t.source_file,
                    document_id,
                    t.sha256,
                    t.size_bytes,
                    t.format,
                    t.encoding,
                    len(t.units),
                    cand is primary,
                    None if cand is primary else primary.text.source_file,
                    reason,
                )
            )
        result.targets.extend(targets)
        result.funding.extend(funding)
        result.breakdowns.extend(breakdowns)
        result.unresolved.extend(unresolved)
    for rej in result.rejected:
        path = root / rej.source_file
        digest, size = file_digest(path) if path.is_file() else ("", 0)
        result.files.append(
            FileRecord(rej.source_file, None, digest, size, path.suffix.lstrip(".").lower(), None, 0, False, None, None)
        )
    return result
