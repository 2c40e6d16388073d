"""Bytes -> text for plain-text and HTML files, and checks for text that is not really Unicode Vietnamese.

Decision order (cheap first; never guess silently):
  1. a BOM decides: UTF-8-sig, UTF-16 (LE/BE);
  2. UTF-16 without BOM, recognised by NUL bytes in every other position;
  3. NUL or many control bytes left -> binary content;
  4. strict UTF-8 (nearly never valid by accident for 8-bit Vietnamese text);
  5. otherwise: UTF-8 with at most 3 invalid sequences (e.g. a cut last character) is read with U+FFFD;
     text that is mostly valid UTF-8 with more damage is rejected; else Windows-1258 (and a charset an
     HTML page declares) is scored by the share of characters that cannot occur in Vietnamese text and
     used only if nearly clean; else the file is rejected as undecodable, or as a legacy font encoding
     when its bytes read as Latin-1 look like TCVN3 or VNI.
Windows-1258 writes tone marks as combining characters, so every result is NFC-normalised by the caller.

`check_vietnamese_text` then rejects text that decodes but is not what a person wrote: double-encoded
UTF-8 (mojibake such as "Káº¿ hoáº¡ch") and legacy font encodings (TCVN3/ABC "Qu¶ng Ninh", VNI "Vieät Nam"),
recognised by characters that Vietnamese never uses appearing inside words.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from loaders.formats.units import Unreadable

logger = logging.getLogger(__name__)

SAMPLE_BYTES = 65_536
# C0 control bytes that never occur in text files (TAB, LF, VT, FF, CR, SUB and ESC are tolerated).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27)) + b"\x7f"
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAX_CONTROL_SHARE = 0.01
# UTF-8 with a handful of broken sequences (e.g. a truncated last character) is still read, with a warning.
_MAX_REPLACEMENTS = 3
_MAX_REPLACEMENT_SHARE = 0.01
_MAX_FOREIGN_SHARE = 0.005

_VIETNAMESE_LETTERS = frozenset(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz"
)

# Letters of Latin-1 that Vietnamese never uses, next to an ASCII letter: VNI ("Chöông", "ñoàng") and TCVN3
# ("ViÖt") text read as Unicode is full of them.
_FOREIGN_LETTER_IN_WORD = re.compile(r"[A-Za-z][äåæçëïñöøûüÄÅÆÇËÏÑÖØÛÜ]|[äåæçëïñöøûüÄÅÆÇËÏÑÖØÛÜ][A-Za-z]")
# A Latin-1 symbol between two letters ("Qu¶ng", "ph¸t"): TCVN3 writes toned vowels with these code points.
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u00a1-\u00bf](?=[^\W\d_])")
# UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte: "áº¿", "Æ°", "Ã¡".
_MOJIBAKE = re.compile(r"[\u00c2-\u00c6\u00cc\u00cd\u00e1][\u0080-\u00bf]")
_WORD = re.compile(r"[^\W\d_]+")
_MIN_MARKERS = 5
_MIN_MARKER_SHARE = 0.03
_CHECK_CHARS = 1_000_000


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a text file; return (text, codec name). `declared` is a charset named by the file (HTML meta).

    Raises Unreadable("binary_content" | "undecodable_text").
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    utf16 = _utf16_without_bom(data[:SAMPLE_BYTES])
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = None
        if text is not None and _control_share(text[:SAMPLE_BYTES]) <= _MAX_CONTROL_SHARE:
            return text, utf16
    if looks_binary(data):
        raise Unreadable("binary_content", _BINARY_DETAIL)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _best_candidate(data, declared)


_BINARY_DETAIL = (
    "holds binary data, not text (NUL or control bytes); if it is an image or a scan, run OCR on it and add "
    "the text, or a PDF with a text layer."
)


def looks_binary(data: bytes) -> bool:
    sample = data[:SAMPLE_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _MAX_CONTROL_SHARE


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise Unreadable(
            "undecodable_text",
            f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
            f"(byte {exc.start}); re-save it as UTF-8.",
        ) from exc


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NUL bytes sit in the high byte of most characters, else None."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    nul_even = sample[0 : 2 * pairs : 2].count(0)
    nul_odd = sample[1 : 2 * pairs : 2].count(0)
    if nul_odd >= 0.2 * pairs and nul_even <= 0.02 * pairs:
        return "utf-16-le"
    if nul_even >= 0.2 * pairs and nul_odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\v\f\r\x1a\x1b")
    return bad / len(text)


def _foreign_share(text: str) -> float:
    """Share of non-space characters that cannot belong to Vietnamese text in a correct decoding."""
    text = unicodedata.normalize("NFC", text)
    counted = bad = 0
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        counted += 1
        if ch.isascii():
            if unicodedata.category(ch) == "Cc" and ch not in "\x1a\x1b":
                bad += 1
            continue
        category = unicodedata.category(ch)
        if category.startswith("L"):
            bad += ch.lower() not in _VIETNAMESE_LETTERS
        else:
            # a combining mark that did not compose, a control, unassigned or replacement character,
            # or a Latin-1 symbol inside a word
            bad += (
                category in ("Mn", "Cc", "Co", "Cn")
                or ch == "\ufffd"
                or ("\u00a1" <= ch <= "\u00bf" and _SYMBOL_IN_WORD.match(text, i) is not None)
            )
    return bad / counted if counted else 0.0


def _best_candidate(data: bytes, declared: str | None) -> tuple[str, str]:
    utf8 = data.decode("utf-8", errors="replace")
    replacements = utf8.count("\ufffd")
    if replacements <= _MAX_REPLACEMENTS and replacements <= _MAX_REPLACEMENT_SHARE * len(utf8):
        logger.debug("text is UTF-8 with %d invalid byte sequence(s), read as U+FFFD", replacements)
        return utf8, "utf-8"
    valid_non_ascii = len(utf8) - len(utf8.encode("ascii", "ignore")) - replacements
    if valid_non_ascii > replacements:
        raise Unreadable(
            "undecodable_text",
            f"is mostly UTF-8 but has {replacements} invalid byte sequences (a damaged or mixed-encoding "
            "file); take an intact copy, or repair it and save it as UTF-8.",
        )
    codecs_to_try = ["cp1258"]
    declared_codec = _codec_name(declared)
    if declared_codec and declared_codec not in codecs_to_try and not declared_codec.startswith("utf"):
        codecs_to_try.insert(0, declared_codec)
    scored: list[tuple[float, str, str]] = []
    for codec in codecs_to_try:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((_foreign_share(text[:SAMPLE_BYTES]), codec, text))
        logger.debug("candidate %s: foreign share %.4f", codec, scored[-1][0])
    if scored:
        share, codec, text = min(scored, key=lambda item: item[0])
        if share <= _MAX_FOREIGN_SHARE:
            return text, codec
    # Not text in a Unicode or Windows code page. Font-encoded Vietnamese (TCVN3, VNI) gets its own reason.
    check_vietnamese_text(data.decode("latin-1"))
    raise Unreadable(
        "undecodable_text",
        f"is neither UTF-8 ({replacements} invalid byte sequences), UTF-16 nor Windows-1258 text; "
        "open it in an editor that shows it correctly and save it as UTF-8.",
    )


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def check_vietnamese_text(text: str) -> None:
    """Reject double-encoded UTF-8 and legacy font encodings (TCVN3/ABC, VNI). Best effort, cheap."""
    text = unicodedata.normalize("NFC", text[:_CHECK_CHARS])
    words = len(_WORD.findall(text))
    if not words:
        return
    mojibake = len(_MOJIBAKE.findall(text))
    if mojibake >= _MIN_MARKERS and mojibake >= _MIN_MARKER_SHARE * words:
        raise Unreadable(
            "undecodable_text",
            "looks like UTF-8 that was decoded as Windows-1252 and saved again (mojibake such as "
            "'Káº¿ hoáº¡ch'); take the original file, or repair it and save it as UTF-8.",
        )
    tcvn3 = len(_SYMBOL_IN_WORD.findall(text))
    vni = len(_FOREIGN_LETTER_IN_WORD.findall(text))
    if tcvn3 + vni >= _MIN_MARKERS and tcvn3 + vni >= _MIN_MARKER_SHARE * words:
        guess = "TCVN3 (ABC, .Vn fonts)" if tcvn3 >= vni else "VNI (VNI- fonts)"
        raise Unreadable(
            "legacy_font_encoding",
            f"is written in a legacy Vietnamese font encoding, probably {guess}; convert it to Unicode "
            "(e.g. with UniKey's converter) and save it again.",
        )
