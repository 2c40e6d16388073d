"""PDF with a text layer: pypdf's text of each page, one "line" unit per non-blank line ("page 3 line 5").

`line` numbers the units 1..n over the document; the locator's line is the line within the page's
extracted text (blank lines counted, so it is stable). A PDF whose pages give fewer than 20 letters is a
scan without a text layer and is rejected so that someone runs OCR on it.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader

from loaders.formats.plaintext import split_lines
from loaders.formats.units import TextUnit, UnitList, Unreadable

logger = logging.getLogger(__name__)

MIN_LETTERS = 20


def pdf_units(data: bytes) -> list[TextUnit]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable(
                "unsupported_format",
                "is a password-protected PDF; save an unprotected copy (or print it to PDF) and add that.",
            )
        pages = list(reader.pages)
    except Unreadable:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise Unreadable(
            "corrupt_file",
            f"cannot be opened as a PDF ({type(exc).__name__}: {exc}); download or export it again.",
        ) from exc
    out = UnitList()
    failed = 0
    for page_number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # one damaged page should not lose the others
            failed += 1
            logger.warning("page %d: no text extracted (%s: %s)", page_number, type(exc).__name__, exc)
            continue
        for line_number, line in enumerate(split_lines(text), start=1):
            out.add_line(line, f"page {page_number} line {line_number}")
    if pages and failed == len(pages):
        raise Unreadable("corrupt_file", "is a PDF whose pages cannot be read; download or export it again.")
    letters = sum(1 for unit in out.units for ch in unit.text if ch.isalpha())
    if letters < MIN_LETTERS:
        raise Unreadable(
            "no_text_layer",
            f"is a PDF without a text layer ({len(pages)} page(s), {letters} letters of text), probably a "
            "scanned image; run OCR on it (e.g. ocrmypdf -l vie) and add the result.",
        )
    return out.units
