"""Series of documents about the same budget lines (invented figures, real places): for a province and a year,
the allocation decision, a news item reporting it, district plans restating their lines, two adjustment
resolutions, two progress reports with the disbursement at a date; and once per year a national decision giving
each province its central funds. A few documents carry a planted disagreement with another (a district's plan, a
news item, an adjustment's base or result, the national decision), the way real collections disagree.

Besides the usual answer key (gold_documents/targets/funding.csv, the layout of tests/data/examples), the series
come with the two keys of what the warehouse must make of them together:

- `in_force.csv`: one row per budget line stated (province, year, project or sub-project, capital type, budget
  level, area): the first stated allocation and its document, the adjustments and their documents in order of
  issue, the amount in force, the latest disbursed amount with its date and document, the disbursement rate;
- `cross_checks.csv`: one row per document restating another's line (a district's plan, a news item, an
  adjustment's base and result, a report's plan, the national decision), the amounts compared and whether they
  agree (`ok`) or were planted to disagree (`inconsistent_in_source`).

    python -m benchmarks.ledger --series 6 --out DIR [--seed 1719]

Pure functions of (seed, series index); the same arguments give byte-identical output.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from benchmarks import common
from benchmarks.compose import Ctx
from benchmarks.model import DOCUMENT_COLUMNS, FUNDING_COLUMNS, TARGET_COLUMNS, Doc, Funding, Meta, Piece, funding_row
from benchmarks.numbers import key_number, vn_number
from benchmarks.reference import District, Province, ascii_id, provinces

PROGRAMME = "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi"
YEARS = (2023, 2024)
# the lines a series allocates: recurrent money to sub-projects split by district, investment to projects
RECURRENT_ITEMS = ("DA3.TDA1", "DA4.TDA1", "DA5.TDA2", "DA9.TDA1", "DA10.TDA3", "DA1")
INVESTMENT_ITEMS = ("DA1", "DA2", "DA4.TDA1", "DA6")
CAPITAL_NAME = {"recurrent": "vốn sự nghiệp", "investment": "vốn đầu tư phát triển"}
# kinds of planted disagreement, one of them in each series after the first
PLANTS = ("district_document", "news_item", "adjustment_base", "adjustment_result")
IN_FORCE_COLUMNS = (
    "province_code",
    "plan_year",
    "project_code",
    "capital_type",
    "budget_level",
    "area_name",
    "allocated_million_vnd",
    "allocation_doc_file",
    "adjustment_million_vnd",
    "n_adjustments",
    "adjustment_doc_files",
    "in_force_million_vnd",
    "disbursed_million_vnd",
    "disbursed_as_of_date",
    "disbursement_doc_file",
    "disbursement_rate",
)
CHECK_COLUMNS = (
    "check_kind",
    "province_code",
    "plan_year",
    "project_code",
    "capital_type",
    "budget_level",
    "area_name",
    "doc_file",
    "reference_doc_file",
    "stated_million_vnd",
    "reference_million_vnd",
    "status",
)


# --------------------------------------------------------------------------- the ledger
@dataclass(frozen=True)
class Key:
    """A budget line: capital type, the most specific project code ('' for all) and area ('' for the province)."""

    capital_type: str
    project_code: str = ""
    area_name: str = ""


@dataclass
class Statement:
    """What one document says of one line: an allocation, a change, a result after adjustment, a disbursement."""

    key: Key
    kind: str  # allocation | change | result | disbursement
    amount: Decimal
    doc_file: str
    issued: tuple[int, int, int]
    as_of: str = ""
    check: str = ""  # the cross-check this restatement takes part in
    planted: bool = False


@dataclass
class Series:
    province: Province
    year: int
    districts: list[District]
    recurrent: dict[str, dict[str, Decimal]]  # item -> district name -> amount
    investment: dict[str, Decimal]  # item -> amount
    statements: list[Statement] = field(default_factory=list)

    def allocated(self) -> dict[Key, Decimal]:
        out: dict[Key, Decimal] = {}
        for item, parts in self.recurrent.items():
            out[Key("recurrent", item)] = sum(parts.values(), Decimal(0))
            for name, amount in parts.items():
                out[Key("recurrent", item, name)] = amount
        out[Key("recurrent")] = sum((out[Key("recurrent", i)] for i in self.recurrent), Decimal(0))
        for item, amount in self.investment.items():
            out[Key("investment", item)] = amount
        out[Key("investment")] = sum(self.investment.values(), Decimal(0))
        return out

    def in_force(self, before: tuple[int, int, int] | None = None) -> dict[Key, Decimal]:
        """Allocation plus the changes stated in documents issued before `before` (all when None)."""
        out = self.allocated()
        for s in self.statements:
            if s.kind == "change" and (before is None or _ord(s.issued) < _ord(before)):
                out[s.key] = out.get(s.key, Decimal(0)) + s.amount
        return out


def _ord(date: tuple[int, int, int]) -> tuple[int, int, int]:
    """A (day, month, year) date as (year, month, day), for ordering."""
    return date[2], date[1], date[0]


def _label(item: str) -> str:
    """'Dự án 4, Tiểu dự án 1' or 'Dự án 1'."""
    project, _, sub = item.partition(".")
    return f"Dự án {project[2:]}, Tiểu dự án {sub[3:]}" if sub else f"Dự án {project[2:]}"


def _money(amount: Decimal) -> str:
    return f"{vn_number(amount)} triệu đồng"


def _ty(amount: Decimal) -> str:
    return f"{vn_number(amount / 1000)} tỷ đồng"


def _round(amount: float, step: int = 10) -> Decimal:
    return Decimal(max(step, round(amount / step) * step))


def plan_series(index: int, seed: int) -> Series:
    """The province, year, districts and allocated lines of series `index`."""
    rng = random.Random(f"{seed}:ledger:{index}")
    ps = [p for p in provinces() if sum(d.type == "Huyện" for d in p.districts) >= 3]
    province = ps[(index * 7) % len(ps)]
    year = YEARS[index % len(YEARS)]
    rural = [d for d in province.districts if d.type == "Huyện"]
    districts = sorted(rng.sample(rural, 3), key=lambda d: d.code)
    recurrent = {}
    for item in sorted(rng.sample(RECURRENT_ITEMS, 3), key=RECURRENT_ITEMS.index):
        recurrent[item] = {d.name: _round(rng.uniform(800, 9000)) for d in districts}
    investment = {item: _round(rng.uniform(5000, 60000), 100) for item in sorted(rng.sample(INVESTMENT_ITEMS, 2))}
    return Series(province, year, districts, recurrent, investment)


# --------------------------------------------------------------------------- documents
@dataclass
class Written:
    doc: Doc
    issued: tuple[int, int, int]


def _doc(series: Series, seed: int, index: int, kind: str, level: str = "province", area: str = "") -> Doc:
    digest = hashlib.sha256(f"{seed}:ledger-file:{index}".encode()).hexdigest()[:16]
    province = "00" if level == "national" else series.province.code
    meta = Meta(index, province, series.year, kind, level, area, "txt", f"L{index:05d}_{digest}.txt")
    return Doc(meta, random.Random(f"{seed}:ledger-doc:{index}"))


def _row(ctx: Ctx, line_id: str, parent: str, label: str, amount: Decimal, quote: str, key: Key, **kw) -> Funding:
    return ctx.fund(
        line_id,
        label,
        amount,
        quote,
        parent_line_id=parent,
        capital_type=key.capital_type,
        budget_level="central",
        project_code=key.project_code,
        **kw,
    )


def _state(series: Series, doc: Doc, issued, key: Key, kind: str, amount: Decimal, **kw) -> None:
    series.statements.append(Statement(key, kind, amount, doc.meta.doc_file, issued, **kw))


def allocation_decision(series: Series, doc: Doc, issued: tuple[int, int, int], number: str) -> None:
    ctx = Ctx(doc, series.province, series.year)
    ctx.phase = "allocated"
    title = (
        f"Về việc phân bổ chi tiết kế hoạch vốn ngân sách trung ương năm {series.year} thực hiện {PROGRAMME} "
        f"trên địa bàn {series.province.label}"
    )
    common.header(doc, ctx, common.UBND_DECISION, number, issued, title)
    bases = common.legal_bases(
        ctx, issued, [common.local_basis(ctx, series.year - 1, f"về dự toán ngân sách năm {series.year}", "HĐND tỉnh")]
    )
    common.write_bases(doc, bases, "Theo đề nghị của Giám đốc Sở Tài chính.")
    doc.para("QUYẾT ĐỊNH:")
    doc.para(
        f"Điều 1. Phân bổ chi tiết kế hoạch vốn ngân sách trung ương năm {series.year} thực hiện Chương trình "
        "cho các sở, ngành và Ủy ban nhân dân các huyện, cụ thể như sau:"
    )
    allocated = series.allocated()
    for n, capital in enumerate(("recurrent", "investment"), start=1):
        total_key = Key(capital)
        tid = "INV" if capital == "investment" else "REC"
        name = CAPITAL_NAME[capital]
        quote = f"{name[0].upper() + name[1:]} nguồn ngân sách trung ương: {_money(allocated[total_key])}"
        row = _row(ctx, tid, "", f"{name} NSTW năm {series.year}", allocated[total_key], quote, total_key)
        doc.para(f"{n}. ", Piece(quote, [row]), ", trong đó:")
        _state(series, doc, issued, total_key, "allocation", allocated[total_key])
        items = series.recurrent if capital == "recurrent" else series.investment
        for i, item in enumerate(items):
            key = Key(capital, item)
            iid = f"{tid}.{item}"
            q = f"{_label(item)}: {_money(allocated[key])}"
            parts: list = [f"{'abcdef'[i]}) ", Piece(q, [_row(ctx, iid, tid, _label(item), allocated[key], q, key)])]
            _state(series, doc, issued, key, "allocation", allocated[key])
            if capital == "recurrent":
                parts.append(", trong đó ")
                for j, (area, amount) in enumerate(series.recurrent[item].items()):
                    akey = Key(capital, item, area)
                    aq = f"huyện {area}: {_money(amount)}"
                    row = _row(ctx, f"{iid}.{ascii_id(area)}", iid, f"{_label(item)} - huyện {area}", amount, aq, akey)
                    row.area_name = area
                    parts += [", " if j else "", Piece(aq, [row])]
                    _state(series, doc, issued, akey, "allocation", amount)
            doc.para(*parts, ";")
    doc.para(
        "Điều 2. Căn cứ kế hoạch vốn được giao, các sở, ngành và Ủy ban nhân dân các huyện phân bổ chi tiết cho "
        "các đơn vị sử dụng ngân sách, hạch toán theo mã Chương trình (mã số 0350) và giải ngân theo quy định."
    )
    doc.para("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.")
    common.signature(doc, ctx, ["Như Điều 3", "Bộ Tài chính", "Ủy ban Dân tộc"])


def news_item(series: Series, doc: Doc, issued: tuple[int, int, int], decision: str, plant: bool) -> None:
    """A provincial paper reports the decision: the capital totals (one misreported when planted)."""
    ctx = Ctx(doc, series.province, series.year)
    ctx.phase = "allocated"
    rng = doc.rng
    outlet = f"BÁO {series.province.name.upper()} ĐIỆN TỬ"
    doc.add(outlet)
    doc.add("Trang chủ | Thời sự | Kinh tế | Xã hội | Dân tộc - Miền núi")
    doc.add(f"{issued[0]:02d}/{issued[1]:02d}/{issued[2]} | {rng.randint(7, 20):02d}:{rng.randint(0, 59):02d} GMT+7")
    doc.blank()
    doc.para(f"Phân bổ chi tiết kế hoạch vốn năm {series.year} thực hiện Chương trình 1719", style="h1")
    doc.para(
        f"UBND {series.province.label} vừa ban hành Quyết định số {decision} phân bổ chi tiết kế hoạch vốn ngân "
        f"sách trung ương năm {series.year} thực hiện {PROGRAMME} trên địa bàn tỉnh."
    )
    allocated = series.allocated()
    parts: list = ["Theo Quyết định, "]
    for n, capital in enumerate(("recurrent", "investment")):
        key = Key(capital)
        amount = allocated[key]
        planted = plant and capital == "recurrent"
        if planted:  # the paper misreports the recurrent total by a few per cent
            amount = amount + _round(float(amount) * rng.uniform(0.03, 0.08), 10)
        name = CAPITAL_NAME[capital]
        quote = f"{name} ngân sách trung ương được phân bổ {_ty(amount)}"
        row = _row(ctx, f"NEWS.{capital[:3].upper()}", "", f"{name} NSTW năm {series.year}", amount, quote, key)
        parts += [", " if n else "", Piece(quote, [row])]
        _state(series, doc, issued, key, "allocation", amount, check="news_item", planted=planted)
    doc.para(*parts, ".")
    doc.para(
        "Các sở, ngành, địa phương được giao vốn khẩn trương triển khai thực hiện, đẩy nhanh tiến độ giải ngân "
        "ngay từ những tháng đầu năm."
    )
    doc.para(rng.choice(("Minh Anh", "Thu Hà", "PV (Tổng hợp)")))
    doc.add("Tin liên quan")
    doc.add(f"- Giải ngân vốn đầu tư công đạt {rng.randint(40, 90)}% kế hoạch")
    doc.blank()
    doc.add(f"© {series.year} Bản quyền thuộc {outlet.title()}")


def district_plan(
    series: Series, doc: Doc, issued: tuple[int, int, int], district: District, decision: str, plant: bool
) -> None:
    """A district's plan restates the province's lines for it (one differing when planted)."""
    ctx = Ctx(doc, series.province, series.year, district, level="district", area=district.name)
    ctx.phase = "allocated"
    rng = doc.rng
    number = f"{rng.randint(20, 400)}/KH-UBND"
    title = f"Thực hiện {PROGRAMME} trên địa bàn {district.label} năm {series.year}"
    common.header(doc, ctx, common.UBND_PLAN, number, issued, title)
    doc.para(
        f"Thực hiện Quyết định số {decision} của Ủy ban nhân dân {series.province.label}, Ủy ban nhân dân huyện ban "
        "hành Kế hoạch:"
    )
    doc.para("I. NGUỒN VỐN THỰC HIỆN")
    items = [(item, parts[district.name]) for item, parts in series.recurrent.items()]
    planted_item = rng.choice(items)[0] if plant else ""
    stated = []
    for item, amount in items:
        if item == planted_item:  # the district writes another figure than the province gave it
            amount = amount + _round(float(amount) * rng.uniform(0.05, 0.2), 10)
        stated.append((item, amount))
    total = sum((a for _, a in stated), Decimal(0))
    tkey = Key("recurrent", "", district.name)
    quote = f"Tổng vốn sự nghiệp nguồn ngân sách trung ương năm {series.year} tỉnh giao cho huyện là {_money(total)}"
    row = _row(ctx, "REC", "", f"Vốn sự nghiệp NSTW năm {series.year} tỉnh giao cho huyện", total, quote, tkey)
    _state(series, doc, issued, tkey, "allocation", total, check="district_document")
    doc.para(Piece(quote, [row]), ", gồm:")
    for i, (item, amount) in enumerate(stated):
        key = Key("recurrent", item, district.name)
        q = f"{_label(item)}: {_money(amount)}"
        doc.para(f"{i + 1}. ", Piece(q, [_row(ctx, f"REC.{item}", "REC", _label(item), amount, q, key)]), ";")
        _state(series, doc, issued, key, "allocation", amount, check="district_document", planted=item == planted_item)
    doc.para("II. TỔ CHỨC THỰC HIỆN")
    doc.para(
        "Phòng Dân tộc huyện chủ trì, phối hợp với Phòng Tài chính - Kế hoạch hướng dẫn các xã triển khai thực "
        "hiện, giải ngân vốn được giao theo quy định."
    )
    common.signature(doc, ctx, ["UBND tỉnh", "Ban Dân tộc tỉnh", "Các xã, thị trấn"], role="CHỦ TỊCH")


def adjustment(
    series: Series,
    doc: Doc,
    issued: tuple[int, int, int],
    number: str,
    base_of: str,
    changes: dict[str, dict[str, Decimal]],
    plant: str,
) -> None:
    """An HĐND resolution: the recurrent base it adjusts, decreases and increases by item and district, the net
    change and the total after it (the base or the total misstated when planted)."""
    ctx = Ctx(doc, series.province, series.year)
    ctx.phase = "adjusted"
    rng = doc.rng
    title = (
        f"Điều chỉnh dự toán kinh phí sự nghiệp nguồn ngân sách trung ương năm {series.year} thực hiện {PROGRAMME} "
        f"trên địa bàn {series.province.label}"
    )
    common.header(doc, ctx, common.HDND_RESOLUTION, number, issued, title)
    bases = common.legal_bases(ctx, issued, [])
    common.write_bases(doc, bases, "Xét Tờ trình của Ủy ban nhân dân tỉnh; ý kiến thảo luận của đại biểu.")
    doc.para("QUYẾT NGHỊ:")
    doc.para(
        f"Điều 1. Điều chỉnh dự toán kinh phí sự nghiệp nguồn ngân sách trung ương năm {series.year} thực hiện "
        "Chương trình, cụ thể như sau:"
    )
    before = series.in_force(before=issued)
    rec, inv = Key("recurrent"), Key("investment")
    base = before[rec]
    if plant == "adjustment_base":  # the resolution cites a base that is not what was allocated
        base = base - _round(float(base) * rng.uniform(0.02, 0.06), 10)
    ctx.phase = "allocated"
    bq = (
        f"Dự toán kinh phí sự nghiệp nguồn ngân sách trung ương năm {series.year} đã giao tại {base_of} là "
        f"{_money(base)}"
    )
    iq = (
        f"Kế hoạch vốn đầu tư phát triển nguồn ngân sách trung ương năm {series.year} của Chương trình là "
        f"{_money(before[inv])}"
    )
    doc.para(
        "1. ",
        Piece(bq, [_row(ctx, "BASE", "", f"Dự toán sự nghiệp NSTW năm {series.year} đã giao", base, bq, rec)]),
        ". ",
        Piece(iq, [_row(ctx, "INV", "", f"Vốn ĐTPT NSTW năm {series.year} (giữ nguyên)", before[inv], iq, inv)]),
        ", giữ nguyên, không thuộc phạm vi điều chỉnh.",
    )
    _state(series, doc, issued, rec, "allocation", base, check="adjustment_base", planted=plant == "adjustment_base")
    _state(series, doc, issued, inv, "allocation", before[inv], check="adjustment_base")
    ctx.phase = "adjusted"
    net = sum((a for parts in changes.values() for a in parts.values()), Decimal(0))
    sections = []
    for sign, word, lead in (
        (-1, "giảm", "của các dự án chậm triển khai, không có khả năng giải ngân hết"),
        (1, "tăng", "cho các dự án có nhu cầu và khả năng giải ngân"),
    ):
        items = {i: p for i, p in changes.items() if sum(p.values()) * sign > 0}
        if items:
            sections.append((sign, word, lead, items))
    net_id = "NET"
    for n, (sign, word, lead, items) in enumerate(sections, start=2):
        total = sum((a for p in items.values() for a in p.values()), Decimal(0))
        sid = f"{net_id}.{'DEC' if sign < 0 else 'INC'}"
        q = f"Điều chỉnh {word} {_money(abs(total))}"
        doc.para(f"{n}. ", Piece(q, [_row(ctx, sid, net_id, f"Điều chỉnh {word}", total, q, rec)]), f" {lead}, gồm:")
        for i, (item, parts) in enumerate(items.items()):
            key = Key("recurrent", item)
            amount = sum(parts.values(), Decimal(0))
            iid = f"{sid}.{item}"
            q = f"{_label(item)}: {word} {_money(abs(amount))}"
            pieces: list = [
                f"{'abcdef'[i]}) ",
                Piece(q, [_row(ctx, iid, sid, f"{_label(item)} {word}", amount, q, key)]),
            ]
            _state(series, doc, issued, key, "change", amount)
            pieces.append(", trong đó ")
            for j, (area, a) in enumerate(parts.items()):
                akey = Key("recurrent", item, area)
                aq = f"huyện {area} {word} {_money(abs(a))}"
                row = _row(ctx, f"{iid}.{ascii_id(area)}", iid, f"{_label(item)} {word} tại huyện {area}", a, aq, akey)
                row.area_name = area
                pieces += [", " if j else "", Piece(aq, [row])]
                _state(series, doc, issued, akey, "change", a)
            doc.para(*pieces, ";")
    after = before[rec] + net
    stated_after = after
    if plant == "adjustment_result":  # the resolution's total does not follow from its own changes
        stated_after = after + _round(float(after) * rng.uniform(0.02, 0.06), 10)
    word = "tăng" if net > 0 else "giảm"
    nq = (
        f"dự toán kinh phí sự nghiệp nguồn ngân sách trung ương năm {series.year} của Chương trình {word} "
        f"{_money(abs(net))}"
    )
    aq = f"tổng dự toán sau điều chỉnh là {_money(stated_after)}"
    doc.para(
        f"{len(sections) + 2}. Sau khi điều chỉnh tăng, giảm nêu trên, ",
        Piece(
            nq, [_row(ctx, net_id, "", "Dự toán sau điều chỉnh tăng/giảm so với dự toán đã giao (thuần)", net, nq, rec)]
        ),
        " so với dự toán đã giao; ",
        Piece(
            aq,
            [
                _row(
                    ctx,
                    "AFTER",
                    "",
                    f"Tổng dự toán sự nghiệp NSTW năm {series.year} sau điều chỉnh",
                    stated_after,
                    aq,
                    rec,
                )
            ],
        ),
        ".",
    )
    _state(series, doc, issued, rec, "change", net)
    _state(
        series,
        doc,
        issued,
        rec,
        "result",
        stated_after,
        check="adjustment_result",
        planted=plant == "adjustment_result",
    )
    doc.para("Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.")
    doc.para(
        f"Nghị quyết này đã được Hội đồng nhân dân {series.province.label} thông qua và có hiệu lực kể từ ngày "
        "thông qua./."
    )
    common.signature(doc, ctx, ["Ủy ban Thường vụ Quốc hội", "Chính phủ", "Bộ Tài chính"], role="CHỦ TỊCH HĐND")


def progress_report(
    series: Series, doc: Doc, issued: tuple[int, int, int], as_of: tuple[int, int, int], share: float, items: list[str]
) -> None:
    """A UBND report: the plan in force (restated) and the disbursement at a date, by capital type and item."""
    ctx = Ctx(doc, series.province, series.year)
    rng = doc.rng
    number = common.doc_number(rng, common.UBND_REPORT, series.year)
    title = f"Kết quả thực hiện {PROGRAMME} trên địa bàn tỉnh đến ngày {as_of[0]:02d}/{as_of[1]:02d}/{as_of[2]}"
    common.header(doc, ctx, common.UBND_REPORT, number, issued, title)
    doc.para("I. KẾT QUẢ PHÂN BỔ VÀ GIẢI NGÂN VỐN")
    in_force = series.in_force(before=issued)
    rec, inv = Key("recurrent"), Key("investment")
    ctx.phase = "allocated"
    rq = (
        f"Tổng kế hoạch vốn sự nghiệp nguồn ngân sách trung ương năm {series.year} được giao là {_money(in_force[rec])}"
    )
    iq = f"vốn đầu tư phát triển nguồn ngân sách trung ương được giao {_money(in_force[inv])}"
    doc.para(
        "1. ",
        Piece(
            rq, [_row(ctx, "PLAN.REC", "", f"Kế hoạch vốn sự nghiệp NSTW năm {series.year}", in_force[rec], rq, rec)]
        ),
        "; ",
        Piece(iq, [_row(ctx, "PLAN.INV", "", f"Kế hoạch vốn ĐTPT NSTW năm {series.year}", in_force[inv], iq, inv)]),
        ".",
    )
    _state(series, doc, issued, rec, "allocation", in_force[rec], check="restated_allocation")
    _state(series, doc, issued, inv, "allocation", in_force[inv], check="restated_allocation")
    ctx.phase = "disbursed"
    as_of_text = f"{as_of[2]}-{as_of[1]:02d}-{as_of[0]:02d}"
    disbursed = {}
    for item in items:
        disbursed[Key("recurrent", item)] = _round(float(in_force[Key("recurrent", item)]) * share, 1)
    disbursed[rec] = sum(disbursed.values(), Decimal(0)) + _round(float(in_force[rec]) * share * 0.05, 1)
    disbursed[inv] = _round(float(in_force[inv]) * share, 1)
    dq = f"vốn sự nghiệp nguồn ngân sách trung ương đã giải ngân {_money(disbursed[rec])}"
    row = _row(ctx, "DISB.REC", "", "Vốn sự nghiệp NSTW giải ngân", disbursed[rec], dq, rec, partial=True)
    doc.para(f"2. Tính đến ngày {as_of[0]:02d}/{as_of[1]:02d}/{as_of[2]}, ", Piece(dq, [row]), ", trong đó:")
    _state(series, doc, issued, rec, "disbursement", disbursed[rec], as_of=as_of_text)
    for i, item in enumerate(items):
        key = Key("recurrent", item)
        q = f"{_label(item)}: đã giải ngân {_money(disbursed[key])}"
        label = f"{_label(item)} giải ngân"
        doc.para(
            f"{'abcdef'[i]}) ",
            Piece(q, [_row(ctx, f"DISB.REC.{item}", "DISB.REC", label, disbursed[key], q, key)]),
            ";",
        )
        _state(series, doc, issued, key, "disbursement", disbursed[key], as_of=as_of_text)
    vq = f"vốn đầu tư phát triển nguồn ngân sách trung ương đã giải ngân {_money(disbursed[inv])}"
    doc.para(
        f"3. Tính đến ngày {as_of[0]:02d}/{as_of[1]:02d}/{as_of[2]}, ",
        Piece(vq, [_row(ctx, "DISB.INV", "", "Vốn ĐTPT NSTW giải ngân", disbursed[inv], vq, inv)]),
        ".",
    )
    _state(series, doc, issued, inv, "disbursement", disbursed[inv], as_of=as_of_text)
    doc.para("II. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI")
    doc.para(
        "Tiếp tục đôn đốc các chủ đầu tư đẩy nhanh tiến độ thực hiện, giải ngân vốn được giao; kịp thời tháo gỡ "
        "khó khăn, vướng mắc trong quá trình thực hiện."
    )
    common.signature(doc, ctx, ["Ban Dân tộc tỉnh", "Sở Tài chính"])


def national_decision(
    year: int, members: list[Series], doc: Doc, issued: tuple[int, int, int], planted: Series | None
) -> None:
    """The Prime Minister's decision giving each province its central funds for the year: a table of provinces by
    capital type (one province's recurrent funds misstated when planted)."""
    rng = doc.rng
    number = f"{rng.randint(1400, 1990)}/QĐ-TTg"
    doc.add("THỦ TƯỚNG CHÍNH PHỦ")
    doc.add("-------")
    doc.blank()
    doc.add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    doc.add("Độc lập - Tự do - Hạnh phúc")
    doc.add("---------------")
    doc.blank()
    doc.para(f"Số: {number}")
    doc.para(f"Hà Nội, {common.long_date(*issued)}")
    doc.para("QUYẾT ĐỊNH", style="title")
    doc.para(f"Về việc giao kế hoạch vốn ngân sách trung ương năm {year} thực hiện {PROGRAMME} cho các tỉnh")
    doc.para("THỦ TƯỚNG CHÍNH PHỦ")
    doc.para("Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;")
    doc.para(f"Căn cứ Nghị quyết của Quốc hội về dự toán ngân sách nhà nước năm {year};")
    doc.para("Theo đề nghị của Bộ trưởng Bộ Kế hoạch và Đầu tư, Bộ trưởng Bộ Tài chính.")
    doc.para("QUYẾT ĐỊNH:")
    doc.para(
        f"Điều 1. Giao kế hoạch vốn ngân sách trung ương năm {year} thực hiện Chương trình cho các tỉnh theo "
        "Phụ lục kèm theo Quyết định này."
    )
    doc.para("Điều 2. Ủy ban nhân dân các tỉnh phân bổ chi tiết và giao kế hoạch vốn cho các cơ quan, đơn vị.")
    common_ctx = Ctx(doc, members[0].province, year)
    common.signature(
        doc, common_ctx, ["Các Bộ: Tài chính, Kế hoạch và Đầu tư", "Ủy ban Dân tộc", "UBND các tỉnh"], role="THỦ TƯỚNG"
    )
    doc.para("PHỤ LỤC")
    doc.para(f"GIAO KẾ HOẠCH VỐN NGÂN SÁCH TRUNG ƯƠNG NĂM {year} THỰC HIỆN CHƯƠNG TRÌNH CHO CÁC TỈNH")
    doc.para("Đơn vị tính: triệu đồng")
    table = doc.new_table()
    doc.row(table, ["STT", "Tỉnh", "Tổng số", "Vốn đầu tư phát triển", "Vốn sự nghiệp"])
    stated = []
    for s in members:
        a = s.allocated()
        rec = a[Key("recurrent")]
        if s is planted:
            rec = rec + _round(float(rec) * rng.uniform(0.03, 0.09), 10)
        stated.append((s, a[Key("investment")], rec))
    ctx = Ctx(doc, members[0].province, year)
    ctx.phase = "allocated"
    tot_inv = sum((i for _, i, _ in stated), Decimal(0))
    tot_rec = sum((r for _, _, r in stated), Decimal(0))
    doc.row(table, ["", "Tổng số", *_national_cells(ctx, "TOTAL", "", "Tổng số", tot_inv, tot_rec)])
    for n, (s, inv, rec) in enumerate(stated, start=1):
        rid = ascii_id(s.province.name)
        doc.row(table, [str(n), s.province.name, *_national_cells(ctx, rid, "TOTAL", s.province.name, inv, rec)])
        for key, amount in ((Key(""), inv + rec), (Key("investment"), inv), (Key("recurrent"), rec)):
            s.statements.append(
                Statement(
                    key,
                    "allocation",
                    amount,
                    doc.meta.doc_file,
                    issued,
                    check="national_allocation",
                    planted=s is planted and key.capital_type == "recurrent",
                )
            )


def _national_cells(ctx: Ctx, rid: str, parent: str, name: str, inv: Decimal, rec: Decimal) -> list[Piece]:
    """The row's Tổng số, investment and recurrent cells, each keyed (`ROW|COL`, parts linked by column)."""
    cells = []
    for col, capital, amount, header in (
        ("ALL", "", inv + rec, "Tổng số"),
        ("INV", "investment", inv, "Vốn đầu tư phát triển"),
        ("REC", "recurrent", rec, "Vốn sự nghiệp"),
    ):
        row = ctx.fund(
            f"{rid}|{col}",
            f"{name} - {header}",
            amount,
            parent_line_id=f"{parent}|{col}" if parent else "",
            capital_type=capital,
            budget_level="central",
        )
        cells.append(Piece(vn_number(amount), [row]))
    return cells


# --------------------------------------------------------------------------- a series, and the corpus
def _changes(series: Series, rng: random.Random, items: list[str], before: dict[Key, Decimal]) -> dict:
    """A decrease of the first item and an increase of the second, each in two of the series' districts."""
    out: dict[str, dict[str, Decimal]] = {}
    for sign, item in ((-1, items[0]), (1, items[1])):
        areas = sorted(rng.sample([d.name for d in series.districts], 2))
        out[item] = {
            a: sign * _round(float(before[Key("recurrent", item, a)]) * rng.uniform(0.1, 0.35), 10) for a in areas
        }
    return out


def render_series(index: int, seed: int) -> tuple[Series, list[Doc]]:
    """The documents of series `index`, in order of issue, with what each states recorded in the series."""
    series = plan_series(index, seed)
    rng = random.Random(f"{seed}:ledger-plan:{index}")
    plant = PLANTS[(index - 1) % len(PLANTS)] if index else ""
    y = series.year
    base = index * 10
    decision_date = (rng.randint(1, 27), rng.randint(2, 3), y)
    decision = f"{rng.randint(100, 900)}/QĐ-UBND"
    decision_ref = f"Quyết định số {decision} ngày {common.short_date(*decision_date)} của Ủy ban nhân dân tỉnh"
    docs = []
    d = _doc(series, seed, base + 1, "allocation_decision")
    allocation_decision(series, d, decision_date, decision)
    docs.append(d)
    d = _doc(series, seed, base + 2, "news")
    news_item(series, d, (decision_date[0] + 1, decision_date[1], y), decision, plant == "news_item")
    docs.append(d)
    for n, district in enumerate(series.districts[:2]):
        d = _doc(series, seed, base + 3 + n, "plan", "district", district.name)
        district_plan(
            series, d, (rng.randint(1, 28), 4, y), district, decision, plant == "district_document" and n == 0
        )
        docs.append(d)
    items = list(series.recurrent)
    first = (rng.randint(1, 28), 6, y)
    d = _doc(series, seed, base + 5, "adjustment")
    adjustment(
        series,
        d,
        first,
        f"{rng.randint(10, 60)}/NQ-HĐND",
        decision_ref,
        _changes(series, rng, items[:2], series.in_force(first)),
        plant,
    )
    docs.append(d)
    d = _doc(series, seed, base + 6, "progress_report")
    progress_report(series, d, (10, 7, y), (30, 6, y), 0.35, items)
    docs.append(d)
    second = (rng.randint(1, 28), 9, y)
    d = _doc(series, seed, base + 7, "adjustment")
    adjustment(
        series,
        d,
        second,
        f"{rng.randint(61, 120)}/NQ-HĐND",
        "các Nghị quyết của Hội đồng nhân dân tỉnh",
        _changes(series, rng, items[1:], series.in_force(second)),
        "",
    )
    docs.append(d)
    d = _doc(series, seed, base + 8, "progress_report")
    progress_report(series, d, (12, 10, y), (30, 9, y), 0.7, items[:2])
    docs.append(d)
    for d in docs:
        d.finalize()
    return series, docs


NATIONAL_INDEX = 9000  # file indexes of the national decisions, after every series


def build_corpus(n: int, seed: int = 1719) -> tuple[list[Series], list[Doc]]:
    """`n` series and, for each year they cover, the national decision (one province misstated where two or more
    provinces share the year)."""
    all_series: list[Series] = []
    docs: list[Doc] = []
    for i in range(n):
        series, ds = render_series(i, seed)
        all_series.append(series)
        docs += ds
    for year in YEARS:
        members = [s for s in all_series if s.year == year]
        if not members:
            continue
        d = _doc(members[0], seed, NATIONAL_INDEX + year, "allocation_decision", "national")
        national_decision(year, members, d, (20, 12, year - 1), members[1] if len(members) > 1 else None)
        d.finalize()
        docs.append(d)
    return all_series, docs


def _national_in_force(doc: Doc) -> list[dict[str, str]]:
    """The national decision's own totals: the lines of province 00."""
    out = []
    for f in doc.funding:
        if f.line_id.startswith("TOTAL|"):
            out.append(
                _in_force_row(
                    "00", doc.meta.plan_year, Key(f.capital_type), f.budget_level, f.amount, doc.meta.doc_file
                )
            )
    return out


def _in_force_row(province: str, year: int, key: Key, level: str, allocated: Decimal, doc_file: str) -> dict:
    return {
        "province_code": province,
        "plan_year": str(year),
        "project_code": key.project_code,
        "capital_type": key.capital_type,
        "budget_level": level,
        "area_name": key.area_name,
        "allocated_million_vnd": key_number(allocated),
        "allocation_doc_file": doc_file,
        "adjustment_million_vnd": "",
        "n_adjustments": "0",
        "adjustment_doc_files": "",
        "in_force_million_vnd": key_number(allocated),
        "disbursed_million_vnd": "",
        "disbursed_as_of_date": "",
        "disbursement_doc_file": "",
        "disbursement_rate": "",
    }


def in_force_key(series: Series) -> list[dict[str, str]]:
    """What is in force for every line the series states: its allocation (a province's own document first, then the
    national decision, a district's plan, a news item), the adjustments, the latest disbursement."""
    rank = {"national_allocation": 1, "district_document": 2, "news_item": 3}
    rows = []
    keys = {s.key for s in series.statements}
    for key in sorted(keys, key=lambda k: (k.capital_type, k.project_code, k.area_name)):
        stated = [s for s in series.statements if s.key == key]
        allocations = sorted(
            (s for s in stated if s.kind == "allocation"), key=lambda s: (rank.get(s.check, 0), _ord(s.issued))
        )
        changes = sorted((s for s in stated if s.kind == "change"), key=lambda s: _ord(s.issued))
        disbursements = sorted((s for s in stated if s.kind == "disbursement"), key=lambda s: s.as_of)
        original = allocations[0] if allocations else None
        row = _in_force_row(
            series.province.code,
            series.year,
            key,
            "central",
            original.amount if original else Decimal(0),
            original.doc_file if original else "",
        )
        adjustment = sum((s.amount for s in changes), Decimal(0))
        in_force = (original.amount if original else Decimal(0)) + adjustment
        if changes:
            row["adjustment_million_vnd"] = key_number(adjustment)
            row["n_adjustments"] = str(len(changes))
            row["adjustment_doc_files"] = ",".join(s.doc_file for s in changes)
            row["in_force_million_vnd"] = key_number(in_force)
        if disbursements:
            last = disbursements[-1]
            row["disbursed_million_vnd"] = key_number(last.amount)
            row["disbursed_as_of_date"] = last.as_of
            row["disbursement_doc_file"] = last.doc_file
            row["disbursement_rate"] = f"{last.amount / in_force:.6f}"
        rows.append(row)
    return rows


def checks_key(series: Series) -> list[dict[str, str]]:
    """Every restatement of a line that has a stated allocation, with the amount it must agree with."""
    allocated = series.allocated()
    decision = next(s.doc_file for s in series.statements if s.kind == "allocation" and not s.check)
    rows = []
    for s in series.statements:
        if not s.check or s.key not in allocated:
            continue
        if s.check == "national_allocation":
            reference = allocated[s.key]
        elif s.check == "adjustment_result":
            reference = series.in_force(before=(s.issued[0] + 1, s.issued[1], s.issued[2]))[s.key]
        else:
            reference = series.in_force(before=s.issued)[s.key]
        rows.append(
            {
                "check_kind": s.check,
                "province_code": series.province.code,
                "plan_year": str(series.year),
                "project_code": s.key.project_code,
                "capital_type": s.key.capital_type,
                "budget_level": "central",
                "area_name": s.key.area_name,
                "doc_file": s.doc_file,
                "reference_doc_file": decision,
                "stated_million_vnd": key_number(s.amount),
                "reference_million_vnd": key_number(reference),
                "status": "inconsistent_in_source" if s.planted else "ok",
            }
        )
        if (s.amount != reference) != s.planted:
            raise ValueError(f"series {series.province.code} {series.year}: {s} against {reference}")
    return rows


def write_ledger(out: Path, n: int, seed: int = 1719) -> dict[str, int]:
    """Write the documents (and a manifest placing the national decisions) and the four keys into `out`."""
    docs_dir, key_dir = out / "documents", out / "answer_key"
    docs_dir.mkdir(parents=True, exist_ok=True)
    key_dir.mkdir(parents=True, exist_ok=True)
    all_series, docs = build_corpus(n, seed)
    for d in docs:
        (docs_dir / d.meta.doc_file).write_text(d.text(), encoding="utf-8")
    national = [d for d in docs if d.meta.admin_level == "national"]
    _write(
        docs_dir / "manifest.csv",
        ("source_file", "province_code", "admin_level"),
        [{"source_file": d.meta.doc_file, "province_code": "00", "admin_level": "national"} for d in national],
    )
    _write(key_dir / "gold_documents.csv", DOCUMENT_COLUMNS, [_document_row(d) for d in docs])
    _write(key_dir / "gold_targets.csv", TARGET_COLUMNS, [])
    _write(
        key_dir / "gold_funding.csv",
        FUNDING_COLUMNS,
        [funding_row(d.meta.doc_file, d.meta.province_code, f) for d in docs for f in d.funding],
    )
    in_force = [r for s in all_series for r in in_force_key(s)] + [r for d in national for r in _national_in_force(d)]
    checks = [r for s in all_series for r in checks_key(s)]
    _write(key_dir / "in_force.csv", IN_FORCE_COLUMNS, in_force)
    _write(key_dir / "cross_checks.csv", CHECK_COLUMNS, checks)
    return {"documents": len(docs), "in_force": len(in_force), "checks": len(checks)}


def _document_row(d: Doc) -> dict[str, str]:
    m = d.meta
    return {
        "doc_file": m.doc_file,
        "province_code": m.province_code,
        "plan_year": str(m.plan_year),
        "admin_level": m.admin_level,
        "area_name": m.area_name,
        "doc_kind": m.doc_kind,
        "has_figures": "yes" if d.funding or d.targets else "no",
        "period_start": "",
        "period_end": "",
        "source_url": "",
    }


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.ledger", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--series", type=int, required=True, help="number of province-year series")
    ap.add_argument("--out", type=Path, required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=1719)
    a = ap.parse_args(argv)
    counts = write_ledger(a.out, a.series, a.seed)
    print(
        f"wrote {counts['documents']} documents, {counts['in_force']} lines in force, {counts['checks']} checks "
        f"to {a.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
