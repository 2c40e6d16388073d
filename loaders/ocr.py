"""OCR of scanned pages with Tesseract (Debian `tesseract-ocr` and `tesseract-ocr-vie`), word by word with each
word's box and confidence, once per file content.

A page image is cleaned before it is read: grey, specks removed (3x3 median), turned upright (Tesseract's
orientation detection, asked only when a first reading is poor) and straightened (the skew that makes the rows
of text sharpest, within 5 degrees). Ruling lines are found on the straight page (long thin runs of ink) and
painted out before Tesseract reads it, so table borders neither become letters nor glue cells together; the
lines are kept for the layout, which makes table cells of them (`loaders.formats.layout`). Tesseract runs as a
separate process per page (`tesseract stdin stdout ... tsv`, one thread each), pages in parallel.

Results are cached per page under the OCR cache folder, keyed by the file's SHA-256 and the OCR settings (engine
version, language model, resolution, segmentation mode and the version of the cleaning steps above), and never by
the rest of the loaders' code: changing how pages are laid out or how figures are read never runs OCR again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from loaders.formats.layout import Page, Rule, Word, find_grids
from loaders.formats.units import Unreadable

log = logging.getLogger(__name__)

PREPROCESS_VERSION = 4  # raise when a cleaning step changes what Tesseract is given
OSD_BELOW = 55.0  # mean word confidence under which the page's orientation is checked
REREAD_BELOW = 60.0  # a table cell whose words are all read with less confidence is read again on its own
_TIMEOUT = 300  # seconds for one page


@dataclass(frozen=True)
class OcrSettings:
    languages: str = "vie"
    dpi: int = 300  # PDF pages are rendered at this resolution; page images under 250 dpi are scaled up to 300
    psm: int = 3  # Tesseract's automatic page segmentation: columns, blocks and table cells found on the page
    jobs: int = 0  # pages read at once (0: one per core)
    cache_dir: Path | None = None

    def key(self) -> str:
        """What the words of a page depend on, besides the page itself."""
        parts = {
            "engine": engine_version(),
            "model": model_stamp(self.languages),
            "languages": self.languages,
            "dpi": self.dpi,
            "psm": self.psm,
            "preprocess": PREPROCESS_VERSION,
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]

    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


# ------------------------------------------------------------------------------------------------ availability
@functools.cache
def engine_version() -> str | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    first = (out.stdout or out.stderr).splitlines()
    return first[0].strip() if first else None


@functools.cache
def _languages() -> tuple[str | None, frozenset[str]]:
    exe = shutil.which("tesseract")
    if exe is None:
        return None, frozenset()
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    lines = (out.stdout + out.stderr).splitlines()
    folder = None
    if lines and '"' in lines[0]:
        folder = lines[0].split('"')[1]
    return folder, frozenset(line.strip() for line in lines[1:] if line.strip())


@functools.cache
def model_stamp(languages: str) -> str:
    folder, _ = _languages()
    stamps = []
    for lang in languages.split("+"):
        path = Path(folder or ".", f"{lang}.traineddata")
        try:
            st = path.stat()
            stamps.append(f"{lang}:{st.st_size}:{int(st.st_mtime)}")
        except OSError:
            stamps.append(f"{lang}:missing")
    return ",".join(stamps)


def missing(languages: str = "vie") -> list[str]:
    """What OCR needs and this machine lacks, as Debian packages to install (empty when OCR can run)."""
    if engine_version() is None:
        return ["tesseract-ocr", *(f"tesseract-ocr-{lang}" for lang in languages.split("+"))]
    _, have = _languages()
    return [f"tesseract-ocr-{lang}" for lang in languages.split("+") if lang not in have]


def require(settings: OcrSettings) -> None:
    lacking = missing(settings.languages)
    if lacking:
        raise Unreadable(
            "ocr_unavailable",
            "is a scan (no text layer) and OCR is not installed on this machine; install "
            + " and ".join(lacking)
            + " (apt-get install "
            + " ".join(lacking)
            + ", or run `make install`) and build again.",
        )


# ------------------------------------------------------------------------------------------------ the cache
class OcrCache:
    """One JSON file per page: <folder>/<settings key>/<sha[:2]>/<sha>/<page>.json."""

    def __init__(self, directory: Path, settings: OcrSettings):
        self.directory = directory / settings.key()

    def _path(self, sha256: str, page: int) -> Path:
        return self.directory / sha256[:2] / sha256 / f"{page}.json"

    def get(self, sha256: str, page: int) -> Page | None:
        try:
            data = json.loads(self._path(sha256, page).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return Page(
            data["number"],
            data["width"],
            data["height"],
            [Word(*w) for w in data["words"]],
            [Rule(*r) for r in data["rules"]],
            "px",
            data["dpi"],
        )

    def put(self, sha256: str, page: Page) -> None:
        path = self._path(sha256, page.number)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "number": page.number,
            "width": page.width,
            "height": page.height,
            "dpi": page.dpi,
            "words": [[w.text, w.x0, w.top, w.x1, w.bottom, w.conf] for w in page.words],
            "rules": [[r.x0, r.top, r.x1, r.bottom] for r in page.rules],
        }
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


# ------------------------------------------------------------------------------------------------ reading pages
PageSource = tuple[int, Callable[[], tuple[Image.Image, float]]]  # page number, a function giving (image, dpi)


def ocr_pages(sources: Iterable[PageSource], sha256: str, settings: OcrSettings) -> Iterator[Page]:
    """Read pages by OCR in parallel, in page order, each from the cache when it was read before. Images are
    made by the calling thread (PDF renderers are not thread-safe), at most a few pages ahead of the readers,
    so memory stays bounded whatever the page count."""
    require(settings)
    cache = OcrCache(settings.cache_dir, settings) if settings.cache_dir is not None else None
    workers = settings.workers()
    pending: list[tuple[int, Future[Page] | Page]] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for number, make in sources:
            hit = cache.get(sha256, number) if cache is not None else None
            if hit is not None:
                pending.append((number, hit))
            else:
                image, dpi = make()
                pending.append((number, pool.submit(read_page, image, dpi, number, settings)))
            while len(pending) > workers + 1 or (pending and not isinstance(pending[0][1], Future)):
                yield _finish(pending.pop(0), cache, sha256)
        while pending:
            yield _finish(pending.pop(0), cache, sha256)


def _finish(item: tuple[int, Future[Page] | Page], cache: OcrCache | None, sha256: str) -> Page:
    _, value = item
    if isinstance(value, Page):
        return value
    page = value.result()
    if cache is not None:
        cache.put(sha256, page)
    return page


def read_page(image: Image.Image, dpi: float, number: int, settings: OcrSettings) -> Page:
    """One page image -> its words (boxes in pixels of the straightened page) and ruling lines."""
    gray = image.convert("L")
    if dpi < 250:  # small print at low resolution: Tesseract reads digits better at 300 dpi (as PDFs are rendered)
        scale = 300 / dpi
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.LANCZOS)
        dpi = 300
    gray = gray.filter(ImageFilter.MedianFilter(3))
    page = _read_upright(gray, dpi, number, settings)
    if page.words and _mean_conf(page) < OSD_BELOW:
        turn = _orientation(gray, dpi)
        if turn:
            turned = _read_upright(gray.rotate(-turn, expand=True, fillcolor=255), dpi, number, settings)
            if _mean_conf(turned) > _mean_conf(page):
                page = turned
    return page


def _mean_conf(page: Page) -> float:
    confs = [w.conf for w in page.words if w.conf is not None]
    return sum(confs) / len(confs) if confs else 0.0


def _read_upright(gray: Image.Image, dpi: float, number: int, settings: OcrSettings) -> Page:
    angle = skew_angle(gray)
    if abs(angle) >= 0.05:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    ink = np.asarray(gray) < 150
    rules = find_rules(ink, dpi)
    clean = erase_rules(gray, rules, dpi)
    words = tesseract_words(clean, dpi, settings)
    rules = [r for r in rules if not _inside_a_word(r, words)]
    words = _reread_cells(clean, rules, words, dpi, settings)
    return Page(number, float(gray.width), float(gray.height), words, rules, "px", float(dpi))


def _reread_cells(clean: Image.Image, rules: list[Rule], words: list[Word], dpi: float, settings) -> list[Word]:
    """Table cells with ink but no word (a lone 'a', '1' or '-' in a narrow cell that page segmentation passes
    over) or only words read with little confidence are cut out, stacked on one strip with room between them, and
    read again in one more run, as lines of their own; a cell's second reading replaces the first when it is
    more confident."""
    tol = max(2.0, clean.width * 0.004)
    inset = int(dpi / 50)  # beyond the painted-out rule
    pixels = np.asarray(clean) < 150
    crops: list[tuple[int, int, int, int]] = []
    cells: list[list[Word]] = []
    for grid in find_grids(rules, tol):
        for (r, c), anchor in grid.anchor.items():
            if anchor != (r, c):
                continue
            span = [k for k, a in grid.anchor.items() if a == anchor]
            x0 = int(grid.xs[min(k[1] for k in span)] + inset)
            x1 = int(grid.xs[max(k[1] for k in span) + 1] - inset)
            y0 = int(grid.ys[min(k[0] for k in span)] + inset)
            y1 = int(grid.ys[max(k[0] for k in span) + 1] - inset)
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            inside = [w for w in words if x0 <= w.xc <= x1 and y0 <= w.yc <= y1]
            if any((w.conf or 0) >= REREAD_BELOW for w in inside):
                continue
            ys, xs = np.nonzero(pixels[y0:y1, x0:x1])
            if len(xs) < dpi / 10:  # a speck, not a mark
                continue
            crops.append((x0 + int(xs.min()), y0 + int(ys.min()), x0 + int(xs.max()) + 1, y0 + int(ys.max()) + 1))
            cells.append(inside)
    if not crops:
        return words
    pad = int(dpi / 6)
    width = max(c[2] - c[0] for c in crops) + 2 * pad
    height = sum(c[3] - c[1] + pad for c in crops) + pad
    strip = Image.new("L", (max(width, int(dpi)), height), 255)
    placed = []
    y = pad
    for x0, top, x1, bottom in crops:
        strip.paste(clean.crop((x0, top, x1, bottom)), (pad, y))
        placed.append((y, y + bottom - top, x0, top))
        y += bottom - top + pad
    found: list[list[Word]] = [[] for _ in crops]
    for w in tesseract_words(strip, dpi, OcrSettings(settings.languages, settings.dpi, 6)):
        for k, (start, end, x0, top) in enumerate(placed):
            if start - pad / 2 <= w.yc <= end + pad / 2:
                dx, dy = x0 - pad, top - start
                found[k].append(Word(w.text, w.x0 + dx, w.top + dy, w.x1 + dx, w.bottom + dy, w.conf))
                break
    drop: set[int] = set()
    added: list[Word] = []
    for before, after in zip(cells, found, strict=True):
        if after and min(w.conf or 0 for w in after) > max((w.conf or 0 for w in before), default=-1):
            drop.update(id(w) for w in before)
            added.extend(after)
    return [w for w in words if id(w) not in drop] + added


def skew_angle(gray: Image.Image, limit: float = 5.0) -> float:
    """The rotation (degrees, counter-clockwise) that makes the page's rows of ink sharpest."""
    small = gray.copy()
    small.thumbnail((1400, 1400))
    ink = small.point(lambda v: 255 if v < 150 else 0)

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-limit, limit + 0.01, 0.25), key=sharpness)
    fine = np.arange(best - 0.25, best + 0.26, 0.05)
    return round(float(max(fine, key=sharpness)), 2)


def _orientation(gray: Image.Image, dpi: float) -> int:
    """Degrees (0, 90, 180, 270) Tesseract's orientation detection says the page must be turned clockwise."""
    try:
        out = subprocess.run(
            ["tesseract", "stdin", "stdout", "--psm", "0", "--dpi", str(int(dpi))],
            input=_pgm(gray),
            capture_output=True,
            timeout=_TIMEOUT,
            env=_env(),
        )
    except (OSError, subprocess.SubprocessError):
        return 0
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("Rotate:"):
            try:
                return int(line.split(":")[1]) % 360
            except ValueError:
                return 0
    return 0


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _pgm(gray: Image.Image) -> bytes:
    header = f"P5 {gray.width} {gray.height} 255\n".encode()
    return header + gray.tobytes()


def tesseract_words(gray: Image.Image, dpi: float, settings: OcrSettings) -> list[Word]:
    cmd = [
        "tesseract", "stdin", "stdout", "-l", settings.languages, "--psm", str(settings.psm),
        "--dpi", str(int(dpi)), "tsv",
    ]  # fmt: skip
    try:
        out = subprocess.run(cmd, input=_pgm(gray), capture_output=True, timeout=_TIMEOUT, env=_env())
    except subprocess.TimeoutExpired as exc:
        raise Unreadable("ocr_failed", f"could not be read by OCR: a page took over {_TIMEOUT} s.") from exc
    if out.returncode != 0:
        raise Unreadable(
            "ocr_failed",
            f"could not be read by OCR (tesseract exit {out.returncode}: "
            f"{out.stderr.decode('utf-8', 'replace').strip()[-200:]}).",
        )
    words = []
    for line in out.stdout.decode("utf-8", "replace").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        if not text:
            continue
        left, top, width, height = (int(p) for p in parts[6:10])
        words.append(Word(text, float(left), float(top), float(left + width), float(top + height), float(parts[10])))
    return words


# ------------------------------------------------------------------------------------------------ ruling lines
def _runs(ink: np.ndarray, min_length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of True at least `min_length` long, row by row."""
    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    d = np.diff(padded, axis=1)
    starts = np.argwhere(d == 1)
    ends = np.argwhere(d == -1)
    lengths = ends[:, 1] - starts[:, 1]
    keep = lengths >= min_length
    return [(int(r), int(s), int(e)) for (r, s), (_, e) in zip(starts[keep], ends[keep], strict=True)]


def _close(ink: np.ndarray, gap: int) -> np.ndarray:
    """Bridge breaks of up to `gap` pixels along each row."""
    out = ink.copy()
    for k in range(1, gap + 1):
        out[:, :-k] |= ink[:, :-k] & np.roll(ink, -k, axis=1)[:, :-k]
        out[:, k:] |= ink[:, k:] & np.roll(ink, k, axis=1)[:, k:]
    bridged = out.copy()
    for k in range(1, gap + 1):
        left = np.zeros_like(ink)
        left[:, k:] = out[:, :-k]
        right = np.zeros_like(ink)
        right[:, :-k] = out[:, k:]
        bridged |= left & right
    return bridged


def _thicken(ink: np.ndarray, k: int) -> np.ndarray:
    """Ink spread k pixels up and down: a line drawn a little off the straight still runs in one row."""
    out = ink.copy()
    for d in range(1, k + 1):
        out[d:] |= ink[:-d]
        out[:-d] |= ink[d:]
    return out


def _segments(runs: list[tuple[int, int, int]], tol: int) -> list[tuple[float, int, int]]:
    """Runs of neighbouring rows that overlap, as one line: (position, start, end)."""
    groups: list[list[int]] = []  # [first row, last row, start, end, row sum, count]
    for row, s, e in sorted(runs):
        for g in reversed(groups[-30:]):
            if row - g[1] <= tol and s <= g[3] and e >= g[2]:
                g[1], g[2], g[3] = row, min(g[2], s), max(g[3], e)
                g[4] += row
                g[5] += 1
                break
        else:
            groups.append([row, row, s, e, row, 1])
    return [(g[4] / g[5], g[2], g[3]) for g in groups if g[1] - g[0] <= 4 * tol + 6]


def find_rules(ink: np.ndarray, dpi: float) -> list[Rule]:
    """Horizontal and vertical ruling lines of a page: runs of ink at least a third of an inch long (a tall
    letter is under a sixth), in rows at most a few pixels thick."""
    min_len = int(dpi / 3)
    spread = max(1, int(dpi / 100))
    tol = max(2, int(dpi / 60))
    horizontal = _segments(_runs(_close(_thicken(ink, spread), spread), min_len), tol)
    vertical = _segments(_runs(_close(_thicken(ink.T, spread), spread), int(dpi / 5)), tol)
    rules = [Rule(float(s), y, float(e), y) for y, s, e in horizontal]
    rules += [Rule(x, float(s), x, float(e)) for x, s, e in vertical]
    return rules


def erase_rules(gray: Image.Image, rules: list[Rule], dpi: float) -> Image.Image:
    pixels = np.asarray(gray).copy()
    half = max(2, int(dpi / 70))
    for r in rules:
        if r.horizontal:
            y = round(r.top)
            pixels[max(0, y - half) : y + half + 1, int(r.x0) : int(r.x1) + 1] = 255
        else:
            x = round(r.x0)
            pixels[int(r.top) : int(r.bottom) + 1, max(0, x - half) : x + half + 1] = 255
    return Image.fromarray(pixels)


def _inside_a_word(rule: Rule, words: list[Word]) -> bool:
    """A 'line' that lies within a word's box is a stroke of its letters."""
    return any(w.x0 <= rule.x0 and rule.x1 <= w.x1 and w.top <= rule.top and rule.bottom <= w.bottom for w in words)


def settings_dict(settings: OcrSettings) -> dict:
    d = asdict(settings)
    d["cache_dir"] = str(settings.cache_dir) if settings.cache_dir else None
    return d
