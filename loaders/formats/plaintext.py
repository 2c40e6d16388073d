"""Plain text: one unit per physical line, numbered as an editor numbers them."""

from __future__ import annotations

from loaders.formats.units import LINE, TextUnit, nfc


def split_lines(text: str) -> list[str]:
    """Normalise CRLF and CR to LF, drop one trailing LF, split. Line i of the result is editor line i+1."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def text_units(text: str) -> list[TextUnit]:
    """Every non-blank line, NFC, exactly as written; `line` is its physical line number."""
    return [
        TextUnit(number, line, f"line {number}", LINE)
        for number, line in enumerate(split_lines(nfc(text)), start=1)
        if line.strip()
    ]
