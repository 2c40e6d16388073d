"""What `ntp-warehouse extract` reads out of a document, case by case: Vietnamese numbers, comparators, fractions,
breakdowns by district and commune, figures that are never targets, funding in triệu, tỷ and đồng, reductions,
qualifiers, per-project and per-district amounts, several programmes at once, every file format, and the
document's metadata. The documents are small, written here in the genre's own phrasing (invented figures); they
are extracted once, through the command line, and each test reads the rows of its own file."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import run_cli
from doc_builders import cp1258_bytes, minimal_pdf

_NUMBERS = iter(range(101, 999))


def official(
    body: str,
    *,
    issuer: str = "TỈNH CAO BẰNG",
    place: str = "Cao Bằng",
    area: str = "tỉnh Cao Bằng",
    year: int = 2024,
    kind: str = "KẾ HOẠCH",
    code: str = "KH-UBND",
    title: str | None = None,
) -> str:
    """A provincial (or district) document's header, title and body; every document gets its own number."""
    return (
        f"ỦY BAN NHÂN DÂN\n{issuer}\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"---------------\n\nSố: {next(_NUMBERS)}/{code}\n\n{place}, ngày 15 tháng 3 năm {year}\n\n{kind}\n\n"
        + (title or "Thực hiện")
        + " Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và "
        f"miền núi trên địa bàn {area} năm {year}\n\n{body}\n"
    )


def news(body: str, title: str) -> str:
    return f"{title}\n\n(Báo Dân tộc và Phát triển) - {body}\n"


PLAN_NUMBERS = official(
    "I. MỤC TIÊU\n"
    "1. Phấn đấu 96,1% số xã có đường ô tô đến trung tâm xã được cứng hóa.\n"
    "2. Hỗ trợ nhà ở cho 1.238 hộ; xây dựng 07 công trình nước sinh hoạt tập trung.\n"
    "3. Toàn tỉnh có 15 xã1 đặc biệt khó khăn được đầu tư cơ sở hạ tầng.\n"
    "4. Có 174/181 xã đạt chuẩn tiếp cận pháp luật.\n"
    "5. Khoán bảo vệ rừng 26.900 ha; trồng 12,5 km đường điện.\n"
    "6. Giảm tỷ lệ hộ nghèo vùng đồng bào DTTS&MN 3,1%; phát triển vùng trồng dược liệu quý 04 ha; đầu tư cơ sở "
    "vật chất cho 01 đơn vị sự nghiệp công lập.\n"
)

PLAN_COMPARATORS = official(
    "I. MỤC TIÊU\n"
    "- Thu nhập bình quân của người dân tộc thiểu số tăng trên 2 lần so với năm 2020.\n"
    "- Tỷ lệ hộ nghèo giảm còn dưới 10%.\n"
    "- Đào tạo nghề cho ít nhất 200 người; tối thiểu 30 lớp tập huấn.\n"
    "- Làm mới khoảng 40 km đường giao thông nông thôn; sửa chữa gần 60 công trình.\n"
    "- Hỗ trợ hơn 70 mô hình sinh kế.\n",
    issuer="TỈNH HÀ GIANG",
    place="Hà Giang",
    area="tỉnh Hà Giang",
)

PLAN_BREAKDOWN = official(
    "I. MỤC TIÊU\n"
    "1. Có 05 xã thoát khỏi địa bàn đặc biệt khó khăn (huyện Bắc Sơn: 01 xã; huyện Bình Gia: 02 xã; "
    "huyện Văn Quan: 02 xã); hỗ trợ đất sản xuất cho 26 hộ.\n"
    "2. Hỗ trợ nước sinh hoạt phân tán cho 310 hộ (xã Nhạc Kỳ: 196 hộ; xã Thiện Thuật 114 hộ).\n",
    issuer="TỈNH LẠNG SƠN",
    place="Lạng Sơn",
    area="tỉnh Lạng Sơn",
)

PLAN_NEVER_FIGURES = official(
    "Căn cứ Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ; Nghị quyết số 06-NQ/TU ngày "
    "17/5/2021 của Ban Chấp hành Đảng bộ tỉnh; mục 2.1 Phụ lục kèm theo.\n"
    "Nước sinh hoạt đạt QCVN 01-1:2018/BYT; chăm sóc dinh dưỡng trong 1.000 ngày đầu đời cho trẻ em dưới 5 tuổi; "
    "hỗ trợ bản Nam Tiến 2 trong giai đoạn 2021-2025, quý 2/2024 hoàn thành.\n"
    "Dự án 4: đầu tư cho 3 thôn.\n",
    issuer="TỈNH ĐIỆN BIÊN",
    place="Điện Biên",
    area="tỉnh Điện Biên",
)

PLAN_FUNDING = official(
    "II. KINH PHÍ THỰC HIỆN\n"
    "Tổng vốn thực hiện Chương trình năm 2024: 1.238.075 triệu đồng, trong đó:\n"
    "- Vốn đầu tư phát triển: 1.100.000 triệu đồng (ngân sách trung ương: 1.000.000 triệu đồng; ngân sách địa "
    "phương: 100.000 triệu đồng).\n"
    "- Vốn sự nghiệp: 138.075 triệu đồng.\n"
    "Phân bổ theo dự án: Dự án 1: 25.000 triệu đồng; Dự án 4: 40.000 triệu đồng.\n"
    "Phân bổ cho huyện Bảo Lạc: 12.940,347 triệu đồng.\n",
)

NEWS_OTHER_PROVINCE = news(
    "Năm 2023, tỉnh Sơn La được giao hơn 1.520,5 tỷ đồng thực hiện Chương trình mục tiêu quốc gia phát triển "
    "kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi; đến hết tháng 11 đã giải ngân 65,077 tỷ đồng "
    "vốn sự nghiệp. Riêng huyện Mộc Châu được hỗ trợ 131.666.000.000 đồng.",
    "Sơn La đẩy nhanh giải ngân vốn Chương trình MTQG 1719 năm 2023",
)

NEWS_THREE_PROGRAMMES = news(
    "Năm 2024, tỉnh Yên Bái được giao vốn thực hiện 3 chương trình mục tiêu quốc gia: Chương trình mục tiêu "
    "quốc gia xây dựng nông thôn mới 500 tỷ đồng; Chương trình mục tiêu quốc gia giảm nghèo bền vững 300 tỷ "
    "đồng; Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền "
    "núi 7 nghìn 570 tỷ 186 triệu đồng.",
    "Yên Bái giao vốn 3 chương trình mục tiêu quốc gia năm 2024",
)

ADJUSTMENT = official(
    "Điều 1. Điều chỉnh kế hoạch vốn sự nghiệp năm 2024 thực hiện Chương trình như sau:\n"
    "1. Giảm 1.500 triệu đồng vốn sự nghiệp của Dự án 3.\n"
    "2. Tăng 1.500 triệu đồng vốn sự nghiệp cho Dự án 5.\n",
    issuer="TỈNH LAI CHÂU",
    place="Lai Châu",
    area="tỉnh Lai Châu",
    kind="NGHỊ QUYẾT",
    code="NQ-HĐND",
    title="Về việc điều chỉnh kế hoạch vốn sự nghiệp năm 2024 thực hiện",
)

DISTRICT_PLAN = official(
    "I. MỤC TIÊU\nHỗ trợ nhà ở cho 64 hộ; đào tạo nghề cho 120 lao động.\n",
    issuer="THÀNH PHỐ LAI CHÂU",
    place="Lai Châu",
    area="thành phố Lai Châu",
    year=2023,
)

NEWS_NAMED_PLACES = news(
    "Năm 2022, kế hoạch vốn ngân sách Trung ương là 162.648 triệu đồng; hỗ trợ nhà ở cho 64 hộ. Trong đó, huyện "
    "Thống Nhất thực hiện 01 dự án sắp xếp ổn định dân cư tại ấp Tà Ven 1, xã Gia Tân 3 và sóc Xẻo Kênh, xã Gia "
    "Tân 1.",
    "Triển khai thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số "
    "và miền núi trên địa bàn tỉnh năm 2022",
)

PLAN_LEVELS = official(
    "1. Đảm bảo 100% đơn vị cấp xã đạt chuẩn phổ cập giáo dục mầm non.\n"
    "2. Mỗi huyện, thị xã, thành phố xây dựng tối thiểu 01 mô hình an ninh cơ sở.\n"
    "3. Mỗi xã có ít nhất 02 mô hình liên kết sản xuất.\n"
    "4. Mỗi thị trấn, xã đặc biệt khó khăn có 01 tổ hợp tác.\n"
    "5. Hỗ trợ 12 hợp tác xã cấp huyện.\n"
)

NO_PROVINCE = (
    "KẾ HOẠCH\n\nThực hiện Chương trình mục tiêu quốc gia năm 2024\n\nHỗ trợ nhà ở cho 640 hộ; "
    "hỗ trợ đất sản xuất cho 26 hộ.\n"
)

DOCUMENTS: dict[str, str | bytes] = {
    "numbers.txt": PLAN_NUMBERS,
    "comparators.txt": PLAN_COMPARATORS,
    "breakdown.txt": PLAN_BREAKDOWN,
    "never figures.txt": PLAN_NEVER_FIGURES,
    "funding.txt": PLAN_FUNDING,
    "news sơn la.txt": NEWS_OTHER_PROVINCE,
    "news three programmes.txt": NEWS_THREE_PROGRAMMES,
    "adjustment.txt": ADJUSTMENT,
    "district plan.txt": DISTRICT_PLAN,
    "no province.txt": NO_PROVINCE,
    "levels.txt": PLAN_LEVELS,
    "news named places.txt": NEWS_NAMED_PLACES,
    # the same kind of plan in other encodings and formats
    "windows-1258.txt": cp1258_bytes(
        official("Hỗ trợ nhà ở cho 640 hộ.", issuer="TỈNH BẮC KẠN", place="Bắc Kạn", area="tỉnh Bắc Kạn")
    ),
    "utf-16.txt": official(
        "Hỗ trợ đất sản xuất cho 52 hộ.", issuer="TỈNH TUYÊN QUANG", place="Tuyên Quang", area="tỉnh Tuyên Quang"
    ).encode("utf-16"),
    "bom.txt": b"\xef\xbb\xbf"
    + official("Xây dựng 09 công trình.", issuer="TỈNH LÀO CAI", place="Lào Cai", area="tỉnh Lào Cai").encode(),
}


NEWS_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Báo Lào Cai</title>
<script>var total = "Hà Giang giải ngân 2.000 tỷ đồng";</script></head><body>
<nav><a href="/">Trang chủ</a> | <a href="/kt">Kinh tế</a></nav>
<article><h1>Lào Cai: giải ngân vốn Chương trình 1719 năm 2024</h1>
<p>Năm 2024, tỉnh Lào Cai được giao 1.451,5 tỷ đồng; đã hỗ trợ nhà ở cho 312 hộ đồng bào dân tộc thiểu số.</p>
</article>
<div class="box-tin-lien-quan"><h3>Tin liên quan</h3><p>Hà Giang hỗ trợ nhà ở cho 2.000 hộ</p></div>
<footer>Bản quyền thuộc Báo Lào Cai</footer></body></html>
"""


def write_word_plan(path: Path) -> None:
    """A plan saved from Word: the header as paragraphs, the targets in a table."""
    document = docx.Document()
    for line in official("PHỤ LỤC CHỈ TIÊU", issuer="TỈNH BẮC GIANG", place="Bắc Giang", area="tỉnh Bắc Giang").split(
        "\n"
    ):
        if line.strip():
            document.add_paragraph(line)
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(
        table.rows,
        [
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2024"],
            ["1", "Hỗ trợ đất ở", "hộ", "45"],
            ["2", "Xây dựng cầu dân sinh", "cầu", "06"],
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(path)


def write_allocation_workbook(path: Path) -> None:
    """An allocation appendix as a spreadsheet: title rows, a unit line, a total row and one row per project."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH SƠN LA"])
    sheet.append(["PHÂN BỔ KẾ HOẠCH VỐN ĐẦU TƯ PHÁT TRIỂN NGUỒN NGÂN SÁCH TRUNG ƯƠNG NĂM 2024"])
    sheet.append(
        [
            "Thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số "
            "và miền núi"
        ]
    )
    sheet.append([None, None, "Đơn vị tính: triệu đồng"])
    sheet.append(["STT", "Nội dung", "Kế hoạch vốn năm 2024"])
    sheet.append([None, "TỔNG CỘNG", 95000])
    sheet.append(["1", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt", 30000])
    sheet.append(["2", "Dự án 4: Đầu tư cơ sở hạ tầng thiết yếu", 65000])
    workbook.save(path)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, str]]]:
    docs = tmp_path_factory.mktemp("documents")
    out = tmp_path_factory.mktemp("extracted")
    for name, content in DOCUMENTS.items():
        path = docs / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (docs / "news page.html").write_text(NEWS_PAGE, encoding="utf-8")
    write_word_plan(docs / "word plan.docx")
    write_allocation_workbook(docs / "allocation appendix.xlsx")
    # a PDF whose text layer lost its diacritics says no province: a sidecar manifest supplies it
    (docs / "old plan.pdf").write_bytes(minimal_pdf([["Ke hoach nam 2024", "Trong moi 120 ha rung; lam moi 35 km"]]))
    (docs / "old plan.pdf.meta.json").write_text(
        json.dumps({"province_code": "14", "plan_year": "2024", "doc_kind": "plan"}), encoding="utf-8"
    )
    (docs / "scan.pdf").write_bytes(minimal_pdf([[]]))
    result = run_cli("extract", "--documents", str(docs), "--out", str(out), "--workers", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    tables = {}
    for name in ("targets", "funding_lines", "documents", "document_files", "rejected_documents"):
        with (out / f"extracted_{name}.csv").open(encoding="utf-8", newline="") as f:
            tables[name] = list(csv.DictReader(f))
    return tables


Rows = Callable[[str], list[dict[str, str]]]


@pytest.fixture(scope="module")
def targets(extracted) -> Rows:
    return lambda name: [r for r in extracted["targets"] if r["source_file"] == name]


@pytest.fixture(scope="module")
def funding(extracted) -> Rows:
    return lambda name: [r for r in extracted["funding_lines"] if r["source_file"] == name]


@pytest.fixture(scope="module")
def document(extracted) -> Callable[[str], dict[str, str]]:
    def find(name: str) -> dict[str, str]:
        (doc,) = [d for d in extracted["documents"] if name in d["source_files"].split(",")]
        return doc

    return find


def values(rows: list[dict[str, str]]) -> list[tuple[Decimal, str]]:
    return [(Decimal(r["target_value"]), r["unit_raw"]) for r in rows]


def amounts(rows: list[dict[str, str]]) -> list[Decimal]:
    return [Decimal(r["amount_million_vnd"]) for r in rows]


# ---- targets ---------------------------------------------------------------------------------------------------


def test_vietnamese_numbers_leading_zeros_and_footnote_digits(targets: Rows):
    got = values(targets("numbers.txt"))
    assert (Decimal("96.1"), "%") in got
    assert (Decimal("1238"), "hộ") in got  # 1.238: the dot groups thousands
    assert (Decimal("7"), "công trình") in got  # 07
    assert (Decimal("15"), "xã") in got  # '15 xã1': the footnote digit is not part of the unit or the number
    assert (Decimal("26900"), "ha") in got
    assert (Decimal("12.5"), "km") in got
    assert (Decimal("3.1"), "%") in got  # 'DTTS&MN' is no name that '3,1' belongs to
    assert (Decimal("4"), "ha") in got  # 'quý' here is precious (herbs), not a quarter
    assert (Decimal("1"), "đơn vị") in got


def test_a_fraction_keeps_its_denominator(targets: Rows):
    (row,) = [r for r in targets("numbers.txt") if r["figure_text"].startswith("174/181")]
    assert (Decimal(row["target_value"]), Decimal(row["denominator_value"]), row["unit_raw"]) == (
        Decimal("174"),
        Decimal("181"),
        "xã",
    )


def test_every_target_quotes_the_line_it_came_from(targets: Rows):
    lines = PLAN_NUMBERS.splitlines()
    for row in targets("numbers.txt"):
        line = lines[int(row["source_line"]) - 1]
        assert row["source_quote"] in line
        assert row["figure_text"] in row["source_quote"]


@pytest.mark.parametrize(
    ("value", "unit", "comparator"),
    [
        ("2", "lần", ">"),  # trên
        ("10", "%", "<"),  # dưới
        ("200", "người", ">="),  # ít nhất
        ("30", "lớp", ">="),  # tối thiểu
        ("40", "km", "~"),  # khoảng
        ("60", "công trình", "~"),  # gần
        ("70", "mô hình", ">"),  # hơn
    ],
)
def test_comparators(targets: Rows, value: str, unit: str, comparator: str):
    (row,) = [
        r for r in targets("comparators.txt") if (Decimal(r["target_value"]), r["unit_raw"]) == (Decimal(value), unit)
    ]
    assert row["comparator"] == comparator


def test_a_breakdown_by_district_and_commune_is_parts_of_its_whole(targets: Rows):
    rows = targets("breakdown.txt")
    whole = next(r for r in rows if r["figure_text"] == "05 xã")
    parts = [
        r for r in rows if r["parent_span_start"] == whole["span_start"] and r["source_line"] == whole["source_line"]
    ]
    assert [(r["area_name"], Decimal(r["target_value"])) for r in parts] == [
        ("Bắc Sơn", 1),
        ("Bình Gia", 2),
        ("Văn Quan", 2),
    ]
    assert {r["admin_level"] for r in parts} == {"district"}
    # after the bracket, a figure of the same unit is not a part of it
    after = next(r for r in rows if r["figure_text"] == "26 hộ")
    assert after["parent_span_start"] == ""
    # a commune name whose last word reads like 'kỳ' (a term, as in 'kỳ họp') still carries its count
    houses = next(r for r in rows if r["figure_text"] == "310 hộ")
    communes = [r for r in rows if r["parent_span_start"] == houses["span_start"]]
    assert [(r["area_name"], Decimal(r["target_value"])) for r in communes] == [
        ("Nhạc Kỳ", 196),
        ("Thiện Thuật", 114),
    ]


def test_the_level_a_target_is_set_for(targets: Rows):
    levels = {(Decimal(r["target_value"]), r["unit_raw"]): r["admin_level"] for r in targets("levels.txt")}
    assert levels == {
        (Decimal(100), "%"): "province",  # a share of the province's communes, not a commune's own target
        (Decimal(1), "mô hình"): "district",  # 'mỗi huyện, thị xã, thành phố': one for each district
        (Decimal(2), "mô hình"): "commune",
        (Decimal(1), "tổ"): "commune",  # a thị trấn is a commune-level unit
        (Decimal(12), "hợp tác xã"): "district",
    }


def test_dates_years_document_numbers_codes_ages_and_names_are_never_figures(targets: Rows):
    got = values(targets("never figures.txt"))
    assert got == [(Decimal("3"), "thôn")]  # only 'Dự án 4: đầu tư cho 3 thôn', and not the 4 of 'Dự án 4'
    (row,) = targets("never figures.txt")
    assert row["project_code"] == "DA4"


def test_any_encoding_gives_the_same_rows(targets: Rows):
    assert values(targets("windows-1258.txt")) == [(Decimal("640"), "hộ")]
    assert values(targets("utf-16.txt")) == [(Decimal("52"), "hộ")]
    assert values(targets("bom.txt")) == [(Decimal("9"), "công trình")]


# ---- funding ---------------------------------------------------------------------------------------------------


def test_a_funding_hierarchy_in_million_vnd_with_its_parents(funding: Rows):
    rows = {Decimal(r["amount_million_vnd"]): r for r in funding("funding.txt")}
    total, investment, central, local, recurrent = (
        rows[Decimal(v)] for v in ("1238075", "1100000", "1000000", "100000", "138075")
    )
    assert investment["parent_line_code"] == total["line_code"]
    assert recurrent["parent_line_code"] == total["line_code"]
    assert central["parent_line_code"] == investment["line_code"]
    assert local["parent_line_code"] == investment["line_code"]
    assert (investment["capital_type"], recurrent["capital_type"]) == ("investment", "recurrent")
    assert (central["budget_level"], local["budget_level"]) == ("central", "local")
    assert total["budget_phase"] == "planned"


def test_per_project_and_per_district_amounts(funding: Rows):
    rows = {Decimal(r["amount_million_vnd"]): r for r in funding("funding.txt")}
    assert rows[Decimal("25000")]["project_code"] == "DA1"
    assert rows[Decimal("40000")]["project_code"] == "DA4"
    assert rows[Decimal("12940.347")]["area_name"] == "Bảo Lạc"


def test_news_about_another_province_in_ty_and_dong(funding: Rows, document):
    doc = document("news sơn la.txt")
    assert (doc["province_code"], doc["plan_year"], doc["doc_kind"]) == ("14", "2023", "news")
    rows = {Decimal(r["amount_million_vnd"]): r for r in funding("news sơn la.txt")}
    assert set(rows) == {Decimal("1520500"), Decimal("65077"), Decimal("131666")}
    allocated, disbursed = rows[Decimal("1520500")], rows[Decimal("65077")]
    assert allocated["is_approximate"] == "true"  # 'hơn': a lower bound
    assert Decimal(allocated["precision_million_vnd"]) == Decimal("50")  # '1.520,5 tỷ' is good to 0,05 tỷ
    assert disbursed["budget_phase"] == "disbursed"
    assert disbursed["capital_type"] == "recurrent"
    assert rows[Decimal("131666")]["area_name"] == "Mộc Châu"


def test_figures_for_several_programmes_at_once(funding: Rows):
    programmes = {Decimal(r["amount_million_vnd"]): r["program_code"] for r in funding("news three programmes.txt")}
    assert programmes == {Decimal("500000"): "NTM", Decimal("300000"): "GNBV", Decimal("7570186"): "DTTS"}


def test_a_reduction_is_negative_and_an_adjustment(funding: Rows, document):
    assert document("adjustment.txt")["doc_kind"] == "adjustment"
    rows = funding("adjustment.txt")
    assert sorted(amounts(rows)) == [Decimal("-1500"), Decimal("1500")]
    assert {r["budget_phase"] for r in rows} == {"adjusted"}
    by_amount = {Decimal(r["amount_million_vnd"]): r["project_code"] for r in rows}
    assert by_amount == {Decimal("-1500"): "DA3", Decimal("1500"): "DA5"}


# ---- documents -------------------------------------------------------------------------------------------------


def test_a_city_plan_is_a_district_level_document_of_its_province(document):
    doc = document("district plan.txt")
    assert (doc["province_code"], doc["admin_level"], doc["area_name"], doc["plan_year"]) == (
        "12",
        "district",
        "Lai Châu",
        "2023",
    )


def test_a_news_item_naming_no_province_is_placed_by_its_district_and_communes(document):
    # 'xã Gia Tân 3' is a commune of huyện Thống Nhất (Đồng Nai); without its number, 'Gia Tân' is one of Ninh Bình
    assert document("news named places.txt")["province_code"] == "75"


def test_a_document_naming_no_province_or_without_text_is_rejected_with_a_reason(extracted):
    rejected = {r["source_file"]: r for r in extracted["rejected_documents"]}
    assert set(rejected) == {"no province.txt", "scan.pdf"}
    assert rejected["no province.txt"]["reason"] == "no_province"
    assert "no province.txt" in rejected["no province.txt"]["detail"]
    assert rejected["scan.pdf"]["reason"] == "no_text_layer"


# ---- formats ---------------------------------------------------------------------------------------------------


def test_a_saved_news_page_gives_its_article_and_not_the_page_around_it(targets: Rows, funding: Rows, document):
    assert document("news page.html")["province_code"] == "10"
    assert values(targets("news page.html")) == [(Decimal("312"), "hộ")]  # not the related news' 2.000 hộ
    assert amounts(funding("news page.html")) == [Decimal("1451500")]


def test_a_word_table_gives_one_target_per_row(targets: Rows, document):
    assert document("word plan.docx")["province_code"] == "24"
    rows = targets("word plan.docx")
    assert values(rows) == [(Decimal("45"), "hộ"), (Decimal("6"), "cầu")]
    assert {r["origin"] for r in rows} == {"table"}
    assert all(r["source_locator"].startswith("table") for r in rows), [r["source_locator"] for r in rows]


def test_a_spreadsheet_appendix_gives_its_funding_lines_by_project(funding: Rows, document):
    doc = document("allocation appendix.xlsx")
    assert (doc["province_code"], doc["plan_year"]) == ("14", "2024")
    rows = {Decimal(r["amount_million_vnd"]): r for r in funding("allocation appendix.xlsx")}
    assert set(rows) == {Decimal("95000"), Decimal("30000"), Decimal("65000")}
    assert (rows[Decimal("30000")]["project_code"], rows[Decimal("65000")]["project_code"]) == ("DA1", "DA4")
    assert rows[Decimal("30000")]["parent_line_code"] == rows[Decimal("95000")]["line_code"]
    assert {r["capital_type"] for r in rows.values()} == {"investment"}
    assert {r["budget_level"] for r in rows.values()} == {"central"}


def test_a_pdf_text_layer_with_its_metadata_from_a_sidecar_manifest(targets: Rows, document):
    doc = document("old plan.pdf")
    assert (doc["province_code"], doc["plan_year"], doc["doc_kind"]) == ("14", "2024", "plan")
    assert values(targets("old plan.pdf")) == [(Decimal("120"), "ha"), (Decimal("35"), "km")]


def test_texts_are_one_document_when_most_of_the_shorter_ones_figure_shingles_are_in_the_longer():
    """Copy detection compares shingle sets by their share of the shorter set; the sizes come from the bytes and
    only one side becomes a set (a file meets every earlier document of its block), with the same answers."""
    import array

    from loaders.extract import SIMILARITY_THRESHOLD, _as_set, _similar

    def shingles(values) -> bytes:
        return array.array("I", sorted(set(values))).tobytes()

    longer = shingles(range(100))
    enough = shingles([*range(6), 1000, 1001, 1002, 1003])  # 6 of 10 in the longer text
    too_few = shingles([*range(5), 1000, 1001, 1002, 1003, 1004])  # 5 of 10
    assert SIMILARITY_THRESHOLD == 0.6
    for a, b, same in ((enough, longer, True), (longer, enough, True), (too_few, longer, False)):
        assert _similar(a, b) is same
        assert _similar(a, b, _as_set(b)) is same
    assert not _similar(shingles([1, 2]), shingles([1, 2]))  # fewer than three shingles say nothing
    assert _similar(shingles([1, 2, 3]), longer)
