"""Answer-key rows, text pieces and the document builder.

A document is a list of text units (.txt: one line each; .docx: one paragraph or one table row; .xlsx: one
row). Keyed figures travel inside `Piece`s: a piece is a fragment of text with the key rows whose quotes lie
inside it, so a quote is by construction a substring of the unit the piece ends up in. `Doc.add` records the
unit index on every row (`Target.unit`, `Funding.unit`) and checks the quote.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from benchmarks.numbers import key_number

TARGET_COLUMNS = (
    "doc_file",
    "province_code",
    "plan_year",
    "admin_level",
    "area_name",
    "project_code",
    "sub_project_code",
    "content_code",
    "indicator",
    "value",
    "unit_raw",
    "comparator",
    "denominator",
    "quote",
    "program_scope",
    "measure",
    "period_start",
    "period_end",
    "as_of_date",
)
FUNDING_COLUMNS = (
    "doc_file",
    "province_code",
    "plan_year",
    "line_id",
    "parent_line_id",
    "capital_type",
    "budget_level",
    "funding_source",
    "label",
    "amount_million_vnd",
    "quote",
    "sums_ok",
    "program_scope",
    "budget_phase",
    "project_code",
    "area_name",
    "period_start",
    "period_end",
    "as_of_date",
    "injected_error",
)
DOCUMENT_COLUMNS = (
    "doc_file",
    "province_code",
    "plan_year",
    "admin_level",
    "area_name",
    "doc_kind",
    "has_figures",
    "period_start",
    "period_end",
    "source_url",
)
# the generated genres are plans, decisions and reports of one year, as the examples' documents 01-07: their key
# leaves the period, as-of and source columns blank (see ../shared/examples/README.md)
BLANK_COLUMNS = ("period_start", "period_end", "as_of_date", "source_url")


class KeyError_(ValueError):
    """The generator produced an inconsistent key (a bug in the generator, never in the document)."""


@dataclass
class Target:
    indicator: str
    value: Decimal
    unit_raw: str
    quote: str
    comparator: str = "="
    denominator: Decimal | None = None
    admin_level: str = "province"
    area_name: str = ""
    project_code: str = ""
    sub_project_code: str = ""
    content_code: str = ""
    program_scope: str = "ntp1719"
    measure: str = "target"
    plan_year: int = 0
    unit: int = -1


@dataclass
class Funding:
    line_id: str
    label: str
    amount: Decimal
    quote: str = ""
    parent_line_id: str = ""
    capital_type: str = ""
    budget_level: str = ""
    funding_source: str = "program"
    program_scope: str = "ntp1719"
    budget_phase: str = "planned"
    project_code: str = ""
    area_name: str = ""
    plan_year: int = 0
    partial: bool = False
    injected_error: str = ""
    sums_ok: str = ""
    unit: int = -1


@dataclass
class Piece:
    """A text fragment carrying the key rows quoted inside it."""

    text: str
    rows: list[Target | Funding] = field(default_factory=list)


Part = str | Piece


def join(parts: list[Part] | tuple[Part, ...], sep: str = "") -> Piece:
    """Concatenate parts (strings or pieces) into one piece, keeping every row."""
    texts: list[str] = []
    rows: list[Target | Funding] = []
    for p in parts:
        if isinstance(p, Piece):
            texts.append(p.text)
            rows.extend(p.rows)
        else:
            texts.append(p)
    return Piece(sep.join(texts), rows)


@dataclass
class Unit:
    text: str
    style: str = ""  # '' | title | h1..h4 (docx paragraph styles)
    table: int = -1  # table id for table rows
    cells: tuple[str, ...] = ()
    values: tuple[object, ...] = ()  # raw cell values (Decimal for numbers) when written as .xlsx


@dataclass
class Meta:
    index: int
    province_code: str
    plan_year: int
    doc_kind: str
    admin_level: str = "province"
    area_name: str = ""
    fmt: str = "txt"
    doc_file: str = ""


@dataclass
class Doc:
    meta: Meta
    rng: random.Random
    units: list[Unit] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    inject: bool = False  # deliberately print one source error in this document
    injected: bool = False
    tables: int = 0
    merges: list[str] = field(default_factory=list)  # merged cell ranges ('D5:F5') when written as .xlsx

    # ----------------------------------------------------------------- building
    def add(self, *parts: Part, style: str = "") -> None:
        """Append one text unit made of the given parts."""
        piece = join(parts)
        self._record(piece, len(self.units))
        self.units.append(Unit(piece.text, style))

    def blank(self) -> None:
        self.units.append(Unit(""))

    def para(self, *parts: Part, style: str = "") -> None:
        """A paragraph followed by a blank line (the .txt convention of the genre)."""
        self.add(*parts, style=style)
        self.blank()

    def new_table(self) -> int:
        self.tables += 1
        return self.tables

    def row(self, table: int, cells: list[Part], values: list[object] | None = None) -> None:
        """A table row: cell texts joined by TAB form the unit; rows quote the whole row.

        In a spreadsheet a row's trailing empty cells do not exist, so the unit drops trailing TABs there."""
        texts = [c.text if isinstance(c, Piece) else c for c in cells]
        piece = join(cells)
        text = "\t".join(texts)
        if self.meta.fmt == "xlsx":
            text = text.rstrip("\t")
        self._record(Piece(text, piece.rows), len(self.units))
        self.units.append(Unit(text, table=table, cells=tuple(texts), values=tuple(values or texts)))

    def _record(self, piece: Piece, index: int) -> None:
        for r in piece.rows:
            if not r.quote:
                r.quote = piece.text
            if r.quote not in piece.text:
                raise KeyError_(f"quote {r.quote!r} not in unit {piece.text!r}")
            r.unit = index
            if isinstance(r, Target):
                self.targets.append(r)
            else:
                self.funding.append(r)

    # ----------------------------------------------------------------- output
    def text(self) -> str:
        return "\n".join(u.text for u in self.units) + "\n"

    def finalize(self) -> None:
        """Fill plan_year defaults, compute sums_ok, check ids and that only injected errors break sums."""
        for t in self.targets:
            t.plan_year = t.plan_year or self.meta.plan_year
        for f in self.funding:
            f.plan_year = f.plan_year or self.meta.plan_year
        compute_sums(self.funding)
        for f in self.funding:
            if f.sums_ok == "no" and not f.injected_error:
                raise KeyError_(f"{self.meta.index}: {f.line_id} does not add up and is not an injected error")


def compute_sums(rows: list[Funding]) -> None:
    """sums_ok: yes/no for complete breakdowns, blank for leaves and partial breakdowns."""
    ids = {}
    for f in rows:
        if f.line_id in ids:
            raise KeyError_(f"duplicate line_id {f.line_id}")
        ids[f.line_id] = f
    kids: dict[str, list[Funding]] = defaultdict(list)
    for f in rows:
        if f.parent_line_id:
            if f.parent_line_id not in ids:
                raise KeyError_(f"{f.line_id}: unknown parent {f.parent_line_id}")
            kids[f.parent_line_id].append(f)
    for f in rows:
        children = kids.get(f.line_id)
        if not children:
            f.sums_ok = ""
            continue
        total = sum((c.amount for c in children), Decimal(0))
        if f.partial:
            if abs(total) > abs(f.amount):
                raise KeyError_(f"partial breakdown {f.line_id}: children {total} exceed {f.amount}")
            f.sums_ok = ""
        else:
            f.sums_ok = "yes" if total == f.amount else "no"


def target_row(doc_file: str, province_code: str, t: Target) -> dict[str, str]:
    return {
        "doc_file": doc_file,
        "province_code": province_code,
        "plan_year": str(t.plan_year),
        "admin_level": t.admin_level,
        "area_name": t.area_name,
        "project_code": t.project_code,
        "sub_project_code": t.sub_project_code,
        "content_code": t.content_code,
        "indicator": t.indicator,
        "value": key_number(t.value),
        "unit_raw": t.unit_raw,
        "comparator": t.comparator,
        "denominator": key_number(t.denominator) if t.denominator is not None else "",
        "quote": t.quote,
        "program_scope": t.program_scope,
        "measure": t.measure,
        **dict.fromkeys(BLANK_COLUMNS[:3], ""),
    }


def funding_row(doc_file: str, province_code: str, f: Funding) -> dict[str, str]:
    return {
        "doc_file": doc_file,
        "province_code": province_code,
        "plan_year": str(f.plan_year),
        "line_id": f.line_id,
        "parent_line_id": f.parent_line_id,
        "capital_type": f.capital_type,
        "budget_level": f.budget_level,
        "funding_source": f.funding_source,
        "label": f.label,
        "amount_million_vnd": key_number(f.amount),
        "quote": f.quote,
        "sums_ok": f.sums_ok,
        "program_scope": f.program_scope,
        "budget_phase": f.budget_phase,
        "project_code": f.project_code,
        "area_name": f.area_name,
        **dict.fromkeys(BLANK_COLUMNS[:3], ""),
        "injected_error": f.injected_error,
    }
