"""Allocation decision (Quyết định phân bổ chi tiết kế hoạch vốn): body lines with the amounts assigned,
and an appendix table by district (Tổng số + districts) or by capital type (ĐTPT / sự nghiệp, NSTW / NSĐP)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from benchmarks import common, office
from benchmarks.compose import Ctx
from benchmarks.funding import Node, assert_rendered, cap_line, maybe_inject, money_piece, node, rows
from benchmarks.kinds.tables import TCol, TRow, cell_rows, sum_rows, write_rows
from benchmarks.model import Piece
from benchmarks.numbers import vn_number, words_vnd
from benchmarks.reference import ascii_id, projects, sub_projects

PROGRAMME = "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"
RECURRENT = {
    "DA1": [],
    "DA3": ["DA3.TDA1", "DA3.TDA2"],
    "DA4": ["DA4.TDA1"],
    "DA5": ["DA5.TDA1", "DA5.TDA2", "DA5.TDA3", "DA5.TDA4"],
    "DA6": [],
    "DA7": [],
    "DA8": [],
    "DA9": ["DA9.TDA1", "DA9.TDA2"],
    "DA10": ["DA10.TDA1", "DA10.TDA2", "DA10.TDA3"],
}
INVESTMENT = {
    "DA1": [],
    "DA2": [],
    "DA4": ["DA4.TDA1", "DA4.TDA2"],
    "DA5": ["DA5.TDA1"],
    "DA6": [],
    "DA10": ["DA10.TDA2"],
}
WEIGHT = {
    "DA1": 1.2,
    "DA2": 1.0,
    "DA3": 2.5,
    "DA4": 3.0,
    "DA5": 2.0,
    "DA6": 0.6,
    "DA7": 0.4,
    "DA8": 0.4,
    "DA9": 0.5,
    "DA10": 0.4,
    "DA4.TDA2": 0.3,
    "DA10.TDA2": 0.2,
}


def weight(code: str) -> float:
    """Relative size of a project's (or sub-project's) money in the tables."""
    return WEIGHT.get(code, WEIGHT[code.split(".")[0]])


def row_plan(ctx: Ctx, table: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Projects (and the sub-projects kept) that appear in the table."""
    rng = ctx.rng
    out = []
    for code, subs in table.items():
        if rng.random() < 0.2 and code not in ("DA1", "DA4"):
            continue
        kept = [s for s in subs if rng.random() < 0.8]
        out.append((code, kept if kept or not subs else subs[:1]))
    return out


def label_of(code: str, subs: list[str]) -> tuple[str, str]:
    """Printed label and key label of a project row ('Dự án 4 - Tiểu dự án 1: ...' when one sub-project)."""
    number = code[2:]
    if len(subs) == 1 and code in ("DA4", "DA9"):
        s = subs[0]
        return (
            f"Dự án {number} - Tiểu dự án {s[-1]}: {sub_projects()[s]}",
            f"Dự án {number} - Tiểu dự án {s[-1]}",
        )
    return f"Dự án {number}: {projects()[code]}", f"Dự án {number}"


def build_rows(
    ctx: Ctx, plan: list[tuple[str, list[str]]], leaf: Callable[[str], dict[str, Decimal]], cols: list[TCol]
) -> list[TRow]:
    """Project rows and sub-project rows; leaves drawn by `leaf(code)`, parents summed column by column."""
    letters = ctx.rng.random() < 0.6
    trows: list[TRow] = []
    for i, (code, subs) in enumerate(plan):
        label, key_label = label_of(code, subs)
        single = len(subs) == 1 and code in ("DA4", "DA9")
        rid = subs[0] if single else code
        head = TRow(rid, str(i + 1), label, key_label, rid, "TOTAL")
        trows.append(head)
        kids = [] if single or not subs else subs
        for j, s in enumerate(kids):
            stt = "abcde"[j] if letters else f"{i + 1}.{j + 1}"
            kid = TRow(
                s,
                stt,
                f"Tiểu dự án {s[-1]}: {sub_projects()[s]}",
                f"Dự án {code[2:]}, Tiểu dự án {s[-1]}",
                s,
                rid,
                leaf(s),
            )
            trows.append(kid)
        head.values = sum_rows([r for r in trows if r.parent == rid], cols) if kids else leaf(rid)
    return trows


def district_leaf(ctx: Ctx, cols: list[TCol], step: Decimal) -> Callable[[str], dict[str, Decimal]]:
    def leaf(code: str) -> dict[str, Decimal]:
        rng = ctx.rng
        w = weight(code)
        out = {
            c.cid: (Decimal(rng.uniform(150, 4200) * w * ctx.scale) / step).quantize(Decimal(1)) * step
            for c in cols
            if rng.random() > 0.12
        }
        return out or {cols[0].cid: (Decimal(rng.uniform(150, 900) * ctx.scale) / step).quantize(Decimal(1)) * step}

    return leaf


def district_table(ctx: Ctx, capital: str, places: int) -> tuple[list[TRow], list[TCol]]:
    rng = ctx.rng
    ds = [d for d in ctx.province.districts if d.type == "Huyện"] or list(ctx.province.districts)
    chosen = sorted(rng.sample(ds, min(len(ds), rng.randint(4, 9))), key=lambda d: d.code)
    dcols = [
        TCol(ascii_id(d.name), f"Huyện {d.name}" if d.type == "Huyện" else d.label.capitalize(), d.name) for d in chosen
    ]
    leaf = district_leaf(ctx, dcols, Decimal(1).scaleb(-places))
    trows = build_rows(ctx, row_plan(ctx, RECURRENT if capital == "recurrent" else INVESTMENT), leaf, dcols)
    for r in trows:
        r.values["TONG"] = sum(r.values.values(), Decimal(0))
    total = TRow("TOTAL", "", "Tổng cộng", "Tổng cộng")
    total.values = sum_rows([r for r in trows if r.parent == "TOTAL"], [TCol("TONG", ""), *dcols])
    return [total, *trows], [TCol("TONG", "Tổng số"), *dcols]


CAP_COLS = [
    TCol("ALL", "Tổng cộng"),
    TCol("INV", "Vốn ĐTPT - Tổng số", capital_type="investment"),
    TCol("INV.CENTRAL", "Vốn ĐTPT - NSTW", capital_type="investment", budget_level="central"),
    TCol("INV.LOCAL", "Vốn ĐTPT - NSĐP", capital_type="investment", budget_level="local"),
    TCol("REC", "Vốn sự nghiệp - Tổng số", capital_type="recurrent"),
    TCol("REC.CENTRAL", "Vốn sự nghiệp - NSTW", capital_type="recurrent", budget_level="central"),
    TCol("REC.LOCAL", "Vốn sự nghiệp - NSĐP", capital_type="recurrent", budget_level="local"),
]
INV_CODES = {"DA1", "DA2", "DA4", "DA4.TDA1", "DA4.TDA2", "DA5.TDA1", "DA6", "DA10.TDA2"}
ALL_PROJECTS = dict(
    sorted({**RECURRENT, "DA2": [], "DA4": ["DA4.TDA1", "DA4.TDA2"]}.items(), key=lambda kv: int(kv[0][2:]))
)


def capital_leaf(ctx: Ctx) -> Callable[[str], dict[str, Decimal]]:
    """NSTW drawn (investment only where the programme invests), NSĐP about 10% of it, totals added."""

    def leaf(code: str) -> dict[str, Decimal]:
        rng = ctx.rng
        w = weight(code) * ctx.scale * 6
        inv = Decimal(round(rng.uniform(800, 9000) * w)) if code in INV_CODES and rng.random() < 0.85 else Decimal(0)
        rec = Decimal(round(rng.uniform(300, 6000) * w)) if code != "DA2" or rng.random() < 0.3 else Decimal(0)
        if not inv and not rec:
            rec = Decimal(round(rng.uniform(300, 2000) * w))
        v = {
            "INV.CENTRAL": inv,
            "INV.LOCAL": (inv * Decimal("0.1")).quantize(Decimal(1)),
            "REC.CENTRAL": rec,
            "REC.LOCAL": (rec * Decimal("0.1")).quantize(Decimal(1)),
        }
        v["INV"], v["REC"] = v["INV.CENTRAL"] + v["INV.LOCAL"], v["REC.CENTRAL"] + v["REC.LOCAL"]
        v["ALL"] = v["INV"] + v["REC"]
        return v

    return leaf


def capital_table(ctx: Ctx) -> tuple[list[TRow], list[TCol]]:
    trows = build_rows(ctx, row_plan(ctx, ALL_PROJECTS), capital_leaf(ctx), CAP_COLS)
    total = TRow("TOTAL", "", "TỔNG CỘNG", "Tổng cộng")
    total.values = sum_rows([r for r in trows if r.parent == "TOTAL"], CAP_COLS)
    return [total, *trows], CAP_COLS


def write_table(ctx: Ctx, trows: list[TRow], cols: list[TCol], places: int, by_district: bool) -> Decimal:
    """Appendix title, header, column-index row and keyed rows; returns the printed Tổng cộng."""
    doc, rng = ctx.doc, ctx.rng
    xlsx = doc.meta.fmt == "xlsx"
    keyed = cell_rows(ctx, trows, cols, rng.choice((" (Phụ lục I)", " (Phụ lục)", "")))
    table = doc.new_table()
    if xlsx and not by_district:  # merged header cells, as spreadsheets of the genre have them
        r = len(office.xlsx_units(doc)) + 1
        doc.merges += [
            f"A{r}:A{r + 1}",
            f"B{r}:B{r + 1}",
            f"C{r}:C{r + 1}",
            f"D{r}:F{r}",
            f"G{r}:I{r}",
            f"J{r}:J{r + 1}",
            "A2:I2",
            "A3:I3",
        ]
    if by_district:
        doc.row(
            table,
            ["STT", "Dự án, tiểu dự án", *["Tổng số" if c.cid == "TONG" else c.key_label for c in cols]],
        )
        doc.row(table, ["1", "2", f"3=4+...+{len(cols) + 2}", *[str(i + 4) for i in range(len(cols) - 1)]])
    else:
        doc.row(
            table,
            [
                "STT",
                "Dự án, tiểu dự án",
                "Tổng cộng",
                "Vốn đầu tư phát triển",
                "",
                "",
                "Vốn sự nghiệp",
                "",
                "",
                "Ghi chú",
            ],
            [
                "STT",
                "Dự án, tiểu dự án",
                "Tổng cộng",
                "Vốn đầu tư phát triển",
                None,
                None,
                "Vốn sự nghiệp",
                None,
                None,
                "Ghi chú",
            ],
        )
        doc.row(
            table,
            ["", "", "", "Tổng số", "NSTW", "NSĐP", "Tổng số", "NSTW", "NSĐP"],
            [None, None, None, "Tổng số", "NSTW", "NSĐP", "Tổng số", "NSTW", "NSĐP"],
        )
        doc.row(table, ["1", "2", "3=4+7", "4=5+6", "5", "6", "7=8+9", "8", "9", "10"])
    as_text = None
    if xlsx and rng.random() < 0.3:
        big = [k for k, f in keyed.items() if f.amount >= 1000 and not f.injected_error and k[0] != "TOTAL"]
        as_text = rng.choice(big) if big else None
    write_rows(
        ctx,
        table,
        trows,
        cols,
        keyed,
        places,
        blank="" if xlsx else rng.choice(("-", "-", "")),
        with_note=not by_district,
        as_text=as_text,
    )
    return keyed[("TOTAL", cols[0].cid)].amount


def render(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    ctx.phase = "allocated"
    xlsx = doc.meta.fmt == "xlsx"
    by_district = not xlsx and len(ctx.province.districts) >= 4 and rng.random() < 0.65
    capital = "recurrent" if rng.random() < 0.7 else "investment"
    places = 3 if by_district and rng.random() < 0.6 else 0
    trows, cols = district_table(ctx, capital, places) if by_district else capital_table(ctx)
    if by_district:
        ctype = capital
        for c in cols:
            c.capital_type, c.budget_level = ctype, "central"
    if xlsx:
        _xlsx_titles(ctx)
        write_table(ctx, trows, cols, places, by_district)
        doc.add(
            "Ghi chú: NSTW: ngân sách trung ương; NSĐP: ngân sách địa phương (gồm ngân sách tỉnh và ngân sách huyện)."
        )
        return
    date = common.draw_date(rng, ctx.year, (1, 9))
    number = common.doc_number(rng, common.UBND_DECISION, ctx.year)
    cap_name = "sự nghiệp" if capital == "recurrent" else "đầu tư phát triển"
    round_no = rng.choice((0, 2, 2)) if by_district else 0
    title = (
        f"Về việc phân bổ chi tiết kế hoạch vốn {cap_name if by_district else 'ngân sách nhà nước'} "
        f"{'nguồn ngân sách trung ương ' if by_district else ''}năm {ctx.year}"
        f"{f' (đợt {round_no})' if round_no else ''} thực hiện {PROGRAMME}"
    )
    common.header(doc, ctx, common.UBND_DECISION, number, date, title)
    bases = common.legal_bases(
        ctx,
        date,
        [common.local_basis(ctx, ctx.year - 1, f"về dự toán ngân sách năm {ctx.year}", "HĐND tỉnh", (11, 12))],
    )
    common.write_bases(doc, bases, "Theo đề nghị của Giám đốc Sở Tài chính.")
    doc.para("QUYẾT ĐỊNH:")
    if by_district:
        _article1(ctx, cap_name, sum_cell(trows, cols), round_no, places, len(cols) - 1)
    else:
        _article_capital(ctx, trows[0])
    _articles(ctx)
    doc.para(" ")
    doc.para("PHỤ LỤC I" if by_district else "PHỤ LỤC")
    doc.para(title.replace("Về việc phân bổ", "PHÂN BỔ").upper())
    doc.para(f"(Kèm theo Quyết định số {number} {common.long_date(*date)} của Ủy ban nhân dân {ctx.province.label})")
    doc.para("Đơn vị tính: triệu đồng")
    write_table(ctx, trows, cols, places, by_district)


def sum_cell(trows: list[TRow], cols: list[TCol]) -> Decimal:
    return trows[0].values[cols[0].cid]


def _xlsx_titles(ctx: Ctx) -> None:
    doc = ctx.doc
    doc.row(
        0,
        [f"ỦY BAN NHÂN DÂN {ctx.province.label.upper()}", "", "", "", "", "", "", "Phụ lục I"],
        [f"ỦY BAN NHÂN DÂN {ctx.province.label.upper()}", None, None, None, None, None, None, "Phụ lục I"],
    )
    doc.row(0, [f"PHÂN BỔ CHI TIẾT KẾ HOẠCH VỐN NGÂN SÁCH NHÀ NƯỚC NĂM {ctx.year} THỰC HIỆN {PROGRAMME.upper()}"])
    d = common.draw_date(ctx.rng, ctx.year, (1, 6))
    doc.row(
        0,
        [
            f"(Kèm theo Quyết định số {common.doc_number(ctx.rng, common.UBND_DECISION, ctx.year)} "
            f"{common.long_date(*d)} của Ủy ban nhân dân {ctx.province.label})"
        ],
    )
    doc.row(
        0,
        ["", "", "", "", "", "", "", "Đơn vị tính: triệu đồng"],
        [None, None, None, None, None, None, None, "Đơn vị tính: triệu đồng"],
    )


def _article_capital(ctx: Ctx, total: TRow) -> None:
    """'... với tổng số vốn X triệu đồng, trong đó: - vốn đầu tư phát triển: A (NSTW: a1, NSĐP: a2); ...'."""
    doc, v = ctx.doc, total.values
    top = node(ctx, "BODY.ALL", None, "", f"Tổng kế hoạch vốn phân bổ chi tiết năm {ctx.year}", v["ALL"])
    for cap, name, ctype in (
        ("INV", "vốn đầu tư phát triển", "investment"),
        ("REC", "vốn sự nghiệp", "recurrent"),
    ):
        if not v[cap]:
            continue
        c = node(ctx, f"BODY.{cap}", top, name, name[0].upper() + name[1:], v[cap], capital_type=ctype)
        for level, lname in (("CENTRAL", "ngân sách trung ương"), ("LOCAL", "ngân sách địa phương")):
            node(
                ctx,
                f"BODY.{cap}.{level}",
                c,
                lname,
                f"{name[0].upper() + name[1:]} - {lname}",
                v[f"{cap}.{level}"],
                capital_type=ctype,
                budget_level=level.lower(),
            )
    maybe_inject(ctx, rows(top))
    doc.para(
        f"Điều 1. Phân bổ chi tiết kế hoạch vốn ngân sách nhà nước năm {ctx.year} thực hiện Chương trình ",
        money_piece(ctx, top, "với tổng số vốn {money}"),
        ", trong đó:",
    )
    for c in top.kids:
        doc.para("- ", cap_line(ctx, c, "paren"), ";")
    doc.para("(Chi tiết tại Phụ lục kèm theo)")
    assert_rendered(rows(top))


def _article1(ctx: Ctx, cap_name: str, table_total: Decimal, round_no: int, places: int, n_districts: int) -> None:
    """Body lines: total assigned -> rounds -> districts / provincial units (a complete breakdown)."""
    doc, rng = ctx.doc, ctx.rng
    step = Decimal(1).scaleb(-places)

    def fmt(a: Decimal) -> str:
        return vn_number(a, places) + " triệu đồng"

    prov_units = (table_total * Decimal(str(round(rng.uniform(0.08, 0.25), 3))) / step).quantize(Decimal(1)) * step
    assigned = table_total + prov_units
    doc.para(f"Điều 1. Phân bổ chi tiết kế hoạch vốn {cap_name} năm {ctx.year} thực hiện Chương trình, cụ thể như sau:")
    if round_no:
        done = (assigned * Decimal(str(round(rng.uniform(0.8, 1.6), 3))) / step).quantize(Decimal(1)) * step
        left = (assigned * Decimal(str(round(rng.uniform(0.02, 0.1), 3))) / step).quantize(Decimal(1)) * step
        central = node(
            ctx,
            "CENTRAL",
            None,
            "",
            f"Tổng kế hoạch vốn {cap_name} NSTW năm {ctx.year} được giao",
            done + assigned + left,
            capital_type=_ctype(cap_name),
            budget_level="central",
        )
        r1 = node(
            ctx,
            "ROUND1",
            central,
            "",
            "Đã phân bổ đợt 1",
            done,
            capital_type=_ctype(cap_name),
            budget_level="central",
        )
        r2 = node(
            ctx,
            "ROUND2",
            central,
            "",
            f"Phân bổ chi tiết đợt {round_no} tại Quyết định này",
            assigned,
            capital_type=_ctype(cap_name),
            budget_level="central",
        )
        _assigned_kids(ctx, r2, table_total, prov_units, cap_name)
        rest = node(
            ctx,
            "UNALLOCATED",
            central,
            "",
            "Số vốn còn lại chưa phân bổ",
            left,
            capital_type=_ctype(cap_name),
            budget_level="central",
        )
        maybe_inject(ctx, rows(central))
        total_text = (
            f"Tổng kế hoạch vốn {cap_name} nguồn ngân sách trung ương năm {ctx.year} tỉnh được giao thực "
            f"hiện Chương trình là {fmt(central.row.amount)}"
        )
        words = f" (Bằng chữ: {words_vnd(int(central.row.amount * 1_000_000))})" if rng.random() < 0.5 else ""
        doc.para("1. ", _q(central, total_text), words, ".")
        doc.para(
            "2. ",
            _q(
                r1,
                f"Đã phân bổ đợt 1 tại Quyết định số {rng.randint(100, 900)}/QĐ-UBND "
                f"{common.long_date(rng.randint(1, 28), rng.randint(1, 4), ctx.year)} của Ủy ban nhân dân "
                f"tỉnh: {fmt(r1.row.amount)}",
            ),
            ".",
        )
        doc.para(
            "3. ",
            _q(r2, f"Phân bổ chi tiết đợt {round_no} tại Quyết định này: {fmt(r2.row.amount)}"),
            ", trong đó:",
        )
        _write_assigned(ctx, r2, fmt, n_districts)
        doc.para(
            "4. ",
            _q(rest, f"Số vốn còn lại chưa phân bổ: {fmt(rest.row.amount)}"),
            ". Giao Sở Tài chính tham "
            "mưu phân bổ sau khi các đơn vị hoàn thiện hồ sơ theo quy định tại khoản 2 Điều 9 Thông tư số "
            "15/2022/TT-BTC.",
        )
        assert_rendered(rows(central))
        return
    top = node(
        ctx,
        "ASSIGNED",
        None,
        "",
        f"Tổng kế hoạch vốn {cap_name} phân bổ chi tiết năm {ctx.year}",
        assigned,
        capital_type=_ctype(cap_name),
        budget_level="central",
    )
    _assigned_kids(ctx, top, table_total, prov_units, cap_name)
    maybe_inject(ctx, rows(top))
    doc.para(_q(top, f"Tổng số vốn phân bổ chi tiết: {fmt(top.row.amount)}"), ", trong đó:")
    _write_assigned(ctx, top, fmt, n_districts)
    assert_rendered(rows(top))


def _ctype(cap_name: str) -> str:
    return "recurrent" if cap_name == "sự nghiệp" else "investment"


def _assigned_kids(ctx: Ctx, parent: Node, districts: Decimal, units: Decimal, cap_name: str) -> None:
    kw = {"capital_type": _ctype(cap_name), "budget_level": "central"}
    node(
        ctx,
        f"{parent.row.line_id}.DISTRICTS",
        parent,
        "",
        "Giao Ủy ban nhân dân các huyện (Phụ lục I)",
        districts,
        **kw,
    )
    node(
        ctx,
        f"{parent.row.line_id}.PROVINCE_UNITS",
        parent,
        "",
        "Giao các sở, ban, ngành, đơn vị cấp tỉnh",
        units,
        **kw,
    )


def _write_assigned(ctx: Ctx, parent: Node, fmt: Callable[[Decimal], str], n: int) -> None:
    d, u = parent.kids
    ctx.doc.para(
        "a) ",
        _q(
            d,
            f"Giao Ủy ban nhân dân {n:02d} huyện: {fmt(d.row.amount)}"
            if ctx.rng.random() < 0.5
            else f"Giao Ủy ban nhân dân các huyện: {fmt(d.row.amount)}",
        ),
        " (chi tiết tại Phụ lục I kèm theo);",
    )
    ctx.doc.para(
        "b) ",
        _q(u, f"Giao các sở, ban, ngành, đơn vị cấp tỉnh: {fmt(u.row.amount)}"),
        " (chi tiết tại Phụ lục II gửi kèm riêng).",
    )


def _q(n: Node, text: str) -> Piece:
    n.row.quote = text
    return Piece(text, [n.row])


def _articles(ctx: Ctx) -> None:
    doc = ctx.doc
    doc.para("Điều 2. Tổ chức thực hiện")
    doc.para(
        "1. Căn cứ kinh phí được giao, Ủy ban nhân dân các huyện và các đơn vị dự toán cấp tỉnh phân bổ, "
        "giao "
        "dự toán chi tiết cho các đơn vị sử dụng ngân sách; hạch toán, quyết toán theo mã Chương trình mục "
        "tiêu quốc gia (mã số 0350) theo quy định hiện hành."
    )
    doc.para(
        f"2. Kinh phí được thực hiện và giải ngân đến hết ngày 31 tháng 01 năm {ctx.year + 1}; trường hợp "
        "không giải ngân hết, thực hiện chuyển nguồn theo quy định tại Điều 64 Luật Ngân sách nhà nước."
    )
    doc.para(
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc "
        "các "
        "Sở: Tài chính, Kế hoạch và Đầu tư; Trưởng Ban Dân tộc tỉnh; Chủ tịch Ủy ban nhân dân các huyện và "
        "Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./."
    )
    common.signature(doc, ctx, ["Như Điều 3", "Bộ Tài chính", "Ủy ban Dân tộc", "TT. Tỉnh ủy; TT. HĐND tỉnh"])
