"""Indicator phrases of the genre: what each project's targets look like in prose, with units, plausible
ranges, comparators and several wordings per indicator. `{q}` stands for the quantity with its unit
('640 hộ', 'trên 85%', 'từ 3% trở lên', '26.900 ha'); pairs use `{a}` and `{b}`."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from benchmarks.numbers import vn_number

GLUED_UNITS = ("%", "%/năm")
COMPARATOR_WORDS = {
    ">": ("trên {}", "trên {}", "hơn {}"),
    ">=": ("ít nhất {}", "tối thiểu {}", "từ {} trở lên"),
    "~": ("khoảng {}", "gần {}", "khoảng {}"),
    "<": ("dưới {}",),
    "<=": ("không quá {}", "tối đa {}"),
    "=": ("{}",),
}


def number_text(value: Decimal, places: int, pad2: bool) -> str:
    return vn_number(value, places, pad2=pad2 and places == 0 and value < 10)


def quantity(
    rng: random.Random, value: Decimal, unit: str, comparator: str = "=", places: int = 0, pad2: bool = False
) -> str:
    """'640 hộ', '07 công trình', 'trên 85%', 'từ 3% trở lên', '3,0%/năm'."""
    num = number_text(value, places, pad2)
    core = f"{num}{unit}" if unit in GLUED_UNITS else f"{num} {unit}"
    return rng.choice(COMPARATOR_WORDS[comparator]).format(core)


@dataclass(frozen=True)
class Ind:
    """One indicator: key label, units, range for a large province, wordings with {q}."""

    key: str
    project: str
    sub: str
    content: str
    label: str
    units: tuple[str, ...]
    lo: float
    hi: float
    forms: tuple[str, ...]
    comparators: tuple[str, ...] = ("=",)
    places: tuple[int, ...] = (0,)
    split: bool = False  # may be broken down by district / commune
    scaled: bool = True  # counts scale with the province; rates do not


@dataclass(frozen=True)
class Pair:
    """Two figures in one phrase ('mở {a} xóa mù chữ cho {b}'), with their own quotes."""

    key: str
    project: str
    sub: str
    content: str
    label_a: str
    units_a: tuple[str, ...]
    lo: float
    hi: float
    label_b: str
    units_b: tuple[str, ...]
    ratio: tuple[float, float]
    forms: tuple[tuple[str, str, str], ...]  # (phrase, quote of a, quote of b)


def _i(
    key: str,
    code: str,
    label: str,
    units: str,
    lo: float,
    hi: float,
    *forms: str,
    cmp: str = "=",
    places: str = "0",
    split: bool = False,
    scaled: bool = True,
) -> Ind:
    project, _, rest = code.partition(".")
    sub = f"{project}.{rest.split('.')[0]}" if rest else ""
    content = rest.split(".")[1] if rest.count(".") else ""
    return Ind(
        key,
        project,
        sub,
        content,
        label,
        tuple(units.split("|")),
        lo,
        hi,
        forms,
        tuple(cmp.split("|")),
        tuple(int(p) for p in places.split("|")),
        split,
        scaled,
    )


INDICATORS: tuple[Ind, ...] = (
    # Dự án 1
    _i(
        "land",
        "DA1",
        "hỗ trợ đất ở",
        "hộ",
        10,
        320,
        "hỗ trợ đất ở cho {q}",
        "thực hiện hỗ trợ đất ở cho {q}",
        "hỗ trợ đất ở: {q}",
        split=True,
    ),
    _i(
        "house",
        "DA1",
        "hỗ trợ nhà ở",
        "hộ",
        80,
        2600,
        "hỗ trợ nhà ở cho {q}",
        "hỗ trợ xây mới, sửa chữa nhà ở cho {q}",
        "hỗ trợ nhà ở {q}",
        "hỗ trợ {q} làm nhà ở",
        "hỗ trợ nhà ở: {q}",
        cmp="=|>|~",
        split=True,
    ),
    _i(
        "prodland",
        "DA1",
        "hỗ trợ đất sản xuất",
        "hộ",
        10,
        450,
        "hỗ trợ đất sản xuất cho {q}",
        "hỗ trợ trực tiếp đất sản xuất cho {q}",
    ),
    _i(
        "jobs",
        "DA1",
        "hỗ trợ chuyển đổi nghề",
        "hộ",
        100,
        3200,
        "hỗ trợ chuyển đổi nghề cho {q}",
        "hỗ trợ chuyển đổi nghề {q}",
        "hỗ trợ {q} chuyển đổi nghề",
        cmp="=|>",
        split=True,
    ),
    _i(
        "water_dist",
        "DA1",
        "hỗ trợ nước sinh hoạt phân tán",
        "hộ|hộ gia đình",
        300,
        8000,
        "hỗ trợ nước sinh hoạt phân tán cho {q}",
        "hỗ trợ nước sinh hoạt phân tán {q}",
        "hỗ trợ {q} về nước sinh hoạt phân tán",
        "hỗ trợ nước sinh hoạt phân tán: {q}",
        cmp="=|~",
        split=True,
    ),
    _i(
        "water_central",
        "DA1",
        "đầu tư công trình nước sinh hoạt tập trung",
        "công trình",
        2,
        40,
        "đầu tư {q} nước sinh hoạt tập trung",
        "đầu tư xây dựng {q} nước sinh hoạt tập trung",
        "xây dựng {q} cấp nước sinh hoạt tập trung",
        "đầu tư xây dựng mới {q} nước sinh hoạt tập trung",
    ),
    # Dự án 2
    _i(
        "resettle_hh",
        "DA2",
        "hộ được bố trí, sắp xếp ổn định dân cư",
        "hộ",
        30,
        650,
        "bố trí, sắp xếp ổn định dân cư cho {q}",
        "bố trí ổn định dân cư tập trung cho {q}",
        "sắp xếp, ổn định dân cư tại chỗ cho {q}",
        "bố trí {q} ổn định dân cư xen ghép",
    ),
    # Dự án 3
    _i(
        "forest_protect",
        "DA3.TDA1",
        "khoán bảo vệ rừng",
        "ha",
        2000,
        90000,
        "khoán bảo vệ rừng {q}",
        "hỗ trợ khoán bảo vệ rừng: {q}",
        "khoán bảo vệ rừng đối với rừng đặc dụng, rừng phòng hộ: {q}",
        places="0|0|1|2",
    ),
    _i(
        "forest_natural",
        "DA3.TDA1",
        "hỗ trợ bảo vệ rừng tự nhiên đã giao cho cộng đồng, hộ gia đình",
        "ha",
        1000,
        75000,
        "hỗ trợ bảo vệ rừng tự nhiên đã giao cho cộng đồng, hộ gia đình: {q}",
        "hỗ trợ bảo vệ rừng quy hoạch rừng phòng hộ và rừng sản xuất là rừng tự nhiên đã giao: {q}",
        places="0|0|1",
    ),
    _i(
        "forest_plant",
        "DA3.TDA1",
        "hỗ trợ trồng rừng sản xuất",
        "ha",
        50,
        6000,
        "hỗ trợ trồng rừng sản xuất {q}",
        "hỗ trợ trồng rừng sản xuất và phát triển lâm sản ngoài gỗ: {q}",
        "hỗ trợ trồng rừng sản xuất, khai thác kinh tế dưới tán rừng: {q}",
        places="0|0|1",
    ),
    _i(
        "forest_regen",
        "DA3.TDA1",
        "hỗ trợ khoanh nuôi tái sinh có trồng rừng bổ sung",
        "ha",
        40,
        1500,
        "hỗ trợ khoanh nuôi có rừng trồng bổ sung: {q}",
        "khoanh nuôi tái sinh có trồng bổ sung {q}",
    ),
    _i(
        "forest_protective",
        "DA3.TDA1",
        "hỗ trợ trồng rừng phòng hộ",
        "ha",
        20,
        900,
        "hỗ trợ trồng rừng phòng hộ: {q}",
        "hỗ trợ trồng rừng phòng hộ {q}",
    ),
    _i(
        "rice",
        "DA3.TDA1",
        "trợ cấp cho hộ nghèo tham gia trồng rừng",
        "hộ",
        50,
        3000,
        "trợ cấp gạo cho {q} nghèo tham gia trồng rừng",
        "trợ cấp trồng rừng cho hộ nghèo tham gia trồng rừng: {q}",
    ),
    _i(
        "chain",
        "DA3.TDA2.ND1",
        "dự án liên kết theo chuỗi giá trị",
        "dự án|dự án, mô hình",
        3,
        60,
        "hỗ trợ {q} liên kết theo chuỗi giá trị",
        "hỗ trợ thực hiện {q} phát triển sản xuất theo chuỗi giá trị",
        "triển khai {q} liên kết sản xuất, tiêu thụ sản phẩm",
    ),
    _i(
        "herbs",
        "DA3.TDA2.ND2",
        "diện tích vùng trồng dược liệu quý được hỗ trợ",
        "ha",
        10,
        350,
        "hỗ trợ phát triển vùng trồng dược liệu quý với diện tích {q}",
        "phát triển vùng trồng dược liệu quý {q}",
        places="0|1",
    ),
    _i(
        "startup",
        "DA3.TDA2.ND3",
        "mô hình khởi nghiệp, khởi sự kinh doanh",
        "mô hình",
        1,
        15,
        "hỗ trợ {q} khởi nghiệp, khởi sự kinh doanh",
        "xây dựng {q} khởi nghiệp của thanh niên dân tộc thiểu số",
    ),
    _i(
        "fair",
        "DA3.TDA2.ND3",
        "hội chợ giới thiệu sản phẩm vùng đồng bào DTTS&MN",
        "hội chợ",
        1,
        4,
        "tổ chức {q} giới thiệu, tiêu thụ sản phẩm vùng đồng bào DTTS&MN",
        "tham gia {q} xúc tiến thương mại",
        scaled=False,
    ),
    # Dự án 4
    _i(
        "roads_km",
        "DA4.TDA1.ND1",
        "cứng hóa đường giao thông (đường đến trung tâm xã, liên xã, nông thôn)",
        "km",
        5,
        120,
        "đầu tư cứng hóa {q} đường đến trung tâm xã, đường liên xã",
        "cứng hóa {q} đường giao thông nông thôn",
        places="0|1|1",
    ),
    _i(
        "maintain",
        "DA4.TDA1.ND1",
        "duy tu, bảo dưỡng công trình",
        "công trình",
        5,
        140,
        "duy tu, bảo dưỡng {q}",
        "duy tu, bảo dưỡng {q} đã đầu tư",
        "thực hiện duy tu, bảo dưỡng {q}",
    ),
    _i(
        "health_station",
        "DA4.TDA1.ND1",
        "trạm y tế xã được nâng cấp, cải tạo",
        "trạm",
        2,
        30,
        "nâng cấp, cải tạo, mua sắm trang thiết bị cho {q} y tế xã",
        "cải tạo, sửa chữa {q} y tế xã",
    ),
    _i(
        "market_new",
        "DA4.TDA1.ND2",
        "xây mới chợ vùng đồng bào DTTS&MN",
        "chợ",
        1,
        5,
        "xây mới {q}",
        "đầu tư xây dựng mới {q} vùng đồng bào DTTS&MN",
        scaled=False,
    ),
    _i(
        "market_fix",
        "DA4.TDA1.ND2",
        "cải tạo, nâng cấp chợ vùng đồng bào DTTS&MN",
        "chợ",
        1,
        6,
        "cải tạo, sửa chữa, nâng cấp {q}",
        "cải tạo, nâng cấp {q} vùng đồng bào DTTS&MN",
        scaled=False,
    ),
    _i(
        "ethnic_unit",
        "DA4.TDA2",
        "đơn vị sự nghiệp công lập lĩnh vực dân tộc được đầu tư cơ sở vật chất",
        "đơn vị",
        1,
        3,
        "đầu tư cơ sở vật chất cho {q} sự nghiệp công lập của lĩnh vực công tác dân tộc",
        scaled=False,
    ),
    # Dự án 5
    _i(
        "boarding",
        "DA5.TDA1",
        "trường PTDTBT được đầu tư cơ sở vật chất",
        "trường",
        1,
        25,
        "đầu tư cơ sở vật chất cho {q} PTDTBT",
        "nâng cấp, cải tạo {q} phổ thông dân tộc bán trú",
    ),
    _i(
        "rooms",
        "DA5.TDA1",
        "phòng học được xây dựng, cải tạo",
        "phòng",
        10,
        220,
        "xây dựng, cải tạo {q} học",
        "bổ sung cơ sở vật chất {q} học thông thường và bộ môn",
    ),
    _i(
        "kitchens",
        "DA5.TDA1",
        "nhà bếp, nhà ăn được xây dựng, cải tạo",
        "nhà",
        5,
        60,
        "xây dựng, cải tạo {q} bếp, nhà ăn cho học sinh bán trú",
    ),
    _i(
        "ethnic_training",
        "DA5.TDA2.ND1",
        "cán bộ, công chức, viên chức được bồi dưỡng kiến thức dân tộc",
        "cán bộ, công chức, viên chức|người|lượt người",
        100,
        2400,
        "bồi dưỡng kiến thức dân tộc cho {q}",
        "tổ chức bồi dưỡng kiến thức dân tộc cho {q}",
        cmp="=|>",
    ),
    _i(
        "preuni",
        "DA5.TDA2.ND2",
        "đào tạo dự bị đại học, đại học và sau đại học cho người DTTS",
        "học sinh, sinh viên|người|đối tượng",
        10,
        150,
        "đào tạo dự bị đại học, đại học và sau đại học cho {q}",
        "cử tuyển, đào tạo dự bị đại học cho {q}",
    ),
    _i(
        "abroad",
        "DA5.TDA3",
        "hỗ trợ người lao động đi làm việc có thời hạn ở nước ngoài",
        "người",
        20,
        600,
        "hỗ trợ {q} lao động đi làm việc có thời hạn ở nước ngoài theo hợp đồng",
        "hỗ trợ {q} lao động đi làm việc ở nước ngoài",
    ),
    _i(
        "capacity",
        "DA5.TDA4",
        "đào tạo, tập huấn, bồi dưỡng cán bộ triển khai Chương trình",
        "cán bộ|lượt cán bộ|lượt người",
        200,
        3000,
        "đào tạo, tập huấn, bồi dưỡng kiến thức, kỹ năng cho {q}",
        "tập huấn nâng cao năng lực cho {q}",
        "tập huấn, bồi dưỡng cho {q} các cấp",
        cmp="=|>|>=",
    ),
    # Dự án 6
    _i(
        "facilities",
        "DA6",
        "thiết chế văn hóa, thể thao tại thôn",
        "thiết chế",
        3,
        60,
        "hỗ trợ đầu tư xây dựng {q} văn hóa, thể thao tại các thôn",
        "xây dựng {q} văn hóa, thể thao thôn, bản",
    ),
    _i(
        "troupes",
        "DA6",
        "đội văn nghệ truyền thống được hỗ trợ",
        "đội",
        5,
        150,
        "hỗ trợ hoạt động cho {q} văn nghệ truyền thống",
        "hỗ trợ {q} văn nghệ truyền thống tại các thôn",
    ),
    _i(
        "halls",
        "DA6",
        "nhà văn hóa thôn được hỗ trợ trang thiết bị",
        "nhà",
        3,
        80,
        "hỗ trợ trang thiết bị cho {q} văn hóa tại các thôn",
        "hỗ trợ trang thiết bị {q} văn hóa thôn",
    ),
    _i(
        "artisans",
        "DA6",
        "nghệ nhân người DTTS được hỗ trợ",
        "nghệ nhân",
        2,
        30,
        "hỗ trợ {q} nhân dân, nghệ nhân ưu tú người DTTS",
        "hỗ trợ {q} trong việc truyền dạy văn hóa truyền thống",
    ),
    _i(
        "tourism",
        "DA6",
        "điểm du lịch tiêu biểu được hỗ trợ đầu tư",
        "điểm",
        1,
        4,
        "hỗ trợ đầu tư {q} du lịch tiêu biểu của các DTTS",
        scaled=False,
    ),
    _i(
        "festival",
        "DA6",
        "lễ hội truyền thống được bảo tồn, phục dựng",
        "lễ hội",
        1,
        6,
        "bảo tồn, phục dựng {q} truyền thống",
        scaled=False,
    ),
    # Dự án 7
    _i(
        "prenatal",
        "DA7",
        "tỷ lệ phụ nữ có thai được khám thai định kỳ",
        "%",
        78,
        95,
        "{q} phụ nữ có thai được khám thai định kỳ",
        "tỷ lệ phụ nữ có thai được khám thai định kỳ đạt {q}",
        cmp="=|>",
        places="0|1",
        scaled=False,
    ),
    _i(
        "stunting",
        "DA7",
        "tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi",
        "%",
        16,
        31,
        "giảm tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi xuống {q}",
        "tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi còn {q}",
        cmp="<|=|<|<=",
        places="0|1",
        scaled=False,
    ),
    _i(
        "vaccine",
        "DA7",
        "tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ",
        "%",
        88,
        98,
        "tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt {q}",
        cmp="=|>",
        places="0|1",
        scaled=False,
    ),
    _i(
        "midwives",
        "DA7",
        "cô đỡ thôn bản được hỗ trợ phụ cấp",
        "người",
        10,
        300,
        "hỗ trợ phụ cấp cho {q} là cô đỡ thôn bản",
    ),
    # Dự án 8
    _i(
        "comm_teams",
        "DA8",
        "tổ truyền thông cộng đồng",
        "tổ",
        10,
        520,
        "thành lập và duy trì {q} truyền thông cộng đồng",
        "duy trì hoạt động {q} truyền thông cộng đồng",
        "tổ truyền thông cộng đồng ({q})",
    ),
    _i(
        "clubs",
        "DA8",
        "câu lạc bộ Thủ lĩnh của sự thay đổi",
        "câu lạc bộ",
        5,
        120,
        "thành lập {q} “Thủ lĩnh của sự thay đổi”",
        "Câu lạc bộ thủ lĩnh của sự thay đổi ({q})",
        "duy trì {q} thủ lĩnh của sự thay đổi tại các trường trung học cơ sở",
    ),
    _i(
        "trust",
        "DA8",
        "mô hình địa chỉ tin cậy cộng đồng",
        "mô hình",
        2,
        60,
        "mô hình địa chỉ tin cậy cộng đồng ({q})",
        "xây dựng {q} địa chỉ tin cậy cộng đồng",
    ),
    _i(
        "dialogues",
        "DA8",
        "cuộc đối thoại chính sách",
        "cuộc",
        5,
        200,
        "tổ chức {q} đối thoại chính sách ở cấp xã",
        "tổ chức {q} đối thoại chính sách với phụ nữ, trẻ em",
    ),
    _i(
        "women_classes",
        "DA8",
        "lớp tập huấn nâng cao năng lực cho cán bộ nữ DTTS",
        "lớp",
        2,
        20,
        "tổ chức {q} tập huấn nâng cao năng lực cho cán bộ nữ DTTS",
        scaled=False,
    ),
    # Dự án 9
    _i(
        "small_groups",
        "DA9.TDA1",
        "hộ dân tộc còn nhiều khó khăn được hỗ trợ phát triển sinh kế",
        "hộ",
        20,
        450,
        "hỗ trợ {q} đồng bào dân tộc {group} phát triển sinh kế",
        "hỗ trợ sinh kế (giống cây trồng, vật nuôi) cho {q} dân tộc {group}",
    ),
    _i(
        "child_marriage_conf",
        "DA9.TDA2",
        "hội nghị về giảm thiểu tảo hôn và hôn nhân cận huyết thống",
        "hội nghị",
        3,
        120,
        "tổ chức {q} tuyên truyền về giảm thiểu tảo hôn và hôn nhân cận huyết thống",
        "tổ chức {q} về phòng, chống tảo hôn",
    ),
    _i(
        "child_marriage_models",
        "DA9.TDA2",
        "mô hình can thiệp giảm thiểu tảo hôn",
        "mô hình",
        2,
        40,
        "duy trì {q} can thiệp giảm thiểu tảo hôn và hôn nhân cận huyết thống",
    ),
    _i(
        "child_marriage_pct",
        "DA9.TDA2",
        "tỷ lệ cán bộ được tập huấn về giảm thiểu tảo hôn",
        "%",
        85,
        95,
        "{q} cán bộ làm công tác dân tộc các cấp được tập huấn, trang bị kỹ năng vận động",
        cmp=">",
        scaled=False,
    ),
    # Dự án 10
    _i(
        "honour",
        "DA10.TDA1.ND1",
        "hội nghị biểu dương, tôn vinh điển hình tiên tiến, người có uy tín",
        "hội nghị",
        1,
        14,
        "tổ chức {q} biểu dương, tôn vinh điển hình tiên tiến",
        "tổ chức {q} biểu dương người có uy tín tiêu biểu",
        scaled=False,
    ),
    _i(
        "prestige_pct",
        "DA10.TDA1.ND1",
        "tỷ lệ người có uy tín được tập huấn, cung cấp thông tin",
        "%",
        100,
        100,
        "{q} người có uy tín được tập huấn, bồi dưỡng kiến thức",
        "{q} người có uy tín được cấp báo, tạp chí",
        scaled=False,
    ),
    _i(
        "leaflets",
        "DA10.TDA1.ND2",
        "tờ gấp pháp luật",
        "tờ gấp",
        2,
        12,
        "biên soạn, phát hành {q} pháp luật",
        "in, cấp phát {q} tuyên truyền pháp luật",
        scaled=False,
    ),
    _i(
        "videos",
        "DA10.TDA1.ND2",
        "video clip tuyên truyền, phổ biến pháp luật",
        "video clip",
        1,
        8,
        "sản xuất {q} tuyên truyền, phổ biến pháp luật",
        scaled=False,
    ),
    _i(
        "legal_aid",
        "DA10.TDA1.ND3",
        "xã được truyền thông, trợ giúp pháp lý trực tiếp",
        "xã",
        4,
        40,
        "truyền thông về trợ giúp pháp lý trực tiếp tại {q} điểm",
        "tổ chức trợ giúp pháp lý lưu động tại {q}",
    ),
    _i(
        "ict_points",
        "DA10.TDA2",
        "điểm hỗ trợ đồng bào DTTS ứng dụng công nghệ thông tin",
        "điểm",
        2,
        40,
        "thiết lập {q} hỗ trợ đồng bào DTTS ứng dụng công nghệ thông tin tại UBND cấp xã",
    ),
    _i(
        "inspections",
        "DA10.TDA3",
        "đợt kiểm tra, giám sát việc thực hiện Chương trình",
        "đợt|cuộc",
        2,
        12,
        "tổ chức {q} kiểm tra, giám sát việc thực hiện Chương trình",
        "thực hiện {q} giám sát, đánh giá",
        scaled=False,
    ),
)

PAIRS: tuple[Pair, ...] = (
    Pair(
        "resettle",
        "DA2",
        "",
        "",
        "dự án bố trí ổn định dân cư tập trung",
        ("dự án",),
        1,
        8,
        "hộ được bố trí ổn định dân cư tập trung",
        ("hộ",),
        (25, 90),
        (
            (
                "thực hiện {a} bố trí ổn định dân cư tập trung cho {b}",
                "thực hiện {a} bố trí ổn định dân cư",
                "cho {b}",
            ),
            ("tiếp tục đầu tư {a} sắp xếp, ổn định dân cư với {b}", "tiếp tục đầu tư {a}", "với {b}"),
        ),
    ),
    Pair(
        "literacy",
        "DA5",
        "DA5.TDA1",
        "",
        "lớp xóa mù chữ",
        ("lớp",),
        2,
        40,
        "học viên xóa mù chữ",
        ("học viên",),
        (20, 30),
        (
            ("mở {a} xóa mù chữ cho {b}", "mở {a} xóa mù chữ", "cho {b}"),
            ("tổ chức {a} xóa mù chữ với {b} tham gia", "tổ chức {a} xóa mù chữ", "với {b}"),
        ),
    ),
    Pair(
        "vocational",
        "DA5",
        "DA5.TDA3",
        "",
        "lớp đào tạo nghề",
        ("lớp",),
        4,
        60,
        "lao động được đào tạo nghề",
        ("lao động", "người"),
        (20, 35),
        (
            ("mở {a} đào tạo nghề cho {b}", "mở {a} đào tạo nghề", "cho {b}"),
            ("hỗ trợ đào tạo nghề cho {b} ({a})", "({a})", "hỗ trợ đào tạo nghề cho {b}"),
        ),
    ),
    Pair(
        "community_prod",
        "DA3",
        "DA3.TDA2",
        "ND1",
        "dự án phát triển sản xuất cộng đồng",
        ("dự án",),
        4,
        90,
        "hộ tham gia dự án phát triển sản xuất cộng đồng",
        ("hộ",),
        (12, 45),
        (
            (
                "hỗ trợ {a} phát triển sản xuất cộng đồng với {b} tham gia",
                "hỗ trợ {a} phát triển sản xuất cộng đồng",
                "với {b} tham gia",
            ),
        ),
    ),
    Pair(
        "legal_conf",
        "DA10",
        "DA10.TDA1",
        "ND2",
        "hội nghị phổ biến, giáo dục pháp luật",
        ("hội nghị",),
        4,
        40,
        "lượt người tham dự hội nghị phổ biến pháp luật",
        ("lượt người",),
        (60, 140),
        (
            (
                "tổ chức {a} phổ biến, giáo dục pháp luật với {b} tham dự",
                "tổ chức {a} phổ biến, giáo dục pháp luật",
                "với {b} tham dự",
            ),
        ),
    ),
)

# Objective sentences: context prose per project (no keyed figures; some carry traps of the genre).
OBJECTIVES: dict[str, tuple[str, ...]] = {
    "DA1": (
        "hỗ trợ đất ở, nhà ở, đất sản xuất, chuyển đổi nghề, nước sinh hoạt cho hộ dân tộc thiểu số nghèo; "
        "hộ "
        "nghèo dân tộc Kinh sinh sống ở xã, thôn đặc biệt khó khăn thiếu trên 50% đất sản xuất theo định mức "
        "quy định",
        "giải quyết cơ bản tình trạng thiếu đất ở, nhà ở, nước sinh hoạt của hộ nghèo, ưu tiên hộ nghèo có "
        "chủ hộ là nữ và là lao động duy nhất",
    ),
    "DA2": (
        "bố trí ổn định dân cư theo hình thức tái định cư tập trung, xen ghép hoặc ổn định tại chỗ, hạn chế "
        "tới mức thấp nhất thiệt hại do thiên tai gây ra",
    ),
    "DA3": (
        "phát triển kinh tế nông, lâm nghiệp bền vững gắn với bảo vệ rừng, tạo việc làm, tăng thu nhập từ "
        "nghề rừng cho người dân",
        "khai thác tiềm năng, lợi thế theo hướng chuyển đổi cơ cấu cây trồng, vật nuôi; ưu tiên sản phẩm đạt "
        "chuẩn OCOP 3 sao trở lên",
    ),
    "DA4": (
        "tăng cường cơ sở hạ tầng thiết yếu phục vụ sản xuất và dân sinh ở các xã, thôn đặc biệt khó khăn; "
        "công trình nước sạch bảo đảm Quy chuẩn QCVN 01-1:2018/BYT",
    ),
    "DA5": (
        "củng cố và phát triển hợp lý hệ thống các trường PTDTNT, PTDTBT; nâng cao chất lượng nguồn nhân lực "
        "vùng đồng bào DTTS&MN",
    ),
    "DA6": (
        "khôi phục, bảo tồn, phát huy giá trị văn hóa truyền thống của các dân tộc gắn với phát triển du "
        "lịch cộng đồng",
    ),
    "DA7": (
        "chăm sóc dinh dưỡng trong 1.000 ngày đầu đời cho bà mẹ, trẻ nhỏ; nâng cao tầm vóc, thể lực người "
        "dân tộc thiểu số",
        "bảo đảm người dân vùng đồng bào DTTS&MN được tiếp cận dịch vụ y tế; phụ nữ từ 15 đến 49 tuổi được "
        "tư vấn chăm sóc sức khỏe sinh sản",
    ),
    "DA8": (
        "nâng cao nhận thức, thay đổi định kiến giới, giải quyết những vấn đề cấp thiết của phụ nữ và trẻ em "
        "vùng đồng bào DTTS&MN",
    ),
    "DA9": (
        "hỗ trợ phát triển sản xuất, sinh kế cho các dân tộc còn gặp nhiều khó khăn; giảm thiểu tình trạng "
        "tảo hôn và hôn nhân cận huyết thống",
    ),
    "DA10": (
        "nâng cao hiệu quả công tác tuyên truyền, vận động; phát huy vai trò của người có uy tín; kiểm tra, "
        "giám sát, đánh giá việc tổ chức thực hiện Chương trình",
    ),
}


def indicators_for(project: str, sub: str = "", content: str = "") -> list[Ind]:
    return [i for i in INDICATORS if i.project == project and i.sub == sub and i.content == content]


def pairs_for(project: str, sub: str = "", content: str = "") -> list[Pair]:
    return [p for p in PAIRS if p.project == project and p.sub == sub and p.content == content]
