"""District plan (Kế hoạch của UBND huyện): real communes of the district, targets with commune breakdowns,
works with their commune, money in đồng and triệu đồng, project totals and the district's funding total."""

from __future__ import annotations

from decimal import Decimal

from benchmarks import common
from benchmarks.compose import Ctx, draw_count, indicator_piece, pair_piece
from benchmarks.funding import Node, assert_rendered, maybe_inject, node, rows
from benchmarks.kinds.sections import ROMAN, cap_first, groups_of
from benchmarks.model import Part, Piece, join
from benchmarks.numbers import vn_number, words_vnd
from benchmarks.phrases import indicators_for, number_text, pairs_for
from benchmarks.reference import ETHNIC_GROUPS, VILLAGE_WORD, projects, village_name

PROGRAMME = "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"
INVESTMENT = ("DA1", "DA2", "DA6")
TENTH = Decimal("0.1")


PARTY = {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}


def word(ctx: Ctx) -> str:
    """'huyện', 'thị xã' or 'thành phố': how the district-level unit names itself."""
    return ctx.district.type.lower() if ctx.district else "huyện"


def amount(ctx: Ctx, lo: float, hi: float) -> Decimal:
    """An amount in triệu đồng with at most one decimal (whole hundreds of thousands of đồng)."""
    v = ctx.rng.uniform(lo, hi) * max(ctx.province.scale, 0.3)
    return (Decimal(v) / TENTH).quantize(Decimal(1)) * TENTH


def _q(n: Node, text: str) -> Piece:
    n.row.quote = text
    return Piece(text, [n.row])


def purpose(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    d = ctx.district
    assert d is not None
    n = len(d.rural)
    towns = [c.name for c in d.communes if c.type == "Thị trấn"]
    q = f"trên địa bàn {number_text(Decimal(n), 0, ctx.pad2)} xã"
    row = ctx.target(f"số xã thực hiện Chương trình trên địa bàn {word(ctx)}", Decimal(n), "xã", q, measure="baseline")
    v = Decimal(rng.choice((2, 3, 3, 4)))
    qp = f"trên địa bàn {word(ctx)} từ {v}% trở lên"
    prow = ctx.target(f"giảm tỷ lệ hộ nghèo đồng bào DTTS trên địa bàn {word(ctx)}", v, "%", qp, comparator=">=")
    village = rng.choice(VILLAGE_WORD[ctx.province.region])
    doc.para("A. MỤC ĐÍCH, YÊU CẦU", style="h1")
    doc.para(
        "1. Mục đích: triển khai đồng bộ, hiệu quả các dự án, tiểu dự án thuộc Chương trình ",
        Piece(q, [row]),
        f" và thị trấn {towns[0]}" if towns else "",
        f", ưu tiên các {village} đặc biệt khó khăn của đồng bào "
        f"{rng.choice(ETHNIC_GROUPS[ctx.province.region])}; phấn đấu giảm tỷ lệ hộ nghèo đồng bào dân tộc "
        "thiểu số ",
        Piece(qp, [prow]),
        ".",
    )
    doc.para(
        "2. Yêu cầu: bám sát mục tiêu giai đoạn 2021 - 2025; phân công rõ trách nhiệm của từng cơ quan, đơn "
        "vị, "
        f"UBND các xã; hoàn thành giải ngân kế hoạch vốn năm {ctx.year} theo quy định."
    )


def project_lines(ctx: Ctx, code: str) -> list[tuple[str, Piece]]:
    """(sub-project, line) for each group with indicators; each line holds 1-3 keyed phrases."""
    rng = ctx.rng
    out = []
    for sub, content in groups_of(code):
        inds = indicators_for(code, sub, content)
        pieces: list[Part] = [indicator_piece(ctx, i) for i in rng.sample(inds, min(len(inds), rng.randint(1, 3)))]
        pieces += [pair_piece(ctx, p) for p in pairs_for(code, sub, content) if rng.random() < 0.5]
        if code == "DA1" and not sub and rng.random() < 0.5:
            norm = Decimal(rng.choice((40, 40, 44, 50, 60)))
            q = f"mức hỗ trợ {norm} triệu đồng/hộ"
            pieces.append(
                Piece(q, [ctx.target("mức hỗ trợ nhà ở mỗi hộ", norm, "triệu đồng/hộ", q, project_code="DA1")])
            )
        if pieces:
            out.append((sub, join(pieces, "; ")))
    return out


def write_project(ctx: Ctx, k: int, code: str) -> tuple[Decimal, Decimal]:
    """One 'I. DỰ ÁN 1: ...' section; returns (investment, recurrent) money of the project."""
    doc, rng = ctx.doc, ctx.rng
    doc.para(f"{ROMAN[k]}. DỰ ÁN {code[2:]}: {projects()[code].upper()}", style="h2")
    if code == "DA4":
        return infrastructure(ctx)
    lines = project_lines(ctx, code)
    subs = [s for s in dict.fromkeys(s for s, _ in lines) if s]
    inv = amount(ctx, 800, 5000) if code in INVESTMENT and rng.random() < 0.7 else Decimal(0)
    if subs:
        kids = [amount(ctx, 200, 2600) for _ in subs]
        rec = sum(kids, Decimal(0))
        root = node(
            ctx,
            code,
            None,
            "",
            f"Kinh phí thực hiện Dự án {code[2:]}",
            rec,
            capital_type="recurrent",
            project_code=code,
        )
        nodes = [
            node(
                ctx,
                f"{s}",
                root,
                "",
                f"Dự án {code[2:]} - Tiểu dự án {s[-1]}",
                a,
                capital_type="recurrent",
                project_code=s,
            )
            for s, a in zip(subs, kids, strict=True)
        ]
        maybe_inject(ctx, rows(root))
        doc.para(
            _q(root, f"Kinh phí thực hiện Dự án {code[2:]}: {ctx.money(root.row.amount)}"),
            " (vốn sự nghiệp), gồm:",
        )
        for i, (s, n) in enumerate(zip(subs, nodes, strict=True)):
            body = [p for sub, p in lines if sub == s]
            doc.para(
                f"{i + 1}. Tiểu dự án {s[-1]}: ",
                join(body, "; "),
                ". ",
                _q(n, f"Kinh phí: {ctx.money(n.row.amount)}"),
                ".",
            )
        for j, (_, p) in enumerate(x for x in lines if not x[0]):
            doc.para(f"{len(subs) + j + 1}. ", cap_first(p), ".")
        assert_rendered(rows(root))
        return Decimal(0), rec
    for i, (_, p) in enumerate(lines):
        doc.para(f"{i + 1}. ", cap_first(p), ".")
    rec = amount(ctx, 300, 2500)
    return inv, _project_money(ctx, code, inv, rec)


def _project_money(ctx: Ctx, code: str, inv: Decimal, rec: Decimal) -> Decimal:
    doc = ctx.doc
    if not inv:
        root = node(
            ctx,
            code,
            None,
            "",
            f"Kinh phí Dự án {code[2:]}",
            rec,
            capital_type="recurrent",
            project_code=code,
        )
        doc.para(_q(root, f"Kinh phí: {ctx.money(rec)}"), ".")
        return rec
    root = node(ctx, code, None, "", f"Kinh phí thực hiện Dự án {code[2:]}", inv + rec, project_code=code)
    a = node(
        ctx,
        f"{code}.INV",
        root,
        "",
        f"Dự án {code[2:]} - vốn đầu tư phát triển",
        inv,
        capital_type="investment",
        project_code=code,
    )
    b = node(
        ctx,
        f"{code}.REC",
        root,
        "",
        f"Dự án {code[2:]} - vốn sự nghiệp",
        rec,
        capital_type="recurrent",
        project_code=code,
    )
    maybe_inject(ctx, rows(root))
    doc.para(
        _q(root, f"Kinh phí thực hiện Dự án {code[2:]}: {ctx.money(root.row.amount)}"),
        ", trong đó ",
        _q(a, f"vốn đầu tư phát triển {ctx.money(a.row.amount)}"),
        ", ",
        _q(b, f"vốn sự nghiệp {ctx.money(b.row.amount)}"),
        ".",
    )
    return rec


WORKS = (
    "Đường giao thông nội {v}",
    "Nhà sinh hoạt cộng đồng {v}",
    "Kênh mương thủy lợi cánh đồng {v}",
    "Cầu dân sinh qua suối {s}, {v}",
    "Công trình nước sinh hoạt tập trung {v}",
    "Đường giao thông nông thôn {v}",
)


def infrastructure(ctx: Ctx) -> tuple[Decimal, Decimal]:
    """Works of Dự án 4 with their commune, a total, and maintenance (recurrent)."""
    doc, rng = ctx.doc, ctx.rng
    d = ctx.district
    assert d is not None
    n = rng.randint(2, 6)
    codes = {"project_code": "DA4", "sub_project_code": "DA4.TDA1", "content_code": "ND1"}
    q = f"Nội dung số 01: đầu tư {number_text(Decimal(n), 0, ctx.pad2)} công trình"
    count = ctx.target("đầu tư công trình hạ tầng thiết yếu", Decimal(n), "công trình", q, **codes)
    works = [amount(ctx, 900, 7500) for _ in range(n)]
    root = node(
        ctx,
        "DA4.TDA1.INV",
        None,
        "",
        f"Dự án 4 - Tiểu dự án 1, Nội dung số 01: đầu tư {n} công trình",
        sum(works, Decimal(0)),
        capital_type="investment",
        project_code="DA4.TDA1",
    )
    communes = [rng.choice(d.rural) for _ in works]
    kids = [
        node(
            ctx,
            f"DA4.TDA1.INV.W{i + 1}",
            root,
            "",
            f"Công trình {i + 1} (xã {c.name})",
            a,
            capital_type="investment",
            project_code="DA4.TDA1",
            area_name=c.name,
        )
        for i, (a, c) in enumerate(zip(works, communes, strict=True))
    ]
    maybe_inject(ctx, rows(root))
    total = f"với tổng vốn đầu tư {vn_number(root.row.amount)} triệu đồng"
    doc.para("1. Tiểu dự án 1, ", Piece(q, [count]), " ", _q(root, total), ", gồm:")
    for i, (k, c) in enumerate(zip(kids, communes, strict=True)):
        name = rng.choice(WORKS).format(
            v=village_name(rng, ctx.province.region, rng.random() < 0.3),
            s=rng.choice(("Đăk Pa", "Nậm Mu", "Khuổi Vài", "Ea Tul", "Tà Lạnh")),
        )
        extra: list[Part] = []
        if name.startswith("Đường") and rng.random() < 0.7:
            km = Decimal(f"{rng.uniform(0.6, 6.5):.1f}")
            kq = f"dài {vn_number(km, 1)} km"
            extra = [
                ", ",
                Piece(
                    kq,
                    [
                        ctx.target(
                            f"chiều dài {name[0].lower() + name[1:]}",
                            km,
                            "km",
                            kq,
                            admin_level="commune",
                            area_name=c.name,
                            **codes,
                        )
                    ],
                ),
                ", mặt đường bê tông xi măng theo TCVN 10380:2014",
            ]
        doc.para(f"({i + 1}) {name}, xã {c.name}", *extra, ": ", _q(k, ctx.money(k.row.amount)), ";")
    assert_rendered(rows(root))
    m = draw_count(rng, 3, 14)
    rec = amount(ctx, 200, 1500)
    maint = node(
        ctx,
        "DA4.TDA1.REC",
        None,
        "",
        f"Dự án 4 - duy tu, bảo dưỡng {m} công trình (vốn sự nghiệp)",
        rec,
        capital_type="recurrent",
        project_code="DA4.TDA1",
    )
    mq = f"Duy tu, bảo dưỡng {number_text(Decimal(m), 0, ctx.pad2)} công trình"
    doc.para(
        "2. ",
        Piece(
            mq,
            [
                ctx.target(
                    "duy tu, bảo dưỡng công trình",
                    Decimal(m),
                    "công trình",
                    mq,
                    project_code="DA4",
                    sub_project_code="DA4.TDA1",
                )
            ],
        ),
        f" đã đầu tư giai đoạn 2021 - {ctx.year - 1}: " if ctx.year > 2022 else " đã đầu tư từ giai đoạn trước: ",
        _q(maint, f"{ctx.money(rec)} (vốn sự nghiệp)"),
        ".",
    )
    return root.row.amount, rec


def sources(ctx: Ctx, inv: Decimal, rec: Decimal) -> None:
    """'C. NGUỒN VỐN': total -> investment (central + provincial) / recurrent (central + district)."""
    doc, rng = ctx.doc, ctx.rng
    doc.para("C. NGUỒN VỐN THỰC HIỆN", style="h1")
    total = node(
        ctx,
        "TOTAL",
        None,
        "",
        f"Tổng kinh phí thực hiện Chương trình năm {ctx.year} trên địa bàn {word(ctx)}",
        inv + rec,
    )
    parts = []
    for cap, name, level, lname, amount_ in (
        ("INV", "Vốn đầu tư phát triển", "provincial", "ngân sách tỉnh đối ứng", inv),
        ("REC", "Vốn sự nghiệp", "district", f"ngân sách {word(ctx)} đối ứng", rec),
    ):
        ctype = "investment" if cap == "INV" else "recurrent"
        c = node(ctx, cap, total, "", name, amount_, capital_type=ctype)
        local = (amount_ * Decimal(str(round(rng.uniform(0.05, 0.12), 2))) / TENTH).quantize(Decimal(1)) * TENTH
        a = node(
            ctx,
            f"{cap}.CENTRAL",
            c,
            "",
            "ngân sách trung ương",
            amount_ - local,
            capital_type=ctype,
            budget_level="central",
        )
        b = node(
            ctx,
            f"{cap}.{'PROVINCE' if level == 'provincial' else 'DISTRICT'}",
            c,
            "",
            lname,
            local,
            capital_type=ctype,
            budget_level=level,
        )
        parts.append((c, a, b))
    maybe_inject(ctx, rows(total))
    t = (
        f"Tổng kinh phí thực hiện Chương trình năm {ctx.year} trên địa bàn {word(ctx)} là "
        f"{vn_number(total.row.amount)} triệu đồng"
    )
    words = f" (Bằng chữ: {words_vnd(int(total.row.amount * 1_000_000))})" if rng.random() < 0.6 else ""
    doc.para(_q(total, t), words, ", trong đó:")
    for i, (c, a, b) in enumerate(parts):
        doc.para(
            f"{i + 1}. ",
            _q(c, f"{c.row.label}: {vn_number(c.row.amount)} triệu đồng"),
            " (",
            _q(a, f"ngân sách trung ương {vn_number(a.row.amount)} triệu đồng"),
            "; ",
            _q(b, f"{b.row.label} {vn_number(b.row.amount)} triệu đồng"),
            ").",
        )
    assert_rendered(rows(total))


def render(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    d = ctx.district
    assert d is not None
    ctx.level, ctx.area = "district", d.name
    ctx.pad2 = rng.random() < 0.7
    ctx.money_weights = {"dong": 3.0, "trieu": 1.5}
    date = common.draw_date(rng, ctx.year, (1, 4))
    number = common.doc_number(rng, common.UBND_PLAN, ctx.year)
    common.header(
        doc,
        ctx,
        common.UBND_PLAN,
        number,
        date,
        f"Thực hiện {PROGRAMME} trên địa bàn {d.label} năm {ctx.year}",
    )
    bases = common.legal_bases(
        ctx,
        date,
        [
            common.local_basis(
                ctx,
                ctx.year - 1,
                f"về việc giao kế hoạch vốn ngân sách nhà nước năm {ctx.year}",
                f"UBND {ctx.province.label}",
            ),
            common.local_basis(ctx, ctx.year - 1, f"về phân bổ dự toán ngân sách năm {ctx.year}", f"HĐND {word(ctx)}"),
        ],
        k=1,
    )
    common.write_bases(
        doc,
        bases,
        f"Ủy ban nhân dân {d.label} ban hành Kế hoạch thực hiện Chương trình năm {ctx.year} "
        f"trên địa bàn {word(ctx)} như sau:",
    )
    purpose(ctx)
    doc.para("B. NHIỆM VỤ VÀ KINH PHÍ THỰC HIỆN", style="h1")
    chosen = [
        c
        for c in ("DA1", "DA2", "DA3", "DA4", "DA5", "DA6", "DA8", "DA9", "DA10")
        if rng.random() < 0.7 or c in ("DA1", "DA4")
    ]
    inv = rec = Decimal(0)
    for k, code in enumerate(chosen):
        i, r = write_project(ctx, k, code)
        inv, rec = inv + i, rec + r
    sources(ctx, inv, rec)
    doc.para("D. TỔ CHỨC THỰC HIỆN", style="h1")
    doc.para(
        f"1. Phòng Dân tộc {word(ctx)} là cơ quan thường trực, chủ trì theo dõi, tổng hợp, báo cáo kết quả "
        f"thực hiện Kế hoạch định kỳ 6 tháng, năm gửi UBND {word(ctx)} trước ngày 15/6 và 15/12."
    )
    doc.para(
        f"2. Phòng Tài chính - Kế hoạch {word(ctx)} tham mưu bố trí vốn đối ứng ngân sách, hướng dẫn thanh "
        "toán, "
        f"quyết toán theo {common.finance_circular(ctx.year)}."
    )
    common.signature(
        doc,
        ctx,
        [
            "UBND tỉnh, Ban Dân tộc tỉnh",
            f"TT. {PARTY[word(ctx)]}, TT. HĐND {word(ctx)}",
            "Các cơ quan, đơn vị liên quan",
            "UBND các xã, thị trấn",
        ],
        role="CHỦ TỊCH",
    )
