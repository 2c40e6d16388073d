"""loaders.read: bytes on disk -> normalised text units with locators (given / when / then)."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import pickle
import random
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from doc_builders import ARTICLE_HTML, cp1258_bytes, minimal_pdf, tcvn3_bytes, write_docx, write_xlsx

import loaders.read as read_module
from loaders.formats.spreadsheet import plain_number
from loaders.read import DocumentText, ReadError, TextUnit, list_documents, read_bytes, read_document

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "tests" / "data" / "examples"
DOCUMENTS = REPO / "documents"

VIETNAMESE = "Kế hoạch phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"
# "Chương trình phát triển ..." in the VNI font encoding, read as Latin-1
VNI_TEXT = "Chöông trình phaùt trieån kinh teá xaõ hoäi vuøng ñoàng baøo daân toäc"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MHTML = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\r\n"


def write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read(root: Path, name: str, data: bytes, **kwargs) -> DocumentText:
    return read_document(write(root, name, data), root, **kwargs)


def texts(document: DocumentText) -> list[str]:
    return [unit.text for unit in document.units]


def read_error(root: Path, name: str, data: bytes, **kwargs) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read(root, name, data, **kwargs)
    return caught.value


# ----------------------------------------------------------------------------- plain text and encodings
def test_given_utf8_text_with_crlf_and_blank_lines_when_read_then_units_are_physical_lines(tmp_path):
    # given
    data = f"{VIETNAMESE}\r\n\r\n  Dòng ba có thụt lề\r\nDòng bốn\rDòng năm\n\n".encode()
    # when
    document = read(tmp_path, "ke-hoach.txt", data)
    # then
    assert document.format == "txt"
    assert document.encoding == "utf-8"
    assert document.size_bytes == len(data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.units == (
        TextUnit(1, VIETNAMESE, "line 1", "line"),
        TextUnit(3, "  Dòng ba có thụt lề", "line 3", "line"),
        TextUnit(4, "Dòng bốn", "line 4", "line"),
        TextUnit(5, "Dòng năm", "line 5", "line"),
    )


def test_given_utf8_with_bom_when_read_then_bom_is_not_text(tmp_path):
    # given
    data = codecs.BOM_UTF8 + f"{VIETNAMESE}\nDòng hai".encode()
    # when
    document = read(tmp_path, "bom.txt", data)
    # then
    assert document.encoding == "utf-8-sig"
    assert texts(document) == [VIETNAMESE, "Dòng hai"]


@pytest.mark.parametrize(
    ("codec", "bom", "expected_encoding"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
    ],
)
def test_given_utf16_with_or_without_bom_when_read_then_decoded(tmp_path, codec, bom, expected_encoding):
    # given
    data = bom + f"{VIETNAMESE}\r\nĐiện Biên, ngày 06 tháng 3 năm 2023\r\n".encode(codec)
    # when
    document = read(tmp_path, "utf16.txt", data)
    # then
    assert document.encoding == expected_encoding
    assert texts(document) == [VIETNAMESE, "Điện Biên, ngày 06 tháng 3 năm 2023"]


def test_given_windows_1258_with_combining_tones_when_read_then_nfc_vietnamese(tmp_path):
    # given: cp1258 keeps â/ơ/ư/đ precomposed but writes tones as combining marks (0xEC acute, 0xF2 dot ...)
    lines = [VIETNAMESE, "Ủy ban nhân dân tỉnh Quảng Ninh: 1.238.075 triệu đồng"]
    data = cp1258_bytes("\r\n".join(lines))
    assert b"\xec" in data and b"\xf2" in data
    # when
    document = read(tmp_path, "cp1258.txt", data)
    # then
    assert document.encoding == "cp1258"
    assert texts(document) == lines
    assert all(unicodedata.is_normalized("NFC", text) for text in texts(document))


def test_given_utf8_text_in_nfd_when_read_then_units_are_nfc(tmp_path):
    # given
    data = unicodedata.normalize("NFD", VIETNAMESE).encode()
    # when
    document = read(tmp_path, "nfd.txt", data)
    # then
    assert texts(document) == [VIETNAMESE]


def test_given_utf8_cut_inside_the_last_character_when_read_then_it_is_kept_as_replacement(tmp_path):
    # given
    data = f"{VIETNAMESE}\n{VIETNAMESE}\nthiểu số".encode()[:-1]
    # when
    document = read(tmp_path, "cut.txt", data)
    # then
    assert document.encoding == "utf-8"
    assert texts(document) == [VIETNAMESE, VIETNAMESE, "thiểu s\ufffd"]


def test_given_a_name_with_spaces_and_vietnamese_letters_and_no_extension_when_read_then_found(tmp_path):
    # given: a decomposed (macOS-style) name in a sub-folder
    name = unicodedata.normalize("NFD", "Tỉnh Lạng Sơn/Kế hoạch số 59 năm 2023")
    path = write(tmp_path, name, VIETNAMESE.encode())
    # when
    document = read_document(path, tmp_path)
    # then
    assert document.source_file == "Tỉnh Lạng Sơn/Kế hoạch số 59 năm 2023"
    assert unicodedata.is_normalized("NFC", document.source_file)
    assert texts(document) == [VIETNAMESE]


# ----------------------------------------------------------------------------- rejected text
@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("TCVN3 bytes", tcvn3_bytes(VIETNAMESE + " tỉnh Quảng Ninh năm 2024")),
        ("TCVN3 pasted into UTF-8", tcvn3_bytes(VIETNAMESE + " tỉnh Quảng Ninh").decode("latin-1").encode()),
        ("VNI bytes", VNI_TEXT.encode("latin-1")),
        ("VNI pasted into UTF-8", VNI_TEXT.encode()),
    ],
)
def test_given_legacy_font_encoding_when_read_then_rejected_with_own_reason(tmp_path, label, data):
    # when
    error = read_error(tmp_path, "legacy.txt", data)
    # then
    assert error.reason == "legacy_font_encoding", label
    assert "legacy.txt" in error.detail and "Unicode" in error.detail


def test_given_double_encoded_utf8_when_read_then_rejected_not_mojibake(tmp_path):
    # given: UTF-8 read as Windows-1252 and saved again as UTF-8 ("Káº¿ hoáº¡ch")
    data = VIETNAMESE.encode().decode("cp1252", errors="replace").encode()
    # when
    error = read_error(tmp_path, "mojibake.txt", data)
    # then
    assert error.reason == "undecodable_text"


def test_given_utf8_with_many_invalid_bytes_when_read_then_undecodable(tmp_path):
    # given
    data = (VIETNAMESE + "\n").encode() * 3 + b"\xff\xfe\x80" * 20
    # when
    error = read_error(tmp_path, "damaged.txt", data)
    # then
    assert error.reason == "undecodable_text"
    assert "damaged.txt" in error.detail


# ----------------------------------------------------------------------------- HTML
def test_given_a_saved_news_page_when_read_then_article_blocks_are_kept_and_chrome_dropped(tmp_path):
    # when
    document = read(tmp_path, "tin bài.html", ARTICLE_HTML.encode())
    # then
    assert document.format == "html"
    assert document.encoding == "utf-8"
    assert [(unit.kind, unit.heading_level, unit.locator, unit.text) for unit in document.units] == [
        ("heading", 1, "paragraph 1", "Giải ngân vốn Chương trình 1719"),
        (
            "paragraph",
            None,
            "paragraph 2",
            "Năm 2024, tỉnh được giao 1.451,5 tỷ đồng; đã giải ngân đạt 67,5% kế hoạch.",
        ),
        ("paragraph", None, "paragraph 3", "Đoạn văn trong div"),
        ("paragraph", None, "paragraph 4", "Đoạn con thứ nhất."),
        ("paragraph", None, "paragraph 5", "phần đuôi của div"),
        ("heading", 2, "paragraph 6", "Kết quả theo huyện"),
        ("table_row", None, "table 1 row 1", "Huyện\tVốn\tTỷ lệ"),
        ("table_row", None, "table 1 row 2", "Văn Chấn\t85,2\t71,4%"),
        ("table_row", None, "table 1 row 3", "Tổng cộng\t67,5%"),
        ("paragraph", None, "paragraph 7", "Dự án 1: 312 hộ"),
        ("paragraph", None, "paragraph 8", "Dự án 4: 85 công trình"),
    ]
    assert [unit.line for unit in document.units] == list(range(1, 12))
    chrome = [
        "Quảng cáo", "Trang chủ", "Kinh tế", "Tìm kiếm", "Chia sẻ", "Bình luận", "Tin liên quan", "2.000 tỷ",
        "Xem nhiều", "Đăng ký", "Ẩn đi", "Giấy phép", "BÁO ĐIỆN TỬ", "JavaScript", "comment",
    ]  # fmt: skip
    body = "\n".join(texts(document))
    assert [phrase for phrase in chrome if phrase in body] == []


def test_given_html_in_windows_1258_declared_by_meta_when_read_then_decoded(tmp_path):
    # given
    data = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head>'
        b"<body><p>" + cp1258_bytes("Ủy ban nhân dân tỉnh Điện Biên") + b"</p></body></html>"
    )
    # when
    document = read(tmp_path, "trang.htm", data)
    # then
    assert (document.format, document.encoding) == ("html", "cp1258")
    assert texts(document) == ["Ủy ban nhân dân tỉnh Điện Biên"]


def test_given_content_disagreeing_with_extension_when_read_then_content_wins(tmp_path):
    # when
    plain = read(tmp_path, "chi-la-van-ban.html", "Không có thẻ nào\nDòng hai".encode())
    page = "<!DOCTYPE html><html><body><p>Văn bản</p></body></html>"
    markup = read(tmp_path, "trang-web.txt", page.encode())
    # then
    assert (plain.format, texts(plain)) == ("txt", ["Không có thẻ nào", "Dòng hai"])
    assert (markup.format, texts(markup)) == ("html", ["Văn bản"])


def test_given_a_layout_table_and_a_pre_block_when_read_then_blocks_and_lines(tmp_path):
    # given: a one-row layout table holding the article and a data table; a plain-text page saved as HTML
    data = (
        "<html><body><table><tr><td><p>Bố cục một</p><p>Đoạn hai</p></td><td>"
        "<table><tr><th>Xã</th><th>Hộ</th></tr><tr><td>Vĩnh Sơn</td><td>12</td></tr></table>"
        "</td></tr></table>"
        '<pre style="white-space: pre-wrap">Dòng một\n\n  Dòng   hai\r\nDòng ba</pre></body></html>'
    )
    # when
    document = read(tmp_path, "bo-cuc.html", data.encode())
    # then
    assert [(unit.locator, unit.text) for unit in document.units] == [
        ("paragraph 1", "Bố cục một"),
        ("paragraph 2", "Đoạn hai"),
        ("table 1 row 1", "Xã\tHộ"),
        ("table 1 row 2", "Vĩnh Sơn\t12"),
        ("paragraph 3", "Dòng một"),
        ("paragraph 4", "Dòng hai"),
        ("paragraph 5", "Dòng ba"),
    ]


def test_given_a_page_with_only_chrome_when_read_then_no_text(tmp_path):
    # given
    data = b"<html><body><nav>Menu</nav><script>x()</script><footer>Footer</footer></body></html>"
    # when
    error = read_error(tmp_path, "chrome.html", data)
    # then
    assert error.reason == "no_text"


# ----------------------------------------------------------------------------- DOCX
def test_given_a_word_document_when_read_then_paragraphs_and_rows_in_reading_order(tmp_path):
    # given
    path = write_docx(tmp_path / "Kế hoạch 2022.docx")
    # when
    document = read_document(path, tmp_path)
    # then
    assert (document.format, document.encoding) == ("docx", None)
    rows = [(unit.line, unit.kind, unit.heading_level, unit.locator, unit.text) for unit in document.units]
    assert rows == [
        (1, "heading", 0, "paragraph 1", "KẾ HOẠCH THỰC HIỆN"),
        (2, "heading", 1, "paragraph 2", "I. MỤC TIÊU"),
        (3, "paragraph", None, "paragraph 3",
         "Toàn tỉnh có 22 xã đặc biệt khó khăn1 thuộc vùng đồng bào dân tộc thiểu số."),
        (4, "heading", 2, "paragraph 4", "1. Dự án 1: Giải quyết tình trạng thiếu đất ở"),
        (5, "paragraph", None, "paragraph 5", "Nơi nhận:\n- Ủy ban Dân tộc;"),
        (6, "table_row", None, "table 1 row 1", "STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2022"),
        (7, "table_row", None, "table 1 row 2", "A\tCHỈ TIÊU CHUNG"),
        (8, "table_row", None, "table 1 row 3", "1\tGiảm tỷ lệ hộ nghèo\t%\t≥ 4"),
        (9, "table_row", None, "table 1 row 4",
         "4\tSố thôn thoát khỏi địa bàn đặc biệt khó khăn1 (theo QĐ 612)\tThôn\t9"),
        (10, "table_row", None, "table 1 row 4, nested table 1 row 1", "trong đó\t3"),
        (11, "paragraph", None, "paragraph 6", "Đoạn có chữ chèn thêm"),
    ]  # fmt: skip


def test_given_a_vertically_merged_word_cell_when_read_then_its_text_is_in_the_first_row_only(tmp_path):
    # given
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Dự án 3"
    table.cell(0, 1).text, table.cell(1, 1).text = "Tiểu dự án 1", "Tiểu dự án 2"
    document.save(tmp_path / "gop-doc.docx")
    # when
    units = read_document(tmp_path / "gop-doc.docx", tmp_path).units
    # then
    assert [unit.text for unit in units] == ["Dự án 3\tTiểu dự án 1", "\tTiểu dự án 2"]


def test_given_a_damaged_word_file_when_read_then_corrupt(tmp_path):
    # given: a .docx cut in half
    data = write_docx(tmp_path / "full.docx").read_bytes()
    # when
    error = read_error(tmp_path, "half.docx", data[: len(data) // 2])
    # then
    assert error.reason == "corrupt_file"
    assert "half.docx" in error.detail


# ----------------------------------------------------------------------------- XLSX
def test_given_an_excel_appendix_when_read_then_one_unit_per_non_empty_row(tmp_path):
    # given
    path = write_xlsx(tmp_path / "Phụ lục vốn.xlsx")
    # when
    document = read_document(path, tmp_path)
    # then
    assert (document.format, document.encoding) == ("xlsx", None)
    assert [(unit.locator, unit.text) for unit in document.units] == [
        ("sheet 'PL01' row 1", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\t\t\t\t\t\t\tPhụ lục I"),
        ("sheet 'PL01' row 2", "PHÂN BỔ KẾ HOẠCH VỐN NĂM 2025"),
        ("sheet 'PL01' row 4", "\t\t\t\t\t\t\tĐơn vị tính: triệu đồng"),
        ("sheet 'PL01' row 5", "STT\tDự án\tTổng cộng\tVốn đầu tư phát triển\t\t\tGhi chú"),
        ("sheet 'PL01' row 6", "\t\t\tTổng số\tNSTW\tNSĐP"),
        ("sheet 'PL01' row 7", "\tTỔNG CỘNG\t419659\t285764\t12940.347\t0.3"),
        ("sheet 'PL01' row 8", "8\tDự án 8\t4356\t3.960\t396"),
        ("sheet 'PL01' row 10", "Ghi chú: NSTW: ngân sách trung ương\t\t150000000000000000000\t0.0000001\t0"),
        ("sheet 'PL01' row 12", "2025-01-24\tTRUE"),
        ("sheet 'Biểu 2' row 3", "\tHuyện Đam Rông\t1234"),
    ]
    assert [unit.line for unit in document.units] == list(range(1, 11))
    assert {unit.kind for unit in document.units} == {"table_row"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12940.347, "12940.347"), (419659.0, "419659"), (1.2e5, "120000"), (0.1 + 0.2, "0.3"),
     (1e-7, "0.0000001"), (-2.5, "-2.5"), (-0.0, "0"), (4356.000000000001, "4356"),
     (123456789.123, "123456789.123")],
)  # fmt: skip
def test_given_a_float_cell_when_rendered_then_plain_decimal(value, expected):
    assert plain_number(value) == expected


# ----------------------------------------------------------------------------- PDF
def test_given_a_pdf_with_a_text_layer_when_read_then_paragraphs_per_page(tmp_path):
    # given
    pages = [["Ke hoach von nam 2023", "Tong cong: 12940.347 trieu dong"], ["Trang hai (page two)"]]
    data = minimal_pdf(pages)
    # when
    document = read(tmp_path, "ke-hoach.pdf", data)
    # then
    assert (document.format, document.encoding) == ("pdf", None)
    assert [(u.line, u.text, u.locator, u.kind) for u in document.units] == [
        (1, "Ke hoach von nam 2023", "page 1 line 1", "paragraph"),
        (2, "Tong cong: 12940.347 trieu dong", "page 1 line 2", "paragraph"),
        (3, "Trang hai (page two)", "page 2 line 1", "paragraph"),
    ]
    assert all(w.page == 1 and w.conf is None for w in document.units[0].words)  # where each word is


def test_given_a_pdf_without_text_when_read_then_no_text_layer(tmp_path):
    # when
    error = read_error(tmp_path, "scan.pdf", minimal_pdf([[], []]))
    # then
    assert error.reason == "no_text_layer"
    assert "scan.pdf" in error.detail and "OCR" in error.detail


# ----------------------------------------------------------------------------- unreadable files
def test_given_an_empty_file_when_read_then_empty_file(tmp_path):
    assert read_error(tmp_path, "empty.txt", b"").reason == "empty_file"


@pytest.mark.parametrize("data", [b"  \n\t\r\n", codecs.BOM_UTF8, " \u00a0 \n".encode()])
def test_given_whitespace_only_when_read_then_no_text(tmp_path, data):
    assert read_error(tmp_path, "blank.txt", data).reason == "no_text"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("garbage.bin", random.Random(7).randbytes(4096), "binary_content"),
        ("garbage", random.Random(8).randbytes(300), "binary_content"),
        ("photo.jpg", b"\x89PNG\r\n\x1a\n" + bytes(64), "corrupt_file"),  # a page image, damaged
        ("fake.docx", random.Random(9).randbytes(2048), "corrupt_file"),
        ("fake.pdf", b"\x00\x01" * 100, "corrupt_file"),
        ("old.doc", OLE2 + bytes(504), "unsupported_format"),
        ("old.xls", OLE2 + random.Random(1).randbytes(1024), "unsupported_format"),
        ("word.rtf", b"{\\rtf1\\ansi Ke hoach}", "unsupported_format"),
        ("trang.mht", MHTML, "unsupported_format"),
    ],
)  # fmt: skip
def test_given_an_unreadable_file_when_read_then_reason_and_detail_name_it(tmp_path, name, data, reason):
    # when
    error = read_error(tmp_path, name, data)
    # then
    assert error.reason == reason
    assert error.source_file == name
    assert f"'{name}'" in error.detail
    if name.startswith("old."):
        assert ".docx" in error.detail and ".xlsx" in error.detail


def test_given_a_zip_that_is_not_office_when_read_then_unsupported(tmp_path):
    # given
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ke-hoach.txt", VIETNAMESE)
    # when
    error = read_error(tmp_path, "ho-so.zip", buffer.getvalue())
    # then
    assert error.reason == "unsupported_format"


def test_given_a_file_over_max_bytes_when_read_then_too_large(tmp_path):
    assert read_error(tmp_path, "big.txt", b"a" * 101, max_bytes=100).reason == "too_large"
    assert texts(read(tmp_path, "fits.txt", b"a" * 100, max_bytes=100)) == ["a" * 100]


def test_given_a_50_mb_file_when_read_with_defaults_then_too_large_without_reading_it(tmp_path, monkeypatch):
    # given: a sparse 50 MB file, and a reader that must not be called
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)

    def must_not_read(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(read_module, "_read_at_most", must_not_read)
    # when
    with pytest.raises(ReadError) as caught:
        read_document(path, tmp_path)
    # then
    assert caught.value.reason == "too_large"
    assert "50,000,000" in caught.value.detail


def test_given_a_read_error_then_it_is_stable_printable_and_picklable():
    # given
    error = ReadError("a/b.doc", "unsupported_format", "'a/b.doc' is an old .doc file.")
    # when
    copy = pickle.loads(pickle.dumps(error))
    # then
    assert (copy.source_file, copy.reason, copy.detail) == ("a/b.doc", "unsupported_format", error.detail)
    assert str(copy) == "unsupported_format: 'a/b.doc' is an old .doc file."
    assert copy.reason in read_module.REASONS


def test_given_a_path_outside_the_root_when_read_then_value_error(tmp_path):
    path = write(tmp_path, "outside.txt", b"x")
    with pytest.raises(ValueError, match="not under"):
        read_document(path, tmp_path / "documents")


# ----------------------------------------------------------------------------- determinism and discovery
def test_given_the_same_bytes_when_read_twice_then_identical(tmp_path):
    # given
    paths = [
        write(tmp_path, "a.txt", cp1258_bytes(VIETNAMESE)),
        write(tmp_path, "b.html", ARTICLE_HTML.encode()),
        write_docx(tmp_path / "c.docx"),
        write_xlsx(tmp_path / "d.xlsx"),
        write(tmp_path, "e.pdf", minimal_pdf([["Mot dong van ban co du chu cai"]])),
    ]
    # when / then: also the pure core on the same bytes
    for path in paths:
        document = read_document(path, tmp_path)
        assert document == read_document(path, tmp_path)
        assert document == read_bytes(path.read_bytes(), path.name)


def test_given_a_documents_tree_when_listed_then_candidates_sorted_and_sidecars_skipped(tmp_path):
    # given
    for name in [
        "b.txt", "a/z.docx", "a/Đà Lạt.xlsx", "a/b c", "tin.html", "tin_files/app.js", "tin_files/logo.png",
        ".hidden.txt", ".git/config", "x.txt.meta.json", "manifest.json", "sub/MANIFEST.csv", "~$nháp.docx",
        "Thumbs.db", "sub/d.pdf",
    ]:  # fmt: skip
        write(tmp_path, name, b"x")
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)  # a symlinked folder: not followed
    (tmp_path / "c.txt").symlink_to(tmp_path / "b.txt")  # a symlinked file: a candidate
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # a broken link: not a file
    # when
    found = list_documents(tmp_path)
    # then
    assert [name for name, _ in found] == [
        "a/b c", "a/z.docx", "a/Đà Lạt.xlsx", "b.txt", "c.txt", "sub/d.pdf", "tin.html",
    ]  # fmt: skip
    assert all(Path(full) == tmp_path / name for name, full in found)


def test_given_a_missing_root_when_listed_then_error(tmp_path):
    with pytest.raises(NotADirectoryError):
        list_documents(tmp_path / "missing")


# ----------------------------------------------------------------------------- the repository's documents
def test_given_the_committed_documents_when_read_then_every_one_gives_text():
    # given
    paths = [Path(full) for _, full in list_documents(DOCUMENTS)]
    assert len(paths) >= 5
    # when
    documents = [read_document(path, DOCUMENTS) for path in paths]
    # then
    for document in documents:
        assert (document.format, document.encoding) == ("txt", "utf-8"), document.source_file
        assert len(document.units) >= 15, document.source_file
        assert any("Chương trình mục tiêu quốc gia" in text for text in texts(document)), document.source_file
        assert all(unicodedata.is_normalized("NFC", text) for text in texts(document))


EXAMPLE_UNITS = {  # non-blank lines / paragraphs and table rows / non-empty rows
    "synthetic_01_dien-bien_2023_quyet-dinh-phan-bo.txt": 68,
    "synthetic_02_cao-bang_2024_nghi-quyet-dieu-chinh.txt": 67,
    "synthetic_03_yen-bai_2024_tin-bao.txt": 28,
    "synthetic_04_ha-tinh_2023_bao-cao-ket-qua.txt": 71,
    "synthetic_05_binh-dinh_2025_ke-hoach-huyen.txt": 65,
    "synthetic_06_ninh-thuan_2022_ke-hoach.docx": 82,
    "synthetic_07_lam-dong_2025_phu-luc-von.xlsx": 29,
    "synthetic_08_son-la_2024_tin-giai-ngan.txt": 27,
    "synthetic_09_kon-tum_2025_trang-ban-dan-toc.html": 26,
    "synthetic_10_soc-trang_2024_bao-dien-tu.html": 15,
    "synthetic_11_nghe-an_2023_tin-huyen-ky-son.txt": 18,
    "synthetic_12_thanh-hoa_2024_tin-3-chuong-trinh.txt": 18,
    "synthetic_13_lao-cai_2024_tin-huyen-si-ma-cai.html": 10,
    "synthetic_14_gia-lai_2024_cong-thong-tin.txt": 20,
    "synthetic_15_ca-mau_2023_tin-bao.txt": 18,
    "synthetic_16_quang-tri_2024_bao-dien-tu.html": 16,
    "synthetic_17_ha-giang_2024_tin-giai-ngan-cham.txt": 20,
    "synthetic_18_binh-phuoc_2023_tin-phan-bo.txt": 18,
    "synthetic_19_tra-vinh_2025_cong-thong-tin.txt": 17,
}


def test_given_the_synthetic_examples_then_each_is_listed_here():
    found = {path.name for pattern in ("*.txt", "*.docx", "*.xlsx", "*.html") for path in EXAMPLES.glob(pattern)}
    assert found == set(EXAMPLE_UNITS)


@pytest.mark.parametrize(("name", "units"), sorted(EXAMPLE_UNITS.items()))
def test_given_a_synthetic_example_when_read_then_sensible_units(name, units):
    # when
    document = read_document(EXAMPLES / name, EXAMPLES)
    # then
    assert document.format == name.rsplit(".", 1)[1]
    assert len(document.units) == units
    body = "\n".join(texts(document))
    assert "dân tộc thiểu số" in body and ("triệu đồng" in body or "tỷ đồng" in body)


def test_given_the_xlsx_example_when_read_then_the_total_row_is_verbatim():
    # when
    document = read_document(EXAMPLES / "synthetic_07_lam-dong_2025_phu-luc-von.xlsx", EXAMPLES)
    # then
    total = "\tTỔNG CỘNG\t419659\t285764\t248490\t37274\t133895\t121720\t12172"
    assert [unit.locator for unit in document.units if unit.text == total] == ["sheet 'PL01-Von2025' row 8"]
    assert any("\t4356\t\t\t\t4356\t3.960\t396" in text for text in texts(document))


def test_given_the_docx_example_when_read_then_headings_and_footnote_digits():
    # when
    document = read_document(EXAMPLES / "synthetic_06_ninh-thuan_2022_ke-hoach.docx", EXAMPLES)
    # then
    headings = [unit for unit in document.units if unit.kind == "heading"]
    assert any("Dự án 1" in unit.text and unit.heading_level == 2 for unit in headings)
    assert {unit.heading_level for unit in headings} == {1, 2, 3, 4}
    assert any("khó khăn1" in unit.text and unit.kind == "paragraph" for unit in document.units)
    assert "4\tSố thôn thoát khỏi địa bàn đặc biệt khó khăn1\tThôn\t9" in texts(document)


def test_given_the_example_answer_keys_then_every_quote_lies_inside_one_unit():
    # given
    quotes: list[tuple[str, str]] = []
    for key in ("examples_targets.csv", "examples_funding.csv"):
        with (EXAMPLES / key).open(encoding="utf-8", newline="") as handle:
            quotes += [(row["doc_file"], row["quote"]) for row in csv.DictReader(handle)]
    # when
    units = {name: texts(read_document(EXAMPLES / name, EXAMPLES)) for name in {name for name, _ in quotes}}
    # then
    missing = [(name, quote) for name, quote in quotes if not any(quote in text for text in units[name])]
    assert len(quotes) > 100
    assert missing == []
