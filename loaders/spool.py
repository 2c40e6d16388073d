"""Extracted rows on disk while a corpus is read: each file's CSV fragments are appended to one spool file as its
result arrives (or, with an extraction cache, left in the file's cache entry), and only where they lie is kept in
memory. The seed files are then written document by document in their sorted order, reading each document's
fragments back (loaders/seeds.py), so memory holds one document's rows at a time whatever the size of the corpus.
Rows in a cache entry, a file's just read or one taken from the cache, are never copied into the spool: the
entry points at them (loaders/extract.py, ExtractionCache)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from loaders import csvout


@dataclass(frozen=True)
class Spooled:
    """Where one file's fragments lie: an offset and the length of each table's fragment, in the spool or in
    `file`; and a digest of their bytes, so a document's rows are compared with the published build's without
    reading them."""

    offset: int
    sizes: tuple[int, ...]  # one per csvout.FACT_TABLES
    digest: str  # of the stored bytes (`joined`)
    file: str | None = None  # the rows lie in this file (a cache entry), not in the spool


def joined(fragments: Mapping[str, bytes]) -> tuple[bytes, tuple[int, ...], str]:
    """The fragments as they are stored: the tables' bytes one after the other, each table's length, a digest."""
    parts = [fragments.get(table, b"") for table in csvout.FACT_TABLES]
    data = b"".join(parts)
    return data, tuple(len(p) for p in parts), hashlib.blake2b(data, digest_size=16).hexdigest()


def read(entry: Spooled, fd: int | None = None) -> dict[str, bytes]:
    """A stored entry's fragments, table by table (from `fd`, the spool, unless the entry names its own file)."""
    total = sum(entry.sizes)
    if not total:
        data = b""
    elif entry.file is not None:
        with open(entry.file, "rb") as f:
            data = os.pread(f.fileno(), total, entry.offset)
    else:
        assert fd is not None, "an entry of the spool read without the spool"
        data = os.pread(fd, total, entry.offset)
    if len(data) != total:
        raise OSError(f"stored rows cut short: {entry}")
    out, at = {}, 0
    for table, size in zip(csvout.FACT_TABLES, entry.sizes, strict=True):
        out[table] = data[at : at + size]
        at += size
    return out


class Spool:
    """An append-only file of fragments. Reads are positional (os.pread), so entries can be read back in any order
    while more are appended. The file is deleted when the spool is closed or collected."""

    def __init__(self, directory: Path | None = None):
        fd, name = tempfile.mkstemp(prefix="ntp-fragments-", suffix=".spool", dir=directory)
        self.path = Path(name)
        self._fd = fd
        self._size = 0
        self._finalizer = weakref.finalize(self, _remove, fd, self.path, os.getpid())

    def put(self, fragments: Mapping[str, bytes]) -> Spooled:
        data, sizes, digest = joined(fragments)
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        at = self._size
        self._size += len(data)
        return Spooled(at, sizes, digest)

    def get(self, entry: Spooled) -> dict[str, bytes]:
        return read(entry, self._fd)

    def close(self) -> None:
        self._finalizer()


def _remove(fd: int, path: Path, owner: int) -> None:
    if os.getpid() != owner:  # a forked extraction worker never deletes its parent's spool
        return
    with contextlib.suppress(OSError):
        os.close(fd)
    path.unlink(missing_ok=True)


class SpooledFragments(Mapping[str, dict[str, bytes]]):
    """document id -> table -> CSV lines, read from the spool on access. A document whose id differs from the one
    its file's rows were rendered with (a copy brought metadata) has the id replaced as it is read."""

    def __init__(self, spool: Spool, entries: dict[str, tuple[Spooled, str]] | None = None):
        self.spool = spool
        self._entries: dict[str, tuple[Spooled, str]] = entries if entries is not None else {}

    def add(self, document_id: str, entry: Spooled, rendered_as: str) -> None:
        self._entries[document_id] = (entry, rendered_as)

    def restrict(self, documents: set[str] | frozenset[str]) -> SpooledFragments:
        """The same spool, seen through only these documents."""
        return SpooledFragments(self.spool, {d: e for d, e in self._entries.items() if d in documents})

    def __getitem__(self, document_id: str) -> dict[str, bytes]:
        entry, rendered_as = self._entries[document_id]
        fragments = self.spool.get(entry)
        if rendered_as != document_id:
            old, new = rendered_as.encode(), document_id.encode()
            fragments = {table: data.replace(old, new) for table, data in fragments.items()}
        return fragments

    def rows_digest(self, document_id: str) -> str:
        """A digest of the document's rows as __getitem__ gives them, without reading them: the stored bytes'
        digest and the id they were rendered with and take."""
        entry, rendered_as = self._entries[document_id]
        return f"{entry.digest}:{rendered_as}>{document_id}"

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self._entries
