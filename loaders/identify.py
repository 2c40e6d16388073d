"""Document metadata read from the text: province (directly or through district and commune names), level and
area, plan year, number, issue date, kind and title. Where the text cannot say, identification fails with a
reason a person can act on; nothing is guessed silently. A sidecar manifest may supply or override fields."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders import chrome, periods
from loaders.formats.units import TextUnit
from loaders.reference import Place, Publisher, gazetteer, level_of, publisher_of
from loaders.textnorm import VN_UPPER as U
from loaders.textnorm import ascii_fold, collapse_spaces, name_key

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
    source_url: str | None = None  # where it was published: the manifest's address, else the page's own
    publisher: str | None = None  # the outlet or portal (its domain)
    period_start_year: int | None = None  # the years the document's figures cover
    period_end_year: int | None = None


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
# a decision's place and date ('Lạng Sơn, ngày 08 tháng 3 năm 2023'); a weekday is a page's date line, not a place
_ISSUE_DATE = re.compile(
    r"(?<![\wÀ-ỹ])(?P<place>(?!Thứ\s|Chủ\s+nhật)[A-ZĐ][\wÀ-ỹ .\-]{1,40}?),\s*"
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_META_DATE = re.compile(r"Ngày ban hành\s*:?\s*(\d{1,2})/(\d{1,2})/(\d{4})")
_NEWS_DATE = re.compile(r"(?:Thứ\s+\w+|Chủ nhật),?\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_YEAR_IN_TITLE = re.compile(r"\bnăm\s+(20\d{2})\b", re.IGNORECASE)
_DATE_WITH_YEAR = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}", re.IGNORECASE)
# the programme named, however loosely: '1719', 'vùng đồng bào DTTS', 'các chương trình MTQG'
_PROGRAMME_CUES = re.compile(
    r"1719|dân\s+tộc\s+thiểu\s+số|\bDTTS\b|chương\s+trình\s+mục\s+tiêu\s+quốc\s+gia|\bMTQG\b|CTMTQG",
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


def identify(
    units: Sequence[TextUnit], overrides: dict[str, str] | None = None, properties: dict[str, str] | None = None
) -> DocumentMeta:
    """Province, level and area, year, number, date, kind and title of a document, from its text, its own page
    properties (a saved page's address and publication time) and the manifest (which wins where it says)."""
    overrides = {k: v for k, v in (overrides or {}).items() if v not in (None, "")}
    properties = properties or {}
    head = _head_text(units)
    article = _article_units(units)
    full = "\n".join(u.text for u in article)
    source_url = overrides.get("source_url") or properties.get("url")
    host, known = publisher_of(source_url) if source_url else (None, None)
    if known is None and not host:  # an outlet that names itself in its chrome ('(gialai.gov.vn) -', 'Baonghean.vn')
        known = _publisher_in_text("\n".join(u.text for u in units[:HEAD_UNITS]))
    publisher = known.domain if known else host
    if not _PROGRAMME_CUES.search(full) and "province_code" not in overrides:
        raise IdentifyError(
            "not_programme_document",
            "the text never mentions the national target programme (1719/QĐ-TTg, vùng đồng bào dân tộc thiểu "
            "số và miền núi, Chương trình mục tiêu quốc gia)",
        )
    evidence: dict[str, str] = {}
    kind_word, title, title_at = _kind_and_title(head, units)
    doc_number = overrides.get("doc_number") or _doc_number(head)
    doc_kind = overrides.get("doc_kind") or _doc_kind(kind_word, doc_number, title, head)
    issued = overrides.get("issued_date") or _issued_date(units, title_at, properties.get("published"), source_url)
    if "issued_date" not in overrides and doc_kind == "news" and _a_later_visit(issued, full):
        issued = None
    plan_year = (
        _plan_year(title, full, issued, doc_kind, _lead_year(units, title_at))
        if "plan_year" not in overrides
        else (int(overrides["plan_year"]) if overrides["plan_year"].lower() not in ("", "null", "none") else None)
    )
    period = _title_period(title) if plan_year is None else (plan_year, plan_year)
    if "province_code" in overrides:
        province = overrides["province_code"]
        evidence["province_code"] = "manifest"
        level, area = overrides.get("admin_level", "province"), overrides.get("area_name")
    else:
        province, how = _province(head, full, known.province_code if known else None, publisher, source_url)
        evidence["province_code"] = how
        level, area = _level_and_area(head, title, province)
        level = overrides.get("admin_level", level)
        area = overrides.get("area_name", area)
    return DocumentMeta(
        province,
        level,
        area,
        plan_year,
        doc_number,
        issued,
        doc_kind,
        overrides.get("title", title),
        evidence,
        source_url,
        publisher,
        period[0] if period else None,
        period[1] if period else None,
    )


def _article_units(units: Sequence[TextUnit]) -> list[TextUnit]:
    """The units a document's own words are in: page chrome (menus, counters, footers, related-article lists
    after the article) left out, so that another article's headline never places or dates this one."""
    skip = chrome.chrome_lines(units, True)
    return [u for u in units if u.line not in skip]


_DOMAIN_IN_TEXT = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:vn|com|net|org)(?:\.vn)?)\b", re.IGNORECASE)


def _publisher_in_text(text: str) -> Publisher | None:
    """A listed outlet whose domain the page prints in its chrome or dateline."""
    for m in _DOMAIN_IN_TEXT.finditer(text):
        _, known = publisher_of(m.group(1))
        if known is not None:
            return known
    return None


def _kind_and_title(head: list[str], units: Sequence[TextUnit]) -> tuple[str | None, str, int | None]:
    """The kind word ('KẾ HOẠCH', 'QUYẾT ĐỊNH') and the title after it, or a news item's headline (a page's
    first heading, else the first line that reads like one); with the index of the title's unit in `units`."""
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
            return _KIND_WORDS[word], " ".join(title_lines), _index_of(units, head[i + 1])
    nonblank = [u for u in units[:HEAD_UNITS] if u.text.strip()]
    for u in nonblank:  # a saved page's headline is its first heading
        t = collapse_spaces(u.text)
        if u.kind == "heading" and _looks_like_headline(t, u.text):
            return None, t, units.index(u)
    for u in nonblank:
        t = collapse_spaces(u.text)
        if _looks_like_headline(t, u.text):
            return None, t, units.index(u)
    return None, collapse_spaces(head[0]) if head else "", None


def _index_of(units: Sequence[TextUnit], text: str) -> int | None:
    return next((i for i, u in enumerate(units) if u.text.strip() == text.strip()), None)


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
        and not _DATE_ANY.search(t)
        and not _CAPTION.search(t)
        and not t.endswith((";", ","))
        and (t.isupper() or not t.endswith(".") or len(t) < 160)
    )


_CAPTION = re.compile(r"\bẢnh\s*:|\(Ảnh|^\[?Ảnh\]?|\bNguồn\s*:|^Video\b|ngày phát hành|cập nhật", re.IGNORECASE)


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


_DATE_ANY = re.compile(
    r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b"
    r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.IGNORECASE,
)
DATED_LINE_CHARS = 120  # a date line, byline or dateline, not a sentence that mentions a date
FIRST_PLAUSIBLE_YEAR = 2021  # the programme's first year: an article about it is not older


def _dates_in(text: str) -> list[str]:
    found = []
    for m in _DATE_ANY.finditer(text):
        g = m.groups()
        d, mth, y = (g[0], g[1], g[2]) if g[0] else (g[5], g[4], g[3]) if g[3] else (g[6], g[7], g[8])
        try:
            found.append(dt.date(int(y), int(mth), int(d)).isoformat())
        except ValueError:
            continue
    return found


def _issued_date(
    units: Sequence[TextUnit], title_at: int | None, published: str | None, address: str | None = None
) -> str | None:
    """The document's or article's own date: a decision's place-and-date line; a page's publication time; else
    the first date line after the headline (bylines and datelines follow it; a site's header date, often stale,
    sits above it), else the last one above it. A date before the programme began yields to a later one."""
    head = [u.text for u in units[:HEAD_UNITS]]
    for text in head:
        m = _ISSUE_DATE.search(text)
        if m and not re.search(r"(?:Thứ|Chủ)\s*$", text[: m.start()]):
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
    for text in head:
        m = _META_DATE.search(text)
        if m:
            d, mth, y = (int(x) for x in m.groups())
            return f"{y:04d}-{mth:02d}-{d:02d}"
    if published:
        found = _dates_in(published)
        if found:
            return found[0]
    chosen = _date_lines(units, title_at)
    return chosen or _month_line(head) or _date_in_address(address)


_MONTH_LINE = re.compile(r"^\s*(?:date|ngày)\s*:?\s*(20\d{2})-(0[1-9]|1[0-2])(?![-\d])", re.IGNORECASE)


def _month_line(head: Sequence[str]) -> str | None:
    """A page's date written to the month only at its top ('date 2024-11', as a crawler records it), when nothing
    gives the day: the month's last day, as an address's year and month is read."""
    for text in head:
        m = _MONTH_LINE.match(text)
        if m:
            return periods.month_end(int(m.group(1)), int(m.group(2)))
    return None


def _date_in_address(url: str | None) -> str | None:
    """The publication date some outlets write into an article's address: '.../20231018203602424.htm',
    '...-1730791915722.htm' (milliseconds since 1970), '/202212/' (year and month: its last day)."""
    if not url:
        return None
    path = url.split("//", 1)[-1].split("/", 1)[-1]
    for m in re.finditer(r"(?<!\d)(20[2-3]\d)(0[1-9]|1[0-2])([0-2]\d|3[01])\d{0,9}(?!\d)", path):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    m = re.search(r"(?<!\d)(1[5-9]\d{11})(?!\d)", path)
    if m:
        return dt.datetime.fromtimestamp(int(m.group(1)) / 1000, tz=dt.UTC).date().isoformat()
    return None


def _date_lines(units: Sequence[TextUnit], title_at: int | None) -> str | None:
    """The first date line after the headline, else the last one above it; a date before the programme began
    yields to a later one."""
    skip = chrome.chrome_lines(units, True)
    dated: list[tuple[int, str]] = []
    for i, u in enumerate(units[:HEAD_UNITS]):
        text = u.text.strip()
        ended = u.line in skip and chrome.ends_article(text)
        if ended:
            break
        if len(text) <= DATED_LINE_CHARS or i <= (title_at or 0) + 2:
            dated.extend((i, d) for d in _dates_in(text[:DATED_LINE_CHARS]))
    if not dated:
        return None
    after = [d for i, d in dated if title_at is not None and i > title_at]
    before = [d for i, d in dated if title_at is None or i <= title_at]
    ordered = after + list(reversed(before))
    plausible = [d for d in ordered if int(d[:4]) >= FIRST_PLAUSIBLE_YEAR]
    return (plausible or ordered)[0]


def _plan_year(title: str, full: str, issued: str | None, doc_kind: str, lead_year: int | None) -> int | None:
    """The year of a plan or decision: the one its title names ('... năm 2023'); none for a title over several
    years. A news item's provisional year (its figures decide its period later) is the year its lead opens with
    ('Năm 2023, tỉnh sẽ đầu tư ...' in an article of December 2022), else its article's year; a document with
    neither takes the year its body names most often."""
    clean_title = _DATE_WITH_YEAR.sub(" ", title)
    years = [int(y) for y in _YEAR_IN_TITLE.findall(clean_title)]
    if years and doc_kind != "news":
        return years[0]
    if _title_period(title) and doc_kind != "news":
        return None
    if lead_year and doc_kind == "news":
        return lead_year
    if issued:
        return int(issued[:4])
    if doc_kind == "news":
        reported = latest_reported_year(title) or latest_reported_year(full[:20000])
        if reported:
            return reported
        years = [y for y in years if y >= FIRST_PLAUSIBLE_YEAR]  # 'giảm từ năm 2019' is no news item's year
    if years:
        return years[0]
    body = _COMPARED.sub(" ", _DATE_WITH_YEAR.sub(" ", full[:20000]))  # 'so với năm 2020' is not its year
    body_years = Counter(int(y) for y in _YEAR_IN_TITLE.findall(body) if int(y) >= FIRST_PLAUSIBLE_YEAR)
    if body_years:
        return min(body_years.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return None


def _a_later_visit(issued: str | None, full: str) -> bool:
    """A news page's date two years or more after the last year its article reports on is the day the page was
    viewed or saved ('Thứ bảy 10/05/2025' above an item on 2022's allocation), not the article's."""
    reported = latest_reported_year(full)
    return bool(issued and reported and int(issued[:4]) - reported >= 2)


def latest_reported_year(text: str) -> int | None:
    """The last year an undated article reports on: it was written then or soon after. What counts: a year
    ('năm 2023', 'cuối năm 2022'), a date a figure stands at ('đến hết tháng 8/2024'), the years of implementation
    so far ('Trong 3 năm 2021 - 2023'). Not a year still to reach ('đến năm 2025'), not a phase or a plan's years
    ('giai đoạn 2021 - 2025', 'từ năm 2021 đến năm 2025'), not a year compared with ('so với năm 2020')."""
    text = _COMPARED.sub(lambda m: " " * len(m.group(0)), text)
    years = [
        periods.year_of(t) for t in periods.time_mentions(text) if not t.horizon and (t.kind != "period" or t.so_far)
    ]
    return max((y for y in years if y is not None and y >= FIRST_PLAUSIBLE_YEAR), default=None)


_LEAD_YEAR = re.compile(r"^\W*(?:\([^)]{0,40}\)\s*[-–]\s*)?(?:Trong\s+|Riêng\s+)?năm\s+(20\d{2})\s*,", re.IGNORECASE)


def _lead_year(units: Sequence[TextUnit], title_at: int | None) -> int | None:
    """The year a news item's lead opens with: 'Năm 2023, ...', '(BSL) - Năm 2024, ...'."""
    start = (title_at or 0) + 1
    body = [u.text for u in units[start : start + 6] if len(u.text.strip()) > DATED_LINE_CHARS]
    m = _LEAD_YEAR.match(body[0]) if body else None
    return int(m.group(1)) if m else None


# 'so với năm 2020', 'so với mức 40,9 triệu đồng năm 2019': the year of the base a figure is compared with (a
# number's own comma or dot does not end the clause)
_COMPARED = re.compile(r"\bso\s+với\b(?:[^;.,\n]|(?<=\d)[.,](?=\d)){0,80}?\bnăm\s+\d{4}", re.IGNORECASE)
_TITLE_PERIOD = re.compile(r"giai\s+đoạn\s+(20\d{2})\s*[-–]\s*(20\d{2})", re.IGNORECASE)


def _title_period(title: str) -> tuple[int, int] | None:
    m = _TITLE_PERIOD.search(title)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _province(
    head: list[str], full: str, publisher_province: str | None, publisher: str | None, source_url: str | None
) -> tuple[str, str]:
    """The province a document is about. The text decides where it names one (its issuer, 'tỉnh X', a headline
    'X: ...', a province named bare, its districts and communes); where it names none, or leaves two provinces
    level, the outlet that published it does (a provincial newspaper or portal)."""
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
    # a province named bare, as the subject of a sentence: 'Ninh Thuận có 27 dân tộc', 'Lào Cai được đầu tư'
    for m in _BARE_PROVINCE.finditer(full):
        for p in gaz.lookup(m.group(1), kind="province"):
            vote(p.code, 1, f"'{m.group(1)}'")
    if not votes:
        _vote_by_places(full, vote)
    if not votes:  # a province named in passing ('vùng núi Thanh Hóa'), or in the page's address
        for m in _CAPITALISED.finditer(full):
            for p in gaz.lookup(m.group(0), kind="province"):
                vote(p.code, 0.5, f"'{m.group(0)}'")
        for code in _provinces_in_address(source_url):
            vote(code, 1, "the page's address")
    if not votes and _speaks_of_the_country(full):
        return NATIONAL, "the text speaks of the whole country and of no province of its own"
    if publisher_province and (not votes or publisher_province in votes):
        vote(publisher_province, 3, f"publisher {publisher}")
    if not votes:
        raise IdentifyError(
            "no_province",
            "the text names no province, and no district or commune that identifies one, and its publisher is "
            "not a provincial outlet; add the province (or the source_url) to documents/manifest.csv or a sidecar "
            "manifest (see README) if the document is about one",
        )
    ranked = sorted(votes.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))  # ties: deterministic
    best_code, best = ranked[0]
    if len(ranked) > 1 and ranked[1][1] >= best * 0.8 and best < 10:
        if _speaks_of_the_country(full):  # a national item that names provinces among others
            return NATIONAL, "the text speaks of the whole country and of several provinces"
        raise IdentifyError(
            "ambiguous_province",
            "the text points to several provinces ("
            + ", ".join(f"{gaz.province(c).name}" for c, _ in ranked[:3])
            + "); add the province to a sidecar manifest",
        )
    return best_code, "; ".join(sorted(set(why[best_code]))[:4])


_BARE_PROVINCE = re.compile(
    rf"(?:^|(?<=[.:;!?\n(,]\s)|(?<=\n))([{U}][\wÀ-ỹ]*(?:\s+[{U}][\wÀ-ỹ]*){{0,2}})(?=\s+(?:có|được|đã|đang|là|"
    r"triển khai|thực hiện|giải ngân|phân bổ|hoàn thành|đạt|dành|bố trí|hiện|với|cần|tiếp tục|phấn đấu)\b|\s*:)"
)


_CAPITALISED = re.compile(rf"(?<![\wÀ-ỹ])[{U}][\wÀ-ỹ]*(?:\s+[{U}][\wÀ-ỹ]*){{1,2}}")


def _provinces_in_address(url: str | None) -> list[str]:
    """Provinces whose name the page's address spells ('.../thanh-hoa-dieu-chinh-phan-bo-...')."""
    if not url:
        return []
    path = "-" + re.sub(r"[^a-z0-9]+", "-", url.lower().split("//", 1)[-1].split("/", 1)[-1]) + "-"
    return sorted(p.code for p in gazetteer().provinces.values() if f"-{_slug(p.name)}-" in path)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-")


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


# a news headline that opens with a place: 'Kỳ Sơn: Nguồn vốn ...', 'Si Ma Cai điều chuyển vốn ...'
_HEADLINE_PLACE = re.compile(rf"^\s*(?:huyện\s+)?([{U}][\wÀ-ỹ'’]*(?:\s+[{U}][\wÀ-ỹ'’]*){{0,3}})(?=\s*:|\s+[a-zđà-ỹ])")


NATIONAL = "00"  # the province code of the whole country (provinces.csv)
# a provincial outlet writes of its own province ('toàn tỉnh', 'UBND tỉnh', 'tỉnh ta'); a national item of the
# country, its government and 'các địa phương'
_OWN_PROVINCE = re.compile(
    r"\b(?:toàn\s+tỉnh|tỉnh\s+ta|của\s+tỉnh|địa\s+bàn\s+tỉnh|(?:UBND|HĐND|Tỉnh\s+ủy|Ban\s+Dân\s+tộc)\s+tỉnh"
    r"|(?<!\d\s)tỉnh\s+(?:đã|có|được|đang|sẽ))\b",
    re.IGNORECASE,
)
_COUNTRY = re.compile(
    r"\b(?:cả\s+nước|toàn\s+quốc|(?:các|nhiều)\s+địa\s+phương|Chính\s+phủ|Quốc\s+hội|Ủy\s+ban\s+Dân\s+tộc"
    r"|Thủ\s+tướng|Bộ\s+(?:Tài\s+chính|Kế\s+hoạch\s+và\s+Đầu\s+tư)|các\s+tỉnh|\d+\s+tỉnh)\b",
    re.IGNORECASE,
)


def _speaks_of_the_country(full: str) -> bool:
    """A national item: it names no province, speaks of no province of its own and speaks of the country."""
    return not _OWN_PROVINCE.search(full) and len(_COUNTRY.findall(full)) >= 2


def _level_and_area(head: list[str], title: str, province: str) -> tuple[str, str | None]:
    if province == NATIONAL:
        return "national", None
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
    headline = _HEADLINE_PLACE.match(title)
    if headline and not gaz.lookup(headline.group(1), kind="province"):
        candidates.append(("huyện", headline.group(1)))  # 'Kỳ Sơn: ...', 'Si Ma Cai điều chuyển vốn ...'
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
