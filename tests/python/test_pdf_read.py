"""Reading PDFs and scans as a person reads them, on documents made here: wrapped paragraphs joined back, running
headers and page numbers dropped, an appendix table cell by cell (the same cells as in Word), headers spanning
rows and columns, tables over a page break, page images, clear rejections; and the review of OCR'd figures."""

from __future__ import annotations

import io
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from pdf_builders import FONT_DIR, print_pdf, scan_pdf, units_of
from PIL import Image

from loaders import ocr
from loaders.formats.units import TABLE_ROW, TextUnit, WordBox
from loaders.model import Breakdown, FundingRow, Provenance
from loaders.read import ReadError, read_bytes, read_document
from loaders.review import amount_in_words_after, review, words_to_number

needs_ocr = pytest.mark.skipif(bool(ocr.missing()), reason="tesseract-ocr and tesseract-ocr-vie are not installed")

LONG = (
    "Năm 2024, toàn tỉnh phấn đấu giảm tỷ lệ hộ nghèo vùng đồng bào dân tộc thiểu số và miền núi bình quân "
    "trên 4%/năm, hỗ trợ nhà ở cho các hộ nghèo chưa có nhà ở hoặc nhà ở bị dột nát, hư hỏng theo danh sách "
    "đã được rà soát, hỗ trợ nước sinh hoạt phân tán cho 1.381 hộ và đầu tư 07 công trình nước sinh hoạt tập trung."
)


def _unit(text: str) -> TextUnit:
    return TextUnit(1, text, "line 1", "line")


def _read(path: Path, **kwargs):
    return read_document(path, path.parent, **kwargs)


def test_wrapped_paragraphs_are_joined_and_running_headers_and_page_numbers_dropped(tmp_path: Path):
    units = [_unit("KẾ HOẠCH"), _unit("1. Mục tiêu chung"), *[_unit(LONG) for _ in range(12)], _unit("- Lưu: VT.")]
    pdf = print_pdf(units, tmp_path / "plan.pdf", running_header="UBND tỉnh Lạng Sơn - Kế hoạch số 59/KH-UBND")
    text = _read(pdf)
    texts = [u.text for u in text.units]
    assert texts[:2] == ["KẾ HOẠCH", "1. Mục tiêu chung"]  # a heading and a numbered item stay lines of their own
    assert texts.count(LONG) == 12  # every wrapped paragraph is one unit again, across the page break too
    assert texts[-1] == "- Lưu: VT."
    assert not any("Kế hoạch số 59" in t or t.startswith("Trang") for t in texts)
    assert len({u.locator.split(" line")[0] for u in text.units}) >= 2  # on two pages at least
    assert all(u.locator.startswith("page ") for u in text.units)


# the appendix of an allocation decision: project rows by district columns with a total row
HEADER = ["STT", "Dự án, tiểu dự án", "Tổng số", "Huyện Mường Nhé", "Huyện Nậm Pồ", "Huyện Tủa Chùa"]
BODY = [
    ["", "Tổng cộng", "9.235,000", "3.079,500", "3.210,250", "2.945,250"],
    ["1", "Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt", "4.500,000",
     "1.500,000", "1.600,000", "1.400,000"],
    ["a", "Tiểu dự án 1: Phát triển kinh tế nông, lâm nghiệp bền vững", "2.235,000", "745,500", "760,250",
     "729,250"],
    ["2", "Dự án 5: Phát triển giáo dục đào tạo nâng cao chất lượng nguồn nhân lực", "2.500,000", "834,000",
     "850,000", "816,000"],
]  # fmt: skip


def test_an_appendix_table_in_a_pdf_yields_the_same_cells_as_in_word(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("PHỤ LỤC I")
    document.add_paragraph("Đơn vị tính: triệu đồng")
    table = document.add_table(rows=len(BODY) + 1, cols=len(HEADER))
    for r, cells in enumerate([HEADER, *BODY]):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    word = tmp_path / "phu luc.docx"
    document.save(word)
    word_rows = [u.text for u in units_of(word) if u.kind == TABLE_ROW]
    pdf_units = _read(print_pdf(units_of(word), tmp_path / "phu luc.pdf")).units
    pdf_rows = [u for u in pdf_units if u.kind == TABLE_ROW]
    assert [u.text for u in pdf_rows] == word_rows
    assert pdf_rows[2].locator == "page 2 table 1 row 3" or pdf_rows[2].locator.endswith("table 1 row 3")


def test_headers_spanning_rows_and_columns_keep_every_column_in_place(tmp_path: Path):
    """A merged header cell's text sits in its first grid cell, the cells it covers are empty (as Excel gives
    merged cells), so the district columns under 'Chia ra các huyện' stay where they are."""
    top = ["STT", "Dự án", "Tổng số", "Chia ra các huyện", "", ""]
    below = ["", "", "", "Huyện Mường Nhé", "Huyện Nậm Pồ", "Huyện Tủa Chùa"]
    rows = [top, below, *BODY]
    units = [TextUnit(i + 1, "\t".join(r), f"line {i + 1}", "line") for i, r in enumerate(rows)]
    spans = {0: [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 1, 3)]}
    got = [u.text.split("\t") for u in _read(print_pdf(units, tmp_path / "merged.pdf", spans=spans)).units]
    assert got[0] == top
    assert got[1] == below
    assert got[2:] == BODY


def test_a_table_continues_over_a_page_break(tmp_path: Path):
    header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"]
    body = [[str(i), f"Số hộ được hỗ trợ nhà ở tại xã thứ {i}", "Hộ", str(10 + i)] for i in range(1, 61)]
    units = [TextUnit(i + 1, "\t".join(r), f"line {i + 1}", "line") for i, r in enumerate([header, *body])]
    text = _read(print_pdf(units, tmp_path / "long.pdf"))
    rows = [u for u in text.units if u.kind == TABLE_ROW]
    assert [u.text.split("\t") for u in rows] == [header, *body]
    assert {u.locator.split(" table ")[1].split(" row ")[0] for u in rows} == {"1"}  # one table over pages
    assert rows[-1].locator.startswith("page 2 ") and rows[-1].locator.endswith("row 61")


def test_a_damaged_or_password_protected_pdf_is_rejected_with_a_reason(tmp_path: Path):
    pdf = print_pdf([_unit(LONG)], tmp_path / "ok.pdf")
    data = pdf.read_bytes()
    with pytest.raises(ReadError) as damaged:
        read_bytes(data[: len(data) // 3], "damaged.pdf")
    assert damaged.value.reason == "corrupt_file" and "export it again" in damaged.value.detail
    locked = FPDF()
    locked.set_encryption(owner_password="chu", user_password="mat khau")
    locked.add_page()
    locked.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    locked.set_font("Serif", size=11)
    locked.multi_cell(0, 6, LONG)
    with pytest.raises(ReadError) as protected:
        read_bytes(bytes(locked.output()), "locked.pdf")
    assert protected.value.reason == "unsupported_format" and "password-protected" in protected.value.detail


def test_a_scanned_pdf_without_ocr_is_rejected_with_a_reason(tmp_path: Path):
    scan = scan_pdf(print_pdf([_unit(LONG)], tmp_path / "p.pdf"), tmp_path / "scan.pdf")[0]
    with pytest.raises(ReadError) as rejected:
        _read(scan, ocr=None)
    assert rejected.value.reason == "no_text_layer" and "OCR" in rejected.value.detail


@needs_ocr
def test_a_blank_scan_is_rejected_with_a_reason(tmp_path: Path):
    page = Image.new("L", (1654, 2339), 250)
    buf = io.BytesIO()
    page.save(buf, "PDF", resolution=200)
    (tmp_path / "blank.pdf").write_bytes(buf.getvalue())
    with pytest.raises(ReadError) as rejected:
        _read(tmp_path / "blank.pdf", ocr=ocr.OcrSettings())
    assert rejected.value.reason == "no_text" and "scan it again" in rejected.value.detail


@needs_ocr
def test_a_page_image_is_read_by_ocr_and_straightened(tmp_path: Path):
    pdf = print_pdf([_unit("KẾ HOẠCH"), _unit(LONG)], tmp_path / "p.pdf")
    image = scan_pdf(pdf, tmp_path / "page.jpg", dpi=200, image_format="jpg", max_angle=2.5)[0]
    text = _read(image, ocr=ocr.OcrSettings())
    assert text.format == "image" and text.ocr_pages == 1
    joined = " ".join(u.text for u in text.units)
    assert "1.381 hộ" in joined and "07 công trình" in joined
    assert all(w.conf is not None for u in text.units for w in u.words or ())


def test_a_large_scan_is_not_held_to_the_text_file_limit(tmp_path: Path):
    scan = scan_pdf(print_pdf([_unit(LONG)], tmp_path / "p.pdf"), tmp_path / "scan.pdf")[0]
    with pytest.raises(ReadError) as text_limit:
        read_document(scan, tmp_path, max_bytes=10, max_scan_bytes=10)
    assert text_limit.value.reason == "too_large"
    with pytest.raises(ReadError) as no_ocr:  # past the text limit, read as a scan (here without OCR)
        read_document(scan, tmp_path, max_bytes=10)
    assert no_ocr.value.reason == "no_text_layer"


# ----------------------------------------------------------------------------------------------- the review
def _line(code: str, amount: str, start: int, figure: str, parent: str | None = None, breakdown=None) -> FundingRow:
    values: dict[str, object] = {f.name: None for f in fields(FundingRow)}
    values.update(
        document_id="doc", line_code=code, parent_line_code=parent, program_code="DTTS", province_code="11",
        budget_phase="allocated", amount_million_vnd=Decimal(amount), scale_word="triệu",
        precision_million_vnd=Decimal("0.0005"), is_approximate=False, breakdown=breakdown, label=code, origin="table",
        provenance=Provenance("scan.pdf", 1, "page 1 table 1 row 1", start, figure, ""),
    )  # fmt: skip
    return FundingRow(**values)


def _ocr_unit(text: str, confs: dict[str, float]) -> TextUnit:
    boxes, pos = [], 0
    for word in text.split(" "):
        start = text.index(word, pos)
        pos = start + len(word)
        boxes.append(WordBox(start, pos, 1, start * 10.0, 100.0, pos * 10.0, 130.0, confs.get(word, 96.0)))
    return TextUnit(1, text, "page 1 table 1 row 1", TABLE_ROW, None, tuple(boxes))


def _rows(text: str, total: str, parts: list[str]) -> list[FundingRow]:
    rows = [_line("TOTAL", total.replace(".", "").replace(",", "."), text.index(total), total, breakdown="complete")]
    for k, p in enumerate(parts):
        rows.append(_line(f"P{k}", p.replace(".", "").replace(",", "."), text.index(p), p, parent="TOTAL"))
    return rows


def test_review_holds_uncertain_digits_and_parts_that_do_not_add_up_and_keeps_the_rest():
    text = "9.235,000 4.500,000 2.235,000 2.500,000"
    rows = _rows(text, "9.235,000", ["4.500,000", "2.235,000", "2.500,000"])
    sure = review([_ocr_unit(text, {})], [], rows, [])
    assert sure.held == [] and len(sure.funding) == 4  # adds up, read with confidence: all kept

    unsure = review([_ocr_unit(text, {"2.235,000": 41.0})], [], rows, [])
    assert [(h.figure_text, h.reason, h.page) for h in unsure.held] == [("2.235,000", "uncertain_digits", 1)]
    assert unsure.held[0].x0 == 200.0 and unsure.held[0].confidence == 41.0
    assert {f.line_code: f.breakdown for f in unsure.funding}["TOTAL"] == "partial"

    bad = "9.235,000 4.500,000 2.285,000 2.500,000"  # '2.235' read as '2.285': the parts no longer add up
    misread = review([_ocr_unit(bad, {"2.285,000": 84.0})], [], _rows(bad, "9.235,000", bad.split()[1:]), [])
    assert [h.reason for h in misread.held] == ["parts_do_not_add_up"]
    assert "parts add up to" in misread.held[0].detail

    source_error = review([_ocr_unit(bad, {})], [], _rows(bad, "9.235,000", bad.split()[1:]), [])
    assert source_error.held == []  # read beyond doubt: the document's own arithmetic, kept and reported

    text_layer = TextUnit(1, text, "page 1 table 1 row 1", TABLE_ROW, None, None)
    assert review([text_layer], [], rows, []).held == []  # a text layer is never held


def test_review_drops_the_links_to_a_held_line():
    text = "9.235,000 4.500,000 2.235,000 2.500,000"
    rows = _rows(text, "9.235,000", ["4.500,000", "2.235,000", "2.500,000"])
    links = [Breakdown("doc", "TOTAL", f"P{k}", "column", "complete") for k in (0, 1)]
    out = review([_ocr_unit(text, {"9.235,000": 30.0})], [], rows, links)
    assert [h.line_code for h in out.held] == ["TOTAL"]
    assert all(f.parent_line_code is None for f in out.funding) and out.breakdowns == []


def test_an_amount_in_words_that_says_another_number_holds_the_figure():
    text = "Tổng vốn là 412.786 triệu đồng (Bằng chữ: Bốn trăm mười hai tỷ, bảy trăm tám mươi sáu triệu đồng)."
    assert words_to_number("Bốn trăm mười hai tỷ, bảy trăm tám mươi sáu triệu đồng") == 412_786_000_000
    assert words_to_number("hai nghìn một trăm năm mươi tỷ") == 2_150_000_000_000
    assert words_to_number("một trăm linh năm triệu đồng chẵn") == 105_000_000
    assert amount_in_words_after(text, text.index("412.786") + 7) == Decimal(412786)
    right = _line("TOTAL", "412786", text.index("412.786"), "412.786")
    assert review([_ocr_unit(text, {})], [], [right], []).held == []
    wrong_text = text.replace("412.786", "412.736")
    wrong = _line("TOTAL", "412736", wrong_text.index("412.736"), "412.736")
    held = review([_ocr_unit(wrong_text, {})], [], [wrong], []).held
    assert [h.reason for h in held] == ["amount_in_words_differs"]


def test_the_extraction_gate_refuses_a_held_figure_with_an_unknown_reason(tmp_path: Path):
    from loaders import csvout
    from loaders.expectations import validate_extracted
    from loaders.extract import extract_folder
    from loaders.seeds import write_seeds

    docs = tmp_path / "documents"
    docs.mkdir()
    (docs / "plan.txt").write_bytes((Path(__file__).parents[2] / "documents" / "002_a9ee52e6de03f7b5.txt").read_bytes())
    out = tmp_path / "seeds"
    write_seeds(extract_folder(docs, workers=1), out)
    assert validate_extracted(out) == []
    held = out / csvout.HELD
    row = ["h1", "doc", "funding", "L1", "label", "1", "triệu đồng", "looked_odd", "", "50", "plan.txt", "3", "page 1",
           "0", "1", "0", "0", "1", "1", "300", "1", "quote"]  # fmt: skip
    held.write_bytes(held.read_bytes() + csvout.render([row]))
    failures = validate_extracted(out)
    assert failures and all("extracted_held_figures" in f for f in failures), failures
