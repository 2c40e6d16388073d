"""The attribution engine, phenomenon by phenomenon, as real news items, portal pages and decisions show them: the
document's identity (its own date, its province, its programme), each figure's year, period and as-of date, its
project, capital type, budget level, phase and measure. Every text here is written for the test (invented
figures, the genre's phrasing); each test calls the engine's functions in-process and reads the rows it gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from loaders import attribution, mentions, periods
from loaders.extract import document_id_for, extract_document, with_period_of_figures
from loaders.figures import figures_in
from loaders.identify import IdentifyError, identify, latest_reported_year
from loaders.read import read_bytes
from loaders.reference import publisher_of, value_list


def extract(text: str, name: str = "item.txt", overrides: dict[str, str] | None = None):
    """Identify and extract one document given as text: (meta, targets, funding)."""
    doc = read_bytes(text.encode("utf-8"), name)
    meta = identify(doc.units, overrides, dict(doc.properties))
    targets, funding, _ = extract_document(doc, meta, document_id_for(meta, doc.sha256))
    return with_period_of_figures(meta, [*targets, *funding]), targets, funding


def target(rows, figure: str):
    found = [r for r in rows if r.provenance.figure_text.startswith(figure)]
    assert found, f"no target {figure!r} among {[r.provenance.figure_text for r in rows]}"
    return found[0]


def line(rows, figure: str):
    found = [r for r in rows if r.provenance.figure_text.startswith(figure)]
    assert found, f"no funding line {figure!r} among {[r.provenance.figure_text for r in rows]}"
    return found[0]


PAGE = (
    "TRANG CHỦ | THỜI SỰ | KINH TẾ\n"
    "Thứ Hai, 14/10/2019\n"
    "{headline}\n"
    "Hoàng Mai - 08:12, 24/11/2023\n"
    "{body}\n"
    "Tin liên quan\n"
    "- Tỉnh Lạng Sơn: 900 hộ được hỗ trợ nhà ở (20/11/2023)\n"
)


def page(body: str, headline: str = "Vốn Chương trình 1719 đến với đồng bào vùng cao") -> str:
    return PAGE.format(headline=headline, body=body)


# ---- the document: its own date, province and programme -----------------------------------------------------------
def test_the_articles_own_date_not_the_sites_header():
    meta, _, _ = extract(page("Tỉnh Điện Biên đã hỗ trợ nhà ở cho 320 hộ đồng bào dân tộc thiểu số."))
    assert meta.issued_date == "2023-11-24"


def test_an_iso_date_line_is_read():
    meta, _, _ = extract(
        "Nguồn vốn 1719 giúp bản làng đổi thay rõ nét qua từng năm\n2025-07-21 | 10:05\n"
        "Tỉnh Lai Châu đã hỗ trợ nhà ở cho 210 hộ đồng bào dân tộc thiểu số.\n"
    )
    assert meta.issued_date == "2025-07-21"


def test_the_publication_date_an_address_carries():
    meta, _, _ = extract(
        "Tỉnh Yên Bái hỗ trợ nhà ở cho 150 hộ đồng bào dân tộc thiểu số nghèo.\n",
        overrides={"source_url": "https://example-news.vn/yen-bai-ho-tro-nha-o-20240612093015123.htm"},
    )
    assert meta.issued_date == "2024-06-12"


def test_a_headline_is_never_a_date_line_or_a_caption():
    meta, _, _ = extract(
        "Ngày phát hành 9:39 | 2/12/2023\n"
        "Đẩy nhanh giải ngân nguồn vốn Chương trình 1719 tại các huyện vùng cao\n"
        "Tỉnh Hà Giang đã giải ngân 120 tỷ đồng vốn Chương trình.\n"
    )
    assert meta.title.startswith("Đẩy nhanh giải ngân")


def test_a_page_that_names_no_province_is_placed_by_its_publisher():
    text = page("Toàn tỉnh đã hỗ trợ nhà ở cho 410 hộ; tỉnh ta phấn đấu hoàn thành 100% kế hoạch năm 2024.")
    with pytest.raises(IdentifyError):
        extract(text.replace("Tỉnh Lạng Sơn: ", ""))  # no place at all, no publisher
    meta, _, _ = extract(
        text.replace("Tỉnh Lạng Sơn: ", ""),
        overrides={"source_url": "https://www.baoyenbai.com.vn/kinh-te/ho-tro-nha-o-123.html"},
    )
    assert (meta.province_code, meta.publisher) == ("15", "baoyenbai.com.vn")


def test_the_text_wins_over_the_publisher_where_it_names_the_province():
    meta, _, _ = extract(
        page("Tỉnh Sơn La đã hỗ trợ nhà ở cho 300 hộ; tỉnh Sơn La tiếp tục giải ngân vốn Chương trình."),
        overrides={"source_url": "https://dantocmiennui.vn/son-la-ho-tro-nha-o.html"},
    )
    assert meta.province_code == "14"


def test_another_articles_headline_never_places_the_item():
    body = "Toàn tỉnh đã hỗ trợ nhà ở cho 410 hộ đồng bào dân tộc thiểu số."
    meta, _, _ = extract(page(body), overrides={"source_url": "https://baoquangtri.vn/a-1.htm"})
    assert meta.province_code == "45"  # the related headline names Lạng Sơn; the publisher is in Quảng Trị


def test_a_province_named_bare_as_the_subject_of_a_sentence():
    meta, _, _ = extract("Ninh Thuận có 27 dân tộc cùng sinh sống; vùng đồng bào DTTS có 57 xã.\n")
    assert meta.province_code == "58"


def test_a_national_item_on_a_provincial_site_is_national():
    meta, _, funding = extract(
        "Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào DTTS và miền núi giai đoạn 2021-2030 nhằm thu "
        "hẹp khoảng cách so với bình quân chung của cả nước. Tổng nguồn vốn thực hiện giai đoạn 2021-2025 là "
        "137.000 tỷ đồng. Hiện nay nhiều địa phương đang triển khai các dự án.",
        overrides={"source_url": "http://gialaitv.vn/chuyen-muc/dan-toc/ban-tin"},
    )
    assert (meta.province_code, meta.admin_level) == ("00", "national")
    assert line(funding, "137.000").province_code == "00"


def test_a_national_report_that_names_provinces_among_others_is_national():
    meta, _, _ = extract(
        "Theo báo cáo của Bộ Tài chính, giải ngân vốn Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào "
        "DTTS và miền núi đến 31/5/2024 đạt 3.900 tỷ đồng, bằng 24% kế hoạch; 5 tỉnh có tỷ lệ giải ngân dưới 10% "
        "như Hòa Bình, Hà Tĩnh, Bình Phước."
    )
    assert (meta.province_code, meta.admin_level) == ("00", "national")


def test_a_provincial_outlet_not_listed_is_known_by_its_name():
    assert publisher_of("https://baobackan.com.vn/a.html")[1].province_code == "06"
    assert publisher_of("https://bandantoc.thanhhoa.gov.vn/a")[1].province_code == "38"
    assert publisher_of("https://vietnamnet.vn./a")[1].province_code is None


def test_a_loosely_named_programme_is_still_the_programme():
    meta, _, funding = extract(
        "Tỉnh Gia Lai: các chương trình MTQG đạt kết quả tích cực, trong đó Chương trình 1719 được giao 300 tỷ đồng.\n"
    )
    assert meta.province_code == "64" and line(funding, "300 tỷ").amount_million_vnd == Decimal(300000)


def test_a_headline_that_opens_with_a_district_makes_a_district_item():
    meta, targets, _ = extract(
        "Mèo Vạc: nguồn vốn 1719 giúp đồng bào vùng cao an cư\nHồng Nhung - 09:10, 02/05/2024\n"
        "Từ đầu năm đến nay, huyện Mèo Vạc đã hỗ trợ nhà ở cho 230 hộ đồng bào dân tộc thiểu số.\n"
    )
    assert (meta.province_code, meta.admin_level, meta.area_name) == ("02", "district", "Mèo Vạc")
    assert target(targets, "230").area_name == "Mèo Vạc"


# ---- time ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "years", "as_of"),
    [
        ("Tính đến hết tháng 9/2024, lũy kế giải ngân", (2024, 2024), "2024-09-30"),
        ("Giai đoạn 2021 - 2025, tổng vốn", (2021, 2025), None),
        ("Từ năm 2022 đến nay, toàn tỉnh", (2022, 2024), "2024-10-18"),
        ("từ nay đến hết năm 2025, tỉnh phấn đấu", (2024, 2025), None),
        ("Sau 3 năm triển khai (2022 - 2024), tổng nguồn vốn", (2022, 2024), None),
        ("Sau 3 năm triển khai, Chương trình", (2022, 2024), None),
        ("6 tháng đầu năm 2024", (2024, 2024), "2024-06-30"),
        ("Tính đến cuối năm 2023, tỷ lệ", (2023, 2023), "2023-12-31"),
        ("Hết tháng 8/2024, tỉnh đã giải ngân", (2024, 2024), "2024-08-31"),
        ("Tính đến 30/11/2024, đã giải ngân", (2024, 2024), "2024-11-30"),
        ("Tính đến tháng 6.2024, toàn tỉnh", (2024, 2024), "2024-06-30"),
        ("Tỉnh phấn đấu hết năm nay giải ngân", (2024, 2024), None),
        ("Năm 2022, 2023, tỷ lệ giải ngân", (2022, 2023), None),
        ("Trong 3 năm 2021 - 2023, tỉnh được giao", (2021, 2023), None),
    ],
)
def test_time_expressions(text, years, as_of):
    found = periods.time_mentions(text)
    assert found, text
    timing = periods.resolve(found[0], dt.date(2024, 10, 18))
    assert (timing.first_year, timing.last_year) == years
    assert timing.as_of == as_of


def test_the_plan_year_named_with_the_money_not_the_period_named_elsewhere():
    _, _, funding = extract(
        "Tỉnh Kon Tum triển khai Chương trình 1719 giai đoạn 2022 - 2030.\n"
        "Tổng kế hoạch vốn năm 2024 là 21,4 tỷ đồng.\n"
    )
    assert line(funding, "21,4").plan_year == 2024


def test_a_news_item_over_several_years_has_no_plan_year_but_its_period():
    meta, targets, _ = extract(
        page(
            "Từ năm 2022 đến nay, tỉnh Điện Biên đã hỗ trợ nhà ở cho 1.320 hộ. Năm 2023, tỉnh hỗ trợ đất sản xuất "
            "cho 210 hộ."
        )
    )
    assert (meta.plan_year, meta.period_start_year, meta.period_end_year) == (None, 2022, 2023)
    row = target(targets, "1.320")
    assert (row.period_start_year, row.period_end_year, row.plan_year, row.as_of_date) == (
        2022,
        2023,
        None,
        "2023-11-24",
    )


def test_the_programmes_own_period_in_its_name_is_no_figures_period():
    _, targets, _ = extract(
        page(
            "Năm 2023, Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và "
            "miền núi giai đoạn 2021 - 2030 hỗ trợ tỉnh Điện Biên làm nhà ở cho 520 hộ."
        )
    )
    assert target(targets, "520").plan_year == 2023


def test_a_fraction_after_until_is_no_date():
    assert not periods.time_mentions("số hộ thoát nghèo tăng đến 30/11 hộ")


def test_a_phase_in_the_programmes_name_frames_the_figures_of_its_sentence():
    _, targets, _ = extract(
        "Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào DTTS và miền núi giai đoạn 2021 - 2025 trên "
        "địa bàn tỉnh Sơn La đạt nhiều chỉ tiêu, như: tỷ lệ thôn có nhà văn hóa đạt 61,5%."
    )
    row = target(targets, "61,5")
    assert (row.period_start_year, row.period_end_year) == (2021, 2025)


def test_a_phase_in_the_programmes_name_does_not_frame_the_next_sentence():
    _, targets, _ = extract(
        "KẾ HOẠCH thực hiện Chương trình 1719 năm 2024 của tỉnh Quảng Ninh\n"
        "II. MỤC TIÊU CỤ THỂ NĂM 2024\n"
        "2. Hoàn thành hỗ trợ đất ở theo Dự án 1 Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào DTTS và "
        "miền núi giai đoạn 2021-2025. Mỗi xã có ít nhất 01 mô hình phát triển sản xuất.\n"
    )
    row = target(targets, "01 mô hình")
    assert (row.period_start_year, row.period_end_year) == (2024, 2024)


def test_the_region_and_its_phase_after_a_count_are_the_counts():
    _, targets, _ = extract(page("Tỉnh Bình Định có 44 xã thuộc vùng đồng bào DTTS và miền núi giai đoạn 2021 - 2025."))
    row = target(targets, "44")
    assert (row.period_start_year, row.period_end_year) == (2021, 2025)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "Trong 3 năm 2021 - 2023, tỉnh Yên Bái được giao 900 tỷ đồng. Đến cuối năm 2022, tỷ lệ hộ nghèo là 20%.",
            2023,
        ),
        ("Đến hết tháng 7/2024, tỉnh đã giải ngân 60%. Mục tiêu đến năm 2025 giảm nghèo 4%/năm.", 2024),
        ("Giai đoạn 2021 - 2025, tỉnh được giao 1.100 tỷ đồng; năm 2022 giải ngân 70%.", 2022),
    ],
)
def test_an_undated_article_is_of_the_last_year_it_reports_on(text, year):
    assert latest_reported_year(text) == year


def test_a_result_of_a_year_of_its_own_does_not_stand_at_an_earlier_sentences_date():
    _, targets, _ = extract(
        page(
            "Đến nay, 100% xã của tỉnh Phú Thọ có điện lưới quốc gia. Thu nhập bình quân đầu người vùng đồng bào "
            "DTTS năm 2022 đạt 35,1 triệu đồng/người; người DTTS tham gia bảo hiểm y tế đạt trên 95%."
        )
    )
    assert target(targets, "100%").as_of_date == "2023-11-24"
    assert target(targets, "95").as_of_date is None


def test_a_running_total_stands_at_the_reports_date():
    _, targets, funding = extract(
        page(
            "Tính đến hết tháng 9/2023, tỉnh Điện Biên đã giải ngân 300 tỷ đồng, đạt 45% kế hoạch.\n"
            "Các huyện Mường Nhé, Nậm Pồ mới đạt dưới 30%."
        )
    )
    assert line(funding, "300").as_of_date == "2023-09-30"
    assert {(r.area_name, r.as_of_date) for r in targets if r.target_value == 30} == {
        ("Mường Nhé", "2023-09-30"),
        ("Nậm Pồ", "2023-09-30"),
    }


def test_a_drop_over_a_period_puts_its_ends_at_the_periods_ends():
    _, targets, _ = extract(
        page("Giai đoạn 2021 - 2023, tỷ lệ hộ nghèo của tỉnh Điện Biên giảm từ 38,5% xuống còn 24,1%.")
    )
    assert (target(targets, "38,5").plan_year, target(targets, "24,1").plan_year) == (2021, 2023)


# ---- projects -----------------------------------------------------------------------------------------------------
def test_amounts_each_followed_by_its_projects_description():
    _, _, funding = extract(
        page(
            "Năm 2023, tỉnh Điện Biên bố trí 96,4 tỷ đồng để giải quyết tình trạng thiếu đất ở, nhà ở, đất sản "
            "xuất, nước sinh hoạt; 41,2 tỷ đồng cho quy hoạch, sắp xếp, bố trí, ổn định dân cư ở những nơi cần "
            "thiết; 150 tỷ đồng đầu tư cơ sở hạ tầng thiết yếu."
        )
    )
    assert [line(funding, f).project_code for f in ("96,4", "41,2", "150")] == ["DA1", "DA2", "DA4"]


def test_a_heading_that_names_its_project_by_description():
    _, targets, _ = extract(
        "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n\nSố: 71/KH-UBND\n\nCao Bằng, ngày 15 tháng 3 năm 2024\n\nKẾ HOẠCH\n\n"
        "Thực hiện Chương trình 1719 năm 2024\n\n"
        "2. Dự án quy hoạch, sắp xếp, bố trí, ổn định dân cư ở những nơi cần thiết\n"
        "Bố trí ổn định dân cư tập trung cho 85 hộ.\n"
    )
    assert target(targets, "85").project_code == "DA2"


def test_what_a_figure_funds_names_its_project_in_news_not_in_a_plans_goals():
    _, news, _ = extract(page("Năm 2023, tỉnh Điện Biên đã hỗ trợ nhà ở cho 630 hộ."))
    assert news[0].project_code == "DA1"
    _, plan, _ = extract(
        "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n\nSố: 72/KH-UBND\n\nCao Bằng, ngày 15 tháng 3 năm 2024\n\nKẾ HOẠCH\n\n"
        "Thực hiện Chương trình 1719 năm 2024\n\nII. MỤC TIÊU CỤ THỂ\n"
        "1. Tỷ lệ lao động trong độ tuổi được đào tạo nghề đạt 60%.\n"
    )
    assert plan[0].project_code is None


def test_where_a_described_project_is_carried_out_is_the_projects():
    _, targets, _ = extract(
        page(
            "Năm 2023, huyện Na Rì thực hiện 05 dự án hỗ trợ phát triển sản xuất cộng đồng về chăn nuôi tại 03 xã "
            "Lạng San, Lương Thượng và Kim Hỷ; gần 150 công trình các loại, 12 công trình cấp nước sinh hoạt."
        )
    )
    assert target(targets, "03").project_code == "DA3"
    assert target(targets, "150").project_code is None


def test_a_headline_that_states_a_body_figure_again_is_the_bodys_figure():
    _, _, funding = extract(
        "Gia Lai: Gần 520 tỷ đồng cho vùng đồng bào DTTS năm 2023\n"
        "Năm 2023, tỉnh Gia Lai có tổng vốn sự nghiệp được phân bổ gần 560 tỷ đồng.\n"
        "Trong đó, vốn đã phân bổ chi tiết là gần 520 tỷ đồng; kinh phí chưa phân bổ gần 40 tỷ đồng.\n"
    )
    assert [r.provenance.figure_text for r in funding] == ["560 tỷ đồng", "520 tỷ đồng", "40 tỷ đồng"]
    total, allocated, rest = funding
    assert allocated.parent_line_code == total.line_code == rest.parent_line_code
    assert (allocated.capital_type, allocated.budget_phase) == ("recurrent", "allocated")
    assert (rest.capital_type, rest.budget_phase) == ("recurrent", "planned")


def test_a_total_that_introduces_a_list_of_projects_is_no_one_projects():
    _, _, funding = extract(
        "Năm 2023, Chương trình 1719 tại tỉnh Đắk Nông có tổng nguồn vốn trên 1.100 tỷ đồng thực hiện 7 dự án: "
        "giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất; đầu tư cơ sở hạ tầng thiết yếu."
    )
    assert line(funding, "1.100").project_code is None


def test_a_projects_name_spelt_out_after_its_number_is_that_project():
    _, _, funding = extract(
        "Năm 2024, tỉnh Quảng Bình: Dự án 4 (Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất, đời sống trong vùng "
        "đồng bào DTTS&MN và các đơn vị sự nghiệp công lập của lĩnh vực dân tộc) của Chương trình 1719 được bố trí "
        "140,5 tỷ đồng."
    )
    assert (line(funding, "140,5").project_code, line(funding, "140,5").sub_project_code) == ("DA4", None)


def test_two_sub_projects_named_together_are_their_project():
    _, _, funding = extract(
        "Năm 2023, Chương trình 1719 tại tỉnh Quảng Trị: hơn 85,2 tỷ đồng xây dựng cơ sở hạ tầng thiết yếu phục vụ "
        "sản xuất, đời sống trong vùng đồng bào DTTS, các đơn vị sự nghiệp công lĩnh vực dân tộc; 20 tỷ đồng "
        "làm đường giao thông nông thôn."
    )
    assert (line(funding, "85,2").project_code, line(funding, "85,2").sub_project_code) == ("DA4", None)
    assert line(funding, "20 tỷ").sub_project_code == "DA4.TDA1"


def test_a_news_item_about_one_project():
    _, targets, funding = extract(
        page(
            "Theo Ban Dân tộc tỉnh Hòa Bình, tổng nguồn vốn năm 2024 thực hiện Dự án 4 của Chương trình 1719 là "
            "350,2 tỷ đồng.\nĐến ngày 30/9/2024, tỉnh đã giải ngân vốn đầu tư phát triển hơn 150 tỷ đồng, đạt 45,1%.\n"
            "Nguồn vốn hỗ trợ đầu tư tổng số 620 công trình."
        )
    )
    assert {line(funding, f).project_code for f in ("350,2", "150")} == {"DA4"}
    assert target(targets, "45,1").project_code == "DA4"
    assert target(targets, "620").project_code == "DA4"


def test_a_project_named_among_others_is_no_items_topic():
    _, _, funding = extract(
        page(
            "Năm 2024, tỉnh Gia Lai được giao 540 tỷ đồng thực hiện Chương trình 1719.\n"
            "Tỉnh tập trung chỉ đạo thực hiện Dự án 3; trong đó vốn sự nghiệp 95 tỷ đồng."
        )
    )
    assert line(funding, "540").project_code is None


@pytest.mark.parametrize(
    ("sentence", "figure", "project"),
    [
        ("Năm 2023, tỉnh Bắc Giang hoàn thành 28 km đường giao thông liên xã.", "28", "DA4"),
        ("Năm 2023, tỉnh Bắc Giang tu bổ, tôn tạo 6 di tích quốc gia của các DTTS.", "6", "DA6"),
        ("Năm 2023, tỉnh Bắc Giang đầu tư thiết chế văn hóa, thể thao cho 15 thôn, bản.", "15", "DA6"),
        ("Năm 2023, tỉnh Bắc Giang cải tạo, nâng cấp 5 trường nội trú, bán trú.", "5", "DA5"),
    ],
)
def test_activities_name_their_project(sentence, figure, project):
    _, targets, _ = extract(page(sentence))
    assert target(targets, figure).project_code == project


def test_a_part_takes_its_wholes_project():
    _, targets, _ = extract(
        page(
            "Năm 2023, tỉnh Điện Biên khởi công 140 công trình hạ tầng thiết yếu, trong đó đã hoàn thành 98/140 "
            "công trình."
        )
    )
    assert target(targets, "98").sub_project_code == "DA4.TDA1"


# ---- capital type, budget level, phase ----------------------------------------------------------------------------
def test_capital_and_level_and_phase_stated_together():
    _, _, funding = extract(page("Vốn sự nghiệp năm 2023 Trung ương giao 212 tỷ đồng cho tỉnh Điện Biên."))
    row = line(funding, "212")
    assert (row.capital_type, row.budget_level, row.budget_phase) == ("recurrent", "central", "allocated")
    assert (row.capital_type_basis, row.budget_level_basis) == ("stated", "stated")


def test_credit_and_money_raised_are_no_budgets():
    _, _, funding = extract(
        "Năm 2023, tỉnh Trà Vinh bố trí tổng nguồn vốn gần 700 tỷ đồng cho Chương trình 1719. "
        "Trong đó, ngân sách Trung ương gần 320 tỷ đồng, ngân sách địa phương hơn 50 tỷ đồng, "
        "vốn vay tín dụng chính sách trên 230 tỷ đồng."
    )
    credit = line(funding, "230")
    assert (credit.funding_source, credit.budget_level, credit.capital_type) == ("credit_other", None, None)
    assert line(funding, "320").budget_level == "central"


def test_loans_and_other_money_are_not_the_programmes():
    _, _, funding = extract(
        "Giai đoạn 2022-2024, Chương trình 1719 tại tỉnh Quảng Nam được phân bổ hơn 2.300 tỷ đồng; trong đó, vốn "
        "ngân sách Trung ương 1.900 tỷ đồng, vốn vay hơn 110 tỷ đồng, vốn khác 290 tỷ đồng."
    )
    assert {line(funding, f).funding_source for f in ("110", "290")} == {"credit_other"}
    assert line(funding, "1.900").funding_source == "program"


@pytest.mark.parametrize(
    "sentence",
    [
        "Tổng kế hoạch vốn ngân sách TW năm 2022 thực hiện Chương trình 1719 tại tỉnh Lạng Sơn là 41.200 triệu đồng.",
        "Năm 2022, vốn đầu tư Chương trình 1719 đã được Chính phủ giao cho tỉnh Lạng Sơn là 41.200 triệu đồng.",
        "Năm 2022, ngân sách T.Ư phân bổ cho tỉnh Lạng Sơn thực hiện Chương trình 1719 là 41.200 triệu đồng.",
    ],
)
def test_the_central_budget_by_other_names(sentence):
    _, _, funding = extract(sentence)
    assert line(funding, "41.200").budget_level == "central"


def test_a_new_total_does_not_take_the_capital_of_the_line_before():
    _, _, funding = extract(
        "KẾ HOẠCH thực hiện Chương trình 1719 năm 2022 của tỉnh Hà Giang\n"
        "- Kinh phí thực hiện Dự án 10 (vốn sự nghiệp): 7.600 triệu đồng.\n"
        "III. NGUỒN VỐN THỰC HIỆN\n"
        "Tổng vốn thực hiện Chương trình năm 2022 là 1.400.000 triệu đồng, trong đó: vốn đầu tư phát triển 900.000 "
        "triệu đồng; vốn sự nghiệp 500.000 triệu đồng.\n"
    )
    assert line(funding, "1.400.000").capital_type is None
    assert line(funding, "900.000").capital_type == "investment"


def test_money_said_again_takes_what_was_said_of_it():
    _, _, funding = extract(
        "Giai đoạn 2021 - 2025, tổng vốn ngân sách trung ương giao cho tỉnh Kon Tum thực hiện Chương trình 1719 là "
        "2.100 tỷ đồng. Nguồn vốn được phân bổ cho các nội dung: giải quyết tình trạng thiếu đất ở 180 tỷ đồng; "
        "sắp xếp, ổn định dân cư 300 tỷ đồng."
    )
    assert line(funding, "180").budget_level == "central"


def test_provincial_budget_is_not_central():
    _, _, funding = extract(page("Năm 2023, tỉnh Điện Biên dành ngân sách tỉnh 45 tỷ đồng cho Chương trình."))
    assert line(funding, "45").budget_level == "provincial"


def test_besides_central_funds_the_local_counterpart():
    _, _, funding = extract(
        page("Năm 2023, ngoài vốn ngân sách trung ương, ngân sách địa phương đối ứng 100 tỷ đồng cho tỉnh Điện Biên.")
    )
    assert line(funding, "100").budget_level == "local"


def test_a_running_disbursement_is_disbursed_with_its_date():
    _, _, funding = extract(page("Tỉnh Điện Biên lũy kế giải ngân đến hết tháng 9/2024 đạt 1 nghìn 204 tỷ đồng."))
    row = line(funding, "1 nghìn 204")
    assert (row.budget_phase, row.as_of_date, row.amount_million_vnd) == ("disbursed", "2024-09-30", Decimal(1204000))


def test_increases_and_decreases_in_a_news_item_about_a_resolution():
    _, _, funding = extract(
        page(
            "HĐND tỉnh Điện Biên điều chỉnh tăng 2,35 tỷ đồng cho huyện Tủa Chùa, giảm 610 triệu đồng của "
            "huyện Mường Ảng."
        )
    )
    assert (line(funding, "2,35").budget_phase, line(funding, "610").budget_phase) == ("adjusted", "adjusted")
    assert line(funding, "610").amount_million_vnd == Decimal(-610)


def test_allocated_and_not_yet_allocated():
    _, _, funding = extract(
        page(
            "Năm 2024, tỉnh Điện Biên đã phân bổ chi tiết 458 tỷ đồng vốn đầu tư phát triển; 27 tỷ đồng còn lại "
            "chưa phân bổ."
        )
    )
    assert (line(funding, "458").budget_phase, line(funding, "27").budget_phase) == ("allocated", "planned")


def test_a_breakdown_after_a_semicolon_and_labelled_parts():
    _, _, funding = extract(
        "Năm 2024, Chương trình 1719 tại tỉnh Tuyên Quang được giao 780.000 triệu đồng, trong đó vốn đầu tư: "
        "518.000 triệu đồng; vốn sự nghiệp: 262.000 triệu đồng. Cụ thể, huyện Lâm Bình: 400.000 triệu đồng; "
        "huyện Na Hang: 380.000 triệu đồng.\nDự kiến kế hoạch vốn đầu tư phát triển năm 2025 của Chương trình là "
        "470 tỷ đồng; trong đó: ngân sách trung ương là 410 tỷ đồng, ngân sách tỉnh là 60 tỷ đồng."
    )
    total = line(funding, "780.000").line_code
    assert {line(funding, f).parent_line_code for f in ("518.000", "262.000", "400.000", "380.000")} == {total}
    assert line(funding, "400.000").budget_phase == "allocated"
    assert line(funding, "410").capital_type == "investment"


def test_the_next_item_of_a_list_is_moved_as_the_item_before():
    _, _, funding = extract(
        "Giai đoạn 2021-2025, Chương trình 1719 tại tỉnh Lào Cai: 2.100 tỷ đồng, phân bổ 120 tỷ đồng về các cơ "
        "quan cấp tỉnh và 1.980 tỷ đồng về UBND cấp huyện."
    )
    assert line(funding, "1.980").budget_phase == "allocated"


def test_a_breakdown_after_a_line_of_page_chrome_is_still_the_breakdown():
    _, _, funding = extract(
        "Năm 2023, UBND tỉnh Bắc Kạn phân bổ kinh phí sự nghiệp thực hiện Chương trình 1719 với tổng số tiền là "
        "90.500 triệu đồng.\nBlock_ViewData\nTrong đó, nguồn năm 2022 là 12.500 triệu đồng, nguồn năm 2023 là "
        "78.000 triệu đồng."
    )
    part = line(funding, "12.500")
    assert (part.parent_line_code, part.budget_phase, part.capital_type) == (
        line(funding, "90.500").line_code,
        "allocated",
        "recurrent",
    )


def test_a_list_of_project_amounts_after_a_colon_breaks_down_the_reduction():
    _, _, funding = extract(
        "Năm 2024, tỉnh Thanh Hóa điều chỉnh vốn sự nghiệp Chương trình 1719, điều chỉnh giảm: 50.000,00 triệu đồng. "
        "Trong đó, điều chỉnh giảm:\n"
        "Dự án 1 (Giải quyết tình trạng thiếu đất ở, nhà ở): 20.000,00 triệu đồng.\n"
        "Dựa án 3 (Phát triển sản xuất nông, lâm nghiệp): 30.000,00 triệu đồng.\n"
    )
    parts = [line(funding, f) for f in ("20.000", "30.000")]
    assert [(p.amount_million_vnd, p.project_code, p.budget_phase) for p in parts] == [
        (-20000, "DA1", "adjusted"),
        (-30000, "DA3", "adjusted"),
    ]


def test_money_to_be_allocated_is_planned():
    _, _, funding = extract(
        page(
            "Năm 2023, tỉnh Đắk Lắk sẽ phân bổ hơn 70 tỷ đồng cho các dự án chuyển tiếp của Chương trình 1719. "
            "Số vốn hơn 460 tỷ đồng sẽ được phân bổ sau khi HĐND tỉnh phê duyệt."
        )
    )
    assert {line(funding, f).budget_phase for f in ("70", "460")} == {"planned"}


def test_a_news_item_that_reports_an_allocation_decision():
    _, _, funding = extract(
        page(
            "UBND tỉnh Bắc Giang vừa ban hành Quyết định 742/QĐ-UBND về việc giao kế hoạch vốn đầu tư phát triển thực "
            "hiện các chương trình mục tiêu quốc gia giai đoạn 2021 - 2025 của tỉnh.\n"
            "Theo đó, riêng Chương trình 1719, tổng vốn đầu tư phát triển thực hiện là 975.000 triệu đồng (vốn ngân "
            "sách Trung ương là 775.000 triệu đồng; vốn ngân sách tỉnh là 200.000 triệu đồng)."
        )
    )
    assert {line(funding, f).budget_phase for f in ("975.000", "775.000", "200.000")} == {"allocated"}


def test_not_yet_disbursed_is_never_disbursed():
    _, _, funding = extract(
        page(
            "Năm 2024, tỉnh Điện Biên được giao 800 tỷ đồng; đến hết tháng 6 đã giải ngân 300 tỷ đồng. Số vốn "
            "còn lại chưa giải ngân là 500 tỷ đồng."
        )
    )
    assert line(funding, "500").budget_phase == "allocated"


def test_an_unchanged_line_of_an_adjustment_is_allocated():
    _, _, funding = extract(
        page(
            "Năm 2024, kế hoạch vốn đầu tư phát triển của tỉnh Điện Biên là 709 tỷ đồng, giữ nguyên so với kế "
            "hoạch đã giao."
        )
    )
    assert line(funding, "709").budget_phase == "allocated"


def test_the_whole_countrys_figures_in_a_provincial_item_are_national():
    _, targets, _ = extract(
        page(
            "Ủy ban Dân tộc phê duyệt danh sách 12.900 thôn đặc biệt khó khăn trên địa bàn 40 tỉnh, thành phố. "
            "Tỉnh Kon Tum có 360 thôn đặc biệt khó khăn. Tỷ lệ giải ngân của tỉnh đạt 71%, cao nhất cả nước."
        )
    )
    assert target(targets, "12.900").admin_level == "national"
    assert target(targets, "360").admin_level == "province"
    assert target(targets, "71").admin_level == "province"


def test_a_district_in_brackets_says_where_the_commune_lies():
    _, targets, _ = extract(page("Tại xã Ô Lâm (huyện Tri Tôn, tỉnh An Giang), nơi có 3.000 hộ đồng bào Khmer."))
    row = target(targets, "3.000")
    assert (row.admin_level, row.area_name) == ("commune", "Ô Lâm")


def test_where_people_live_in_several_districts_is_no_one_districts_figure():
    _, targets, _ = extract(
        page("An Giang có hơn 75.000 người Khmer sinh sống, tập trung ở thị xã Tịnh Biên và huyện Tri Tôn.")
    )
    assert target(targets, "75.000").admin_level == "province"


# ---- measure ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "figure", "measure"),
    [
        ("Toàn tỉnh Điện Biên có 47 xã khu vực III.", "47", "baseline"),
        ("Năm 2023, tỉnh Điện Biên đã hỗ trợ nhà ở cho 1.500 hộ.", "1.500", "result"),
        (
            "Năm 2024, tỉnh Điện Biên phấn đấu hỗ trợ nhà ở cho 900 hộ, có thêm 3 xã thoát khỏi diện khó khăn.",
            "3 xã",
            "target",
        ),
        ("Năm 2023, xã Mường Phăng có 64 hộ được hỗ trợ chuyển đổi nghề.", "64", "result"),
        ("Đến cuối năm 2022, tỷ lệ hộ nghèo toàn tỉnh Điện Biên là 27,4%.", "27,4", "baseline"),
        ("Tỷ lệ hộ nghèo của tỉnh Điện Biên hiện còn 21,3%.", "21,3", "baseline"),
    ],
)
def test_measure(sentence, figure, measure):
    _, targets, _ = extract(page(sentence))
    assert target(targets, figure).measure == measure


def test_goals_set_in_one_sentence_go_on_in_the_next():
    _, targets, _ = extract(
        page(
            "Tỉnh Phú Yên đặt ra mục tiêu phấn đấu thu nhập bình quân của người DTTS tăng gấp 2 lần. Tỷ lệ hộ nghèo "
            "mỗi năm giảm 3%. 90% xã có đường ô tô đến trung tâm xã được cứng hóa."
        )
    )
    assert target(targets, "3%").measure == "target"
    assert target(targets, "90%").measure == "target"


def test_contributing_to_a_goal_is_no_goal():
    _, targets, _ = extract(
        page(
            "Qua 3 năm thực hiện, Chương trình 1719 tại tỉnh Kon Tum góp phần vào mục tiêu giảm nghèo bền vững. "
            "Bình quân mỗi năm tỷ lệ hộ nghèo giảm 4,2%."
        )
    )
    assert target(targets, "4,2").measure == "result"


def test_a_part_says_what_its_whole_is():
    _, targets, _ = extract(
        page(
            "Tỉnh Tuyên Quang có 22 dân tộc cùng sinh sống; trong đó đồng bào DTTS là 120.000 người. Trong đó, dân tộc "
            "Tày có 70.500 người; dân tộc Dao 30.100 người."
        )
    )
    assert target(targets, "120.000").measure == "baseline"
    assert target(targets, "30.100").measure == "baseline"


def test_a_news_item_on_a_new_plan_tells_targets():
    _, targets, _ = extract(
        page(
            "UBND tỉnh Quảng Bình vừa ban hành kế hoạch thực hiện Chương trình 1719 năm 2023.\n"
            "Về hạ tầng, các địa phương đầu tư xây dựng 6 công trình nước sinh hoạt tập trung, hoàn thành 12 km "
            "đường giao thông liên xã. Năm 2022, tỉnh đã hỗ trợ nhà ở cho 140 hộ."
        )
    )
    assert target(targets, "6 công trình").measure == "target"
    assert target(targets, "12 km").measure == "target"
    assert target(targets, "140").measure == "result"


def test_reached_according_to_plan_is_no_plan():
    _, targets, _ = extract(
        page(
            "Giai đoạn 2022 - 2023, tỉnh Quảng Nam được phân bổ 2.100 tỷ đồng cho Chương trình 1719. Tính đến "
            "30/11/2023, đã giải ngân 1.200 tỷ đồng, đạt 57% theo kế hoạch.\nToàn tỉnh đã hỗ trợ 300 hộ làm nhà ở."
        )
    )
    assert target(targets, "300").measure == "result"


def test_a_page_dated_years_after_what_it_reports_was_saved_later():
    meta, _, funding = extract(
        "Thứ bảy 10/05/2025 23:12\nThanh Hóa: 150 tỷ đồng cho vùng đồng bào DTTS\n"
        "Chủ tịch UBND tỉnh Thanh Hóa vừa ban hành Quyết định phân bổ vốn sự nghiệp năm 2022 của Chương trình "
        "1719. Theo đó, năm 2022, tỉnh được Trung ương giao trên 150 tỷ đồng.\n"
    )
    assert meta.issued_date is None
    assert line(funding, "150").plan_year == 2022


def test_income_per_head_from_one_year_to_another():
    _, targets, _ = extract(
        page(
            "Qua 3 năm (2021 - 2023) triển khai Chương trình 1719, thu nhập bình quân đầu người vùng miền núi tỉnh "
            "Quảng Nam tăng từ 19 triệu đồng/người (năm 2020) lên 25,1 triệu đồng/người vào năm 2023."
        )
    )
    start, end = target(targets, "19 triệu"), target(targets, "25,1")
    assert (start.measure, start.period_start_year, start.period_end_year) == ("baseline", 2020, 2020)
    assert (end.measure, end.period_start_year) == ("result", 2023)


def test_an_achieved_over_planned_share_is_a_result_and_a_target():
    _, targets, _ = extract(
        page("Năm 2023, tỷ lệ thôn của tỉnh Điện Biên có đường ô tô đến trung tâm được cứng hóa đạt 78,7/70%.")
    )
    assert [(r.target_value, r.measure) for r in targets] == [(Decimal("78.7"), "result"), (Decimal(70), "target")]


def test_a_range_is_its_two_bounds():
    _, targets, _ = extract(page("Năm 2024, tỉnh Điện Biên phấn đấu giảm tỷ lệ hộ nghèo từ 4 - 5%."))
    assert [(r.target_value, r.comparator) for r in targets] == [(4, ">="), (5, "<=")]


def test_a_norm_and_its_parts_are_rates_not_funding():
    _, targets, funding = extract(
        page(
            "Năm 2023, tỉnh Điện Biên hỗ trợ làm nhà ở; mỗi căn nhà được hỗ trợ 60 triệu đồng, trong đó 40 triệu "
            "đồng từ Chương trình và 20 triệu đồng từ Quỹ Vì người nghèo."
        )
    )
    assert not funding
    rates = [(r.target_value, r.unit_raw) for r in targets]
    assert rates == [(60, "triệu đồng/căn"), (40, "triệu đồng/căn"), (20, "triệu đồng/căn")]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "xây dựng 5 công trình nước sinh hoạt tập trung,15km đường giao thông liên xã,17 km đường điện",
            ["5", "15", "17"],
        ),
        ("Toàn tỉnh có 454 thôn, buôn đặc biệt khó khăn và 4 làng, bản truyền thống", ["454", "4"]),
    ],
)
def test_figures_after_a_comma_with_no_space_and_compound_units(text, figures):
    found = figures_in(text, 0)
    assert [f.number_text for f in found] == figures
    assert found[0].unit_raw in ("công trình", "thôn, buôn")


def test_an_anecdote_is_not_a_figure():
    _, targets, funding = extract(
        page(
            "Năm 2023, tỉnh Điện Biên hỗ trợ nhà ở cho 300 hộ. Bà Lò Thị Xuân cho biết, gia đình bà nhận 40 triệu "
            "đồng, mua được 2 tấn xi măng."
        )
    )
    assert [r.target_value for r in targets] == [300] and not funding


def test_income_is_an_indicator_not_funding():
    _, targets, funding = extract(
        page("Năm 2024, thu nhập bình quân đầu người của tỉnh Điện Biên đạt 36,5 triệu đồng.")
    )
    assert not funding and target(targets, "36,5").unit_raw == "triệu đồng"


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2022, tỉnh Thanh Hóa được giao 150 tỷ đồng thực hiện 10 dự án phát triển kinh tế - xã hội vùng DTTS.",
        "Nguồn kinh phí này để thực hiện 10 dự án nhằm giải quyết các vấn đề bức thiết.",
        "Yên Bái có diện tích tự nhiên gần 6.800 km2, là nơi sinh sống của đồng bào dân tộc thiểu số.",
    ],
)
def test_the_programmes_ten_projects_and_a_provinces_area_are_no_targets(text):
    assert not [f for f in figures_in(text, 0) if f.kind != "money"]


def test_counts_of_the_programmes_own_parts_are_not_figures():
    _, targets, _ = extract(page("Năm 2023, tỉnh Điện Biên triển khai 10 dự án thành phần, 12/14 tiểu dự án."))
    assert targets == []


# ---- the vocabulary -----------------------------------------------------------------------------------------------
def test_the_bases_are_the_value_list():
    assert set(value_list("attribute_basis")) == {
        attribution.STATED,
        attribution.PARAGRAPH,
        attribution.PARENT,
        attribution.HEADING,
        attribution.DOCUMENT,
        attribution.UNKNOWN,
    }


def test_a_longer_term_of_another_dimension_does_not_hide_a_shorter_one():
    found = {(t.dimension, t.value) for t in mentions.terms_in("kế hoạch năm 2024")}
    assert {("budget_phase", "planned"), ("measure", "target")} <= found


def test_a_word_of_a_projects_name_says_nothing_of_the_money():
    assert attribution.label_term("Dự án 2: Quy hoạch, sắp xếp, bố trí, ổn định dân cư", "budget_phase") is None
