"""Parts shared by the administrative documents: header block, legal bases, signature, footnotes and the
unkeyed 'trap' sentences of the genre (dates, document numbers, articles, standards)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.compose import Ctx
from benchmarks.model import Doc

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lò",
    "Hà",
    "Nông",
    "Lường",
    "Vi",
    "Triệu",
    "Sùng",
    "Giàng",
    "Đinh",
    "Mai",
    "Y",
)
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân", "Trọng", "Kim")
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Long",
    "Nam",
    "Phong",
    "Quý",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Vinh",
    "Hoa",
    "Lan",
    "Mai",
    "Thảo",
    "Hiền",
    "Quỳnh",
    "Diện",
    "Khánh",
    "Toàn",
    "Chiến",
)


@dataclass(frozen=True)
class Issuer:
    agency: str  # ỦY BAN NHÂN DÂN | HỘI ĐỒNG NHÂN DÂN
    short: str  # UBND | HĐND
    title: str  # KẾ HOẠCH | QUYẾT ĐỊNH | NGHỊ QUYẾT | BÁO CÁO
    code: str  # KH | QĐ | NQ | BC


UBND_PLAN = Issuer("ỦY BAN NHÂN DÂN", "UBND", "KẾ HOẠCH", "KH")
UBND_DECISION = Issuer("ỦY BAN NHÂN DÂN", "UBND", "QUYẾT ĐỊNH", "QĐ")
HDND_RESOLUTION = Issuer("HỘI ĐỒNG NHÂN DÂN", "HĐND", "NGHỊ QUYẾT", "NQ")
UBND_REPORT = Issuer("ỦY BAN NHÂN DÂN", "UBND", "BÁO CÁO", "BC")


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def month_text(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def long_date(day: int, month: int, year: int) -> str:
    """'ngày 08 tháng 3 năm 2023'."""
    return f"ngày {day:02d} tháng {month_text(month)} năm {year}"


def short_date(day: int, month: int, year: int) -> str:
    """'08/3/2023' or '08/03/2023'."""
    return f"{day:02d}/{month}/{year}" if month > 9 or day % 2 else f"{day:02d}/{month:02d}/{year}"


def draw_date(rng: random.Random, year: int, months: tuple[int, int]) -> tuple[int, int, int]:
    month = rng.randint(*months)
    return rng.randint(1, 28), month, year


def doc_number(rng: random.Random, issuer: Issuer, year: int) -> str:
    n = rng.randint(12, 2600) if issuer.code in ("QĐ", "BC") else rng.randint(5, 420)
    if issuer.code == "NQ":
        return f"{rng.randint(10, 120)}/NQ-HĐND"
    return f"{n}/{issuer.code}-{issuer.short}" if rng.random() < 0.85 else f"{n}/{year}/{issuer.code}-{issuer.short}"


def header(doc: Doc, ctx: Ctx, issuer: Issuer, number: str, date: tuple[int, int, int], title: str) -> None:
    """Agency block, national motto, number, place and date, document title."""
    rng = ctx.rng
    place = ctx.district.name if ctx.district else ctx.province.name
    unit = ctx.district.label if ctx.district else ctx.province.label
    if rng.random() < 0.2 and not ctx.district:
        _library_block(doc, ctx, issuer, number, date, title)
    doc.add(issuer.agency)
    doc.add(unit.upper())
    doc.add("-------")
    doc.blank()
    doc.add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    doc.add("Độc lập - Tự do - Hạnh phúc")
    doc.add("---------------")
    doc.blank()
    doc.para(f"Số: {number}")
    doc.para(f"{place}, {long_date(*date)}")
    doc.para(issuer.title, style="title")
    doc.para(title)


def _library_block(doc: Doc, ctx: Ctx, issuer: Issuer, number: str, date: tuple[int, int, int], title: str) -> None:
    """The metadata block legal-document websites put above the text."""
    kind = {"KH": "Kế hoạch", "QĐ": "Quyết định", "NQ": "Nghị quyết", "BC": "Báo cáo"}[issuer.code]
    doc.para(f"{kind} {number} {title[0].lower() + title[1:]}")
    d = f"{date[0]:02d}/{date[1]:02d}/{date[2]}"
    doc.add(f"Số hiệu {number}")
    doc.add(f"Ngày ban hành {d}")
    doc.add(f"Ngày có hiệu lực {d}")
    doc.add(f"Loại văn bản {kind}")
    doc.add(f"Cơ quan ban hành {ctx.province.type} {ctx.province.name}")
    doc.add(f"Người ký {person(ctx.rng)}")
    doc.para("Lĩnh vực Thương mại,Văn hóa - Xã hội")


# (year, month, text) of national legal bases, cited only in documents issued after them.
NATIONAL_BASES = (
    (
        2015,
        6,
        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
        "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
    ),
    (2015, 6, "Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015"),
    (2019, 6, "Luật Đầu tư công ngày 13 tháng 6 năm 2019"),
    (
        2020,
        6,
        "Nghị quyết số 120/2020/QH14 ngày 19 tháng 6 năm 2020 của Quốc hội phê duyệt chủ trương đầu tư "
        "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền "
        "núi",
    ),
    (
        2021,
        10,
        "Quyết định số 1719/QĐ-TTg ngày 14 tháng 10 năm 2021 của Thủ tướng Chính phủ phê duyệt Chương trình "
        "mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn "
        "2021 - 2030, giai đoạn I: từ năm 2021 đến năm 2025",
    ),
    (
        2021,
        12,
        "Quyết định số 39/2021/QĐ-TTg ngày 30 tháng 12 năm 2021 của Thủ tướng Chính phủ quy định nguyên tắc, "
        "tiêu chí, định mức phân bổ vốn ngân sách trung ương và tỷ lệ vốn đối ứng của ngân sách địa phương "
        "thực hiện Chương trình",
    ),
    (
        2022,
        3,
        "Thông tư số 15/2022/TT-BTC ngày 04 tháng 3 năm 2022 của Bộ trưởng Bộ Tài chính quy định quản lý và "
        "sử dụng kinh phí sự nghiệp từ nguồn ngân sách trung ương thực hiện Chương trình",
    ),
    (
        2022,
        4,
        "Nghị định số 27/2022/NĐ-CP ngày 19 tháng 4 năm 2022 của Chính phủ quy định cơ chế quản lý, tổ chức "
        "thực hiện các chương trình mục tiêu quốc gia",
    ),
    (
        2022,
        6,
        "Thông tư số 02/2022/TT-UBDT ngày 30 tháng 6 năm 2022 của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc "
        "hướng dẫn thực hiện một số dự án thuộc Chương trình",
    ),
    (
        2023,
        6,
        "Nghị định số 38/2023/NĐ-CP ngày 24 tháng 6 năm 2023 của Chính phủ sửa đổi, bổ sung một số điều của "
        "Nghị định số 27/2022/NĐ-CP",
    ),
    (
        2023,
        8,
        "Thông tư số 55/2023/TT-BTC ngày 15 tháng 8 năm 2023 của Bộ trưởng Bộ Tài chính quy định quản lý, "
        "sử dụng và quyết toán kinh phí sự nghiệp từ nguồn ngân sách trung ương thực hiện các chương trình "
        "mục tiêu quốc gia",
    ),
)


def legal_bases(ctx: Ctx, date: tuple[int, int, int], extra: list[str], k: int = 4) -> list[str]:
    """Citations valid at `date`: a few national bases plus the local ones given in `extra`."""
    rng = ctx.rng
    valid = [t for y, m, t in NATIONAL_BASES if (y, m) < (date[2], date[1])]
    chosen = sorted(rng.sample(range(len(valid)), min(k, len(valid))))
    return [valid[i] for i in chosen] + extra


def local_basis(ctx: Ctx, year: int, what: str, issuer: str = "UBND tỉnh", months: tuple[int, int] = (10, 12)) -> str:
    """An invented local decision of the previous weeks: 'Quyết định số 2145/QĐ-UBND ngày 12/12/2022 ...'."""
    rng = ctx.rng
    if "HĐND" in issuer:
        kind, code = "Nghị quyết", "NQ-HĐND"
    else:
        kind, code = rng.choice((("Quyết định", "QĐ-UBND"), ("Quyết định", "QĐ-UBND"), ("Kế hoạch", "KH-UBND")))
    d = short_date(rng.randint(1, 28), rng.randint(*months), year)
    return f"{kind} số {rng.randint(10, 2400)}/{code} ngày {d} của {issuer} {what}"


def write_bases(doc: Doc, bases: list[str], closing: str) -> None:
    for b in bases:
        doc.para(f"Căn cứ {b};")
    doc.para(closing)


def signature(doc: Doc, ctx: Ctx, recipients: list[str], role: str = "PHÓ CHỦ TỊCH") -> None:
    doc.add("Nơi nhận:")
    for r in recipients:
        doc.add(f"- {r};")
    doc.add("- Lưu: VT" + ctx.rng.choice((".", ", KT.", ", TH.", ", VX.")))
    doc.blank()
    body = "HỘI ĐỒNG NHÂN DÂN" if role == "CHỦ TỊCH HĐND" else "ỦY BAN NHÂN DÂN"
    if role == "CHỦ TỊCH HĐND":
        doc.add("CHỦ TỊCH")
    else:
        doc.add(f"TM. {body}")
        if role != "CHỦ TỊCH":
            doc.add("KT. CHỦ TỊCH")
        doc.add(role)
    doc.blank()
    doc.para(person(ctx.rng))


FOOTNOTES = (
    "Theo Quyết định số 612/QĐ-UBDT ngày 16/9/2021 của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc.",
    "Theo Quyết định số 861/QĐ-TTg ngày 04/6/2021 của Thủ tướng Chính phủ.",
    "Theo Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ quy định chuẩn nghèo đa chiều.",
    "Số liệu theo kết quả rà soát hộ nghèo, hộ cận nghèo cuối năm của tỉnh.",
)


def footnotes(doc: Doc, count: int) -> None:
    if count <= 0:
        return
    doc.add("________________")
    for i in range(count):
        doc.add(f"{i + 1} {FOOTNOTES[i % len(FOOTNOTES)]}")


def closing_duties(ctx: Ctx, year: int) -> list[str]:
    """Unkeyed implementation paragraphs with dates, articles and document numbers."""
    rng = ctx.rng
    day = rng.choice((10, 15, 20, 25))
    lines = [
        "Ban Dân tộc tỉnh là cơ quan thường trực, chủ trì theo dõi, đôn đốc, tổng hợp tình hình thực hiện; "
        "báo cáo "
        f"UBND tỉnh định kỳ 6 tháng (trước ngày {day}/6) và năm (trước ngày {day}/12/{year}).",
        "Sở Kế hoạch và Đầu tư tổ chức giám sát, đánh giá đầu tư theo quy định tại Điều 71 Luật Đầu tư công "
        "và khoản 5 Điều 30 Nghị định số 27/2022/NĐ-CP của Chính phủ.",
        "Sở Tài chính tham mưu bố trí vốn đối ứng ngân sách địa phương; hướng dẫn hạch toán theo mã Chương "
        "trình mục tiêu quốc gia (mã số 0350) và quyết toán theo quy định.",
        "Kho bạc Nhà nước tỉnh kiểm soát, thanh toán vốn kịp thời cho các dự án khi có đầy đủ hồ sơ; định kỳ "
        "6 tháng, năm tổng hợp tình hình giải ngân báo cáo UBND tỉnh.",
        "UBND các huyện, thành phố xây dựng kế hoạch chi tiết, gửi Ban Dân tộc tỉnh trước ngày "
        f"{rng.randint(1, 28):02d}/{rng.randint(3, 6)}/{year} để tổng hợp.",
    ]
    rng.shuffle(lines)
    return lines[: rng.randint(3, 5)]


def finance_circular(year: int) -> str:
    """The Ministry of Finance circular in force for recurrent funds of the programme in `year`."""
    if year <= 2023:
        return "Thông tư số 15/2022/TT-BTC ngày 04/3/2022 của Bộ Tài chính"
    return "Thông tư số 55/2023/TT-BTC ngày 15/8/2023 của Bộ Tài chính"


def management_decree(year: int) -> str:
    return "Nghị định số 27/2022/NĐ-CP" if year <= 2023 else "Nghị định số 38/2023/NĐ-CP"
