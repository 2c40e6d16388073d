"""Funding hierarchies in prose: total -> direct -> investment / recurrent -> central / provincial / district,
integrated and credit sources; several layouts of the genre; deliberate source errors (typos, totals that
do not add up) injected in a small share of documents and flagged in the key."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from benchmarks.compose import Ctx, split_amount
from benchmarks.model import Funding, Part, Piece, join
from benchmarks.numbers import key_number


@dataclass
class Node:
    row: Funding
    name: str  # how the document names the line ('ngân sách trung ương')
    kids: list[Node] = field(default_factory=list)

    def walk(self) -> list[Node]:
        out = [self]
        for k in self.kids:
            out += k.walk()
        return out


def node(ctx: Ctx, line_id: str, parent: Node | None, name: str, label: str, amount: Decimal, **kw: object) -> Node:
    row = ctx.fund(line_id, label, amount, parent_line_id=parent.row.line_id if parent else "", **kw)
    n = Node(row, name)
    if parent is not None:
        parent.kids.append(n)
    return n


def rows(root: Node) -> list[Funding]:
    return [n.row for n in root.walk()]


# --------------------------------------------------------------------------- amounts
def draw_amount(rng: random.Random, lo: float, hi: float, scale: float, step: int = 1) -> Decimal:
    v = (lo + (hi - lo) * rng.random()) * scale
    return Decimal(max(step, round(v / step) * step))


def local_amount(ctx: Ctx, central: Decimal) -> Decimal:
    """Counterpart funds of the local budget, a few percent of the central budget."""
    return (central * Decimal(str(round(ctx.rng.uniform(0.02, 0.14), 3)))).quantize(Decimal(1))


def capital_tree(
    ctx: Ctx,
    total_id: str,
    total_name: str,
    total_label: str,
    central_inv: Decimal,
    central_rec: Decimal,
    other_sources: bool,
) -> Node:
    """TOTAL (-> DIRECT) -> INV / REC -> central + local levels; + INTEGRATED, CREDIT_OTHER."""
    rng = ctx.rng
    root = node(
        ctx,
        total_id,
        None,
        total_name,
        total_label,
        Decimal(0),
        funding_source="" if other_sources else "program",
    )
    top = root
    if other_sources:
        top = node(
            ctx,
            "DIRECT",
            root,
            "vốn đầu tư trực tiếp cho Chương trình",
            "Vốn đầu tư trực tiếp cho Chương trình",
            Decimal(0),
        )
    for cap, cname, central in (
        ("INV", "vốn đầu tư phát triển", central_inv),
        ("REC", "vốn sự nghiệp", central_rec),
    ):
        ctype = "investment" if cap == "INV" else "recurrent"
        cap_node = node(
            ctx,
            f"{top.row.line_id}.{cap}",
            top,
            cname,
            cname[0].upper() + cname[1:],
            Decimal(0),
            capital_type=ctype,
        )
        levels(ctx, cap_node, central, ctype)
    top.row.amount = sum((k.row.amount for k in top.kids), Decimal(0))
    if other_sources:
        direct = top.row.amount
        integrated = (direct * Decimal(str(round(rng.uniform(0.01, 0.08), 3)))).quantize(Decimal(1))
        credit = (direct * Decimal(str(round(rng.uniform(0.005, 0.05), 3)))).quantize(Decimal(1))
        node(
            ctx,
            "INTEGRATED",
            root,
            "vốn lồng ghép từ các chương trình, dự án khác",
            "Vốn lồng ghép từ các chương trình, dự án khác",
            integrated,
            funding_source="integrated",
        )
        node(
            ctx,
            "CREDIT_OTHER",
            root,
            "vốn tín dụng chính sách và vốn huy động hợp pháp khác",
            "Vốn tín dụng, vốn huy động hợp pháp khác",
            credit,
            funding_source="credit_other",
        )
        root.row.amount = direct + integrated + credit
    return root


def levels(ctx: Ctx, cap: Node, central: Decimal, ctype: str) -> None:
    """Budget levels under a capital line: central + local (flat, split province/district, or nested)."""
    rng = ctx.rng
    lid = cap.row.line_id
    local = local_amount(ctx, central)
    if local < 2 or rng.random() < 0.1:  # only the central budget: the line itself carries it
        cap.row.budget_level = "central"
        cap.row.amount = central
        cap.name += " (ngân sách trung ương)"
        return
    node(
        ctx,
        f"{lid}.CENTRAL",
        cap,
        "ngân sách trung ương",
        "ngân sách trung ương",
        central,
        capital_type=ctype,
        budget_level="central",
    )
    shape = rng.choice(("local", "split", "nested"))
    if shape == "local":
        node(
            ctx,
            f"{lid}.LOCAL",
            cap,
            "ngân sách địa phương",
            "ngân sách địa phương",
            local,
            capital_type=ctype,
            budget_level="local",
        )
    else:
        prov, dist = split_amount(rng, local, 2, Decimal(1))
        holder = cap
        if shape == "nested":
            holder = node(
                ctx,
                f"{lid}.LOCAL",
                cap,
                "ngân sách địa phương",
                "ngân sách địa phương",
                local,
                capital_type=ctype,
                budget_level="local",
            )
        node(
            ctx,
            f"{lid}.LOCAL.PROVINCE" if shape == "nested" else f"{lid}.PROVINCE",
            holder,
            "ngân sách tỉnh",
            "ngân sách tỉnh",
            prov,
            capital_type=ctype,
            budget_level="provincial",
        )
        node(
            ctx,
            f"{lid}.LOCAL.DISTRICT" if shape == "nested" else f"{lid}.DISTRICT",
            holder,
            "ngân sách huyện",
            "ngân sách huyện",
            dist,
            capital_type=ctype,
            budget_level="district",
        )
    cap.row.amount = central + local


# --------------------------------------------------------------------------- source errors
def typo(rng: random.Random, amount: Decimal) -> Decimal:
    """Swap two adjacent different digits of the integer part (or bump the last one)."""
    whole, _, frac = key_number(abs(amount)).partition(".")
    digits = list(whole)
    swaps = [i for i in range(len(digits) - 1) if digits[i] != digits[i + 1] and not (i == 0 and digits[1] == "0")]
    if swaps:
        i = rng.choice(swaps)
        digits[i], digits[i + 1] = digits[i + 1], digits[i]
    else:
        digits[-1] = str((int(digits[-1]) + 1) % 10)
        if digits == ["0"]:
            digits = ["1"]
    new = Decimal("".join(digits) + ("." + frac if frac else ""))
    return -new if amount < 0 else new


def maybe_inject(ctx: Ctx, nodes: list[Funding]) -> None:
    """In a document picked for a source error, misprint one figure of this hierarchy (once per document)."""
    doc = ctx.doc
    if not doc.inject or doc.injected:
        return
    by_id = {f.line_id: f for f in nodes}
    parents = {f.parent_line_id for f in nodes if f.parent_line_id}
    leaves = [
        f
        for f in nodes
        if f.line_id not in parents
        and f.parent_line_id in by_id
        and not by_id[f.parent_line_id].partial
        and abs(f.amount) >= 10
    ]
    roots = [f for f in nodes if not f.parent_line_id and f.line_id in parents and not f.partial]
    rng = ctx.rng
    if roots and (not leaves or rng.random() < 0.3):
        root = rng.choice(roots)
        true = root.amount
        root.amount = true + Decimal(rng.choice((-1, 1)) * rng.choice((1, 2, 5, 10, 20, 100)))
        root.injected_error = (
            f"printed total {key_number(root.amount)} differs from the sum of its lines {key_number(true)}"
        )
    elif leaves:
        leaf = rng.choice(leaves)
        true = leaf.amount
        leaf.amount = typo(rng, true)
        leaf.injected_error = f"typo: printed {key_number(leaf.amount)} instead of {key_number(true)}"
        parent = by_id[leaf.parent_line_id]
        parent.injected_error = f"lines do not add up: {leaf.line_id} misprinted"
    else:
        return
    doc.injected = True


# --------------------------------------------------------------------------- prose layouts
def money_piece(ctx: Ctx, n: Node, fmt: str) -> Piece:
    """`fmt` like '{name}: {money}'; the whole phrase is the quote."""
    text = fmt.format(name=n.name, Name=n.name[:1].upper() + n.name[1:], money=ctx.money(n.row.amount))
    n.row.quote = text
    return Piece(text, [n.row])


def kids_phrase(ctx: Ctx, parent: Node, fmt: str, sep: str = ", ") -> Piece:
    """The children of a line (recursively: a nested level goes in '(trong đó ...)')."""
    parts: list[Part] = []
    for i, k in enumerate(parent.kids):
        parts += [sep if i else "", money_piece(ctx, k, fmt)]
        if k.kids:
            parts += [" (trong đó ", kids_phrase(ctx, k, "{name} {money}"), ")"]
    return join(parts)


def assert_rendered(nodes: list[Funding]) -> None:
    """Every line of a hierarchy must have been written into the document."""
    missing = [f.line_id for f in nodes if f.unit < 0]
    if missing:
        raise ValueError(f"funding lines never written: {missing}")


def cap_line(ctx: Ctx, cap: Node, style: str) -> Piece:
    """'Nguồn vốn đầu tư phát triển: 570.354 triệu đồng (ngân sách trung ương: ..., ngân sách tỉnh: ...)'."""
    head = money_piece(ctx, cap, ctx.rng.choice(("{Name}: {money}", "Nguồn {name}: {money}", "{Name} {money}")))
    if not cap.kids:
        return head
    if style == "paren":
        return join([head, " (", kids_phrase(ctx, cap, ctx.rng.choice(("{name}: {money}", "{name} {money}"))), ")"])
    parts: list[Part] = [head, ", gồm "]
    for i, k in enumerate(cap.kids):
        parts += [
            " và " if i and i == len(cap.kids) - 1 else ", " if i else "",
            money_piece(ctx, k, "{name} {money}"),
        ]
        if k.kids:
            parts += [" (trong đó ", kids_phrase(ctx, k, "{name} {money}"), ")"]
    return join(parts)


def write_capital(ctx: Ctx, root: Node, intro: str) -> None:
    """Render a capital tree in one of the layouts of the genre."""
    style = ctx.rng.choice(("lines", "dense", "bullets"))
    if style == "dense":
        _write_dense(ctx, root, intro)
        return
    doc = ctx.doc
    doc.para(money_piece(ctx, root, intro), ", trong đó:")
    direct = next((k for k in root.kids if k.row.line_id.endswith("DIRECT")), None)
    caps = direct.kids if direct else root.kids
    mark = iter(("a)", "b)")) if direct else iter(("1.", "2."))
    if direct:
        doc.para(
            "1. ",
            money_piece(ctx, direct, ctx.rng.choice(("{Name} {money}", "{Name}: {money}"))),
            "; trong đó:",
        )
    for cap in (c for c in caps if c.row.capital_type):
        lead = "- " if style == "bullets" else f"{next(mark)} "
        doc.para(
            lead,
            cap_line(ctx, cap, "paren" if style == "lines" else "gom"),
            ";" if style == "bullets" else ".",
        )
    others = [k for k in root.kids if k.row.funding_source in ("integrated", "credit_other")]
    for i, k in enumerate(others):
        doc.para(f"{i + 2}. ", money_piece(ctx, k, ctx.rng.choice(("{Name} là {money}", "{Name}: {money}"))), ".")


def _write_dense(ctx: Ctx, root: Node, intro: str) -> None:
    parts: list[Part] = [money_piece(ctx, root, intro), ", trong đó: "]
    direct = next((k for k in root.kids if k.row.line_id.endswith("DIRECT")), None)
    caps = [c for c in (direct.kids if direct else root.kids) if c.row.capital_type]
    if direct:
        parts += [money_piece(ctx, direct, "{name} {money}"), " ("]
    for i, cap in enumerate(caps):
        parts += ["; " if i else "", money_piece(ctx, cap, "{name} {money}")]
        if cap.kids:
            parts += [", gồm ", kids_phrase(ctx, cap, "{name} {money}")]
    if direct:
        parts.append(")")
    for k in root.kids:
        if k.row.funding_source in ("integrated", "credit_other"):
            parts += ["; ", money_piece(ctx, k, "{name} {money}")]
    parts.append(".")
    ctx.doc.para(*parts)
