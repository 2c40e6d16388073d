"""The attribution engine: what a figure is about, decided by explicit scope rules, for prose and tables alike.

A figure sits at a `Site`: its text unit, the figures around it, the outline heading above it. Each attribute is
looked for in widening scopes, and the first scope that says something decides it:

  1. stated   -- the words the figure owns (its lead and tail, `segment.ownership`), then its clause's lead, then
                 a list head (the words before the ':' that opens the list the figure is an item of), then the
                 earlier part of its sentence;
  2. paragraph -- an earlier sentence of the same paragraph (time only: "Năm 2024, ... . Trong đó, ...");
  3. parent   -- the line the figure is a part of ("gồm", "trong đó", a table's parent row);
  4. heading  -- the section heading above it ("Dự án 3", "Kết quả giải ngân năm 2024");
  5. document -- the document's title, kind and year;
  and `unknown` when none does. `Decided.basis` records which, so an analyst can keep only what was stated.

Vocabulary is data: cue terms in seeds/reference/cue_terms.csv, project names in project_aliases.csv (read through
`loaders.mentions`), time expressions in `loaders.periods`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders import mentions, periods, segment
from loaders.mentions import Term, TreeRef
from loaders.reference import reference_rows, value_list

STATED, PARAGRAPH, PARENT, HEADING, DOCUMENT, UNKNOWN = (
    "stated",
    "paragraph",
    "parent",
    "heading",
    "document",
    "unknown",
)
# a figure's phase when its words name several: the list's last phase first (value_lists.csv keeps them in the
# order money moves: planned, allocated, adjusted, disbursed)
PHASE_PRIORITY = tuple(reversed(value_list("budget_phase")))
TOPIC_KINDS = ("news", "progress_report", "allocation_decision", "adjustment")  # name projects by what they fund
HEADLINE_KINDS = ("news",)  # a headline is about one of the figures, not a title that speaks for all of them


@dataclass(frozen=True)
class Decided:
    value: str | None
    basis: str

    @staticmethod
    def unknown() -> Decided:
        return Decided(None, UNKNOWN)


@dataclass(frozen=True)
class Site:
    """Where a figure is: its unit's text, every figure span of the unit, its index, and the heading above it."""

    text: str
    spans: tuple[tuple[int, int], ...]
    index: int
    section_title: str = ""
    heading_tree: TreeRef = field(default_factory=TreeRef)
    # news and reports name projects by what they fund ('hỗ trợ nhà ở' is Dự án 1); a plan or decision names
    # them: its goals outside the project sections belong to no one project
    by_topic: bool = True
    carried: str = ""  # the paragraph before, when this one goes on from it ('Trong đó, ...', 'Cụ thể, ...')

    @property
    def start(self) -> int:
        return self.spans[self.index][0]

    @property
    def end(self) -> int:
        return self.spans[self.index][1]

    @functools.cached_property
    def own(self) -> segment.Ownership:
        return segment.ownership(self.text, list(self.spans), self.index)

    @functools.cached_property
    def sentence(self) -> tuple[int, int]:
        return segment.sentence_of(self.text, self.start)

    @functools.cached_property
    def list_head(self) -> tuple[int, int] | None:
        """The words before the ':' that opens the list this figure is an item of, in its sentence."""
        a, _ = self.sentence
        colon = self.text.rfind(":", a, self.own.clause[0])
        if colon == -1 or colon < a:
            return None
        return a, colon

    @functools.cached_property
    def outer_clause(self) -> tuple[int, int] | None:
        """For a figure inside brackets, the words of the enclosing clause before the bracket ('Dự án ... (hỗ trợ
        nhà ở 179 hộ, ...)')."""
        a = self.own.clause[0]
        bracket = self.text.rfind("(", 0, a)
        if bracket == -1 or self.text[bracket + 1 : a].strip():
            return None
        outer = segment.clause_span(self.text, bracket, bracket + 1)
        return (outer[0], bracket) if outer[0] < bracket else None

    def scopes(self) -> list[tuple[str, tuple[int, int]]]:
        """The stated scopes, nearest first: own lead and tail, clause lead, enclosing clause (for a figure in
        brackets), list head, earlier sentence."""
        own = self.own
        found = [("lead", own.lead), ("tail", own.tail)]
        if own.clause_lead[0] < own.lead[0]:
            found.append(("clause", (own.clause_lead[0], min(own.clause_lead[1], own.lead[0]))))
        if self.outer_clause:
            found.append(("outer", self.outer_clause))
        if self.list_head:
            found.append(("list", self.list_head))
        sentence_start = self.sentence[0]
        earliest = min(a for _, (a, _) in found)
        if sentence_start < earliest:
            found.append(("sentence", (sentence_start, earliest)))
        return found


def _in(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] <= start and end <= span[1]


_EXCLUDED = re.compile(
    r"\b(?:ngoài|không\s+kể|chưa\s+kể|so\s+với|bên\s+cạnh)\b[^,;:.]*|\bcùng\s+kỳ(?:\s+năm\s+\d{4})?", re.IGNORECASE
)


@functools.lru_cache(maxsize=4096)
def _excluded(text: str) -> tuple[tuple[int, int], ...]:
    """Words that speak of something else: 'Ngoài vốn ngân sách trung ương, ...', 'so với kế hoạch'."""
    return tuple(m.span() for m in _EXCLUDED.finditer(text))


@functools.lru_cache(maxsize=4096)
def cue_terms(text: str) -> tuple[Term, ...]:
    """The cue terms of a text that are not words of a project's name ('bố trí' in 'Quy hoạch, sắp xếp, bố trí,
    ổn định dân cư' says nothing about the money's phase) nor of something else ('so với kế hoạch')."""
    names = [(t.start, t.end) for t in mentions.tree_mentions(text) if not t.by_number]
    excluded = [*names, *_excluded(text)]
    return tuple(
        t
        for t in mentions.terms_in(text)
        if not any(a <= t.start < b for a, b in excluded)
        # a term whose last words begin a name is a verb of that name's sentence: '107,4 tỷ đồng đầu tư phát triển
        # nông lâm nghiệp bền vững' invests in developing agriculture; it says nothing of the capital type. Money
        # named as such keeps its kind: 'giảm vốn đầu tư cơ sở hạ tầng thiết yếu' is investment capital
        and not (any(t.start < a < t.end for a, _ in names) and not _MONEY_NAMED.match(text, t.start))
    )


_MONEY_NAMED = re.compile(r"(?:nguồn\s+)?vốn\b|kinh\s+phí\b", re.IGNORECASE)


def _terms(text: str, span: tuple[int, int], dimension: str) -> list[Term]:
    return [t for t in cue_terms(text) if t.dimension == dimension and _in(span, t.start, t.end)]


def _pick(found: list[Term], nearest_to: int, priority: Sequence[str] | None) -> str | None:
    """Strong terms before weak ones; then by priority (phases) or by distance to the figure."""
    if not found:
        return None
    strong = [t for t in found if t.strong] or found
    if priority:
        return min(strong, key=lambda t: priority.index(t.value) if t.value in priority else len(priority)).value
    return min(strong, key=lambda t: min(abs(t.start - nearest_to), abs(t.end - nearest_to))).value


def own_term(site: Site, dimension: str, priority: Sequence[str] | None = None) -> str | None:
    """A term of `dimension` in the figure's own words (its lead and tail)."""
    own = [t for name, span in site.scopes() if name in ("lead", "tail") for t in _terms(site.text, span, dimension)]
    return _pick(own, site.start, priority)


def stated_term(site: Site, dimension: str, priority: Sequence[str] | None = None) -> str | None:
    """A term of `dimension` stated with the figure: its own words first (lead and tail together), then the
    clause lead, the list head, the earlier sentence."""
    scopes = site.scopes()
    value = own_term(site, dimension, priority)
    if value is not None:
        return value
    for name, span in scopes:
        if name in ("lead", "tail") or (name == "sentence" and dimension in LINE_DIMENSIONS):
            continue
        value = _pick(_terms(site.text, span, dimension), site.start, priority)
        if value is not None:
            return value
    return None


# what one line is made of: never read from another clause of its sentence ('... 4.861,5 triệu đồng vốn đối ứng
# NSĐP; đến ngày 30/11/2023 đã giải ngân 29.860 triệu đồng' says nothing of the level of the disbursement)
LINE_DIMENSIONS = ("capital_type", "budget_level", "funding_source")


def decide_term(
    site: Site,
    dimension: str,
    parent: Decided | None = None,
    document: str | None = None,
    priority: Sequence[str] | None = None,
) -> Decided:
    """Capital type, budget level, funding source: stated, else the parent's, else the heading's, else the
    document's (its title)."""
    value = stated_term(site, dimension, priority)
    if value is not None:
        return Decided(value, STATED)
    if parent is not None and parent.value is not None:
        return Decided(parent.value, PARENT)
    heading = _pick(_terms(site.section_title, (0, len(site.section_title)), dimension), 0, priority)
    if heading is not None:
        return Decided(heading, HEADING)
    if document is not None:
        return Decided(document, DOCUMENT)
    return Decided.unknown()


def terms_of_title(title: str, dimension: str) -> str | None:
    """The one value a title states for a dimension ('phân bổ vốn sự nghiệp ... ngân sách trung ương'), if only one."""
    values = {t.value for t in cue_terms(title) if t.dimension == dimension and t.strong}
    return values.pop() if len(values) == 1 else None


_KEPT = re.compile(r"[^;.]{0,12}?\bgiữ\s+nguyên\b", re.IGNORECASE)


_CONTINUES = re.compile(r"^\W*(?:trong\s+đó|cụ\s+thể|riêng|theo\s+đó)\b", re.IGNORECASE)


def carried_paragraphs(texts: Sequence[str]) -> list[str]:
    """For each paragraph, the one before it when it goes on from it ('Trong đó, ...', 'Cụ thể, ...'), else ''."""
    out, previous = [], ""
    for text in texts:
        out.append(previous if previous and _CONTINUES.match(text) else "")
        if text.strip():
            previous = text
    return out


# ---- budget phase -------------------------------------------------------------------------------------------------
def remainder_of(site: Site) -> str | None:
    """'còn lại chưa giải ngân', 'chưa phân bổ' stated with the figure: money not (yet) spent or allocated."""
    own = site.own
    for span in (own.lead, own.tail, own.rest):
        found = _terms(site.text, span, "phase_remainder")
        if found:
            return found[0].value
    return None


def decide_phase(
    site: Site, parent: Decided | None, document_phase: str, plan_context: str | None, sign: int = 1
) -> Decided:
    """Disbursed, adjusted, allocated or planned. A reduction is an adjustment. A remainder not yet disbursed takes
    the phase of the plan it is left from (`plan_context`: allocated after 'giao', planned after 'kế hoạch'); one
    not yet allocated is planned, unless the figure's own words allocate it ('phân bổ chi tiết ... còn lại chưa
    phân bổ')."""
    if sign < 0:
        return Decided("adjusted", STATED)
    remainder = remainder_of(site)
    negated = [(t.start, t.end) for t in cue_terms(site.text) if t.dimension == "phase_remainder"]

    def affirmed(span: tuple[int, int]) -> list[Term]:
        return [t for t in _terms(site.text, span, "budget_phase") if not any(a <= t.start < b for a, b in negated)]

    if _KEPT.match(site.text, site.end):  # 'giữ nguyên so với kế hoạch đã giao'
        return Decided("allocated", STATED)
    if remainder == "undisbursed":
        if any(t.value == "allocated" for t in affirmed(site.own.lead)):
            return Decided("allocated", STATED)
        return Decided(
            plan_context or (parent.value if parent and parent.value != "disbursed" else None) or "planned",
            PARAGRAPH if plan_context else STATED,
        )
    if remainder == "unallocated":
        if any(t.value == "allocated" and t.strong for t in affirmed(site.own.lead)):
            return Decided("allocated", STATED)  # 'phân bổ chi tiết 17,7 tỷ đồng ... còn lại chưa phân bổ'
        return Decided("planned", STATED)
    stated = stated_term(site, "budget_phase", PHASE_PRIORITY)
    if stated is not None:
        weak_only = all(
            not t.strong
            for t in _terms(site.text, (site.own.clause[0], site.own.rest[1]), "budget_phase")
            if t.value == stated
        )
        inherited = parent is not None and parent.value is not None
        allocated_here = document_phase == "allocated" and stated == "planned"  # 'bố trí' in an allocation
        if not (weak_only and (inherited or allocated_here)):
            return Decided(stated, STATED)
    if parent is not None and parent.value is not None:
        return Decided(parent.value, PARENT)
    heading = _pick(_terms(site.section_title, (0, len(site.section_title)), "budget_phase"), 0, PHASE_PRIORITY)
    if heading is not None:
        return Decided(heading, HEADING)
    return Decided(document_phase, DOCUMENT)


# ---- time ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Time:
    plan_year: int | None  # None for a figure over several years
    first_year: int | None
    last_year: int | None
    as_of: str | None
    basis: str
    horizon: bool = False  # a level to reach by a year or a deadline


def _time_in(text: str, span: tuple[int, int], figure: int | None = None) -> list[periods.TimeMention]:
    """Time mentions in a span, but for those that speak of something else ('so với cùng kỳ năm 2023') and, seen
    from a figure, those in brackets the figure is not in ('năm 2024 (kể cả vốn năm 2022 kéo dài) là 1.502 tỷ')."""
    excluded = [*_excluded(text), *(_asides(text, figure) if figure is not None else ())]
    return [
        t
        for t in periods.time_mentions(text)
        if _in(span, t.start, t.end)
        and not any(a <= t.start < b for a, b in excluded)
        and not _names_the_programme(text, t)
    ]


@functools.cache
def _programme_periods() -> dict[str, tuple[int, int]]:
    """Each programme's whole period (programs.csv): 2021-2030 for 1719/QĐ-TTg."""
    return {
        r["program_code"]: (int(r["period_start_year"]), int(r["period_end_year"]))
        for r in reference_rows("programs")
        if r["period_start_year"] and r["period_end_year"]
    }


def _names_the_programme(text: str, t: periods.TimeMention, whole_only: bool = True) -> bool:
    """The programme's whole period in its name ('... vùng đồng bào DTTS và miền núi giai đoạn 2021 - 2030') says
    nothing about a figure; a phase there ('giai đoạn 2021 - 2025') frames its own sentence but no later one
    (`whole_only=False` finds those too)."""
    if t.kind != "period":
        return False
    before = [m for m in mentions.terms_in(text) if m.dimension == "program" and m.strong and m.end <= t.start]
    if not before:
        return False
    if whole_only and _programme_periods().get(before[-1].value) != (t.first_year, t.last_year):
        return False
    rest_of_name = text[before[-1].end : t.start]  # '... vùng đồng bào' 'dân tộc thiểu số và miền núi' 'giai đoạn ...'
    return len(rest_of_name) <= 60 and not re.search(r"[,.;:]", rest_of_name)


def _asides(text: str, figure: int) -> list[tuple[int, int]]:
    """Bracketed spans of a text that do not hold the figure, nor gloss it right after its unit ('20 triệu
    đồng/người (năm 2020)')."""
    spans, stack = [], []
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            a = stack.pop()
            between = text[figure:a]
            glosses = a >= figure and len(between.split()) <= 3 and not re.search(r"[,;.:]\s", between)
            if not a < figure < i and not glosses and not stack:
                spans.append((a, i + 1))
    return spans


@dataclass(frozen=True)
class TimeContext:
    """What the document says about time, for figures that say nothing of their own."""

    reference: dt.date | None  # the article's or decision's own date: what 'đến nay' means
    document_years: tuple[int, int] | None  # the years a figure that names none is about
    report_as_of: str | None = None  # the date a report's lead says it stands at
    report_period: tuple[int, int] | None = None  # the years of implementation a report's lead looks back on

    @property
    def ref(self) -> dt.date | None:
        if self.reference is not None:
            return self.reference
        return dt.date(self.document_years[1], 12, 31) if self.document_years else None


def decide_time(site: Site, ctx: TimeContext, parent: Time | None = None, progress: bool = False) -> Time:
    """The years a figure covers and, for a progress figure (a disbursement, a result, a remainder), the date it
    stands at. Years: the time stated nearest the figure (a year right after it belongs to it: 'xuống 12,8% năm
    2023'), else the parent's when it stated them, else the first time of an earlier sentence of the paragraph
    (or of the paragraph it goes on from), the heading's, the document's. As-of date: stated with the figure or
    earlier in the paragraph; for a running total the report's years and date where it states none."""
    years, as_of, basis = _stated_time(site)
    if years is None and parent is not None and parent.first_year is not None and parent.basis in (STATED, PARAGRAPH):
        return _inherited(parent, as_of, ctx.ref, progress)
    years, as_of, basis, text = _paragraph_time(site, years, as_of, basis)
    first, last, horizon = _years_of(years, basis, ctx.ref)
    as_of_date = periods.resolve(as_of, ctx.ref).as_of if (as_of is not None and ctx.ref is not None) else None
    if first is None and as_of_date is not None and as_of is not None and as_of.kind == "as_of":
        first = last = int(as_of_date[:4])
        stated = [t for _, span in site.scopes() for t in _time_in(text, span)]
        basis = STATED if as_of in stated else PARAGRAPH
    if first is None:
        first, last, basis = _fallback_years(site, ctx, parent)
    if _report_covers(ctx, years, as_of, basis, last):
        first, last, basis = ctx.report_period[0], ctx.report_period[1], DOCUMENT  # type: ignore[index]
    if progress and as_of_date is None and _report_dates(ctx, first, last, basis):
        as_of_date = ctx.report_as_of
    if not progress:
        as_of_date = None
    plan_year = first if first is not None and first == last else None
    return Time(plan_year, first, last, as_of_date, basis, horizon)


def _stated_time(site: Site) -> tuple[periods.TimeMention | None, periods.TimeMention | None, str]:
    """The years and the as-of date stated with the figure: in its own words (a year right after it first), its
    clause, list head, sentence."""
    text = site.text
    years: periods.TimeMention | None = None
    as_of: periods.TimeMention | None = None
    own_tail = [t for t in _time_in(text, site.own.tail, site.start) if t.kind != "as_of"]
    if own_tail and own_tail[0].start - site.end <= 12:
        years = own_tail[0]
    for name, span in site.scopes():
        found = _time_in(text, span, site.start)
        pick = (lambda xs: xs[0]) if name == "tail" else (lambda xs: xs[-1])
        dated = [t for t in found[: 1 if name == "tail" else None] if t.kind != "as_of" or t.first_year is not None]
        if years is None and dated:
            years = pick(dated)
        dates = [t for t in found[: 1 if name == "tail" else None] if t.as_of is not None]
        if as_of is None and dates:
            as_of = pick(dates)
    return years, as_of, STATED if years is not None else UNKNOWN


def _paragraph_time(
    site: Site, years: periods.TimeMention | None, as_of: periods.TimeMention | None, basis: str
) -> tuple[periods.TimeMention | None, periods.TimeMention | None, str, str]:
    """What the earlier sentences of the paragraph say (the first time of each: a sentence's topic), then the
    paragraph this one goes on from ('Trong đó, ...'); with the text the years were read in."""
    text = site.text
    if years is None or as_of is None:
        earlier = [t for t in _time_in(text, (0, site.sentence[0])) if not _names_the_programme(text, t, False)]
        firsts = _sentence_firsts(text, earlier)
        if years is None and firsts:
            years, basis = firsts[-1], PARAGRAPH
        dates = [t for t in earlier if t.as_of is not None]
        if as_of is None and dates and (years is None or years.kind == "as_of"):
            as_of = dates[-1]  # not onto a figure of a year of its own ('Đến nay, ... Năm 2023 đạt 37,4 triệu')
    if years is None and site.carried:
        firsts = _sentence_firsts(site.carried, _time_in(site.carried, (0, len(site.carried))))
        if firsts:
            return firsts[-1], as_of, PARAGRAPH, site.carried
    return years, as_of, basis, text


def _years_of(
    years: periods.TimeMention | None, basis: str, ref: dt.date | None
) -> tuple[int | None, int | None, bool]:
    """First and last year of a mention; whether it is a level to reach: from now on ('từ nay đến năm 2025'), or
    by a year still ahead ('đến năm 2025')."""
    if years is None:
        return None, None, False
    if ref is not None:
        timing = periods.resolve(years, ref)
        horizon = years.horizon and basis == STATED and (years.first_year is None or timing.last_year > ref.year)
        return timing.first_year, timing.last_year, horizon
    if years.first_year is not None and years.first_year > 0 and years.last_year is not None:
        return years.first_year, years.last_year, False
    return None, None, False


def _fallback_years(site: Site, ctx: TimeContext, parent: Time | None) -> tuple[int | None, int | None, str]:
    """The parent's years, the heading's, the document's."""
    if parent is not None and parent.first_year is not None:
        return parent.first_year, parent.last_year, PARENT
    dated = [t for t in periods.time_mentions(site.section_title) if t.kind != "as_of"]
    if dated and ctx.ref is not None:
        timing = periods.resolve(dated[0], ctx.ref)
        return timing.first_year, timing.last_year, HEADING
    if ctx.document_years is not None:
        return ctx.document_years[0], ctx.document_years[1], DOCUMENT
    return None, None, UNKNOWN


def _report_covers(
    ctx: TimeContext,
    years: periods.TimeMention | None,
    as_of: periods.TimeMention | None,
    basis: str,
    last: int | None,
) -> bool:
    """A running total with no years of its own ('Đến nay, ... 246 hộ') covers the years the report looks back on,
    not 'đến nay''s year alone ('từ đầu năm đến nay' is this year's)."""
    return bool(
        ctx.report_period
        and as_of is not None
        and as_of.first_year is None
        and not as_of.year_to_date
        and basis in (STATED, PARAGRAPH)
        and (years is None or years.kind == "as_of")
        and ctx.report_period[0] <= (last or ctx.report_period[1]) <= ctx.report_period[1] + 1
    )


def _report_dates(ctx: TimeContext, first: int | None, last: int | None, basis: str) -> bool:
    """A progress figure that states no date of its own stands at the report's date when it is about the years
    the report covers."""
    return bool(
        ctx.report_as_of
        and first is not None
        and last is not None
        and basis in (PARAGRAPH, DOCUMENT, UNKNOWN)
        and first <= int(ctx.report_as_of[:4]) <= last + 1
    )


def _inherited(parent: Time, as_of: periods.TimeMention | None, ref: dt.date | None, progress: bool) -> Time:
    """A part's years are its whole's ('Năm 2023, ... 626 tỷ đồng. Trong đó, ngân sách Trung ương 302 tỷ ...')."""
    as_of_date = parent.as_of
    if as_of is not None and ref is not None:
        as_of_date = periods.resolve(as_of, ref).as_of
    return Time(parent.plan_year, parent.first_year, parent.last_year, as_of_date if progress else None, PARENT)


def _sentence_firsts(text: str, found: list[periods.TimeMention]) -> list[periods.TimeMention]:
    """The first time mention of each sentence (a sentence's topic: 'Năm 2025 là năm cuối của giai đoạn ...')."""
    firsts: dict[tuple[int, int], periods.TimeMention] = {}
    for t in found:
        if t.kind == "as_of" and t.first_year is None:
            continue
        firsts.setdefault(segment.sentence_of(text, t.start), t)
    return [firsts[k] for k in sorted(firsts)]


# ---- programme tree -----------------------------------------------------------------------------------------------
def _tree_in(text: str, span: tuple[int, int]) -> list[mentions.TreeMention]:
    return [t for t in mentions.tree_mentions(text) if _in(span, t.start, t.end)]


_LABEL_OF_BRACKETED = re.compile(r"[^()\d,;.:]{0,40}\(\s*\d")


def _labels_another_figure(text: str, mention: mentions.TreeMention, figure_start: int) -> bool:
    """A name right before an earlier bracketed figure labels that figure, not this one: in 'giáo dục (62.549 triệu
    đồng), bảo tồn văn hóa (87.398 triệu đồng), y tế (12.370 triệu đồng)' the third amount is not culture's."""
    m = _LABEL_OF_BRACKETED.match(text, mention.end)
    if not m or m.end() > figure_start:
        return False
    closing = text.find(")", m.end())
    return 0 <= closing < figure_start


def decide_project(site: Site, parent: TreeRef | None = None, parent_basis: str = PARENT) -> tuple[TreeRef, str]:
    """The project, sub-project and content item: named with the figure (by number, by name or a paraphrase: in
    its lead, or described after it, '52,8 tỷ đồng để giải quyết tình trạng thiếu đất ở'), else named by number
    earlier in the sentence, else the parent's, else the heading's. A paraphrase only refines the heading's
    project: it never moves a figure out of the project its section is about."""
    text, own = site.text, site.own
    outer = parent if parent is not None and parent.project_code else site.heading_tree
    heading = site.heading_tree
    if outer is parent and heading.project_code == parent.project_code and heading.depth > parent.depth:
        outer, parent_basis = heading, HEADING  # 'Tiểu dự án 1: ... Kinh phí: ...' under 'Dự án 3: ... gồm:'
        parent = heading
    candidates: list[mentions.TreeMention] = []
    # a name may run into the figure's own words ('186 công trình hạ tầng thiết yếu': the unit starts the name)
    named = mentions.tree_mentions(text)
    lead = [t for t in named if own.lead[0] <= t.start < site.start]
    if lead:
        candidates.append(lead[-1])
    else:
        rest = [t for t in named if site.start < t.end and site.end <= t.end and t.start < own.rest[1]]
        rest = [t for t in rest if site.by_topic or t.by_number]
        if rest:
            candidates.append(rest[0])
    if not candidates and own.clause_lead[0] < own.lead[0]:
        # the clause's lead, or what an earlier figure of the clause runs on to without a list break ('04 dự án
        # hỗ trợ phát triển sản xuất cộng đồng ... tại 02 xã')
        clause = [
            t
            for t in _tree_in(text, (own.clause_lead[0], own.lead[0]))
            if t.end <= own.clause_lead[1] or not re.search(r"[,;]", text[t.end : site.start])
        ]
        if clause:
            candidates.append(clause[-1])
    for scope in (site.outer_clause, site.list_head):
        if not candidates and scope:
            head = [t for t in _tree_in(text, scope) if not _labels_another_figure(text, t, site.start)]
            if head:
                candidates.append(head[-1])
    if not candidates:
        earlier = [t for t in _tree_in(text, (site.sentence[0], own.clause[0])) if t.by_number]
        if earlier:
            candidates.append(earlier[-1])
    if candidates:
        m = candidates[0]
        ref = mentions.resolve_sub(m.ref, outer)
        if not m.by_number and outer.project_code and ref.project_code != outer.project_code:
            return (outer, parent_basis if outer is parent else HEADING)
        if m.kind == "topic" and not site.by_topic and not outer.project_code:
            return TreeRef(), UNKNOWN
        return (ref.within(outer) if not m.by_number or not ref.project_code else _complete(ref, outer), STATED)
    if parent is not None and parent.project_code:
        return parent, parent_basis
    if site.heading_tree.project_code or site.heading_tree.content_code:
        return site.heading_tree, HEADING
    return TreeRef(), UNKNOWN


def _complete(ref: TreeRef, outer: TreeRef) -> TreeRef:
    """A project named by number keeps the enclosing sub-project only when it is the same project."""
    if ref.project_code == outer.project_code and not ref.sub_project_code:
        return TreeRef(ref.project_code, outer.sub_project_code, ref.content_code or outer.content_code)
    return ref


# ---- measure (targets) --------------------------------------------------------------------------------------------
_SECTION_MEASURE = (
    (re.compile(r"khái quát|đặc điểm|thực trạng|tình hình chung|hiện trạng", re.I), "baseline"),
    (re.compile(r"kết quả|tình hình thực hiện|đánh giá", re.I), "result"),
    (re.compile(r"nhiệm vụ|kế hoạch|mục tiêu|chỉ tiêu|phương hướng|dự kiến|giải pháp", re.I), "target"),
)
_DOC_MEASURE = {"progress_report": "result", "news": "result"}
_DONE_AFTER = re.compile(r"[^,;.]{0,40}?\b(?:được|đã)\s+(?!xác\s+định)\w", re.IGNORECASE)


def decide_measure(
    site: Site, figure_kind: str, doc_kind: str, time: Time, doc_year: int | None, document: str | None = None
) -> Decided:
    """Target, result or baseline. A support norm ('40 triệu đồng/hộ') is a target. A strong target cue earlier in
    the sentence ('phấn đấu', 'mục tiêu', 'dự kiến', 'sẽ') makes the rest of the sentence targets, and so does a
    figure for a later year than the document's, or one to reach by a year. Otherwise the cue nearest before the
    figure decides ('toàn tỉnh có 47 xã': baseline; 'đã hỗ trợ ... 1.500 hộ': result); then the section heading;
    then the document's kind (plans and decisions set targets, reports and news tell results)."""
    if figure_kind == "money_rate" and not _terms(site.text, (site.own.clause[0], site.start), "money_indicator"):
        return Decided("target", STATED)  # a support norm; income per head is told like any other level
    if doc_kind not in _DOC_MEASURE:
        return _plan_measure(site)
    a, _ = site.sentence
    before = [
        t for t in mentions.terms_in(site.text) if t.dimension == "measure" and a <= t.start and t.end <= site.start
    ]
    excluded = _excluded(site.text)
    before = [t for t in before if not any(x <= t.start < y for x, y in excluded)]
    strong = [t for t in before if t.strong]
    if strong and strong[-1].value == "target":  # 'phấn đấu ...' governs the rest of its sentence
        return Decided("target", STATED)
    if time.horizon or (time.first_year is not None and doc_year is not None and time.first_year > doc_year):
        return Decided("target", STATED if time.basis == STATED else time.basis)
    in_clause = [t for t in before if t.start >= site.own.clause[0]]
    if strong and not [t for t in in_clause if t.start > strong[-1].start and t.value != strong[-1].value]:
        return Decided(strong[-1].value, STATED)  # 'kết quả', 'lũy kế': results, unless a nearer cue says else
    if document == "target":  # a news item on a plan: what is to be done is told with the verbs of doing
        in_clause = [t for t in in_clause if t.strong or t.value != "result" or _PAST.match(site.text, t.start)]
    if in_clause:
        cue = in_clause[-1]
        if cue.value == "baseline" and _DONE_AFTER.match(site.text, site.end, site.own.rest[1] + 40):
            return Decided("result", STATED)  # 'có 126 hộ ... được hỗ trợ làm nhà mới': what was done
        if cue.value == "baseline" and _at_the_end(site):
            return Decided("result", STATED)  # 'tăng từ 20 triệu đồng/người (năm 2020) lên 24,3 triệu': the end
        return Decided(cue.value, STATED)
    if _COPULA.search(site.text[site.own.lead[0] : site.start]):
        return Decided("baseline", STATED)  # 'Đến cuối năm 2022, tỷ lệ hộ nghèo toàn tỉnh là 28,54%': a state
    if _goals_before(site):
        return Decided("target", PARAGRAPH)
    for pattern, measure in _SECTION_MEASURE:
        if pattern.search(site.section_title):
            return Decided(measure, HEADING)
    return Decided(document or _DOC_MEASURE.get(doc_kind, "target"), DOCUMENT)


_PAST = re.compile(r"đã\b|đạt\b", re.IGNORECASE)  # what was done, whatever the document is about


def _goals_before(site: Site) -> bool:
    """A figure whose sentence says nothing of what it is, after a sentence that sets goals ('Tỉnh đặt ra mục tiêu
    phấn đấu ... Tỷ lệ hộ nghèo mỗi năm giảm 4 - 5%. 100% xã có đường ô tô ...'): the goals go on."""
    a = site.sentence[0]
    excluded = _excluded(site.text)
    strong = [
        t
        for t in mentions.terms_in(site.text)
        if t.dimension == "measure" and t.strong and t.end <= a and not any(x <= t.start < y for x, y in excluded)
    ]
    return bool(strong) and strong[-1].value == "target"


# ---- labels: table columns and rows ------------------------------------------------------------------------------
DOC_PHASE = {
    "plan": "planned",
    "allocation_decision": "allocated",
    "adjustment": "adjusted",
    "progress_report": "planned",
    "news": "planned",
}


def label_term(label: str, dimension: str, priority: Sequence[str] | None = None) -> str | None:
    """The value a short label (a column header, a row label, a caption) states for a dimension: strong terms
    first, then by priority (phases) or the first one written."""
    found = [t for t in cue_terms(label) if t.dimension == dimension]
    return _pick(found, 0, priority)


def decide_labelled(
    dimension: str,
    stated: Sequence[str],
    parent: Decided | None,
    headings: Sequence[str],
    document: str | None,
    priority: Sequence[str] | None = None,
) -> Decided:
    """A table cell's attribute: its column header and row label (stated), the parent row, the caption or
    heading above the table, the document."""
    for text in stated:
        value = label_term(text, dimension, priority)
        if value is not None:
            return Decided(value, STATED)
    if parent is not None and parent.value is not None:
        return Decided(parent.value, PARENT)
    for text in headings:
        value = label_term(text, dimension, priority)
        if value is not None:
            return Decided(value, HEADING)
    if document is not None:
        return Decided(document, DOCUMENT)
    return Decided.unknown()


def labelled_time(
    stated: Sequence[str], headings: Sequence[str], reference: dt.date | None, document_years: tuple[int, int] | None
) -> Time:
    """A table cell's years: a year or period in its column header or row label, else in the caption above."""
    ref = reference or (dt.date(document_years[1], 12, 31) if document_years else None)
    for texts, basis in ((stated, STATED), (headings, HEADING)):
        for text in texts:
            dated = [t for t in periods.time_mentions(text) if t.kind != "as_of"]
            if dated and ref is not None:
                timing = periods.resolve(dated[0], ref)
                first, last = timing.first_year, timing.last_year
                return Time(first if first == last else None, first, last, None, basis, dated[0].horizon)
    if document_years is not None:
        first, last = document_years
        return Time(first if first == last else None, first, last, None, DOCUMENT)
    return Time(None, None, None, None, UNKNOWN)


def _plan_measure(site: Site) -> Decided:
    """In a plan or decision every figure is a target, but for the situation it starts from ('Toàn huyện có 8 xã',
    'hiện có'), stated as a baseline right before the figure in its clause."""
    a = site.own.clause[0]
    before = [
        t
        for t in mentions.terms_in(site.text)
        if t.dimension == "measure"
        and a <= t.start
        and t.end <= site.start
        and t.value == "baseline"
        and not t.strong
        and not re.match(r"(?:tăng|giảm)\s+từ", site.text[t.start : t.end], re.IGNORECASE)  # 'tăng từ 1.850 hộ lên'
    ]
    if before and not _terms_between(site, before[-1].end, "measure"):
        return Decided("baseline", STATED)
    return Decided("target", DOCUMENT)


def _terms_between(site: Site, start: int, dimension: str) -> list[Term]:
    return [t for t in mentions.terms_in(site.text) if t.dimension == dimension and start <= t.start < site.start]


# ---- money that is not a funding line -----------------------------------------------------------------------------
def money_as_indicator(site: Site) -> bool:
    """A money figure that is an indicator, not money of the programme: income or product per head ('thu nhập bình
    quân đầu người đạt 24,1 triệu đồng'), or a goal ('phấn đấu ... giải ngân 162,9 tỷ đồng'). It is a target row
    in its own unit, never a funding line."""
    a = site.sentence[0]
    stated = (site.own.clause[0], site.start)
    if _terms(site.text, stated, "money_indicator"):
        return True
    goal = [t for t in mentions.terms_in(site.text) if t.dimension == "measure" and t.value == "target" and t.strong]
    goal = [t for t in goal if a <= t.start < site.start and t.end <= site.start]
    return bool(goal) and any(t.value == "disbursed" for t in _terms(site.text, site.own.lead, "budget_phase"))


_COPULA = re.compile(r"\blà\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?$", re.IGNORECASE)
_FROM = re.compile(r"\b(?:giảm|tăng)\s+(?:từ|từ\s+mức)\s*$", re.IGNORECASE)
_TO = re.compile(r"\b(?:xuống|lên|còn)\b[^,;]{0,12}$", re.IGNORECASE)


def _at_the_end(site: Site) -> bool:
    """The second figure of 'tăng từ X ... lên Y', 'giảm từ X xuống còn Y'."""
    lead = site.text[site.own.lead[0] : site.start]
    return bool(_TO.search(lead)) and site.index > 0 and bool(_FROM.search(site.text[: site.spans[site.index - 1][0]]))


def at_endpoint(site: Site, time: Time) -> Time:
    """'Giai đoạn 2021 - 2024, tỷ lệ hộ nghèo giảm từ 4,86% xuống còn 1,53%': the first figure is the level at
    the period's start, the second at its end."""
    if time.first_year is None or time.last_year is None or time.first_year == time.last_year:
        return time
    lead = site.text[site.own.lead[0] : site.start]
    if _FROM.search(lead):
        return Time(time.first_year, time.first_year, time.first_year, None, time.basis)
    if _at_the_end(site):
        return Time(time.last_year, time.last_year, time.last_year, time.as_of, time.basis)
    return time


# ---- programme ----------------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=4096)
def program_cues(text: str) -> tuple[tuple[int, str], ...]:
    """Where a text names a programme (the strong programme terms of cue_terms.csv): (position, code)."""
    return tuple((t.start, t.value) for t in mentions.terms_in(text) if t.dimension == "program" and t.strong)


def program_of(text: str, fig_start: int, fig_end: int, clause: tuple[int, int], carried: str) -> str:
    """The programme a figure belongs to: the last programme named before it in its sentence, else one named
    after it in its clause, else the programme carried from earlier sentences (the document's by default)."""
    sentence_start = segment.sentence_of(text, fig_start)[0]
    cues = program_cues(text)
    before = [code for pos, code in cues if sentence_start <= pos < fig_start]
    if before:
        return before[-1]
    after = [code for pos, code in cues if fig_end <= pos < clause[1]]
    if after:
        return after[0]
    earlier = [code for pos, code in cues if pos < sentence_start]
    return earlier[-1] if earlier else carried
