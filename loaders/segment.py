"""Sentences, clauses and the words each figure owns, in one text unit.

A sentence ends at '.', '!', '?' or '…' followed by a capital letter (not inside '1.238.075'). A clause is bounded
by ';', a sentence end, a line break or TAB, and the parentheses it sits in. Within a clause holding several
figures, each figure owns a span: the words since the previous figure's tail (its lead, e.g. 'vốn sự nghiệp giải
ngân' before '154,9 tỷ đồng') and the words right after it up to a connector (its tail, e.g. 'vốn đầu tư phát
triển' after '458,9 tỷ đồng', up to ', gồm' or 'và'). What a figure owns is what is "stated with the figure".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

MAX_QUOTE = 220
SENTENCE_END = re.compile(r"[.!?…](?=\s+[A-ZĐÀ-Ỹ\"“(]|\s*$)")


def is_sentence_end(text: str, i: int) -> bool:
    if text[i] != ".":
        return True
    nxt = text[i + 1 : i + 3]
    prev = text[i - 1 : i] if i else ""
    if prev.isdigit() and nxt[:1].isdigit():
        return False  # 1.238.075
    return nxt == "" or (nxt[:1] in (" ", "\n") and (len(nxt) < 2 or not nxt[1].islower()))


@functools.lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    bounds, start = [], 0
    for m in SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    return tuple(bounds)


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    spans = sentence_spans(text)
    return next(((a, b) for a, b in spans if a <= pos < b), spans[-1])


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: bounded by ';', sentence ends, and the parentheses it sits in."""
    left = 0
    depth = 0
    for i in range(start - 1, -1, -1):
        c = text[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                left = i + 1
                break
            depth -= 1
        elif depth == 0 and (c in ";\n\t" or (c in ".!?…" and is_sentence_end(text, i))):
            left = i + 1
            break
    right = len(text)
    depth = 0
    for i in range(end, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                right = i
                break
            depth -= 1
        elif depth == 0 and (c in ";\n\t" or (c in ".!?…" and is_sentence_end(text, i))):
            right = i
            break
    while left < start and text[left] in " :,-–+*":
        left += 1
    while right > end and text[right - 1] in " ,:":
        right -= 1
    return left, right


def quote_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A quote of readable length containing the figure: its clause, cut at commas when the clause is long."""
    a, b = clause_span(text, start, end)
    if b - a <= MAX_QUOTE:
        return a, b
    lo = max(a, start - 120)
    if lo > a:
        comma = text.rfind(", ", a, start - 20)
        lo = comma + 1 if comma >= lo - 40 and comma != -1 else (text.find(" ", lo, start) + 1 or lo)
    hi = min(b, end + 80)
    if hi < b:
        comma = text.find(", ", end, b)
        space = text.rfind(" ", end, hi)
        hi = comma if comma != -1 and comma <= hi + 40 else (space if space > end else hi)
    while lo < start and text[lo] == " ":
        lo += 1
    return lo, hi


def paren_depth(text: str, pos: int) -> tuple[int, int | None]:
    """How many brackets are open at `pos`, and where the innermost one opened."""
    stack: list[int] = []
    for i, c in enumerate(text[:pos]):
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            stack.pop()
    return len(stack), (stack[-1] if stack else None)


# a figure's tail ends at punctuation or at a word that starts something else: another item ('và', ','), a
# comparison or rate ('đạt', 'bằng'), a breakdown ('gồm', 'trong đó'), a purpose or reason of the whole clause;
# but 'vùng DTTS và miền núi' is one name
_AND = r"và(?!\s+miền\s+núi)"
_TAIL_END = re.compile(
    r"[,;:.!?()\[\]]|\s(?:" + _AND + r"|với|đạt|bằng|gồm|bao\s+gồm|trong\s+đó|so\s+với|tăng|giảm|xuống|lên|nhưng|"
    r"trong\s+khi|do|vì|bởi|để|nhằm|tại|ở|từ)(?=\s|$)",
    re.IGNORECASE,
)


# a description after a figure ('52,8 tỷ đồng để giải quyết tình trạng thiếu đất ở') runs to the next item
_REST_END = re.compile(r"[;:.()]|,(?!\s*(?:mô\s+hình|đất|nhà)\b)|\s" + _AND + r"\s", re.IGNORECASE)
_GLOSS = re.compile(r"\s*\((?:[^()\d]{2,80}|(?:năm\s+)?(?:19|20)\d{2})\)", re.IGNORECASE)


@dataclass(frozen=True)
class Ownership:
    """The spans of a clause a figure owns: lead (before it) and tail (after it), and the clause's own lead (the
    words before its first figure, which all its figures share)."""

    lead: tuple[int, int]
    tail: tuple[int, int]
    rest: tuple[int, int]  # the description after the figure, up to the next item (',', ';', 'và') or figure
    clause: tuple[int, int]
    clause_lead: tuple[int, int]


def tail_end(text: str, start: int, limit: int) -> int:
    m = _TAIL_END.search(text, start, limit)
    return m.start() if m else limit


def ownership(text: str, spans: list[tuple[int, int]], i: int) -> Ownership:
    """What figure `i` of `spans` (the (start, end) of every figure of the unit, in order) owns in its clause."""
    start, end = spans[i]
    clause = clause_span(text, start, end)
    mates = [j for j, (a, b) in enumerate(spans) if clause[0] <= a and b <= clause[1]]
    before = [j for j in mates if j < i]
    after = [j for j in mates if j > i]
    if before:
        prev_end = spans[before[-1]][1]
        lead_start = tail_end(text, prev_end, start)
    else:
        lead_start = clause[0]
    limit = spans[after[0]][0] if after else clause[1]
    gloss = _GLOSS.match(text, end)  # '5.199.600.000 đồng (vốn sự nghiệp)': a bracket right after glosses it
    tail = (end, gloss.end()) if gloss and gloss.end() <= max(limit, gloss.end()) else (end, tail_end(text, end, limit))
    first = spans[mates[0]][0] if mates else start
    rest = _REST_END.search(text, end, limit)
    return Ownership((lead_start, start), tail, (end, rest.start() if rest else limit), clause, (clause[0], first))
