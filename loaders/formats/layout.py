"""Pages of positioned words -> text units, as a person reads a printed page.

The same code reads a PDF's text layer (words from pdfplumber) and a scanned page (words from OCR), so a table
gives the same cells either way. On each page:

  * ruling lines that meet make a grid: a table. Its cells are the grid's cells; a cell without the line between
    it and its neighbour is one merged cell, whose text goes in its top-left grid cell (the others stay empty, as
    Excel gives merged cells), so a header spanning columns or rows keeps every column in place. Each grid row is
    one "table_row" unit, cells joined by TAB. A table that goes on at the top of the next page (same columns,
    nothing in between) keeps its number and drops the header rows it repeats.
  * lines of words that sit apart in aligned columns, with figures, and no ruling make an unruled table the
    same way, one row per line.
  * the other words make visual lines. Lines repeated at the top or bottom of most pages (running headers and
    footers) and page numbers are dropped. A line that was wrapped at the margin (the next line's first word
    would not have fitted at its end) goes on in the next line, across a page break too, unless the next line
    opens a numbered item after a finished sentence: the paragraph is one "paragraph" unit. Short lines
    (headings, numbered items, signatures) stay units of their own. A word broken by a hyphen at the line end
    is joined back without the space.

Locators name the page and the line ("page 3 line 5", "page 3 line 40 - page 4 line 2") or the table row
("page 5 table 2 row 3"). Every unit keeps the boxes of its words (page, x0, top, x1, bottom in the page's own
units) and, for OCR, each word's confidence: `TextUnit.words`.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from loaders.formats.units import PARAGRAPH, TABLE_ROW, TextUnit, WordBox, nfc


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float | None = None  # OCR confidence 0-100; None for a text layer

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Rule:
    """A ruling line: horizontal when `top == bottom` (give both), vertical when `x0 == x1`."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    rules: list[Rule] = field(default_factory=list)
    unit: str = "pt"  # what the coordinates count: pt (1/72 inch) or px (at `dpi`)
    dpi: float = 72.0


# ----------------------------------------------------------------------------------------------- visual lines
@dataclass
class _Line:
    page: int
    words: list[Word]
    number: int = 0  # line on its page, top to bottom, counted before headers are dropped

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return statistics.median(w.bottom - w.top for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _lines(words: list[Word], page: int) -> list[_Line]:
    """Words on one baseline make a line: a word joins the line whose vertical span covers its centre."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w.yc, w.x0)):
        for line in reversed(lines[-3:]):
            top, bottom = line.top, line.bottom
            if top - 1e-6 <= word.yc <= bottom + 1e-6 or abs(word.yc - (top + bottom) / 2) < 0.35 * (bottom - top):
                line.words.append(word)
                break
        else:
            lines.append(_Line(page, [word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: ln.top)
    return lines


def _space(line_height: float) -> float:
    return 0.3 * line_height


def _split_wide_gaps(line: _Line) -> list[_Line]:
    """Two blocks side by side on one line (the issuer and the national motto in a document's header) are two
    lines: a gap wider than four letter heights separates them."""
    gap = 4 * line.height
    parts = [[line.words[0]]]
    for word in line.words[1:]:
        if word.x0 - parts[-1][-1].x1 > gap:
            parts.append([word])
        else:
            parts[-1].append(word)
    return [_Line(line.page, p, line.number) for p in parts]


# ----------------------------------------------------------------------------------------------- ruled tables
@dataclass
class _Grid:
    xs: list[float]
    ys: list[float]
    anchor: dict[tuple[int, int], tuple[int, int]]  # grid cell -> the top-left cell of its merged cell

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _merge_segments(rules: list[Rule], tol: float) -> tuple[list[Rule], list[Rule]]:
    """Collinear pieces of one line joined: (horizontal, vertical)."""
    hs = sorted((r for r in rules if r.horizontal), key=lambda r: ((r.top + r.bottom) / 2, r.x0))
    vs = sorted((r for r in rules if not r.horizontal), key=lambda r: ((r.x0 + r.x1) / 2, r.top))
    merged_h: list[Rule] = []
    for r in hs:
        y = (r.top + r.bottom) / 2
        for i in range(len(merged_h) - 1, -1, -1):
            m = merged_h[i]
            if abs(m.top - y) <= tol and r.x0 <= m.x1 + tol and r.x1 >= m.x0 - tol:
                merged_h[i] = Rule(min(m.x0, r.x0), m.top, max(m.x1, r.x1), m.top)
                break
            if y - m.top > tol:
                merged_h.append(Rule(r.x0, y, r.x1, y))
                break
        else:
            merged_h.append(Rule(r.x0, y, r.x1, y))
    merged_v: list[Rule] = []
    for r in vs:
        x = (r.x0 + r.x1) / 2
        for i in range(len(merged_v) - 1, -1, -1):
            m = merged_v[i]
            if abs(m.x0 - x) <= tol and r.top <= m.bottom + tol and r.bottom >= m.top - tol:
                merged_v[i] = Rule(m.x0, min(m.top, r.top), m.x0, max(m.bottom, r.bottom))
                break
            if x - m.x0 > tol:
                merged_v.append(Rule(x, r.top, x, r.bottom))
                break
        else:
            merged_v.append(Rule(x, r.top, x, r.bottom))
    return merged_h, merged_v


def find_grids(rules: list[Rule], tol: float) -> list[_Grid]:
    """Tables drawn with ruling lines: groups of horizontal and vertical lines that cross, with at least two
    columns."""
    hs, vs = _merge_segments(rules, tol)
    segments = hs + vs
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs, start=len(hs)):
            if h.x0 - tol <= v.x0 <= h.x1 + tol and v.top - tol <= h.top <= v.bottom + tol:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(segments)):
        groups.setdefault(find(i), []).append(i)
    grids = []
    for members in groups.values():
        gh = [segments[i] for i in members if i < len(hs)]
        gv = [segments[i] for i in members if i >= len(hs)]
        if len(gh) < 2 or len(gv) < 3:
            continue
        xs = _cluster([v.x0 for v in gv], tol)
        ys = _cluster([h.top for h in gh], tol)
        if len(xs) < 3 or len(ys) < 2:
            continue
        grids.append(_grid(xs, ys, gh, gv, tol))
    return grids


def _grid(xs: list[float], ys: list[float], hs: list[Rule], vs: list[Rule], tol: float) -> _Grid:
    def has_v(x: float, y0: float, y1: float) -> bool:
        mid = (y0 + y1) / 2
        return any(abs(v.x0 - x) <= tol and v.top - tol <= mid <= v.bottom + tol for v in vs)

    def has_h(y: float, x0: float, x1: float) -> bool:
        mid = (x0 + x1) / 2
        return any(abs(h.top - y) <= tol and h.x0 - tol <= mid <= h.x1 + tol for h in hs)

    rows, cols = len(ys) - 1, len(xs) - 1
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(rows):
        for c in range(cols):
            left = anchor.get((r, c - 1)) if c > 0 and not has_v(xs[c], ys[r], ys[r + 1]) else None
            up = anchor.get((r - 1, c)) if r > 0 and not has_h(ys[r], xs[c], xs[c + 1]) else None
            anchor[(r, c)] = up or left or (r, c)
    return _Grid(xs, ys, anchor)


def _index(edges: list[float], value: float) -> int | None:
    for i in range(len(edges) - 1):
        if edges[i] <= value < edges[i + 1]:
            return i
    return None


def _cell_text(words: list[Word]) -> tuple[str, list[Word]]:
    ordered = [w for line in _lines(words, 0) for w in line.words]
    return _join_words(ordered), ordered


def _join_words(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


# ----------------------------------------------------------------------------------------------- page elements
@dataclass
class _Table:
    page: int
    top: float
    rows: list[list[tuple[str, list[Word]]]]  # cells: (text, words)
    xs: list[float]  # column edges
    header_rows: int = 1


def _page_elements(page: Page) -> list[_Line | _Table]:
    tol = max(2.0, page.width * 0.004)
    grids = find_grids(page.rules, tol)
    taken: set[int] = set()
    elements: list[_Line | _Table] = []
    for grid in grids:
        x0, y0, x1, y1 = grid.bbox
        cells: dict[tuple[int, int], list[Word]] = {}
        for i, w in enumerate(page.words):
            if x0 <= w.xc <= x1 and y0 <= w.yc <= y1:
                r, c = _index(grid.ys, w.yc), _index(grid.xs, w.xc)
                if r is None or c is None:
                    continue
                taken.add(i)
                cells.setdefault(grid.anchor[(r, c)], []).append(w)
        rows = []
        for r in range(len(grid.ys) - 1):
            rows.append([_cell_text(cells.get((r, c), [])) for c in range(len(grid.xs) - 1)])
        elements.append(_Table(page.number, y0, rows, grid.xs, _header_rows(rows)))
    flow = [w for i, w in enumerate(page.words) if i not in taken]
    lines = _lines(flow, page.number)
    for n, line in enumerate(lines, start=1):
        line.number = n
    elements.extend(_unruled_tables(lines, page))
    elements.sort(key=lambda e: e.top)
    return elements


_FIGURE = re.compile(r"^[-–+]?\(?\d[\d.,]*%?\)?$|^-$")


def _unruled_tables(lines: list[_Line], page: Page) -> list[_Line | _Table]:
    """Lines whose words stand in three or more columns with wide gaps, two of them figures, for three lines
    or more, aligned: an unruled table, one row per line, columns where no line has a word."""
    chunked = []
    for line in lines:
        gap = 1.6 * line.height
        chunks = [[line.words[0]]]
        for w in line.words[1:]:
            if w.x0 - chunks[-1][-1].x1 > gap:
                chunks.append([w])
            else:
                chunks[-1].append(w)
        figures = sum(1 for c in chunks if _FIGURE.match(_join_words(c)))
        chunked.append((line, chunks, len(chunks) >= 3 and figures >= 2))
    out: list[_Line | _Table] = []
    i = 0
    while i < len(chunked):
        j = i
        while j < len(chunked) and chunked[j][2]:
            j += 1
        if j - i >= 3:
            run = chunked[i:j]
            # a header line just above (three columns or more, no figures) belongs to the table
            if i > 0 and len(chunked[i - 1][1]) >= 3 and out and out[-1] is chunked[i - 1][0]:
                out.pop()
                run = [chunked[i - 1], *run]
            out.append(_unruled(run, page))
            i = j
        else:
            out.append(chunked[i][0])
            i += 1
    return out


def _unruled(run: list[tuple[_Line, list[list[Word]], bool]], page: Page) -> _Table:
    spans = sorted((c[0].x0, c[-1].x1) for _, chunks, _ in run for c in chunks)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    edges = [c[0] for c in columns] + [columns[-1][1] + 1]
    rows = []
    for _, chunks, _ in run:
        cells: list[list[Word]] = [[] for _ in columns]
        for chunk in chunks:
            k = _index(edges, chunk[0].x0)
            cells[k if k is not None else len(columns) - 1].extend(chunk)
        rows.append([(_join_words(ws), ws) for ws in cells])
    return _Table(page.number, run[0][0].top, rows, edges, _header_rows(rows))


def _header_rows(rows: list[list[tuple[str, list[Word]]]]) -> int:
    """Rows above the first one that holds a figure."""
    for i, row in enumerate(rows):
        if any(_FIGURE.match(text) for text, _ in row[1:]) and i > 0:
            return i
    return 1


# ----------------------------------------------------------------------------------------------- the document
_PAGE_NUMBER = re.compile(r"^(?:trang|page)?\s*[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:/|trên|of)\s*\d{1,4})?$", re.I)
_ITEM_START = re.compile(
    r"^(?:[-–+•*]\s|\(?\d{1,2}(?:\.\d{1,2}){0,3}[.)]\s|[a-zđ]\)\s|[IVXLC]{1,5}[.)]\s|[A-D][.)]\s|"
    r"(?:Điều|Chương|Mục|Phần|Phụ lục)\s+[\dIVXLC]+)",
)
_SENTENCE_END = re.compile(r"[.;:!?]\)?$|\.\s*/\.?$")


def _normalised(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _running_lines(pages: list[list[_Line | _Table]], heights: dict[int, float]) -> set[int]:
    """ids of lines that are running headers, footers or page numbers: at the top or bottom of the page, and a
    page number, or repeated on other pages, or set apart from the text in smaller print."""
    drop: set[int] = set()
    candidates: list[tuple[_Line, str]] = []
    every = [e.height for elements in pages for e in elements if isinstance(e, _Line)]
    body = statistics.median(every) if every else 0.0
    for elements in pages:
        lines = [e for e in elements if isinstance(e, _Line)]
        if not lines:
            continue
        height = heights[lines[0].page]
        top = [ln for ln in lines[:3] if ln.bottom < 0.12 * height]
        bottom = [ln for ln in lines[-3:] if ln.top > 0.86 * height]
        for line in top + bottom:
            if _PAGE_NUMBER.match(line.text.strip()):
                drop.add(id(line))
            else:
                candidates.append((line, _normalised(line.text)))
        for line, neighbour in ((lines[0], lines[1:2]), (lines[-1], lines[-2:-1])):
            if line not in top + bottom or not neighbour:
                continue
            gap = max(neighbour[0].top - line.bottom, line.top - neighbour[0].bottom)
            if line.height < 0.8 * body and gap > line.height:
                drop.add(id(line))
    n_pages = len(pages)
    if n_pages >= 2:
        for line, key in candidates:
            pages_with = {
                other.page
                for other, k in candidates
                if other.page != line.page and (k == key or SequenceMatcher(None, k, key).ratio() >= 0.85)
            }
            if len(pages_with) + 1 >= max(2, 0.4 * n_pages):
                drop.add(id(line))
    return drop


def layout_units(pages: Sequence[Page]) -> list[TextUnit]:
    """Text units of a document from its pages (see the module docstring)."""
    page_elements = [_page_elements(p) for p in pages]
    heights = {p.number: p.height for p in pages}
    widths = {p.number: p.width for p in pages}
    drop = _running_lines(page_elements, heights)
    flat: list[_Line | _Table] = []
    for elements in page_elements:
        for e in elements:
            if isinstance(e, _Line):
                if id(e) not in drop:
                    flat.extend(_split_wide_gaps(e))
            else:
                flat.append(e)
    margins = _margins(flat, widths)
    units: list[TextUnit] = []
    paragraph: list[_Line] = []
    tables = 0
    previous_table: _Table | None = None
    table_rows = 0

    def close_paragraph() -> None:
        if paragraph:
            units.append(_paragraph_unit(len(units) + 1, paragraph))
            paragraph.clear()

    for element in flat:
        if isinstance(element, _Table):
            close_paragraph()
            rows = element.rows
            if previous_table is not None and _continues(previous_table, element):
                repeated = _repeated_header(previous_table, element)
                rows = rows[repeated:]
            else:
                tables += 1
                table_rows = 0
            for cells in rows:
                table_rows += 1
                text = nfc("\t".join(c for c, _ in cells))
                if not text.strip():
                    continue
                locator = f"page {element.page} table {tables} row {table_rows}"
                units.append(TextUnit(len(units) + 1, text, locator, TABLE_ROW, None, _boxes(cells, element.page)))
            previous_table = element
            continue
        previous_table = None
        if paragraph and _continues_paragraph(paragraph[-1], element, margins):
            paragraph.append(element)
        else:
            close_paragraph()
            paragraph.append(element)
    close_paragraph()
    return units


def _right_edges(elements: list[_Line | _Table], widths: dict[int, float]) -> dict[int, float]:
    """The right margin of each page's text: where its long lines end."""
    ends: dict[int, list[float]] = {}
    for e in elements:
        if isinstance(e, _Line) and e.x1 - e.x0 > 0.5 * widths[e.page]:
            ends.setdefault(e.page, []).append(e.x1)
    everywhere = [x for xs in ends.values() for x in xs]
    fallback = max(everywhere) if everywhere else None
    out = {}
    for page, width in widths.items():
        xs = sorted(ends.get(page, []))
        if len(xs) >= 3:
            out[page] = xs[int(0.9 * (len(xs) - 1))]
        else:
            out[page] = fallback if fallback is not None and fallback < width else 0.9 * width
    return out


@dataclass
class _Margins:
    left: dict[int, float]  # where each page's text lines start
    right: dict[int, float]  # and end
    pitch: float  # the usual distance from one line of a paragraph to the next


def _margins(elements: list[_Line | _Table], widths: dict[int, float]) -> _Margins:
    lines = [e for e in elements if isinstance(e, _Line)]
    starts: dict[int, list[float]] = {}
    for e in lines:
        if e.x1 - e.x0 > 0.5 * widths[e.page]:
            starts.setdefault(e.page, []).append(e.x0)
    left = {page: sorted(xs)[int(0.1 * (len(xs) - 1))] for page, xs in starts.items()}
    pitches = [
        b.top - a.top for a, b in itertools.pairwise(lines) if a.page == b.page and 0 < b.top - a.top < 2.5 * a.height
    ]
    return _Margins(left, _right_edges(elements, widths), statistics.median(pitches) if pitches else 0.0)


def _continues_paragraph(prev: _Line, line: _Line, margins: _Margins) -> bool:
    """Whether `line` goes on with the paragraph `prev` ends: `prev` was wrapped at the margin (the first word of
    `line` would not have fitted at its end), and `line` is neither set apart by paragraph spacing, nor indented
    as a paragraph's first line, nor a numbered item after a finished sentence."""
    height = prev.height
    right = margins.right
    if line.page == prev.page:
        gap = line.top - prev.bottom
        if gap > 1.2 * height or gap < -0.5 * height:
            return False
        if margins.pitch and line.top - prev.top > 1.2 * margins.pitch:
            return False
    elif line.page != prev.page + 1:
        return False
    left = margins.left.get(line.page)
    if left is not None and line.x0 > left + 1.2 * height and prev.x0 <= left + 0.5 * height:
        return False
    first = line.words[0]
    room = right[prev.page] - prev.x1
    wrapped = room < _space(height) + (first.x1 - first.x0) + 0.5 * height
    if not wrapped:
        return False
    text = prev.text
    return not (_SENTENCE_END.search(text) and _ITEM_START.match(line.text))


def _paragraph_unit(number: int, lines: list[_Line]) -> TextUnit:
    text = lines[0].text
    for line in lines[1:]:
        nxt = line.text
        if re.search(r"\w-$", text) and nxt[:1].islower():
            text += nxt  # a word broken at the line end: 'Ea-' + 'H'leo'
        else:
            text += " " + nxt
    first, last = lines[0], lines[-1]
    if first.page == last.page:
        where = f"page {first.page} line {first.number}"
        if last.number != first.number:
            where += f"-{last.number}"
    else:
        where = f"page {first.page} line {first.number} - page {last.page} line {last.number}"
    words = [w for line in lines for w in line.words]
    pages = [line.page for line in lines for _ in line.words]
    return TextUnit(number, nfc(text), where, PARAGRAPH, None, _word_boxes(words, text, pages))


def _word_boxes(words: list[Word], text: str, pages: list[int]) -> tuple[WordBox, ...]:
    """Each word's span in the unit's text, with its page, box and confidence."""
    boxes = []
    pos = 0
    for w, page in zip(words, pages, strict=True):
        start = text.find(w.text, pos)
        if start < 0:
            continue
        pos = start + len(w.text)
        boxes.append(WordBox(start, pos, page, w.x0, w.top, w.x1, w.bottom, w.conf))
    return tuple(boxes)


def _boxes(cells: list[tuple[str, list[Word]]], page: int) -> tuple[WordBox, ...]:
    boxes = []
    offset = 0
    for text, words in cells:
        boxes.extend(
            WordBox(b.start + offset, b.end + offset, page, b.x0, b.top, b.x1, b.bottom, b.conf)
            for b in _word_boxes(words, text, [page] * len(words))
        )
        offset += len(text) + 1
    return tuple(boxes)


def _continues(prev: _Table, table: _Table) -> bool:
    """A table at the top of the page after another table ended the previous page, with as many columns."""
    return table.page == prev.page + 1 and len(table.xs) == len(prev.xs)


def _repeated_header(prev: _Table, table: _Table) -> int:
    """How many of the table's first rows repeat the header rows of the table it continues."""
    n = 0
    for a, b in zip(prev.rows[: prev.header_rows], table.rows, strict=False):
        if [_normalised(t) for t, _ in a] != [_normalised(t) for t, _ in b]:
            break
        n += 1
    return n
