"""Appendix tables keyed cell by cell: line_id 'ROW|COL', parent_line_id linking rows within one column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from benchmarks.compose import Ctx
from benchmarks.funding import maybe_inject
from benchmarks.model import Funding, Piece
from benchmarks.numbers import plain_decimal, vn_number


@dataclass
class TCol:
    cid: str
    key_label: str
    area: str = ""
    capital_type: str = ""
    budget_level: str = ""


@dataclass
class TRow:
    rid: str
    stt: str
    label: str
    key_label: str
    code: str = ""
    parent: str = ""
    values: dict[str, Decimal] = field(default_factory=dict)
    note: str = ""


def sum_rows(rows: list[TRow], cols: list[TCol]) -> dict[str, Decimal]:
    return {c.cid: sum((r.values.get(c.cid, Decimal(0)) for r in rows), Decimal(0)) for c in cols}


def cell_rows(
    ctx: Ctx, trows: list[TRow], cols: list[TCol], suffix: str, sign: Callable[[str], int] | None = None
) -> dict[tuple[str, str], Funding]:
    """One key row per non-empty cell; amounts signed by `sign(col id)` (adjustments)."""
    keyed: dict[tuple[str, str], Funding] = {}
    for r in trows:
        kids = [k for k in trows if k.parent == r.rid]
        for c in cols:
            v = r.values.get(c.cid, Decimal(0))
            if v == 0 and not any(k.values.get(c.cid) for k in kids):
                continue
            s = sign(c.cid) if sign else 1
            parent = f"{r.parent}|{c.cid}" if r.parent else ""
            keyed[(r.rid, c.cid)] = ctx.fund(
                f"{r.rid}|{c.cid}",
                f"{r.key_label} - {c.key_label}{suffix}",
                v * s,
                parent_line_id=parent,
                capital_type=c.capital_type,
                budget_level=c.budget_level,
                project_code=r.code,
                area_name=c.area,
            )
    maybe_inject(ctx, list(keyed.values()))
    return keyed


def cell_text(
    ctx: Ctx, value: Decimal | None, places: int | None, blank: str, fmt: Callable[[Decimal], str] | None
) -> str:
    if value is None:
        return blank
    if fmt is not None:
        return fmt(value)
    if ctx.doc.meta.fmt == "xlsx":
        return plain_decimal(value)
    return vn_number(value, places)


def write_rows(
    ctx: Ctx,
    table: int,
    trows: list[TRow],
    cols: list[TCol],
    keyed: dict[tuple[str, str], Funding],
    places: int | None,
    blank: str = "-",
    fmts: dict[str, Callable[[Decimal], str]] | None = None,
    with_note: bool = False,
    as_text: tuple[str, str] | None = None,
) -> None:
    """Print the rows with the (possibly misprinted) keyed amounts; each keyed row quotes the whole row."""
    fmts = fmts or {}
    doc = ctx.doc
    for r in trows:
        cells: list[str | Piece] = [r.stt, r.label]
        values: list[object] = [r.stt or None, r.label]
        rows_here: list[Funding] = []
        for c in cols:
            f = keyed.get((r.rid, c.cid))
            shown = None if f is None else f.amount if c.cid in fmts else abs(f.amount)
            if (r.rid, c.cid) == as_text and shown:  # a number typed as text in a spreadsheet ('3.960')
                cells.append(vn_number(shown, places))
                values.append(vn_number(shown, places))
            else:
                cells.append(cell_text(ctx, shown, places, blank, fmts.get(c.cid)))
                values.append(shown)
            if f is not None:
                rows_here.append(f)
        if with_note:
            cells.append(r.note)
            values.append(r.note or None)
        cells[1] = Piece(r.label, list(rows_here))
        doc.row(table, cells, values)
