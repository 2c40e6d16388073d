"""Time in Vietnamese prose: the years, periods and "as of" dates a figure can be about.

`time_mentions(text)` finds every time expression of a text with what it says:

  * a year: "năm 2024", "cuối năm 2023", "đến năm 2025" (a level to reach), "sang năm 2024" (money carried over
    into the year it is spent in);
  * a period: "giai đoạn 2021 - 2025", "các năm 2022 - 2024", "(2022 - 2024)", "từ năm 2022 đến nay" (2022 to
    the reference year), "từ nay đến năm 2025" (the reference year to 2025), "sau 3 năm triển khai" (the three
    years up to the reference year);
  * an as-of date, the day a cumulative or progress figure stands at: "lũy kế đến hết tháng 9/2024"
    (2024-09-30), "tính đến ngày 15/6/2024", "đến nay" / "từ đầu năm đến nay" / "3 năm qua" (the reference date:
    the article's own date), "6 tháng đầu năm" (30 June).

Open ends ("đến nay", "từ nay") are resolved against a reference date with `resolve`. Pure functions, no state.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

_Y = r"((?:19|20)\d{2})"
_RANGE = rf"{_Y}\s*[-–—]\s*{_Y}"
_WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_COUNT = r"(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
_QUARTER_END = {"i": 3, "1": 3, "ii": 6, "2": 6, "iii": 9, "3": 9, "iv": 12, "4": 12}
NOW = "now"  # an as-of date that is the reference date ("đến nay")


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    kind: str  # year | period | as_of
    first_year: int | None  # None: the reference year (an open start: "từ nay")
    last_year: int | None  # None: the reference year (an open end: "đến nay")
    as_of: str | None  # ISO date, NOW, or "month:YYYY-MM" / "md:MM-DD" completed by the reference year
    cumulative: bool  # the expression makes a figure a running total or a status at a date
    horizon: bool = False  # a level to reach or a deadline ("đến năm 2025", "từ nay đến năm 2025")
    so_far: bool = False  # the years of implementation up to now ("từ năm 2022 đến nay", "sau 3 năm triển khai")
    year_to_date: bool = False  # "từ đầu năm đến nay": this year so far


def year_of(mention: TimeMention) -> int | None:
    """The last year a mention names itself (not through the reference date): 'năm 2023', '2021 - 2023', 'đến hết
    tháng 8/2024'; None for 'đến nay', 'tháng 6' or 'sau 3 năm'."""
    if mention.last_year is not None:
        return mention.last_year
    if mention.as_of and mention.as_of[:4].isdigit():
        return int(mention.as_of[:4])
    if mention.as_of and mention.as_of.startswith("month:") and mention.as_of[6:10].isdigit():
        return int(mention.as_of[6:10])
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.lower()]


def month_end(year: int, month: int) -> str:
    return dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def _date(day: int, month: int, year: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# ---- the expressions, most specific first (a span taken by one is not read again by a later one) -----------------
# 'đến hết', 'tới cuối', 'đến', or a bare 'hết' ('hết tháng 8/2024, tỉnh đã giải ngân ...')
_UNTIL = r"(?:(?:đến|tới)\s+(?:hết\s+|cuối\s+)?|hết\s+)"
_AS_OF_LEAD = r"(?:(?:lũy|luỹ)\s+kế\s+|tính\s+|tính\s+từ\s+đầu\s+năm\s+|từ\s+đầu\s+năm\s+)?"
_FROM = r"\btừ\s+(?:(?:đầu|giữa|cuối)\s+)?"  # 'từ', 'từ giữa'
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # from a year until now / until a year
    (
        "since_now",
        re.compile(
            rf"{_FROM}(?:năm\s+)?{_Y}\s+(?:đến|tới)\s+(?:nay|thời\s+điểm\s+này|hiện\s+nay)",
            re.I,
        ),
    ),
    (
        "since_to",
        re.compile(rf"{_FROM}(?:năm\s+)?{_Y}\s+(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?{_Y}", re.I),
    ),
    # since a year, no end written: 'triển khai từ giữa năm 2022' (the years of implementation up to now)
    ("since_open", re.compile(rf"{_FROM}năm\s+{_Y}(?!\s*(?:-|–|đến|tới))", re.I)),
    # from now until a year: a horizon
    ("now_to", re.compile(rf"\btừ\s+nay\s+(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?{_Y}", re.I)),
    # after / over N years of implementation, with the years in brackets or not
    (
        "after_years",
        re.compile(
            rf"\b(?:sau|qua|trong)\s+(?:gần\s+|hơn\s+)?{_COUNT}\s+năm(?:\s+(?:triển\s+khai|thực\s+hiện))?"
            rf"(?:\s+(?:Chương\s+trình|chương\s+trình))?(?:\s*\(\s*{_RANGE}\s*\)|,?\s+(?:từ\s+)?(?:năm\s+)?{_RANGE})?",
            re.I,
        ),
    ),
    ("years_past", re.compile(rf"\b{_COUNT}\s+năm\s+qua\b", re.I)),
    # as-of dates
    (
        "as_of_day",
        re.compile(
            rf"{_AS_OF_LEAD}\b{_UNTIL}ngày\s+(\d{{1,2}})\s*(?:/|tháng\s+)(\d{{1,2}})"
            rf"(?:\s*(?:/|năm\s+){_Y})?",
            re.I,
        ),
    ),
    # 'tính đến 30/11/2024': a full date needs no 'ngày' ('tăng đến 30/11 hộ' is no date)
    ("as_of_day", re.compile(rf"{_AS_OF_LEAD}\b{_UNTIL}(\d{{1,2}})/(\d{{1,2}})/{_Y}", re.I)),
    (
        "as_of_month",
        re.compile(
            rf"{_AS_OF_LEAD}\b{_UNTIL}tháng\s+(\d{{1,2}})(?:\s*(?:/|\.|năm\s+){_Y})?",
            re.I,
        ),
    ),
    (
        "as_of_quarter",
        re.compile(rf"{_AS_OF_LEAD}\b{_UNTIL}quý\s+(IV|III|II|I|[1-4])(?:\s*(?:/|năm\s+){_Y})?", re.I),
    ),
    ("as_of_year", re.compile(rf"{_AS_OF_LEAD}\b(?:đến|tới)\s+(?:hết\s+|cuối\s+)năm\s+{_Y}", re.I)),
    ("months_of_year", re.compile(rf"\b{_COUNT}\s+tháng\s+(?:đầu\s+)?năm(?:\s+{_Y})?", re.I)),
    (
        "to_date",
        re.compile(r"\b(?:từ\s+đầu\s+năm\s+)?(?:đến|tới)\s+(?:nay|thời\s+điểm\s+này|thời\s+điểm\s+hiện\s+tại)\b", re.I),
    ),
    # periods and years
    ("phase", re.compile(rf"\bgiai\s+đoạn\s+(?:I{{1,2}}\s*)?\(?\s*{_RANGE}\s*\)?", re.I)),
    ("carry_into", re.compile(rf"\b(?:kéo\s+dài\s+)?sang\s+(?:năm\s+)?{_Y}", re.I)),
    (
        "years_list",
        re.compile(rf"\b(?:(?:các|những)\s+)?năm\s+{_Y}\s*(?:,|và|-|–)\s*{_Y}(?:\s*(?:,|và)\s*{_Y})*", re.I),
    ),
    ("range", re.compile(rf"(?<![\d/]){_RANGE}(?![\d/])")),
    ("by_year", re.compile(rf"\b(?:đến|tới|vào)\s+(?:hết\s+|cuối\s+)?(?:năm\s+){_Y}", re.I)),
    ("year", re.compile(rf"\b(?:(?:cuối|đầu|giữa|trong|của)\s+)?năm\s+{_Y}\b", re.I)),
    # 'năm nay', 'hết năm nay': the reference year
    ("this_year", re.compile(r"\b(?:(?:đến|tới)\s+)?(?:(?:hết|cuối|đầu|trong)\s+)?năm\s+nay\b", re.I)),
]


def _mention(kind: str, m: re.Match[str]) -> TimeMention | None:
    g = [x for x in m.groups()]
    a, b = m.start(), m.end()
    if kind == "since_now":
        return TimeMention(a, b, "period", int(g[0]), None, NOW, True, so_far=True)
    if kind == "since_open":
        return TimeMention(a, b, "period", int(g[0]), None, None, False, so_far=True)
    if kind == "since_to":
        return TimeMention(a, b, "period", int(g[0]), int(g[1]), None, False)
    if kind == "now_to":
        return TimeMention(a, b, "period", None, int(g[0]), None, False, horizon=True)
    if kind == "after_years":
        first, last = (g[1], g[2]) if g[1] else (g[3], g[4])
        if first and last:
            return TimeMention(a, b, "period", int(first), int(last), None, False, so_far=True)
        n = _count(g[0])
        return TimeMention(a, b, "period", -n, None, None, False, so_far=True)  # n years up to the reference year
    if kind == "years_past":
        n = _count(g[0])
        return TimeMention(a, b, "period", -n, None, NOW, True, so_far=True)
    if kind == "as_of_day":
        day, month, year = int(g[0]), int(g[1]), g[2]
        return TimeMention(
            a, b, "as_of", None, None, f"md:{month:02d}-{day:02d}" if not year else _date(day, month, int(year)), True
        )
    if kind == "as_of_month":
        month, year = int(g[0]), g[1]
        if not 1 <= month <= 12:
            return None
        return TimeMention(a, b, "as_of", None, None, f"month:{year or '?'}-{month:02d}", True)
    if kind == "as_of_quarter":
        month, year = _QUARTER_END[g[0].lower()], g[1]
        return TimeMention(a, b, "as_of", None, None, f"month:{year or '?'}-{month:02d}", True)
    if kind == "as_of_year":  # 'tính đến cuối năm 2023': the status at the end of that year
        year = int(g[0])
        return TimeMention(a, b, "as_of", year, year, f"{year}-12-31", True)
    if kind == "months_of_year":
        n = _count(g[0])
        if not 1 <= n <= 12:
            return None
        return TimeMention(
            a,
            b,
            "as_of",
            int(g[1]) if g[1] else None,
            int(g[1]) if g[1] else None,
            f"month:{g[1] or '?'}-{n:02d}",
            True,
        )
    if kind == "to_date":
        this_year = m.group(0).lower().startswith("từ")
        return TimeMention(a, b, "as_of", None, None, NOW, True, year_to_date=this_year)
    if kind == "phase":
        return TimeMention(a, b, "period", int(g[0]), int(g[1]), None, False)
    if kind == "carry_into":
        return TimeMention(a, b, "year", int(g[0]), int(g[0]), None, False)
    if kind == "years_list":
        years = [int(y) for y in g if y]
        return TimeMention(a, b, "period", min(years), max(years), None, False)
    if kind == "range":
        first, last = int(g[0]), int(g[1])
        if not first < last <= first + 15:
            return None
        return TimeMention(a, b, "period", first, last, None, False)
    if kind == "by_year":
        return TimeMention(a, b, "year", int(g[0]), int(g[0]), None, False, horizon=True)
    if kind == "year":
        return TimeMention(a, b, "year", int(g[0]), int(g[0]), None, False)
    if kind == "this_year":
        return TimeMention(a, b, "year", None, None, None, False)
    raise ValueError(kind)


@functools.lru_cache(maxsize=8192)
def time_mentions(text: str) -> tuple[TimeMention, ...]:
    """Every time expression of `text`, in order; overlapping expressions keep the first (most specific) one."""
    taken: list[tuple[int, int]] = []
    found: list[TimeMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            mention = _mention(kind, m)
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(mention)
    return tuple(sorted(found, key=lambda t: t.start))


@dataclass(frozen=True)
class Timing:
    """What a figure's time comes to: the years it covers and the date it stands at."""

    first_year: int
    last_year: int
    as_of: str | None  # ISO date for cumulative and progress figures


def resolve(mention: TimeMention, reference: dt.date) -> Timing:
    """A mention's years and date, open ends completed by the reference date (the article's or decision's date)."""
    year = reference.year
    if mention.first_year is not None and mention.first_year < 0:  # "sau 3 năm": the n years up to now
        first, last = year + mention.first_year + 1, year
    else:
        first = year if mention.first_year is None else mention.first_year
        last = year if mention.last_year is None else mention.last_year
    as_of = _as_of(mention.as_of, reference, last if mention.kind != "as_of" else None)
    if mention.kind == "as_of" and as_of is not None and mention.first_year is None:
        first = last = int(as_of[:4])
    return Timing(min(first, last), max(first, last), as_of)


def _as_of(value: str | None, reference: dt.date, year: int | None) -> str | None:
    if value is None:
        return None
    if value == NOW:
        return reference.isoformat()
    if value.startswith("month:"):
        y, m = value[6:].split("-")
        return month_end(int(y) if y != "?" else (year or reference.year), int(m))
    if value.startswith("md:"):
        m, d = value[3:].split("-")
        return _date(int(d), int(m), year or reference.year)
    return value
