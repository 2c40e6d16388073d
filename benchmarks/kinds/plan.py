"""Provincial yearly plan (Kế hoạch thực hiện Chương trình ... năm Y): general targets with district
breakdowns, project sections, a funding hierarchy, an optional appendix of targets."""

from __future__ import annotations

from decimal import Decimal

from benchmarks import common
from benchmarks.compose import Ctx, area_breakdown, draw_count
from benchmarks.funding import (
    Node,
    assert_rendered,
    capital_tree,
    draw_amount,
    maybe_inject,
    node,
    rows,
    write_capital,
)
from benchmarks.kinds.sections import Numbering, cap_first, write_project
from benchmarks.model import Part, Piece, Target, join
from benchmarks.numbers import vn_number
from benchmarks.phrases import number_text, quantity

PROGRAMME = "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"
INVESTMENT_PROJECTS = ("DA1", "DA2", "DA4", "DA5", "DA6", "DA10")


def choose_projects(ctx: Ctx) -> tuple[list[str], bool]:
    """Projects written up, and whether Dự án 9 is declared not implemented."""
    rng = ctx.rng
    chosen = [f"DA{i}" for i in range(1, 11) if rng.random() < 0.85 or i in (1, 4)]
    da9_absent = "DA9" not in chosen and rng.random() < 0.6
    return chosen, da9_absent


def poverty_piece(ctx: Ctx) -> Piece:
    rng = ctx.rng
    v = Decimal(f"{rng.uniform(2.0, 4.5):.1f}")
    label = "giảm tỷ lệ hộ nghèo vùng đồng bào DTTS&MN"
    form = rng.randrange(3)
    if form == 0:
        text = f"giảm tỷ lệ hộ nghèo vùng đồng bào DTTS&MN đạt mục tiêu giảm bình quân {vn_number(v, 1)}%/năm"
        quote = f"giảm bình quân {vn_number(v, 1)}%/năm"
        return Piece(text, [ctx.target(label + " bình quân", v, "%/năm", quote)])
    if form == 1:
        text = f"phấn đấu giảm tỷ lệ hộ nghèo vùng đồng bào dân tộc thiểu số {quantity(rng, v, '%', '>=', 1)}"
        return Piece(text, [ctx.target(label, v, "%", text, comparator=">=")])
    shown = vn_number(v, 1 if v % 1 else 0)
    text = f"giảm tỷ lệ hộ nghèo vùng đồng bào DTTS&MN {shown}% so với năm {ctx.year - 1}"
    return Piece(text, [ctx.target(label, v, "%", text)])


def exits_piece(ctx: Ctx, word: str, label: str, tail: str) -> Piece:
    """'có 05 xã thoát khỏi địa bàn ĐBKK (huyện A: 01 xã; ...)'."""
    n = draw_count(ctx.rng, 2, 14 if word == "xã" else 60, ctx.scale)
    q = f"{number_text(Decimal(n), 0, ctx.pad2)} {word}"
    text = f"{q}{tail}"
    piece = Piece(text, [ctx.target(label, Decimal(n), word, text)])
    if ctx.rng.random() < 0.7 and n >= 2:
        return join([piece, " (", area_breakdown(ctx, label, n, word, {}), ")"])
    return piece


def general_goals(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    parts: list[Part] = [
        f"Năm {ctx.year}, tiếp tục tổ chức thực hiện kịp thời, hiệu quả Chương trình trên địa bàn; tập trung "
        "đầu tư có trọng tâm, trọng điểm đối với các xã, thôn đặc biệt khó khăn (ĐBKK); ",
        poverty_piece(ctx),
        ", có ",
        exits_piece(ctx, "xã", "số xã thoát khỏi địa bàn ĐBKK", " thoát khỏi địa bàn ĐBKK"),
    ]
    if rng.random() < 0.8:
        parts += [
            "; ",
            exits_piece(
                ctx,
                "thôn",
                "số thôn thoát khỏi địa bàn ĐBKK",
                " thuộc xã khu vực I, II thoát khỏi địa bàn thôn ĐBKK",
            ),
        ]
    doc.para(*parts, ".")
    if rng.random() < 0.5:
        v = Decimal(f"{rng.uniform(28, 62):.1f}")
        cmp = rng.choice(("=", "~"))
        q = quantity(rng, v, "triệu đồng/người/năm", cmp, 1)
        text = f"thu nhập bình quân của người dân tộc thiểu số đạt {q}"
        doc.para(
            cap_first(
                Piece(
                    text,
                    [
                        ctx.target(
                            "thu nhập bình quân của người DTTS",
                            v,
                            "triệu đồng/người/năm",
                            text,
                            comparator=cmp,
                        )
                    ],
                )
            ),
            ".",
        )


def baseline(ctx: Ctx) -> None:
    """'Toàn tỉnh có 54 xã ..., trong đó 22 xã khu vực III, ... và 64 thôn đặc biệt khó khăn1.'"""
    rng = ctx.rng
    ctx.measure = "baseline"
    k3, k2, k1 = (draw_count(rng, lo, hi, ctx.scale) for lo, hi in ((20, 140), (3, 40), (10, 90)))
    villages = draw_count(rng, 40, 900, ctx.scale)
    total = k3 + k2 + k1
    pad = ctx.pad2
    items = [(total, "xã, phường, thị trấn", "số xã, phường, thị trấn thuộc vùng đồng bào DTTS&MN")]
    pieces: list[Part] = [f"Toàn {ctx.province.type.lower()} có "]
    q0 = f"{number_text(Decimal(total), 0, pad)} xã, phường, thị trấn"
    pieces += [
        Piece(q0, [ctx.target(items[0][2], Decimal(total), items[0][1], q0)]),
        " thuộc vùng đồng bào dân tộc thiểu số và miền núi, trong đó ",
    ]
    for i, (n, area) in enumerate(((k3, "III"), (k2, "II"), (k1, "I"))):
        q = f"{number_text(Decimal(n), 0, pad)} xã khu vực {area}"
        pieces += [", " if i else "", Piece(q, [ctx.target(f"số xã khu vực {area}", Decimal(n), "xã", q)])]
    qv = f"{number_text(Decimal(villages), 0, pad)} thôn đặc biệt khó khăn1"
    pieces += [
        " và ",
        Piece(qv, [ctx.target("số thôn đặc biệt khó khăn", Decimal(villages), "thôn", qv)]),
        ".",
    ]
    ctx.doc.para(*pieces)
    ctx.measure = "target"


def project_funding(ctx: Ctx, code: str, inv_total: Decimal, rec_total: Decimal) -> None:
    """'- Kinh phí thực hiện: X triệu đồng (vốn đầu tư phát triển A; vốn sự nghiệp B).' as its own root."""
    rng = ctx.rng
    share = Decimal(str(round(rng.uniform(0.04, 0.2), 3)))
    rec = (rec_total * share).quantize(Decimal(1))
    inv = (inv_total * share).quantize(Decimal(1)) if code in INVESTMENT_PROJECTS and rng.random() < 0.7 else 0
    label = f"Kinh phí thực hiện Dự án {code[2:]}"
    if not inv:
        root = node(
            ctx,
            f"PRJ.{code}",
            None,
            "kinh phí",
            label + " (vốn sự nghiệp)",
            rec,
            capital_type="recurrent",
            project_code=code,
        )
        maybe_inject(ctx, rows(root))
        text = f"Kinh phí thực hiện (vốn sự nghiệp): {ctx.money(root.row.amount)}"
        root.row.quote = text
        ctx.doc.para("- ", Piece(text, [root.row]), ".")
        return
    root = node(ctx, f"PRJ.{code}", None, "kinh phí", label, inv + rec, project_code=code)
    kid_i = node(
        ctx,
        f"PRJ.{code}.INV",
        root,
        "vốn đầu tư phát triển",
        f"Dự án {code[2:]} - vốn đầu tư phát triển",
        inv,
        capital_type="investment",
        project_code=code,
    )
    kid_r = node(
        ctx,
        f"PRJ.{code}.REC",
        root,
        "vốn sự nghiệp",
        f"Dự án {code[2:]} - vốn sự nghiệp",
        rec,
        capital_type="recurrent",
        project_code=code,
    )
    maybe_inject(ctx, rows(root))
    ctx.doc.para(
        "- ",
        _money(ctx, root, "Kinh phí thực hiện: "),
        " (",
        _money(ctx, kid_i, "vốn đầu tư phát triển "),
        "; ",
        _money(ctx, kid_r, "vốn sự nghiệp "),
        ").",
    )
    assert_rendered(rows(root))


def _money(ctx: Ctx, n: Node, lead: str) -> Piece:
    text = lead + ctx.money(n.row.amount)
    n.row.quote = text
    return Piece(text, [n.row])


def appendix(ctx: Ctx, numbered: list[Target]) -> None:
    """'STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm Y' repeating some figures of the text."""
    doc = ctx.doc
    usable = [
        t
        for t in numbered
        if t.comparator in ("=", ">=", ">", "<") and t.admin_level == "province" and t.measure == "target"
    ]
    general = [t for t in usable if not t.project_code][:4]
    specific = [t for t in usable if t.project_code]
    picked = set(map(id, general + ctx.rng.sample(specific, min(len(specific), ctx.rng.randint(2, 6)))))
    chosen = [t for t in usable if id(t) in picked]
    if len(chosen) < 3:
        return
    doc.para(ctx.rng.choice(("Phụ lục", "PHỤ LỤC")))
    doc.para("MỤC TIÊU, NHIỆM VỤ THỰC HIỆN CHƯƠNG TRÌNH NĂM " + str(ctx.year))
    table = doc.new_table()
    doc.row(table, ["STT", "Chỉ tiêu", "Đơn vị tính", f"Kế hoạch năm {ctx.year}"])
    sign = {"=": "", ">=": "≥ ", ">": "> ", "<": "< "}
    for i, t in enumerate(chosen):
        label = t.indicator[0].upper() + t.indicator[1:]
        if t.project_code:
            label += f" (Dự án {t.project_code[2:]})"
        unit = t.unit_raw[0].upper() + t.unit_raw[1:] if t.unit_raw[0].isalpha() else t.unit_raw
        row = ctx.target(
            "appendix " + t.indicator,
            t.value,
            t.unit_raw,
            "",
            comparator=t.comparator,
            project_code=t.project_code,
        )
        doc.row(table, [str(i + 1), Piece(label, [row]), unit, sign[t.comparator] + vn_number(t.value)])


def render(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    ctx.pad2 = rng.random() < 0.6
    date = common.draw_date(rng, ctx.year - (1 if rng.random() < 0.3 else 0), (1, 5))
    if date[2] < ctx.year:
        date = (date[0], 12, date[2])
    number = common.doc_number(rng, common.UBND_PLAN, date[2])
    common.header(
        doc,
        ctx,
        common.UBND_PLAN,
        number,
        date,
        f"Thực hiện {PROGRAMME} trên địa bàn {ctx.province.label} năm {ctx.year}",
    )
    bases = common.legal_bases(
        ctx,
        date,
        [common.local_basis(ctx, ctx.year - 1, f"giao kế hoạch vốn ngân sách nhà nước năm {ctx.year}", months=(9, 11))],
    )
    if rng.random() < 0.3:  # a party resolution: '06-NQ/TU' is a document number, not a figure
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        party = (
            f"Nghị quyết số {rng.randint(2, 30):02d}-NQ/TU ngày {day}/{month}/2021 của Ban Chấp hành "
            "Đảng bộ tỉnh về phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số giai đoạn "
            "2021 - 2025, định hướng đến năm 2030"
        )
        bases.insert(len(bases) - 1, party)
    common.write_bases(
        doc,
        bases,
        f"UBND {ctx.province.label} ban hành Kế hoạch thực hiện Chương trình năm {ctx.year} như sau:",
    )
    style = rng.choice(("nested", "flat", "roman"))
    doc.para("I. MỤC TIÊU, CHỈ TIÊU CHỦ YẾU" if style != "roman" else "A. MỤC TIÊU, CHỈ TIÊU CHỦ YẾU", style="h1")
    if style == "nested":
        doc.para("1. Mục tiêu chung", style="h2")
    if rng.random() < 0.4:
        baseline(ctx)
    general_goals(ctx)
    root = _capital(ctx)
    _projects(ctx, style, root)
    _funding_section(ctx, style, root)
    _closing(ctx, style)
    common.footnotes(doc, 1 if any(t.quote.endswith("khó khăn1") for t in doc.targets) else 0)
    if rng.random() < 0.45:
        appendix(ctx, list(doc.targets))


def _capital(ctx: Ctx) -> Node:
    rng = ctx.rng
    inv = draw_amount(rng, 180_000, 950_000, ctx.scale)
    rec = draw_amount(rng, 120_000, 700_000, ctx.scale)
    label = rng.choice(
        (
            "Tổng nhu cầu vốn thực hiện Chương trình năm {y}",
            "Tổng vốn thực hiện Chương trình năm {y}",
            "Tổng kinh phí thực hiện Chương trình năm {y}",
        )
    ).format(y=ctx.year)
    root = capital_tree(ctx, "TOTAL", "tổng vốn", label, inv, rec, rng.random() < 0.6)
    root.name = label + rng.choice((" là {money}", " là {money}", ": {money}", " dự kiến {money}"))
    return root


def _projects(ctx: Ctx, style: str, root: Node) -> None:
    doc, rng = ctx.doc, ctx.rng
    numbering = Numbering(style, "2." if style == "nested" else "", letters=rng.random() < 0.4)
    if style == "nested":
        doc.para("2. Mục tiêu, chỉ tiêu cụ thể", style="h1")
    elif style == "flat":
        doc.para("II. NHIỆM VỤ CỤ THỂ CỦA CÁC DỰ ÁN", style="h1")
    chosen, da9_absent = choose_projects(ctx)
    inv = next((n.row.amount for n in root.walk() if n.row.line_id.endswith(".INV")), Decimal(0))
    rec = next((n.row.amount for n in root.walk() if n.row.line_id.endswith(".REC")), Decimal(0))
    for code in chosen:
        write_project(ctx, numbering, code)
        if rng.random() < 0.3:
            project_funding(ctx, code, inv, rec)
    if da9_absent:
        doc.para(
            "Dự án 9 không triển khai trên địa bàn tỉnh do không có nhóm dân tộc thiểu số rất ít người, "
            "nhóm dân tộc còn gặp nhiều khó khăn theo quy định."
        )


def _funding_section(ctx: Ctx, style: str, root: Node) -> None:
    doc, rng = ctx.doc, ctx.rng
    heading = {
        "nested": "II. NGUỒN VỐN THỰC HIỆN CHƯƠNG TRÌNH",
        "flat": "III. NGUỒN VỐN THỰC HIỆN",
        "roman": "B. KINH PHÍ THỰC HIỆN",
    }[style]
    doc.para(heading, style="h1")
    maybe_inject(ctx, rows(root))
    write_capital(ctx, root, root.name)
    assert_rendered(rows(root))
    if rng.random() < 0.3:
        v = Decimal(rng.choice((20, 20, 25, 30)))
        text = f"Tỷ lệ dự án đầu tư thực hiện theo cơ chế đặc thù tối thiểu {v}% dự án"
        row = ctx.target("tỷ lệ dự án đầu tư thực hiện theo cơ chế đặc thù", v, "%", text, comparator=">=")
        doc.para(
            Piece(text, [row]),
            ": theo ",
            common.local_basis(ctx, ctx.year - 1, "về cơ chế đặc thù", "HĐND tỉnh", (6, 11)),
            ".",
        )


def _closing(ctx: Ctx, style: str) -> None:
    doc = ctx.doc
    doc.para(
        {
            "nested": "III. TỔ CHỨC THỰC HIỆN",
            "flat": "IV. TỔ CHỨC THỰC HIỆN",
            "roman": "C. TỔ CHỨC THỰC HIỆN",
        }[style],
        style="h1",
    )
    for i, line in enumerate(common.closing_duties(ctx, ctx.year)):
        doc.para(f"{i + 1}. {line}")
    common.signature(
        doc,
        ctx,
        [
            "Ủy ban Dân tộc",
            "Thường trực HĐND tỉnh",
            "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
            "Các sở, ban, ngành tỉnh",
            "UBND các huyện, thành phố",
        ],
    )
