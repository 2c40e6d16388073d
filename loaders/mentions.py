"""What a text mentions, with positions: the cue vocabulary of seeds/reference/cue_terms.csv (capital type, budget
level, funding source, budget phase and its negation, programme), and references to the programme tree (projects
by number, by name or by a paraphrase from seeds/reference/project_aliases.csv).

Terms are matched case-insensitively on word boundaries; at each position the longest term wins, and a term that
means two things ("Trung ương giao": central budget, allocated) gives one hit per meaning. An `ignore` term ("đơn
vị sự nghiệp") only keeps its shorter terms ("sự nghiệp") from matching inside it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from loaders.reference import vocabulary
from loaders.textnorm import VN_LOWER, VN_UPPER

_LETTER = f"{VN_UPPER[3:]}{VN_LOWER[3:]}A-Za-zĐđ0-9"


@dataclass(frozen=True)
class Term:
    start: int
    end: int
    dimension: str  # capital_type | budget_level | funding_source | budget_phase | phase_remainder | program
    value: str
    strong: bool  # weak terms ('bố trí', 'đối ứng') give way to a strong one or to what is inherited


def _flexible(term: str) -> str:
    """A term as a pattern: spaces match any run of spaces, a hyphen with or without spaces around it."""
    parts = [re.escape(w) for w in term.split()]
    pattern = r"\s+".join(parts)
    return pattern.replace(r"\s+\-\s+", r"\s*[-–]\s*").replace(r"\-", r"\s*[-–]\s*")


@functools.cache
def _term_patterns() -> tuple[tuple[re.Pattern[str], dict[str, list[tuple[str, str, bool]]]], ...]:
    """One pattern per dimension, so that a long term of one dimension ('kế hoạch năm': a target) does not hide a
    shorter one of another ('kế hoạch': planned money); `ignore` terms take part in every dimension's."""
    by_dimension: dict[str, dict[str, list[tuple[str, str, bool]]]] = {}
    ignored: dict[str, list[tuple[str, str, bool]]] = {}
    for term, dimension, value, strong in vocabulary().cue_terms:
        key = _canonical(term)
        target = ignored if dimension == "ignore" else by_dimension.setdefault(dimension, {})
        target.setdefault(key, []).append((dimension, value, strong))
    patterns = []
    for _, meanings in sorted(by_dimension.items()):
        meanings = {**{k: v for k, v in ignored.items() if k not in meanings}, **meanings}
        alternatives = "|".join(_flexible(t) for t in sorted(meanings, key=len, reverse=True))
        pattern = re.compile(rf"(?<![{_LETTER}])(?:{alternatives})(?![{_LETTER}])", re.IGNORECASE)
        patterns.append((pattern, meanings))
    return tuple(patterns)


def _canonical(matched: str) -> str:
    return re.sub(r"\s*[-–]\s*", "-", " ".join(matched.lower().split()))


@functools.lru_cache(maxsize=8192)
def terms_in(text: str) -> tuple[Term, ...]:
    """Every cue term of the vocabulary in `text`, in order (one hit per meaning of a term)."""
    hits: list[Term] = []
    for pattern, meanings in _term_patterns():
        for m in pattern.finditer(text):
            for dimension, value, strong in meanings.get(_canonical(m.group(0)), ()):
                if dimension != "ignore":
                    hits.append(Term(m.start(), m.end(), dimension, value, strong))
    return tuple(sorted(hits, key=lambda t: (t.start, t.dimension)))


# ---- the programme tree -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TreeRef:
    """A position in the programme tree a text names."""

    project_code: str | None = None
    sub_project_code: str | None = None
    content_code: str | None = None

    @property
    def depth(self) -> int:
        """How deep in the tree: 2 a content item, 1 a sub-project, else 0."""
        return 2 if self.content_code else 1 if self.sub_project_code else 0

    def within(self, outer: TreeRef) -> TreeRef:
        """This reference completed by an enclosing one: a sub-project or content item named alone belongs to the
        enclosing project (sub-project); a different project replaces the enclosing one."""
        if self.project_code and self.project_code != outer.project_code:
            return self
        project = self.project_code or outer.project_code
        if self.sub_project_code:
            return TreeRef(project, self.sub_project_code, self.content_code)
        if self.content_code:
            return TreeRef(project, outer.sub_project_code, self.content_code)
        if self.project_code == outer.project_code:
            return outer
        return self


@dataclass(frozen=True)
class TreeMention:
    start: int
    end: int
    ref: TreeRef
    kind: str  # number ('Dự án 3') | name (the item's name or a short form) | topic (an activity: 'nhà ở')

    @property
    def by_number(self) -> bool:
        return self.kind == "number"


_PROJECT_NO = re.compile(r"(?<![\wểêế])d[ựự]a?\s*án\s+(?:số\s+)?0?(\d{1,2})\b", re.IGNORECASE)
_SUB_NO = re.compile(r"\bti[ểêế]u\s+d[ựự]\s*án\s+(?:số\s+)?0?(\d{1,2})\b", re.IGNORECASE)
_CONTENT_NO = re.compile(r"\bn[ộo]i\s+dung\s+(?:số\s+)?0?(\d{1,2})\b", re.IGNORECASE)
# 'Tiểu dự án 1 - Dự án 5', 'Tiểu dự án 2 thuộc Dự án 3', 'Tiểu dự án 1 (Dự án 4)'
_CONTENT_AFTER = re.compile(r"\s*[-–,:(]?\s*n[ộo]i\s+dung\s+(?:số\s+)?0?(\d{1,2})\b", re.IGNORECASE)
_SUB_OF = re.compile(r"\s*(?:[-–,:(]|\bthuộc\b|\bcủa\b)?\s*d[ựự]\s*án\s+(?:số\s+)?0?(\d{1,2})\b", re.IGNORECASE)


def project_code(number: int) -> str:
    return vocabulary().project_numbers.get(number, f"DA{number}")


def sub_project_code(project: str | None, number: int) -> str | None:
    """'DA3.TDA1' for sub-project 1 of DA3; None without a project; an unknown pair keeps its numbers so it can be
    reported as unresolved."""
    if project is None:
        return None
    return vocabulary().sub_projects.get((project, number), f"{project}.TDA{number}")


@functools.lru_cache(maxsize=8192)
def tree_mentions(text: str) -> tuple[TreeMention, ...]:
    """Projects, sub-projects and content items a text names, by number or by name, in order. A sub-project
    followed by its project ('Tiểu dự án 1 - Dự án 5') is one mention; a sub-project or content item named alone
    has no project (it takes the enclosing one's: TreeRef.within)."""
    found: list[TreeMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    for m in _SUB_NO.finditer(text):
        of = _SUB_OF.match(text, m.end())
        project = project_code(int(of.group(1))) if of else None
        end = of.end() if of else m.end()
        content = _CONTENT_AFTER.match(text, end)
        ref = TreeRef(project, sub_project_code(project, int(m.group(1))) if project else f"?.TDA{int(m.group(1))}")
        if content:
            ref = TreeRef(ref.project_code, ref.sub_project_code, f"ND{int(content.group(1))}")
            end = content.end()
        found.append(TreeMention(m.start(), end, ref, "number"))
        taken.append((m.start(), end))
    for m in _PROJECT_NO.finditer(text):
        if free(m.start(), m.end()):
            found.append(TreeMention(m.start(), m.end(), TreeRef(project_code(int(m.group(1)))), "number"))
            taken.append(m.span())
    for m in _CONTENT_NO.finditer(text):
        if free(m.start(), m.end()):
            found.append(TreeMention(m.start(), m.end(), TreeRef(None, None, f"ND{int(m.group(1))}"), "number"))
            taken.append(m.span())
    taken.extend(_glosses(text, found))
    pattern, refs = _alias_pattern()
    for m in pattern.finditer(_fold_tones(text)):
        if free(m.start(), m.end()):
            ref, kind = refs[_alias_key(m.group(0))]
            found.append(TreeMention(m.start(), m.end(), ref, kind))
            taken.append(m.span())
    return tuple(_whole_projects(text, sorted(found, key=lambda t: t.start)))


def _whole_projects(text: str, found: list[TreeMention]) -> list[TreeMention]:
    """Two sub-projects of one project named together, as its name does ('cơ sở hạ tầng thiết yếu ... và các đơn vị
    sự nghiệp công lập lĩnh vực dân tộc' is Dự án 4 itself, not its first sub-project), are the project."""
    out: list[TreeMention] = []
    for t in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.by_number
            and not t.by_number
            and prev.ref.project_code
            and prev.ref.project_code == t.ref.project_code
            and prev.ref.sub_project_code
            and t.ref.sub_project_code
            and prev.ref.sub_project_code != t.ref.sub_project_code
            and t.start - prev.end <= 100
            and not re.search(r"[;.:]", text[prev.end : t.start])
            and re.search(r"\bvà\b|,", text[prev.end : t.start])
        ):
            out[-1] = TreeMention(prev.start, t.end, TreeRef(prev.ref.project_code), "name")
            continue
        out.append(t)
    return out


def _glosses(text: str, numbered: list[TreeMention]) -> list[tuple[int, int]]:
    """The bracket right after an item named by number spells out its name ('Dự án 4 (Đầu tư cơ sở hạ tầng thiết
    yếu ... và các đơn vị sự nghiệp công lập ...)'): the words in it name that item, no other."""
    spans = []
    for t in numbered:
        opening = re.match(r"\s*\(", text[t.end :])
        if opening:
            a = t.end + opening.end() - 1
            b = text.find(")", a)
            if b > a:
                spans.append((a, b + 1))
    return spans


def resolve_sub(ref: TreeRef, outer: TreeRef) -> TreeRef:
    """A sub-project named without its project ('?.TDA2') takes the enclosing project."""
    if ref.sub_project_code and ref.sub_project_code.startswith("?."):
        number = int(ref.sub_project_code.split("TDA")[1])
        project = ref.project_code or outer.project_code
        code = sub_project_code(project, number)
        return TreeRef(project, code, ref.content_code) if project else TreeRef(None, None, ref.content_code)
    return ref


def _fold_tones(text: str) -> str:
    """Lower case with old-style tone placement moved to the new style ('hoà' -> 'hòa'), same length as `text`, so
    positions in the folded text are positions in the text."""
    from loaders.textnorm import _OLD_STYLE, _new_style

    return _OLD_STYLE.sub(_new_style, text.lower())


def _alias_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


@functools.cache
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, tuple[TreeRef, str]]]:
    refs: dict[str, tuple[TreeRef, str]] = {}
    for alias in vocabulary().project_aliases:
        ref = TreeRef(alias.project_code, alias.sub_project_code, alias.content_code)
        refs.setdefault(_alias_key(alias.key), (ref, alias.kind))
    words = sorted(refs, key=len, reverse=True)
    alternatives = "|".join(r"[\s,\-–/()]+".join(re.escape(w) for w in key.split()) for key in words)
    return re.compile(rf"(?<![{_LETTER}])(?:{alternatives})(?![{_LETTER}])"), refs
