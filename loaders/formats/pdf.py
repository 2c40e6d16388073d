"""PDF: each page read from its text layer (pdfplumber's words and ruling lines) or, when it has none (a scan),
by OCR (`loaders.ocr`); then laid out as a person reads it (`loaders.formats.layout`): paragraphs joined back,
running headers, footers and page numbers dropped, tables cell by cell.

A page is a scan when it holds an image and its text layer has fewer than 20 letters. Page images (.png, .jpg,
.tif, one page per frame) are scans too. Pages are opened one at a time (the file is read from disk by the PDF
library, never whole into memory), so a scanned plan of hundreds of pages is read in bounded memory.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageSequence, UnidentifiedImageError

from loaders.formats.layout import Page, Rule, Word, layout_units
from loaders.formats.units import TextUnit, Unreadable

logger = logging.getLogger(__name__)

MIN_PAGE_LETTERS = 20
_A4_WIDTH_INCHES = 8.27


def pdf_units(source: bytes | Path, sha256: str, ocr=None) -> tuple[list[TextUnit], int]:
    """(units, pages read by OCR). `ocr` is an `OcrSettings`; without one a scanned page is an error."""
    document = _open(source)
    try:
        n_pages = len(document)
        scanned = [i for i in range(n_pages) if _is_scan(document[i])]
        text_pages = _text_layer_pages(source, [i for i in range(n_pages) if i not in set(scanned)])
        pages = dict(text_pages)
        if scanned:
            if ocr is None:
                raise Unreadable(
                    "no_text_layer",
                    f"is a PDF whose pages {_ranges(scanned)} have no text layer (scanned images) and OCR is off.",
                )
            from loaders.ocr import ocr_pages

            sources = ((i + 1, _renderer(document, i, ocr.dpi)) for i in scanned)
            for page in ocr_pages(sources, sha256, ocr):
                pages[page.number] = page
    finally:
        document.close()
    units = layout_units([pages[k] for k in sorted(pages)])
    letters = sum(1 for u in units for ch in u.text if ch.isalpha())
    if letters < MIN_PAGE_LETTERS and not scanned:
        raise Unreadable(
            "no_text_layer",
            f"is a PDF of {n_pages} page(s) with no text layer ({letters} letters) and no page images to read by "
            "OCR: blank pages, or text drawn as shapes; export it again with its text, or scan it.",
        )
    if letters < MIN_PAGE_LETTERS:
        raise Unreadable(
            "no_text",
            f"is a PDF of {n_pages} page(s) in which neither the text layer nor OCR finds text ({letters} letters): "
            "blank pages, or a scan too faint or too small to read; scan it again at 200-300 dpi.",
        )
    return units, len(scanned)


def _open(source: bytes | Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise Unreadable(
                "unsupported_format",
                "is a password-protected PDF; save an unprotected copy (or print it to PDF) and add that.",
            ) from exc
        raise Unreadable(
            "corrupt_file",
            f"cannot be opened as a PDF ({message}); download or export it again.",
        ) from exc


def _is_scan(page: pdfium.PdfPage) -> bool:
    """A page with an image and (almost) no text layer."""
    try:
        textpage = page.get_textpage()
        try:
            letters = sum(1 for ch in textpage.get_text_range() if ch.isalpha())
        finally:
            textpage.close()
        if letters >= MIN_PAGE_LETTERS:
            return False
        return next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3), None) is not None
    except pdfium.PdfiumError:
        return True
    finally:
        page.close()


def _ranges(indexes: list[int]) -> str:
    numbers = [i + 1 for i in indexes]
    return ", ".join(str(n) for n in numbers[:10]) + (" ..." if len(numbers) > 10 else "")


def _text_layer_pages(source: bytes | Path, indexes: list[int]) -> list[tuple[int, Page]]:
    if not indexes:
        return []
    out = []
    try:
        pdf = pdfplumber.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise Unreadable("corrupt_file", f"cannot be opened as a PDF ({type(exc).__name__}: {exc}).") from exc
    with pdf:
        failed = 0
        for i in indexes:
            page = pdf.pages[i]
            try:
                out.append((i + 1, _plumbed(page, i + 1)))
            except Exception as exc:  # one damaged page should not lose the others
                failed += 1
                logger.warning("page %d: no text extracted (%s: %s)", i + 1, type(exc).__name__, exc)
            finally:
                page.close()
        if failed == len(indexes):
            raise Unreadable("corrupt_file", "is a PDF whose pages cannot be read; download or export it again.")
    return out


def _plumbed(page, number: int) -> Page:
    words = [
        Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False)
    ]
    rules = []
    for e in page.edges:
        x0, x1, top, bottom = float(e["x0"]), float(e["x1"]), float(e["top"]), float(e["bottom"])
        if e.get("orientation") == "h" or (x1 - x0) > (bottom - top):
            y = (top + bottom) / 2
            rules.append(Rule(x0, y, x1, y))
        else:
            x = (x0 + x1) / 2
            rules.append(Rule(x, top, x, bottom))
    return Page(number, float(page.width), float(page.height), words, rules, "pt", 72.0)


def _renderer(document: pdfium.PdfDocument, index: int, dpi: int):
    def render() -> tuple[Image.Image, float]:
        page = document[index]
        try:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            return bitmap.to_pil().convert("L"), float(dpi)
        finally:
            page.close()

    return render


# ------------------------------------------------------------------------------------------------ page images
def image_units(source: bytes | Path, sha256: str, ocr=None) -> tuple[list[TextUnit], int]:
    """A page image (PNG, JPEG, TIFF; every frame of a multi-page TIFF is a page) read by OCR."""
    from loaders.ocr import ocr_pages

    try:
        image = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise Unreadable("corrupt_file", f"cannot be opened as an image ({exc}); scan or export it again.") from exc
    if ocr is None:
        image.close()
        raise Unreadable("no_text_layer", "is a page image and OCR is off.")
    with image:
        n = getattr(image, "n_frames", 1)
        pages = list(ocr_pages(_frames(image), sha256, ocr))
    units = layout_units(pages)
    letters = sum(1 for u in units for ch in u.text if ch.isalpha())
    if letters < MIN_PAGE_LETTERS:
        raise Unreadable(
            "no_text",
            f"is an image of {n} page(s) in which OCR finds no text ({letters} letters): a blank page, or a scan "
            "too faint or too small to read; scan it again at 200-300 dpi.",
        )
    return units, n


def _frames(image: Image.Image) -> Iterator[tuple[int, object]]:
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        page, dpi = frame.convert("L"), _dpi_of(frame)
        yield number, lambda page=page, dpi=dpi: (page, dpi)


def _dpi_of(image: Image.Image) -> float:
    """The resolution the image says it has, else the one that makes it an A4 page wide."""
    dpi = image.info.get("dpi")
    if dpi and float(dpi[0]) >= 50:
        return float(dpi[0])
    return max(72.0, min(600.0, image.width / _A4_WIDTH_INCHES))
