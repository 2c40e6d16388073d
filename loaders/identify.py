"""Document metadata read from the text: province (directly or through district and commune names), level and
area, plan year, number, issue date, kind and title. Where the text cannot say, identification fails with a
reason a person can act on; nothing is guessed silently. A sidecar manifest may supply or override fields."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders.read import TextUnit
from loaders.reference import Place, gazetteer, level_of
from loaders.textnorm import VN_UPPER as U
from loaders.textnorm import collapse_spaces, name_key

DOC_KINDS = ("plan", "allocation_decision", "adjustment", "progress_report", "news")
HEAD_UNITS = 60  # the header block, title and opening paragraphs of a document


@dataclass(frozen=True)
class DocumentMeta:
    province_code: str
    admin_level: str  # national | province | district | commune
    area_name: str | None
    plan_year: int | None
    doc_number: str | None
    issued_date: str | None  # ISO yyyy-mm-dd
    doc_kind: str
    title: str
    evidence: dict[str, str] = field(default_factory=dict, compare=False)  # how each field was found


class IdentifyError(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


_KIND_WORDS = {
    "KẾ HOẠCH": "plan",
    "QUYẾT ĐỊNH": "decision",
    "NGHỊ QUYẾT": "resolution",
    "BÁO CÁO": "progress_report",
    "THÔNG BÁO": "notice",
    "TỜ TRÌNH": "submission",
    "CÔNG VĂN": "letter",
}
_NUMBER_KIND = {"KH": "plan", "QĐ": "decision", "NQ": "resolution", "BC": "progress_report", "TB": "notice"}
_DOC_NUMBER = re.compile(r"\bSố(?:\s*hiệu)?\s*:?\s*(\d{1,5}(?:/\d{4})?/[A-ZĐ]{1,6}(?:-[A-ZĐa-zđ&]{1,12})*)")
_BLANK_NUMBER = re.compile(r"\bSố\s*:?\s*/[A-ZĐ]{1,6}-")
_ISSUE_DATE = re.compile(
    r"(?P<place>[A-ZĐ][\wÀ-ỹ .\-]{1,40}?),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_META_DATE = re.compile(r"Ngày ban hành\s*:?\s*(\d{1,2})/(\d{1,2})/(\d{4})")
_NEWS_DATE = re.compile(r"(?:Thứ\s+\w+|Chủ nhật),?\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_YEAR_IN_TITLE = re.compile(r"\bnăm\s+(20\d{2})\b", re.IGNORECASE)
_DATE_WITH_YEAR = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}", re.IGNORECASE)
_PROGRAMME_CUES = re.compile(
    r"1719|dân tộc thiểu số và miền núi|DTTS\s*&\s*MN|DTTS và miền núi|chương trình mục tiêu quốc gia|CTMTQG",
    re.IGNORECASE,
)
_NEWS_CUES = re.compile(
    r"Trang chủ|Lượt xem|Tin liên quan|Bình luận|image banner|\(Tổng hợp\)|Báo\s+\w+\s+điện tử", re.IGNORECASE
)
_PLACE_TYPES = r"(?:tỉnh|thành phố|tp\.?|huyện|thị xã|quận|xã|phường|thị trấn)"
_PLACE_MENTION = re.compile(
    rf"\b(?P<type>{_PLACE_TYPES})\s+(?P<name>(?:[{U}][\wÀ-ỹ'’-]*)(?:\s+(?:-\s+)?[{U}][\wÀ-ỹ'’-]*){{0,4}})",
    re.IGNORECASE,
)
_ON_AREA = re.compile(
    rf"(?:trên\s+)?địa\s+bàn\s+(?P<type>{_PLACE_TYPES})\s+(?P<name>[{U}][\wÀ-ỹ-]*(?:\s+[{U}][\wÀ-ỹ-]*){{0,4}})"
)


def _head_text(units: Sequence[TextUnit], n: int = HEAD_UNITS) -> list[str]:
    return [u.text for u in units[:n] if u.text.strip()]


def identify(units: Sequence[TextUnit], overrides: dict[str, str] | None = None) -> DocumentMeta:
    overrides = {k: v for k, v in (overrides or {}).items() if v not in (None, "")}
    head = _head_text(units)
    full = "\n".join(u.text for u in units)
    if not _PROGRAMME_CUES.search(full) and "province_code" not in overrides:
        raise IdentifyError(
            "not_programme_document",
            "the text never mentions the national target programme (1719/QĐ-TTg, vùng đồng bào dân tộc thiểu "
            "số và miền núi, Chương trình mục tiêu quốc gia)",
        )
    evidence: dict[str, str] = {}
    kind_word, title = _kind_and_title(head)
    doc_number = overrides.get("doc_number") or _doc_number(head)
    doc_kind = overrides.get("doc_kind") or _doc_kind(kind_word, doc_number, title, head)
    issued = overrides.get("issued_date") or _issued_date(head)
    plan_year = (
        _plan_year(title, full, issued)
        if "plan_year" not in overrides
        else (int(overrides["plan_year"]) if overrides["plan_year"].lower() not in ("", "null", "none") else None)
    )

    if "province_code" in overrides:
        province = overrides["province_code"]
        evidence["province_code"] = "manifest"
        level, area = overrides.get("admin_level", "province"), overrides.get("area_name")
    else:
        province, how = _province(head, full)
        evidence["province_code"] = how
        level, area = _level_and_area(head, title, province)
        level = overrides.get("admin_level", level)
        area = overrides.get("area_name", area)
    return DocumentMeta(
        province, level, area, plan_year, doc_number, issued, doc_kind, overrides.get("title", title), evidence
    )


def _kind_and_title(head: list[str]) -> tuple[str | None, str]:
    for i, text in enumerate(head):
        word = collapse_spaces(text).upper()
        if word in _KIND_WORDS and i + 1 < len(head):
            title_lines = [collapse_spaces(head[i + 1])]
            for nxt in head[i + 2 : i + 4]:
                t = collapse_spaces(nxt)
                # a title wrapped over lines continues in the same case and never starts the body
                if _BODY_START.match(t) or t.isupper() != title_lines[-1].isupper() or len(t) > 400:
                    break
                title_lines.append(t)
            return _KIND_WORDS[word], " ".join(title_lines)
    # no kind word: the first line that reads like a headline or sheet title
    for text in head:
        t = collapse_spaces(text)
        if _looks_like_headline(t, text):
            return None, t
    return None, collapse_spaces(head[0]) if head else ""


_BODY_START = re.compile(r"^(Căn cứ|Thực hiện|Theo|Xét|Ủy ban|ỦY BAN|HỘI ĐỒNG|QUYẾT|Điều|I\.|A\.|1\.)")
_CHROME = re.compile(
    r"\||>|GMT|Trang chủ|Đăng nhập|Tìm kiếm|Chia sẻ|In bài|Cỡ chữ|Lượt xem|^(Thứ|Chủ nhật)\b|"
    r"^(Số|Ngày|Loại văn bản|Cơ quan ban hành|Người ký|Lĩnh vực)\b|^(CỘNG HÒA|Độc lập|ỦY BAN|UBND|"
    r"HỘI ĐỒNG)|^\(?Kèm theo|^Đơn vị tính"
)


def _looks_like_headline(t: str, raw: str) -> bool:
    return (
        30 <= len(t) <= 300
        and "\t" not in raw.strip("\t")
        and len(t.split()) >= 6
        and not _CHROME.search(t)
        and not t.endswith((";", ","))
        and (t.isupper() or not t.endswith(".") or len(t) < 160)
    )


def _doc_number(head: list[str]) -> str | None:
    for text in head:
        if _BLANK_NUMBER.search(text):
            return None
        m = _DOC_NUMBER.search(text)
        if m:
            return m.group(1)
    return None


def _doc_kind(kind_word: str | None, number: str | None, title: str, head: list[str]) -> str:
    kind = kind_word
    if kind is None and number:
        m = re.search(r"/([A-ZĐ]+)-", number)
        kind = _NUMBER_KIND.get(m.group(1)) if m else None
    t = title.lower()
    head_text = " ".join(head[:15])
    if kind is None and (_NEWS_CUES.search(head_text) or not re.search(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA|Số\s*:", head_text)):
        if not re.search(r"kèm theo (quyết định|nghị quyết)", " ".join(head).lower()):
            return "news"
        kind = "decision"
    if kind in ("decision", "resolution"):
        if "điều chỉnh" in t or "bổ sung dự toán" in t:
            return "adjustment"
        return (
            "allocation_decision"
            if re.search(r"phân bổ|giao (kế hoạch|dự toán|vốn|kinh phí)", t) or kind == "decision"
            else "plan"
        )
    if kind == "progress_report":
        return "progress_report"
    if kind == "plan":
        return "plan"
    return "progress_report" if kind in ("notice", "letter", "submission") else "plan"


def _issued_date(head: list[str]) -> str | None:
    for text in head:
        m = _ISSUE_DATE.search(text)
        if m:
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    for pattern in (_META_DATE, _NEWS_DATE):
        for text in head:
            m = pattern.search(text)
            if m:
                d, mth, y = (int(x) for x in m.groups())
                return f"{y:04d}-{mth:02d}-{d:02d}"
    return None


def _plan_year(title: str, full: str, issued: str | None) -> int | None:
    clean_title = _DATE_WITH_YEAR.sub(" ", title)
    years = [int(y) for y in _YEAR_IN_TITLE.findall(clean_title)]
    if years:
        return years[0]
    if re.search(r"giai đoạn\s+20\d{2}\s*[-–]\s*20\d{2}", title, re.IGNORECASE):
        return None
    body_years = Counter(int(y) for y in _YEAR_IN_TITLE.findall(_DATE_WITH_YEAR.sub(" ", full[:20000])))
    if body_years:
        return min(body_years.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return int(issued[:4]) if issued else None


def _province(head: list[str], full: str) -> tuple[str, str]:
    gaz = gazetteer()
    votes: Counter[str] = Counter()
    why: dict[str, list[str]] = {}

    def vote(code: str, weight: float, reason: str) -> None:
        votes[code] += weight
        why.setdefault(code, []).append(reason)

    head_text = "\n".join(head)
    # issuer block and web metadata: "TỈNH LẠNG SƠN", "Cơ quan ban hành Tỉnh Quảng Ninh", "UBND TỈNH ..."
    for m in re.finditer(
        rf"(?:^|\n|\s)(?:UBND\s+)?(TỈNH|THÀNH PHỐ)\s+([{U}][A-ZĐÀ-Ỹ \-]+?)(?=\s*(?:\n|-{{3}}|$|\t|Số))", head_text
    ):
        for p in gaz.lookup(m.group(2).strip().title(), kind="province"):
            vote(p.code, 10, f"issuer '{m.group(0).strip()}'")
    for m in re.finditer(r"Cơ quan ban hành\s+(?:Tỉnh|Thành phố|UBND tỉnh)\s+([^\n\t]+)", head_text):
        for p in gaz.lookup(m.group(1).strip(), kind="province"):
            vote(p.code, 10, "metadata 'Cơ quan ban hành'")
    for m in _ISSUE_DATE.finditer(head_text):
        for p in gaz.lookup(m.group("place").strip(), kind="province"):
            vote(p.code, 4, f"place of issue '{m.group('place').strip()}'")
    # the issuer is a district: "THỊ XÃ SƠN TÂY", "HUYỆN VĨNH THẠNH" (the type tells same-named districts apart)
    for m in re.finditer(
        r"(?:^|\n)\s*(?:UBND\s+)?(HUYỆN|THỊ XÃ|QUẬN|THÀNH PHỐ)\s+([^\n\t]{2,40}?)\s*(?=\n|$)", head_text
    ):
        type_word = m.group(1).capitalize()
        found = [p for p in gaz.lookup(m.group(2).strip(), kind="district") if p.type_word == type_word]
        for p in found:
            vote(p.province_code, 6 / len(found), f"issuer '{m.group(0).strip()}'")
    # named mentions in the text: "tỉnh Lạng Sơn", "UBND tỉnh Lai Châu", "UBND thành phố Hà Nội"
    for m in re.finditer(rf"\b((?i:tỉnh|thành phố))\s+([{U}][\wÀ-ỹ]*(?:\s+[{U}][\wÀ-ỹ]*){{0,3}})", full):
        words = m.group(2).split()
        city = m.group(1).lower() == "thành phố"
        for n in range(len(words), 0, -1):
            found = gaz.lookup(" ".join(words[:n]), kind="province")
            if found:
                for p in found:
                    weight = 2 if not city or p.type_word == "Thành phố" else 1
                    vote(p.code, weight, f"'{m.group(1).lower()} {' '.join(words[:n])}'")
                break
    # a news headline or heading that starts "Yên Bái: ..."
    for text in head[:12]:
        m = re.match(rf"^([{U}][\wÀ-ỹ]*(?:\s+[{U}][\wÀ-ỹ]*){{0,3}})\s*:", text.strip())
        if m:
            for p in gaz.lookup(m.group(1), kind="province"):
                vote(p.code, 4, f"headline place '{m.group(1)}'")
    if not votes:
        _vote_by_places(full, vote)
    if not votes:
        raise IdentifyError(
            "no_province",
            "the text names no province, and no district or commune that identifies one; add the province to "
            "a sidecar manifest (see README) if the document is about one",
        )
    ranked = sorted(votes.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))  # ties: deterministic
    best_code, best = ranked[0]
    if len(ranked) > 1 and ranked[1][1] >= best * 0.8 and best < 10:
        raise IdentifyError(
            "ambiguous_province",
            "the text points to several provinces ("
            + ", ".join(f"{gaz.province(c).name}" for c, _ in ranked[:3])
            + "); add the province to a sidecar manifest",
        )
    return best_code, "; ".join(sorted(set(why[best_code]))[:4])


# a district or commune name: up to three capitalised words and a number that may be part of it ('xã Gia Tân 3');
# the longest name the gazetteer knows wins, so 'huyện Bắc Sơn 01 xã' is still 'Bắc Sơn'
_PLACE_NAME = rf"([{U}][\wÀ-ỹ]*(?:\s+[{U}][\wÀ-ỹ]*){{0,2}}(?:\s+\d{{1,2}}\b)?)"


def _vote_by_places(full: str, vote) -> None:
    """Districts and communes named in the text point to their province ('huyện Kỳ Sơn' -> Nghệ An)."""
    gaz = gazetteer()
    districts: dict[str, set[str]] = {}
    for m in re.finditer(rf"\b((?i:huyện|thị xã|quận|thành phố))\s+{_PLACE_NAME}", full):
        words = m.group(2).split()
        for n in range(len(words), 0, -1):
            found = gaz.lookup(" ".join(words[:n]), kind="district")
            if found:
                districts[name_key(" ".join(words[:n]))] = {p.province_code for p in found}
                break
    for key, provinces in districts.items():
        for code in sorted(provinces):
            vote(code, 1 / len(provinces), f"district '{key}'")
    candidate_districts = {
        p.district_code for key in districts for p in gaz.by_key.get(key, ()) if p.kind == "district"
    }
    communes: dict[str, tuple[str, list[Place]]] = {}  # each commune once, however often it is named
    for m in re.finditer(rf"\b((?i:xã|phường|thị trấn))\s+{_PLACE_NAME}", full):
        words = m.group(2).split()
        for n in range(len(words), 0, -1):
            found = [p for p in gaz.lookup(" ".join(words[:n]), kind="commune")]
            if found:
                communes.setdefault(name_key(" ".join(words[:n])), (" ".join(words[:n]), found))
                break
    for name, found in communes.values():
        inside = [p for p in found if p.district_code in candidate_districts]
        for p in inside or (found if len(found) == 1 else []):
            vote(p.province_code, 0.5 / max(1, len(inside or found)), f"commune '{name}'")


def _level_and_area(head: list[str], title: str, province: str) -> tuple[str, str | None]:
    gaz = gazetteer()
    head_text = "\n".join(head[:25])
    # issuer of a district or commune: "HUYỆN VĨNH THẠNH", "UBND HUYỆN ...", or a title "trên địa bàn huyện X"
    candidates: list[tuple[str, str]] = []
    for m in re.finditer(
        r"(?:^|\n)\s*(?:UBND\s+|ỦY BAN NHÂN DÂN\s+|HỘI ĐỒNG NHÂN DÂN\s+)?(HUYỆN|THỊ XÃ|QUẬN|THÀNH PHỐ|XÃ)\s+"
        rf"([{U}][A-ZĐÀ-Ỹ \-]+?)\s*(?=\n|-{{3}}|$)",
        head_text,
    ):
        candidates.append((m.group(1).lower(), m.group(2).title()))
    m = _ON_AREA.search(title)
    if m:
        candidates.append((m.group("type").lower(), m.group("name")))
    for type_word, name in candidates:
        if type_word == "tỉnh":
            continue
        level = level_of(type_word)
        words = name.split()
        for n in range(len(words), 0, -1):
            found = gaz.lookup(" ".join(words[:n]), kind=level, province_code=province)
            if found and not (
                level == "district"
                and type_word == "thành phố"
                and gaz.province(province).type_word == "Thành phố"
                and name_key(found[0].name) == name_key(gaz.province(province).name)
            ):
                return level, found[0].name
    return "province", None


def place_in(text: str, province_code: str, kinds: tuple[str, ...] = ("district", "commune")) -> Place | None:
    """The first district or commune of the province named in the text ('huyện Bắc Sơn', 'xã Sùng Phài')."""
    gaz = gazetteer()
    for m in _PLACE_MENTION.finditer(text):
        type_word = m.group("type").lower()
        kind = level_of(type_word)
        if kind not in kinds or type_word == "tỉnh":
            continue
        words = m.group("name").split()
        for n in range(len(words), 0, -1):
            found = gaz.lookup(" ".join(words[:n]), kind=kind, province_code=province_code)
            if found:
                return found[0]
    return None
