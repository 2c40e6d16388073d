"""Extracted rows on disk while a corpus is read: each file's CSV fragments are appended to one spool file as its
result arrives, and only where they lie is kept in memory. The seed files are then written document by document in
their sorted order, reading each document's fragments back (loaders/seeds.py), so memory holds one document's rows
at a time whatever the size of the corpus."""

from __future__ import annotations

import contextlib
import os
import tempfile
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from loaders import csvout


@dataclass(frozen=True)
class Spooled:
    """Where one file's fragments lie in the spool: an offset and the length of each table's fragment."""

    offset: int
    sizes: tuple[int, ...]  # one per csvout.FACT_TABLES


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
        parts = [fragments.get(table, b"") for table in csvout.FACT_TABLES]
        data = b"".join(parts)
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        at = self._size
        self._size += len(data)
        return Spooled(at, tuple(len(p) for p in parts))

    def get(self, entry: Spooled) -> dict[str, bytes]:
        data = os.pread(self._fd, sum(entry.sizes), entry.offset) if sum(entry.sizes) else b""
        out, at = {}, 0
        for table, size in zip(csvout.FACT_TABLES, entry.sizes, strict=True):
            out[table] = data[at : at + size]
            at += size
        return out

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

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self._entries
