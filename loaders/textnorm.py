"""Text normalisation helpers for Vietnamese: NFC, diacritic folding, tone-placement-insensitive keys."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def ascii_fold(text: str) -> str:
    """'Đình Lập' -> 'Dinh Lap'."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# old-style tone placement ('hoà', 'thuý') -> new style ('hòa', 'thúy'): the tone moves to the first vowel
_TONED = {"à": "\u0300", "á": "\u0301", "ả": "\u0309", "ã": "\u0303", "ạ": "\u0323",
          "è": "\u0300", "é": "\u0301", "ẻ": "\u0309", "ẽ": "\u0303", "ẹ": "\u0323",
          "ỳ": "\u0300", "ý": "\u0301", "ỷ": "\u0309", "ỹ": "\u0303", "ỵ": "\u0323"}  # fmt: skip
_OLD_STYLE = re.compile(r"([ou])([àáảãạèéẻẽẹỳýỷỹỵ])(?=\s|$)")
_NON_WORD = re.compile(r"[^\w\s]|_")


def _new_style(m: re.Match[str]) -> str:
    toned = m.group(2)
    base = unicodedata.normalize("NFD", toned)[0]
    return unicodedata.normalize("NFC", m.group(1) + _TONED[toned]) + base


@functools.lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """Cached key of a short name (see key_of)."""
    return key_of(text)


def key_of(text: str) -> str:
    """A key that equates spellings differing only in case, spacing, punctuation or tone-mark placement.

    'Hoà Bình', 'Hòa  Bình' and 'HÒA BÌNH' share a key; 'Hà Nam' and 'Hạ Nam' do not.
    """
    text = nfc(text).lower().replace("-", " ").replace("–", " ")
    text = " ".join(_NON_WORD.sub(" ", text).split())
    return _OLD_STYLE.sub(_new_style, text)


def fold_key(text: str) -> str:
    """A looser key without any diacritics, for last-resort matching (typos such as 'Trảng Định')."""
    return ascii_fold(name_key(text))


def _letters(predicate) -> str:
    chars = [chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isalpha() and predicate(chr(c))]
    return "".join(sorted(set(chars)))


VN_UPPER = "A-ZĐ" + _letters(str.isupper)  # for regex character classes: uppercase Vietnamese letters
VN_LOWER = "a-zđ" + _letters(str.islower)
