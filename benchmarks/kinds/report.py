"""Progress report (Báo cáo kết quả thực hiện Chương trình năm Y; nhiệm vụ năm Y+1): baselines, planned
capital, disbursement with rates, carry-over kept apart, district rates, results by project with fractions,
a figure repeated in the shortcomings (keyed once), next year's targets and capital (plan_year Y+1)."""

from __future__ import annotations

from decimal import Decimal

from benchmarks import common
from benchmarks.compose import Ctx, draw_count, indicator_piece
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
from benchmarks.model import Part, Piece, join
from benchmarks.numbers import vn_number
from benchmarks.phrases import INDICATORS, number_text

PROGRAMME = "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal("0.1"))


def rate_piece(ctx: Ctx, label: str, amount_text: str, rate: Decimal, lead: str = "giải ngân ") -> tuple[str, Piece]:
    """'giải ngân 61.402 triệu đồng, đạt 66,5% kế hoạch' -> (amount quote, piece with the rate row)."""
    tail = ctx.rng.choice((" kế hoạch", "", " kế hoạch vốn"))
    text = f"{lead}{amount_text}, đạt {vn_number(rate, 1)}%{tail}"
    return f"{lead}{amount_text}", Piece(text, [ctx.target(label, rate, "%", text, measure="result")])


def overview(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    ctx.measure = "baseline"
    k3, k2, k1 = (draw_count(rng, lo, hi, ctx.scale) for lo, hi in ((15, 140), (2, 40), (10, 90)))
    n_d = max(2, min(len(ctx.province.districts), rng.randint(3, 12)))
    villages = draw_count(rng, 15, 900, ctx.scale)
    total = k3 + k2 + k1
    pad = ctx.pad2
    q1 = f"gồm {number_text(Decimal(total), 0, pad)} xã thuộc {number_text(Decimal(n_d), 0, pad)} huyện"
    parts: list[Part] = [
        "Theo Quyết định số 861/QĐ-TTg ngày 04/6/2021 của Thủ tướng Chính phủ, vùng đồng bào dân tộc thiểu "
        "số và "
        f"miền núi của {ctx.province.type.lower()} ",
        Piece(
            q1,
            [
                ctx.target("số xã thuộc vùng đồng bào DTTS&MN", Decimal(total), "xã", q1),
                ctx.target("số huyện có xã thuộc vùng đồng bào DTTS&MN", Decimal(n_d), "huyện", q1),
            ],
        ),
        ", trong đó có ",
    ]
    for i, (n, area) in enumerate(((k3, "III"), (k2, "II"), (k1, "I"))):
        q = f"{number_text(Decimal(n), 0, pad)} xã khu vực {area}"
        parts += [
            ", " if i == 1 else " và " if i == 2 else "",
            Piece(q, [ctx.target(f"số xã khu vực {area}", Decimal(n), "xã", q)]),
        ]
    qv = f"toàn vùng có {number_text(Decimal(villages), 0, pad)} thôn đặc biệt khó khăn1"
    parts += ["; ", Piece(qv, [ctx.target("số thôn đặc biệt khó khăn", Decimal(villages), "thôn", qv)]), "."]
    doc.para(*parts)
    people = draw_count(rng, 60_000, 1_200_000, ctx.scale)
    rate = Decimal(f"{rng.uniform(4, 28):.2f}")
    qp = f"Dân số vùng khoảng {vn_number(Decimal(people))} người"
    qr = f"đầu năm {ctx.year} là {vn_number(rate, 2)}%"
    doc.para(
        Piece(qp, [ctx.target("dân số vùng đồng bào DTTS&MN", Decimal(people), "người", qp, comparator="~")]),
        "; tỷ lệ hộ nghèo vùng đồng bào dân tộc thiểu số và miền núi ",
        Piece(qr, [ctx.target(f"tỷ lệ hộ nghèo vùng đồng bào DTTS&MN đầu năm {ctx.year}", rate, "%", qr)]),
        " (theo chuẩn nghèo đa chiều giai đoạn 2022 - 20252).",
    )
    ctx.measure = "result"


def capital_and_disbursement(ctx: Ctx) -> Decimal:
    """Planned capital, carry-over, disbursement with rates, district rates; returns the overall rate."""
    doc, rng = ctx.doc, ctx.rng
    doc.para("2. Kết quả phân bổ và giải ngân vốn")
    doc.para(f"a) Kế hoạch vốn năm {ctx.year}")
    ctx.phase = "planned"
    root = capital_tree(
        ctx,
        "PLAN",
        "",
        f"Tổng kế hoạch vốn thực hiện Chương trình năm {ctx.year}",
        draw_amount(rng, 150_000, 900_000, ctx.scale),
        draw_amount(rng, 90_000, 600_000, ctx.scale),
        False,
    )
    maybe_inject(ctx, rows(root))
    write_capital(ctx, root, f"Tổng kế hoạch vốn thực hiện Chương trình năm {ctx.year} là {{money}}")
    assert_rendered(rows(root))
    carry = draw_amount(rng, 5_000, 90_000, ctx.scale)
    c = ctx.fund(
        f"CARRY{ctx.year - 1}",
        f"Kinh phí sự nghiệp năm {ctx.year - 1} chuyển nguồn sang năm {ctx.year}",
        carry,
        capital_type="recurrent",
    )
    c.quote = f"chuyển nguồn sang năm {ctx.year} là {ctx.money(carry)}"
    doc.para(f"Ngoài ra, kinh phí sự nghiệp năm {ctx.year - 1} chưa sử dụng hết được ", Piece(c.quote, [c]), ".")
    return disbursement(ctx, root, carry)


def disbursement(ctx: Ctx, plan: Node, carry: Decimal) -> Decimal:
    """Disbursed by capital type (each with its rate), sometimes by budget level; carry-over apart."""
    doc, rng = ctx.doc, ctx.rng
    ctx.phase = "disbursed"
    doc.para("b) Kết quả giải ngân")
    caps = [k for k in plan.walk() if k.row.capital_type and k.row.line_id.count(".") == 1]
    dis = node(ctx, "DISB", None, "", f"Giải ngân vốn năm {ctx.year}", Decimal(0))
    kids = [_disbursed_cap(ctx, dis, cap) for cap in caps]
    dis.row.amount = sum((k.row.amount for k in kids), Decimal(0))
    maybe_inject(ctx, rows(dis))
    total_rate = pct(dis.row.amount, plan.row.amount)
    text = f"toàn tỉnh đã giải ngân {ctx.money(dis.row.amount)}"
    dis.row.quote = text
    rate_txt = f"đạt {vn_number(total_rate, 1)}% kế hoạch"
    doc.para(
        f"Tính đến ngày 30/{ctx.as_of_month}/{ctx.year}, ",
        Piece(text, [dis.row]),
        ", ",
        Piece(rate_txt, [ctx.target(f"tỷ lệ giải ngân kế hoạch vốn năm {ctx.year}", total_rate, "%", rate_txt)]),
        ", trong đó:",
    )
    for k, cap in zip(kids, caps, strict=True):
        quote, piece = rate_piece(
            ctx,
            f"tỷ lệ giải ngân {k.name}",
            ctx.money(k.row.amount),
            pct(k.row.amount, cap.row.amount),
            f"{k.name[0].upper() + k.name[1:]} giải ngân ",
        )
        k.row.quote = quote
        piece.rows.append(k.row)
        tail: list[Part] = []
        if k.kids:
            tail = [
                " (",
                join([_q(ctx, g, f"{g.name} {ctx.money(g.row.amount)}") for g in k.kids], ", "),
                ")",
            ]
        doc.para("- ", piece, *tail, ";")
    assert_rendered(rows(dis))
    carried = (carry * Decimal(str(round(rng.uniform(0.5, 0.95), 3)))).quantize(Decimal(1))
    cq, cpiece = rate_piece(
        ctx,
        f"tỷ lệ giải ngân kinh phí năm {ctx.year - 1} chuyển sang",
        ctx.money(carried),
        pct(carried, carry),
        "đã giải ngân ",
    )
    cpiece.rows.append(
        ctx.fund(
            f"DISB.CARRY{ctx.year - 1}",
            f"Kinh phí năm {ctx.year - 1} chuyển sang đã giải ngân",
            carried,
            cq,
            capital_type="recurrent",
        )
    )
    doc.para(f"Kinh phí năm {ctx.year - 1} chuyển sang ", cpiece, ".")
    district_rates(ctx, total_rate)
    return total_rate


def _disbursed_cap(ctx: Ctx, dis: Node, cap: Node) -> Node:
    """Disbursement of one capital line, by central / local budget when the plan gives both."""
    rng = ctx.rng
    suffix = cap.row.line_id.split(".")[1]
    name = cap.name.split(" (")[0]
    k = node(
        ctx,
        f"DISB.{suffix}",
        dis,
        name,
        f"{cap.row.label} giải ngân",
        Decimal(0),
        capital_type=cap.row.capital_type,
        budget_level="" if cap.kids else cap.row.budget_level,
    )
    central = next((g.row.amount for g in cap.kids if g.row.budget_level == "central"), Decimal(0))
    local = cap.row.amount - central if cap.kids else Decimal(0)
    rate = rng.uniform(0.3, 0.85)
    if central and local and rng.random() < 0.5:
        for tag, lname, level, base in (
            ("CENTRAL", "ngân sách trung ương", "central", central),
            ("LOCAL", "ngân sách địa phương", "local", local),
        ):
            share = Decimal(str(round(max(0.05, min(0.98, rate + rng.uniform(-0.15, 0.1))), 3)))
            node(
                ctx,
                f"DISB.{suffix}.{tag}",
                k,
                lname,
                f"{name[0].upper() + name[1:]} giải ngân - {lname}",
                (base * share).quantize(Decimal(1)),
                capital_type=cap.row.capital_type,
                budget_level=level,
            )
        k.row.amount = sum((g.row.amount for g in k.kids), Decimal(0))
    else:
        k.row.amount = (cap.row.amount * Decimal(str(round(rate, 3)))).quantize(Decimal(1))
    return k


def _q(ctx: Ctx, n: Node, text: str) -> Piece:
    n.row.quote = text
    return Piece(text, [n.row])


def district_rates(ctx: Ctx, around: Decimal) -> None:
    rng = ctx.rng
    ds = rng.sample(list(ctx.province.districts), min(4, len(ctx.province.districts)))
    if len(ds) < 2:
        return
    parts: list[Part] = ["Một số địa phương có tỷ lệ giải ngân khá như "]
    rates = sorted(
        (Decimal(f"{max(20.0, min(99.0, float(around) + rng.uniform(-22, 22))):.1f}") for _ in ds),
        reverse=True,
    )
    for i, (d, r) in enumerate(zip(ds, rates, strict=True)):
        if i == len(ds) // 2:
            parts.append("; một số địa phương giải ngân chậm như ")
        elif i:
            parts.append(", ")
        q = f"{d.label} {'mới ' if i >= len(ds) // 2 and rng.random() < 0.5 else ''}đạt {vn_number(r, 1)}%"
        parts.append(Piece(q, [ctx.target("tỷ lệ giải ngân", r, "%", q, admin_level="district", area_name=d.name)]))
    ctx.doc.para(*parts, ".")


def infrastructure(ctx: Ctx) -> Piece:
    """'bố trí vốn 40 công trình; đã hoàn thành 34/40 công trình, 6 công trình còn lại đang thi công'."""
    rng = ctx.rng
    n = draw_count(rng, 10, 160, ctx.scale)
    d = max(1, round(n * rng.uniform(0.55, 0.95)))
    codes = {"project_code": "DA4", "sub_project_code": "DA4.TDA1"}
    qa = f"bố trí vốn đầu tư {n} công trình hạ tầng thiết yếu"
    qb = f"đã hoàn thành {d}/{n} công trình"
    rows_a = [
        ctx.target(
            "công trình hạ tầng thiết yếu được bố trí vốn",
            Decimal(n),
            "công trình",
            qa,
            measure="target",
            **codes,
        )
    ]
    rows_b = [
        ctx.target(
            "công trình hạ tầng thiết yếu đã hoàn thành",
            Decimal(d),
            "công trình",
            qb,
            denominator=Decimal(n),
            **codes,
        )
    ]
    parts: list[Part] = [f"Năm {ctx.year} ", Piece(qa, rows_a), "; đến nay ", Piece(qb, rows_b)]
    if n > d:
        qc = f"{n - d} công trình còn lại đang thi công"
        parts += [
            ", ",
            Piece(
                qc,
                [
                    ctx.target(
                        "công trình hạ tầng thiết yếu đang thi công",
                        Decimal(n - d),
                        "công trình",
                        qc,
                        **codes,
                    )
                ],
            ),
            f", dự kiến hoàn thành trong quý I/{ctx.year + 1}",
        ]
    return join(parts)


def projects_results(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    doc.para("3. Kết quả thực hiện các dự án thành phần")
    numbering = Numbering("nested", "3.", letters=rng.random() < 0.5)
    for code in [f"DA{i}" for i in range(1, 11) if rng.random() < 0.75 or i == 4]:
        if code == "DA4" and rng.random() < 0.6:
            doc.para(numbering.project(code, ctx), style="h2")
            doc.para(infrastructure(ctx), ".")
            continue
        write_project(ctx, numbering, code, result=True)


def poverty(ctx: Ctx, start: Decimal) -> None:
    rng = ctx.rng
    drop = Decimal(f"{min(rng.uniform(1.2, 4.0), float(start) / 2):.2f}")
    end = start - drop
    goal = Decimal(f"{max(1.0, float(drop) - rng.uniform(0.1, 0.8)):.1f}")
    qa = f"còn {vn_number(end, 2)}%"
    qb = f"giảm {vn_number(drop, 2)}% so với đầu năm"
    qc = f"vượt chỉ tiêu giảm {vn_number(goal, 1)}% đề ra"
    ctx.doc.para(
        f"Ước đến cuối năm {ctx.year}, tỷ lệ hộ nghèo vùng đồng bào dân tộc thiểu số và miền núi ",
        Piece(
            qa,
            [
                ctx.target(
                    f"tỷ lệ hộ nghèo vùng đồng bào DTTS&MN cuối năm {ctx.year} (ước)",
                    end,
                    "%",
                    qa,
                    comparator="~",
                )
            ],
        ),
        ", ",
        Piece(qb, [ctx.target(f"mức giảm tỷ lệ hộ nghèo vùng đồng bào DTTS&MN năm {ctx.year}", drop, "%", qb)]),
        ", ",
        Piece(
            qc,
            [
                ctx.target(
                    f"chỉ tiêu giảm tỷ lệ hộ nghèo vùng đồng bào DTTS&MN năm {ctx.year}",
                    goal,
                    "%",
                    qc,
                    measure="target",
                )
            ],
        ),
        ".",
    )


def next_year(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    y = ctx.year + 1
    doc.para(f"IV. NHIỆM VỤ TRỌNG TÂM NĂM {y}", style="h1")
    q = f"Phấn đấu đến ngày 31/01/{y} giải ngân 100% kế hoạch vốn năm {ctx.year}"
    doc.para(
        "1. ",
        Piece(
            q,
            [
                ctx.target(
                    f"tỷ lệ giải ngân kế hoạch vốn năm {ctx.year} (mục tiêu đến 31/01/{y})",
                    Decimal(100),
                    "%",
                    q,
                    measure="target",
                )
            ],
        ),
        ".",
    )
    ctx.measure, ctx.phase = "target", "planned"
    base = next(f.amount for f in ctx.doc.funding if f.line_id == "PLAN")
    grow = Decimal(str(round(rng.uniform(0.8, 1.25), 3)))
    inv = (base * grow * Decimal(str(round(rng.uniform(0.4, 0.65), 3)))).quantize(Decimal(1))
    rec = (base * grow).quantize(Decimal(1)) - inv
    top = node(ctx, f"PLAN{y}", None, "", f"Dự kiến kế hoạch vốn năm {y}", inv + rec, plan_year=y)
    a = node(
        ctx,
        f"PLAN{y}.INV",
        top,
        "",
        f"Dự kiến vốn đầu tư phát triển năm {y}",
        inv,
        capital_type="investment",
        plan_year=y,
    )
    b = node(
        ctx,
        f"PLAN{y}.REC",
        top,
        "",
        f"Dự kiến vốn sự nghiệp năm {y}",
        rec,
        capital_type="recurrent",
        plan_year=y,
    )
    maybe_inject(ctx, rows(top))
    doc.para(
        "2. ",
        _q(ctx, top, f"Dự kiến kế hoạch vốn năm {y} là {ctx.money(top.row.amount)}"),
        ", trong đó ",
        _q(ctx, a, f"vốn đầu tư phát triển {ctx.money(a.row.amount)}"),
        ", ",
        _q(ctx, b, f"vốn sự nghiệp {ctx.money(b.row.amount)}"),
        ".",
    )
    picks = [i for i in INDICATORS if i.key in ("house", "water_dist", "jobs", "maintain", "forest_protect")]
    pieces: list[Part] = []
    for ind in rng.sample(picks, 3):
        p = indicator_piece(ctx, ind, allow_split=False)
        for r in p.rows:
            r.plan_year = y
        pieces.append(p)
    doc.para("3. ", cap_first(join(pieces, "; ")), ".")


def render(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    ctx.pad2 = rng.random() < 0.5
    date = common.draw_date(rng, ctx.year, (10, 12))
    ctx.as_of_month = date[1] - 1
    number = common.doc_number(rng, common.UBND_REPORT, ctx.year)
    common.header(
        doc,
        ctx,
        common.UBND_REPORT,
        number,
        date,
        f"Kết quả thực hiện {PROGRAMME} năm {ctx.year}; nhiệm vụ trọng tâm năm {ctx.year + 1}",
    )
    doc.para(
        f"Thực hiện Công văn số {rng.randint(900, 2100)}/UBDT-VP135 ngày "
        f"{common.short_date(rng.randint(1, 28), 9, ctx.year)} "
        f"của Ủy ban Dân tộc về việc báo cáo kết quả thực hiện Chương trình năm {ctx.year}, Ủy ban nhân dân "
        f"{ctx.province.label} báo cáo như sau:"
    )
    doc.para("I. KHÁI QUÁT ĐẶC ĐIỂM VÙNG ĐỒNG BÀO DÂN TỘC THIỂU SỐ VÀ MIỀN NÚI", style="h1")
    overview(ctx)
    start = next(t.value for t in doc.targets if t.indicator.startswith("tỷ lệ hộ nghèo"))
    doc.para(f"II. KẾT QUẢ THỰC HIỆN NĂM {ctx.year}", style="h1")
    checks = rng.randint(2, 9)
    q = f"đã tổ chức {number_text(Decimal(checks), 0, ctx.pad2)} đợt kiểm tra, giám sát"
    doc.para("1. Công tác chỉ đạo, điều hành")
    doc.para(
        f"Ủy ban nhân dân tỉnh đã ban hành kế hoạch thực hiện Chương trình năm {ctx.year}; Ban Chỉ đạo các "
        "chương trình mục tiêu quốc gia tỉnh ",
        Piece(
            q,
            [
                ctx.target(
                    "đợt kiểm tra, giám sát của Ban Chỉ đạo tỉnh",
                    Decimal(checks),
                    "đợt",
                    q,
                    project_code="DA10",
                    sub_project_code="DA10.TDA3",
                )
            ],
        ),
        " tại các huyện.",
    )
    rate = capital_and_disbursement(ctx)
    projects_results(ctx)
    doc.para("4. Kết quả thực hiện một số chỉ tiêu chủ yếu")
    poverty(ctx, start)
    doc.para("III. TỒN TẠI, HẠN CHẾ", style="h1")
    doc.para(
        f"Giải ngân vốn còn chậm, mới đạt {vn_number(rate, 1)}% kế hoạch; hướng dẫn thực hiện một số nội "
        "dung "
        f"chậm được ban hành; việc điều chỉnh dự toán giữa các dự án phải thực hiện theo "
        f"{common.finance_circular(ctx.year).split(' ngày')[0]} nên mất nhiều thời gian."
    )
    next_year(ctx)
    doc.para("V. KIẾN NGHỊ, ĐỀ XUẤT", style="h1")
    doc.para(
        "Đề nghị Ủy ban Dân tộc sớm sửa đổi Thông tư số 02/2022/TT-UBDT ngày 30/6/2022 hướng dẫn thực hiện "
        "một số dự án thuộc Chương trình."
    )
    common.signature(
        doc,
        ctx,
        [
            "Ủy ban Dân tộc",
            "Bộ Kế hoạch và Đầu tư; Bộ Tài chính",
            "TT. Tỉnh ủy, TT. HĐND tỉnh",
            "Ban Dân tộc tỉnh",
        ],
    )
    common.footnotes(doc, 2)
