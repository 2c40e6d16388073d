"""Adjustment resolution (Nghị quyết / Quyết định điều chỉnh dự toán): decreases and increases by project and
place, the net change, the budget before and after, adjusted targets, and an appendix by unit. Amounts of
decreases are negative in the key, including the positive numbers of the 'Điều chỉnh giảm' column."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from benchmarks import common
from benchmarks.compose import Ctx, draw_count
from benchmarks.funding import Node, assert_rendered, draw_amount, maybe_inject, node, rows
from benchmarks.kinds.tables import TCol, TRow, cell_rows, write_rows
from benchmarks.model import Part, Piece
from benchmarks.numbers import money_text, pick_money_style, vn_number
from benchmarks.reference import ascii_id, content_items

PROGRAMME = "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"
# (most specific code, heading in the resolution, provincial agency that may hold the money)
ITEMS = (
    ("DA1", "Dự án 1 (nội dung hỗ trợ chuyển đổi nghề)", ""),
    ("DA1", "Dự án 1 (nội dung hỗ trợ nước sinh hoạt phân tán)", ""),
    ("DA3.TDA1", "Dự án 3, Tiểu dự án 1", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("DA3.TDA2", "Dự án 3, Tiểu dự án 2, Nội dung số 01 ({nd})", ""),
    ("DA4.TDA1", "Dự án 4, Tiểu dự án 1 (duy tu, bảo dưỡng công trình cơ sở hạ tầng)", ""),
    ("DA5.TDA1", "Dự án 5, Tiểu dự án 1", "Sở Giáo dục và Đào tạo"),
    ("DA5.TDA3", "Dự án 5, Tiểu dự án 3", "Sở Lao động - Thương binh và Xã hội"),
    ("DA6", "Dự án 6", "Sở Văn hóa, Thể thao và Du lịch"),
    ("DA7", "Dự án 7", "Sở Y tế"),
    ("DA8", "Dự án 8", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("DA9.TDA1", "Dự án 9, Tiểu dự án 1", ""),
    ("DA10.TDA1", "Dự án 10, Tiểu dự án 1", "Sở Tư pháp"),
    ("DA10.TDA3", "Dự án 10, Tiểu dự án 3", "Ban Dân tộc tỉnh"),
)
REASONS_DEC = (
    " do số hộ đăng ký thấp hơn kế hoạch",
    " do chưa đủ điều kiện thực hiện trong năm",
    " do chậm triển khai, không có khả năng giải ngân hết",
    "",
)


@dataclass
class Item:
    code: str
    heading: str
    sign: int
    places: list[tuple[str, str, Decimal]] = field(default_factory=list)  # (district | agency, name, amount)

    @property
    def total(self) -> Decimal:
        return sum((p[2] for p in self.places), Decimal(0))


def draw_items(ctx: Ctx, sign: int, count: int, used: set[str], taken: set[str]) -> list[Item]:
    """Adjusted items on distinct places; `used` districts and `taken` headings are shared by both lists."""
    rng = ctx.rng
    ds = [d.name for d in ctx.province.districts if d.name not in used and d.type == "Huyện"]
    out = []
    free = [i for i in ITEMS if i[1] not in taken]
    for code, heading, agency in rng.sample(free, min(count, len(free))):
        taken.add(heading)
        heading = heading.format(nd=content_items()["DA3.TDA2.ND1"].lower())
        item = Item(code, heading, sign)
        if agency and rng.random() < 0.5:
            item.places.append(("agency", agency, _amount(ctx)))
        else:
            k = 1 if rng.random() < 0.6 or len(ds) < 2 else 2
            for name in rng.sample(ds, min(k, len(ds))):
                ds.remove(name)
                used.add(name)
                item.places.append(("district", name, _amount(ctx)))
        if item.places:
            out.append(item)
    return out


def _amount(ctx: Ctx) -> Decimal:
    step = ctx.rng.choice((10, 50, 100, 500))
    return draw_amount(ctx.rng, 300, 4500, max(ctx.scale, 0.3), step) + ctx.rng.choice((0, 0, Decimal("0.5")))


def money(ctx: Ctx, amount: Decimal) -> str:
    return money_text(amount, pick_money_style(ctx.rng, amount, {"trieu": 3, "ty": 1}))


def where(kind: str, name: str, sign: int) -> str:
    if kind == "district":
        return f" tại huyện {name}"
    return f" đã giao {name}" if sign < 0 else f" cho {name}"


def item_nodes(ctx: Ctx, parent: Node, items: list[Item], tag: str) -> None:
    for i, it in enumerate(items):
        label = f"{it.heading.split(' (')[0]} {'giảm' if it.sign < 0 else 'tăng'}"
        area = it.places[0][1] if len(it.places) == 1 and it.places[0][0] == "district" else ""
        kw = {"capital_type": "recurrent", "budget_level": "central", "project_code": it.code}
        n = node(ctx, f"{tag}.{i + 1}", parent, "", label, it.total * it.sign, area_name=area, **kw)
        if len(it.places) > 1:
            for kind, name, amount in it.places:
                node(
                    ctx,
                    f"{tag}.{i + 1}.{ascii_id(name)}",
                    n,
                    "",
                    f"{label} tại huyện {name}",
                    amount * it.sign,
                    area_name=name if kind == "district" else "",
                    **kw,
                )


def item_line(ctx: Ctx, mark: str, it: Item, n: Node) -> list[Part]:
    verb = "giảm" if it.sign < 0 else "tăng"
    reason = ctx.rng.choice(REASONS_DEC) if it.sign < 0 else ""
    if not n.kids:
        kind, name, _ = it.places[0]
        text = f"{verb} {money(ctx, abs(n.row.amount))}{where(kind, name, it.sign)}"
        n.row.quote = text
        return [f"{mark}) {it.heading}: ", Piece(text, [n.row]), reason, ";"]
    head = f"{it.heading}: {verb} {money(ctx, abs(n.row.amount))}"
    n.row.quote = head
    parts: list[Part] = [f"{mark}) ", Piece(head, [n.row]), ", trong đó "]
    for j, k in enumerate(n.kids):
        name = k.row.area_name
        t = f"huyện {name} {verb} {money(ctx, abs(k.row.amount))}"
        k.row.quote = t
        parts += [", " if j else "", Piece(t, [k.row])]
    return [*parts, ";"]


def render(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    hdnd = rng.random() < 0.7
    issuer = common.HDND_RESOLUTION if hdnd else common.UBND_DECISION
    date = common.draw_date(rng, ctx.year, (7, 11))
    number = common.doc_number(rng, issuer, ctx.year)
    title = (
        f"Điều chỉnh dự toán kinh phí sự nghiệp nguồn ngân sách trung ương năm {ctx.year} thực hiện "
        f"{PROGRAMME} trên địa bàn {ctx.province.label}"
    )
    common.header(doc, ctx, issuer, number, date, title)
    if hdnd:
        doc.para(f"HỘI ĐỒNG NHÂN DÂN {ctx.province.label.upper()}")
        doc.para(f"KHÓA {rng.choice(('XVI', 'XVII', 'XVIII'))}, KỲ HỌP THỨ {rng.randint(8, 28)}")
    prior = common.local_basis(
        ctx, ctx.year - 1, f"về dự toán ngân sách địa phương năm {ctx.year}", "HĐND tỉnh", (11, 12)
    )
    common.write_bases(doc, common.legal_bases(ctx, date, [prior]), "QUYẾT NGHỊ:" if hdnd else "QUYẾT ĐỊNH:")
    ctx.phase = "adjusted"
    used: set[str] = set()
    taken: set[str] = set()
    dec = draw_items(ctx, -1, rng.randint(2, 5), used, taken)
    inc = draw_items(ctx, 1, rng.randint(2, 4), used, taken)
    if sum((i.total for i in dec), Decimal(0)) == sum((i.total for i in inc), Decimal(0)):
        kind, name, amount = inc[0].places[0]
        inc[0].places[0] = (kind, name, amount + 10)
    net_node = _body(ctx, prior, dec, inc)
    if rng.random() < 0.6:
        _targets(ctx)
    _closing(ctx, hdnd)
    if rng.random() < 0.7:
        _appendix(ctx, dec, inc, number, date)
    assert_rendered(rows(net_node))


def _body(ctx: Ctx, prior: str, dec: list[Item], inc: list[Item]) -> Node:
    doc, rng = ctx.doc, ctx.rng
    before = draw_amount(rng, 90_000, 650_000, ctx.scale)
    doc.para(
        f"Điều 1. Điều chỉnh dự toán kinh phí sự nghiệp nguồn ngân sách trung ương năm {ctx.year} thực hiện "
        "Chương trình, cụ thể như sau:"
    )
    plan = ctx.fund(
        "PLAN",
        f"Dự toán kinh phí sự nghiệp NSTW năm {ctx.year} đã giao",
        before,
        budget_phase="allocated",
        capital_type="recurrent",
        budget_level="central",
    )
    ref = prior.split(" của ")[0]
    plan.quote = f"đã giao tại {ref} là {money(ctx, before)}"
    parts: list[Part] = [
        f"1. Dự toán kinh phí sự nghiệp nguồn ngân sách trung ương năm {ctx.year} ",
        Piece(plan.quote, [plan]),
        ".",
    ]
    if rng.random() < 0.5:
        inv = ctx.fund(
            "INV.PLAN",
            f"Kế hoạch vốn đầu tư phát triển NSTW năm {ctx.year} (giữ nguyên)",
            draw_amount(rng, 150_000, 900_000, ctx.scale),
            budget_phase="allocated",
            capital_type="investment",
            budget_level="central",
        )
        inv.quote = (
            f"Kế hoạch vốn đầu tư phát triển nguồn ngân sách trung ương năm {ctx.year} của Chương trình là "
            f"{money(ctx, inv.amount)}"
        )
        parts += [" ", Piece(inv.quote, [inv]), ", giữ nguyên, không thuộc phạm vi điều chỉnh."]
    doc.para(*parts)
    kw = {"capital_type": "recurrent", "budget_level": "central"}
    net = node(
        ctx,
        "NET",
        None,
        "",
        "Dự toán sau điều chỉnh tăng/giảm so với dự toán đã giao (thuần)",
        Decimal(0),
        **kw,
    )
    d = node(ctx, "DEC", net, "", "Điều chỉnh giảm (tổng)", -sum((i.total for i in dec), Decimal(0)), **kw)
    i_ = node(ctx, "INC", net, "", "Điều chỉnh tăng (tổng)", sum((i.total for i in inc), Decimal(0)), **kw)
    item_nodes(ctx, d, dec, "DEC")
    item_nodes(ctx, i_, inc, "INC")
    net.row.amount = d.row.amount + i_.row.amount
    maybe_inject(ctx, rows(net))
    for k, (top, items, intro) in enumerate(
        (
            (d, dec, "của các dự án, đơn vị chậm triển khai, không có khả năng giải ngân hết trong năm"),
            (i_, inc, "cho các dự án, đơn vị có nhu cầu và khả năng giải ngân"),
        )
    ):
        verb = "giảm" if k == 0 else "tăng"
        top.row.quote = f"Điều chỉnh {verb} {money(ctx, abs(top.row.amount))}"
        doc.para(f"{k + 2}. ", Piece(top.row.quote, [top.row]), f" {intro}, gồm:")
        for j, (it, n) in enumerate(zip(items, top.kids, strict=True)):
            doc.para(*item_line(ctx, "abcdđe"[j], it, n))
    _net_line(ctx, net, plan.amount)
    return net


def _net_line(ctx: Ctx, net: Node, before: Decimal) -> None:
    after = ctx.fund(
        "AFTER",
        f"Tổng dự toán kinh phí sự nghiệp NSTW năm {ctx.year} sau điều chỉnh",
        before + net.row.amount,
        capital_type="recurrent",
        budget_level="central",
    )
    verb = "giảm" if net.row.amount < 0 else "tăng"
    net.row.quote = f"{verb} {money(ctx, abs(net.row.amount))} so với dự toán đã giao"
    after.quote = f"tổng dự toán sau điều chỉnh là {money(ctx, after.amount)}"
    ctx.doc.para(
        "4. Sau khi điều chỉnh tăng, giảm nêu trên, dự toán kinh phí sự nghiệp của Chương trình ",
        Piece(net.row.quote, [net.row]),
        "; ",
        Piece(after.quote, [after]),
        ". Số kinh phí không sử dụng hết "
        "được hoàn trả ngân sách trung ương theo quy định tại khoản 3 Điều 64 Luật Ngân sách nhà nước.",
    )


def _targets(ctx: Ctx) -> None:
    """'số hộ được hỗ trợ nước sinh hoạt phân tán tăng từ 1.850 hộ lên 2.310 hộ' (before and after)."""
    rng = ctx.rng
    ctx.measure = "target"
    options = (
        ("số hộ được hỗ trợ nước sinh hoạt phân tán", "hộ", 300, 5000, "DA1", ""),
        ("số hộ được hỗ trợ chuyển đổi nghề", "hộ", 100, 2500, "DA1", ""),
        ("số lao động được đào tạo nghề", "lao động", 200, 3000, "DA5", "DA5.TDA3"),
        ("diện tích khoán bảo vệ rừng", "ha", 2000, 40000, "DA3", "DA3.TDA1"),
    )
    parts: list[Part] = ["5. Điều chỉnh chỉ tiêu nhiệm vụ tương ứng: "]
    for i, (label, unit, lo, hi, project, sub) in enumerate(rng.sample(options, rng.randint(1, 2))):
        a = draw_count(rng, lo, hi, ctx.scale)
        b = round(a * rng.uniform(0.7, 1.35))
        if b == a:
            b += 7
        verb = (
            f"tăng từ {vn_number(Decimal(a))} {unit} lên"
            if b > a
            else f"giảm từ {vn_number(Decimal(a))} {unit} xuống còn"
        )
        q = f"{verb} {vn_number(Decimal(b))} {unit}"
        rows_ = [
            ctx.target(
                f"{label} năm {ctx.year} (trước điều chỉnh)",
                Decimal(a),
                unit,
                q,
                project_code=project,
                sub_project_code=sub,
            ),
            ctx.target(
                f"{label} năm {ctx.year} (sau điều chỉnh)",
                Decimal(b),
                unit,
                q,
                project_code=project,
                sub_project_code=sub,
            ),
        ]
        parts += ["; " if i else "", f"{label} ", Piece(q, list(rows_))]
    ctx.doc.para(*parts, ".")


def _closing(ctx: Ctx, hdnd: bool) -> None:
    doc = ctx.doc
    doc.para("Điều 2. Tổ chức thực hiện")
    doc.para(
        "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện; chỉ đạo các đơn vị được điều chỉnh tăng dự toán "
        "khẩn "
        f"trương triển khai, giải ngân trước ngày 31 tháng 12 năm {ctx.year}."
    )
    if hdnd:
        doc.para(
            f"Nghị quyết này đã được Hội đồng nhân dân {ctx.province.label} khóa XVII, nhiệm kỳ 2021 - 2026 "
            "thông qua và có hiệu lực kể từ ngày thông qua./."
        )
    common.signature(
        doc,
        ctx,
        [
            "Ủy ban Thường vụ Quốc hội",
            "Chính phủ",
            "Bộ Tài chính; Ủy ban Dân tộc",
            "TT. Tỉnh ủy; TT. HĐND tỉnh",
        ],
        role="CHỦ TỊCH HĐND" if hdnd else "PHÓ CHỦ TỊCH",
    )


def _appendix(ctx: Ctx, dec: list[Item], inc: list[Item], number: str, date: tuple[int, int, int]) -> None:
    """By unit: Điều chỉnh giảm | Điều chỉnh tăng | Tăng (+), giảm (-) - keyed cell by cell under root NET."""
    doc = ctx.doc
    cols = [
        TCol("NET.DEC", "điều chỉnh giảm"),
        TCol("NET.INC", "điều chỉnh tăng"),
        TCol("NET", "tăng (+), giảm (-) thuần"),
    ]
    for c in cols:
        c.capital_type, c.budget_level = "recurrent", "central"
    units: dict[tuple[str, str], dict[str, Decimal]] = {}
    for it in (*dec, *inc):
        for kind, name, amount in it.places:
            v = units.setdefault((kind, name), {"NET.DEC": Decimal(0), "NET.INC": Decimal(0)})
            v["NET.DEC" if it.sign < 0 else "NET.INC"] += amount
    trows = [TRow("A.TOTAL", "", "Tổng cộng", "Tổng cộng")]
    for roman, kind, label, rid in (
        ("I", "district", "Cấp huyện", "A.HUYEN"),
        ("II", "agency", "Cấp tỉnh", "A.TINH"),
    ):
        members = [(n, v) for (k, n), v in units.items() if k == kind]
        if not members:
            continue
        group = TRow(rid, roman, label, label, parent="A.TOTAL")
        trows.append(group)
        for j, (name, v) in enumerate(members):
            shown = f"Huyện {name}" if kind == "district" else name
            r = TRow(f"A.{ascii_id(name)}", str(j + 1), shown, shown, parent=rid, values=dict(v))
            r.values["NET"] = v["NET.INC"] - v["NET.DEC"]
            trows.append(r)
        group.values = _sum(trows, rid)
    trows[0].values = _sum(trows, "A.TOTAL")
    for r in trows:  # keep the signed net in the key: NET = NET.DEC (negative) + NET.INC
        r.values["NET.DEC"] = r.values.get("NET.DEC", Decimal(0))
    keyed = cell_rows(ctx, trows, cols, " (Phụ lục)", sign=lambda cid: -1 if cid == "NET.DEC" else 1)
    doc.para("PHỤ LỤC")
    doc.para(f"TỔNG HỢP ĐIỀU CHỈNH DỰ TOÁN KINH PHÍ SỰ NGHIỆP NGUỒN NSTW NĂM {ctx.year} THEO ĐƠN VỊ")
    doc.para(f"(Kèm theo {'Nghị quyết' if 'NQ' in number else 'Quyết định'} số {number} {common.long_date(*date)})")
    doc.para("Đơn vị tính: triệu đồng")
    table = doc.new_table()
    doc.row(table, ["STT", "Đơn vị", "Điều chỉnh giảm", "Điều chỉnh tăng", "Tăng (+), giảm (-)"])
    signed = {"NET": lambda v: ("+" if v > 0 else "-" if v < 0 else "") + vn_number(abs(v))}
    write_rows(ctx, table, trows, cols, keyed, None, blank="", fmts=signed)


def _sum(trows: list[TRow], parent: str) -> dict[str, Decimal]:
    out = {"NET.DEC": Decimal(0), "NET.INC": Decimal(0), "NET": Decimal(0)}
    for r in trows:
        if r.parent == parent:
            for k in out:
                out[k] += r.values.get(k, Decimal(0))
    return out
