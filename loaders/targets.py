"""Targets in prose: every quantity, percentage and rate stated in a document's text, with the programme tree
position, place, programme, measure and year it belongs to."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from loaders import attribution, places, segment
from loaders.attribution import Site
from loaders.figures import PLANNED_PART, Figure, achieved_part, figures_in
from loaders.identify import DocumentMeta
from loaders.model import Provenance, TargetRow
from loaders.outline import OutlineUnit
from loaders.textnorm import collapse_spaces
from loaders.vnnum import parse_number


@dataclass(frozen=True)
class DocContext:
    document_id: str
    source_file: str
    meta: DocumentMeta
    default_program: str  # DTTS unless the document is about several programmes
    report_as_of: str | None = None  # the date a report's lead says it stands at (extract.report_as_of)
    report_period: tuple[int, int] | None = None  # the years a report's lead looks back on (extract.report_period)
    document_phase: str = "planned"  # the phase of money nothing nearer speaks of (extract.reported_phase)
    document_measure: str | None = None  # what a news item's figures are when it reports a plan: targets

    @property
    def reference_date(self) -> dt.date | None:
        """The date 'đến nay' means: the document's or article's own date."""
        return dt.date.fromisoformat(self.meta.issued_date) if self.meta.issued_date else None

    @property
    def time_context(self) -> attribution.TimeContext:
        return attribution.TimeContext(self.reference_date, self.years, self.report_as_of, self.report_period)

    def heading_of(self, ou: OutlineUnit) -> str:
        """The heading above a unit's text, but never the document's own title (a news item's headline frames the
        whole item; it is not a section)."""
        title = ou.context_title.strip()
        return "" if title and title == self.meta.title.strip()[: len(title)] else ou.context_title

    @property
    def years(self) -> tuple[int, int] | None:
        """The years a figure that says none is about: the document's year, else the year of its date."""
        if self.meta.plan_year is not None:
            return self.meta.plan_year, self.meta.plan_year
        if self.meta.issued_date:
            year = int(self.meta.issued_date[:4])
            return year, year
        return None


def prose_targets(doc: DocContext, units: Sequence[OutlineUnit]) -> list[TargetRow]:
    rows: list[TargetRow] = []
    meta = doc.meta
    carried_program = doc.default_program
    by_topic = doc.meta.doc_kind in attribution.TOPIC_KINDS
    carried = attribution.carried_paragraphs([ou.unit.text for ou in units])
    for ou, before in zip(units, carried, strict=True):
        unit = ou.unit
        text = unit.text
        if "\t" in text.strip("\t") or not text.strip():
            continue
        figures = figures_in(text, ou.numbering.content_start)
        unit_rows = []
        spans = tuple((f.start, f.end) for f in figures)
        for i, fig in enumerate(figures):
            if fig.kind == "money" and attribution.money_as_indicator(Site(text, spans, i)):
                fig = money_indicator(fig)
            elif fig.kind not in ("quantity", "percent", "money_rate"):
                continue
            row = _target_row(
                doc, ou, text, (*figures[:i], fig, *figures[i + 1 :]), i, carried_program, by_topic, before
            )
            each = _for_each_place(doc, text, figures, i, row)
            unit_rows.extend((fig, r) for r in each or [row])
        rows.extend(_link_breakdowns(text, _projects_of_siblings(text, unit_rows)))
        cues = attribution.program_cues(text)
        if cues and meta.doc_kind in ("news", "progress_report"):
            carried_program = cues[-1][1]
    return rows


def _for_each_place(doc: DocContext, text: str, figures: Sequence[Figure], i: int, row: TargetRow) -> list[TargetRow]:
    """One figure stated for several places ('huyện Bắc Yên, Mường La mới đạt dưới 30%') is a row for each, each
    keyed by where its place is named; none when the figure is about one place."""
    spans = tuple((f.start, f.end) for f in figures)
    lead = segment.ownership(text, list(spans), i).lead
    areas = places.areas_of(text, lead, doc.meta.province_code)
    rows = []
    for n, area in enumerate(areas):
        start = row.provenance.span_start if n == 0 else text.find(area.area_name or "", lead[0])
        rows.append(
            replace(
                row,
                admin_level=area.admin_level,
                area_name=area.area_name,
                area_code=area.area_code,
                provenance=replace(row.provenance, span_start=start),
            )
        )
    return rows


def money_indicator(fig: Figure) -> Figure:
    """A money figure read as an indicator: its value in the unit it is written in ('24,1 triệu đồng')."""
    unit = f"{fig.scale_word} đồng" if fig.scale_word in ("triệu", "tỷ") else "triệu đồng"
    value = parse_number(fig.number_text) if fig.scale_word in ("triệu", "tỷ") else fig.value
    return replace(fig, kind="money_indicator", value=value, unit_raw=unit)


def _projects_of_siblings(text: str, unit_rows: list[tuple[Figure, TargetRow]]) -> list[tuple[Figure, TargetRow]]:
    """A figure that names no project takes its neighbour's when it is a part of it ('186 công trình hạ tầng thiết
    yếu, trong đó đã hoàn thành 97/186 công trình') or the next item of one list ('64 công trình giao thông nông
    thôn, 18 trường học'); one whose sentence says nothing of what it is takes its neighbour's measure the same
    way, across a semicolon too ('Trong đó, người Khmer có trên 24.100 người; người Hoa 6.015 người')."""
    out = list(unit_rows)
    for i in range(1, len(out)):
        (prev_fig, prev), (fig, row) = out[i - 1], out[i]
        between = text[prev_fig.end : fig.start]
        part = re.search(r"\btrong\s+đó\b", between, re.IGNORECASE) is not None
        listed = len(between.split()) <= 6 and re.fullmatch(r"[^;.:]*[,;]\s*", between) is not None
        same_list = (part or listed) and ";" not in between
        if (
            not row.project_code
            and prev.project_code
            and prev.project_basis == attribution.STATED
            and (same_list or fig.denominator == prev_fig.value)
        ):
            row = replace(
                row,
                project_code=prev.project_code,
                sub_project_code=prev.sub_project_code,
                content_code=prev.content_code,
                project_basis=attribution.PARENT,
            )
        next_item = len(between.split()) <= 6 and re.fullmatch(r"[^;.:,]*[,;][^;.:,]*", between) is not None
        if (
            row.measure_basis == attribution.DOCUMENT
            and prev.measure_basis in (attribution.STATED, attribution.PARENT)
            and (part or next_item)
            and segment.sentence_of(text, prev_fig.start) == segment.sentence_of(text, fig.start)
        ):
            row = replace(row, measure=prev.measure, measure_basis=attribution.PARENT)
        out[i] = (fig, row)
    return out


_PART_OPENER = re.compile(r"\(|\b(?:cụ\s+thể|trong\s+đó|gồm|bao\s+gồm)\b", re.I)


def _link_breakdowns(text: str, unit_rows: list[tuple[Figure, TargetRow]]) -> list[TargetRow]:
    """Figures that break a figure down by district, commune or level ('05 xã (huyện Bắc Sơn: 01 xã; ...)',
    '200 cuộc (cấp tỉnh 20 cuộc; cấp huyện 180 cuộc)') are its parts: they keep the whole's position."""
    out = [row for _, row in unit_rows]
    claimed: set[int] = set()
    for i, (whole_fig, whole) in enumerate(unit_rows):
        if i in claimed:
            continue
        parts: list[int] = []
        for j in range(i + 1, len(unit_rows)):
            fig, row = unit_rows[j]
            if row.unit_raw != whole.unit_raw or j in claimed:
                break
            between = text[whole_fig.end : fig.start]
            if not parts and not _PART_OPENER.search(between):
                break
            if "(" in between and between.count(")") >= between.count("("):
                break  # past the bracket that held the parts: '117 hộ (xã A: 9 hộ; ...); đất ở cho 26 hộ'
            if (row.admin_level, row.area_name) == (
                whole.admin_level,
                whole.area_name,
            ) and row.admin_level == "province":
                break
            parts.append(j)
        if len(parts) >= 2:
            for j in parts:
                out[j] = replace(out[j], parent_span_start=whole.provenance.span_start)
                claimed.add(j)
    return out


def _target_row(
    doc: DocContext,
    ou: OutlineUnit,
    text: str,
    figures: Sequence[Figure],
    i: int,
    carried_program: str,
    by_topic: bool,
    before: str = "",
) -> TargetRow:
    meta = doc.meta
    fig = figures[i]
    spans = tuple((f.start, f.end) for f in figures)
    heading = ou.programme
    site = Site(text, spans, i, doc.heading_of(ou), heading, by_topic, before)
    clause = site.own.clause
    next_start = figures[i + 1].start if i + 1 < len(figures) else None
    area = places.area_of(text, fig, clause, next_start, meta.province_code, meta.admin_level, meta.area_name)
    tree, tree_basis = attribution.decide_project(site)
    program = (
        attribution.program_of(text, fig.start, fig.end, clause, carried_program)
        if meta.doc_kind in ("news", "progress_report")
        else doc.default_program
    )
    doc_year = doc.years[1] if doc.years else None
    time = attribution.at_endpoint(
        site,
        attribution.decide_time(site, doc.time_context, progress=True),
    )
    measure = attribution.decide_measure(site, fig.kind, meta.doc_kind, time, doc_year, doc.document_measure)
    if fig.qualifier == PLANNED_PART:  # 'đạt 78,70/70%': the share planned
        measure = attribution.Decided("target", attribution.STATED)
    elif achieved_part(text, fig):  # ... and the share achieved, whatever the sentence says of goals
        measure = attribution.Decided("result", attribution.STATED)
    as_of = time.as_of if measure.value == "result" else None
    qa, qb = segment.quote_span(text, fig.start, fig.end)
    provenance = Provenance(
        doc.source_file, ou.unit.line, ou.unit.locator, fig.start, text[fig.start : fig.end], text[qa:qb]
    )
    return TargetRow(
        document_id=doc.document_id,
        program_code=program,
        province_code=meta.province_code,
        plan_year=time.plan_year,
        admin_level=area.admin_level,
        area_name=area.area_name,
        area_code=area.area_code,
        period_start_year=time.first_year,
        period_end_year=time.last_year,
        as_of_date=as_of,
        project_code=tree.project_code,
        sub_project_code=tree.sub_project_code,
        content_code=tree.content_code,
        indicator_name=indicator_of(text, fig, clause),
        target_value=fig.value,
        denominator_value=fig.denominator,
        unit_raw=fig.unit_raw or "",
        comparator=fig.comparator,
        measure=measure.value or "target",
        project_basis=tree_basis,
        measure_basis=measure.basis,
        year_basis=time.basis,
        origin="prose",
        parent_span_start=None,
        provenance=provenance,
    )


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
