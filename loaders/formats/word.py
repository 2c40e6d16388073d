"""Word .docx: body paragraphs and table rows in reading order.

Units follow python-docx's element tree of the body: each non-empty paragraph is one unit ("heading" with
its level for styles Heading 1-9, Title = level 0; else "paragraph"); each table row is one "table_row" unit,
its cells' texts joined by TAB. A cell spanning several grid columns is one `w:tc` and appears once; a
vertically merged cell has its text in its first row only (the continuation cells are empty), as in Excel.
Paragraphs inside a cell are joined by one space, and line breaks or tabs inside a cell become one space.
A table nested in a cell follows its row, located as "table 2 row 3, nested table 1 row 1".

Paragraph text is read from the runs the way Word shows it: tracked insertions, hyperlinks, fields'
results and content controls included; deleted text, field codes and text boxes left out. A line break
(`w:br`) inside a body paragraph is kept as "\\n", a tab as "\\t", as python-docx renders them.
Headers, footers, footnotes and comments are not read.
"""

from __future__ import annotations

import io
import logging
import re

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml.etree import _Element

from loaders.formats.units import TextUnit, UnitList, Unreadable, flatten_cell

logger = logging.getLogger(__name__)

_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_T, _TAB, _PTAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_NB_HYPHEN = qn("w:noBreakHyphen")
_BR_TYPE = qn("w:type")
_PPR, _PSTYLE, _VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:val")
# inline containers whose runs are visible text (w:del, w:moveFrom, drawings and text boxes are not)
_INLINE_CONTAINERS = frozenset(
    qn(f"w:{name}")
    for name in ("hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple")
) | {qn("w:dir"), qn("w:bdo")}
_HEADING_STYLE = re.compile(r"heading ([1-9])", re.IGNORECASE)


def docx_units(data: bytes) -> list[TextUnit]:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on damaged packages
        raise Unreadable(
            "corrupt_file",
            f"cannot be opened as a Word document ({type(exc).__name__}: {exc}); open it in Word or "
            "LibreOffice and save it again as .docx.",
        ) from exc
    return _BodyReader(document).read()


class _BodyReader:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.out = UnitList()
        self._levels: dict[str | None, int | None] = {}

    def read(self) -> list[TextUnit]:
        tables = 0
        for block in _blocks(self.document.element.body):
            if block.tag == _P:
                self.out.add_paragraph(paragraph_text(block), self._heading_level(block))
            else:
                tables += 1
                self._table(block, f"table {tables}")
        return self.out.units

    def _heading_level(self, paragraph: _Element) -> int | None:
        style_element = paragraph.find(f"{_PPR}/{_PSTYLE}")
        style_id = None if style_element is None else style_element.get(_VAL)
        if style_id not in self._levels:
            style = self.document.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
            name = (style.name or "").strip()
            match = _HEADING_STYLE.fullmatch(name)
            level = int(match.group(1)) if match else (0 if name.lower() == "title" else None)
            self._levels[style_id] = level
        return self._levels[style_id]

    def _table(self, table: _Element, name: str) -> None:
        rows = [child for child in _children(table) if child.tag == _TR]
        for row_number, row in enumerate(rows, start=1):
            nested: list[_Element] = []
            cells = [_cell_text(cell, nested) for cell in _children(row) if cell.tag == _TC]
            locator = f"{name} row {row_number}"
            self.out.add_row(cells, locator)
            for k, inner in enumerate(nested, start=1):
                self._table(inner, f"{locator}, nested table {k}")


def _children(element: _Element):
    """Children, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag in (_SDT, _CUSTOM_XML):
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _children(content)
        else:
            yield child


def _blocks(container: _Element):
    """Paragraphs and tables of a body or cell, in document order."""
    for child in _children(container):
        if child.tag in (_P, _TBL):
            yield child


def _cell_text(cell: _Element, nested: list[_Element]) -> str:
    texts: list[str] = []
    for block in _blocks(cell):
        if block.tag == _TBL:
            nested.append(block)
        else:
            text = paragraph_text(block)
            if text.strip():
                texts.append(flatten_cell(text))
    return " ".join(texts)


def paragraph_text(paragraph: _Element) -> str:
    parts: list[str] = []
    _inline_text(paragraph, parts)
    return "".join(parts)


def _inline_text(element: _Element, parts: list[str]) -> None:
    for child in element:
        if child.tag == _R:
            _run_text(child, parts)
        elif child.tag in _INLINE_CONTAINERS:
            _inline_text(child, parts)


def _run_text(run: _Element, parts: list[str]) -> None:
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            parts.append("\t")
        elif tag == _CR or (tag == _BR and child.get(_BR_TYPE) in (None, "textWrapping")):
            parts.append("\n")
        elif tag == _NB_HYPHEN:
            parts.append("-")
