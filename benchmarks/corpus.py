"""Render a synthetic corpus of the genre with its answer key.

Pure functions of (seed, index): `plan_corpus(n, seed, formats)` lays out the document mix,
`build(spec, seed)` renders one document in memory (text units + key rows that know the unit they quote),
`render(spec, seed)` turns it into file bytes and answer-key CSV rows.

Mix: the corpus cycles over the ~50 provinces with ethnic-minority areas and the years 2022-2025; each
province-year gets a bundle of 8 documents (provincial plan, allocation decision, two district plans of
real districts, adjustment resolution, progress report, two news items). Later cycles move on to the next
districts.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass

from benchmarks import office
from benchmarks.compose import Ctx
from benchmarks.kinds import adjustment, allocation, district, news, report
from benchmarks.kinds import plan as provincial_plan
from benchmarks.model import Doc, Meta, funding_row, target_row
from benchmarks.reference import provinces

YEARS = (2022, 2023, 2024, 2025)
BUNDLE = (
    "plan",
    "allocation_decision",
    "district_plan",
    "news",
    "adjustment",
    "district_plan",
    "progress_report",
    "news",
)
DOCX_KINDS = ("plan", "district_plan", "adjustment", "progress_report")
INJECT_SHARE = 0.04  # of the administrative documents (news items stay clean): about 3% of the corpus
DOCX_SHARE = 0.02
XLSX_SHARE = 0.08  # of allocation decisions (one in eight documents)


@dataclass(frozen=True)
class Spec:
    index: int
    province_code: str
    year: int
    kind: str  # a BUNDLE entry
    variant: str = ""  # news: disbursement | summary | district | event
    district_code: str = ""
    fmt: str = "txt"

    @property
    def doc_kind(self) -> str:
        return "plan" if self.kind == "district_plan" else self.kind


@dataclass(frozen=True)
class Rendered:
    doc_file: str
    payload: bytes
    document: dict[str, str]
    targets: list[dict[str, str]]
    funding: list[dict[str, str]]


def spec_for(index: int, seed: int, formats: tuple[str, ...]) -> Spec:
    ps = provinces()
    slot, pair = index % len(BUNDLE), index // len(BUNDLE)
    province = ps[pair % len(ps)]
    year = YEARS[(pair // len(ps)) % len(YEARS)]
    cycle = pair // (len(ps) * len(YEARS))
    kind = BUNDLE[slot]
    rng = random.Random(f"{seed}:spec:{index}")
    variant = district_code = ""
    if kind == "news":
        variant = rng.choices(("disbursement", "summary", "district", "event"), (0.45, 0.25, 0.22, 0.08))[0]
    if kind == "district_plan":
        ds = province.districts
        district_code = ds[(cycle * 2 + (slot == 5) + pair) % len(ds)].code
    fmt = "txt"
    r = rng.random()
    if "docx" in formats and kind in DOCX_KINDS and r < DOCX_SHARE * 2:
        fmt = "docx"
    elif "xlsx" in formats and kind == "allocation_decision" and r < XLSX_SHARE:
        fmt = "xlsx"
    return Spec(index, province.code, year, kind, variant, district_code, fmt)


def plan_corpus(n: int, seed: int = 1719, formats: tuple[str, ...] = ("txt",)) -> list[Spec]:
    return [spec_for(i, seed, formats) for i in range(n)]


def file_name(spec: Spec, seed: int) -> str:
    digest = hashlib.sha256(f"{seed}:{spec.index}".encode()).hexdigest()[:16]
    return f"{spec.index:05d}_{digest}.{spec.fmt}"


def build(spec: Spec, seed: int = 1719) -> Doc:
    """Render one document in memory; its rows carry the index of the unit they quote."""
    province = next(p for p in provinces() if p.code == spec.province_code)
    dist = next((d for d in province.districts if d.code == spec.district_code), None)
    meta = Meta(
        spec.index,
        province.code,
        spec.year,
        spec.doc_kind,
        "district" if dist else "province",
        dist.name if dist else "",
        spec.fmt,
        file_name(spec, seed),
    )
    rng = random.Random(f"{seed}:doc:{spec.index}")
    doc = Doc(meta, rng)
    doc.inject = random.Random(f"{seed}:inject:{spec.index}").random() < INJECT_SHARE and spec.kind != "news"
    ctx = Ctx(doc, province, spec.year, dist)
    if spec.kind == "news":
        news.render(ctx, spec.variant)
    else:
        {
            "plan": provincial_plan.render,
            "allocation_decision": allocation.render,
            "district_plan": district.render,
            "adjustment": adjustment.render,
            "progress_report": report.render,
        }[spec.kind](ctx)
    doc.finalize()
    return doc


def payload(doc: Doc) -> bytes:
    if doc.meta.fmt == "docx":
        return office.write_docx(doc)
    if doc.meta.fmt == "xlsx":
        return office.write_xlsx(doc)
    return doc.text().encode("utf-8")


def render(spec: Spec, seed: int = 1719) -> Rendered:
    doc = build(spec, seed)
    m = doc.meta
    document = {
        "doc_file": m.doc_file,
        "province_code": m.province_code,
        "plan_year": str(m.plan_year),
        "admin_level": m.admin_level,
        "area_name": m.area_name,
        "doc_kind": m.doc_kind,
        "has_figures": "yes" if doc.targets or doc.funding else "no",
        "period_start": "",
        "period_end": "",
        "source_url": "",
    }
    targets = [target_row(m.doc_file, m.province_code, t) for t in doc.targets]
    funding = [funding_row(m.doc_file, m.province_code, f) for f in doc.funding]
    return Rendered(m.doc_file, payload(doc), document, targets, funding)


def generate(n: int, seed: int = 1719, formats: tuple[str, ...] = ("txt",)) -> Iterator[Rendered]:
    """Render the first `n` documents of the corpus in order (single process)."""
    for spec in plan_corpus(n, seed, formats):
        yield render(spec, seed)
