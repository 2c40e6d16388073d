"""Document outline: numbering styles of Vietnamese administrative documents (A. / I. / Điều 1. / 1. / 1.1. /
a) / (1) / - / +), and the programme tree mentioned in headings (Dự án N / Tiểu dự án M / Nội dung số K).

`walk_outline` gives every text unit its nesting level and the programme context in force (project,
sub-project, content item), so later steps can attribute a figure to "Dự án 3, Tiểu dự án 1" even when the
section numbers disagree with the project numbers ("7. Dự án 8").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from loaders.read import TextUnit
from loaders.reference import vocabulary
from loaders.textnorm import VN_UPPER as U
from loaders.textnorm import name_key

# canonical rank of numbering styles (smaller = higher in the outline)
_STYLES: list[tuple[str, float, re.Pattern[str]]] = [
    ("roman", 1.5, re.compile(r"^(?:[IVXL]{1,6})[.)]\s+(?=\S)")),
    ("upper", 0, re.compile(r"^(?:PHẦN\s+[IVXLC]+|[A-HJ-KM-UWYZĐ])[.)]\s+(?=\S)")),
    ("article", 1, re.compile(r"^Điều\s+\d+[.:]\s*")),
    ("arabic4", 5, re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+(?=\S)")),
    ("arabic3", 4, re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+(?=\S)")),
    ("arabic2", 3, re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+(?=\D)")),
    ("arabic1", 2, re.compile(r"^\d{1,2}[.)]\s+(?=\D)")),
    ("lower", 6, re.compile(r"^[a-zđ]\)\s*(?=\S)")),
    ("paren", 7, re.compile(r"^\((?:\d{1,2}|[a-zđ])\)\s*(?=\S)")),
    ("dash", 8, re.compile(r"^[-–—]\s*(?=\S)")),
    ("plus", 9, re.compile(r"^\+\s*(?=\S)")),
    ("star", 10, re.compile(r"^[*•·]\s*(?=\S)")),
    # a footnote at the foot of the document: '1 Theo Quyết định số 612/QĐ-UBDT ...'
    ("footnote", 11, re.compile(rf"^\d{{1,2}}\s+(?=[{U}])")),
]

_PROJECT = re.compile(r"^d[ựự]\s*án\s+(?:số\s+)?0?(\d{1,2})\b", re.IGNORECASE)
_SUB = re.compile(r"ti[ểêế]u\s+d[ựự]\s*án\s+(?:số\s+)?0?(\d{1,2})\b", re.IGNORECASE)
_PROJECT_ANYWHERE = re.compile(r"(?<![\wểêế])d[ựự]\s*án\s+(?:số\s+)?0?(\d{1,2})\b", re.IGNORECASE)
_CONTENT = re.compile(r"n[ộo]i\s+dung\s+(?:số\s+)?0?(\d{1,2})\b", re.IGNORECASE)
_NAMED_PROJECT = re.compile(r"^(?:ti[ểêế]u\s+)?d[ựự]\s*án\s+(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Numbering:
    style: str | None  # None for body text
    rank: float | None
    label: str  # the numbering as written ("2.3.", "a)", "-"), empty for body text
    content_start: int  # offset of the text after the numbering


def numbering(text: str) -> Numbering:
    stripped = text.lstrip()
    lead = len(text) - len(stripped)
    for style, rank, pattern in _STYLES:
        m = pattern.match(stripped)
        if m:
            return Numbering(style, rank, m.group(0).strip(), lead + m.end())
    return Numbering(None, None, "", lead)


@dataclass(frozen=True)
class ProgrammeRef:
    project_code: str | None = None
    sub_project_code: str | None = None
    content_code: str | None = None

    def merged_under(self, outer: ProgrammeRef) -> ProgrammeRef:
        """This reference completed by an enclosing one (a sub-project heading inherits its project)."""
        if self.project_code and self.project_code != outer.project_code:
            return self
        return ProgrammeRef(
            self.project_code or outer.project_code,
            self.sub_project_code
            or (outer.sub_project_code if not self.project_code else None)
            or (outer.sub_project_code if self.content_code else None),
            self.content_code,
        )


def project_code(number: int) -> str:
    return vocabulary().project_numbers.get(number, f"DA{number}")


def sub_project_code(project: str | None, number: int) -> str | None:
    if project is None:
        return None
    return vocabulary().sub_projects.get((project, number), f"{project}.TDA{number}")


def programme_ref_in(text: str, *, at_start: bool) -> ProgrammeRef | None:
    """Programme tree reference stated in a heading-like text: 'Dự án 3 - Tiểu dự án 1', 'Tiểu dự án 2:',
    'Nội dung số 01 (...)', or a project named without its number ('Dự án giải quyết tình trạng thiếu đất ở')."""
    head = text[:160]
    proj = sub = content = None
    m = _PROJECT.match(head) if at_start else _PROJECT_ANYWHERE.search(head)
    if m and not _SUB.match(head):
        proj = project_code(int(m.group(1)))
    s = _SUB.match(head) if at_start else _SUB.search(head)
    if s is None and proj:
        s = _SUB.search(head)
    if s:
        if proj is None:
            pm = _PROJECT_ANYWHERE.search(head[s.end() : s.end() + 40])
            if pm:
                proj = project_code(int(pm.group(1)))
        sub = ("?", int(s.group(1)))
    c = _CONTENT.match(head) if at_start else _CONTENT.search(head)
    if c is None and (proj or sub):
        c = _CONTENT.search(head[:120])
    if c:
        content = f"ND{int(c.group(1))}"
    if proj is None and sub is None and content is None:
        if _NAMED_PROJECT.match(head):
            alias = alias_in(head)
            if alias:
                return alias
        return None
    sub_code = None
    if sub:
        sub_code = sub_project_code(proj, sub[1]) if proj else f"?.TDA{sub[1]}"
    return ProgrammeRef(proj, sub_code, content)


def alias_in(text: str) -> ProgrammeRef | None:
    key = name_key(text)
    for alias in vocabulary().project_aliases:
        if alias.key and alias.key in key:
            return ProgrammeRef(alias.project_code, alias.sub_project_code, alias.content_code)
    return None


def resolve_sub(ref: ProgrammeRef, outer: ProgrammeRef) -> ProgrammeRef:
    """Fill a sub-project heading's project from the enclosing context ('Tiểu dự án 1' under 'Dự án 3')."""
    if ref.sub_project_code and ref.sub_project_code.startswith("?."):
        number = int(ref.sub_project_code.split("TDA")[1])
        proj = ref.project_code or outer.project_code
        return ProgrammeRef(proj, sub_project_code(proj, number), ref.content_code)
    return ref


# body text sits just below its heading and above any numbered item under it; an unnumbered heading
# ('Tiểu dự án 2: ...') sits between its section and that section's body
BODY_STEP = 0.1
HEADING_STEP = 0.05


@dataclass(frozen=True)
class OutlineUnit:
    unit: TextUnit
    numbering: Numbering
    level: float  # nesting level: headings by their numbering rank, body text a step below its heading
    is_heading: bool  # the unit opens a section (numbered, or a Dự án/Tiểu dự án/Nội dung heading)
    programme: ProgrammeRef  # the programme tree position in force for this unit
    section_title: str  # text of the innermost enclosing numbered heading (a heading's own text)
    context_title: str = ""  # the heading above this unit's text: for a heading, the one enclosing it


_BULLETS = {"dash", "plus", "star"}


@dataclass
class _Frame:
    level: float
    programme: ProgrammeRef
    title: str
    numbered: bool
    style: str | None = None


def walk_outline(units: Iterable[TextUnit]) -> Iterator[OutlineUnit]:
    stack: list[_Frame] = [_Frame(-1.0, ProgrammeRef(), "", True)]
    for unit in units:
        text = unit.text.strip()
        if not text or "\t" in unit.text:
            yield OutlineUnit(
                unit,
                Numbering(None, None, "", 0),
                stack[-1].level + BODY_STEP,
                False,
                stack[-1].programme,
                stack[-1].title,
                stack[-1].title,
            )
            continue
        num = numbering(unit.text)
        rank = num.rank
        if rank is None and unit.heading_level is not None:
            rank = 1.5 + unit.heading_level
        content = unit.text[num.content_start :].strip()
        ref = programme_ref_in(content, at_start=True)
        if rank is not None:
            while len(stack) > 1 and stack[-1].level >= rank:
                stack.pop()
            outer = stack[-1].programme
            programme = _apply(ref, outer)
            enclosing = stack[-1].title
            stack.append(_Frame(rank, programme, content[:200], True, num.style))
            yield OutlineUnit(unit, num, rank, True, programme, content[:200], enclosing)
            continue
        if ref is not None and _looks_like_heading(content):
            # an unnumbered heading such as 'Tiểu dự án 2: ...': replaces an unnumbered sibling heading
            while len(stack) > 1 and not stack[-1].numbered and _depth(ref) <= _depth(stack[-1].programme):
                stack.pop()
            outer = stack[-1].programme
            programme = _apply(ref, outer)
            level = stack[-1].level + HEADING_STEP
            enclosing = stack[-1].title
            stack.append(_Frame(level, programme, content[:200], False))
            yield OutlineUnit(unit, num, level, True, programme, content[:200], enclosing)
            continue
        # plain text after a bulleted item returns to the section the bullets belong to, unless it merely
        # continues the item's sentence on a new line (it starts in lower case)
        continues = content[:1].islower()
        while not continues and len(stack) > 1 and stack[-1].style in _BULLETS:
            stack.pop()
        yield OutlineUnit(
            unit, num, stack[-1].level + BODY_STEP, False, stack[-1].programme, stack[-1].title, stack[-1].title
        )


def _depth(ref: ProgrammeRef) -> int:
    if ref.content_code:
        return 2
    if ref.sub_project_code:
        return 1
    return 0


def _apply(ref: ProgrammeRef | None, outer: ProgrammeRef) -> ProgrammeRef:
    if ref is None:
        return outer
    ref = resolve_sub(ref, outer)
    if ref.project_code and ref.project_code != outer.project_code:
        return ref
    if ref.sub_project_code:
        return ProgrammeRef(ref.project_code or outer.project_code, ref.sub_project_code, ref.content_code)
    if ref.content_code:
        return replace(outer, content_code=ref.content_code)
    return (
        ProgrammeRef(ref.project_code or outer.project_code, outer.sub_project_code, outer.content_code)
        if ref.project_code == outer.project_code
        else ref
    )


def _looks_like_heading(content: str) -> bool:
    """'Tiểu dự án 2: Hỗ trợ ...' or 'Dự án 1: ...' on its own line (not a sentence that merely cites one)."""
    return bool(re.match(r"^(?:ti[ểêế]u\s+)?d[ựự]\s*án|^n[ộo]i\s+dung\s+số", content, re.IGNORECASE))
