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

STATED, PARAGRAPH, PARENT, HEADING, DOCUMENT, UNKNOWN = (
    "stated",
    "paragraph",
    "parent",
    "heading",
    "document",
    "unknown",
)
PHASE_PRIORITY = ("disbursed", "adjusted", "allocated", "planned")
TOPIC_KINDS = ("news", "progress_report")  # documents that name projects by what they fund


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


_EXCLUDED = re.compile(r"\b(?:ngoài|không\s+kể|chưa\s+kể|so\s+với|bên\s+cạnh)\b[^,;:.]*", re.IGNORECASE)


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
    return tuple(t for t in mentions.terms_in(text) if not any(a <= t.start < b for a, b in excluded))


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


def stated_term(site: Site, dimension: str, priority: Sequence[str] | None = None) -> str | None:
    """A term of `dimension` stated with the figure: its own words first (lead and tail together), then the
    clause lead, the list head, the earlier sentence."""
    scopes = site.scopes()
    own = [t for name, span in scopes if name in ("lead", "tail") for t in _terms(site.text, span, dimension)]
    value = _pick(own, site.start, priority)
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
        if not (weak_only and parent is not None and parent.value is not None):
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


def _names_the_programme(text: str, t: periods.TimeMention) -> bool:
    """The period in the programme's own name ('... vùng đồng bào DTTS và miền núi giai đoạn 2021 - 2030') says
    nothing about a figure."""
    if t.kind != "period":
        return False
    before = [m for m in mentions.terms_in(text) if m.dimension == "program" and m.value == "DTTS" and m.end <= t.start]
    return bool(before) and t.start - before[-1].end <= 25


def _asides(text: str, figure: int) -> list[tuple[int, int]]:
    """Bracketed spans of a text that do not hold the figure."""
    spans, stack = [], []
    for i, c in enumerate(text):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            a = stack.pop()
            if not a < figure < i and not stack:
                spans.append((a, i + 1))
    return spans


def decide_time(
    site: Site,
    reference: dt.date | None,
    document_years: tuple[int, int] | None,
    parent: Time | None = None,
    progress: bool = False,
    report_as_of: str | None = None,
) -> Time:
    """The years a figure covers and, for a progress figure (a disbursement, a result, a remainder), the date it
    stands at. Years: the time stated nearest the figure (a year right after it belongs to it: 'xuống 12,8% năm
    2023'), else the first time of an earlier sentence of the paragraph, the parent's, the heading's, the
    document's. As-of date: stated with the figure or earlier in the paragraph."""
    text = site.text
    ref = reference or (dt.date(document_years[1], 12, 31) if document_years else None)
    years: periods.TimeMention | None = None
    basis = UNKNOWN
    as_of: periods.TimeMention | None = None
    scopes = site.scopes()
    own_tail = [t for t in _time_in(text, site.own.tail, site.start) if t.kind != "as_of"]
    if own_tail and own_tail[0].start - site.end <= 12:
        years, basis = own_tail[0], STATED
    for name, span in scopes:
        found = _time_in(text, span, site.start)
        if name == "tail":
            found = found[:1]
        if years is None:
            dated = [t for t in found if t.kind != "as_of" or t.first_year is not None]
            if dated:
                years = dated[-1] if name != "tail" else dated[0]
                basis = STATED
        if as_of is None:
            dates = [t for t in found if t.as_of is not None]
            if dates:
                as_of = dates[-1] if name != "tail" else dates[0]
    paragraph = (0, site.sentence[0])
    if years is None and parent is not None and parent.first_year is not None and parent.basis in (STATED, PARAGRAPH):
        return _inherited(parent, as_of, ref, progress)
    if years is None or as_of is None:
        earlier = _time_in(text, paragraph)
        if years is None:
            firsts = _sentence_firsts(text, earlier)
            if firsts:
                years, basis = firsts[-1], PARAGRAPH
        if as_of is None:
            dates = [t for t in earlier if t.as_of is not None]
            if dates:
                as_of = dates[-1]
    first = last = None
    horizon = False
    if years is not None and ref is not None:
        timing = periods.resolve(years, ref)
        first, last = timing.first_year, timing.last_year
        # a level to reach: from now on ('từ nay đến năm 2025'), or by a year still ahead ('đến năm 2025')
        horizon = years.horizon and basis == STATED and (years.first_year is None or last > ref.year)
    elif years is not None and years.first_year is not None and years.first_year > 0 and years.last_year is not None:
        first, last = years.first_year, years.last_year
    as_of_date = periods.resolve(as_of, ref).as_of if (as_of is not None and ref is not None) else None
    if first is None and as_of_date is not None and as_of is not None and as_of.kind == "as_of":
        first = last = int(as_of_date[:4])
        basis = STATED if as_of in [t for _, s in scopes for t in _time_in(text, s)] else PARAGRAPH
    if first is None and parent is not None and parent.first_year is not None:
        first, last, basis = parent.first_year, parent.last_year, PARENT
    if first is None:
        heading = periods.time_mentions(site.section_title)
        dated = [t for t in heading if t.kind != "as_of"]
        if dated and ref is not None:
            timing = periods.resolve(dated[0], ref)
            first, last, basis = timing.first_year, timing.last_year, HEADING
    if first is None and document_years is not None:
        first, last, basis = document_years[0], document_years[1], DOCUMENT
    if progress and as_of_date is None and report_as_of and first is not None and last is not None:
        if first <= int(report_as_of[:4]) <= last + 1:  # the report's date, for a figure of the years it covers
            as_of_date = report_as_of
    if not progress:
        as_of_date = None
    plan_year = first if first is not None and first == last else None
    return Time(plan_year, first, last, as_of_date, basis, horizon)


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
        clause = _tree_in(text, (own.clause_lead[0], own.lead[0]))
        if clause:
            candidates.append(clause[-1])
    for scope in (site.outer_clause, site.list_head):
        if not candidates and scope:
            head = _tree_in(text, scope)
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


def decide_measure(site: Site, figure_kind: str, doc_kind: str, time: Time, doc_year: int | None) -> Decided:
    """Target, result or baseline. A support norm ('40 triệu đồng/hộ') is a target. A strong target cue earlier in
    the sentence ('phấn đấu', 'mục tiêu', 'dự kiến', 'sẽ') makes the rest of the sentence targets, and so does a
    figure for a later year than the document's, or one to reach by a year. Otherwise the cue nearest before the
    figure decides ('toàn tỉnh có 47 xã': baseline; 'đã hỗ trợ ... 1.500 hộ': result); then the section heading;
    then the document's kind (plans and decisions set targets, reports and news tell results)."""
    if figure_kind == "money_rate":
        return Decided("target", STATED)
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
    if in_clause:
        cue = in_clause[-1]
        if cue.value == "baseline" and _DONE_AFTER.match(site.text, site.end, site.own.rest[1] + 40):
            return Decided("result", STATED)  # 'có 126 hộ ... được hỗ trợ làm nhà mới': what was done
        return Decided(cue.value, STATED)
    for pattern, measure in _SECTION_MEASURE:
        if pattern.search(site.section_title):
            return Decided(measure, HEADING)
    return Decided(_DOC_MEASURE.get(doc_kind, "target"), DOCUMENT)


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
