"""Figures in a line of Vietnamese prose: every number with its unit, scale word, comparator, fraction and sign,
and the non-figures (dates, years, document numbers, section numbers, standard codes, names containing numbers,
footnote digits) recognised and dropped."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from loaders.reference import vocabulary
from loaders.textnorm import VN_LOWER as L
from loaders.textnorm import VN_UPPER as U
from loaders.vnnum import (
    COMPOUND,
    MONEY_SCALES,
    NUMBER,
    decimals_printed,
    half_unit_in_million,
    parse_compound_money,
    parse_number,
)

LETTER = r"A-Za-zÀ-ỹĐđ"
# a number not glued to a word, another number or a date ('tập trung,15 km': a comma after a word is a list's)
_NOT_GLUED_AFTER = r"(?![\d]|[.,]\d)"
TOKEN_RE = re.compile(
    rf"(?<![{LETTER}\d.,/])(?:{NUMBER}){_NOT_GLUED_AFTER}|(?<=[{LETTER}],)(?:{NUMBER}){_NOT_GLUED_AFTER}"
)


@dataclass(frozen=True)
class Figure:
    start: int  # span of the figure as written (number through unit) in the text
    end: int
    number_start: int
    number_text: str
    value: Decimal  # quantity in its unit; money in million VND (unsigned; see sign)
    kind: str  # money | money_rate | percent | quantity | bare
    unit_raw: str | None  # as written, lower-case: "hộ", "%", "triệu đồng/người/năm"
    scale_word: str | None  # money: "tỷ", "triệu", "đồng", "nghìn tỷ"
    precision: Decimal  # half of the last printed digit, in the value's unit
    denominator: Decimal | None  # 174/181 xã -> 181
    comparator: str  # = >= > <= < ~
    qualifier: str | None  # the word behind the comparator (trên, gần, khoảng, tối thiểu ...)
    sign: int  # -1 for a reduction (giảm ..., a '-' cell), else 1

    @property
    def signed_value(self) -> Decimal:
        return self.value * self.sign

    @property
    def text(self) -> str:
        return ""


# ---- what is never a figure -------------------------------------------------------------------------------------
_EXCLUDED_SPANS = [
    # document numbers: 1719/QĐ-TTg, 16/2021/NQ-HĐND, 06-NQ/TU, 48/BDT-KHTH, 59/KH-UBND
    re.compile(r"\b\d{1,5}(?:/\d{2,4})?/[A-ZĐ][A-ZĐa-zđ]*(?:[-/.][A-ZĐa-zđ&0-9]+)*"),
    re.compile(r"\b\d{1,5}-[A-ZĐ]{2,}(?:/[A-ZĐ]+)*"),
    # standard and regulation codes: QCVN 01-1:2018/BYT, TCVN 10380:2014
    re.compile(r"\b(?:QCVN|TCVN|TCXDVN|ISO|QCXDVN)\s*[\dA-Z.:/\-]+"),
    # dates and times: 14/10/2021, 20/3, 5/2023, ngày 08 tháng 3 năm 2023, quý I/2024, 08:45
    re.compile(r"\bngày\s+\d{1,2}(?:\s*(?:tháng|/)\s*\d{1,2})?(?:\s*(?:năm|/)\s*\d{2,4})?", re.IGNORECASE),
    re.compile(r"\btháng\s+\d{1,2}(?:\s*(?:năm|/)\s*\d{4})?", re.IGNORECASE),
    re.compile(r"\bquý\s+[IV1-4]+\s*/\s*\d{4}", re.IGNORECASE),
    re.compile(r"\b\d{1,2}:\d{2}\b"),
    # year ranges, also with a footnote digit glued to the second year: 2021 - 2025, 2022 - 20252
    re.compile(r"\b(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2,3}\b"),
    # phone numbers: 0216 3852 417, 0912.345.678
    re.compile(r"\b0\d{2,3}[ .]\d{3,4}[ .]\d{3,4}\b"),
]
_DATE_TOKEN = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?:/\d{2,4})?$|^(?:0?[1-9]|1[0-2])/\d{4}$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")

# a number right after one of these words is an ordinal or part of a name ('Dự án 3', 'lần thứ 3', 'số 2')
_NAME_PRECEDERS = [
    "tiểu dự án",
    "tiêu dự án",
    "dự án",
    "nội dung số",
    "nội dung",
    "số",
    "thứ",
    "điều",
    "khoản",
    "điểm",
    "khóa",
    "khoá",
    "giai đoạn",
    "nhóm",
    "mức độ",
    "quốc lộ",
    "tỉnh lộ",
    "huyện lộ",
    "đường tỉnh",
    "đường huyện",
    "bản",
    "làng",
    "thôn",
    "xóm",
    "buôn",
    "ấp",
    "tổ dân phố",
    "tổ",
    "khu",
    "phụ lục",
    "mẫu",
    "lần",
    "kỳ họp",
    "kỳ",
    "quý",
    "đợt",
    "nghị định",
    "thông tư",
    "quyết định",
    "nghị quyết",
    "kế hoạch",
    "công văn",
    "tờ trình",
    "báo cáo",
    "chỉ thị",
    "văn bản",
    "chương trình",
    "mã",
    "mã số",
    "ubnd",
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "tiêu chí",
    "biểu",
    "bảng",
    "cấp độ",
    "hạng",
    "loại",
    "tuyến",
    "km",
    "năm",
    "đến năm",
    "từ năm",
    "học kỳ",
    "lớp",
    "khối",
    "tầng",
    "ocop",
    "covid",
    "trường",
    "phường",
    "đội",
    "sư đoàn",
    "trung đoàn",
    "chương",
    "mục",
    "phần",
    "tập",
    "trang",
    "dòng",
    "cột",
    "hàng",
    "bước",
    "vòng",
    "lô",
    "khoảnh",
    "tiểu khu",
    "ô",
]
_PRECEDER_RE = re.compile(
    r"(?:^|[^"
    + LETTER
    + r"])(?:"
    + "|".join(re.escape(w) for w in sorted(_NAME_PRECEDERS, key=len, reverse=True))
    + r")\s*(?:[:.]\s*)?$",
    re.IGNORECASE,
)

# ---- comparators -------------------------------------------------------------------------------------------------
_COMPARATORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:không\s+dưới|không\s+ít\s+hơn|tối\s+thiểu(?:\s+là)?|ít\s+nhất(?:\s+là)?)\s*$", re.I), ">="),
    (re.compile(r"(?:không\s+quá|không\s+vượt\s+quá|tối\s+đa(?:\s+là)?)\s*$", re.I), "<="),
    (re.compile(r"(?:trên\s+dưới|khoảng|gần|xấp\s+xỉ|chừng|ước(?:\s+đạt|\s+tính)?)\s*$", re.I), "~"),
    (re.compile(r"(?:trên|hơn|vượt)\s*$", re.I), ">"),
    (re.compile(r"dưới\s*$", re.I), "<"),
]
_SKIPPABLE_BEFORE = re.compile(r"(?:\s*(?:đạt|là|lên|xuống|còn|ở\s+mức|mức|có|được|cho|với))+\s*$", re.I)
_FROM_UP = re.compile(r"\btừ\s*$", re.I)
_UP_AFTER = re.compile(r"^\s*trở\s+lên", re.I)
_DOWN_AFTER = re.compile(r"^\s*trở\s+xuống", re.I)
_ESTIMATE_NEAR = re.compile(r"\bước\b[^,;.]{0,20}$", re.I)

# ---- money and units ---------------------------------------------------------------------------------------------
_SCALES = "|".join(re.escape(s) for s in sorted((s for s in MONEY_SCALES if s != "đồng"), key=len, reverse=True))
_MONEY_AFTER = re.compile(
    rf"^\s*(?P<scale>{_SCALES})?\s*(?P<dong>đồng|đ(?![{LETTER}])|VNĐ|VND)(?![{LETTER}])", re.IGNORECASE
)
_BILLION_AFTER = re.compile(rf"^\s*(?P<scale>nghìn tỷ|ngàn tỷ|tỷ|tỉ)(?![{LETTER}])", re.IGNORECASE)
_TRD_AFTER = re.compile(rf"^\s*(?P<scale>trđ|tr\.đ)(?![{LETTER}])", re.IGNORECASE)
_RATE_AFTER = re.compile(rf"\s*/\s*[{LETTER}]+(?:\s*/\s*[{LETTER}]+){{0,2}}")
_MILLION_AFTER = re.compile(rf"^\s*(?P<scale>triệu)(?![{LETTER}])", re.IGNORECASE)
_MONEY_CONTEXT = re.compile(r"vốn|kinh phí|ngân sách|bố trí|giải ngân|phân bổ|dự toán|nguồn|tổng mức|được giao", re.I)
_COUNT_SCALE = re.compile(r"^\s*(nghìn|ngàn|vạn)\s+", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"^\s*(?P<unit>%(?:\s*/\s*năm)?|phần\s+trăm)", re.IGNORECASE)
_REDUCTION_BEFORE = re.compile(r"\bgiảm\s*(?:[:\-–]\s*)?$", re.IGNORECASE)


@cache
def _unit_re() -> re.Pattern[str]:
    variants = sorted(vocabulary().unit_variants, key=len, reverse=True)
    alternatives = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in variants if v not in ("%", "%/năm"))
    # a footnote digit may be glued to the unit ('15 xã1'); 'người dân tộc thiểu số' is 'người', not 'người dân'
    return re.compile(rf"^\s*(?P<unit>{alternatives})(?=$|[^{LETTER}]|\d)(?<!người dân(?=\s+tộc))", re.IGNORECASE)


def _excluded_mask(text: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in _EXCLUDED_SPANS:
        spans.extend(m.span() for m in pattern.finditer(text))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_COMPARATOR_WORDS = (
    "trên",
    "hơn",
    "dưới",
    "khoảng",
    "gần",
    "xấp",
    "chừng",
    "ước",
    "tối",
    "ít nhất",
    "không",
    "vượt",
    "từ",
)


def _comparator(before: str, after: str) -> tuple[str, str | None]:
    before = before[-48:]  # qualifiers sit right before the figure
    low = before.lower()
    if not any(word in low for word in _COMPARATOR_WORDS):
        return "=", None
    if _UP_AFTER.match(after) and _FROM_UP.search(before):
        return ">=", "từ ... trở lên"
    if _DOWN_AFTER.match(after) and _FROM_UP.search(before):
        return "<=", "từ ... trở xuống"
    stripped = before
    for _ in range(2):
        for pattern, comp in _COMPARATORS:
            m = pattern.search(stripped)
            if m:
                return comp, m.group(0).strip()
        m = _SKIPPABLE_BEFORE.search(stripped)
        if not m or m.start() == len(stripped):
            break
        stripped = stripped[: m.start()]
    if _ESTIMATE_NEAR.search(before):
        return "~", "ước"
    return "=", None


_STRUCTURE_UNITS = {"dự án": 10, "tiểu dự án": 14, "nội dung": 40, "dự án thành phần": 10, "chương trình": 3}
_STRUCTURE_AFTER = re.compile(
    r"^\s*(?:thành\s+phần|:|gồm|bao\s+gồm|như|với|và|,|của\s+(?:chương\s+trình|tỉnh)|theo\s+chương\s+trình|"
    r"thuộc\s+chương\s+trình|phát\s+triển\s+(?:vùng|kinh\s+tế)|nhằm|trong\s+chương\s+trình|\(|\.|$)",
    re.IGNORECASE,
)


def _is_programme_structure(text: str, fig: Figure) -> bool:
    """A count of the programme's own parts ('triển khai 10 dự án thành phần', '12/14 tiểu dự án', 'thực hiện 7 dự
    án: ...'), which describes the programme, not what it achieves."""
    limit = _STRUCTURE_UNITS.get((fig.unit_raw or "").lower())
    if limit is None or fig.value > limit or fig.kind != "quantity":
        return False
    if fig.denominator is not None and fig.denominator <= limit:
        return True
    if fig.value == limit and fig.unit_raw != "nội dung":  # 'thực hiện 10 dự án ...': all of the programme's
        return True
    after = text[fig.end : fig.end + 40]
    if fig.unit_raw == "nội dung":  # '02 nội dung: kỹ thuật ...' is what a leaflet covers
        return bool(re.match(r"^\s*thành\s+phần", after, re.IGNORECASE))
    return bool(_STRUCTURE_AFTER.match(after))


_CRITERION_BEFORE = re.compile(r"\b(?:thiếu|dưới mức|không có hoặc thiếu)\s+(?:trên\s+|dưới\s+|từ\s+)?$", re.I)
_PLACE_TYPE_BEFORE = re.compile(r"\b(?:huyện|xã|thị xã|thành phố|quận|phường|thị trấn|tỉnh)\s+$", re.IGNORECASE)


# a place named after its type, the number right after it a count for that place: 'huyện Sông Mã 2 xã', 'xã Quỳnh
# Trang: 196 hộ', 'huyện Đắk R'Lấp 2 hộ' (the name's last word may look like 'mã', 'trang', 'kỳ', 'bảng')
_NAME_WORD = rf"[{U}][{LETTER}'’]*"
_NAMED_PLACE_BEFORE = re.compile(
    rf"(?:^|[^{LETTER}])(?i:huyện|xã|thị xã|thành phố|quận|phường|thị trấn|tỉnh)\s+(?:{_NAME_WORD}\s+){{0,3}}"
    rf"{_NAME_WORD}\s*:?\s*$"
)

# an ethnic group named after 'dân tộc' or 'đồng bào', the number right after it its count: 'dân tộc Dao 30.100 người'
_NAMED_GROUP_BEFORE = re.compile(
    rf"(?:^|[^{LETTER}])(?i:dân tộc|đồng bào)\s+(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}\s*:?\s*$"
)


def _is_name_number(text: str, start: int, token: str, with_unit: bool) -> bool:
    """A number that is part of a name: after 'số', 'Dự án', 'lần thứ', or after a capitalised name that is not a
    district or commune ('bản Mảm 2' is a name; 'huyện Bình Gia 01 xã' is a count for that district). Ordinals
    have no decimal comma, and a quarter ('quý') is 1 to 4 with no unit: 'dược liệu quý 04 ha' is precious herbs."""
    before = text[max(0, start - 60) : start]
    if _NAMED_PLACE_BEFORE.search(before) or _NAMED_GROUP_BEFORE.search(before):
        return False
    preceder = _PRECEDER_RE.search(before[-30:])
    if preceder and re.search(r"\b(?:tổng|với)\s+số\s*$", before, re.IGNORECASE):
        return False  # 'tổng số 664 công trình': a count
    if preceder:
        if "," in token:  # a decimal comma: a measure, never an ordinal ('mục 2.1' keeps its dot)
            return False
        is_quarter = preceder.group(0).strip(" :.").lower().endswith("quý")
        return not is_quarter or (not with_unit and token.isdigit() and 1 <= int(token) <= 4)
    # a capitalised word run, starting a word ('DTTS&MN 3,1%' is no name)
    run = re.search(rf"(?<![{LETTER}&])((?:[{U}][{L}]*\s+){{1,4}})$", before)
    if run:
        preceding = before[: run.start()].rstrip()
        sentence_start = preceding == "" or preceding.endswith((".", ":", ";", "!", "?", "\t", "(", "-", "+", "*"))
        if sentence_start and len(run.group(1).split()) == 1:
            return False
        if _PLACE_TYPE_BEFORE.search(before[: run.start()]):
            return False
        return text[start : start + 1] != "0"  # '01 xã' after a name is still a count
    return False


@functools.lru_cache(maxsize=4096)
def scan(text: str, offset: int = 0) -> tuple[Figure, ...]:
    """Every figure in `text[offset:]`, in order (cached: targets and funding read the same lines)."""
    return tuple(with_norms(text, [f for f in _scan(text, offset) if not is_anecdote(text, f)]))


def figures_in(text: str, offset: int = 0) -> tuple[Figure, ...]:
    """The figures a fact can be made of: every figure but bare numbers with no unit."""
    return tuple(f for f in scan(text, offset) if f.kind != "bare")


# a support norm: an amount for each household, house or person ('Mỗi hộ làm nhà mới được hỗ trợ 52 triệu đồng')
_EACH_UNIT = re.compile(r"\bmỗi\s+(căn\s+nhà|căn|hộ|nhà|người|khẩu|ha|học\s+sinh|lao\s+động)\b", re.IGNORECASE)
_NORM_UNIT = {"căn nhà": "căn", "học sinh": "học sinh", "lao động": "lao động"}
_PARTS_OPENER = re.compile(r"\b(?:trong\s+đó|gồm|bao\s+gồm)\b", re.IGNORECASE)


def with_norms(text: str, figures: list[Figure]) -> list[Figure]:
    """Money stated for each household, house or person is a norm (a rate: 'triệu đồng/hộ'), and so are its parts
    ('44 triệu đồng/hộ, trong đó 40 triệu đồng từ ngân sách trung ương và 4 triệu đồng ...'): none of them is money
    of a funding line."""
    out: list[Figure] = []
    rate: Figure | None = None  # the norm whose parts may follow in its sentence
    for fig in figures:
        sentence = _sentence_start(text, fig.start)
        if rate is not None and (_sentence_start(text, rate.start) != sentence or ";" in text[rate.end : fig.start]):
            rate = None
        if fig.kind == "money" and fig.scale_word == "triệu":
            each = [m for m in _EACH_UNIT.finditer(text, sentence, fig.start)]
            if each and ";" not in text[each[-1].end() : fig.start]:
                noun = " ".join(each[-1].group(1).lower().split())
                fig = _as_rate(fig, f"triệu đồng/{_NORM_UNIT.get(noun, noun)}")
            elif rate is not None and _PARTS_OPENER.search(text, rate.end, fig.start):
                fig = _as_rate(fig, rate.unit_raw or "")
        if fig.kind == "money_rate" and fig.unit_raw and fig.unit_raw.count("/") == 1 and rate is None:
            rate = fig
        out.append(fig)
    return out


def _as_rate(fig: Figure, unit: str) -> Figure:
    return replace(
        fig, kind="money_rate", value=parse_number(fig.number_text), unit_raw=unit, precision=_half(fig.number_text)
    )


def _sentence_start(text: str, pos: int) -> int:
    ends = [m.end() for m in re.finditer(r"[.!?;](?=\s+[A-ZĐÀ-Ỹ\"“(])", text[:pos])]
    return ends[-1] if ends else 0


# figures of an anecdote: what one family received, earned or keeps ('gia đình bà nhận 10 triệu đồng', direct speech
# in the first person), the size of one house, the distance to somewhere ('cách trung tâm xã hơn 20 km')
_FAMILY = re.compile(rf"\b(?i:gia\s+đình\s+(?:tôi|mình|em|bà|ông|anh|chị|cô|chú))\b(?!\s+[{U}])")
_FIRST_PERSON = re.compile(r"\b(?:tôi|chúng\s+tôi|mình|nhà\s+tôi)\b", re.IGNORECASE)
# the setting, not the programme: how far ('cách trung tâm huyện 40 km'), how wide, a province's natural area
_SETTING = re.compile(
    r"\bcách\b[^,;.]{0,40}$|\brộng\s+(?:gần|khoảng|hơn)?\s*$|\bdiện\s+tích\s+tự\s+nhiên\b[^,;.]{0,20}$", re.IGNORECASE
)
_QUOTE = re.compile(r"[\"“]([^\"”]{10,600})[\"”]")


def is_anecdote(text: str, fig: Figure) -> bool:
    sentence = _sentence_start(text, fig.start)
    if _FAMILY.search(text, sentence, fig.start):
        return True
    if _SETTING.search(text[max(sentence, fig.start - 60) : fig.start]):
        return True
    return any(q.start() < fig.start < q.end() and _FIRST_PERSON.search(q.group(1)) for q in _QUOTE.finditer(text))


PLANNED_PART = "kế hoạch"  # the qualifier of the planned value of an 'achieved/planned%' pair
_PERCENT_PAIR = re.compile(rf"(?P<a>{NUMBER})\s*/\s*(?P<cmp>[<>]=?|[≤≥])?\s*(?P<b>{NUMBER})\s*%")
_PAIR_COMPARATOR = {None: "=", "<": "<", ">": ">", "<=": "<=", "≤": "<=", ">=": ">=", "≥": ">="}


def achieved_part(text: str, fig: Figure) -> bool:
    """The first figure of an 'achieved/planned%' pair ('5,12/5%'): the share achieved, a result."""
    m = _PERCENT_PAIR.match(text, fig.start)
    return bool(m) and m.end("a") == fig.end


def _percent_pair(text: str, start: int) -> tuple[Figure, Figure] | None:
    """'đạt 78,70/70%': the share achieved and the share planned, two figures (a plain fraction is '174/181 xã');
    the planned share may carry its comparator ('24,56/<24,7%': below 24.7 % was the goal)."""
    m = _PERCENT_PAIR.match(text, start)
    if not m:
        return None
    a, b = m.group("a"), m.group("b")
    b_start = m.start("b")
    first = Figure(start, m.end("a"), start, a, parse_number(a), "percent", "%", None, _half(a), None, "=", None, 1)
    comparator = _PAIR_COMPARATOR[m.group("cmp")]
    second = Figure(
        b_start, m.end(), b_start, b, parse_number(b), "percent", "%", None, _half(b), None, comparator, PLANNED_PART, 1
    )
    return first, second


_RANGE_TO = re.compile(rf"\s*[-–]\s*(?P<b>{NUMBER})(?![\d/])")


def _range(text: str, token: str, start: int, end: int) -> tuple[Figure, Figure] | None:
    """'giảm bình quân 3 - 4%/năm', 'từ 4 - 5%': a range is two figures in the unit written after the second,
    the lower bound '>=', the upper '<='."""
    m = _RANGE_TO.match(text, end)
    if not m or _YEAR.match(token):
        return None
    b_start = m.start("b")
    upper = _classify(
        text, m.group("b"), b_start, m.end(), text[max(0, b_start - 160) : b_start], text[m.end() : m.end() + 160]
    )
    if upper is None or upper.kind not in ("percent", "quantity") or parse_number(token) >= upper.value:
        return None
    lower = Figure(
        start,
        end,
        start,
        token,
        parse_number(token),
        upper.kind,
        upper.unit_raw,
        None,
        _half(token),
        None,
        ">=",
        "từ",
        1,
    )
    return lower, replace(upper, comparator="<=", qualifier="đến")


def _scan(text: str, offset: int) -> list[Figure]:
    figures: list[Figure] = []
    excluded = _excluded_mask(text)
    consumed_until = -1
    for m in TOKEN_RE.finditer(text, offset):
        start, end = m.span()
        if start < consumed_until or _inside(start, excluded):
            continue
        pair = _percent_pair(text, start)
        if pair and _DATE_TOKEN.match(f"{pair[0].number_text}/{pair[1].number_text}"):
            pair = None
        pair = pair or _range(text, m.group(0), start, end)
        if pair:
            figures.extend(pair)
            consumed_until = pair[1].end
            continue
        token = m.group(0)
        before, after = text[max(0, start - 160) : start], text[end : end + 160]
        fig = _compound_money(text, start) or _classify(text, token, start, end, before, after)
        if fig is None:
            continue
        if fig.kind != "money" and _CRITERION_BEFORE.search(before):
            continue  # an eligibility criterion ('hộ ... thiếu trên 50% đất sản xuất'), not a target
        if _is_programme_structure(text, fig):
            continue
        bare = fig.kind == "bare"
        if fig.kind != "money" and (_is_name_number(text, start, token, not bare) or (_YEAR.match(token) and bare)):
            continue
        if fig.kind == "money" and re.search(r"(?:số|thứ|điều|khoản)\s*$", before, re.IGNORECASE):
            continue  # 'Quyết định số 318 ...' never carries money
        if fig.kind != "money" or fig.comparator == "=":
            comp, qual = _comparator(before, text[fig.end : fig.end + 160])
            if (comp, qual) != (fig.comparator, fig.qualifier):
                fig = replace(fig, comparator=comp, qualifier=qual)
        figures.append(fig)
        consumed_until = fig.end
    return figures


_COMPOUND_AT = re.compile(rf"(?:{COMPOUND})\s*(?:đồng)?", re.IGNORECASE)


def _compound_money(text: str, start: int) -> Figure | None:
    m = _COMPOUND_AT.match(text, start)
    if not m:
        return None
    value = parse_compound_money(m.group(0))
    if value is None:
        return None
    before = text[max(0, start - 160) : start]
    comp, qual = _comparator(before, text[m.end() : m.end() + 160])
    sign = -1 if _REDUCTION_BEFORE.search(before) else 1
    return Figure(
        start, m.end(), start, m.group(0), value, "money", "triệu đồng", "triệu", Decimal("0.5"), None, comp, qual, sign
    )


@dataclass(frozen=True)
class _Token:
    """A number as written and what surrounds it: the piece of text it is read in."""

    text: str
    token: str
    start: int
    end: int
    before: str
    after: str

    def figure(
        self,
        end: int,
        value: Decimal,
        kind: str,
        unit: str | None,
        *,
        scale: str | None = None,
        precision: Decimal | None = None,
        denominator: Decimal | None = None,
        comparator: tuple[str, str | None] | None = None,
        sign: int = 1,
    ) -> Figure:
        comp, qualifier = comparator or _comparator(self.before, self.after)
        return Figure(
            self.start,
            end,
            self.start,
            self.token,
            value,
            kind,
            unit,
            scale,
            precision if precision is not None else _half(self.token),
            denominator,
            comp,
            qualifier,
            sign,
        )


def _classify(text: str, token: str, start: int, end: int, before: str, after: str) -> Figure | None:
    """What a number is, read from the words right after it: a fraction ('174/181 xã'), money ('12,5 tỷ đồng',
    a norm '40 triệu đồng/hộ'), a share ('47%'), a count ('14,9 nghìn hộ', '320 hộ'), else a bare number. None for
    a piece of a date or of a number not read."""
    t = _Token(text, token, start, end, before, after)
    if re.match(r"^\s*/\s*\d", after):
        return _fraction(t)
    if re.match(r"^/\d", after) or (before.endswith("/") and not before.endswith(" /")):
        return None  # part of a date or a number we do not read
    money = _money(t)
    if money is not None:
        return money
    pm = _PERCENT_AFTER.match(after)
    if pm:
        unit = _unit_text(pm.group("unit"))
        return t.figure(end + pm.end(), parse_number(token), "percent", "%" if unit == "phần trăm" else unit)
    if _DATE_TOKEN.match(token):
        return None
    return _count(t)


def _fraction(t: _Token) -> Figure | None:
    """'174/181 xã': a count and what it is out of."""
    dm = re.match(rf"^\s*/\s*(?P<den>{NUMBER})", t.after)
    assert dm is not None
    rest = t.after[dm.end() :]
    um = _unit_re().match(rest)
    if not um:
        return None
    return t.figure(
        t.end + dm.end() + um.end(),
        parse_number(t.token),
        "quantity",
        _unit_text(um.group("unit")),
        denominator=parse_number(dm.group("den")),
        comparator=_comparator(t.before, rest[um.end() :]),
    )


def _money(t: _Token) -> Figure | None:
    """An amount of money in its scale ('1 nghìn 204 tỷ', '570.354 triệu đồng', '1.520.000 triệu' in a sentence
    about money), or a norm: money for each unit of something ('40 triệu đồng/hộ')."""
    mm = _MONEY_AFTER.match(t.after) or _BILLION_AFTER.match(t.after) or _TRD_AFTER.match(t.after)
    if mm is None:
        bare = _MILLION_AFTER.match(t.after)
        if bare and not _unit_re().match(t.after[bare.end() :]) and _MONEY_CONTEXT.search(t.before[-80:]):
            mm = bare
    if mm is None:
        return None
    scale = (mm.group("scale") or "").lower() or "đồng"
    scale = {"tỉ": "tỷ", "tr.đ": "triệu", "trđ": "triệu"}.get(scale, scale)
    fig_end = t.end + mm.end()
    rate = _RATE_AFTER.match(t.text, fig_end)
    if rate:
        unit = _unit_text(t.text[t.start + len(t.token) : rate.end()])
        return t.figure(rate.end(), parse_number(t.token), "money_rate", unit, scale=scale)
    return t.figure(
        fig_end,
        parse_number(t.token) * MONEY_SCALES[scale],
        "money",
        "triệu đồng",
        scale=scale,
        precision=half_unit_in_million(t.token, scale),
        sign=-1 if _REDUCTION_BEFORE.search(t.before) else 1,
    )


def _count(t: _Token) -> Figure:
    """A count in its unit, scaled by a word ('14,9 nghìn hộ', 'hơn 484 nghìn người'), or a bare number."""
    scaled = _COUNT_SCALE.match(t.after)
    if scaled and _unit_re().match(t.after[scaled.end() :]):
        factor = Decimal(10_000) if scaled.group(1).lower() == "vạn" else Decimal(1_000)
        um = _unit_re().match(t.after[scaled.end() :])
        assert um is not None
        return t.figure(
            t.end + scaled.end() + um.end(),
            parse_number(t.token) * factor,
            "quantity",
            _unit_text(um.group("unit")),
            precision=_half(t.token) * factor,
        )
    um = _unit_re().match(t.after)
    if um:
        return t.figure(t.end + um.end(), parse_number(t.token), "quantity", _unit_text(um.group("unit")))
    return t.figure(t.end, parse_number(t.token), "bare", None)


def _money_ahead(after: str) -> bool:
    return bool(re.match(rf"^\s*[-–]\s*(?:{NUMBER})\s*(?:{_SCALES})?\s*đồng", after, re.IGNORECASE))


def _unit_text(raw: str) -> str:
    return re.sub(r"\s+", " ", raw.strip().lower()).replace(" /", "/").replace("/ ", "/")


def _half(token: str) -> Decimal:
    return Decimal(1).scaleb(-decimals_printed(token)) / 2
