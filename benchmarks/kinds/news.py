"""News items: a disbursement story over the three national target programmes (all_ntps / ntp1719 / other),
a summary of a newly issued plan, a district story, or an event notice without figures. Page chrome, bylines,
'Tin liên quan' headlines of other articles, phone and licence numbers are never keyed."""

from __future__ import annotations

from decimal import Decimal

from benchmarks import common
from benchmarks.compose import Ctx, draw_count, indicator_piece
from benchmarks.funding import draw_amount
from benchmarks.model import Funding, Part, Piece, Target, join
from benchmarks.numbers import money_text, pick_money_style, vn_number
from benchmarks.phrases import INDICATORS
from benchmarks.reference import ETHNIC_GROUPS, village_name

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
MENU = "Trang chủ | Thời sự | Chính trị | Kinh tế | Xã hội | Văn hóa | Thể thao | Pháp luật | Dân tộc - Miền núi"
RESULT_KEYS = ("house", "water_dist", "water_central", "jobs", "forest_protect", "chain", "comm_teams")


def ty(ctx: Ctx, amount: Decimal, approx: str = "") -> str:
    """Money as news writes it: tỷ đồng mostly, sometimes mixed 'nghìn tỷ' or 'tỷ ... triệu'."""
    style = pick_money_style(ctx.rng, amount, {"ty": 6, "mixed": 2, "tytrieu": 1, "trieu": 0.5})
    text = money_text(amount, style)
    if approx and ctx.rng.random() < 0.5:
        text = text.replace(" đồng", "")
    return f"{approx} {text}".strip()


def chrome(ctx: Ctx, outlet: str) -> tuple[int, int]:
    doc, rng = ctx.doc, ctx.rng
    day, month = rng.randint(1, 28), rng.randint(3, 12)
    doc.add(outlet)
    doc.add(MENU + rng.choice(("", " | Multimedia | English")))
    doc.add("Tìm kiếm   Đăng nhập   Đăng ký")
    doc.add(
        f"{rng.choice(WEEKDAYS)}, {day:02d}/{month:02d}/{ctx.year} | "
        f"{rng.randint(6, 21):02d}:{rng.randint(0, 59):02d} GMT+7"
    )
    doc.add(rng.choice(("Kinh tế > Dân tộc - Miền núi", "Xã hội > Chính sách", "Thời sự > Địa phương")))
    doc.add(f"Lượt xem: {vn_number(Decimal(rng.randint(180, 9800)))}")
    doc.para("Cỡ chữ A- A+   In bài   Chia sẻ Facebook   Zalo")
    return day, month


def footer(ctx: Ctx, outlet: str) -> None:
    doc, rng = ctx.doc, ctx.rng
    doc.para(rng.choice(("Nhóm PV", "Minh Anh", "Thu Hà - Văn Tuấn", "PV (Tổng hợp)")))
    doc.para("Từ khóa: #chương trình mục tiêu quốc gia #1719 #giải ngân #dân tộc thiểu số")
    doc.add("Tin liên quan")
    for line in related(ctx):
        doc.add(f"- {line}")
    doc.blank()
    doc.para("Bình luận (0)")
    doc.add(f"{outlet.upper()} - CƠ QUAN CỦA ĐẢNG BỘ ĐẢNG CỘNG SẢN VIỆT NAM {ctx.province.label.upper()}")
    doc.add(
        f"Giấy phép số {rng.randint(100, 480)}/GP-BTTTT ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/"
        f"{rng.randint(2018, 2022)} của Bộ Thông tin và Truyền thông"
    )
    doc.add(
        f"Địa chỉ: Số {rng.randint(2, 120)} đường "
        f"{rng.choice(('Trần Phú', 'Lê Lợi', 'Hùng Vương', 'Nguyễn Trãi'))}. "
        f"Điện thoại: 02{rng.randint(0, 9)}{rng.randint(1, 9)} {rng.randint(3000, 3999)} "
        f"{rng.randint(100, 999)}"
    )
    doc.add(f"© {ctx.year} Bản quyền thuộc {outlet.title()}")


def related(ctx: Ctx) -> list[str]:
    """Headlines of other articles, with figures that are not this article's."""
    rng = ctx.rng
    ds = [d.name for d in ctx.province.districts] or [ctx.province.name]
    lines = [
        f"{rng.choice(ds)}: Hơn {rng.randint(1, 9)}00 hộ được hỗ trợ nhà ở trong năm {ctx.year}",
        f"{rng.choice(ds)} phấn đấu có thêm {rng.randint(2, 6)} xã đạt chuẩn nông thôn mới nâng cao",
        f"{rng.choice(ds)}: {rng.randint(5, 40)} mô hình liên kết sản xuất hiệu quả",
        f"Giải ngân vốn đầu tư công đạt {rng.randint(40, 90)}% kế hoạch",
    ]
    rng.shuffle(lines)
    return lines[:3]


def outlet_name(ctx: Ctx) -> str:
    return ctx.rng.choice(
        (
            f"BÁO {ctx.province.name.upper()} ĐIỆN TỬ",
            f"Cổng thông tin điện tử {ctx.province.label}",
            f"Đài Phát thanh và Truyền hình {ctx.province.name}",
        )
    )


# --------------------------------------------------------------------------- disbursement story
def disbursement_story(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    outlet = outlet_name(ctx)
    _, month = chrome(ctx, outlet)
    ctx.phase = "planned"
    scale = max(ctx.scale, 0.15)
    step = rng.choice((1, 10, 100, 100))  # '65,077 tỷ' or '812,3 tỷ'
    p1719 = draw_amount(rng, 500_000, 1_600_000, scale, step)
    pntm = draw_amount(rng, 150_000, 700_000, scale, step)
    pgn = draw_amount(rng, 100_000, 500_000, scale, step)
    total = p1719 + pntm + pgn
    rates = [Decimal(f"{rng.uniform(0.35, 0.9):.3f}") for _ in range(3)]
    d1719, dntm, dgn = (
        (p * r / step).quantize(Decimal(1)) * step for p, r in zip((p1719, pntm, pgn), rates, strict=True)
    )
    dall = d1719 + dntm + dgn
    rate_all = (dall * 100 / total).quantize(Decimal("0.1"))
    ctx.level = "province"
    doc.para(
        f"{ctx.province.name}: Giải ngân vốn 3 chương trình mục tiêu quốc gia đạt {vn_number(rate_all, 1)}% kế hoạch"
    )
    lead_amount = ctx.fund(
        "DISB.ALL",
        f"Giải ngân vốn 3 CTMTQG đến {month}/{ctx.year}",
        dall,
        program_scope="all_ntps",
        budget_phase="disbursed",
        funding_source="",
    )
    lead_amount.quote = f"đã giải ngân {ty(ctx, dall)} vốn thực hiện 3 chương trình mục tiêu quốc gia"
    rq = f"đạt {vn_number(rate_all, 1)}% kế hoạch"
    pp = Decimal(rng.randint(3, 14))
    ppq = f"cao hơn cùng kỳ năm {ctx.year - 1} gần {pp} điểm phần trăm"
    until = (28 if month == 3 else 30 if month in (5, 7, 10, 12) else 31, max(1, month - 1))
    doc.para(
        f"{ctx.province.name[:1]}{ctx.province.name.split()[-1][:1]}ĐT - Đến hết ngày {until[0]}/"
        f"{until[1]}/{ctx.year}, các chủ đầu tư trên địa bàn tỉnh ",
        Piece(lead_amount.quote, [lead_amount]),
        ", ",
        Piece(
            rq,
            [
                ctx.target(
                    "tỷ lệ giải ngân vốn 3 CTMTQG so với kế hoạch",
                    rate_all,
                    "%",
                    rq,
                    program_scope="all_ntps",
                    measure="result",
                )
            ],
        ),
        ", ",
        Piece(
            ppq,
            [
                ctx.target(
                    "mức tăng tỷ lệ giải ngân vốn 3 CTMTQG so với cùng kỳ",
                    pp,
                    "điểm phần trăm",
                    ppq,
                    comparator="~",
                    program_scope="all_ntps",
                    measure="result",
                )
            ],
        ),
        ".",
    )
    doc.para(
        f"[Ảnh] Đường giao thông liên thôn tại {village_name(rng, ctx.province.region, True)} được đầu tư từ "
        "nguồn vốn Chương trình 1719. (Ảnh: PV)"
    )
    _plans(ctx, total, p1719, pntm)
    _disbursed(ctx, (d1719, p1719), (dntm, pntm), dgn)
    _results(ctx, d1719)
    _other_programmes(ctx)
    q = f"mục tiêu giải ngân 100% kế hoạch vốn trước ngày 31/01/{ctx.year + 1}"
    doc.para(
        "Để hoàn thành ",
        Piece(
            q,
            [
                ctx.target(
                    "tỷ lệ giải ngân kế hoạch vốn 3 CTMTQG (mục tiêu)",
                    Decimal(100),
                    "%",
                    q,
                    program_scope="all_ntps",
                    measure="target",
                )
            ],
        ),
        ", UBND tỉnh yêu cầu các sở, ngành, địa phương tập trung tháo gỡ vướng mắc về mặt bằng, đẩy nhanh "
        "tiến độ "
        f"thi công, hoàn thiện hồ sơ thanh toán theo {common.management_decree(ctx.year)}.",
    )
    footer(ctx, outlet)


def _plans(ctx: Ctx, total: Decimal, p1719: Decimal, pntm: Decimal) -> None:
    rng = ctx.rng
    all_ = ctx.fund(
        "PLAN.ALL",
        f"Tổng kế hoạch vốn 3 CTMTQG năm {ctx.year}",
        total,
        program_scope="all_ntps",
        funding_source="",
        partial=True,
    )
    all_.quote = f"là {ty(ctx, total)}"
    shown = (p1719 / 1000).to_integral_value(rounding="ROUND_FLOOR") * 1000
    if shown == p1719:
        shown -= 1000
    a = ctx.fund(
        "PLAN.1719",
        f"Kế hoạch vốn Chương trình 1719 năm {ctx.year} (hơn)",
        shown,
        parent_line_id="PLAN.ALL",
        funding_source="",
    )
    a.quote = f"được bố trí {ty(ctx, shown, 'hơn')}"
    b = ctx.fund(
        "PLAN.NTM",
        f"Kế hoạch vốn Chương trình xây dựng nông thôn mới năm {ctx.year}",
        pntm,
        parent_line_id="PLAN.ALL",
        program_scope="other",
        funding_source="",
    )
    b.quote = f"Chương trình xây dựng nông thôn mới được bố trí {ty(ctx, pntm)}"
    ctx.doc.para(
        f"Năm {ctx.year}, tổng kế hoạch vốn thực hiện 3 chương trình mục tiêu quốc gia (xây dựng nông thôn "
        "mới, giảm nghèo bền vững và phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi) "
        "của tỉnh, bao gồm cả vốn các năm trước được phép kéo dài, ",
        Piece(all_.quote, [all_]),
        ". Riêng Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số "
        "và miền núi (Chương trình 1719) ",
        Piece(a.quote, [a]),
        ", lớn nhất trong 3 chương trình" if p1719 > 2 * pntm and rng.random() < 0.7 else "",
        "; ",
        Piece(b.quote, [b]),
        ".",
    )


def _disbursed(ctx: Ctx, p1719: tuple[Decimal, Decimal], pntm: tuple[Decimal, Decimal], dgn: Decimal) -> None:
    rng = ctx.rng
    ctx.phase = "disbursed"
    d1719, r1719 = p1719[0], (p1719[0] * 100 / p1719[1]).quantize(Decimal("0.1"))
    dntm, rntm = pntm[0], (pntm[0] * 100 / pntm[1]).quantize(Decimal("0.1"))
    parts: list[Part] = ["Theo báo cáo của Ban Dân tộc tỉnh, đến nay "]
    specs = (
        ("DISB.1719", "Chương trình 1719 đã giải ngân", d1719, r1719, "ntp1719", "Chương trình 1719"),
        (
            "DISB.NTM",
            "Chương trình xây dựng nông thôn mới giải ngân",
            dntm,
            rntm,
            "other",
            "Chương trình xây dựng nông thôn mới",
        ),
        (
            "DISB.GNBV",
            "Chương trình giảm nghèo bền vững giải ngân",
            dgn,
            None,
            "other",
            "Chương trình giảm nghèo bền vững",
        ),
    )
    for i, (lid, lead, amount, rate, scope, name) in enumerate(specs):
        f = ctx.fund(
            lid,
            f"Giải ngân {name}",
            amount,
            parent_line_id="DISB.ALL",
            program_scope=scope,
            funding_source="",
            partial=lid == "DISB.1719",
        )
        f.quote = f"{lead} {ty(ctx, amount)}"
        rows_: list[Target | Funding] = [f]
        text = f.quote
        if rate is not None:
            text += f", đạt {vn_number(rate, 1)}%"
            rows_.append(ctx.target(f"tỷ lệ giải ngân {name}", rate, "%", text, program_scope=scope, measure="result"))
        parts += ["; " if i else "", Piece(text, rows_)]
    ds = rng.sample(list(ctx.province.districts), min(2, len(ctx.province.districts)))
    if len(ds) == 2:
        hi, lo = Decimal(f"{rng.uniform(75, 95):.1f}"), Decimal(f"{rng.uniform(35, 60):.1f}")
        first = ds[0].label[0].upper() + ds[0].label[1:]
        qa = f"{first} có tỷ lệ giải ngân vốn 3 chương trình đạt {vn_number(hi, 1)}%"
        qb = f"{ds[1].label} mới đạt {vn_number(lo, 1)}%"
        parts += [
            ". ",
            Piece(
                qa,
                [
                    ctx.target(
                        "tỷ lệ giải ngân vốn 3 CTMTQG",
                        hi,
                        "%",
                        qa,
                        admin_level="district",
                        area_name=ds[0].name,
                        program_scope="all_ntps",
                        measure="result",
                    )
                ],
            ),
            ", cao nhất tỉnh; trong khi đó ",
            Piece(
                qb,
                [
                    ctx.target(
                        "tỷ lệ giải ngân vốn 3 CTMTQG",
                        lo,
                        "%",
                        qb,
                        admin_level="district",
                        area_name=ds[1].name,
                        program_scope="all_ntps",
                        measure="result",
                    )
                ],
            ),
        ]
    ctx.doc.para(*parts, ".")


def _results(ctx: Ctx, d1719: Decimal) -> None:
    rng = ctx.rng
    ctx.measure = "result"
    inds = [i for i in INDICATORS if i.key in RESULT_KEYS]
    pieces: list[Part] = [indicator_piece(ctx, i, allow_split=False) for i in rng.sample(inds, 3)]
    near = (d1719 * Decimal(str(round(rng.uniform(0.05, 0.15), 2))) / 1000).quantize(Decimal(1)) * 1000
    f = ctx.fund(
        "DISB.1719.DA3",
        "Vốn sự nghiệp hỗ trợ phát triển sản xuất theo chuỗi giá trị đã giải ngân (gần)",
        near,
        parent_line_id="DISB.1719",
        capital_type="recurrent",
        project_code="DA3.TDA2",
    )
    f.quote = f"hỗ trợ phát triển sản xuất theo chuỗi giá trị đã giải ngân {ty(ctx, near, 'gần')}"
    ctx.doc.para(
        "Từ nguồn vốn Chương trình 1719, từ đầu năm đến nay toàn tỉnh đã ",
        join(pieces, ", "),
        ". Riêng vốn sự nghiệp ",
        Piece(f.quote, [f]),
        ".",
    )
    ctx.doc.para(
        f'"Nhiều công trình hạ tầng như tuyến đường nối Quốc lộ {rng.randint(2, 40)} với trung tâm xã, cầu '
        f"treo {village_name(rng, ctx.province.region, True)} đã hoàn thành, đưa vào sử dụng trước mùa mưa "
        'lũ", '
        "lãnh đạo Ban Dân tộc tỉnh cho biết."
    )


def _other_programmes(ctx: Ctx) -> None:
    rng = ctx.rng
    a = draw_count(rng, 20, 160, max(ctx.scale, 0.3))
    b = max(1, round(a * rng.uniform(0.1, 0.3)))
    pov = Decimal(f"{rng.uniform(2, 15):.2f}")
    qa = f"toàn tỉnh có {a} xã đạt chuẩn nông thôn mới"
    qb = f"{b} xã đạt chuẩn nông thôn mới nâng cao"
    qc = f"ước giảm còn {vn_number(pov, 2)}%"
    kw = {"program_scope": "other", "measure": "result"}
    ctx.doc.para(
        "Với Chương trình xây dựng nông thôn mới, đến nay ",
        Piece(qa, [ctx.target("số xã đạt chuẩn nông thôn mới (lũy kế)", Decimal(a), "xã", qa, **kw)]),
        ", ",
        Piece(qb, [ctx.target("số xã đạt chuẩn nông thôn mới nâng cao (lũy kế)", Decimal(b), "xã", qb, **kw)]),
        f". Tỷ lệ hộ nghèo toàn tỉnh cuối năm {ctx.year} ",
        Piece(
            qc,
            [ctx.target(f"tỷ lệ hộ nghèo toàn tỉnh cuối năm {ctx.year} (ước)", pov, "%", qc, comparator="~", **kw)],
        ),
        ".",
    )


# --------------------------------------------------------------------------- plan summary
def plan_summary(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    doc.para("image banner")
    where = ctx.province.label if rng.random() < 0.5 else "tỉnh"  # else only the districts name the province
    doc.para(
        "Triển khai thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân "
        f"tộc thiểu số và miền núi trên địa bàn {where} năm {ctx.year}"
    )
    doc.para(
        f"Ngày {rng.randint(1, 28)}/{rng.randint(2, 6)}, UBND tỉnh ban hành Kế hoạch số "
        f"{rng.randint(20, 480)}/"
        f"KH-UBND thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc "
        f"thiểu số và miền núi trên địa bàn tỉnh năm {ctx.year}."
    )
    doc.para(
        "Kế hoạch được ban hành nhằm triển khai thực hiện có hiệu quả Chương trình giai đoạn 2021 - 2025 "
        "trên địa "
        f"bàn tỉnh; phấn đấu hoàn thành mục tiêu, chỉ tiêu đề ra của năm {ctx.year}; tạo sự chuyển biến mạnh "
        "mẽ trong nhận thức, hành động của các cấp, các ngành."
    )
    amount = draw_amount(rng, 300_000, 1_600_000, ctx.scale)
    f = ctx.fund("DIRECT.CENTRAL", f"Kế hoạch vốn ngân sách Trung ương năm {ctx.year}", amount, budget_level="central")
    f.quote = f"kế hoạch vốn ngân sách Trung ương là {ctx.money(amount)}"
    doc.para(
        "Theo kế hoạch, nguồn vốn thực hiện Chương trình gồm vốn ngân sách Trung ương hỗ trợ, ngân sách địa "
        f"phương và nguồn vốn hợp pháp khác. Năm {ctx.year}, ",
        Piece(f.quote, [f]),
        ".",
    )
    inds = [i for i in INDICATORS if i.project == "DA1"]
    pieces = [indicator_piece(ctx, i, allow_split=False) for i in rng.sample(inds, 4)]
    doc.para(
        f"Các nội dung, nhiệm vụ thực hiện trong năm {ctx.year}, gồm: Dự án giải quyết tình trạng thiếu đất "
        "ở, nhà ở, đất sản xuất, nước sinh hoạt (",
        join(pieces, ", "),
        "). ",
        _resettlement(ctx),
    )
    doc.para(
        "Để tổ chức triển khai thực hiện có hiệu quả các nội dung, nhiệm vụ của Kế hoạch, UBND tỉnh đề ra "
        "các giải "
        "pháp chủ yếu: đẩy mạnh công tác tuyên truyền; rà soát, cân đối bố trí đủ nguồn vốn đối ứng từ ngân "
        "sách địa phương theo quy định; tăng cường kiểm tra, giám sát…"
    )
    doc.para(rng.choice(("PT (Tổng hợp)", "BBT", "Văn phòng Ban Dân tộc")))
    for line in (
        "Họ tên no image",
        "no image",
        "Tiêu đề no image",
        "Nội dung no image",
        "Mã kiểm tra no image",
    ):
        doc.add(line)


def _resettlement(ctx: Ctx) -> Piece:
    rng = ctx.rng
    ds = [d for d in ctx.province.districts if len(d.rural) >= 2]
    d = rng.choice(ds)
    n = rng.randint(1, 3)
    communes = rng.sample(d.rural, 2)
    q = f"{d.label} thực hiện {n:02d} dự án bố trí, sắp xếp ổn định dân cư"
    row = ctx.target(
        "dự án bố trí, sắp xếp ổn định dân cư",
        Decimal(n),
        "dự án",
        q,
        admin_level="district",
        area_name=d.name,
        project_code="DA2",
    )
    return join(
        [
            "Dự án quy hoạch, sắp xếp, bố trí, ổn định dân cư ở những nơi cần thiết thực hiện tại vùng đặc "
            "biệt khó khăn, vùng biên giới. Trong đó, ",
            Piece(q, [row]),
            f" tại {village_name(rng, ctx.province.region, True)}"
            f", xã {communes[0].name} và {village_name(rng, ctx.province.region)}, xã {communes[1].name}.",
        ]
    )


# --------------------------------------------------------------------------- event without figures
def event_notice(ctx: Ctx) -> None:
    doc, rng = ctx.doc, ctx.rng
    outlet = outlet_name(ctx)
    day, month = chrome(ctx, outlet)
    doc.para(f"{ctx.province.name}: Sơ kết thực hiện Chương trình mục tiêu quốc gia vùng đồng bào dân tộc thiểu số")
    doc.para(
        f"Ngày {day}/{month}/{ctx.year}, Ban Dân tộc {ctx.province.label} tổ chức hội nghị sơ kết việc thực "
        "hiện "
        "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền "
        "núi theo Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ."
    )
    doc.para(
        "Tại hội nghị, các đại biểu đã thảo luận, chỉ ra những khó khăn, vướng mắc trong việc hướng dẫn, "
        "triển khai các dự án, tiểu dự án; kiến nghị sửa đổi Thông tư số 02/2022/TT-UBDT và "
        f"{common.management_decree(ctx.year)} cho "
        "phù hợp với thực tiễn ở cơ sở."
    )
    doc.para(
        f"Phát biểu kết luận, đồng chí {common.person(rng)}, Phó Chủ tịch UBND tỉnh đề nghị các sở, ngành, "
        "địa "
        "phương tập trung hoàn thành các mục tiêu của giai đoạn 2021 - 2025, chuẩn bị tốt các điều kiện để "
        "triển khai giai đoạn 2026 - 2030."
    )
    footer(ctx, outlet)


# --------------------------------------------------------------------------- district story
def district_story(ctx: Ctx) -> None:
    """'Huyện X: 312 hộ đồng bào DTTS được hỗ trợ nhà ở' - money and results of one district, by commune."""
    doc, rng = ctx.doc, ctx.rng
    ds = [d for d in ctx.province.districts if d.type == "Huyện" and len(d.rural) >= 3]
    if not ds:
        disbursement_story(ctx)
        return
    d = rng.choice(ds)
    ctx.district, ctx.level, ctx.area, ctx.pad2 = d, "district", d.name, rng.random() < 0.3
    doc.meta.admin_level, doc.meta.area_name = "district", d.name
    outlet = outlet_name(ctx)
    _, month = chrome(ctx, outlet)
    ctx.measure = "result"
    houses = indicator_piece(ctx, next(i for i in INDICATORS if i.key == "house"), allow_split=True)
    n = houses.rows[0]
    doc.para(f"{d.name}: {vn_number(n.value)} hộ đồng bào dân tộc thiểu số được hỗ trợ nhà ở")
    ctx.phase = "allocated"
    inv = draw_amount(rng, 4_000, 40_000, max(ctx.province.scale, 0.3), rng.choice((1, 100)))
    rec = draw_amount(rng, 3_000, 30_000, max(ctx.province.scale, 0.3), rng.choice((1, 100)))
    top = ctx.fund("DIST.ALLOC", f"Vốn Chương trình 1719 phân bổ cho huyện {d.name} năm {ctx.year}", inv + rec)
    a = ctx.fund("DIST.ALLOC.INV", "Vốn đầu tư phát triển", inv, parent_line_id="DIST.ALLOC", capital_type="investment")
    b = ctx.fund("DIST.ALLOC.REC", "Vốn sự nghiệp", rec, parent_line_id="DIST.ALLOC", capital_type="recurrent")
    top.quote = f"huyện {d.name} được phân bổ {ty(ctx, top.amount)}"
    a.quote, b.quote = f"vốn đầu tư phát triển {ty(ctx, inv)}", f"vốn sự nghiệp {ty(ctx, rec)}"
    doc.para(
        f"Năm {ctx.year}, ",
        Piece(top.quote, [top]),
        " vốn thực hiện Chương trình mục tiêu quốc gia phát "
        "triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi, trong đó ",
        Piece(a.quote, [a]),
        ", ",
        Piece(b.quote, [b]),
        ".",
    )
    _district_disbursed(ctx, top.amount, max(1, month - 1))
    others = [i for i in INDICATORS if i.key in ("water_dist", "jobs", "maintain", "troupes")]
    pieces = [houses, *(indicator_piece(ctx, i) for i in rng.sample(others, 2))]
    doc.para("Từ nguồn vốn được giao, huyện đã ", join(pieces, "; "), ".")
    doc.para(
        f'"Năm nay, huyện ưu tiên các {village_name(rng, ctx.province.region, True)} đặc biệt khó khăn, nơi '
        f'đồng bào {rng.choice(ETHNIC_GROUPS[ctx.province.region])} còn thiếu nhà ở, nước sinh hoạt", '
        f"Trưởng phòng Dân tộc huyện {d.name} cho biết."
    )
    footer(ctx, outlet)


def _district_disbursed(ctx: Ctx, planned: Decimal, month: int) -> None:
    rng = ctx.rng
    ctx.phase = "disbursed"
    done = (planned * Decimal(str(round(rng.uniform(0.35, 0.95), 3)))).quantize(Decimal(1))
    rate = (done * 100 / planned).quantize(Decimal("0.1"))
    f = ctx.fund("DIST.DISB", f"Giải ngân vốn Chương trình 1719 của huyện {ctx.area}", done)
    f.quote = f"đã giải ngân {ty(ctx, done)}"
    rq = f"đạt {vn_number(rate, 1)}% kế hoạch"
    ctx.doc.para(
        f"Đến hết tháng {month}/{ctx.year}, huyện ",
        Piece(f.quote, [f]),
        ", ",
        Piece(rq, [ctx.target("tỷ lệ giải ngân vốn Chương trình 1719", rate, "%", rq)]),
        ".",
    )


def render(ctx: Ctx, variant: str) -> None:
    {
        "disbursement": disbursement_story,
        "summary": plan_summary,
        "event": event_notice,
        "district": district_story,
    }[variant](ctx)
