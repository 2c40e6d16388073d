"""Vietnamese numbers and money: '1.238.075', '96,1', '12.940,347 triệu', '65,077 tỷ', '131.666.000.000 đồng',
'7 nghìn 570 tỷ 186 triệu đồng'.

Vietnamese writes '.' between groups of three digits and ',' before decimals. A dot followed by exactly three
digits after a group of one to three digits is grouping; any other dot is a decimal point (spreadsheets write
plain decimals such as 12940.347).
"""

from __future__ import annotations

import re
from decimal import Decimal

# one numeric token as written (no sign): grouped, plain, or with a decimal comma/point
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
# scale words in front of "đồng", largest first; value in million VND per unit
MONEY_SCALES: dict[str, Decimal] = {
    "nghìn tỷ": Decimal(1_000_000),
    "ngàn tỷ": Decimal(1_000_000),
    "tỷ": Decimal(1_000),
    "tỉ": Decimal(1_000),
    "triệu": Decimal(1),
    "trđ": Decimal(1),
    "tr.đ": Decimal(1),
    "nghìn": Decimal("0.001"),
    "ngàn": Decimal("0.001"),
    "đồng": Decimal("0.000001"),
}


def parse_number(token: str) -> Decimal:
    """Parse one numeric token written the Vietnamese way (or as a plain decimal)."""
    token = token.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return Decimal(token.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d+", token):
        return Decimal(token.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return Decimal(token)
    raise ValueError(f"not a number: {token!r}")


def decimals_printed(token: str) -> int:
    """How many decimal places the token shows ('17,7' -> 1, '1.238.075' -> 0)."""
    token = token.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        return 0
    m = re.search(r"[.,](\d+)$", token)
    return len(m.group(1)) if m else 0


# amounts written in words for their scales: '2 nghìn 150 tỷ 400 triệu', '28 tỷ 120 triệu' (two parts at least)
COMPOUND = (
    rf"(?:(?P<a>{NUMBER})\s+(?:nghìn|ngàn)\s+(?P<b>{NUMBER})\s+tỷ(?:\s+(?P<c>{NUMBER})\s+triệu)?"
    rf"|(?P<b2>{NUMBER})\s+tỷ\s+(?P<c2>{NUMBER})\s+triệu)"
)
_COMPOUND_RE = re.compile(COMPOUND, re.IGNORECASE)


def parse_compound_money(text: str) -> Decimal | None:
    """'2 nghìn 150 tỷ 400 triệu đồng' -> 2150400, '28 tỷ 120 triệu' -> 28120 (million VND); None if the text is
    not of that form."""
    m = _COMPOUND_RE.search(text)
    if not m:
        return None
    if m.group("b2"):
        return parse_number(m.group("b2")) * 1_000 + parse_number(m.group("c2"))
    total = parse_number(m.group("a")) * 1_000_000 + parse_number(m.group("b")) * 1_000
    if m.group("c"):
        total += parse_number(m.group("c"))
    return total


def half_unit_in_million(token: str, scale_word: str) -> Decimal:
    """Half of the last printed digit, in million VND: '17,7 tỷ' is good to 0.05 tỷ = 50 million."""
    places = decimals_printed(token)
    return (Decimal(1).scaleb(-places) / 2) * MONEY_SCALES[scale_word.lower()]


def format_decimal(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 1238075, 96.1, 0.5."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
