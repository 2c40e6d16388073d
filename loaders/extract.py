"""From a folder of documents to extracted rows: read every file, identify each document, fold copies of the same
document together, and extract targets and funding lines from the most complete copy. One bad file never stops
the others: it becomes a rejection with its file name and a reason."""

from __future__ import annotations

import array
import ast
import contextlib
import csv
import datetime as dt
import functools
import gc
import hashlib
import json
import logging
import math
import multiprocessing
import os
import pickle
import re
import shutil
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from loaders import attribution, chrome, csvout, mentions, periods, segment
from loaders.funding import prose_funding
from loaders.identify import DocumentMeta, IdentifyError, identify
from loaders.mentions import TreeRef
from loaders.model import Breakdown, FundingRow, TargetRow, Unresolved
from loaders.ocr import OcrSettings
from loaders.outline import OutlineUnit, walk_outline
from loaders.read import (
    DEFAULT_MAX_SCAN_BYTES,
    DocumentText,
    ReadError,
    file_digest,
    is_paged,
    list_documents,
    read_document,
)
from loaders.reference import reference_dir, reference_years, vocabulary
from loaders.review import review
from loaders.spool import Spool, Spooled, SpooledFragments, joined
from loaders.tables import table_rows
from loaders.targets import DocContext, prose_targets
from loaders.textnorm import key_of, name_key

log = logging.getLogger(__name__)

MANIFEST_NAMES = ("manifest.csv",)
SIDECAR_SUFFIX = ".meta.json"
_DIGIT = re.compile(r"\d")
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
    """What a folder gave: one record per document and per file, the rejections, and each document's rows as CSV
    fragments. The fragments of a folder's extraction lie in a spool file on disk (loaders/spool.py) and are read
    one document at a time; a Mapping held in memory does as well (tests, deltas)."""

    documents: list[DocumentRecord] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)
    fragments: Mapping[str, dict[str, bytes]] = field(default_factory=dict)  # document id -> table -> CSV lines
    rejected: list[Rejection] = field(default_factory=list)
    fresh_documents: set[str] = field(default_factory=set)  # ids of documents read in this run (not cached)
    ocr_pages: int = 0  # pages read by OCR in the loaded documents' primary files (from the OCR cache or not)
    n_held: int = 0  # figures read by OCR and held back for review (extracted_held_figures.csv)

    @property
    def n_targets(self) -> int:
        return sum(d.n_targets for d in self.documents)

    @property
    def n_funding_lines(self) -> int:
        return sum(d.n_funding_lines for d in self.documents)


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


def is_metadata_name(name: str) -> bool:
    return name in MANIFEST_NAMES or name.endswith(SIDECAR_SUFFIX)


def _shingles(text: DocumentText, size: int = 6) -> bytes:
    """Word 6-grams that carry a figure: what copies of one document share and documents written from one
    template do not. Stable across processes (crc32, not Python's salted hash)."""
    words = key_of(" ".join(u.text for u in text.units)).split()
    digit_at = [i for i, w in enumerate(words) if _DIGIT.search(w)]
    starts: set[int] = set()
    for i in digit_at:  # every window that holds word i
        starts.update(range(max(0, i - size + 1), min(i, len(words) - size) + 1))
    hashes = sorted({zlib.crc32(" ".join(words[s : s + size]).encode("utf-8")) for s in starts})
    return array.array("I", hashes).tobytes()  # compact in the cache; a set only when compared


@dataclass
class FileOutcome:
    """Everything read from one file, before copies are folded together (picklable, cacheable)."""

    source_file: str
    sha256: str
    size_bytes: int
    format: str
    encoding: str | None
    n_units: int
    n_chars: int
    meta: DocumentMeta
    shingles: bytes | None  # sorted crc32 values (array 'I'); None: in the cache entry (shingles_of)
    document_id: str  # the id the file's rows carry: its own, as a document on its own
    fragments: dict[str, bytes]  # table -> the rows as CSV lines (emptied once they are in the spool)
    n_targets: int
    n_funding_lines: int
    ocr_pages: int = 0
    n_held: int = 0  # rows of extracted_held_figures
    spooled: Spooled | None = None  # where the fragments lie once spooled


def process_file(
    path: Path, root: Path, overrides: dict[str, str] | None, max_bytes: int, ocr: OcrSettings | None = None
) -> FileOutcome | Rejection:
    """Read, identify and extract one file. Never raises: a failure is a rejection naming the file."""
    name = path.relative_to(root).as_posix()
    try:
        text = read_document(path, root, max_bytes=max_bytes, ocr=ocr)
    except ReadError as exc:
        return Rejection(exc.source_file, exc.reason, exc.detail)
    except Exception as exc:  # a reader bug must not cost the other documents
        log.exception("%s: unexpected error while reading", name)
        return Rejection(name, "read_error", f"{name}: could not be read ({type(exc).__name__}: {exc})")
    try:
        meta = identify(text.units, overrides, dict(text.properties))
    except IdentifyError as exc:
        return Rejection(name, exc.reason, f"{name}: {exc.detail}")
    try:
        unresolved: list[Unresolved] = []
        meta, dropped = conform_meta(meta)
        # the id this file gets when it is a document on its own (the usual case); copies are re-keyed later
        own_id = document_id_for(meta, text.sha256)
        targets, funding, breakdowns = extract_document(text, meta, own_id, unresolved)
        meta, dropped_later = conform_meta(with_period_of_figures(meta, [*targets, *funding]))
        if document_id_for(meta, text.sha256) != own_id:  # the year its figures gave it is part of its identity
            new_id = document_id_for(meta, text.sha256)
            targets, funding, breakdowns, unresolved = (
                [replace(r, document_id=new_id) for r in rows] for rows in (targets, funding, breakdowns, unresolved)
            )
            own_id = new_id
        for column, stated, quote in [*dropped, *dropped_later]:
            unresolved.append(
                Unresolved(own_id, "document", column, stated, "value left empty", name, None, None, stated, quote)
            )
        # figures read by OCR that are not sure are held back for a person to check (loaders/review.py)
        checked = review(text.units, targets, funding, breakdowns, ocr.dpi if ocr and text.format == "pdf" else None)
        targets, funding, breakdowns = checked.targets, checked.funding, checked.breakdowns
        rendered = csvout.fragments(targets, funding, breakdowns, unresolved, checked.held)
    except Exception as exc:  # an extraction bug on one document must not cost the others
        log.exception("%s: unexpected error while extracting", name)
        return Rejection(
            name, "extraction_error", f"{name}: extraction failed ({type(exc).__name__}: {exc}); please report it"
        )
    return FileOutcome(
        name,
        text.sha256,
        text.size_bytes,
        text.format,
        text.encoding,
        len(text.units),
        sum(len(u.text) for u in text.units),
        meta,
        _shingles(text),
        own_id,
        rendered,
        len(targets),
        len(funding),
        text.ocr_pages,
        len(checked.held),
    )


NEWS_KINDS = ("news",)  # documents whose year is the span of their figures' years, not a year their title names


def with_period_of_figures(meta: DocumentMeta, rows: list) -> DocumentMeta:
    """A news item covers the years of its figures: one year is its plan year; several years make it a document
    over a period, with no plan year. Plans, decisions and reports keep the year their title names."""
    if meta.doc_kind not in NEWS_KINDS:
        return meta
    starts = [r.period_start_year for r in rows if r.period_start_year is not None]
    ends = [r.period_end_year for r in rows if r.period_end_year is not None]
    if not starts or not ends:
        return meta
    first, last = min(starts), max(ends)
    return replace(meta, plan_year=first if first == last else None, period_start_year=first, period_end_year=last)


def conform_meta(meta: DocumentMeta) -> tuple[DocumentMeta, list[tuple[str, str, str]]]:
    """What a document says of itself that the warehouse cannot hold, left empty and reported like an unknown
    code (column, value, evidence): a date that is no day of the calendar ('ngày 31 tháng 02', a misprint), a year
    outside the reference calendar. One document's misprint must not stop the load of every other document."""
    changes: dict[str, object] = {}
    dropped: list[tuple[str, str, str]] = []
    if meta.issued_date:
        try:
            dt.date.fromisoformat(meta.issued_date)
        except ValueError:
            changes["issued_date"] = None
            dropped.append(("issued_date", meta.issued_date, meta.evidence.get("issued_date", "")))
    if meta.plan_year is not None and meta.plan_year not in reference_years():
        changes["plan_year"] = None
        dropped.append(("plan_year", str(meta.plan_year), meta.evidence.get("plan_year", "")))
    return (replace(meta, **changes) if changes else meta), dropped


def document_id_for(meta: DocumentMeta, primary_sha256: str) -> str:
    """A stable id from the document's identity: issuer (province, level, area), number and issue date (or year)
    when it has a number (numbers are unique per issuer and year, and copies share their date); otherwise its kind,
    year, title and the primary copy's content."""
    if meta.doc_number:
        key = (
            f"{meta.province_code}|{meta.admin_level}|{meta.area_name or ''}|{meta.doc_number.upper()}|"
            f"{meta.issued_date or meta.plan_year}"
        )
    else:
        key = (
            f"{meta.province_code}|{meta.admin_level}|{meta.area_name or ''}|{meta.doc_kind}|{meta.plan_year}|"
            f"{name_key(meta.title)}|{primary_sha256}"
        )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _same_document(a: FileOutcome, b: FileOutcome, b_shingles: set[int] | None = None) -> str | None:
    """Why `a` and `b` hold one document, or None (`b_shingles`: b's shingles as a set, when already made)."""
    if a.sha256 == b.sha256:
        return "identical bytes"
    ma, mb = a.meta, b.meta
    if (ma.province_code, ma.admin_level, ma.area_name) != (mb.province_code, mb.admin_level, mb.area_name):
        return None
    if ma.doc_number and mb.doc_number:
        same_year = (ma.issued_date or "")[:4] == (mb.issued_date or "")[:4] or ma.plan_year == mb.plan_year
        same = ma.doc_number.upper() == mb.doc_number.upper() and same_year and _dates_agree(ma, mb)
        return "same document number" if same else None
    if (ma.doc_kind, ma.plan_year) != (mb.doc_kind, mb.plan_year):
        return None
    return "same text" if _similar(shingles_of(a), shingles_of(b), b_shingles) else None


def _similar(a: bytes, b: bytes, b_set: set[int] | None = None) -> bool:
    """At least SIMILARITY_THRESHOLD of the shorter text's shingles are in the longer one's. Shingles are distinct
    (sorted, 4 bytes each), so the sizes come from the bytes and only one side is made a set: a file is compared
    with every earlier document of its block, and its own set is made once for all of them."""
    shorter = min(len(a), len(b)) // 4
    if shorter < 3:
        return False
    members = b_set if b_set is not None else _as_set(b)
    return len(members.intersection(_values(a))) / shorter >= SIMILARITY_THRESHOLD


def _dates_agree(a: DocumentMeta, b: DocumentMeta) -> bool:
    """Copies of one document carry its issue date: two dated files with one number but different dates are two
    documents (a number reused by mistake, or a generator's), not copies."""
    return not (a.issued_date and b.issued_date) or a.issued_date == b.issued_date


def _values(shingles: bytes) -> array.array:
    values = array.array("I")
    values.frombytes(shingles)
    return values


def _as_set(shingles: bytes) -> set[int]:
    return set(_values(shingles))


Group = list[tuple[FileOutcome, str | None]]  # the files of one document, the primary first, each with its reason
GroupMemo = dict[str, list[list[tuple[str, str | None]]]]  # issuer's files -> their groups, by file name


def _order(outcome: FileOutcome) -> tuple[int, str]:
    """The order in which files are grouped: the most complete copy first."""
    return (-outcome.n_chars, outcome.source_file)


def _issuer(meta: DocumentMeta) -> tuple:
    return (meta.province_code, meta.admin_level, meta.area_name)


def issuers(outcomes: Iterable[FileOutcome]) -> list[list[FileOutcome]]:
    """The files split into parts that copy detection never links to one another: a file is only ever a copy of
    one with the same issuer or the same bytes. Each part in grouping order."""
    parent: dict[tuple, tuple] = {}

    def root(key: tuple) -> tuple:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    by_sha: dict[str, tuple] = {}
    for out in outcomes:
        issuer = root(_issuer(out.meta))
        other = by_sha.setdefault(out.sha256, issuer)
        if root(other) != issuer:
            parent[issuer] = root(other)
    parts: dict[tuple, list[FileOutcome]] = {}
    for out in outcomes:
        parts.setdefault(root(_issuer(out.meta)), []).append(out)
    return [sorted(part, key=_order) for part in parts.values()]


def _part_key(part: list[FileOutcome], keys: Mapping[str, str] | None = None) -> str:
    """What an issuer's grouping depends on: its files' names, contents (the shingles and metadata come from them
    and the code, which the cache's fingerprint covers) and metadata (overrides from a manifest). `keys`: each
    file's cache key, which stands for all three (ExtractionCache.keys); without it, they are hashed."""
    h = hashlib.sha256()
    for out in part:
        known = keys.get(out.source_file) if keys is not None else None
        h.update(known.encode() if known else repr((out.source_file, out.sha256, out.n_chars, out.meta)).encode())
    return h.hexdigest()


def group_copies(
    outcomes: list[FileOutcome], memo: GroupMemo | None = None, keys: Mapping[str, str] | None = None
) -> list[Group]:
    """Files holding the same document, most complete copy first. With a `memo` (the groups of an earlier run,
    kept in the extraction cache), an issuer whose files are all unchanged keeps its groups without comparing
    texts again, and the memo is left holding this run's groups; the result is the same. `keys`: see _part_key."""
    if memo is None:
        return _group_copies(outcomes)
    groups: list[Group] = []
    used: GroupMemo = {}
    for part in issuers(outcomes):
        key = _part_key(part, keys)
        known = memo.get(key)
        if known is None:
            found = _group_copies(part)
            known = [[(out.source_file, reason) for out, reason in group] for group in found]
        else:
            by_name = {out.source_file: out for out in part}
            found = [[(by_name[name], reason) for name, reason in group] for group in known]
        used[key] = known
        groups.extend(found)
    memo.clear()
    memo.update(used)
    return sorted(groups, key=lambda group: _order(group[0][0]))


def _group_copies(outcomes: list[FileOutcome]) -> list[Group]:
    """Candidates are looked up, not scanned: identical bytes by hash, numbered documents by issuer, number, year
    and issue date, and texts compared only within a block of the same issuer, kind and year."""
    groups: list[Group] = []
    by_sha: dict[str, list[tuple[FileOutcome, str | None]]] = {}
    by_number: dict[tuple, list[list[tuple[FileOutcome, str | None]]]] = {}
    by_block: dict[tuple, list[list[tuple[FileOutcome, str | None]]]] = {}
    for out in sorted(outcomes, key=_order):
        m = out.meta
        issuer = _issuer(m)
        block = (*issuer, m.doc_kind, m.plan_year)
        group, reason = by_sha.get(out.sha256), "identical bytes"
        if group is None and m.doc_number:
            year = (m.issued_date or "")[:4] or m.plan_year
            numbered = by_number.get((*issuer, m.doc_number.upper(), year), [])
            group = next((g for g in numbered if _dates_agree(_merged_meta(g), m)), None)
            reason = "same document number"
        if group is None:
            own: set[int] | None = None
            for candidate in by_block.get(block, []):
                primary = candidate[0][0]
                if own is None and not (m.doc_number and primary.meta.doc_number):  # compared by shingles
                    own = _as_set(shingles_of(out))
                reason = _same_document(primary, out, own)
                if reason:
                    group = candidate
                    break
        if group is not None:
            group.append((out, reason))
            continue
        group = [(out, None)]
        groups.append(group)
        by_sha[out.sha256] = group
        by_block.setdefault(block, []).append(group)
        if m.doc_number:
            year = (m.issued_date or "")[:4] or m.plan_year
            by_number.setdefault((*issuer, m.doc_number.upper(), year), []).append(group)
    return groups


def _merged_meta(group: list[tuple[FileOutcome, str | None]]) -> DocumentMeta:
    meta = group[0][0].meta
    for out, _ in group[1:]:
        other = out.meta
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
                    p.span_start,
                    p.figure_text,
                    p.source_quote,
                )
            )
    if fact_type == "funding":
        changes.pop("content_code", None)
    return replace(row, **changes) if changes else row


LEAD_UNITS = 4  # the headline, dateline and lead paragraphs where a report says what date it stands at


def report_period(units: list, meta: DocumentMeta) -> tuple[int, int] | None:
    """The years of implementation a news item or report looks back on, stated in its lead ('Sau 3 năm triển khai
    (2022 - 2024), ...', 'Từ năm 2022 đến nay, ...'): the years of its running totals that state none."""
    if meta.doc_kind not in ("news", "progress_report") or not meta.issued_date:
        return None
    reference = dt.date.fromisoformat(meta.issued_date)
    body = [u.text for u in units if len(u.text.strip()) > 80][:LEAD_UNITS]
    for text in body:
        for t in periods.time_mentions(text):
            if t.so_far:
                timing = periods.resolve(t, reference)
                return timing.first_year, timing.last_year
    return None


def report_as_of(units: list, meta: DocumentMeta) -> str | None:
    """The date a news item or report stands at, stated in its lead ('Tính đến hết tháng 9/2024, lũy kế giải
    ngân ...'): the as-of date of its progress figures that state none."""
    if meta.doc_kind not in ("news", "progress_report"):
        return None
    reference = dt.date.fromisoformat(meta.issued_date) if meta.issued_date else None
    if reference is None:
        return None
    body = [u.text for u in units if len(u.text.strip()) > 80][:LEAD_UNITS]
    for text in body:
        for t in periods.time_mentions(text):
            if t.kind == "as_of" and t.as_of != periods.NOW:
                return periods.resolve(t, reference).as_of
    return None


# a news item that reports a decision allocating money: 'UBND tỉnh vừa ban hành Quyết định 742/QĐ-UBND về việc
# giao kế hoạch vốn ...', 'Theo Quyết định số 450/QĐ-UBND ..., UBND tỉnh phân bổ và giao dự toán ...'
_DECISION_ALLOCATES = re.compile(
    r"\b(?:quyết\s+định|nghị\s+quyết)\b[^.;]{0,120}?\b(?:phân\s+bổ|giao\s+(?:kế\s+hoạch|dự\s+toán|vốn|chi\s+tiết))",
    re.IGNORECASE,
)


# a news item that reports a plan: 'UBND tỉnh vừa ban hành kế hoạch thực hiện ...', 'Theo Kế hoạch thực hiện ...'
# (not 'đạt 60% theo kế hoạch', nor a plan issued long ago: 'đã ban hành Kế hoạch ...')
_REPORTS_A_PLAN = re.compile(
    r"\bvừa\s+(?:ban\s+hành|phê\s+duyệt)\s+kế\s+hoạch\b|(?:^|[.!?]\s+)theo\s+kế\s+hoạch\s+(?:thực\s+hiện|số|năm)\b",
    re.IGNORECASE,
)


def reported_measure(units: list, meta: DocumentMeta) -> str | None:
    """Targets, for a news item whose lead reports a plan; else what the document's kind says."""
    if meta.doc_kind not in attribution.HEADLINE_KINDS:
        return None
    body = [u.text for u in units if len(u.text.split()) >= 8][:2]  # the lead, past the headline and chrome
    return "target" if any(_REPORTS_A_PLAN.search(text) for text in body) else None


def reported_phase(units: list, meta: DocumentMeta) -> str:
    """The phase of a document's money where nothing nearer says: its kind's (attribution.DOC_PHASE), or allocated
    for a news item whose lead reports a decision that allocates it."""
    default = attribution.DOC_PHASE.get(meta.doc_kind, "planned")
    if meta.doc_kind not in attribution.HEADLINE_KINDS:
        return default
    body = [u.text for u in units if len(u.text.strip()) > 80][:LEAD_UNITS]
    return "allocated" if any(_DECISION_ALLOCATES.search(text) for text in body) else default


def extract_document(
    text: DocumentText, meta: DocumentMeta, document_id: str, unresolved: list[Unresolved] | None = None
) -> tuple[list[TargetRow], list[FundingRow], list[Breakdown]]:
    is_web = text.format == "html" or meta.doc_kind == "news"
    skip = chrome.chrome_lines(text.units, is_web)
    units = [u for u in text.units if u.line not in skip]
    outline = list(walk_outline(units))
    if meta.doc_kind in attribution.HEADLINE_KINDS:
        outline = about_one_project(outline)
    default_program = "DTTS"
    doc = DocContext(
        document_id,
        text.source_file,
        meta,
        default_program,
        report_as_of(units, meta),
        report_period(units, meta),
        reported_phase(units, meta),
        reported_measure(units, meta),
    )
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
                    p.span_start,
                    p.figure_text,
                    p.source_quote,
                )
            )
            continue
        kept_targets.append(_conform(row, "target", report))
    funding = [_conform(r, "funding", report) for r in funding]
    t_funding = [_conform(r, "funding", report) for r in t_funding]
    if meta.doc_kind in attribution.HEADLINE_KINDS:
        top = [u for u in units if u.text.strip()][:LEAD_UNITS]  # a headline heads the item
        headline = {
            u.line
            for u in top
            if meta.title and u.text.strip() == meta.title.strip() and not u.text.rstrip().endswith((".", ";"))
        }
        kept_targets = without_restated_headline(kept_targets, headline, lambda r: (r.target_value, r.unit_raw))
        funding = without_restated_headline(funding, headline, lambda r: r.amount_million_vnd)
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


def about_one_project(outline: list[OutlineUnit]) -> list[OutlineUnit]:
    """A news item about one project ('Theo Ban Dân tộc tỉnh, tổng nguồn vốn thực hiện năm 2024 Dự án 4 là ...'):
    its first sentence names the project by number and no other project is named by number anywhere; every
    figure of the item is that project's unless its own words say which part of it."""
    numbered = {
        t.ref.project_code
        for ou in outline
        for t in mentions.tree_mentions(ou.unit.text)
        if t.by_number and t.ref.project_code
    }
    body = [ou.unit.text for ou in outline if len(ou.unit.text.strip()) > 80 and not ou.is_heading]
    lead = body[0][: segment.sentence_of(body[0], 0)[1]] if body else ""
    named_in_lead = {t.ref.project_code for t in mentions.tree_mentions(lead) if t.by_number}
    if len(numbered) != 1 or named_in_lead != numbered:
        return outline
    project = TreeRef(numbered.pop())
    return [ou if ou.programme.project_code else replace(ou, programme=project) for ou in outline]


def without_restated_headline(rows: list, headline: set[int], value: Callable[[Any], object]) -> list:
    """A news headline's figure that the body states again ('Gần 500 tỷ đồng ...' over '... vốn đã phân bổ là gần
    500 tỷ đồng') is the body's figure: the row is the body's, with its context. A headline that rounds a body
    figure ('hơn 553 tỷ' for 553,5 tỷ) is a figure of its own and stays, and so does one a body line is part of."""
    body = {value(r) for r in rows if r.provenance.source_line not in headline}
    parents = {getattr(r, "parent_line_code", None) for r in rows}
    return [
        r
        for r in rows
        if r.provenance.source_line not in headline
        or value(r) not in body
        or getattr(r, "line_code", object()) in parents
    ]


class ExtractionCache:
    """Per-file results keyed by the file's bytes, its name, its manifest overrides and a fingerprint of the
    code extraction runs and the reference data (`fingerprint`): an unchanged document is never read again; a
    change in that code or the vocabulary re-reads everything.

    Each file's result is an entry of its own (its record pickled, then its rows). The records of the last run's
    files are also kept together in one snapshot (`RECORDS`, without the shingles, which copy detection reads
    from the entry when it needs them), so a national corpus is looked up with one read, not one per file. The
    records a run adds are appended to a journal (`JOURNAL`) instead of writing the snapshot again; the snapshot
    is rewritten when files are gone or the journal has grown to a tenth of it."""

    RECORDS = "records.pickle"
    JOURNAL = "records.journal"

    def __init__(self, directory: Path):
        self.directory = directory / fingerprint()
        self.directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.iterdir():  # results of older code or reference data are never read again
            if stale.is_dir() and stale != self.directory:
                shutil.rmtree(stale, ignore_errors=True)
        self._index_path = directory / "stat_index.json"
        try:
            self._index: dict[str, list] = json.loads(self._index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._index = {}
        self._index_dirty = False
        self._records: dict[str, FileOutcome | Rejection] = self._load(self.directory / self.RECORDS)
        self._journaled = self._replay(self.directory / self.JOURNAL, self._records)
        self._kept: dict[str, FileOutcome | Rejection] = {}  # the records this run used or stored
        self._added: dict[str, FileOutcome | Rejection] = {}  # ... and those of them the snapshot lacks
        self.keys: dict[str, str] = {}  # file name -> its entry's key, for each file looked up or stored

    def digest(self, path: str | Path, name: str, st: os.stat_result | None = None) -> tuple[str, int]:
        """The file's SHA-256, recomputed only when its size, modification time or inode changed (the way git's
        index avoids re-hashing a working tree). `st`: the file's stat, when already taken."""
        st = st if st is not None else os.stat(path)
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        known = self._index.get(name)
        if known and known[:3] == stamp:
            return known[3], st.st_size
        sha, size = file_digest(Path(path))
        self._index[name] = [*stamp, sha]
        self._index_dirty = True
        return sha, size

    def groups(self) -> GroupMemo:
        """The copies found by the last run, per issuer (see group_copies)."""
        memo = self._load(self.directory / "groups.pickle")
        return memo if isinstance(memo, dict) else {}

    def save_groups(self, memo: GroupMemo) -> None:
        _dump(self.directory / "groups.pickle", memo)

    def save_index(self) -> None:
        if self._index_dirty:
            tmp = self._index_path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self._index), encoding="utf-8")
            os.replace(tmp, self._index_path)

    def save_records(self) -> None:
        """Keep this run's records for the next: the records it added appended to the journal, or, when files are
        gone (their records are dropped) or the journal has grown large, a new snapshot of this run's records."""
        gone = self._records.keys() - self._kept.keys()
        journal = self.directory / self.JOURNAL
        if gone or self._journaled + len(self._added) > max(1000, len(self._kept) // 10):
            _dump(self.directory / self.RECORDS, {key: _record(value) for key, value in self._kept.items()})
            journal.unlink(missing_ok=True)
            self._records, self._journaled = dict(self._kept), 0
        elif self._added:
            with journal.open("ab") as f, gc_paused():
                for key, value in self._added.items():
                    pickle.dump((key, _record(value)), f, protocol=pickle.HIGHEST_PROTOCOL)
            self._records.update(self._added)
            self._journaled += len(self._added)
        self._added = {}

    @staticmethod
    def _replay(path: Path, records: dict) -> float:
        """Apply the journal's records to `records`; returns how many it holds, or infinity when it ends in a torn
        or unreadable record (the next save then writes the snapshot anew, and the files whose records were lost
        are looked up in their entries meanwhile)."""
        n = 0
        try:
            with path.open("rb") as f, gc_paused():
                size = os.fstat(f.fileno()).st_size
                while f.tell() < size:
                    key, value = pickle.load(f)
                    records[key] = value
                    n += 1
        except FileNotFoundError:
            return 0
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            return math.inf
        return n

    @staticmethod
    def _load(path: Path) -> dict:
        try:
            with path.open("rb") as f, gc_paused():
                value = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def _key(self, sha256: str, name: str, overrides: dict[str, str] | None) -> str:
        listed = json.dumps(overrides, sort_keys=True) if overrides else "{}"
        return hashlib.sha256(f"{sha256}|{name}|{listed}".encode()).hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], f"{key}.pickle")

    def get(self, sha256: str, name: str, overrides: dict[str, str] | None) -> FileOutcome | Rejection | None:
        """The file's result; a FileOutcome's rows are left where they lie in the cache entry, unread (its
        `spooled` entry points at them), and its shingles too when the record comes from the snapshot."""
        key = self._key(sha256, name, overrides)
        path = self._path(key)
        record = self._records.get(key)
        known = record is not None
        if not known:
            record = self._read(path)
        if isinstance(record, FileOutcome):
            entry = record.spooled
            try:
                size = os.stat(path).st_size
            except OSError:
                return None
            if entry is None or size != entry.offset + sum(entry.sizes):  # rows cut short or grown: read it again
                return None
            record.spooled = Spooled(entry.offset, entry.sizes, entry.digest, path)
        if record is not None:
            self._kept[key] = record
            self.keys[name] = key
            if not known:
                self._added[key] = record  # the records gain it
        return record

    @staticmethod
    def _read(path: str) -> FileOutcome | Rejection | None:
        """A cache entry's record (the offset of its rows set), or None when there is none that can be read."""
        try:
            with open(path, "rb") as f:
                value = pickle.load(f)
                at = f.tell()
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            return None
        if isinstance(value, FileOutcome):
            if value.spooled is None:
                return None
            value.spooled = replace(value.spooled, offset=at, file=path)
        return value if isinstance(value, (FileOutcome, Rejection)) else None

    def put(
        self, sha256: str, name: str, overrides: dict[str, str] | None, value: FileOutcome | Rejection
    ) -> FileOutcome | Rejection:
        """Store a file's result: its record pickled, then its rows as they lie in a spool. Returns the result as
        `get` will: a FileOutcome's rows left in the cache entry (never written twice, to the spool too)."""
        key = self._key(sha256, name, overrides)
        path = Path(self._path(key))
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            if not isinstance(value, FileOutcome):
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            else:
                data, sizes, digest = joined(value.fragments)
                pickle.dump(replace(value, fragments={}, spooled=Spooled(0, sizes, digest)), f, pickle.HIGHEST_PROTOCOL)
                value = replace(value, fragments={}, spooled=Spooled(f.tell(), sizes, digest, str(path)))
                f.write(data)
        os.replace(tmp, path)
        self._kept[key] = self._added[key] = _record(value)
        self.keys[name] = key
        return value


def _record(value: FileOutcome | Rejection) -> FileOutcome | Rejection:
    """A result as the snapshot keeps it: without shingles (they stay in the file's entry)."""
    if isinstance(value, FileOutcome) and value.shingles is not None:
        return replace(value, shingles=None)
    return value


def _dump(path: Path, value: object) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as f, gc_paused():
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off while a corpus's records are made or read: they hold no cycles, and at
    100,000 files the collector's repeated passes over them cost more than the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def shingles_of(outcome: FileOutcome) -> bytes:
    """A file's shingles, read from its cache entry the first time when its record came without them."""
    if outcome.shingles is None:
        assert outcome.spooled is not None and outcome.spooled.file is not None, "shingles neither kept nor stored"
        with open(outcome.spooled.file, "rb") as f:
            outcome.shingles = pickle.load(f).shingles
    return outcome.shingles


@functools.cache
def fingerprint() -> str:
    """A hash of the source extraction runs (this module and the package's modules it imports, at any depth) and
    the reference seeds they read: a change in the build's other code (publishing, checks, exports) keeps every
    cached result."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted([*imported_sources(Path(__file__).resolve(), package), *reference_dir().glob("*.csv")]):
        h.update(path.relative_to(path.parents[1]).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def imported_sources(module: Path, package: Path) -> set[Path]:
    """`module` and every source file of `package` it imports, directly or through another (any import statement,
    inside functions too); a subpackage imported counts whole."""
    name = package.name
    seen: set[Path] = set()
    todo = [module, *[init for init in [package / "__init__.py"] if init.is_file()]]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            for dotted in modules:
                parts = dotted.split(".")
                if parts[0] != name or len(parts) < 2:
                    continue
                target = package.joinpath(*parts[1:])
                if target.is_dir():
                    todo.extend(target.rglob("*.py"))
                elif target.with_suffix(".py").is_file():
                    todo.append(target.with_suffix(".py"))
    return seen


FileJob = tuple[Path, Path, dict[str, str] | None, int, OcrSettings | None]  # process_file's arguments
FileMapper = Callable[[list[FileJob]], Iterable["FileOutcome | Rejection"]]


def _work(args: FileJob) -> FileOutcome | Rejection:
    return process_file(*args)


def extract_folder(
    root: Path,
    *,
    max_bytes: int = 20_000_000,
    progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
    workers: int | None = None,
    cache_dir: Path | None = None,
    ocr: OcrSettings | None = None,
    max_scan_bytes: int = DEFAULT_MAX_SCAN_BYTES,
    spool_dir: Path | None = None,
    map_files: FileMapper | None = None,
) -> Extraction:
    """Extract every document under `root`: files in parallel over `workers` processes (default: all cores),
    unchanged files from `cache_dir` when given, then copies folded together and ids assigned. Scanned pages are
    read by OCR with `ocr` (default: `OcrSettings()`, no OCR cache; pass one with a `cache_dir` so that a
    rebuild never reads a page twice, whatever changed in the code). `map_files`, when given, runs the files to
    read instead of the process pool (loaders/spark_extract.py maps them over a Spark cluster): it gets every
    file's `process_file` arguments and returns the outcomes in the same order.

    Memory stays bounded: each file's rows go to a spool file (in `spool_dir`, default the system's temporary
    folder; deleted with the result) as soon as its result arrives, and only the documents' and files' records
    are kept in memory to fold copies together."""
    ocr = ocr if ocr is not None else OcrSettings()
    result = Extraction()
    overrides = load_manifest(root)
    listed = [(name, full) for name, full in list_documents(root) if not is_metadata_name(name.rsplit("/", 1)[-1])]
    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    spool = Spool(spool_dir)
    outcomes: dict[str, FileOutcome | Rejection] = {}
    todo: list[tuple[str, str, str, int]] = []  # name, full path, digest, size
    with gc_paused():
        for name, full in listed:
            st = os.stat(full) if cache is not None else None
            if st is not None and _within_limit(full, st.st_size, max_bytes, max_scan_bytes):
                sha, size = cache.digest(full, name, st)
                hit = cache.get(sha, name, overrides.get(name))
                if hit is not None:
                    outcomes[name] = spooled(hit, spool)
                    continue
                todo.append((name, full, sha, size))
            else:
                todo.append((name, full, "", 0))
    n_workers = min(workers or os.cpu_count() or 1, max(1, len(todo) // 8))
    if n_workers > 1 and not ocr.jobs:  # pages in parallel within files in parallel: one OCR run per core in all
        ocr = replace(ocr, jobs=max(1, (os.cpu_count() or 1) // n_workers))
    jobs = ((Path(full), root, overrides.get(name), max_bytes, ocr) for name, full, _, _ in todo)
    todo_paths = [Path(full) for _, full, _, _ in todo]

    def keep(done: Iterable[FileOutcome | Rejection]) -> None:
        """Results as they arrive: rows into the cache entry (or, without a cache, the spool); nothing of a file's
        rows stays behind in memory."""
        for (name, _, sha, _), outcome in zip(todo, done, strict=True):
            if cache is not None and sha:
                outcome = cache.put(sha, name, overrides.get(name), outcome)
            outcomes[name] = spooled(outcome, spool)

    if map_files is not None:
        keep(_track(map_files(list(jobs)), todo_paths, progress))
    elif n_workers > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=n_workers, mp_context=context) as pool:
            keep(_track(pool.map(_work, jobs, chunksize=8), todo_paths, progress))
    else:
        keep(_track((_work(job) for job in jobs), todo_paths, progress))
    with gc_paused():
        if cache is not None:
            cache.save_index()
        ready = []
        for name, _ in listed:
            outcome = outcomes.pop(name)
            if isinstance(outcome, Rejection):
                log.warning("rejected %s: %s", outcome.source_file, outcome.detail)
                result.rejected.append(outcome)
            else:
                ready.append(outcome)
        result.fragments = SpooledFragments(spool)
        memo = cache.groups() if cache is not None else None
        assemble(result, ready, root, {name for name, _, _, _ in todo}, memo, cache.keys if cache else None)
        if cache is not None:
            cache.save_groups(memo)
            cache.save_records()
    return result


def _within_limit(path: str, size: int, max_bytes: int, max_scan_bytes: int) -> bool:
    """Under the size limit of its kind (a PDF or page image has its own): the file's head is only read when the
    size lies between the two limits."""
    if size <= min(max_bytes, max_scan_bytes):
        return True
    return size <= (max_scan_bytes if is_paged(Path(path)) else max_bytes)


def spooled(outcome: FileOutcome | Rejection, spool: Spool) -> FileOutcome | Rejection:
    """A file's result with its rows moved to the spool (unless they already lie in a cache file): what stays in
    memory is its record."""
    if isinstance(outcome, Rejection) or outcome.spooled is not None:
        return outcome
    return replace(outcome, fragments={}, spooled=spool.put(outcome.fragments))


def _track(results: Iterable, paths: list[Path], progress) -> Iterator:
    """Pass results through, advancing the progress display one file per result."""
    if progress is None:
        yield from results
        return
    ticks = iter(progress(paths))
    for item in results:
        next(ticks, None)
        yield item
    for _ in ticks:
        pass


def assemble(
    result: Extraction,
    outcomes: list[FileOutcome],
    root: Path,
    fresh: set[str],
    memo: GroupMemo | None = None,
    keys: Mapping[str, str] | None = None,
) -> None:
    """Fold copies of one document together and give each document its id: the records of `result`, and its
    fragments (a SpooledFragments when the outcomes' rows are in a spool, else a dict filled from the outcomes).
    `memo`: the copies an earlier run found, `keys`: the files' cache keys (see group_copies)."""
    seen_ids: set[str] = set()
    for group in group_copies(outcomes, memo, keys):
        primary = group[0][0]
        meta = _merged_meta(group)
        document_id = document_id_for(meta, primary.sha256)
        if document_id in seen_ids:  # two documents with one identity (a reused number): keep both, apart
            document_id = document_id_for(replace(meta, doc_number=None), primary.sha256)
        seen_ids.add(document_id)
        if primary.spooled is not None:
            assert isinstance(result.fragments, SpooledFragments)
            result.fragments.add(document_id, primary.spooled, primary.document_id)
        else:
            fragments = primary.fragments
            if document_id != primary.document_id:  # a copy brought metadata: the rows take the merged id
                old, new = primary.document_id.encode(), document_id.encode()
                fragments = {table: data.replace(old, new) for table, data in fragments.items()}
            assert isinstance(result.fragments, dict)
            result.fragments[document_id] = fragments
        if primary.source_file in fresh:
            result.fresh_documents.add(document_id)
        result.ocr_pages += primary.ocr_pages
        result.n_held += primary.n_held
        files = tuple(sorted(o.source_file for o, _ in group))
        result.documents.append(
            DocumentRecord(document_id, files, primary.source_file, meta, primary.n_targets, primary.n_funding_lines)
        )
        for out, reason in group:
            result.files.append(
                FileRecord(
                    out.source_file,
                    document_id,
                    out.sha256,
                    out.size_bytes,
                    out.format,
                    out.encoding,
                    out.n_units,
                    out is primary,
                    None if out is primary else primary.source_file,
                    reason,
                )
            )
    for rej in result.rejected:
        path = root / rej.source_file
        digest, size = file_digest(path) if path.is_file() else ("", 0)
        result.files.append(
            FileRecord(rej.source_file, None, digest, size, path.suffix.lstrip(".").lower(), None, 0, False, None, None)
        )
