"""Print test documents to PDF the way provinces publish them, and scan the pages (made in the test, not committed).

`print_pdf` lays a document's text units out on A4 with a Vietnamese font (DejaVu Serif): paragraphs wrapped at
the margin (justified), a running header on every page after the first and "Trang N/M" at the foot, and runs of
table rows as ruled tables (wide ones on landscape pages), with the column headers that span several columns or
rows merged as in the original. `scan_pdf` rasterises those pages as a scanner does (grey, slight rotation, specks
of noise) into a PDF of images (or page images). Any document the reader reads can be printed: its units are
the content."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image, ImageFilter

from loaders.formats.units import TextUnit

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class _Document(FPDF):
    def __init__(self, running_header: str, font_size: float) -> None:
        super().__init__(format="A4", unit="pt")
        self.running_header = running_header
        self.base_size = font_size
        self.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
        self.add_font("Serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
        self.set_margins(57, 50, 45)  # left 2 cm, top, right 1.6 cm
        self.set_auto_page_break(True, margin=50)
        self.alias_nb_pages("{nb}")

    def header(self) -> None:
        if self.page_no() > 1 and self.running_header:
            self.set_font("Serif", "", 8)
            self.set_y(22)
            self.cell(0, 10, self.running_header, align="C")
            self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-34)
        self.set_font("Serif", "", 8)
        self.cell(0, 10, f"Trang {self.page_no()}/{{nb}}", align="C")


def _is_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(text) < 200 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def print_pdf(
    units: Sequence[TextUnit],
    path: Path,
    *,
    running_header: str = "",
    font_size: float = 11,
    spans: dict[int, list[tuple[int, int, int, int]]] | None = None,
) -> Path:
    """Write `units` as a PDF. `spans` (optional) gives merged cells per table: the index of the table's first unit
    -> (row, column, rows spanned, columns spanned) in that table's grid."""
    pdf = _Document(running_header, font_size)
    blocks = _blocks(units)
    if not isinstance(blocks[0][1], list) or max(len(u.text.split("\t")) for u in blocks[0][1]) <= 5:
        pdf.add_page()
    for start, block in blocks:
        if isinstance(block, list):
            _table(pdf, [u.text.split("\t") for u in block], font_size, (spans or {}).get(start, []))
            continue
        text = block.text
        heading = _is_heading(text)
        pdf.set_font("Serif", "B" if heading else "", font_size)
        pdf.multi_cell(0, font_size * 1.3, text, align="C" if heading else "J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(font_size * 0.35)
    pdf.output(str(path))
    return path


def _blocks(units: Sequence[TextUnit]) -> list[tuple[int, TextUnit | list[TextUnit]]]:
    out: list[tuple[int, TextUnit | list[TextUnit]]] = []
    for i, unit in enumerate(units):
        if "\t" in unit.text:
            if out and isinstance(out[-1][1], list):
                out[-1][1].append(unit)
            else:
                out.append((i, [unit]))
        else:
            out.append((i, unit))
    return out


def _table(pdf: _Document, rows: list[list[str]], font_size: float, spans: list[tuple[int, int, int, int]]) -> None:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    landscape = width > 5
    if landscape:
        pdf.add_page(orientation="L")
    size = font_size - (3 if landscape else 2)
    pdf.set_font("Serif", "", size)
    weights = []
    for j in range(width):
        texts = [r[j].strip() for r in rows]
        figures = [len(t) for t in texts if re.fullmatch(r"[-\d.,%=+]+", t)]
        longest = max(len(t) for t in texts)
        weights.append(max(max(figures, default=0) + 2, min(max(longest, 5), 45 if j < 2 else 12)))
    covered = {(r + dr, c + dc) for r, c, nr, nc in spans for dr in range(nr) for dc in range(nc) if (dr, dc) != (0, 0)}
    span_at = {(r, c): (nr, nc) for r, c, nr, nc in spans}
    with pdf.table(
        col_widths=weights,
        first_row_as_headings=False,
        line_height=size * 1.25,
        text_align="LEFT",
        padding=2,
        headings_style=FontFace(emphasis=None),
    ) as table:
        for r, cells in enumerate(rows):
            row = table.row()
            for c, text in enumerate(cells):
                if (r, c) in covered:
                    continue
                nr, nc = span_at.get((r, c), (1, 1))
                align = "RIGHT" if re.fullmatch(r"[-\d.,%]+", text.strip()) and c > 1 else "LEFT"
                row.cell(text, align=align, rowspan=nr, colspan=nc)
    if landscape:
        pdf.add_page(orientation="P")
    else:
        pdf.ln(font_size * 0.6)


def scan_pdf(
    pdf_path: Path,
    out: Path,
    *,
    dpi: int = 200,
    seed: int = 13,
    max_angle: float = 1.2,
    noise: float = 0.002,
    image_format: str | None = None,
) -> list[Path]:
    """Rasterise every page like a scanner: grey, turned by a small random angle, specks of noise, slightly soft.
    Writes one PDF of the page images to `out`, or with `image_format` "tif" one multi-page TIFF, or with "png" or
    "jpg" one image per page named `out` with -N before the suffix. Returns the files written."""
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    images = []
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        for page in document:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            images.append(_scanned(image, rng, max_angle, noise))
            page.close()
    finally:
        document.close()
    if image_format is None or image_format == "tif":
        first, *rest = images
        if image_format == "tif":
            first.save(out, "TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi), compression="tiff_deflate")
        else:
            first.save(out, "PDF", save_all=True, append_images=rest, resolution=dpi)
        return [out]
    paths = []
    for n, image in enumerate(images, start=1):
        path = out.with_name(f"{out.stem}-{n}.{image_format}")
        image.save(path, dpi=(dpi, dpi))
        paths.append(path)
    return paths


def _scanned(image: Image.Image, rng: random.Random, max_angle: float, noise: float) -> Image.Image:
    angle = rng.uniform(-max_angle, max_angle)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    pixels = image.load()
    w, h = image.size
    for _ in range(int(w * h * noise)):
        x, y = rng.randrange(w), rng.randrange(h)
        pixels[x, y] = rng.choice((0, 40, 90, 255))
    return image.point(lambda v: min(255, v + 12))  # paper is never quite white, print never quite black


def units_of(path: Path) -> list[TextUnit]:
    from loaders.read import read_document

    return list(read_document(path, path.parent).units)


def jpeg_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def lines(units: Iterable[TextUnit]) -> list[str]:
    return [u.text for u in units]
