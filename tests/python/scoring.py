"""Our own scorer of a published warehouse against an answer key (used by test_scoring.py). It follows the
rules of the reference scorer (tests/data/score_gold.py, a copy of ../shared/tools/score_gold.py), and a test
checks that both give the same numbers:

- documents: province and plan year right, per answer-key file (a file the warehouse rejected is right only if
  the key says the text names no province);
- targets: a key row matches an unused warehouse row of the same file with the same value and unit (units
  compared lower-case, NFC, spaces collapsed); precision counts warehouse rows equal to any key row of the file;
- funding: amounts compared within 0.001 million VND, key rows deduplicated by amount per file, restatements
  (TITLE., LEAD., SUBHEAD., COTU.) left out;
- with a `program_scope` column (the examples), recall counts only this programme's rows.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

RESTATEMENTS = ("TITLE.", "LEAD.", "SUBHEAD.", "COTU.")


def _unit(u: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", (u or "").strip().lower()).split())


def _same_value(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(a))


def _same_amount(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) < 0.001 + 1e-9 * abs(a)


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@dataclass
class Score:
    documents_correct: int = 0
    documents: int = 0
    targets_matched: int = 0
    targets_gold: int = 0
    targets_extracted: int = 0
    targets_extracted_ok: int = 0
    funding_matched: int = 0
    funding_gold: int = 0
    funding_extracted: int = 0
    funding_extracted_ok: int = 0
    attribution: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(x: int, y: int) -> float | None:
        return round(x / y, 3) if y else None

    @property
    def targets_recall(self) -> float | None:
        return self._ratio(self.targets_matched, self.targets_gold)

    @property
    def targets_precision(self) -> float | None:
        return self._ratio(self.targets_extracted_ok, self.targets_extracted)

    @property
    def funding_recall(self) -> float | None:
        return self._ratio(self.funding_matched, self.funding_gold)

    @property
    def funding_precision(self) -> float | None:
        return self._ratio(self.funding_extracted_ok, self.funding_extracted)

    def attribution_ratio(self, key: str) -> float | None:
        ok, total = self.attribution.get(key, (0, 0))
        return self._ratio(ok, total)

    def as_dict(self) -> dict:
        """The numbers in the shape of the reference scorer's --json output."""
        return {
            "documents_correct": self.documents_correct,
            "documents": self.documents,
            "targets_recall": self.targets_recall,
            "targets_precision": self.targets_precision,
            "targets_gold": self.targets_gold,
            "targets_extracted": self.targets_extracted,
            "funding_recall": self.funding_recall,
            "funding_precision": self.funding_precision,
            "funding_gold": self.funding_gold,
            "funding_extracted": self.funding_extracted,
            "attribution": {k: self.attribution_ratio(k) for k in sorted(self.attribution)},
        }


def _time(s: Score, fact: str, g: dict[str, str], got: tuple) -> None:
    """Period and as-of date, on key rows that state a period (as the reference scorer does)."""
    if not (g.get("period_start") or "").strip():
        return
    want = (int(g["period_start"]), int(g.get("period_end") or g["period_start"]))
    s.attribution[f"{fact}.period"][1] += 1
    s.attribution[f"{fact}.period"][0] += (got[0], got[1]) == want
    s.attribution[f"{fact}.as_of_date"][1] += 1
    s.attribution[f"{fact}.as_of_date"][0] += str(got[2] or "") == (g.get("as_of_date") or "").strip()


def score(warehouse: Path, key_dir: Path) -> Score:
    gold_t = _read(key_dir / "seeds_targets.csv") or _read(key_dir / "gold_targets.csv")
    gold_f = _read(key_dir / "seeds_funding.csv") or _read(key_dir / "gold_funding.csv")
    gold_docs = _read(key_dir / "gold_documents.csv")
    if not gold_docs:
        first: dict[str, dict[str, str]] = {}
        for r in gold_t + gold_f:
            first.setdefault(
                r["doc_file"],
                {
                    "doc_file": r["doc_file"],
                    "province_code": r["province_code"],
                    "plan_year": r["plan_year"],
                    "has_figures": "yes",
                },
            )
        gold_docs = list(first.values())
    heldout = bool(gold_t) and "program_scope" in gold_t[0]

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        docs = [
            dict(zip([d[0] for d in cur.description], row, strict=True))
            for cur in [con.execute("select * from marts.dim_document")]
            for row in cur.fetchall()
        ]
        targets = con.execute(
            "select document_id, cast(target_value as double), unit_raw, project_code, "
            "sub_project_code, admin_level, comparator, content_code, area_name, measure, "
            "period_start_year, period_end_year, cast(as_of_date as varchar) "
            "from marts.fct_indicator_targets"
        ).fetchall()
        funding = con.execute(
            "select document_id, cast(amount_million_vnd as double), capital_type, budget_level, "
            "funding_source, budget_phase, project_code, period_start_year, period_end_year, "
            "cast(as_of_date as varchar) from marts.fct_budget_allocations"
        ).fetchall()
    finally:
        con.close()

    files_of = {d["document_id"]: [s.strip() for s in (d["source_files"] or "").split(",") if s.strip()] for d in docs}
    doc_of_file = {f: d for d in docs for f in files_of[d["document_id"]]}
    by_file_t: dict[str, list[tuple]] = defaultdict(list)
    for row in targets:
        for f in files_of.get(row[0], []):
            by_file_t[f].append(row)
    by_file_f: dict[str, list[tuple]] = defaultdict(list)
    for row in funding:
        for f in files_of.get(row[0], []):
            by_file_f[f].append(row)

    s = Score()
    for g in gold_docs:
        if g.get("has_figures", "yes") != "yes":
            continue
        s.documents += 1
        d = doc_of_file.get(g["doc_file"])
        if d is None:
            ok = not g["province_code"]
        else:
            ok = (d["province_code"] or "") == (g["province_code"] or "") and str(d["plan_year"] or "") == (
                g["plan_year"] or ""
            )
        s.documents_correct += ok
        if not ok:
            s.misses.append(f"document {g['doc_file']}")
    unloadable = {g["doc_file"] for g in gold_docs if not g["province_code"]}
    gold_t = [g for g in gold_t if g["doc_file"] not in unloadable]
    gold_f = [g for g in gold_f if g["doc_file"] not in unloadable]
    files = sorted({g["doc_file"] for g in gold_t} | {g["doc_file"] for g in gold_f})

    t_cols = ("project_code", "sub_project_code", "admin_level", "comparator", "content_code", "area_name")
    t_index = {
        "project_code": 3,
        "sub_project_code": 4,
        "admin_level": 5,
        "comparator": 6,
        "content_code": 7,
        "area_name": 8,
        "measure": 9,
    }
    # the key indexed by file once: filtering the whole key for every file is quadratic (hours at 10,000 documents)
    gold_t_of: dict[str, list[dict[str, str]]] = defaultdict(list)
    for g in gold_t:
        gold_t_of[g["doc_file"]].append(g)
    gold_f_of: dict[str, list[dict[str, str]]] = defaultdict(list)
    for g in gold_f:
        gold_f_of[g["doc_file"]].append(g)
    for f in files:
        every = gold_t_of[f]
        keyed = [g for g in every if not heldout or g["program_scope"] == "ntp1719"]
        ext = by_file_t.get(f, [])
        used: set[int] = set()
        for g in keyed:
            s.targets_gold += 1
            hit = next(
                (
                    i
                    for i, e in enumerate(ext)
                    if i not in used and _same_value(float(g["value"]), e[1]) and _unit(g["unit_raw"]) == _unit(e[2])
                ),
                None,
            )
            if hit is None:
                s.misses.append(f"target {f} {g['value']} {g['unit_raw']}")
                continue
            used.add(hit)
            s.targets_matched += 1
            for col in (*t_cols, *(("measure",) if heldout else ())):
                s.attribution[f"targets.{col}"][1] += 1
                s.attribution[f"targets.{col}"][0] += (ext[hit][t_index[col]] or "") == (g.get(col) or "")
            _time(s, "targets", g, ext[hit][10:13])
        s.targets_extracted += len(ext)
        s.targets_extracted_ok += sum(
            any(_same_value(float(g["value"]), e[1]) and _unit(g["unit_raw"]) == _unit(e[2]) for g in every)
            for e in ext
        )

    f_index = {"capital_type": 2, "budget_level": 3, "funding_source": 4, "budget_phase": 5, "project_code": 6}
    for f in files:
        amounts_seen: set[float] = set()
        keyed = []
        every = gold_f_of[f]
        for g in every:
            if g["line_id"].startswith(RESTATEMENTS):
                continue
            if heldout and g["program_scope"] != "ntp1719":
                continue
            amount = float(g["amount_million_vnd"])
            if amount not in amounts_seen:
                amounts_seen.add(amount)
                keyed.append(g)
        ext = by_file_f.get(f, [])
        used = set()
        for g in keyed:
            s.funding_gold += 1
            hit = next(
                (i for i, e in enumerate(ext) if i not in used and _same_amount(float(g["amount_million_vnd"]), e[1])),
                None,
            )
            if hit is None:
                s.misses.append(f"funding {f} {g['amount_million_vnd']}")
                continue
            used.add(hit)
            s.funding_matched += 1
            for col, idx in f_index.items():
                if col in g:
                    s.attribution[f"funding.{col}"][1] += 1
                    s.attribution[f"funding.{col}"][0] += (ext[hit][idx] or "") == (g.get(col) or "")
            _time(s, "funding", g, ext[hit][7:10])
        s.funding_extracted += len(ext)
        s.funding_extracted_ok += sum(
            any(_same_amount(float(g["amount_million_vnd"]), e[1]) for g in every) for e in ext
        )
    return s
