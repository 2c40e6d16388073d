"""Builders of small test documents in every format the reader handles (made in the test, not committed)."""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata
from pathlib import Path

import docx
import openpyxl
from docx.oxml.ns import qn
from docx.shared import Pt

# Vietnamese tone marks as combining characters: Windows-1258 stores tones this way.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """Encode like a Windows-1258 editor: base letters (â, ơ, ư, đ ...) precomposed, tones combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


# TCVN3 (ABC): Vietnamese letters at Latin-1 code points (the .VnTime font draws them as Vietnamese).
_TCVN3 = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "ề": 0xD2, "ế": 0xD5, "ệ": 0xD6, "ể": 0xD3, "í": 0xDD, "ị": 0xDE,
    "ì": 0xD7, "ỉ": 0xD8, "ó": 0xE3, "ồ": 0xE5, "ố": 0xE8, "ộ": 0xE9, "ù": 0xEF, "ú": 0xF3, "ừ": 0xF5,
    "ự": 0xF9, "Đ": 0xA7,
}  # fmt: skip


def tcvn3_bytes(text: str) -> bytes:
    return bytes(ord(ch) if ch.isascii() else _TCVN3[ch] for ch in text)


def write_docx(path: Path) -> Path:
    """Headings, a footnote digit as a superscript run, a table with merged cells and a nested table."""
    document = docx.Document()
    document.add_heading("KẾ HOẠCH THỰC HIỆN", level=0)
    document.add_heading("I. MỤC TIÊU", level=1)
    paragraph = document.add_paragraph("Toàn tỉnh có 22 xã đặc biệt ")
    paragraph.add_run("khó khăn")
    footnote = paragraph.add_run("1")
    footnote.font.superscript = True
    paragraph.add_run(" thuộc vùng đồng bào dân tộc thiểu số.")
    document.add_paragraph("")  # empty paragraphs are skipped
    document.add_paragraph("   ")
    document.add_heading("1. Dự án 1: Giải quyết tình trạng thiếu đất ở", level=2)
    soft = document.add_paragraph("Nơi nhận:")
    soft.add_run().add_break()
    soft.add_run("- Ủy ban Dân tộc;")

    table = document.add_table(rows=4, cols=4)
    header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2022"]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    merged = table.cell(1, 1).merge(table.cell(1, 3))  # horizontal merge: one w:tc spanning 3 columns
    table.cell(1, 0).text = "A"
    merged.text = "CHỈ TIÊU CHUNG"
    row = table.rows[2].cells
    row[0].text, row[1].text, row[2].text = "1", "Giảm tỷ lệ hộ nghèo", "%"
    row[3].text = "≥ 4"
    cell = table.cell(3, 1)
    cell.text = "Số thôn thoát khỏi địa bàn đặc biệt khó khăn"
    cell.paragraphs[0].add_run("1").font.superscript = True
    cell.add_paragraph("(theo QĐ 612)")  # second paragraph in a cell -> joined by one space
    table.cell(3, 0).text = "4"
    table.cell(3, 2).text = "Thôn"
    table.cell(3, 3).text = "9"
    nested = table.cell(3, 3).add_table(rows=1, cols=2)
    nested.cell(0, 0).text, nested.cell(0, 1).text = "trong đó", "3"

    tail = document.add_paragraph("Đoạn có ")
    tail.runs[0].font.size = Pt(12)
    _add_tracked_insertion(tail, "chữ chèn thêm", "chữ bị xóa")
    document.save(path)
    return path


def _add_tracked_insertion(paragraph, inserted: str, deleted: str) -> None:
    """Append <w:ins><w:r><w:t>inserted</w:t></w:r></w:ins> and a <w:del> run, as Word's track changes."""
    template = paragraph.runs[0]._r
    ins = paragraph._p.makeelement(qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "t"})
    run = copy.deepcopy(template)
    run.find(qn("w:t")).text = inserted
    ins.append(run)
    paragraph._p.append(ins)
    delete = paragraph._p.makeelement(qn("w:del"), {qn("w:id"): "2", qn("w:author"): "t"})
    run = copy.deepcopy(template)
    text = run.find(qn("w:t"))
    text.tag = qn("w:delText")
    text.text = deleted
    delete.append(run)
    paragraph._p.append(delete)


def write_xlsx(path: Path) -> Path:
    """Title rows, a merged header, numbers, a number typed as text, an empty leading cell, two sheets."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "PL01"
    sheet["A1"] = "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"
    sheet.merge_cells("A1:C1")
    sheet["H1"] = "Phụ lục I"
    sheet["A2"] = "PHÂN BỔ KẾ HOẠCH VỐN NĂM 2025"
    sheet.merge_cells("A2:J2")
    sheet["H4"] = "Đơn vị tính: triệu đồng"
    sheet.append(["STT", "Dự án", "Tổng cộng", "Vốn đầu tư phát triển", None, None, "Ghi chú"])  # row 5
    sheet.merge_cells("D5:F5")
    sheet.append([None, None, None, "Tổng số", "NSTW", "NSĐP"])  # row 6
    sheet.append([None, "TỔNG CỘNG", 419659, 285764.0, 12940.347, 0.1 + 0.2])  # row 7
    sheet.append(["8", "Dự án 8", 4356, "3.960", 396, None, None, None])  # row 8, trailing empties dropped
    sheet.append([])  # row 9 empty
    sheet.append(["Ghi chú:\nNSTW: ngân sách trung ương", None, 1.5e20, 1e-7, -0.0])  # row 10
    sheet["C11"] = "=C7+C8"  # a formula never calculated by Excel: no cached value
    sheet["A12"] = dt.datetime(2025, 1, 24)
    sheet["B12"] = True
    second = workbook.create_sheet("Biểu 2")
    second["B3"] = "Huyện Đam Rông"
    second["C3"] = 1234
    workbook.save(path)
    return path


def minimal_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF 1.4 written by hand: one Helvetica text object per page, one line per string."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        operators = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            operators.append(f"({escaped}) Tj T*")
        operators.append("ET")
        stream = "\n".join(operators).encode("latin-1") if lines else b""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


ARTICLE_HTML = """<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Tin tức</title>
  <style>.menu { color: red }</style>
  <script>var ads = "Quảng cáo trong script";</script>
</head>
<body>
  <header class="site-header"><a href="/">BÁO ĐIỆN TỬ</a>
    <ul class="main-menu"><li>Trang chủ</li><li>Thời sự</li></ul></header>
  <nav><a href="/kt">Kinh tế</a> | <a href="/xh">Xã hội</a></nav>
  <div id="breadcrumb">Trang chủ &gt; Dân tộc</div>
  <div class="top-menu">Tìm kiếm Đăng nhập</div>
  <!-- a comment that must not appear -->
  <article class="detail">
    <header><h1 class="title">Giải ngân vốn   Chương trình 1719</h1></header>
    <p class="sapo">Năm 2024, tỉnh được giao <b>1.451,5 tỷ</b> đồng;<br>đã giải ngân
       đạt&nbsp;67,5% kế hoạch.</p>
    <div class="content">Đoạn văn trong div
      <p>Đoạn con thứ nhất.</p>
      phần đuôi của div
    </div>
    <h2>Kết quả theo huyện</h2>
    <table>
      <tr><th>Huyện</th><th>Vốn</th><th>Tỷ lệ</th></tr>
      <tr><td>Văn Chấn</td><td>85,2</td><td>71,4%</td></tr>
      <tr><td colspan="2">Tổng cộng</td><td>67,5%</td></tr>
    </table>
    <ul><li>Dự án 1: 312 hộ</li><li>Dự án 4: 85 công trình</li></ul>
    <div class="social-share">Chia sẻ Facebook Zalo</div>
    <div class="fb-comments">Bình luận của bạn đọc</div>
    <noscript>Bật JavaScript</noscript>
  </article>
  <div class="box-tin-lien-quan"><h3>Tin liên quan</h3><p>Hà Giang giải ngân 2.000 tỷ</p></div>
  <aside>Xem nhiều nhất</aside>
  <form><input value="Gửi"> Đăng ký nhận tin</form>
  <div style="display:none">Ẩn đi</div>
  <footer>Giấy phép số 123/GP-BTTTT</footer>
</body>
</html>
"""
