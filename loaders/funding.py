"""Funding lines in prose: every money amount with its place in the document's hierarchy ("trong đó", "gồm",
parenthesised breakdowns, numbered lists), classified by capital type, budget level, funding source, budget phase,
programme, project and area.

The tree is built from what the text says (structure first: parentheses, inline "trong đó"/"gồm", list nesting
under a line that ends with "trong đó:"), then from arithmetic evidence the text leaves implicit (a "Tổng"
item followed by sibling items that add up to it exactly), then, for news and reports, from the programmes named
(a figure for three programmes together is the parent of each programme's figure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from loaders import attribution, places, segment
from loaders.attribution import STATED, Decided, Site, Time
from loaders.figures import Figure, figures_in
from loaders.mentions import TreeRef
from loaders.model import FundingRow, Provenance
from loaders.outline import OutlineUnit
from loaders.targets import DocContext
from loaders.textnorm import ascii_fold, collapse_spaces

_INLINE_OPENER = re.compile(r"\b(?:trong\s+đó|bao\s+gồm|gồm(?:\s+có)?|cụ\s+thể(?:\s+như\s+sau)?|chia\s+ra)\b", re.I)
_UNIT_OPENER = re.compile(
    r"(?:trong\s+đó|bao\s+gồm|gồm(?:\s+có)?|cụ\s+thể|như\s+sau|chi\s+tiết\s+như\s+sau)\s*:?\s*$"
    r"|:\s*$",
    re.I,
)
# a sentence about a part of what the one before stated ('Trong đó, ...', 'Riêng vốn sự nghiệp, ...'), but not one
# about another year ('Riêng năm 2023, huyện được giao ...': an amount of its own)
_SUBSET_SENTENCE = re.compile(r"^\s*(?:riêng|trong\s+đó|cụ\s+thể)\b(?!\s+(?:trong\s+)?năm\s+\d{4})", re.I)
# a sentence that breaks down the money a paragraph before stated: 'Trong tổng số vốn giai đoạn 2021 - 2025, ...',
# 'Trong tổng nguồn vốn trên, ...'
_OF_THE_TOTAL = re.compile(r"^\W*trong\s+tổng\s+(?:số\s+)?(?:nguồn\s+)?vốn\b", re.I)
OFF_BUDGET = ("credit_other",)  # funding sources that are no budget's money
_TOTAL_LABEL = re.compile(r"\btổng\b", re.I)
_PHASE_PRIORITY = ("disbursed", "adjusted", "allocated", "planned")
EXACT_SCALES = {"triệu", "đồng", "nghìn", "ngàn"}


@dataclass(eq=False)
class Mention:
    order: int
    ou: OutlineUnit
    fig: Figure
    depth: int  # parenthesis depth at the figure
    open_paren: int | None  # position of the innermost '(' enclosing the figure
    sentence: int
    label: str
    parent: Mention | None = None
    relation: str | None = None  # how the parent was found: paren | inline | list | sum | programme
    inline_scope: tuple[int, str] | None = None  # an opener after this mention: (sentence, clause|sentence)
    children: list[Mention] = field(default_factory=list)
    attrs: LineAttrs | None = None
    code: str = ""

    reduction: bool = False  # a part of a reduction ('giảm 26,35 tỷ đồng tại huyện Kbang (14,1 tỷ đồng) ...')

    @property
    def amount(self) -> Decimal:
        return -self.fig.value if self.reduction else self.fig.signed_value

    @property
    def precision(self) -> Decimal:
        return Decimal(0) if (self.fig.scale_word or "triệu") in EXACT_SCALES else self.fig.precision


def _sentence_index(text: str, pos: int) -> int:
    return sum(1 for m in segment.SENTENCE_END.finditer(text, 0, pos))


def _label(text: str, fig: Figure, prev_end: int) -> str:
    a, _ = segment.clause_span(text, fig.start, fig.end)
    a = max(a, prev_end)
    label = text[a : fig.start]
    label = re.sub(r"^[\s,;:.)(\-–+]*(?:và|gồm|trong đó|bao gồm)?\s*", "", label, flags=re.I)
    label = re.sub(r"\s*(?:là|:|,|đạt|khoảng|gần|hơn|trên|với|được\s+bố\s+trí|bố\s+trí)+\s*$", "", label, flags=re.I)
    return collapse_spaces(label)[:240]


def collect_mentions(units: Sequence[OutlineUnit], start_order: int = 0) -> list[tuple[OutlineUnit, list[Mention]]]:
    """Money mentions per unit (empty lists for units without money), in document order."""
    per_unit: list[tuple[OutlineUnit, list[Mention]]] = []
    order = start_order
    for ou in units:
        text = ou.unit.text
        found: list[Mention] = []
        if text.strip() and "\t" not in text.strip("\t"):
            prev_end = 0
            figures = figures_in(text, ou.numbering.content_start)
            spans = tuple((f.start, f.end) for f in figures)
            for i, fig in enumerate(figures):
                if fig.kind != "money" or attribution.money_as_indicator(Site(text, spans, i)):
                    prev_end = fig.end
                    continue
                depth, open_pos = segment.paren_depth(text, fig.start)
                found.append(
                    Mention(
                        order, ou, fig, depth, open_pos, _sentence_index(text, fig.start), _label(text, fig, prev_end)
                    )
                )
                order += 1
                prev_end = fig.end
        per_unit.append((ou, found))
    return per_unit


def _link(child: Mention, parent: Mention | None, relation: str) -> None:
    if parent is None or child is parent:
        return
    if child.parent is not None:
        child.parent.children.remove(child)
    child.parent = parent
    child.relation = relation
    parent.children.append(child)


def build_tree(per_unit: list[tuple[OutlineUnit, list[Mention]]]) -> list[Mention]:
    """Parent links from structure: parentheses, inline openers, and list nesting across units."""
    stack: list[tuple[float, Mention]] = []
    all_mentions: list[Mention] = []
    previous: list[Mention] = []  # the mentions of the paragraph right before
    for ou, mentions in per_unit:
        if ou.unit.text.strip():
            # a line 'Dự án 1 (...): 10.890,35 triệu đồng' after a unit ending 'Trong đó, điều chỉnh giảm:' is an item
            # of that list however the outline ranks it
            while stack and stack[-1][0] >= ou.level and not _item_like(ou.unit.text):
                stack.pop()
        if not mentions:
            if len(ou.unit.text.split()) >= 8:  # a paragraph in between, not a caption or a line of chrome
                previous = []
            continue
        text = ou.unit.text
        level = ou.level
        head: Mention | None = None
        for i, m in enumerate(mentions):
            group = [p for p in mentions[:i] if p.depth == m.depth and p.open_paren == m.open_paren]
            if group and _link_in_group(text, m, group[-1]):
                continue
            if m.depth > 0 and m.open_paren is not None:
                owners = [p for p in mentions[:i] if p.fig.end <= m.open_paren and p.depth == m.depth - 1]
                if owners and not re.search(r"[;.]\s", _flat(text[owners[-1].fig.end : m.open_paren])):
                    _link(m, owners[-1], "paren")
                    continue
            if (
                m.depth == 0
                and group
                and m.sentence > group[-1].sentence
                and _SUBSET_SENTENCE.match(text[_sentence_start(text, m.fig.start) :])
            ):
                p = group[-1]
                top = p if p.parent is None else p.parent
                top.inline_scope = (m.sentence, "sentence")
                _link(m, top, "inline")
                continue
            if m.depth == 0 and head is None:
                head = m
        if head is not None and head.parent is None and stack:
            _link(head, stack[-1][1], "list")
        _parts_of_an_earlier_total(text, mentions, all_mentions)
        _parts_of_the_paragraph_before(text, mentions, previous)
        previous = mentions
        # a unit ending with "trong đó:" (or a colon) opens a breakdown continued by the deeper units below it
        depth0 = [m for m in mentions if m.depth == 0]
        if depth0 and _UNIT_OPENER.search(text[depth0[-1].fig.end :].rstrip(" .")):
            stack.append((level, depth0[-1]))
        all_mentions.extend(mentions)
    return all_mentions


# a line of a list with no bullet, after a unit that ends with a colon: 'Dự án 1 (Giải quyết ...): 10.890,35 triệu
# đồng.', 'Huyện Bắc Sơn: 12.000 triệu đồng;'
_ITEM_LIKE = re.compile(
    r"^\s*(?:d[ựự]\s*án|tiểu\s+dự\s+án|nội\s+dung|huyện|thị\s+xã|thành\s+phố|xã)\b[^:]{0,240}:\s*[\d.,]+\s*(?:triệu|tỷ)",
    re.I,
)


def _item_like(text: str) -> bool:
    return bool(_ITEM_LIKE.match(text)) and len(text) < 400


def _parts_of_an_earlier_total(text: str, mentions: list[Mention], earlier: list[Mention]) -> None:
    """'Trong tổng số vốn ..., vốn đầu tư phát triển 121,3 tỷ đồng, vốn sự nghiệp 65,17 tỷ đồng': the amounts of
    a paragraph that opens so are parts of the last total stated before it."""
    if not _OF_THE_TOTAL.match(text) or not earlier:
        return
    first_sentence = mentions[0].sentence
    totals = [m for m in earlier if m.parent is None and m.depth == 0]
    if not totals:
        return
    for m in mentions:
        if m.sentence == first_sentence and m.depth == 0 and m.parent is None:
            _link(m, totals[-1], "inline")


def _parts_of_the_paragraph_before(text: str, mentions: list[Mention], previous: list[Mention]) -> None:
    """'... vốn sự nghiệp được phân bổ gần 554,9 tỷ đồng (...).' then 'Trong đó, vốn đã phân bổ là gần 500 tỷ
    đồng (...); kinh phí chưa phân bổ gần 55 tỷ đồng': the amounts of a paragraph that opens with 'Trong đó' are
    parts of the last total of the paragraph before, when they fit in it."""
    if not _SUBSET_SENTENCE.match(text) or not previous or mentions[0].parent is not None:
        return
    totals = [m for m in previous if m.parent is None and m.depth == 0]
    if not totals:
        return
    total = totals[-1]
    first_sentence = mentions[0].sentence
    parts = [m for m in mentions if m.sentence == first_sentence and m.depth == 0 and m.parent is None]
    if parts and sum(abs(m.amount) for m in parts) <= abs(total.amount) + total.precision + sum(
        m.precision for m in parts
    ):
        for m in parts:
            _link(m, total, "inline")


def _flat(text: str) -> str:
    """The text with parenthesised parts removed (their openers and semicolons do not count outside)."""
    out, depth = [], 0
    for c in text:
        if c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


def _link_in_group(text: str, m: Mention, prev: Mention) -> bool:
    """Between two amounts at the same parenthesis depth: an opener makes the second a part of the first
    ('92.310 triệu đồng, gồm ... 85.470'); a list that an opener started goes on until a semicolon (or, when the
    opener ends in a colon, until the end of the sentence)."""
    between = _flat(text[prev.fig.end : m.fig.start])
    if m.sentence != prev.sentence:
        return False
    opener = _INLINE_OPENER.search(between)
    # '470,517 tỷ đồng; trong đó: ...': a semicolon right before the opener still opens this amount's breakdown
    if opener and ";" not in between[: opener.start()].rstrip().rstrip(";"):
        # 'trong đó: ...' or 'trong đó vốn đầu tư: 517.841 ...; vốn sự nghiệp: ...': a list of labelled parts
        colon = re.match(r"\s*:|[^;]*:\s*$", between[opener.end() :]) is not None
        prev.inline_scope = (m.sentence, "sentence" if colon else "clause")
        _link(m, prev, "inline")
        return True
    parent = prev.parent
    if parent is not None and prev.relation in ("inline", "paren"):
        scope = parent.inline_scope
        if prev.relation == "paren" and ";" not in between:
            _link(m, parent, "paren")
            return True
        if scope and scope[0] == m.sentence and (scope[1] == "sentence" or ";" not in between):
            _link(m, parent, "inline")
            return True
    return False


def _sentence_start(text: str, pos: int) -> int:
    return max((m.end() for m in segment.SENTENCE_END.finditer(text, 0, pos)), default=0)


def reductions_of_parts(mentions: list[Mention]) -> None:
    """The parts of a reduction are reductions too ('điều chỉnh giảm: ... Trong đó, Dự án 1: 10.890 triệu đồng'),
    unless they say they are increases."""
    for m in sorted(mentions, key=lambda x: x.order):
        parent = m.parent
        if parent is None or m.fig.sign < 0 or m.relation not in ("paren", "inline", "list"):
            continue
        if (parent.fig.sign < 0 or parent.reduction) and not re.search(r"\btăng\b", m.label, re.I):
            m.reduction = True


def sum_evidence(mentions: list[Mention]) -> None:
    """Siblings that add up exactly to a 'Tổng' line before them (or to a net line after them) are its parts."""
    groups: dict[int | None, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(id(m.parent) if m.parent else None, []).append(m)
    for siblings in groups.values():
        used: set[int] = set()
        for i, total in enumerate(siblings):
            if id(total) in used or total.children:
                continue
            level = total.ou.level
            run = [s for s in siblings[i + 1 :] if s.ou.level == level and s.ou is not total.ou]
            if _TOTAL_LABEL.search(total.label) and len(run) >= 2:
                for n in range(len(run), 1, -1):
                    part = run[:n]
                    if _adds_up(total, part):
                        for s in part:
                            _link(s, total, "sum")
                            used.add(id(s))
                        break
        for i, net in enumerate(siblings):
            if net.children or id(net) in used:
                continue
            before = [
                s
                for s in siblings[:i]
                if s.parent is net.parent and s.children and id(s) not in used and s.ou.level == net.ou.level
            ]
            if len(before) >= 2 and {s.amount > 0 for s in before} == {True, False} and _adds_up(net, before):
                for s in before:
                    _link(s, net, "sum")
                    used.add(id(s))


def _adds_up(total: Mention, parts: list[Mention]) -> bool:
    tolerance = total.precision + sum((p.precision for p in parts), Decimal(0)) + Decimal("0.0005")
    return abs(sum((p.amount for p in parts), Decimal(0)) - total.amount) <= tolerance


def programme_evidence(mentions: list[Mention], doc_kind: str) -> None:
    """News and reports: each programme's figure is part of the figure stated for several programmes together,
    and a project's figure is part of the programme's figure of the same phase."""
    if doc_kind not in ("news", "progress_report"):
        return
    roots = [m for m in mentions if m.parent is None]
    for m in roots:
        program, phase = m.attrs.program_code, m.attrs.phase.value
        if program in ("DTTS", "NTM", "GNBV"):
            wholes = [
                r
                for r in roots
                if r.attrs.program_code == "MULTI"
                and r.attrs.phase.value == phase
                and r is not m
                and abs(r.amount) > abs(m.amount)
            ]
            if wholes:
                _link(m, min(wholes, key=lambda r: abs(r.order - m.order)), "programme")
                continue
    _projects_of_a_whole([m for m in roots if m.parent is None])


def _projects_of_a_whole(roots: list[Mention]) -> None:
    """A run of amounts for projects named one after another ('52,8 tỷ đồng để giải quyết ...; 31,25 tỷ đồng cho
    ...') is the breakdown of the programme's amount stated before them when they add up to it and it has no other
    breakdown; otherwise they are amounts of their own (a total already split by capital type keeps its parts)."""
    runs: list[list[Mention]] = []
    for m in sorted(roots, key=lambda x: x.order):
        if m.attrs.program_code == "DTTS" and m.attrs.project_code:
            if runs and runs[-1][-1].order == m.order - 1:
                runs[-1].append(m)
            else:
                runs.append([m])
    for run in runs:
        wholes = [
            r
            for r in roots
            if r.order < run[0].order
            and r.attrs.program_code == "DTTS"
            and not r.attrs.project_code
            and not r.children
            and _adds_up(r, run)
        ]
        if len(run) >= 2 and wholes:
            for m in run:
                _link(m, wholes[-1], "programme")


# ---- attributes -------------------------------------------------------------------------------------------------
@dataclass
class LineAttrs:
    """What the engine decided for one funding line (typed; `basis` says how each was decided)."""

    program_code: str
    tree: TreeRef
    project_basis: str
    area: places.Area
    capital: Decided
    level: Decided
    source: str | None
    phase: Decided
    time: Time

    @property
    def project_code(self) -> str | None:
        return self.tree.project_code

    @property
    def sub_project_code(self) -> str | None:
        return self.tree.sub_project_code

    @property
    def area_name(self) -> str | None:
        return self.area.area_name if self.area.admin_level in ("district", "commune") else None


def _doc_defaults(doc: DocContext) -> tuple[str | None, str | None]:
    """A decision's title such as 'phân bổ ... vốn sự nghiệp nguồn ngân sách trung ương' sets the whole document's
    lines; a news headline does not (it is about one of the figures, not all of them)."""
    if doc.meta.doc_kind in attribution.HEADLINE_KINDS:
        return None, None
    title = doc.meta.title
    return attribution.terms_of_title(title, "capital_type"), attribution.terms_of_title(title, "budget_level")


def _site(
    m: Mention, spans: dict[int, tuple[tuple[int, int], ...]], by_topic: bool, doc: DocContext, carried: str
) -> Site:
    ou = m.ou
    unit_spans = spans[id(ou)]
    return Site(
        ou.unit.text,
        unit_spans,
        unit_spans.index((m.fig.start, m.fig.end)),
        doc.heading_of(ou),
        ou.programme,
        by_topic,
        carried,
    )


@dataclass(frozen=True)
class _Defaults:
    """What a funding line takes from its document when nothing nearer says."""

    capital: str | None
    level: str | None
    phase: str
    carried_program: dict[int, str]  # mention order -> the programme named last before it


def classify(
    mentions_: list[Mention], doc: DocContext, carried: dict[int, str], by_topic: bool, paragraphs: dict[int, str]
) -> None:
    """Every line's attributes, in document order (a part after its whole), by the attribution engine."""
    capital, level = _doc_defaults(doc)
    defaults = _Defaults(capital, level, doc.document_phase, carried)
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    for m in mentions_:
        spans.setdefault(
            id(m.ou), tuple((f.start, f.end) for f in figures_in(m.ou.unit.text, m.ou.numbering.content_start))
        )
    plan_context: str | None = None
    done: list[Mention] = []
    for m in sorted(mentions_, key=lambda x: x.order):
        site = _site(m, spans, by_topic, doc, paragraphs.get(id(m.ou), ""))
        m.attrs = _line_attrs(m, site, doc, defaults, plan_context)
        if m.parent is None:
            _from_antecedent(m, site, [r for r in done if r.parent is None])
        _phase_of_the_item_before(m, done)
        done.append(m)
        remainder = attribution.remainder_of(site)
        if m.parent is None and m.attrs.phase.value in ("planned", "allocated") and remainder is None:
            plan_context = m.attrs.phase.value


def _line_attrs(m: Mention, site: Site, doc: DocContext, defaults: _Defaults, plan_context: str | None) -> LineAttrs:
    parent = m.parent.attrs if m.parent is not None else None
    capital = attribution.decide_term(site, "capital_type", parent.capital if parent else None, defaults.capital)
    level = attribution.decide_term(site, "budget_level", parent.level if parent else None, defaults.level)
    source = attribution.stated_term(site, "funding_source")
    if attribution.own_term(site, "funding_source") in OFF_BUDGET:
        # credit or money raised ('vốn vay tín dụng chính sách trên 221 tỷ đồng') is no budget's: no level or
        # capital type but what its own words say
        capital, level = (_own(site, "capital_type"), _own(site, "budget_level"))
    phase = attribution.decide_phase(
        site, parent.phase if parent else None, defaults.phase, plan_context, -1 if m.amount < 0 else 1
    )
    if phase.value != "adjusted" and re.search(r"\btăng\b", m.label, re.I) and doc.meta.doc_kind == "adjustment":
        phase = Decided("adjusted", STATED)
    tree, tree_basis = attribution.decide_project(site, parent.tree if parent else None)
    area = places.area_of(
        site.text, m.fig, site.own.clause, None, doc.meta.province_code, doc.meta.admin_level, doc.meta.area_name
    )
    progress = phase.value == "disbursed" or attribution.remainder_of(site) is not None
    time = attribution.decide_time(site, doc.time_context, parent.time if parent else None, progress)
    program = _programme(m, site, doc, defaults, parent)
    return LineAttrs(program, tree, tree_basis, area, capital, level, source, phase, time)


def _own(site: Site, dimension: str) -> Decided:
    value = attribution.own_term(site, dimension)
    return Decided(value, STATED) if value is not None else Decided.unknown()


def _programme(m: Mention, site: Site, doc: DocContext, defaults: _Defaults, parent: LineAttrs | None) -> str:
    """News and reports may speak of several programmes: the one named nearest; a part of a line is of its
    line's programme unless its own words name another."""
    text, clause = site.text, site.own.clause
    program = (
        attribution.program_of(
            text, m.fig.start, m.fig.end, clause, defaults.carried_program.get(m.order, doc.default_program)
        )
        if doc.meta.doc_kind in ("news", "progress_report")
        else doc.default_program
    )
    if (
        parent is not None
        and m.relation in ("paren", "inline", "list")
        and not attribution.program_cues(text[clause[0] : m.fig.end])
    ):
        return parent.program_code or program
    return program


# a sentence that speaks of money already stated: 'Nguồn vốn được phân bổ cho các nội dung: ...', 'Trong tổng số
# vốn giai đoạn 2021 - 2025, ...', 'Trong tổng nguồn vốn trên, ...'
# ('Tổng vốn thực hiện Chương trình năm 2022 là ...' states a new total)
_BACK_REFERENCE = re.compile(
    r"^\W*(?!tổng\b)(?:trong\s+)?(?:tổng\s+)?(?:số\s+|nguồn\s+)?vốn(?:\s+(?:này|trên|nói\s+trên))?\b", re.IGNORECASE
)


def _phase_of_the_item_before(m: Mention, done: list[Mention]) -> None:
    """'phân bổ 115 tỷ đồng về các cơ quan cấp tỉnh và 1.944 tỷ đồng về UBND cấp huyện': the next item of a list
    says no verb of its own; it is moved as the item before it is."""
    if m.attrs.phase.basis == attribution.STATED or m.amount < 0:
        return
    before = [p for p in done if p.ou is m.ou and p.parent is m.parent and p.sentence == m.sentence]
    if not before or before[-1].attrs.phase.basis != attribution.STATED:
        return
    between = m.ou.unit.text[before[-1].fig.end : m.fig.start]
    if not re.search(r"[;.:()]", between) and re.search(r"\bvà\b|,", between):
        m.attrs.phase = Decided(before[-1].attrs.phase.value, attribution.PARENT)


def _from_antecedent(m: Mention, site: Site, roots: list[Mention]) -> None:
    """A root amount of a sentence that refers back to money already stated takes that money's budget level,
    capital type, phase and years where it states none of its own."""
    sentence_start = site.sentence[0]
    if not _BACK_REFERENCE.match(site.text[sentence_start : site.start]):
        return
    earlier = [r for r in roots if r.ou is m.ou and r.fig.end <= sentence_start]
    if not earlier:
        earlier = [r for r in roots if r.ou is not m.ou and r.ou.unit.line < m.ou.unit.line]
    if not earlier:
        return
    a, b = m.attrs, earlier[-1].attrs
    unknown = (attribution.UNKNOWN, attribution.DOCUMENT)
    if a.level.value is None and b.level.value is not None:
        a.level = Decided(b.level.value, attribution.PARAGRAPH)
    if a.capital.value is None and b.capital.value is not None:
        a.capital = Decided(b.capital.value, attribution.PARAGRAPH)
    if a.phase.basis in unknown and b.phase.value != "disbursed":
        a.phase = Decided(b.phase.value, attribution.PARAGRAPH)
    if a.time.basis in unknown and b.time.first_year is not None:
        a.time = replace(b.time, as_of=None, basis=attribution.PARAGRAPH)


def finish_sources(mentions_: list[Mention]) -> None:
    """Funding source: stated, else 'program'; a line whose parts come from several sources is mixed (NULL)."""

    def resolve(m: Mention) -> set[str | None]:
        below: set[str | None] = set()
        for c in m.children:
            below |= resolve(c)
        if m.attrs.source is None:
            if len(below - {None}) > 1 or ({"integrated", "credit_other"} & below and "program" in below):
                m.attrs.source = None
                return below
            m.attrs.source = "program"
        return {m.attrs.source} | below

    for m in mentions_:
        if m.parent is None:
            resolve(m)


# ---- line codes ---------------------------------------------------------------------------------------------------
_LEVEL_TOKEN = {
    "central": "CENTRAL",
    "provincial": "PROVINCE",
    "district": "DISTRICT",
    "commune": "COMMUNE",
    "local": "LOCAL",
}
_CAPITAL_TOKEN = {"investment": "INV", "recurrent": "REC"}
_PHASE_TOKEN = {"planned": "PLAN", "allocated": "ALLOC", "adjusted": "ADJ", "disbursed": "DISB"}


def slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", ascii_fold(text).upper()).strip("_")[:24] or "X"


def _token(m: Mention, parent: LineAttrs | None, doc_area: str | None) -> str:
    a = m.attrs
    if re.search(r"đầu tư trực tiếp", m.label, re.I):
        return "DIRECT"
    p_source = parent.source if parent else None
    p_program = parent.program_code if parent else None
    if a.source in ("integrated", "credit_other") and a.source != p_source:
        return a.source.upper()
    if a.program_code != p_program and a.program_code != "DTTS":
        return a.program_code or "X"
    if a.program_code == "DTTS" and p_program == "MULTI":
        return "DTTS"
    p_sub = parent.sub_project_code if parent else None
    p_project = parent.project_code if parent else None
    if a.sub_project_code and a.sub_project_code != p_sub:
        return a.sub_project_code.split(".", 1)[1] if a.project_code == p_project else a.sub_project_code
    if a.project_code and a.project_code != p_project:
        return a.project_code
    p_area = parent.area_name if parent else doc_area
    if a.area_name and a.area_name != p_area:
        return slug(a.area_name)
    if a.capital.value and a.capital.value != (parent.capital.value if parent else None):
        return _CAPITAL_TOKEN[a.capital.value]
    if a.level.value and a.level.value != (parent.level.value if parent else None):
        return _LEVEL_TOKEN[a.level.value]
    if m.amount < 0:
        return "DEC"
    if a.phase.value == "adjusted" and re.search(r"\btăng\b", m.label, re.I):
        return "INC"
    if parent is None:
        return "TOTAL" if _TOTAL_LABEL.search(m.label) else _PHASE_TOKEN[a.phase.value or "planned"]
    return "ITEM"


def assign_codes(mentions: list[Mention], doc_area: str | None, prefix: str = "") -> None:
    taken: set[str] = set()

    def visit(m: Mention, parent_code: str | None) -> None:
        token = _token(m, m.parent.attrs if m.parent is not None else None, doc_area)
        base = f"{parent_code}.{token}" if parent_code else f"{prefix}{token}"
        code, n = base, 2
        while code in taken:
            code, n = f"{base}_{n}", n + 1
        taken.add(code)
        m.code = code
        for c in sorted(m.children, key=lambda x: x.order):
            visit(c, code)

    for m in sorted(mentions, key=lambda x: x.order):
        if m.parent is None:
            visit(m, None)


def breakdown_of(m: Mention, doc_kind: str) -> str | None:
    if not m.children:
        return None
    if doc_kind == "news" or any(c.relation == "programme" for c in m.children) or len(m.children) == 1:
        return "partial"
    return "complete"


def prose_funding(doc: DocContext, units: Sequence[OutlineUnit]) -> list[FundingRow]:
    per_unit = collect_mentions(units)
    mentions = build_tree(per_unit)
    reductions_of_parts(mentions)
    carried: dict[int, str] = {}
    program = doc.default_program
    for ou, ou_mentions in per_unit:
        for m in ou_mentions:
            carried[m.order] = program
        cues = attribution.program_cues(ou.unit.text)
        if cues and doc.meta.doc_kind in ("news", "progress_report"):
            program = cues[-1][1]
    by_topic = doc.meta.doc_kind in attribution.TOPIC_KINDS
    before = attribution.carried_paragraphs([ou.unit.text for ou in units])
    paragraphs = {id(ou): text for ou, text in zip(units, before, strict=True) if text}
    classify(mentions, doc, carried, by_topic, paragraphs)
    sum_evidence(mentions)
    programme_evidence(mentions, doc.meta.doc_kind)
    classify(mentions, doc, carried, by_topic, paragraphs)  # children re-inherit from parents found by evidence
    finish_sources(mentions)
    assign_codes(mentions, doc.meta.area_name)
    return [_row(doc, m) for m in mentions]


def _row(doc: DocContext, m: Mention) -> FundingRow:
    text = m.ou.unit.text
    qa, qb = segment.quote_span(text, m.fig.start, m.fig.end)
    a = m.attrs
    return FundingRow(
        document_id=doc.document_id,
        line_code=m.code,
        parent_line_code=m.parent.code if m.parent is not None else None,
        program_code=a.program_code or doc.default_program,
        province_code=doc.meta.province_code,
        plan_year=a.time.plan_year,
        period_start_year=a.time.first_year,
        period_end_year=a.time.last_year,
        as_of_date=a.time.as_of,
        project_code=a.project_code,
        sub_project_code=a.sub_project_code,
        area_name=a.area_name,
        area_code=a.area.area_code if a.area_name else None,
        capital_type=a.capital.value,
        budget_level=a.level.value,
        funding_source=a.source,
        budget_phase=a.phase.value or "planned",
        project_basis=a.project_basis,
        capital_type_basis=a.capital.basis,
        budget_level_basis=a.level.basis,
        budget_phase_basis=a.phase.basis,
        year_basis=a.time.basis,
        amount_million_vnd=m.amount,
        scale_word=m.fig.scale_word or "triệu",
        precision_million_vnd=m.precision,
        is_approximate=m.fig.comparator != "=",
        breakdown=breakdown_of(m, doc.meta.doc_kind),
        label=m.label or collapse_spaces(text[qa : m.fig.start])[:240],
        origin="prose",
        provenance=Provenance(
            doc.source_file, m.ou.unit.line, m.ou.unit.locator, m.fig.start, text[m.fig.start : m.fig.end], text[qa:qb]
        ),
    )
