"""Saved web pages: the article's blocks as units, page chrome (menus, share bars, related news) dropped.

Units: one per block element (p, div, li, h1-h6, blockquote, ...) with its whitespace collapsed; text directly
inside a block around a nested block becomes its own unit, so nothing is glued across blocks. Data tables
(at least 2 rows and 2 columns) give one "table_row" unit per <tr>, cells joined by TAB; layout tables (one
row or one column, or a huge cell) are read as ordinary blocks. `<br>` is whitespace inside a block; a
`<pre>` block (how browsers save a plain-text page) gives one unit per non-blank line.
"""

from __future__ import annotations

import logging
import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import PreformattedString

from loaders.formats.units import TextUnit, UnitList, collapse_whitespace

logger = logging.getLogger(__name__)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DROP_TAGS = sorted(
    _words(
        "script style noscript nav footer aside form menu template iframe svg canvas object embed button "
        "select textarea input head link meta"
    )
)
_BLOCK_TAGS = _words(
    "address article blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu ol p pre section summary table tbody "
    "td tfoot th thead tr ul"
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# class/id words that mark navigation, menus, share bars, comments and related-news boxes
_CHROME_WORDS = _words(
    "nav navbar navigation menu menubar mainmenu topmenu submenu megamenu breadcrumb breadcrumbs share "
    "sharing social socials comment comments binhluan related relate relates lienquan tinlienquan tinkhac "
    "othernews sidebar toolbar"
)
# the same, written without separators inside a longer class name ("boxtinlienquan")
_CHROME_JOINED = sorted(
    _words(
        "tinlienquan lienquan relatednews relatedpost othernews tinkhac binhluan socialshare sharebutton "
        "breadcrumb mainmenu topmenu"
    )
)
_CHROME_ROLES = _words("navigation banner contentinfo complementary search menu menubar")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
# a chrome-looking element holding more than this share of the page text is the content, not chrome
_MAX_CHROME_SHARE = 0.5
_LAYOUT_CELL_CHARS = 2000


# what a saved page says about itself in its <head>: where it was published, by whom, when
_PROPERTY_META = {
    "url": (("link", "rel", "canonical", "href"), ("meta", "property", "og:url", "content")),
    "site_name": (("meta", "property", "og:site_name", "content"),),
    "published": (
        ("meta", "property", "article:published_time", "content"),
        ("meta", "name", "pubdate", "content"),
        ("meta", "itemprop", "datePublished", "content"),
        ("meta", "name", "publishdate", "content"),
    ),
}


def html_properties(text: str) -> dict[str, str]:
    """The page's own address (canonical link or og:url), outlet name (og:site_name) and publication time, from
    its <head>; absent keys are left out."""
    soup = BeautifulSoup(text, "lxml")
    found: dict[str, str] = {}
    for key, candidates in _PROPERTY_META.items():
        for tag, attribute, value, content in candidates:
            for element in soup.find_all(tag):
                attr = element.get(attribute)
                names = attr if isinstance(attr, list) else [attr]
                if value in [str(n).lower() for n in names if n] and element.get(content):
                    found.setdefault(key, collapse_whitespace(str(element.get(content))))
    return found


def html_units(text: str) -> list[TextUnit]:
    soup = BeautifulSoup(text, "lxml")
    _drop_chrome(soup)
    reader = _BlockReader()
    reader.walk(soup.body or soup)
    reader.flush()
    return reader.out.units


def _drop_chrome(soup: BeautifulSoup) -> None:
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for header in soup.find_all("header"):
        # a page header (logo, menu) goes; an <article>'s own header holds its title and stays
        if header.find_parent(("article", "main")) is None:
            header.decompose()
    page_chars = len((soup.body or soup).get_text())
    for tag in soup.find_all(_looks_like_chrome):
        if tag.decomposed:  # inside an element already dropped
            continue
        chars = len(tag.get_text())
        if chars > _MAX_CHROME_SHARE * page_chars and chars > 200:
            logger.debug("kept <%s class=%s>: it holds most of the page text", tag.name, tag.get("class"))
            continue
        tag.decompose()


def _looks_like_chrome(tag: Tag) -> bool:
    if tag.name in ("html", "body", "article", "main"):
        return False
    if tag.has_attr("hidden") or _HIDDEN_STYLE.search(str(tag.get("style", ""))):
        return True
    if str(tag.get("role", "")).lower() in _CHROME_ROLES:
        return True
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    names = " ".join([*classes, str(tag.get("id") or "")]).lower()
    if not names.strip():
        return False
    words = set(_WORD_SPLIT.split(names))
    if words & _CHROME_WORDS:
        return True
    joined = _WORD_SPLIT.sub("", names)
    return any(word in joined for word in _CHROME_JOINED)


def _is_text(node: NavigableString) -> bool:
    return not isinstance(node, PreformattedString)  # comments, doctype, CDATA, processing instructions


class _BlockReader:
    """Walks the tree; text accumulates until a block starts or ends, then becomes one unit."""

    def __init__(self) -> None:
        self.out = UnitList()
        self.buffer: list[str] = []
        self.levels: list[int | None] = [None]
        self.tables = 0

    def flush(self) -> None:
        text = collapse_whitespace("".join(self.buffer))
        self.buffer.clear()
        self.out.add_paragraph(text, self.levels[-1])

    def walk(self, element: Tag) -> None:
        for child in element.children:
            if isinstance(child, NavigableString):
                if _is_text(child):
                    self.buffer.append(str(child))
            elif isinstance(child, Tag):
                self._element(child)

    def _element(self, tag: Tag) -> None:
        if tag.name == "br":
            self.buffer.append(" ")
        elif tag.name not in _BLOCK_TAGS:
            self.walk(tag)
        elif tag.name == "table" and _is_data_table(tag):
            self.flush()
            self._data_table(tag, None)
        elif tag.name == "pre":
            self.flush()
            for line in tag.get_text().splitlines():
                self.out.add_paragraph(collapse_whitespace(line), self.levels[-1])
        else:
            self.flush()
            self.levels.append(_HEADINGS.get(tag.name, self.levels[-1]))
            self.walk(tag)
            self.flush()
            self.levels.pop()

    def _data_table(self, table: Tag, prefix: str | None) -> None:
        self.tables += 1
        name = f"table {self.tables}" if prefix is None else prefix
        caption = table.find("caption", recursive=False)
        if caption is not None:
            self.out.add_paragraph(collapse_whitespace(_cell_text(caption, [])))
        for row_number, row in enumerate(_own_rows(table), start=1):
            nested: list[Tag] = []
            cells = [_cell_text(cell, nested) for cell in row.find_all(("td", "th"), recursive=False)]
            locator = f"{name} row {row_number}"
            self.out.add_row(cells, locator)
            for k, inner in enumerate(nested, start=1):
                self._data_table(inner, f"{locator}, nested table {k}")


def _own_rows(table: Tag) -> list[Tag]:
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _is_data_table(table: Tag) -> bool:
    rows = _own_rows(table)
    if len(rows) < 2:
        return False
    cells = [row.find_all(("td", "th"), recursive=False) for row in rows]
    if max(len(row_cells) for row_cells in cells) < 2:
        return False
    return all(len(cell.get_text()) <= _LAYOUT_CELL_CHARS for row_cells in cells for cell in row_cells)


def _cell_text(cell: Tag, nested: list[Tag]) -> str:
    """The cell's text with whitespace collapsed; nested tables are collected, not inlined."""
    parts: list[str] = []

    def visit(element: Tag) -> None:
        for child in element.children:
            if isinstance(child, NavigableString):
                if _is_text(child):
                    parts.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "table":
                    nested.append(child)
                elif child.name == "br" or child.name in _BLOCK_TAGS:
                    parts.append(" ")
                    visit(child)
                    parts.append(" ")
                else:
                    visit(child)

    visit(cell)
    return collapse_whitespace("".join(parts))
