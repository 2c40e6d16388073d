"""Progress display: a bar in a terminal, a few plain lines in logs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress_bar(desc: str, unit: str = "item") -> Callable[[Iterable[T]], Iterable[T]]:
    def wrap(items: Iterable[T]) -> Iterable[T]:
        if sys.stderr.isatty():
            from tqdm import tqdm

            return tqdm(items, desc=desc, unit=unit, leave=False)
        return _plain(items, desc, unit)

    return wrap


def _plain(items: Iterable[T], desc: str, unit: str) -> Iterator[T]:
    items = list(items)
    total = len(items)
    step = max(1, total // 4)
    for i, item in enumerate(items, 1):
        yield item
        if i == total or i % step == 0:
            print(f"{desc}: {i}/{total} {unit}s", file=sys.stderr, flush=True)
