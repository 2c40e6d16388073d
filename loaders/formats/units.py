"""The text unit shared by every format reader, and the internal error the readers raise."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LINE = "line"
PARAGRAPH = "paragraph"
HEADING = "heading"
TABLE_ROW = "table_row"


@dataclass(frozen=True)
class WordBox:
    """Where a word of a unit's text was on its page: characters [start, end) of the unit's text, the page, the
    box in the page's coordinates (PDF points for a text layer, pixels for a scan), and, when it was read by
    OCR, the engine's confidence (0-100)."""

    start: int
    end: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float | None = None


@dataclass(frozen=True)
class TextUnit:
    """One unit of a document in reading order: a line, a paragraph or heading, or a table row."""

    line: int  # 1-based number of the unit in reading order (.txt: the physical line number)
    text: str  # NFC text as in the document; table rows are cell texts joined by TAB
    locator: str  # human-readable place: "line 12", "paragraph 7", "table 2 row 3", "page 3 line 5", ...
    kind: str  # "line" | "paragraph" | "heading" | "table_row"
    heading_level: int | None = None  # Word "Heading N" (Title = 0), HTML <hN>
    words: tuple[WordBox, ...] | None = None  # PDFs and scans: each word's place (and OCR confidence)


class Unreadable(Exception):
    """A document that cannot be turned into text units.

    `detail` is a phrase that follows the file's name, e.g. "is empty; replace it with the full document."
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_CELL_BREAK = re.compile(r"[ \u00a0]*[\t\r\n\v\f][\s]*")


def flatten_cell(text: str) -> str:
    """Cell text for a TAB-joined row: line breaks and tabs inside the cell become one space."""
    return _CELL_BREAK.sub(" ", text)


_WHITESPACE = re.compile(r"\s+")


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace (including NBSP) become one space; the ends are trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


class UnitList:
    """Collects units in reading order and numbers them 1..n (for formats whose `line` is an ordinal).

    Blank units (whitespace only) are dropped before numbering, so numbering stays contiguous.
    `paragraphs` counts the emitted paragraph/heading units, for "paragraph N" locators.
    """

    def __init__(self) -> None:
        self.units: list[TextUnit] = []
        self.paragraphs = 0

    def add_paragraph(self, text: str, heading_level: int | None = None) -> None:
        text = nfc(text)
        if not text.strip():
            return
        self.paragraphs += 1
        kind = PARAGRAPH if heading_level is None else HEADING
        self._add(text, f"paragraph {self.paragraphs}", kind, heading_level)

    def add_row(self, cells: list[str], locator: str) -> None:
        text = nfc("\t".join(cells))
        if text.strip():
            self._add(text, locator, TABLE_ROW, None)

    def add_line(self, text: str, locator: str) -> None:
        text = nfc(text)
        if text.strip():
            self._add(text, locator, LINE, None)

    def _add(self, text: str, locator: str, kind: str, heading_level: int | None) -> None:
        self.units.append(TextUnit(len(self.units) + 1, text, locator, kind, heading_level))
