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

from loaders import mentions
from loaders.formats.units import TextUnit
from loaders.mentions import TreeRef
from loaders.textnorm import VN_UPPER as U

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

_NAMED_PROJECT = re.compile(r"^(?:ti[ểêế]u\s+)?d[ựự]\s*án\s+(?!\d)", re.IGNORECASE)
_CHAIN = re.compile(r"[\s,;:\-–(]*")


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


def programme_ref_in(text: str, *, at_start: bool) -> TreeRef | None:
    """The programme tree position a heading or a table row names (loaders.mentions finds the references):
    'Dự án 3 - Tiểu dự án 1', 'Tiểu dự án 2:', 'Nội dung số 01 (...)', or a project named without its number
    ('Dự án giải quyết tình trạng thiếu đất ở'). With `at_start`, the reference must open the text; the first
    sub-project and content item named after it complete it."""
    head = text[:160]
    found = mentions.tree_mentions(head)
    if not found:
        return None
    if not at_start:  # anywhere in the text: a project named by its number ('Hỗ trợ nhà ở (Dự án 1)')
        found = tuple(m for m in found if m.by_number)
        if not found:
            return None
    first = found[0]
    before = head[: first.start]
    if at_start and before.strip(" :.-–()") and not (not first.by_number and _NAMED_PROJECT.fullmatch(before)):
        return None
    if not first.by_number and not _NAMED_PROJECT.match(head):
        return None  # a name counts in a heading that says 'Dự án ...', not in any text that mentions it
    ref = first.ref
    for later in found[1:]:
        if not later.by_number or later.start > 120:
            break
        if later.ref.sub_project_code and not ref.sub_project_code and not later.ref.project_code:
            ref = mentions.resolve_sub(later.ref, ref)
        elif later.ref.content_code and not later.ref.project_code and not later.ref.sub_project_code:
            ref = TreeRef(ref.project_code, ref.sub_project_code, ref.content_code or later.ref.content_code)
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
    programme: TreeRef  # the programme tree position in force for this unit
    section_title: str  # text of the innermost enclosing numbered heading (a heading's own text)
    context_title: str = ""  # the heading above this unit's text: for a heading, the one enclosing it


_BULLETS = {"dash", "plus", "star"}


@dataclass
class _Frame:
    level: float
    programme: TreeRef
    title: str
    numbered: bool
    style: str | None = None


def walk_outline(units: Iterable[TextUnit]) -> Iterator[OutlineUnit]:
    stack: list[_Frame] = [_Frame(-1.0, TreeRef(), "", True)]
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
            while len(stack) > 1 and not stack[-1].numbered and ref.depth <= stack[-1].programme.depth:
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


def _apply(ref: TreeRef | None, outer: TreeRef) -> TreeRef:
    if ref is None:
        return outer
    ref = mentions.resolve_sub(ref, outer)
    if ref.project_code and ref.project_code != outer.project_code:
        return ref
    if ref.sub_project_code:
        return TreeRef(ref.project_code or outer.project_code, ref.sub_project_code, ref.content_code)
    if ref.content_code:
        return replace(outer, content_code=ref.content_code)
    return (
        TreeRef(ref.project_code or outer.project_code, outer.sub_project_code, outer.content_code)
        if ref.project_code == outer.project_code
        else ref
    )


def _looks_like_heading(content: str) -> bool:
    """'Tiểu dự án 2: Hỗ trợ ...' or 'Dự án 1: ...' on its own line (not a sentence that merely cites one)."""
    return bool(re.match(r"^(?:ti[ểêế]u\s+)?d[ựự]\s*án|^n[ộo]i\s+dung\s+số", content, re.IGNORECASE))
