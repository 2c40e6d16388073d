"""Targets in prose: every quantity, percentage and rate stated in a document's text, with the programme tree
position, place, programme, measure and year it belongs to."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from loaders import context
from loaders.figures import Figure, scan
from loaders.identify import DocumentMeta
from loaders.model import Provenance, TargetRow
from loaders.outline import OutlineUnit, ProgrammeRef, alias_in, programme_ref_in, resolve_sub

_INLINE_REF = re.compile(r"(?<![\wểêế])(?:ti[ểêế]u\s+)?d[ựự]\s*án\s+(?:\d|[a-zà-ỹđ])|n[ộo]i\s+dung\s+số", re.I)
_CARRY_SENTENCE = re.compile(r"^\s*(?:trong\s+đó|cụ\s+thể|riêng|ngoài\s+ra)\b", re.I)


@dataclass(frozen=True)
class DocContext:
    document_id: str
    source_file: str
    meta: DocumentMeta
    default_program: str  # DTTS unless the document is about several programmes


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in context._SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


# a project named right after the figure, in its clause: '1.500 triệu đồng vốn sự nghiệp của Dự án 3'
_REF_AFTER = re.compile(r"[^,;:.()\n\t]{0,60}?\b(?:của|cho|thuộc)\s+(?=(?:ti[ểêế]u\s+)?d[ựự]\s*án\s+\d)", re.I)


def inline_programme(text: str, fig_start: int, outer: ProgrammeRef, fig_end: int | None = None) -> ProgrammeRef:
    """A project named in the figure's sentence before the figure overrides the section's ('theo Dự án 1 ...'),
    or, when none is, one named right after it ('giảm 1.500 triệu đồng của Dự án 3')."""
    sentences = sentence_bounds(text)
    idx = next(i for i, (a, b) in enumerate(sentences) if a <= fig_start < b or b == len(text))
    spans = [sentences[idx]]
    if _CARRY_SENTENCE.match(text[sentences[idx][0] :]) and idx > 0:
        spans.insert(0, sentences[idx - 1])
    best: ProgrammeRef | None = None
    for a, b in spans:
        part = text[a : min(b, fig_start)]
        for m in _INLINE_REF.finditer(part):
            ref = programme_ref_in(part[m.start() :], at_start=True)
            if ref:
                best = resolve_sub(ref, outer)
        alias = alias_in(part)
        if alias and best is None:
            best = alias
    after = _REF_AFTER.match(text, fig_end) if best is None and fig_end is not None else None
    if after:
        ref = programme_ref_in(text[after.end() :], at_start=True)
        best = resolve_sub(ref, outer) if ref else None
    if best is None:
        return outer
    if best.project_code and best.project_code != outer.project_code:
        return best
    return ProgrammeRef(
        best.project_code or outer.project_code,
        best.sub_project_code or outer.sub_project_code,
        best.content_code or (outer.content_code if not best.sub_project_code else None),
    )


def prose_targets(doc: DocContext, units: Sequence[OutlineUnit]) -> list[TargetRow]:
    rows: list[TargetRow] = []
    meta = doc.meta
    carried_program = doc.default_program
    for ou in units:
        unit = ou.unit
        text = unit.text
        if "\t" in text.strip("\t") or not text.strip():
            continue
        figures = scan(text, ou.numbering.content_start)
        unit_rows = []
        for i, fig in enumerate(figures):
            if fig.kind not in ("quantity", "percent", "money_rate"):
                continue
            unit_rows.append((fig, _target_row(doc, ou, text, fig, figures[i + 1 :], carried_program)))
        rows.extend(_link_breakdowns(text, unit_rows))
        cues = context.program_cues(text)
        if cues and meta.doc_kind in ("news", "progress_report"):
            carried_program = cues[-1][1]
    return rows


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
    doc: DocContext, ou: OutlineUnit, text: str, fig: Figure, later: Sequence[Figure], carried_program: str
) -> TargetRow:
    meta = doc.meta
    clause = context.clause_span(text, fig.start, fig.end)
    next_start = later[0].start if later else None
    area = context.area_of(text, fig, clause, next_start, meta.province_code, meta.admin_level, meta.area_name)
    programme = inline_programme(text, fig.start, ou.programme, fig.end)
    program = (
        context.program_of(text, fig, clause, carried_program)
        if meta.doc_kind in ("news", "progress_report")
        else doc.default_program
    )
    year = context.year_of(text, fig, clause, ou.section_title, meta.plan_year)
    measure = context.measure_of(text, fig, clause, ou.section_title, meta.doc_kind, year, meta.plan_year)
    qa, qb = context.quote_span(text, fig.start, fig.end)
    provenance = Provenance(
        doc.source_file, ou.unit.line, ou.unit.locator, fig.start, text[fig.start : fig.end], text[qa:qb]
    )
    return TargetRow(
        document_id=doc.document_id,
        program_code=program,
        province_code=meta.province_code,
        plan_year=year,
        admin_level=area.admin_level,
        area_name=area.area_name,
        project_code=programme.project_code,
        sub_project_code=programme.sub_project_code,
        content_code=programme.content_code,
        indicator_name=context.indicator_of(text, fig, clause),
        target_value=fig.value,
        denominator_value=fig.denominator,
        unit_raw=fig.unit_raw or "",
        comparator=fig.comparator,
        measure=measure,
        origin="prose",
        parent_span_start=None,
        provenance=provenance,
    )
