"""Text normalisation helpers for Vietnamese: NFC, diacritic folding, tone-placement-insensitive keys."""

from __future__ import annotations

import re
import unicodedata

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def ascii_fold(text: str) -> str:
    """'Đình Lập' -> 'Dinh Lap'."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _syllable_key(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [c for c in decomposed if c in _TONE_MARKS]
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", base) + "".join(tones)


def name_key(text: str) -> str:
    """A key that equates spellings differing only in case, spacing, hyphens or tone-mark placement.

    'Hoà Bình', 'Hòa  Bình' and 'HÒA BÌNH' share a key; 'Hà Nam' and 'Hạ Nam' do not.
    """
    text = nfc(text).lower().replace("-", " ").replace("–", " ")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(_syllable_key(s) for s in text.split())


def fold_key(text: str) -> str:
    """A looser key without any diacritics, for last-resort matching (typos such as 'Trảng Định')."""
    return ascii_fold(name_key(text))


def _letters(predicate) -> str:
    chars = [chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isalpha() and predicate(chr(c))]
    return "".join(sorted(set(chars)))


VN_UPPER = "A-ZĐ" + _letters(str.isupper)  # for regex character classes: uppercase Vietnamese letters
VN_LOWER = "a-zđ" + _letters(str.islower)
