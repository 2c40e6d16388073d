"""Excel .xlsx: every worksheet in order, one "table_row" unit per non-empty row.

A row's text is its cell values joined by TAB up to the last non-empty cell; empty cells before it stay as
empty strings (a row starting with an empty cell starts with TAB). Values are the cached results of formulas
(a formula Excel never calculated reads as empty). Numbers are written as plain decimals the way Excel's
General format shows them, up to 15 significant digits, without grouping or exponent (12940.347, 419659);
text is as typed (a number typed as text, '3.960', stays '3.960') except that line breaks and tabs inside a
cell become one space; dates are ISO (2025-01-24, or 2025-01-24 08:30:00 with a time); booleans TRUE/FALSE.
Merged cells hold their value in the top-left cell only, as openpyxl gives them.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import warnings
from decimal import Decimal

import openpyxl

from loaders.formats.units import TextUnit, UnitList, Unreadable, flatten_cell

logger = logging.getLogger(__name__)


def xlsx_units(data: bytes) -> list[TextUnit]:
    out = UnitList()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # unsupported extensions, data validation, ...
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    sheet.reset_dimensions()  # the stored dimension is often wrong; read every row
                    for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                        cells = [cell_text(value) for value in values]
                        while cells and not cells[-1].strip():
                            cells.pop()
                        out.add_row(cells, f"sheet '{sheet.title}' row {row_number}")
            finally:
                workbook.close()
    except Unreadable:
        raise
    except Exception as exc:  # openpyxl raises many types on damaged workbooks
        raise Unreadable(
            "corrupt_file",
            f"cannot be opened as an Excel workbook ({type(exc).__name__}: {exc}); open it in Excel or "
            "LibreOffice and save it again as .xlsx.",
        ) from exc
    return out.units


def cell_text(value: object) -> str:
    """One cell value as text (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return plain_number(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str):
        return flatten_cell(value)
    return str(value)


def plain_number(value: float | Decimal) -> str:
    """12940.347 -> '12940.347', 419659.0 -> '419659', 1.2e5 -> '120000', 1e-7 -> '0.0000001'."""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return repr(value)
        value = Decimal(format(value, ".15g"))  # Excel keeps and shows 15 significant digits
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")
