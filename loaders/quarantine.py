"""Per-document quarantine: which documents a failing check belongs to, and what the build does about it.

After `dbt build`, every check (data test) that failed or warned is traced back to the documents its failing
rows belong to. The check's own SQL is run again on the candidate, and its failing rows are joined back to the
table it checks on the columns they share with it (null-safe), so a failing row leads to the table's rows, and so
to their `document_id`, their file, line, figure and quote. A test that returns none of its table's columns returns
the tested value first, under an alias (dbt's own: unique_field, value_field, from_field), which stands for the
tested column; the project's generic tests name the checked row by its id column (macros/tests). Then, by the
check's configured severity:

- error (our own output's integrity): the documents are held back. The build runs again without their rows, and
  the findings are in marts.rpt_flagged_figures and marts.rpt_rejected_documents;
- warn (what a document says): the figures are flagged and published.

A failure that leads to no document (a check on a reference table or on a table without `document_id`, a
failing row that is no table row, a check that could not run, a model that did not build) is not a document's:
it stops the publish. So does a check on a model whose meta says `per_document: false` (the build's own
findings), and a check that would hold back more than a set share of the documents (a fault in the models shows
in every document; docs/operations.md)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, fields, replace
from decimal import Decimal
from pathlib import Path

from loaders import csvout

FINDINGS = "build_findings.csv"
DOCUMENTS = "extracted_documents.csv"
HELD_BACK = "held_back"
FLAGGED = "flagged"
ROW_COLUMNS = ("source_file", "source_line", "figure_text", "source_quote")
MAX_FINDINGS_PER_CHECK = 10_000  # the report is for people; every document is held back or flagged regardless
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Finding:
    finding_id: str
    document_id: str
    source_file: str | None
    source_line: int | None
    figure_text: str | None
    source_quote: str | None
    check_name: str
    checked_model: str | None
    checked_column: str | None
    checked_value: str | None
    action: str  # held_back | flagged
    detail: str
    test_name: str


COLUMNS = [f.name for f in fields(Finding)]


@dataclass
class Verdict:
    """What the checks of one dbt build found."""

    held_back: list[Finding]
    flagged: list[Finding]
    blocking: list[str]  # failures not tied to a document: they stop the publish
    skipped: int = 0  # nodes dbt skipped after a failure upstream (their checks have not run yet)

    def documents_held_back(self) -> set[str]:
        return {f.document_id for f in self.held_back}


# ------------------------------------------------------------------------------------------------ attribution


def assess(database: Path, manifest: dict, results: list[dict]) -> Verdict:
    """Trace every failing or warning check of `results` (run_results.json) to documents, on the built database."""
    from loaders import duck

    verdict = Verdict([], [], [])
    nodes = manifest["nodes"]
    failing = []
    for r in results:
        uid, status = r["unique_id"], r["status"]
        if status == "skipped":
            verdict.skipped += 1
        elif not uid.startswith("test."):
            if status == "error":
                verdict.blocking.append(f"{uid} did not build: {(r.get('message') or '')[:200]}")
        elif status == "error":
            verdict.blocking.append(f"check {_short(uid)} could not run: {(r.get('message') or '')[:200]}")
        elif status in ("fail", "warn"):
            failing.append(r)
    if not failing:
        return verdict
    con = duck.connect(database)
    try:
        for r in failing:
            node = nodes[r["unique_id"]]
            severity = str(node["config"].get("severity", "error")).lower()
            findings, problem = _trace(con, node, nodes, r, HELD_BACK if severity == "error" else FLAGGED)
            if problem:
                if severity == "error":
                    verdict.blocking.append(problem)
                continue  # a warning that leads to no document stays a warning in the run summary
            (verdict.held_back if severity == "error" else verdict.flagged).extend(findings)
    finally:
        con.close()
    return verdict


def scoped_checks(manifest: dict) -> set[str]:
    """The checks that, in an incremental build, see only the replaced documents' rows: those attached to a model
    refreshed document by document, the checks of uniqueness within a document attached to a seed or view whose
    rows each come from their own document's, and the singular checks that say they read each document's rows on
    their own (meta.refreshed_per_document; macros/incremental/ntp_per_document.sql)."""
    nodes = manifest["nodes"]
    scoped = set()
    for uid, node in nodes.items():
        attached = nodes.get(node.get("attached_node") or "")
        meta = (attached or {}).get("config", {}).get("meta") or {}
        if not uid.startswith("test."):
            continue
        own = node.get("config", {}).get("meta") or {}  # a singular check of each document's rows on their own
        if (
            meta.get("refreshed_per_document")
            or own.get("refreshed_per_document")
            or (meta.get("rows_per_document") and _unique_within_a_document(node))
        ):
            scoped.add(_short(uid))
    return scoped


def _unique_within_a_document(test: dict) -> bool:
    """As the macro ntp_unique_within_a_document: a uniqueness check whose columns include document_id."""
    metadata = test.get("test_metadata") or {}
    columns = (metadata.get("kwargs") or {}).get("combination_of_columns") or []
    return metadata.get("name") == "unique_combination_of_columns" and "document_id" in columns


def carried_flags(published: Iterable[Finding], manifest: dict, replaced: frozenset[str]) -> list[Finding]:
    """The published flags an incremental build keeps: those of unchanged documents found by checks that did not
    look at their rows this time (scoped_checks). Their rows and the check are as they were, so is the finding."""
    scoped = scoped_checks(manifest)
    return [f for f in published if f.action == FLAGGED and f.test_name in scoped and f.document_id not in replaced]


def merge_flags(found: Iterable[Finding], kept: Iterable[Finding], held: Iterable[str]) -> list[Finding]:
    """This build's flags and the kept ones, without held-back documents', at most MAX_FINDINGS_PER_CHECK per
    check (this build's first)."""
    held = set(held)
    out: dict[Finding, None] = {}
    per_check: dict[str, int] = {}
    for f in [*found, *kept]:
        if f in out or f.document_id in held or per_check.get(f.test_name, 0) >= MAX_FINDINGS_PER_CHECK:
            continue
        per_check[f.test_name] = per_check.get(f.test_name, 0) + 1
        out[f] = None
    return list(out)


def _short(uid: str) -> str:
    return uid.split(".")[2] if uid.count(".") >= 2 else uid


def _checked_node(node: dict, nodes: dict) -> dict | None:
    """The model or seed a check is about: the one it is attached to, else the first it reads that has a
    document_id (a singular test)."""
    attached = node.get("attached_node")
    if attached and attached in nodes:
        return nodes[attached]
    candidates = [nodes[d] for d in node["depends_on"]["nodes"] if d in nodes]
    for c in candidates:
        if "document_id" in (c.get("columns") or {}):
            return c
    return candidates[0] if candidates else None


def _columns(con, relation: str) -> list[str]:
    return [d[0] for d in con.execute(f"select * from {relation} limit 0").description]


def _trace(con, node: dict, nodes: dict, result: dict, action: str) -> tuple[list[Finding], str | None]:
    uid = result["unique_id"]
    meta = node.get("test_metadata") or {}
    check = meta.get("name") or node["name"]
    if not node["name"].startswith(f"{check}_"):  # a test given its own name (documents_add_up) goes by it
        check = node["name"]
    kwargs = meta.get("kwargs") or {}
    column = kwargs.get("column_name") or kwargs.get("amount_column")
    column = column if isinstance(column, str) and _IDENTIFIER.match(column) else None
    checked = _checked_node(node, nodes)
    name = f"check {_short(uid)}"
    if checked is not None and (checked.get("config", {}).get("meta") or {}).get("per_document") is False:
        return [], f"{name} failed on {checked['name']}, the build's own table: not a document's fault"
    sql = result.get("compiled_code")
    if not sql:
        return [], f"{name} failed and its SQL is not in run_results.json"
    con.execute(f"create or replace temp table failing_rows as select * from ({sql}) as failing")
    failing_cols = _columns(con, "failing_rows")
    model_cols = _columns(con, checked["relation_name"]) if checked and checked.get("relation_name") else []
    # the columns that lead from a failing row back to the checked table's rows: those the two share, or else the
    # tested value, which a test returning none of its table's columns returns first, under an alias of its own
    # (dbt's unique_field, value_field, from_field; in_value_list's value_not_in_list)
    keys: list[tuple[str, str]] = [(c, c) for c in failing_cols if c in model_cols]
    if not keys and column and column in model_cols and failing_cols:
        keys = [(failing_cols[0], column)]
    if not keys and "document_id" not in failing_cols:
        where = checked["name"] if checked else "no table"
        return [], f"{name} failed on {where}, whose failing rows name no document: not a document's fault"
    if keys and "document_id" in model_cols:
        extras = [c for c in failing_cols if c not in model_cols and c not in {a for a, _ in keys}]
        on = " and ".join(f"f.{a} is not distinct from m.{b}" for a, b in keys)
        picked = ", ".join(
            [f"m.{c} as {c}" for c in model_cols] + [f"f.{c} as __extra_{i}" for i, c in enumerate(extras)]
        )
        query = f"select {picked} from failing_rows as f left join {checked['relation_name']} as m on {on}"
        names = [*model_cols, *extras]
    else:  # the failing rows carry the document themselves (a singular test, a table without document_id)
        query = "select * from failing_rows"
        names = failing_cols
        extras = [c for c in failing_cols if c not in ("document_id", *ROW_COLUMNS)]
    orphan = f"{name} failed on rows of {checked['name'] if checked else '?'} that belong to no document"
    findings: dict[str, Finding] = {}
    for row in _stream(con, f"{query} order by all"):  # the report keeps the same rows build after build
        values = dict(zip(names, row, strict=True))
        document = values.get("document_id")
        if document is None:
            return [], orphan
        if len(findings) >= MAX_FINDINGS_PER_CHECK:  # enough for the report: the rest need only have a document
            if con.execute(f"select count(*) from ({query}) as q where document_id is null").fetchone()[0]:
                return [], orphan
            break
        identity = hashlib.sha256(repr((uid, sorted(values.items(), key=lambda kv: kv[0]))).encode()).hexdigest()
        detail = "; ".join(f"{c} = {_text(values[c])}" for c in extras if values.get(c) is not None)
        if not detail:
            detail = ", ".join(f"{k}: {v}" for k, v in sorted(kwargs.items()) if k not in ("model", "column_name"))
        findings[identity] = Finding(
            identity[:16],
            document,
            _text(values.get("source_file")),
            _int(values.get("source_line")),
            _text(values.get("figure_text")),
            _text(values.get("source_quote")),
            check,
            checked["name"] if checked else None,
            column,
            _text(values.get(column)) if column else None,
            action,
            detail or f"{check} failed",
            _short(uid),
        )
    return list(findings.values()), None


def _stream(con, sql: str, batch: int = 10_000) -> Iterator[tuple]:
    """The rows of `sql` a batch at a time: a check can fail on every row of a national corpus's table."""
    cursor = con.execute(sql)
    while rows := cursor.fetchmany(batch):
        yield from rows


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 102.0000 -> 102, 96.1000 -> 96.1
    return str(value)


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | Decimal) else None


# ------------------------------------------------------------------------------------------------ files


def render(findings: Iterable[Finding]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in sorted(set(findings), key=_order):
        writer.writerow(["" if v is None else str(v) for v in astuple(f)])
    return buf.getvalue().encode("utf-8")


def _order(f: Finding) -> tuple:
    return (f.action, f.document_id, f.test_name, f.source_file or "", f.source_line or 0, f.finding_id)


def write_findings(seeds_dir: Path, findings: Iterable[Finding] = ()) -> None:
    csvout.replace_file(seeds_dir / FINDINGS, render(findings))


def read_findings(path: Path) -> list[Finding]:
    with path.open(newline="", encoding="utf-8") as f:
        return [_finding(row) for row in csv.DictReader(f)]


def _finding(row: dict) -> Finding:
    values = {k: (row.get(k) or None) for k in COLUMNS}
    values["source_line"] = int(values["source_line"]) if values["source_line"] else None
    return Finding(**values)


def published_findings(warehouse: Path) -> list[Finding]:
    """The findings the published warehouse holds (none when it has no such table: an older build)."""
    import duckdb

    if not warehouse.exists():
        return []
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return []
    try:
        cursor = con.execute(f"select {', '.join(COLUMNS)} from ops.build_findings")
        rows = cursor.fetchall()
        return [_finding({k: ("" if v is None else str(v)) for k, v in zip(COLUMNS, r, strict=True)}) for r in rows]
    except duckdb.Error:
        return []
    finally:
        con.close()


def primary_files(seeds_dir: Path) -> dict[str, str]:
    """document id -> the file its rows are read from, for findings whose row names no file (dim_document's)."""
    path = seeds_dir / DOCUMENTS
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as f:
        return {r["document_id"]: r["primary_file"] for r in csv.DictReader(f)}


def count_documents(seeds_dir: Path) -> int:
    return len(primary_files(seeds_dir))


def drop_documents(seeds_dir: Path, documents: set[str]) -> dict[str, int]:
    """Remove the rows of `documents` from every seed file of `seeds_dir` that has a document_id column (the
    findings excepted); returns the rows removed per file. Row by row: a file is never held in memory."""
    removed: dict[str, int] = {}
    for path in sorted(seeds_dir.glob("*.csv")):
        if path.name == FINDINGS:
            continue
        tmp = path.with_name(f".{path.name}.tmp")
        n = 0
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if not header or "document_id" not in header:
                continue
            at = header.index("document_id")
            with tmp.open("w", encoding="utf-8", newline="") as g:
                writer = csv.writer(g, lineterminator="\n")
                writer.writerow(header)
                for row in reader:
                    if row and row[at] in documents:
                        n += 1
                    else:
                        writer.writerow(row)
        if n:
            tmp.replace(path)
            removed[path.name] = n
        else:
            tmp.unlink()
    return removed


def with_files(findings: Iterable[Finding], files: dict[str, str]) -> list[Finding]:
    """Findings with the document's own file where the failing row named none."""
    out = []
    for f in findings:
        if f.source_file is None and f.document_id in files:
            f = replace(f, source_file=files[f.document_id])
        out.append(f)
    return out
