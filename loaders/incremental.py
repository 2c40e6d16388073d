"""What changed since the published build, so a rebuild does only the work the change needs.

A published build leaves a state file next to the warehouse: the fingerprint of the project (loaders, dbt
models, macros, reference data) and a digest of every document's extracted rows. The next build compares: when
the project is unchanged, only the rows of the documents that changed are written, validated and loaded (the
seed materialization replaces those documents' rows in a copy of the published file, which holds everyone
else's and the reference dimensions), and dbt rebuilds only what depends on the extracted data. Any other change
makes a full build."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from loaders import csvout
from loaders.extract import Extraction, fingerprint
from loaders.seeds import write_seeds
from loaders.spool import SpooledFragments

STATE = "published_state.json"
PROJECT_PARTS = ("models", "macros", "seeds/reference", "tests/dbt", "dbt_project.yml", "profiles.yml")
EXTRACTED_SEEDS = (
    "extracted_documents", "extracted_document_files", "extracted_targets", "extracted_funding_lines",
    "extracted_funding_breakdowns", "extracted_rejected_documents", "extracted_unresolved_codes",
    "extracted_held_figures", "build_findings",
)  # fmt: skip


def project_fingerprint(project_dir: Path) -> str:
    """What the published warehouse was built with: every loader (not only extraction's: the seeds, the checks),
    the dbt project and the reference data."""
    h = hashlib.sha256(fingerprint().encode())
    package = Path(__file__).resolve().parent
    for f in sorted(package.rglob("*.py")):
        h.update(f.relative_to(package).as_posix().encode())
        h.update(f.read_bytes())
    for part in PROJECT_PARTS:
        path = project_dir / part
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.exists():
                h.update(f.relative_to(project_dir).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


def document_digests(result: Extraction) -> dict[str, str]:
    """A digest of each document's record and rows. Rows in a spool or the extraction cache are not read: their
    stored digest stands for them (SpooledFragments.rows_digest); rows held in memory are hashed."""
    records = {d.document_id: repr((d.source_files, d.meta)).encode() for d in result.documents}
    fragments = result.fragments

    def rows(doc: str) -> bytes:
        if isinstance(fragments, SpooledFragments):
            return fragments.rows_digest(doc).encode()
        return b"".join(fragments[doc][t] for t in csvout.FACT_TABLES)

    return {doc: hashlib.sha256(records.get(doc, b"") + rows(doc)).hexdigest()[:16] for doc in fragments}


@dataclass(frozen=True)
class Plan:
    incremental: bool
    changed: frozenset[str]  # documents added or changed
    removed: frozenset[str]
    reason: str

    @property
    def unchanged(self) -> bool:
        return self.incremental and not self.changed and not self.removed


def plan(runs_dir: Path, warehouse: Path, project: str, digests: dict[str, str], rejected: list[str]) -> Plan:
    state = load_state(runs_dir)
    if not warehouse.exists() or state is None:
        return Plan(False, frozenset(digests), frozenset(), "no published build to start from")
    if state.get("project") != project:
        return Plan(False, frozenset(digests), frozenset(), "the code, models or reference data changed")
    before = state.get("documents", {})
    changed = frozenset(d for d, h in digests.items() if before.get(d) != h)
    removed = frozenset(set(before) - set(digests))
    if sorted(state.get("rejected", [])) != sorted(rejected):
        return Plan(True, changed | {"__rejected__"}, removed, "rejected files changed")
    return Plan(True, changed, removed, f"{len(changed)} document(s) added or changed, {len(removed)} removed")


def load_state(runs_dir: Path) -> dict | None:
    try:
        return json.loads((runs_dir / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save_state(runs_dir: Path, project: str | None, digests: dict[str, str] | None, rejected: list[str]) -> None:
    """After a publish: what the published warehouse holds (no state after a build from given CSVs)."""
    path = runs_dir / STATE
    if project is None or digests is None:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        json.dumps({"project": project, "documents": digests, "rejected": sorted(rejected)}, sort_keys=True),
        encoding="utf-8",
    )
    os.replace(tmp, path)


REPLACED = "replaced_documents.list"  # read by macros/materializations/seed_duckdb.sql


def write_delta(result: Extraction, plan: Plan, out: Path) -> None:
    """The extracted CSVs restricted to the rows of the documents added or changed, and the list of documents
    whose rows they replace (added, changed or removed). The DuckDB seed materialization then deletes and inserts
    those documents' rows in the copy of the published warehouse instead of reloading every row. Files that belong
    to no document (rejected ones) and the rejected list are always written whole."""
    delta = Extraction(
        documents=[d for d in result.documents if d.document_id in plan.changed],
        files=[f for f in result.files if f.document_id in plan.changed or f.document_id is None],
        fragments=only(result.fragments, plan.changed),
        rejected=result.rejected,
    )
    write_seeds(delta, out)
    replaced = sorted(plan.changed | plan.removed)
    csvout.replace_file(out / REPLACED, csvout.render([["document_id"], *([d] for d in replaced)]))


def only(fragments: Mapping[str, dict[str, bytes]], documents: frozenset[str]) -> Mapping[str, dict[str, bytes]]:
    """The fragments of these documents: a view of the spool (nothing read), or a dict of the ones held in memory."""
    if isinstance(fragments, SpooledFragments):
        return fragments.restrict(documents)
    return {d: f for d, f in fragments.items() if d in documents}


def add_replaced(seeds_dir: Path, documents: set[str]) -> None:
    """Add documents to the list whose rows an incremental load deletes from the copy of the published
    warehouse (the documents a check held back: their rows are deleted and none inserted)."""
    path = seeds_dir / REPLACED
    listed: set[str] = set()
    if path.exists():
        listed = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()}
    csvout.replace_file(path, csvout.render([["document_id"], *([d] for d in sorted(listed | documents))]))


def dbt_selection() -> list[str]:
    return ["--select", " ".join(f"{s}+" for s in EXTRACTED_SEEDS)]
