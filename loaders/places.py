"""Places a figure is about: the districts and communes of the document's province named with their type
('huyện Bắc Sơn', 'xã Sùng Phài') or bare in a text about districts ('như Sốp Cộp đạt 68,4%'), the level a figure
is stated at ('cấp huyện', 'mỗi xã'), and a figure stated for several places at once."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders import segment
from loaders.figures import Figure
from loaders.reference import Place, gazetteer, level_of
from loaders.textnorm import VN_UPPER as U
from loaders.textnorm import fold_key, name_key

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
    key = fold_key(name)
    hits = tuple(p for p in gazetteer().districts_of.get(province_code, ()) if fold_key(p.name) == key)
    return hits if len(hits) == 1 else ()


@dataclass(frozen=True)
class Area:
    admin_level: str
    area_name: str | None
    area_code: str | None = None


# the country as a whole, not a ranking against it ('cao nhất cả nước', 'đứng thứ 3 cả nước')
_NATIONAL = re.compile(
    r"\b(?:(?<!nhất\s)(?<!thứ\s\d\s)cả\s+nước\s+(?:có|đã|hiện\s+có)|(?:trên\s+)?(?:phạm\s+vi\s+)?toàn\s+quốc\s+(?:có|đã)"
    r"|trên\s+địa\s+bàn\s+\d{2}\s+tỉnh)\b",
    re.IGNORECASE,
)
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


_ANOTHER_PLACE = re.compile(r"\s*(?:và|,)\s*(?:huyện|thị\s+xã|thành\s+phố|quận)\s", re.IGNORECASE)


def _where_it_lies(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """Places but those named in brackets right after another place ('xã Ô Lâm (huyện Tri Tôn)': where it lies)."""
    out = []
    for p in places:
        opening = text[: p.start].rstrip()
        if opening.endswith("(") and any(
            q.end <= len(opening) - 1 and not text[q.end : len(opening) - 1].strip() for q in out
        ):
            continue
        out.append(p)
    return out


def area_of(
    text: str,
    fig: Figure,
    clause: tuple[int, int],
    next_figure_start: int | None,
    province_code: str,
    doc_level: str,
    doc_area: str | None,
) -> Area:
    """The place a figure is about: the whole country when its sentence speaks of it ('cả nước có 13.222 thôn',
    '... trên địa bàn 41 tỉnh'); a place named just before it in its clause ('huyện Bắc Sơn: 01 xã'), or right
    after it before the next figure ('02 dự án tại huyện Chi Lăng'), else the document's own area."""
    a, b = clause
    sentence = segment.sentence_of(text, fig.start)
    if _NATIONAL.search(text, sentence[0], sentence[1]):
        return Area("national", None)
    before = _where_it_lies(text, [p for p in places_in(text, province_code, a, fig.start) if not p.plural])
    if before:
        p = before[-1]
        return Area(p.place.kind, p.place.name, p.place.code)
    hi = min(b, next_figure_start) if next_figure_start is not None else b
    after = [p for p in places_in(text, province_code, fig.end, hi) if p.typed]
    if (
        after
        and not after[0].plural
        and not re.search(r"cụ thể|gồm|trong đó|:\s*$|[(]", text[fig.end : after[0].start])
        and not _ANOTHER_PLACE.match(text, after[0].end)  # 'ở thị xã Tịnh Biên và huyện Tri Tôn': several
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
