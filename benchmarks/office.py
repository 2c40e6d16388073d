"""Write a document's text units as .docx (paragraphs, headings, tables) or .xlsx (one row per unit),
byte-for-byte reproducibly (fixed document properties and zip timestamps)."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from decimal import Decimal
from itertools import groupby

from benchmarks.model import Doc, Unit

FIXED = datetime.datetime(2024, 1, 1, 0, 0, 0)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
STYLES = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4"}


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed timestamps and a fixed member order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            data = src.read(name)
            if name == "docProps/core.xml":  # openpyxl stamps the save time whatever the properties say
                data = MODIFIED.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)
            dst.writestr(info, data)
    return out.getvalue()


def docx_units(doc: Doc) -> list[Unit]:
    """The units a .docx keeps: blank lines are not written as paragraphs."""
    return [u for u in doc.units if u.text or u.table >= 0]


def write_docx(doc: Doc) -> bytes:
    import docx  # python-docx, imported lazily: most corpora are .txt only

    d = docx.Document()
    d.core_properties.created = FIXED
    d.core_properties.modified = FIXED
    d.core_properties.last_modified_by = "ntp-warehouse benchmarks"
    d.core_properties.author = "ntp-warehouse benchmarks"
    for table_id, group in groupby(docx_units(doc), key=lambda u: u.table):
        units = list(group)
        if table_id < 0:
            for u in units:
                d.add_paragraph(u.text, style=STYLES.get(u.style))
            continue
        width = max(len(u.cells) for u in units)
        table = d.add_table(rows=0, cols=width)
        for u in units:
            cells = table.add_row().cells
            for cell, text in zip(cells, u.cells, strict=False):
                cell.text = text
    buf = io.BytesIO()
    d.save(buf)
    return normalize_zip(buf.getvalue())


def xlsx_value(v: object) -> object:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v if v != "" else None


def write_xlsx(doc: Doc) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "ntp-warehouse benchmarks"
    ws = wb.active
    ws.title = "Phụ lục I"
    for u in xlsx_units(doc):
        ws.append([xlsx_value(v) for v in (u.values or (u.text,))])
    for cells in doc.merges:
        ws.merge_cells(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue())


def xlsx_units(doc: Doc) -> list[Unit]:
    return [u for u in doc.units if u.text or u.values]
