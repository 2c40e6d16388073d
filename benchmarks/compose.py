"""The writing context of one document and the composition of keyed phrases (targets, money)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from benchmarks.model import Doc, Funding, Piece, Target, join
from benchmarks.numbers import money_text, pick_money_style, vn_number
from benchmarks.phrases import Ind, Pair, number_text, quantity
from benchmarks.reference import SMALL_GROUPS, District, Province

RESULT_PREFIXES = ("đã ", "", "đã ", "hoàn thành ")


@dataclass
class Ctx:
    """Defaults for key rows and the document-wide style choices."""

    doc: Doc
    province: Province
    year: int
    district: District | None = None
    level: str = "province"
    area: str = ""
    measure: str = "target"
    scope: str = "ntp1719"
    phase: str = "planned"
    pad2: bool = False  # leading zeros for small counts ('07 công trình')
    money_weights: dict[str, float] = field(default_factory=lambda: {"trieu": 1.0})
    as_of_month: int = 0  # figures 'tính đến' the end of this month (reports)

    @property
    def rng(self) -> random.Random:
        return self.doc.rng

    @property
    def scale(self) -> float:
        base = self.province.scale
        return base / 8 if self.district else base

    def target(self, ind_label: str, value: Decimal, unit: str, quote: str, **kw: object) -> Target:
        t = Target(
            ind_label,
            value,
            unit.lower(),
            quote,
            admin_level=self.level,
            area_name=self.area,
            program_scope=self.scope,
            measure=self.measure,
        )
        for k, v in kw.items():
            setattr(t, k, v)
        return t

    def fund(self, line_id: str, label: str, amount: Decimal, quote: str = "", **kw: object) -> Funding:
        f = Funding(
            line_id,
            label,
            amount,
            quote,
            program_scope=self.scope,
            budget_phase=self.phase,
            area_name=self.area if self.level == "district" else "",
        )
        for k, v in kw.items():
            setattr(f, k, v)
        return f

    def money(self, amount: Decimal, places: int | None = None) -> str:
        style = pick_money_style(self.rng, amount, self.money_weights)
        return money_text(amount, style, places)


# --------------------------------------------------------------------------- values
def draw_count(rng: random.Random, lo: float, hi: float, scale: float = 1.0) -> int:
    lo2 = max(1.0, lo * scale)
    hi2 = max(lo2 + 1, hi * scale)
    n = round(lo2 + (hi2 - lo2) * rng.random() ** 1.5)
    if n > 300 and rng.random() < 0.3:
        n = round(n, -1 if n < 2000 else -2)
    return max(1, int(n))


def draw_value(rng: random.Random, ind: Ind, scale: float, local: bool = False) -> tuple[Decimal, int]:
    """A plausible value for the indicator and the decimals it is printed with (`local`: a district's)."""
    places = rng.choice(ind.places)
    if ind.units[0] == "%":
        v = ind.lo + (ind.hi - ind.lo) * rng.random()
        return Decimal(f"{v:.{places}f}"), places
    s = scale if ind.scaled else 1.0
    hi = ind.lo + (ind.hi - ind.lo) / 4 if local and not ind.scaled else ind.hi
    n = draw_count(rng, ind.lo, hi, s)
    if places:
        frac = rng.randint(0, 10**places - 1)
        return Decimal(n) + Decimal(frac) / Decimal(10**places), places
    return Decimal(n), 0


def split_total(rng: random.Random, total: int, k: int) -> list[int]:
    """k positive integers adding up to total (k <= total)."""
    k = max(1, min(k, total))
    cuts = sorted(rng.sample(range(1, total), k - 1)) if k > 1 else []
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(k)]


def split_amount(rng: random.Random, total: Decimal, k: int, step: Decimal) -> list[Decimal]:
    """k positive amounts (multiples of step) adding up to total."""
    units = int(total / step)
    return [Decimal(p) * step for p in split_total(rng, units, k)]


# --------------------------------------------------------------------------- indicator phrases
def _codes(ind: Ind | Pair) -> dict[str, str]:
    return {"project_code": ind.project, "sub_project_code": ind.sub, "content_code": ind.content}


def _fill(ctx: Ctx, form: str, **kw: str) -> str:
    group = ctx.rng.choice(SMALL_GROUPS[ctx.province.region])
    return form.format(group=group, **kw)


def indicator_piece(ctx: Ctx, ind: Ind, result: bool = False, allow_split: bool = True) -> Piece:
    """One keyed phrase ('hỗ trợ nhà ở cho 640 hộ'), sometimes with a district / commune breakdown."""
    rng = ctx.rng
    value, places = draw_value(rng, ind, ctx.scale, ctx.district is not None)
    comparator = ind.comparators[0] if rng.random() < 0.7 else rng.choice(ind.comparators)
    unit = rng.choice(ind.units)
    q = quantity(rng, value, unit, comparator, places, ctx.pad2)
    form = rng.choice(ind.forms)
    text = _fill(ctx, form, q=q)
    if result and not form.startswith("{") and "({q})" not in form and unit != "%":
        text = rng.choice(RESULT_PREFIXES) + text
    row = ctx.target(ind.label, value, unit, text, comparator=comparator, **_codes(ind))
    piece = Piece(text, [row])
    can_split = ind.split and comparator == "=" and places == 0 and value >= 4 and allow_split
    if can_split and rng.random() < 0.3:
        return join([piece, " (", area_breakdown(ctx, ind.label, int(value), unit, _codes(ind)), ")"])
    return piece


def pair_piece(ctx: Ctx, pair: Pair, result: bool = False) -> Piece:
    rng = ctx.rng
    a = draw_count(rng, pair.lo, pair.hi, ctx.scale)
    b = round(a * rng.uniform(*pair.ratio))
    unit_a, unit_b = rng.choice(pair.units_a), rng.choice(pair.units_b)
    qa = quantity(rng, Decimal(a), unit_a, pad2=ctx.pad2)
    qb = quantity(rng, Decimal(b), unit_b, pad2=ctx.pad2)
    form, quote_a, quote_b = rng.choice(pair.forms)
    text = form.format(a=qa, b=qb)
    if result and rng.random() < 0.5:
        text = "đã " + text
    rows: list[Target | Funding] = [
        ctx.target(pair.label_a, Decimal(a), unit_a, quote_a.format(a=qa), **_codes(pair)),
        ctx.target(pair.label_b, Decimal(b), unit_b, quote_b.format(b=qb), **_codes(pair)),
    ]
    return Piece(text, rows)


def area_breakdown(ctx: Ctx, label: str, total: int, unit: str, codes: dict[str, str]) -> Piece:
    """'huyện A: 02 xã; huyện B: 01 xã' (province documents) or 'xã X: 12 hộ; ...' (district documents)."""
    rng = ctx.rng
    if ctx.district is not None:
        names = [c.name for c in ctx.district.rural]
        level, word = "commune", "xã"
    else:
        names = [d.name for d in ctx.province.districts if d.type == "Huyện"] or [
            d.name for d in ctx.province.districts
        ]
        level, word = "district", "huyện"
    k = min(len(names), total, rng.randint(2, 6))
    if k < 2:
        return Piece("")
    chosen = rng.sample(names, k)
    parts = split_total(rng, total, k)
    sep = rng.choice(("; ", "; ", ", "))
    colon = rng.choice((": ", ": ", " "))
    pieces: list[str | Piece] = []
    for i, (name, n) in enumerate(zip(chosen, parts, strict=True)):
        q = f"{word} {name}{colon}{number_text(Decimal(n), 0, ctx.pad2)} {unit}"
        row = ctx.target(label, Decimal(n), unit, q, admin_level=level, area_name=name, **codes)
        pieces += [sep if i else "", Piece(q, [row])]
    return join(pieces)


def money_phrase(ctx: Ctx, amount: Decimal, places: int | None = None) -> str:
    return ctx.money(amount, places)


def pct_text(value: Decimal, places: int = 1) -> str:
    return vn_number(value, places) + "%"
