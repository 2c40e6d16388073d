"""No wrong numbers from OCR: figures read from a scan that are not sure are held back for a person to check.

Runs after extraction, on one document's extracted rows and the OCR confidence of the words they were read
from (`TextUnit.words`). A target or funding figure is held back, not loaded, when

  * its digits are uncertain: a word of the figure has an OCR confidence under `MIN_CONFIDENCE`;
  * it fails a check the document itself offers, and its reading is not beyond doubt (confidence under
    `SURE_CONFIDENCE`, or `SURE_TWICE` when it fails two, as a misread table cell fails its row and its column):
    its parts do not add up to its total (a "trong đó" breakdown, a table's row tree or its
    column totals, within the precision the figures are printed to), or the amount written in words next to it
    ("(Bằng chữ: ...)") says another number.

A failed check whose figures are all read beyond doubt is the document's own arithmetic, kept and reported by
the reconciliation report as in a text document. Figures from a text layer or a text file are never held.
Each held figure keeps its file, page, box on the page, confidence and reason (`HeldFigure`); the rows that hung
on a held line lose that link (they become roots, their breakdown partial), so nothing loaded refers to a
figure that was not loaded.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from loaders.formats.units import TextUnit
from loaders.model import Breakdown, FundingRow, TargetRow

MIN_CONFIDENCE = 80.0
SURE_CONFIDENCE = 86.0  # a figure failing one check is held under this confidence
SURE_TWICE = 90.0  # and one failing two checks (its row and its column) under this


@dataclass(frozen=True)
class HeldFigure:
    held_id: str  # stable: the document, the fact, its line and place in the text
    document_id: str
    fact_type: str  # target | funding
    line_code: str | None  # funding: the line's code
    label: str  # funding: its label; target: the indicator
    value: Decimal  # as read: million VND for funding, the target's value in its unit
    unit: str
    reason: str  # uncertain_digits | parts_do_not_add_up | amount_in_words_differs
    detail: str
    confidence: float | None  # the lowest OCR confidence of the figure's words (0-100)
    source_file: str
    source_line: int
    source_locator: str
    span_start: int  # the figure's offset in its text unit
    page: int | None
    x0: float | None  # the figure's box on the page (pixels of the straightened page image at `dpi`)
    top: float | None
    x1: float | None
    bottom: float | None
    dpi: float | None
    figure_text: str
    source_quote: str


@dataclass
class Reviewed:
    targets: list[TargetRow]
    funding: list[FundingRow]
    breakdowns: list[Breakdown]
    held: list[HeldFigure]


def review(
    units: Sequence[TextUnit],
    targets: list[TargetRow],
    funding: list[FundingRow],
    breakdowns: list[Breakdown],
    dpi: float | None = None,
) -> Reviewed:
    by_line = {u.line: u for u in units}
    if not any(u.words and any(w.conf is not None for w in u.words) for u in units):
        return Reviewed(targets, funding, breakdowns, [])
    reasons: dict[int, tuple[str, str]] = {}  # id(row) -> (reason, detail)

    def conf(row) -> tuple[float | None, tuple | None]:
        return _figure_confidence(by_line.get(row.provenance.source_line), row.provenance)

    for row in [*targets, *funding]:
        c, _ = conf(row)
        if c is not None and c < MIN_CONFIDENCE:
            reasons[id(row)] = ("uncertain_digits", f"OCR confidence {c:.0f} < {MIN_CONFIDENCE:.0f}")
    by_code = {f.line_code: f for f in funding}
    failed: dict[int, list[str]] = defaultdict(list)
    for parent_code, parts, axis in _relations(funding, breakdowns):
        parent = by_code.get(parent_code)
        children = [by_code[c] for c in parts if c in by_code]
        if parent is None or len(children) < 2 or _adds_up(parent, children):
            continue
        stated = sum((c.amount_million_vnd for c in children), Decimal(0))
        for row in (parent, *children):
            failed[id(row)].append(
                f"{axis}: {parent.line_code} = {parent.amount_million_vnd} but its parts add up to {stated}"
            )
    for row in funding:
        c, _ = conf(row)
        checks = failed.get(id(row), [])
        if c is None or id(row) in reasons or not checks:
            continue
        if c < SURE_CONFIDENCE or (len(checks) >= 2 and c < SURE_TWICE):
            reasons[id(row)] = ("parts_do_not_add_up", f"OCR confidence {c:.0f}; " + "; ".join(checks))
    for row in funding:
        unit = by_line.get(row.provenance.source_line)
        if unit is None or id(row) in reasons or conf(row)[0] is None:
            continue
        words = amount_in_words_after(unit.text, row.provenance.span_start + len(row.provenance.figure_text))
        if words is not None and abs(words - row.amount_million_vnd) > row.precision_million_vnd + Decimal("0.001"):
            reasons[id(row)] = ("amount_in_words_differs", f"the amount in words is {words} million VND")
    if not reasons:
        return Reviewed(targets, funding, breakdowns, [])
    found = (_held(r, reasons[id(r)], by_line, dpi) for r in [*targets, *funding] if id(r) in reasons)
    held = list({h.held_id: h for h in found}.values())
    kept_targets = [t for t in targets if id(t) not in reasons]
    held_codes = {f.line_code for f in funding if id(f) in reasons}
    partial_parents = {f.parent_line_code for f in funding if id(f) in reasons and f.parent_line_code}
    partial_parents |= {b.parent_line_code for b in breakdowns if b.child_line_code in held_codes}
    kept_funding = []
    for f in funding:
        if id(f) in reasons:
            continue
        changes: dict[str, object] = {}
        if f.parent_line_code in held_codes:
            changes["parent_line_code"] = None
        if f.line_code in partial_parents and f.breakdown:
            changes["breakdown"] = "partial"
        kept_funding.append(replace(f, **changes) if changes else f)
    kept_breakdowns = [
        replace(b, breakdown="partial") if b.parent_line_code in partial_parents else b
        for b in breakdowns
        if b.parent_line_code not in held_codes and b.child_line_code not in held_codes
    ]
    return Reviewed(kept_targets, kept_funding, kept_breakdowns, held)


def _figure_confidence(unit: TextUnit | None, p) -> tuple[float | None, tuple | None]:
    """The lowest confidence of the OCR'd words the figure lies in, and the figure's box (page, x0, top, x1,
    bottom)."""
    if unit is None or not unit.words:
        return None, None
    start, end = p.span_start, p.span_start + max(1, len(p.figure_text))
    found = unit.text.find(p.figure_text, p.span_start) if p.figure_text else -1
    if found >= 0:
        start, end = found, found + len(p.figure_text)
    words = [w for w in unit.words if w.start < end and w.end > start]
    confs = [w.conf for w in words if w.conf is not None]
    if not words:
        return None, None
    box = (words[0].page, min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words),
           max(w.bottom for w in words))  # fmt: skip
    return (min(confs) if confs else None), box


def _relations(funding: list[FundingRow], breakdowns: list[Breakdown]) -> list[tuple[str, list[str], str]]:
    """(whole, parts, axis) for every complete breakdown: the tree of lines and a table's column totals."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    complete = {f.line_code for f in funding if (f.breakdown or "complete") == "complete"}
    for f in funding:
        if f.parent_line_code and f.parent_line_code in complete:
            out[(f.parent_line_code, "tree")].append(f.line_code)
    for b in breakdowns:
        if b.axis == "column" and b.breakdown == "complete":
            out[(b.parent_line_code, "column")].append(b.child_line_code)
    return [(parent, parts, axis) for (parent, axis), parts in out.items()]


def _adds_up(parent: FundingRow, children: list[FundingRow]) -> bool:
    stated = sum((c.amount_million_vnd for c in children), Decimal(0))
    slack = parent.precision_million_vnd + sum((c.precision_million_vnd for c in children), Decimal(0))
    return abs(stated - parent.amount_million_vnd) <= slack + Decimal("0.0005")


def _held(row: TargetRow | FundingRow, why: tuple[str, str], by_line: dict[int, TextUnit], dpi) -> HeldFigure:
    p = row.provenance
    confidence, box = _figure_confidence(by_line.get(p.source_line), p)
    page, x0, top, x1, bottom = box if box else (None, None, None, None, None)
    if isinstance(row, FundingRow):
        fact, code, label, value, unit = "funding", row.line_code, row.label, row.amount_million_vnd, "triệu đồng"
    else:
        fact, code, label, value, unit = "target", None, row.indicator_name, row.target_value, row.unit_raw
    key = f"{row.document_id}|{fact}|{code}|{label}|{p.source_file}|{p.source_line}|{p.span_start}|{value}"
    return HeldFigure(
        hashlib.sha256(key.encode("utf-8")).hexdigest()[:16], row.document_id, fact, code, label, value, unit,
        why[0], why[1], None if confidence is None else round(confidence, 1),
        p.source_file, p.source_line, p.source_locator, p.span_start, page, x0, top, x1, bottom, dpi, p.figure_text,
        p.source_quote,
    )  # fmt: skip


# ----------------------------------------------------------------------------------------------- amounts in words
_DIGITS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "nhăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
_GROUPS = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_IN_WORDS = re.compile(r"^\s*\(?\s*(?:bằng\s+chữ|viết\s+bằng\s+chữ)\s*:\s*([^)]*)", re.IGNORECASE)


def amount_in_words_after(text: str, end: int) -> Decimal | None:
    """The amount, in million VND, written in words just after a figure: '412.786 triệu đồng (Bằng chữ: Bốn trăm
    mười hai tỷ, bảy trăm tám mươi sáu triệu đồng)'. None when there is none or it cannot be read."""
    tail = text[end:]
    unit = re.match(r"\s*(nghìn tỷ|tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND)?\s*", tail, re.IGNORECASE)
    if unit is None:
        return None
    m = _IN_WORDS.match(tail[unit.end() :])
    if m is None:
        return None
    value = words_to_number(m.group(1))
    return None if value is None else Decimal(value) / Decimal(10**6)


def words_to_number(words: str) -> int | None:
    """Vietnamese number words to the number of đồng: 'bốn trăm mười hai tỷ, bảy trăm tám mươi sáu triệu đồng'."""
    tokens = re.findall(r"[^\W\d_]+", words.lower())
    total, group, current, seen = 0, 0, 0, False
    last_group = None
    for tok in tokens:
        if tok in ("đồng", "chẵn", "và", "lẻ", "linh", "lẽ"):
            continue
        if tok in _DIGITS:
            current = _DIGITS[tok]
            seen = True
        elif tok in ("mười", "mươi"):
            current = (current or 1) * 10 if tok == "mươi" else 10
            group += current
            current = 0
            seen = True
        elif tok == "trăm":
            group += (current or 1) * 100
            current = 0
            seen = True
        elif tok in _GROUPS:
            scale = _GROUPS[tok]
            group += current
            current = 0
            if last_group is not None and scale > last_group:
                total = (total + group) * scale  # 'nghìn tỷ'
            else:
                total += group * scale
            group, last_group = 0, scale
        else:
            return None
    total += group + current
    return total if seen else None
