"""Perturbations of a document's text, as real documents vary from one another: figures changed, lines repeated,
sections in another order, two documents in one file. Pure functions of the text and a random.Random, used by the
property test of the extractor and by the messy-corpus build."""

from __future__ import annotations

import random
import re

# a figure as documents write it: 1.238.075 / 96,1 / 05 (a year, a date or a section number is left alone below)
NUMBER = re.compile(r"(?<![\d.,/])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d/])|(?<![\d.,/])\d+(?:,\d+)?(?![\d/.]\d)")
# the start of a section: "I. ", "2.1. ", "a) ", "- " at the start of a line
SECTION = re.compile(r"^\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+])\s", re.M)
_YEAR = re.compile(r"^(19|20)\d\d$")


def vn_number(value: int, grouped: bool) -> str:
    """An integer the Vietnamese way: 1.238.075 (grouped) or 1238075."""
    return f"{value:,}".replace(",", ".") if grouped else str(value)


def change_numbers(text: str, rng: random.Random, share: float = 0.5) -> str:
    """Change about `share` of the figures to other figures written the same way (grouping, decimals, leading
    zeros); years, dates, document and section numbers stay."""

    def change(m: re.Match) -> str:
        written = m.group(0)
        whole, _, decimals = written.partition(",")
        digits = whole.replace(".", "")
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _YEAR.match(digits) or rng.random() > share or not text[line_start : m.start()].strip():
            return written  # a year, or a number opening its line (a section or list number)
        value = max(1, int(int(digits) * rng.uniform(0.3, 3.0)) + rng.randint(0, 9))
        out = vn_number(value, "." in whole).zfill(len(digits) if whole.startswith("0") else 1)
        if decimals:
            out += "," + "".join(str(rng.randrange(10)) for _ in decimals)
        return out

    return NUMBER.sub(change, text)


def repeat_lines(text: str, rng: random.Random, times: int = 3) -> str:
    """Repeat `times` lines that hold a figure, each right after itself or somewhere later in the text."""
    lines = text.split("\n")
    for _ in range(times):
        with_figures = [i for i, line in enumerate(lines) if NUMBER.search(line)]
        if not with_figures:
            break
        i = rng.choice(with_figures)
        at = i + 1 if rng.random() < 0.5 else rng.randint(i + 1, len(lines))
        lines.insert(at, lines[i])
    return "\n".join(lines)


def reorder_sections(text: str, rng: random.Random) -> str:
    """Shuffle the sections after the document's header (each from a line that opens a section to the next)."""
    starts = [m.start() for m in SECTION.finditer(text)]
    if len(starts) < 3:
        return text
    head, blocks = text[: starts[0]], [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    blocks = [b if b.endswith("\n") else b + "\n" for b in blocks]
    rng.shuffle(blocks)
    return head + "".join(blocks)


def concatenate(first: str, second: str) -> str:
    """Two documents in one file, as a scan of two documents or a page quoting another."""
    return first.rstrip("\n") + "\n\n" + second


def repeat_clauses(text: str, rng: random.Random, times: int = 2) -> str:
    """Repeat a clause holding a figure within its own line ("07 hội nghị tại tỉnh; 07 hội nghị tại tỉnh"), so that
    one line holds figures that read alike."""
    lines = text.split("\n")
    for _ in range(times):
        candidates = [i for i, line in enumerate(lines) if NUMBER.search(line) and re.search(r"[;,] ", line)]
        if not candidates:
            break
        i = rng.choice(candidates)
        clauses = re.split(r"(?<=[;,]) ", lines[i])
        with_figures = [j for j, c in enumerate(clauses) if NUMBER.search(c)]
        j = rng.choice(with_figures)
        clauses.insert(rng.randint(j + 1, len(clauses)), clauses[j])
        lines[i] = " ".join(clauses)
    return "\n".join(lines)
