"""What kind of document is this? Content first (magic bytes, ZIP members, markup), the file name second."""

from __future__ import annotations

import io
import re
import zipfile

from loaders.formats.units import Unreadable

PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
IMAGE = "image"  # a page image (PNG, JPEG, TIFF): read by OCR
TEXT = "text"  # plain text or HTML: decided after decoding, by `is_html`

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PAGE_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF
_IMAGES = {
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"BM": "BMP image",
}
_ARCHIVES = {
    b"\x1f\x8b": "gzip archive",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
    b"Rar!\x1a\x07": "RAR archive",
    b"BZh": "bzip2 archive",
}
_LEGACY_SUFFIXES = {".doc", ".dot", ".xls", ".xlt", ".ppt", ".rtf", ".wpd", ".odt", ".ods", ".mht", ".mhtml"}
_NAMED_AS = {".pdf": "a PDF", ".docx": "a Word .docx file", ".xlsx": "an Excel .xlsx file"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".asp", ".aspx", ".php", ".jsp"}

_CONVERT = "open it in Word, Excel or LibreOffice and save it as .docx (text) or .xlsx (tables)"
_POWERPOINT = "is a PowerPoint file; export it as PDF or save its text as .docx."


def sniff(data: bytes, suffix: str) -> str:
    """Return PDF, IMAGE, DOCX, XLSX or TEXT, or raise Unreadable for formats this reader does not handle.

    `suffix` is the lower-case file extension ("" if none); it only refines the message for unreadable
    content and is never trusted over the bytes.
    """
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, suffix)
    if data.startswith(_OLE2):
        raise Unreadable(
            "unsupported_format",
            "is an old binary Office file (Word 97-2003 .doc, Excel .xls or PowerPoint .ppt) or a "
            f"password-protected Office file; {_CONVERT} (without a password).",
        )
    if data[:64].lstrip()[:5] == b"{\\rtf":
        raise Unreadable("unsupported_format", f"is a Rich Text (RTF) file; {_CONVERT}.")
    if data.startswith(_PAGE_IMAGES):
        return IMAGE
    for magic, name in _IMAGES.items():
        if data.startswith(magic) and (name != "BMP image" or _is_bmp(data)):
            raise Unreadable(
                "binary_content",
                f"is a {name}; page images are read as PNG, JPEG or TIFF (or a PDF): save it as one of those.",
            )
    for magic, name in _ARCHIVES.items():
        if data.startswith(magic):
            raise Unreadable("unsupported_format", f"is a {name}; extract it and add the documents inside.")
    return TEXT


def _is_bmp(data: bytes) -> bool:
    return len(data) > 26 and int.from_bytes(data[2:6], "little") == len(data)


def _zip_kind(data: bytes, suffix: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise Unreadable(
            "corrupt_file",
            f"starts like a ZIP container (.docx/.xlsx) but cannot be opened ({exc}); re-export it from the "
            "original program.",
        ) from exc
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    if any(name.startswith("ppt/") for name in names):
        raise Unreadable("unsupported_format", _POWERPOINT)
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise Unreadable("unsupported_format", f"is an OpenDocument (LibreOffice) file; {_CONVERT}.")
    if suffix in (".docx", ".xlsx"):
        raise Unreadable("corrupt_file", f"is named {suffix} but its ZIP holds no Word or Excel parts.")
    raise Unreadable("unsupported_format", "is a ZIP archive; extract it and add the documents inside.")


def unreadable_binary(suffix: str) -> Unreadable:
    """The error for bytes that are not text, with the file name as a hint of what was expected."""
    if suffix in _NAMED_AS:
        return Unreadable(
            "corrupt_file",
            f"is named {suffix} but is not {_NAMED_AS[suffix]} (no valid header); re-export it from the "
            "original program.",
        )
    if suffix in _LEGACY_SUFFIXES:
        return Unreadable("unsupported_format", f"is a {suffix} file, which this reader does not handle; {_CONVERT}.")
    return Unreadable(
        "binary_content",
        "holds binary data, not text; if it is an image or a scan, run OCR on it and add the text, or a PDF "
        "with a text layer.",
    )


_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(r"<(?:p|div|br|table|span|a|h[1-6]|li|body|html)\b[^>]*>", re.IGNORECASE)
_MHTML = re.compile(r"\A(?:[\w-]+:[^\n]*\n){0,20}?(?i:content-type):\s*multipart/related", re.MULTILINE)


def is_html(text: str, suffix: str) -> bool:
    """HTML when the text starts like an HTML document, or is named .html and contains block tags."""
    head = text[:4096].lstrip("\ufeff")
    if _HTML_START.match(head):
        return True
    return suffix in _HTML_SUFFIXES and _HTML_TAG.search(text[:65_536]) is not None


def check_not_mhtml(text: str) -> None:
    if _MHTML.match(text[:4096].replace("\r\n", "\n")):
        raise Unreadable(
            "unsupported_format",
            "is a single-file web archive (MHTML, .mht); open it in a browser and save it as 'Web page, HTML only'.",
        )
