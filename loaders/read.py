"""TEMPORARY stand-in (txt only) until the format readers land; same interface."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TextUnit:
    line: int
    text: str
    locator: str
    kind: str
    heading_level: int | None = None


@dataclass(frozen=True)
class DocumentText:
    source_file: str
    sha256: str
    size_bytes: int
    format: str
    encoding: str | None
    units: tuple[TextUnit, ...]


class ReadError(Exception):
    def __init__(self, source_file: str, reason: str, detail: str):
        super().__init__(f"{source_file}: {reason}: {detail}")
        self.source_file = source_file
        self.reason = reason
        self.detail = detail


def iter_document_paths(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def read_document(path: Path, root: Path, *, max_bytes: int = 20_000_000) -> DocumentText:
    raw = path.read_bytes()
    name = path.relative_to(root).as_posix()
    text = unicodedata.normalize("NFC", raw.decode("utf-8-sig")).replace("\r\n", "\n")
    units = tuple(TextUnit(i, t, f"line {i}", "line") for i, t in enumerate(text.split("\n"), 1))
    return DocumentText(name, hashlib.sha256(raw).hexdigest(), len(raw), "txt", "utf-8", units)
