"""Read programme documents: bytes on disk -> normalised text units with a place for provenance.

The unit model
--------------
A document becomes a tuple of `TextUnit`s in reading order. A unit is the smallest span a quote must lie in:

  * .txt (and any text file): one unit per non-blank physical line; `line` is the editor's line number
    (after CRLF/CR -> LF), so a quote's line can be found in an editor. Blank lines are skipped.
  * .html/.htm: one unit per block element (p, div, li, h1-h6, ...), whitespace collapsed; data-table rows
    as TAB-joined cells; scripts, styles, menus, share bars, comments and related news dropped.
  * .docx: one unit per non-empty body paragraph (headings carry their level) and per table row (cells
    joined by TAB), in body order.
  * .xlsx: one unit per non-empty row of every sheet (cells joined by TAB, numbers as plain decimals).
  * .pdf: the pages' text layer, or OCR of a scanned page, laid out as read: one "paragraph" unit per paragraph
    (lines wrapped at the margin joined back, running headers, footers and page numbers dropped) and one
    "table_row" unit per table row (cells joined by TAB); locators "page 3 line 5-7", "page 5 table 2 row 3".
  * .png/.jpg/.tif page images: read by OCR, laid out like a scanned PDF page.

For all but .txt, `line` numbers the emitted units 1..n. Every text is NFC. `locator` says where the unit is
in words a person can follow ("line 12", "paragraph 7", "table 2 row 3", "sheet 'PL01' row 8",
"page 3 line 5"). Units of PDFs and images also keep each word's page, box and OCR confidence (`words`).
The format modules in `loaders.formats` document the details of each format.

The format is sniffed from the content (magic bytes, ZIP members, markup); the file name only refines the
message when the content is unreadable. A file that cannot be read raises `ReadError` with a stable
`reason` code and a `detail` sentence naming the file and what to do. OSErrors (missing file, permissions)
are not documents' faults and propagate unchanged.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from loaders.formats import sniff
from loaders.formats.encoding import check_vietnamese_text, decode_text, looks_binary
from loaders.formats.pdf import image_units, pdf_units
from loaders.formats.plaintext import text_units
from loaders.formats.spreadsheet import xlsx_units
from loaders.formats.units import TextUnit, Unreadable
from loaders.formats.webpage import html_properties, html_units
from loaders.formats.word import docx_units

__all__ = [
    "REASONS",
    "DocumentText",
    "ReadError",
    "TextUnit",
    "list_documents",
    "read_bytes",
    "read_document",
]

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
# PDFs and page images are read page by page from disk, never whole into memory: a scanned plan of hundreds of
# pages is tens or hundreds of megabytes, so they have a limit of their own
DEFAULT_MAX_SCAN_BYTES = 2_000_000_000
REASONS = frozenset(
    {
        "empty_file",
        "unsupported_format",
        "binary_content",
        "no_text_layer",
        "undecodable_text",
        "legacy_font_encoding",
        "too_large",
        "corrupt_file",
        "no_text",
        "ocr_unavailable",
        "ocr_failed",
    }
)


@dataclass(frozen=True)
class DocumentText:
    source_file: str  # path relative to the documents root, POSIX separators, NFC
    sha256: str  # hex digest of the raw bytes
    size_bytes: int
    format: str  # "txt" | "html" | "docx" | "pdf" | "xlsx" | "image"
    encoding: str | None  # txt/html: "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258", ...
    units: tuple[TextUnit, ...]
    properties: tuple[tuple[str, str], ...] = ()  # a saved page's own address, outlet and time (html_properties)
    ocr_pages: int = 0  # pages read by OCR (scanned PDF pages, page images)


class ReadError(Exception):
    """A document that cannot be read. `reason` is a stable code (see REASONS); `detail` names the file."""

    def __init__(self, source_file: str, reason: str, detail: str) -> None:
        super().__init__(source_file, reason, detail)
        self.source_file = source_file
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


def read_document(
    path: Path,
    root: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_scan_bytes: int = DEFAULT_MAX_SCAN_BYTES,
    ocr=None,
) -> DocumentText:
    """Read one document under `root`; raise ReadError if it cannot be read as text.

    The size is checked (stat) before any byte is read. PDFs and page images (up to max_scan_bytes) are read
    page by page from the file; any other file is read whole, at most max_bytes + 1 bytes. `ocr` is an
    `loaders.ocr.OcrSettings`: without it, a page without a text layer is rejected.
    """
    source_file = relative_name(path, root)
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(source_file, "unsupported_format", f"'{source_file}' is not a regular file.")
    if is_paged(path):
        if info.st_size > max_scan_bytes:
            raise _error(source_file, _too_large(info.st_size, max_scan_bytes))
        return _read_paged(path, source_file, ocr)
    if info.st_size > max_bytes:
        raise _error(source_file, _too_large(info.st_size, max_bytes))
    data = b"" if info.st_size == 0 else _read_at_most(path, max_bytes)
    if len(data) > max_bytes:  # it grew since stat
        raise _error(source_file, _too_large(len(data), max_bytes))
    return read_bytes(data, source_file, ocr=ocr)


def is_paged(path: Path) -> bool:
    """A PDF or a page image: read page by page from disk, with its own size limit."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:  # unreadable here: reading it will say why
        return False
    try:
        return sniff.sniff(head, _suffix(path.name)) in (sniff.PDF, sniff.IMAGE)
    except Unreadable:
        return False


def file_digest(path: Path) -> tuple[str, int]:
    """A file's SHA-256 (hex) and size, read in blocks."""
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def _read_paged(path: Path, source_file: str, ocr) -> DocumentText:
    source_file = unicodedata.normalize("NFC", source_file)
    digest, size = file_digest(path)
    try:
        with path.open("rb") as handle:
            kind = sniff.sniff(handle.read(1024), _suffix(source_file))
        if kind == sniff.PDF:
            fmt, (units, ocr_pages) = "pdf", pdf_units(path, digest, ocr)
        else:
            fmt, (units, ocr_pages) = "image", image_units(path, digest, ocr)
        return _document(source_file, digest, size, fmt, None, units, ocr_pages)
    except Unreadable as exc:
        raise _error(source_file, exc) from exc


def read_bytes(data: bytes, source_file: str, *, ocr=None) -> DocumentText:
    """The pure core: a document's bytes and its name (relative path, used for the extension hint and in
    messages) -> DocumentText. Raises ReadError."""
    source_file = unicodedata.normalize("NFC", source_file)
    try:
        return _read_bytes(data, source_file, ocr)
    except Unreadable as exc:
        raise _error(source_file, exc) from exc


def _read_bytes(data: bytes, source_file: str, ocr) -> DocumentText:
    if not data:
        raise Unreadable("empty_file", "is empty (0 bytes); replace it with the complete document.")
    suffix = _suffix(source_file)
    kind = sniff.sniff(data, suffix)
    encoding: str | None = None
    ocr_pages = 0
    sha256 = hashlib.sha256(data).hexdigest()
    properties: dict[str, str] = {}
    if kind == sniff.PDF:
        fmt, (units, ocr_pages) = "pdf", pdf_units(data, sha256, ocr)
    elif kind == sniff.IMAGE:
        fmt, (units, ocr_pages) = "image", image_units(data, sha256, ocr)
    elif kind == sniff.DOCX:
        fmt, units = "docx", docx_units(data)
    elif kind == sniff.XLSX:
        fmt, units = "xlsx", xlsx_units(data)
    else:
        fmt, encoding, units, properties = _text_document(data, suffix)
        if encoding.startswith("utf-8") and any("\ufffd" in unit.text for unit in units):
            logger.warning("%s: invalid UTF-8 byte sequences were read as U+FFFD", source_file)
    return _document(source_file, sha256, len(data), fmt, encoding, units, ocr_pages, properties)


def _document(
    source_file: str,
    sha256: str,
    size: int,
    fmt: str,
    encoding: str | None,
    units: list[TextUnit],
    ocr_pages: int,
    properties: dict[str, str] | None = None,
) -> DocumentText:
    if not units:
        raise Unreadable("no_text", "contains no text (only whitespace, empty paragraphs or empty cells).")
    check_vietnamese_text("\n".join(unit.text for unit in units))
    logger.debug("%s: %s, %s, %d units", source_file, fmt, encoding, len(units))
    return DocumentText(
        source_file=source_file,
        sha256=sha256,
        size_bytes=size,
        format=fmt,
        encoding=encoding,
        units=tuple(units),
        properties=tuple(sorted((properties or {}).items())),
        ocr_pages=ocr_pages,
    )


def _text_document(data: bytes, suffix: str) -> tuple[str, str, list[TextUnit], dict[str, str]]:
    declared = _declared_charset(data) if not looks_binary(data[:4096]) else None
    try:
        text, encoding = decode_text(data, declared)
    except Unreadable as exc:
        if exc.reason == "binary_content":
            raise sniff.unreadable_binary(suffix) from exc
        raise
    sniff.check_not_mhtml(text)
    if sniff.is_html(text, suffix):
        return "html", encoding, html_units(text), html_properties(text)
    return "txt", encoding, text_units(text), {}


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _too_large(size: int, max_bytes: int) -> Unreadable:
    return Unreadable(
        "too_large",
        f"is {size:,} bytes, over the limit of {max_bytes:,} bytes; split it into smaller documents or read "
        "it with a larger max_bytes.",
    )


def _error(source_file: str, problem: Unreadable) -> ReadError:
    return ReadError(source_file, problem.reason, f"'{source_file}' {problem.detail}")


def _read_at_most(path: Path, max_bytes: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(max_bytes + 1)


def relative_name(path: Path, root: Path) -> str:
    """`path` relative to `root`, POSIX separators, NFC (the same on every platform)."""
    absolute, base = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    try:
        relative = absolute.relative_to(base)
    except ValueError:
        raise ValueError(f"{path} is not under the documents root {root}") from None
    return unicodedata.normalize("NFC", relative.as_posix())


# ----------------------------------------------------------------------------- finding documents
#: Sidecar files that describe documents rather than being documents (matched case-insensitively).
SIDECAR_SUFFIXES = (".meta.json",)
MANIFEST_NAMES = frozenset({"manifest.json", "manifest.jsonl", "manifest.csv", "manifest.tsv"})
#: Operating-system and office clutter.
JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})
_PAGE_SUFFIXES = (".html", ".htm")


def list_documents(root: Path) -> list[tuple[str, str]]:
    """Every candidate document under `root`, recursively, as (its path relative to `root` with "/" separators,
    its full path), sorted by NFC relative path. Plain strings: a national corpus is listed in a fraction of a
    second, and a regular file is known from its directory entry without a stat of its own.

    Skipped: hidden files and directories (name starting with "."), sidecars `*.meta.json`, manifests
    (manifest.json/.jsonl/.csv/.tsv), Office lock files (`~$*`), Thumbs.db / desktop.ini, and the
    `<name>_files` asset folder a browser saves next to `<name>.html`. Symlinked directories are not followed.
    """
    if not root.is_dir():
        raise NotADirectoryError(f"documents root {root} is not a directory")
    found: list[tuple[list[str], str, str]] = []
    todo: list[tuple[str, list[str], list[str]]] = [(str(root), [], [])]  # directory, its parts, NFC parts
    while todo:
        directory, under, under_nfc = todo.pop()
        with os.scandir(directory) as listing:
            entries = list(listing)
        directories = [e for e in entries if e.is_dir()]
        files = [e for e in entries if not e.is_dir()]
        pages = {e.name.lower().rsplit(".", 1)[0] for e in files if _is_saved_page(e.name)}
        for entry in directories:
            if not entry.is_symlink() and not _skip_directory(entry.name, pages):
                nfc = unicodedata.normalize("NFC", entry.name)
                todo.append((entry.path, [*under, entry.name], [*under_nfc, nfc]))
        for entry in files:
            if _is_candidate(entry.name) and entry.is_file():
                name = "/".join([*under, entry.name])
                found.append(([*under_nfc, unicodedata.normalize("NFC", entry.name)], name, entry.path))
    found.sort(key=lambda item: item[0])
    return [(name, full) for _, name, full in found]


def _is_saved_page(name: str) -> bool:
    return name.lower().endswith(_PAGE_SUFFIXES)


def _skip_directory(name: str, saved_pages: set[str]) -> bool:
    lower = name.lower()
    return name.startswith(".") or (lower.endswith("_files") and lower[: -len("_files")] in saved_pages)


def _is_candidate(name: str) -> bool:
    lower = name.lower()
    return not (
        name.startswith((".", "~$"))
        or lower.endswith(SIDECAR_SUFFIXES)
        or lower in MANIFEST_NAMES
        or lower in JUNK_NAMES
    )
