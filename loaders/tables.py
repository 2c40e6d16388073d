"""Appendix tables: rows of cells (TAB-separated lines of a text file, Word table rows, spreadsheet rows) read as
targets (tables with a unit column) or as funding lines (money tables), every numeric cell its own row with the
whole table row as its quote.

Rows nest by their STT numbering (I / 1 / 1.1 / a / -) under a "Tổng cộng" row; columns nest by the column-index
row's formulas ("3=4+...+9", "4=5+6") or, without one, by their headers (a "Tổng số" column over the NSTW and NSĐP
columns of its group)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from loaders import attribution
from loaders.attribution import Decided
from loaders.funding import EXACT_SCALES, slug
from loaders.mentions import TreeRef, resolve_sub
from loaders.model import Breakdown, FundingRow, Provenance, TargetRow
from loaders.outline import OutlineUnit, programme_ref_in
from loaders.places import places_in
from loaders.reference import vocabulary
from loaders.targets import DocContext
from loaders.textnorm import collapse_spaces
from loaders.vnnum import MONEY_SCALES, NUMBER, decimals_printed, parse_number

_CELL_NUMBER = re.compile(
    rf"^(?P<sign>[+\-–])?\s*(?P<comp>≥|≤|>=|<=|>|<|trên|dưới|tối thiểu|tối đa|khoảng|gần)?\s*(?P<num>{NUMBER})\s*"
    r"(?P<pct>%)?\s*(?P<foot>\*{1,3}|\(\d\))?$",
    re.IGNORECASE,
)
_BLANK = re.compile(r"^\s*(?:-|–|—|x|\.\.\.)?\s*$")
_INDEX_CELL = re.compile(r"^\(?\d{1,2}\)?(?:\s*=\s*[\d\s+().…\-–]+)?$|^\(?[A-D]\)?$")
_TOTAL_ROW = re.compile(r"^\s*(?:tổng\s+cộng|tổng\s+số|cộng|tổng|toàn\s+tỉnh)\b", re.IGNORECASE)
_SCALE_CAPTION = re.compile(
    r"(?:đơn\s+vị(?:\s+tính)?|đvt)\s*:\s*(?P<scale>nghìn\s+tỷ|tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND)", re.I
)
_ORDINAL = re.compile(r"[A-D]|[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2}){0,2}|[a-zđ]")
_PLACE_LABEL = re.compile(r"^(?:huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\s", re.I)
_COMPARATOR = {
    "≥": ">=",
    ">=": ">=",
    "tối thiểu": ">=",
    "≤": "<=",
    "<=": "<=",
    "tối đa": "<=",
    ">": ">",
    "trên": ">",
    "<": "<",
    "dưới": "<",
    "khoảng": "~",
    "gần": "~",
}


@dataclass
class Column:
    index: int
    header: str
    role: str  # stt | label | unit | note | value
    attrs: dict[str, str | None] = field(default_factory=dict)
    sign: int = 1
    is_total: bool = False
    code: str = ""


@dataclass
class Row:
    ou: OutlineUnit
    cells: list[str]
    level: float
    label: str
    programme: TreeRef
    programme_basis: str
    area: str | None
    area_code: str | None
    code: str = ""
    parent: Row | None = None


def table_blocks(units: Sequence[OutlineUnit]) -> list[tuple[list[OutlineUnit], list[OutlineUnit]]]:
    """Runs of consecutive table rows, each with the text units just above it (its caption)."""
    blocks: list[tuple[list[OutlineUnit], list[OutlineUnit]]] = []
    current: list[OutlineUnit] = []
    caption: list[OutlineUnit] = []
    for ou in units:
        is_row = ou.unit.kind == "table_row" or "\t" in ou.unit.text.strip("\n")
        if is_row:
            current.append(ou)
            continue
        if current:
            blocks.append((current, caption))
            current, caption = [], []
        if ou.unit.text.strip():
            caption = [*caption[-7:], ou]
    if current:
        blocks.append((current, caption))
    return blocks


def _cell_number(cell: str, doc_format: str) -> tuple[Decimal, str, int, str] | None:
    """(value, comparator, sign, the number as written) of a numeric cell, else None."""
    text = cell.strip()
    if doc_format == "xlsx" and re.fullmatch(r"-?\d+(?:\.\d+)?", text) and not re.fullmatch(r"\d{1,3}\.\d{3}", text):
        value = Decimal(text)
        return abs(value), "=", -1 if value < 0 else 1, text.lstrip("-")
    m = _CELL_NUMBER.match(text)
    if not m:
        return None
    comp = _COMPARATOR.get((m.group("comp") or "").lower(), "=")
    sign = -1 if m.group("sign") in ("-", "–") else 1
    return parse_number(m.group("num")), comp, sign, m.group("num")


def _is_index_row(cells: list[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) >= 3 and all(_INDEX_CELL.match(c) for c in filled):
        return True
    # one cell unreadable (a smudged or misread column number in a scan): every other cell numbers its column
    odd = [j for j, c in enumerate(cells) if c.strip() and not _INDEX_CELL.match(c.strip())]
    numbered = [re.match(r"\(?(\d{1,2})", c.strip()) for c in cells]
    return (
        len(filled) >= 6
        and len(odd) == 1
        and len(cells[odd[0]].strip()) <= 8
        and all(m is not None and int(m.group(1)) == j + 1 for j, m in enumerate(numbered) if j not in odd)
    )


TITLE_CHARS = 250  # longer text above a table is a paragraph of the document, not the table's title


@dataclass
class ParsedTable:
    columns: list[Column]
    rows: list[Row]
    kind: str  # targets | money
    scale: str  # money scale word of the cells
    formula: dict[int, list[int]]  # column index -> the column indexes it sums
    caption: str  # the text units just above the table (its title, unit line)
    title: str = ""  # the table's own title lines: the short units right above it (its heading for attribution)


def parse_table(
    rows_ou: list[OutlineUnit], caption: list[OutlineUnit], doc: DocContext, doc_format: str
) -> ParsedTable | None:
    grid = [ou.unit.text.split("\t") for ou in rows_ou]
    # title and caption rows of a sheet ('PHỤ LỤC I', 'Đơn vị tính: triệu đồng') sit above the header
    while len(grid) > 2 and sum(1 for c in grid[0] if c.strip()) < 3:
        caption = [*caption, rows_ou[0]]
        grid, rows_ou = grid[1:], rows_ou[1:]
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    header_rows: list[list[str]] = []
    index_row: list[str] | None = None
    first_data = None
    for i, cells in enumerate(grid):
        if _is_index_row(cells):
            index_row = cells
            continue
        numeric = [j for j, c in enumerate(cells) if c.strip() and _cell_number(c, doc_format) is not None]
        texty = [j for j, c in enumerate(cells) if c.strip() and _cell_number(c, doc_format) is None]
        if i > 0 and numeric and texty and not (len(numeric) == 1 and numeric[0] == 0 and len(texty) > 2):
            first_data = i
            break
        if i > 0 and header_rows and _ORDINAL.fullmatch(cells[0].strip()) and len(texty) <= 2:
            first_data = i  # a section row ('A  CHỈ TIÊU CHUNG') starts the body
            break
        header_rows.append(cells)
    if first_data is None or not header_rows:
        return None
    headers = _headers(header_rows, width)
    data = [
        (ou, cells)
        for ou, cells in zip(rows_ou[first_data:], grid[first_data:], strict=True)
        if not _is_index_row(cells)
    ]
    columns = [_column(j, headers[j], [c[j] for _, c in data], doc_format) for j in range(width)]
    if not any(c.role == "label" for c in columns):
        text_cols = [c for c in columns if c.role not in ("stt", "value", "unit", "note")]
        if not text_cols:
            return None
        text_cols[0].role = "label"
    caption_text = " ".join(ou.unit.text for ou in caption)
    has_unit = any(c.role == "unit" for c in columns)
    money_words = re.search(
        r"triệu đồng|tỷ đồng|\bđồng\b|vốn|kinh phí|NSTW|NSĐP|dự toán|phân bổ",
        caption_text + " " + " ".join(headers),
        re.I,
    )
    kind = "targets" if has_unit else ("money" if money_words else "")
    if not kind or not any(c.role == "value" for c in columns):
        return None
    m = _SCALE_CAPTION.search(caption_text + " " + " ".join(headers))
    scale = (m.group("scale") or "đồng").lower().replace("  ", " ") if m else "triệu"
    scale = re.sub(r"\s+", " ", scale)
    formula = _formulas(index_row) if index_row else {}
    rows = _rows(data, columns, doc)
    _column_semantics(columns, doc, kind)
    if not formula and kind == "money":
        formula = _implied_formulas(columns)
    title_units: list[str] = []
    for ou in reversed(caption[-3:]):  # the run of short lines right above the table
        if len(ou.unit.text) > TITLE_CHARS:
            break
        title_units.insert(0, ou.unit.text)
    title = " ".join(title_units)
    return ParsedTable(columns, rows, kind, scale, formula, caption_text, title)


def _headers(header_rows: list[list[str]], width: int) -> list[str]:
    filled = [list(r) for r in header_rows]
    for r, cells in enumerate(filled[:-1]):  # a merged header spans the empty cells to its right
        for j in range(1, width):
            below = filled[r + 1][j].strip() if r + 1 < len(filled) else ""
            if not cells[j].strip() and cells[j - 1].strip() and below:
                cells[j] = cells[j - 1]
    return [
        collapse_spaces(" / ".join(dict.fromkeys(c[j].strip() for c in filled if c[j].strip()))) for j in range(width)
    ]


def _column(j: int, header: str, cells: list[str], doc_format: str) -> Column:
    h = header.lower()
    filled = [c for c in cells if c.strip()]
    numeric = sum(1 for c in filled if _cell_number(c, doc_format) is not None or _BLANK.match(c))
    if re.fullmatch(r"(?:stt|tt|số tt|số thứ tự)\.?", h.strip()) or (
        j == 0 and filled and all(_ORDINAL.fullmatch(c.strip()) or c.strip() in ("-", "+", "*") for c in filled)
    ):
        return Column(j, header, "stt")
    if re.fullmatch(r"\s*(?:đơn vị tính|đvt)\.?\s*", h) and _mostly_units(filled):
        return Column(j, header, "unit")
    if re.search(r"ghi chú", h):
        return Column(j, header, "note")
    if filled and numeric >= max(1, len(filled) * 0.6) and not re.search(r"dự án|nội dung|chỉ tiêu|danh mục|tên", h):
        return Column(j, header, "value")
    if re.search(r"dự án|nội dung|chỉ tiêu|danh mục|đơn vị|tên|địa phương|huyện|mục tiêu|nhiệm vụ|công trình", h):
        return Column(j, header, "label")
    return Column(j, header, "text")


def _mostly_units(cells: list[str]) -> bool:
    known = vocabulary().unit_variants
    return bool(cells) and sum(1 for c in cells if collapse_spaces(c).lower() in known) >= len(cells) / 2


def _formulas(index_row: list[str]) -> dict[int, list[int]]:
    """Column relations stated in the column-index row: '3=4+...+9' and '4=5+6' by column number."""
    number_of: dict[int, int] = {}
    relations: dict[int, list[int]] = {}
    for j, cell in enumerate(index_row):
        m = re.match(r"^\(?(\d{1,2})\)?", cell.strip())
        if m:
            number_of[int(m.group(1))] = j
    for j, cell in enumerate(index_row):
        m = re.match(r"^\(?\d{1,2}\)?\s*=\s*(.+)$", cell.strip())
        if not m:
            continue
        expr = m.group(1).replace("…", "...")
        parts: list[int] = []
        for a, dots, b in re.findall(r"(\d+)\s*\+\s*(\.\.\.)?\s*\+?\s*(\d+)?", expr):
            if dots and b:
                parts.extend(range(int(a), int(b) + 1))
            else:
                parts.append(int(a))
                if b:
                    parts.append(int(b))
        nums = sorted(set(parts)) if parts else [int(x) for x in re.findall(r"\d+", expr)]
        relations[j] = [number_of[n] for n in nums if n in number_of and number_of[n] != j]
    return relations


def _rows(data: list[tuple[OutlineUnit, list[str]]], columns: list[Column], doc: DocContext) -> list[Row]:
    label_col = next(c.index for c in columns if c.role == "label")
    stt_col = next((c.index for c in columns if c.role == "stt"), None)
    rows: list[Row] = []
    stack: list[Row] = []
    for ou, cells in data:
        label = collapse_spaces(cells[label_col])
        stt = cells[stt_col].strip() if stt_col is not None else ""
        if not label and not any(c.strip() for c in cells):
            continue
        level = _row_level(stt, label)
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        outer = parent.programme if parent else ou.programme
        ref = programme_ref_in(label, at_start=True) or programme_ref_in(label, at_start=False)
        programme = resolve_sub(ref, outer) if ref else (outer if parent else ou.programme)
        if ref and ref.sub_project_code and not ref.project_code:
            programme = resolve_sub(ref, outer)
        basis = attribution.STATED if ref else attribution.PARENT if parent else attribution.HEADING
        if not programme.project_code and not programme.content_code:
            basis = attribution.UNKNOWN
        places = places_in(label, doc.meta.province_code) if _PLACE_LABEL.match(label) else []
        area = places[0].place.name if places else (parent.area if parent else None)
        area_code = places[0].place.code if places else (parent.area_code if parent else None)
        row = Row(ou, cells, level, label, programme, basis, area, area_code, parent=parent)
        rows.append(row)
        stack.append(row)
    return rows


def _row_level(stt: str, label: str) -> float:
    if _TOTAL_ROW.match(label) and not stt:
        return 0
    if re.fullmatch(r"[A-D]\.?", stt):
        return 0.5
    if re.fullmatch(r"[IVXL]+\.?", stt):
        return 1
    if re.fullmatch(r"\d+\.?", stt):
        return 2
    if re.fullmatch(r"\d+\.\d+\.?", stt) or re.fullmatch(r"[a-zđ]\)?\.?", stt):
        return 3
    if re.fullmatch(r"\d+\.\d+\.\d+\.?", stt):
        return 4
    if stt in ("-", "–", "+", "*"):
        return 5
    if re.match(r"^ti[ểê]u\s+d[ựự]\s*án", label, re.I):
        return 3
    return 2


def _column_semantics(columns: list[Column], doc: DocContext, kind: str) -> None:
    for col in columns:
        if col.role != "value":
            continue
        h = col.header.lower()
        attrs: dict[str, str | None] = {
            "capital_type": attribution.label_term(col.header, "capital_type"),
            "budget_level": attribution.label_term(col.header, "budget_level"),
            "budget_phase": attribution.label_term(col.header, "budget_phase", attribution.PHASE_PRIORITY),
        }
        places = places_in(col.header, doc.meta.province_code) if _PLACE_LABEL.match(col.header) else []
        attrs["area_name"] = places[0].place.name if places else None
        attrs["area_code"] = places[0].place.code if places else None
        col.is_total = (
            bool(re.search(r"tổng\s*(?:số|cộng)?\s*$|^tổng|cộng\s*$", h.split("/")[-1].strip()))
            and attrs.get("area_name") is None
        )
        if re.search(r"tăng\s*\(\+\)|\(\+\)\s*,?\s*giảm|\(-\)", h):
            col.sign, attrs["budget_phase"] = 1, "adjusted"
            col.attrs["net"] = "yes"
        elif re.search(r"\bgiảm\b", h):
            col.sign, attrs["budget_phase"] = -1, "adjusted"
        elif re.search(r"\btăng\b", h):
            attrs["budget_phase"] = "adjusted"
        if kind == "targets":
            attrs["measure"] = "result" if re.search(r"thực hiện|kết quả|ước", h) and "kế hoạch" not in h else "target"
        col.attrs.update(attrs)
        col.code = _column_code(col)


def _column_code(col: Column) -> str:
    a = col.attrs
    parts = []
    if a.get("area_name"):
        return slug(a["area_name"])
    if a.get("capital_type"):
        parts.append({"investment": "INV", "recurrent": "REC"}[a["capital_type"]])
    if a.get("budget_level"):
        parts.append(
            {
                "central": "CENTRAL",
                "local": "LOCAL",
                "provincial": "PROVINCE",
                "district": "DISTRICT",
                "commune": "COMMUNE",
            }[a["budget_level"]]
        )
    if a.get("net"):
        parts.append("NET")
    elif col.sign < 0:
        parts.append("DEC")
    elif a.get("budget_phase") == "adjusted":
        parts.append("INC")
    return ".".join(parts) if parts else ("ALL" if col.is_total else f"C{col.index + 1}")


def _implied_formulas(columns: list[Column]) -> dict[int, list[int]]:
    """Without an index row: a 'Tổng số' column sums the other columns of its capital group; the overall total
    sums the group totals (or, in a table by district, the district columns)."""
    values = [c for c in columns if c.role == "value"]
    relations: dict[int, list[int]] = {}
    groups: dict[str | None, list[Column]] = {}
    for c in values:
        groups.setdefault(c.attrs.get("capital_type"), []).append(c)
    for cap, cols in groups.items():
        if cap is None:
            continue
        totals = [c for c in cols if c.is_total or not c.attrs.get("budget_level")]
        parts = [c for c in cols if c.attrs.get("budget_level") and c not in totals]
        if len(totals) == 1 and len(parts) >= 2:
            relations[totals[0].index] = [c.index for c in parts]
    dec = [c for c in values if c.code == "DEC"]
    inc = [c for c in values if c.code == "INC"]
    net = [c for c in values if c.code == "NET"]
    if len(dec) == len(inc) == len(net) == 1:
        relations[net[0].index] = [dec[0].index, inc[0].index]
        return relations
    overall = [c for c in values if c.is_total and c.attrs.get("capital_type") is None]
    if len(overall) == 1:
        group_totals = [relations and k for k in relations]
        if group_totals:
            relations[overall[0].index] = sorted(group_totals)
        else:
            parts = [c.index for c in values if c is not overall[0] and c.attrs.get("area_name")]
            if len(parts) >= 2:
                relations[overall[0].index] = parts
    return relations


def _row_code(row: Row, taken: set[str]) -> str:
    p = row.programme
    if row.level == 0:
        base = "TOTAL"
    elif row.area and (row.parent is None or row.parent.area != row.area):
        base = slug(row.area)
    elif p.sub_project_code and (row.parent is None or row.parent.programme.sub_project_code != p.sub_project_code):
        base = p.sub_project_code
    elif p.project_code and (row.parent is None or row.parent.programme.project_code != p.project_code):
        base = p.project_code
    else:
        base = slug(row.label)[:16] or "ROW"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    taken.add(code)
    return code


def table_rows(
    doc: DocContext, units: Sequence[OutlineUnit], doc_format: str
) -> tuple[list[TargetRow], list[FundingRow], list[Breakdown]]:
    targets: list[TargetRow] = []
    funding: list[FundingRow] = []
    breakdowns: list[Breakdown] = []
    for n, (rows_ou, caption) in enumerate(table_blocks(units), 1):
        table = parse_table(rows_ou, caption, doc, doc_format)
        if table is None:
            continue
        if table.kind == "targets":
            targets.extend(_table_targets(doc, table, doc_format))
        else:
            f, b = _table_funding(doc, table, doc_format, prefix="" if n == 1 else f"T{n}.")
            funding.extend(f)
            breakdowns.extend(b)
    return targets, funding, breakdowns


def _table_targets(doc: DocContext, table: ParsedTable, doc_format: str) -> list[TargetRow]:
    out = []
    unit_col = next(c.index for c in table.columns if c.role == "unit")
    headings = [table.title]
    for row, col, parsed in _value_cells(table, doc_format):
        unit_raw = collapse_spaces(row.cells[unit_col]).lower()
        if not unit_raw:
            continue
        value, comp, sign, _written = parsed
        if unit_raw in ("triệu đồng", "tỷ đồng", "đồng"):
            continue  # money in a target table is a funding line, read as such elsewhere
        text = row.ou.unit.text
        cell_start = _cell_offset(text, col.index)
        time = attribution.labelled_time([col.header, row.label], headings, doc.reference_date, doc.years)
        measure_stated = re.search(r"thực hiện|kết quả|ước|kế hoạch|mục tiêu|chỉ tiêu", col.header, re.I)
        out.append(
            TargetRow(
                document_id=doc.document_id,
                program_code=doc.default_program,
                province_code=doc.meta.province_code,
                plan_year=time.plan_year,
                admin_level=doc.meta.admin_level,
                area_name=row.area or doc.meta.area_name,
                area_code=row.area_code,
                period_start_year=time.first_year,
                period_end_year=time.last_year,
                as_of_date=None,
                project_code=row.programme.project_code,
                sub_project_code=row.programme.sub_project_code,
                content_code=row.programme.content_code,
                indicator_name=row.label[:200],
                target_value=value * sign,
                denominator_value=None,
                unit_raw=unit_raw,
                comparator=comp,
                measure=col.attrs.get("measure") or "target",
                project_basis=row.programme_basis,
                measure_basis=attribution.STATED if measure_stated else attribution.DOCUMENT,
                year_basis=time.basis,
                origin="table",
                parent_span_start=None,
                provenance=Provenance(
                    doc.source_file,
                    row.ou.unit.line,
                    row.ou.unit.locator,
                    cell_start,
                    row.cells[col.index].strip(),
                    text,
                ),
            )
        )
    return out


def _value_cells(table: ParsedTable, doc_format: str) -> Iterator[tuple[Row, Column, tuple]]:
    """Each readable number of a table's value columns, row by row: (row, column, parsed cell)."""
    for row in table.rows:
        for col in table.columns:
            if col.role != "value":
                continue
            parsed = _cell_number(row.cells[col.index], doc_format)
            if parsed is not None:
                yield row, col, parsed


def _cell_offset(text: str, index: int) -> int:
    pos = 0
    for _ in range(index):
        pos = text.index("\t", pos) + 1
    return pos


@dataclass(frozen=True)
class _TableDefaults:
    """What a table's money cells take from their document when neither header nor row label says."""

    scale: str
    phase: str
    capital: str | None
    level: str | None
    headings: list[str]

    @staticmethod
    def of(doc: DocContext, table: ParsedTable) -> _TableDefaults:
        formal = doc.meta.doc_kind not in attribution.HEADLINE_KINDS  # a decision's title speaks for its tables
        return _TableDefaults(
            "triệu" if table.scale not in MONEY_SCALES else table.scale,
            doc.document_phase,
            attribution.terms_of_title(doc.meta.title, "capital_type") if formal else None,
            attribution.terms_of_title(doc.meta.title, "budget_level") if formal else None,
            [table.title],
        )


_CellAttrs = tuple[Decided, Decided, Decided]  # capital type, budget level, phase


def _table_funding(
    doc: DocContext, table: ParsedTable, doc_format: str, prefix: str
) -> tuple[list[FundingRow], list[Breakdown]]:
    """A money table's cells as funding lines: each value cell a line, its row's parent row its parent line (in
    the same column), its attributes from its column header, row label, parent, caption and document."""
    taken: set[str] = set()
    for row in table.rows:
        row.code = prefix + _row_code(row, taken)
    defaults = _TableDefaults.of(doc, table)
    funding: list[FundingRow] = []
    present: dict[tuple[int, int], FundingRow] = {}
    decided: dict[tuple[int, int], _CellAttrs] = {}
    row_index = {id(row): i for i, row in enumerate(table.rows)}
    for row, col, parsed in _value_cells(table, doc_format):
        r_i = row_index[id(row)]
        parent = decided.get((row_index[id(row.parent)], col.index)) if row.parent is not None else None
        decided[(r_i, col.index)] = _cell_attrs(row, col, parent, defaults)
        fr = _cell_line(doc, row, col, parsed, decided[(r_i, col.index)], defaults)
        present[(r_i, col.index)] = fr
        funding.append(fr)
    return _on_stated_parents(table, funding), _column_breakdowns(doc, table, present)


def _cell_attrs(row: Row, col: Column, parent: _CellAttrs | None, defaults: _TableDefaults) -> _CellAttrs:
    """Capital type, budget level and phase of a cell: its column's, else its row label's, its parent row's, the
    caption's, the document's."""

    def decide(dimension: str, i: int, document: str | None, priority: Sequence[str] | None = None) -> Decided:
        if col.attrs.get(dimension):
            return Decided(col.attrs[dimension], attribution.STATED)
        inherited = parent[i] if parent else None
        return attribution.decide_labelled(dimension, [row.label], inherited, defaults.headings, document, priority)

    return (
        decide("capital_type", 0, defaults.capital),
        decide("budget_level", 1, defaults.level),
        decide("budget_phase", 2, defaults.phase, attribution.PHASE_PRIORITY),
    )


def _cell_line(
    doc: DocContext, row: Row, col: Column, parsed: tuple, attrs: _CellAttrs, defaults: _TableDefaults
) -> FundingRow:
    value, _comp, sign, written = parsed
    capital, level, phase = attrs
    scale = defaults.scale
    text = row.ou.unit.text
    time = attribution.labelled_time([col.header, row.label], defaults.headings, doc.reference_date, doc.years)
    return FundingRow(
        document_id=doc.document_id,
        line_code=f"{row.code}|{col.code}",
        parent_line_code=f"{row.parent.code}|{col.code}" if row.parent is not None else None,
        program_code=doc.default_program,
        province_code=doc.meta.province_code,
        plan_year=time.plan_year,
        period_start_year=time.first_year,
        period_end_year=time.last_year,
        as_of_date=None,
        project_code=row.programme.project_code,
        sub_project_code=row.programme.sub_project_code,
        area_name=col.attrs.get("area_name") or row.area or doc.meta.area_name,
        area_code=col.attrs.get("area_code") or row.area_code,
        capital_type=capital.value,
        budget_level=level.value,
        funding_source="program",
        budget_phase=phase.value or defaults.phase,
        project_basis=row.programme_basis,
        capital_type_basis=capital.basis,
        budget_level_basis=level.basis,
        budget_phase_basis=phase.basis,
        year_basis=time.basis,
        amount_million_vnd=value * MONEY_SCALES[scale] * sign * col.sign,
        scale_word=scale,
        precision_million_vnd=Decimal(0)
        if scale in EXACT_SCALES
        else (Decimal(1).scaleb(-decimals_printed(written)) / 2) * MONEY_SCALES[scale],
        is_approximate=False,
        breakdown=None,
        label=f"{row.label} - {col.header}"[:240],
        origin="table",
        provenance=Provenance(
            doc.source_file,
            row.ou.unit.line,
            row.ou.unit.locator,
            _cell_offset(text, col.index),
            row.cells[col.index].strip(),
            text,
        ),
    )


def _on_stated_parents(table: ParsedTable, funding: list[FundingRow]) -> list[FundingRow]:
    """Parents that are not stated (an empty cell) are dropped: a child hangs on the nearest stated ancestor; a
    line with children is a complete breakdown."""
    by_code = {f.line_code: f for f in funding}
    fixed = []
    for f in funding:
        parent = f.parent_line_code
        while parent is not None and parent not in by_code:
            row_code, col_code = parent.split("|")
            row = next((r for r in table.rows if r.code == row_code), None)
            parent = f"{row.parent.code}|{col_code}" if row is not None and row.parent is not None else None
        fixed.append(f if parent == f.parent_line_code else _replace(f, parent_line_code=parent))
    has_children = {f.parent_line_code for f in fixed if f.parent_line_code}
    return [_replace(f, breakdown="complete") if f.line_code in has_children else f for f in fixed]


def _column_breakdowns(
    doc: DocContext, table: ParsedTable, present: dict[tuple[int, int], FundingRow]
) -> list[Breakdown]:
    """A total column and its part columns, row by row ('Tổng số = NSTW + NSĐP'): a second breakdown."""
    breakdowns = []
    for r_i in range(len(table.rows)):
        for total, parts in table.formula.items():
            if (r_i, total) not in present:
                continue
            for p in parts:
                if (r_i, p) in present:
                    breakdowns.append(
                        Breakdown(
                            doc.document_id,
                            present[(r_i, total)].line_code,
                            present[(r_i, p)].line_code,
                            "column",
                            "complete",
                        )
                    )
    return breakdowns


def _replace(f: FundingRow, **changes) -> FundingRow:
    from dataclasses import replace

    return replace(f, **changes)
