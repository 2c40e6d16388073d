"""What a figure's surroundings say about it: its clause (the quote), the place it is about, the programme it
belongs to, whether it is a target, a result or a baseline, and the year it is for."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from loaders.figures import Figure
from loaders.reference import Place, gazetteer, level_of, vocabulary
from loaders.textnorm import VN_UPPER as U
from loaders.textnorm import collapse_spaces, name_key

MAX_QUOTE = 220

_SENTENCE_END = re.compile(r"[.!?…](?=\s+[A-ZĐÀ-Ỹ\"“(]|\s*$)")


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: bounded by ';', sentence ends, and the parentheses it sits in."""
    left = 0
    depth = 0
    for i in range(start - 1, -1, -1):
        c = text[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                left = i + 1
                break
            depth -= 1
        elif depth == 0 and (c in ";\n\t" or (c in ".!?…" and _is_sentence_end(text, i))):
            left = i + 1
            break
    right = len(text)
    depth = 0
    for i in range(end, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                right = i
                break
            depth -= 1
        elif depth == 0 and (c in ";\n\t" or (c in ".!?…" and _is_sentence_end(text, i))):
            right = i
            break
    while left < start and text[left] in " :,-–+*":
        left += 1
    while right > end and text[right - 1] in " ,:":
        right -= 1
    return left, right


def _is_sentence_end(text: str, i: int) -> bool:
    if text[i] != ".":
        return True
    nxt = text[i + 1 : i + 3]
    prev = text[i - 1 : i] if i else ""
    if prev.isdigit() and nxt[:1].isdigit():
        return False  # 1.238.075
    return nxt == "" or (nxt[:1] in (" ", "\n") and (len(nxt) < 2 or not nxt[1].islower()))


def quote_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote of readable length containing the figure: its clause, cut at commas when the clause is long."""
    a, b = clause_span(text, start, end)
    if b - a <= MAX_QUOTE:
        return a, b
    # shrink: keep up to ~120 characters before the figure and ~80 after, cutting at a comma or a space
    lo = max(a, start - 120)
    if lo > a:
        comma = text.rfind(", ", a, start - 20)
        lo = comma + 1 if comma >= lo - 40 and comma != -1 else (text.find(" ", lo, start) + 1 or lo)
    hi = min(b, end + 80)
    if hi < b:
        comma = text.find(", ", end, b)
        hi = (
            comma
            if comma != -1 and comma <= hi + 40
            else (text.rfind(" ", end, hi) if text.rfind(" ", end, hi) > end else hi)
        )
    while lo < start and text[lo] == " ":
        lo += 1
    return lo, hi


# ---- places -------------------------------------------------------------------------------------------------------
_PLACE = re.compile(
    r"(?P<plural>\bcác\s+)?\b(?P<type>(?i:huyện|thị xã|thành phố|quận|xã|phường|thị trấn|tp\.))\s+"
    rf"(?P<name>[{U}][\wÀ-ỹ'’-]*(?:\s+[{U}][\wÀ-ỹ'’-]*){{0,3}})"
)


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    start: int
    end: int
    plural: bool
    typed: bool = True  # named with its type ('huyện Sốp Cộp'), not bare ('Sốp Cộp')


_NAME_RUN = re.compile(rf"(?<![\wÀ-ỹ])[{U}][\wÀ-ỹ'’-]*(?:\s+[{U}][\wÀ-ỹ'’-]*){{0,3}}")
_DISTRICT_TALK = re.compile(r"\b(?:huyện|thị\s+xã|các\s+địa\s+phương)\b", re.IGNORECASE)
_OTHER_TYPE_BEFORE = re.compile(
    r"(?:tỉnh|thành\s+phố|tp\.?|xã|phường|thị\s+trấn|thôn|bản|làng|buôn|xóm|ấp|khóm|sóc|đồng\s+bào|dân\s+tộc|"
    r"ông|bà|anh|chị)\s*$",
    re.IGNORECASE,
)


def places_in(text: str, province_code: str, lo: int = 0, hi: int | None = None) -> list[PlaceMention]:
    """Districts and communes of the province named in text[lo:hi]: with their type ('huyện Bắc Sơn', 'xã Sùng
    Phài', 'các huyện ...'), or bare in a text that speaks of districts ('Một số huyện ... như Sốp Cộp đạt 68,4%,
    Quỳnh Nhai đạt 61,7%'; 'huyện Bắc Yên, Mường La')."""
    typed = _typed_places(text, province_code, lo, hi)
    if not _DISTRICT_TALK.search(text):
        return typed
    gaz = gazetteer()
    province_key = name_key(gaz.province(province_code).name) if province_code in gaz.provinces else ""
    found = list(typed)
    for m in _NAME_RUN.finditer(text, lo, len(text) if hi is None else hi):
        if any(p.start <= m.start() < p.end for p in typed) or _OTHER_TYPE_BEFORE.search(text[: m.start()]):
            continue
        words = m.group(0).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            hits = gaz.lookup(name, kind="district", province_code=province_code)
            if hits and name_key(name) != province_key:
                found.append(PlaceMention(hits[0], m.start(), m.start() + len(name), False, typed=False))
                break
    return sorted(found, key=lambda p: p.start)


def _typed_places(text: str, province_code: str, lo: int, hi: int | None) -> list[PlaceMention]:
    gaz = gazetteer()
    found = []
    for m in _PLACE.finditer(text, lo, len(text) if hi is None else hi):
        type_word = m.group("type").lower()
        kind = level_of(type_word)
        words = m.group("name").split()
        for n in range(len(words), 0, -1):
            hits = gaz.lookup(" ".join(words[:n]), kind=kind, province_code=province_code)
            if not hits and kind == "district":
                hits = _fuzzy_district(" ".join(words[:n]), province_code)
            if hits:
                found.append(
                    PlaceMention(
                        hits[0], m.start("type"), m.start("name") + len(" ".join(words[:n])), bool(m.group("plural"))
                    )
                )
                break
    return found


def _fuzzy_district(name: str, province_code: str) -> tuple[Place, ...]:
    """A district name with a typo in its tone marks ('Trảng Định' for 'Tràng Định'), unique in the province."""
    from loaders.textnorm import fold_key

    key = fold_key(name)
    hits = tuple(p for p in gazetteer().districts_of.get(province_code, ()) if fold_key(p.name) == key)
    return hits if len(hits) == 1 else ()


@dataclass(frozen=True)
class Area:
    admin_level: str
    area_name: str | None
    area_code: str | None = None


_LEVEL_CUES = [
    (re.compile(r"\b(?:cấp\s+tỉnh|tại\s+tỉnh|toàn\s+tỉnh)\b", re.I), "province"),
    (re.compile(r"\b(?:cấp\s+huyện|tại\s+huyện|mỗi\s+huyện|các\s+huyện)\b", re.I), "district"),
    (re.compile(r"\b(?:cấp\s+xã|tại\s+cơ\s+sở|mỗi\s+xã|cấp\s+cơ\s+sở)\b", re.I), "commune"),
]


# 'mỗi huyện', 'mỗi xã' anywhere in the clause before the figure: the figure is for each district or commune
_EACH = re.compile(r"\bmỗi\s+(huyện|thị\s+xã|thành\s+phố|quận|xã|phường|thị\s+trấn)\b", re.I)


_LIST_GLUE = re.compile(r"^\s*(?:,|và|;)?\s*$")
# the places are the subject: '... Mường La mới đạt dưới 30%', not where something lies ('ở các huyện A, B với ...')
_PREDICATE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:mới|chỉ|đều|cùng|lần\s+lượt|có\s+tỷ\s+lệ[^,;]{0,30})?\s*(?:đạt|giải\s+ngân|có|là)\b",
    re.IGNORECASE,
)
_LOCATED = re.compile(r"\b(?:ở|tại|thuộc|trên\s+địa\s+bàn)\s+(?:các\s+)?(?:huyện\s+)?$", re.IGNORECASE)


def areas_of(text: str, lead: tuple[int, int], province_code: str) -> list[Area]:
    """Several places named together right before a figure ('huyện Bắc Yên, Mường La mới đạt dưới 30%', 'các
    huyện Hoàng Su Phì, Xín Mần, Bắc Mê đạt dưới 20%'): the figure is stated for each of them."""
    places = places_in(text, province_code, *lead)
    if len(places) < 2 or not _PREDICATE.match(text[places[-1].end : lead[1]]):
        return []
    run = [places[-1]]
    for p in reversed(places[:-1]):
        if not _LIST_GLUE.match(text[p.end : run[0].start]) or p.place.kind != run[0].place.kind:
            break
        run.insert(0, p)
    if len(run) < 2 or _LOCATED.search(text[lead[0] : run[0].start]):
        return []
    return [Area(p.place.kind, p.place.name, p.place.code) for p in run]


def area_of(
    text: str,
    fig: Figure,
    clause: tuple[int, int],
    next_figure_start: int | None,
    province_code: str,
    doc_level: str,
    doc_area: str | None,
) -> Area:
    """The place a figure is about: a place named just before it in its clause ('huyện Bắc Sơn: 01 xã'), or
    right after it before the next figure ('02 dự án tại huyện Chi Lăng'), else the document's own area."""
    a, b = clause
    before = [p for p in places_in(text, province_code, a, fig.start) if not p.plural]
    if before:
        p = before[-1]
        return Area(p.place.kind, p.place.name, p.place.code)
    hi = min(b, next_figure_start) if next_figure_start is not None else b
    after = [p for p in places_in(text, province_code, fig.end, hi) if p.typed]
    if (
        after
        and not after[0].plural
        and not re.search(r"cụ thể|gồm|trong đó|:\s*$|[(]", text[fig.end : after[0].start])
    ):
        return Area(after[0].place.kind, after[0].place.name, after[0].place.code)
    each = list(_EACH.finditer(text, a, fig.start))
    if each:  # 'Mỗi huyện, thị xã, thành phố xây dựng tối thiểu 01 mô hình': a figure for each unit
        return Area(level_of(each[-1].group(1)), None)
    lo = max(a, fig.start - 40)
    window = text[lo : min(b, fig.end + 25)]
    for pattern, level in _LEVEL_CUES:
        for m in pattern.finditer(window):
            if fig.kind == "percent" and lo + m.start() >= fig.end:
                continue  # '65% đơn vị cấp xã đạt chuẩn': a share of the area's communes, not a commune's target
            if level == "province":
                return Area("province", None) if doc_level == "province" else Area(doc_level, doc_area)
            return Area(level, None)
    return Area(doc_level, doc_area)


# ---- programme ----------------------------------------------------------------------------------------------------
_PROGRAM_CUES = [
    (
        re.compile(
            r"(?:3|ba|03)\s+chương\s+trình(?:\s+mục\s+tiêu\s+quốc\s+gia)?|(?:3|ba|03)\s+CTMTQG|các\s+chương\s+trình"
            r"\s+mục\s+tiêu\s+quốc\s+gia\s+(?:trên\s+địa\s+bàn|của\s+tỉnh|năm)",
            re.I,
        ),
        "MULTI",
    ),
    (re.compile(r"chương\s+trình(?:\s+mục\s+tiêu\s+quốc\s+gia)?\s+(?:xây\s+dựng\s+)?nông\s+thôn\s+mới", re.I), "NTM"),
    (re.compile(r"chương\s+trình(?:\s+mục\s+tiêu\s+quốc\s+gia)?\s+giảm\s+nghèo\s+bền\s+vững", re.I), "GNBV"),
    (
        re.compile(
            r"chương\s+trình\s+1719|vùng\s+đồng\s+bào\s+dân\s+tộc\s+thiểu\s+số\s+và\s+miền\s+núi\s*\(chương"
            r"|chương\s+trình(?:\s+mục\s+tiêu\s+quốc\s+gia)?\s+phát\s+triển\s+kinh\s+tế\s*-?\s*xã\s+hội\s+vùng"
            r"\s+đồng\s+bào",
            re.I,
        ),
        "DTTS",
    ),
]


@functools.lru_cache(maxsize=4096)
def program_cues(text: str) -> tuple[tuple[int, str], ...]:
    found = []
    for pattern, code in _PROGRAM_CUES:
        found.extend((m.start(), code) for m in pattern.finditer(text))
    return tuple(sorted(found))


def program_of(text: str, fig: Figure, clause: tuple[int, int], carried: str) -> str:
    """The programme a figure belongs to: the last programme named before it in its sentence, else one named
    after it in its clause, else the programme carried from earlier sentences (the document's by default)."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, fig.start)), default=0)
    cues = program_cues(text)
    before = [code for pos, code in cues if sentence_start <= pos < fig.start]
    if before:
        return before[-1]
    after = [code for pos, code in cues if fig.end <= pos < clause[1]]
    if after:
        return after[0]
    earlier = [code for pos, code in cues if pos < sentence_start]
    return earlier[-1] if earlier else carried


# ---- measure and year ---------------------------------------------------------------------------------------------
_BASELINE_SECTION = re.compile(r"khái quát|đặc điểm|thực trạng|tình hình chung|hiện trạng", re.I)
_TARGET_SECTION = re.compile(r"nhiệm vụ|kế hoạch|mục tiêu|chỉ tiêu|phương hướng|dự kiến", re.I)
_RESULT_SECTION = re.compile(r"kết quả|tình hình thực hiện|đánh giá", re.I)
_TARGET_CUES = re.compile(r"phấn đấu|mục tiêu|chỉ tiêu|dự kiến|kế hoạch năm|sẽ\b|đề ra|giao\b", re.I)
_RESULT_CUES = re.compile(r"\bđã\b|đến nay|hoàn thành|lũy kế|luỹ kế|ước\b|thực hiện được|đạt\b|còn\b|giải ngân", re.I)
_BASELINE_CUES = re.compile(r"\bgồm\b|toàn vùng có|dân số|đầu năm|hiện có|hiện nay|có\s+\d", re.I)
_YEAR_MENTION = re.compile(r"\bnăm\s+(20\d{2})\b", re.I)


def measure_of(
    text: str,
    fig: Figure,
    clause: tuple[int, int],
    section_title: str,
    doc_kind: str,
    row_year: int | None,
    doc_year: int | None,
) -> str:
    if doc_kind not in ("progress_report", "news"):
        return "target"
    if row_year and doc_year and row_year > doc_year:
        return "target"
    window = text[clause[0] : fig.start]
    if _TARGET_CUES.search(window) and not re.search(r"vượt\s+chỉ\s+tiêu", window, re.I):
        return "target"
    if _BASELINE_SECTION.search(section_title) or _BASELINE_CUES.search(window[-60:]):
        return "baseline"
    if _TARGET_SECTION.search(section_title) and not _RESULT_SECTION.search(section_title):
        return "target"
    return "result"


def year_of(text: str, fig: Figure, clause: tuple[int, int], section_title: str, doc_year: int | None) -> int | None:
    """Figures about a later year inside a report ('Nhiệm vụ trọng tâm năm 2024') carry that year."""
    if doc_year is None:
        return None
    for source in (text[clause[0] : fig.start], section_title):
        years = [int(y) for y in _YEAR_MENTION.findall(source)]
        later = [y for y in years if y > doc_year]
        if later and not re.search(r"(?:đến|trước)\s+(?:ngày|năm)", source[-40:]):
            return later[-1]
    return doc_year


# ---- programme tree named in the sentence ------------------------------------------------------------------------
def unit_code_of(unit_raw: str | None) -> str | None:
    if unit_raw is None:
        return None
    return vocabulary().unit_variants.get(unit_raw.lower())


def indicator_of(text: str, fig: Figure, clause: tuple[int, int]) -> str:
    """A short name for what is counted: the words before the figure in its clause, or the unit and the words
    after it when the clause starts with the figure ('07 công trình nước sinh hoạt tập trung')."""
    a, b = clause
    left = text[a : fig.start]
    left = re.sub(r"^.*?\b(?:chỉ tiêu cụ thể|mục tiêu|cụ thể)\s*:\s*", "", left, flags=re.I)
    left = re.sub(
        r"\s*(?:cho|đạt|là|với|gồm|có|khoảng|gần|trên|dưới|hơn|tối thiểu|ít nhất|từ|lên|còn|xuống|"
        r"tăng|giảm|mức|:|,|\(|-)+\s*$",
        "",
        left,
        flags=re.I,
    )
    right = text[fig.end : b]
    right = re.split(r"[,;(]|\s(?:và|với|tại|cho|để|nhằm|theo)\s", right, maxsplit=1)[0]
    left = collapse_spaces(left)
    right = collapse_spaces(right)
    unit = fig.unit_raw or ""
    if len(left.split()) >= 2:
        name = f"{left} ({unit} {right})".replace(" )", ")") if right and len(right) < 60 else left
    else:
        name = collapse_spaces(f"{left} {unit} {right}")
    return name[:200]
