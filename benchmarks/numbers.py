"""Vietnamese number formats: grouping with '.', decimals with ',', money in triệu / tỷ / đồng, words."""

from __future__ import annotations

import random
from decimal import Decimal

ONE_MILLION = Decimal(1_000_000)
THOUSAND = Decimal(1000)


def group3(digits: str) -> str:
    """'1238075' -> '1.238.075'."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def places_needed(value: Decimal) -> int:
    """Number of decimals needed to print a value exactly (0 for integers)."""
    exp = value.normalize().as_tuple().exponent
    return max(0, -int(exp))


def vn_number(value: Decimal, places: int | None = None, pad2: bool = False, grouping: bool = True) -> str:
    """Vietnamese rendering: 1238075 -> '1.238.075'; 12940.347 -> '12.940,347'; 7 (pad2) -> '07'."""
    if places is None:
        places = places_needed(value)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):.{places}f}"
    whole, _, frac = text.partition(".")
    if pad2 and len(whole) == 1 and not frac:
        whole = "0" + whole
    body = group3(whole) if grouping else whole
    return sign + body + ("," + frac if frac else "")


def key_number(value: Decimal) -> str:
    """Answer-key rendering: '.' decimal point, no grouping, no trailing zeros ('12940.347', '3', '-2450')."""
    norm = value.normalize()
    if norm == norm.to_integral_value():
        return str(int(norm))
    return format(norm, "f")


def plain_decimal(value: Decimal) -> str:
    """How a spreadsheet cell value reads back (same as key_number)."""
    return key_number(value)


def money_text(amount: Decimal, style: str, places: int | None = None) -> str:
    """Render an amount given in triệu đồng in one of the genre's money styles.

    styles: 'trieu' (12.940,347 triệu đồng), 'ty' (65,077 tỷ đồng), 'dong' (1.250.000.000 đồng),
    'mixed' (7 nghìn 570 tỷ 186 triệu đồng), 'tytrieu' (865 tỷ 400 triệu đồng).
    """
    a = abs(amount)
    if style == "ty":
        return vn_number(a / THOUSAND) + " tỷ đồng"
    if style == "dong":
        return group3(str(int(a * ONE_MILLION))) + " đồng"
    if style in ("mixed", "tytrieu"):
        return _mixed(int(a))
    return vn_number(a, places) + " triệu đồng"


def _mixed(n: int) -> str:
    nghin, rest = divmod(n, 1_000_000)
    ty, trieu = divmod(rest, 1000)
    parts = []
    if nghin:
        parts.append(f"{nghin} nghìn")
    if ty or nghin:
        parts.append(f"{ty} tỷ")
    if trieu:
        parts.append(f"{trieu} triệu")
    return " ".join(parts) + " đồng"


def money_style_ok(amount: Decimal, style: str) -> bool:
    """Whether `amount` (triệu đồng) can be written exactly in `style`."""
    a = abs(amount)
    if style == "ty":
        return places_needed(a / THOUSAND) <= 3
    if style == "dong":
        return places_needed(a) <= 6
    if style == "mixed":
        return a == a.to_integral_value() and a >= ONE_MILLION
    if style == "tytrieu":
        return a == a.to_integral_value() and THOUSAND < a < ONE_MILLION and a % 1000 != 0
    return True


def pick_money_style(rng: random.Random, amount: Decimal, weights: dict[str, float]) -> str:
    """Choose a money style that renders `amount` exactly, by weight; falls back to 'trieu'."""
    styles = [s for s in weights if money_style_ok(amount, s)]
    if not styles:
        return "trieu"
    return rng.choices(styles, [weights[s] for s in styles])[0]


# --------------------------------------------------------------------------- words (Bằng chữ)
DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _triple(n: int, full: bool) -> str:
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    words: list[str] = []
    if full or h:
        words += [DIGITS[h], "trăm"]
    if t == 0:
        if u and words:
            words.append("linh")
    elif t == 1:
        words.append("mười")
    else:
        words += [DIGITS[t], "mươi"]
    if u:
        if u == 1 and t >= 2:
            words.append("mốt")
        elif u == 5 and t >= 1:
            words.append("lăm")
        else:
            words.append(DIGITS[u])
    return " ".join(words)


def _below_billion(n: int, full: bool) -> list[str]:
    groups = [(n // 1_000_000, "triệu"), ((n // 1000) % 1000, "nghìn"), (n % 1000, "")]
    out: list[str] = []
    started = full
    for value, scale in groups:
        if value:
            out.append((_triple(value, started) + (" " + scale if scale else "")).strip())
            started = True
        elif out:
            started = True
    return out


def words_vnd(dong: int) -> str:
    """Amount in words: 38_746_500_000 -> 'Ba mươi tám tỷ, bảy trăm bốn mươi sáu triệu, năm trăm nghìn
    đồng'."""
    if dong == 0:
        return "Không đồng"
    billions, rest = divmod(dong, 1_000_000_000)
    parts: list[str] = []
    if billions:
        head = ", ".join(_below_billion(billions, False))
        parts.append(head + " tỷ")
    parts += _below_billion(rest, bool(billions))
    text = ", ".join(parts) + " đồng"
    return text[0].upper() + text[1:]
