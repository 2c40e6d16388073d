"""`ntp-warehouse build`: write, audit, publish.

1. Take the build lock (one build at a time; a second one waits or exits 75).
2. Extract the documents into this run's own folder (or take given CSVs), and validate them with the
   Great Expectations suite (the gate: a malformed extraction never reaches dbt).
3. `dbt build` (seeds, models and every data test) into a new candidate DuckDB file.
4. Audit (loaders/quarantine.py): each failing check is traced to the documents its failing rows belong to. A
   document that fails a check of our own output's integrity is held back: dbt builds the candidate again
   without its rows. A figure that fails a check of what documents say is flagged and published. A failure tied
   to no document (reference data, a model's logic) stops here, and the published file is left untouched; so
   does any error-severity failure with --strict.
5. Record the run in the candidate's run history, checkpoint it, keep the published file as
   warehouse.previous.duckdb, and publish the candidate with one atomic rename. Readers holding the old file keep
   reading it; new connections see the new one. Parquet copies of the marts follow, and, when NTP_POSTGRES_DSN is
   set, a copy in PostgreSQL (loaders/serve_postgres.py); a failure of either is a warning, not a failed publish.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from loaders import incremental, quarantine
from loaders import lock as build_lock
from loaders.extract import Extraction, gc_paused
from loaders.seeds import write_seeds

log = logging.getLogger(__name__)

# exit codes a scheduler can act on (documented in the README)
EXIT_PUBLISHED = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_GATE = 3  # the extracted data failed validation: nothing built
EXIT_TESTS = 4  # the candidate failed an error-severity test: nothing published
EXIT_STRICT = 5  # --strict and a document was rejected: nothing published
EXIT_HELD_BACK = 6  # published, with documents held back (quarantined) by a check: the rest is there
EXIT_LOCKED = 75  # another build holds the lock (EX_TEMPFAIL): try again later

MAX_PASSES = 4  # dbt builds that may hold documents back, one after the other, before the build gives up


@dataclass
class BuildOptions:
    documents: Path
    warehouse: Path
    project_dir: Path
    strict: bool = False
    wait: bool = False
    seeds_dir: Path | None = None
    exports: bool = True
    keep_runs: int = 5
    no_cache: bool = False  # re-read every document instead of reusing unchanged files' results
    full: bool = False  # rebuild everything even when only some documents changed
    workers: int | None = None  # extraction processes (default: all cores)
    # a check that would hold back more than this share of the documents (and more than two) is taken for a
    # fault in the models or the reference data, which shows in every document: it stops the publish
    max_held_back_share: float = 0.25


@dataclass
class RunRecord:
    run_id: str
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    documents_seen: int = 0
    documents_loaded: int = 0
    documents_rejected: int = 0
    documents_held_back: int = 0
    figures_flagged: int = 0
    target_rows: int = 0
    funding_rows: int = 0
    held_figures: int = 0  # figures read by OCR held back for review (not in the table ops.build_runs)
    ocr_pages: int = 0
    tests_passed: int = 0
    tests_warned: int = 0
    tests_failed: int = 0
    published: bool = False
    outcome: str = ""
    peak_memory_mb: float = 0.0
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each phase
    notes: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)  # one line per held-back document
    flagged: dict[str, int] = field(default_factory=dict)  # flagged figures per check


def _pause_point(phase: str) -> None:
    """A seam for the crash tests: NTP_BUILD_PAUSE_AT=<phase> makes the build announce the phase and wait there, so
    a test can kill it at a known point (extract, dbt, publish). Never set in production."""
    if os.environ.get("NTP_BUILD_PAUSE_AT") == phase:
        print(f"NTP_BUILD_PAUSED {phase}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("NTP_BUILD_PAUSE_SECONDS", "60")))


def _die_with_parent() -> None:
    """Run in dbt's process before exec: dbt is killed when the build process dies (even by SIGKILL), so a killed
    build never leaves an orphan writing into the next build's work folder."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def build(options: BuildOptions) -> int:
    warehouse = options.warehouse.resolve()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    try:
        with build_lock.acquire(warehouse.with_name(warehouse.name + ".lock"), wait=options.wait):
            return _build_locked(options, warehouse)
    except build_lock.Locked as exc:
        print(
            f"ntp-warehouse build: another build is running ({exc}); nothing done. Use --wait to queue.",
            file=sys.stderr,
        )
        return EXIT_LOCKED


class _Stop(Exception):
    """The build ends here with this exit code and outcome (nothing more to do, or nothing may be published)."""

    def __init__(self, code: int, outcome: str) -> None:
        super().__init__(outcome)
        self.code, self.outcome = code, outcome


@dataclass
class _Prepared:
    """The extracted seeds of this run, and what the incremental plan decided about them."""

    seeds_dir: Path
    result: Extraction | None
    plan: incremental.Plan
    project: str
    digests: dict | None
    rejected_files: list[str]
    files: dict[str, str]  # document id -> its primary file


def _build_locked(options: BuildOptions, warehouse: Path) -> int:
    run = RunRecord(run_id=f"{_now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}", started_at=_now())
    runs_dir = warehouse.parent / ".ntp-runs"
    run_dir = runs_dir / run.run_id
    run_dir.mkdir(parents=True)
    _prune_runs(runs_dir, options.keep_runs)
    t0 = time.monotonic()
    prefetch = (
        _Prefetch(warehouse, runs_dir / "dbt" / "candidate.prefetch.duckdb")
        if warehouse.exists() and not options.full
        else None
    )
    try:
        prepared = _prepare(options, warehouse, run_dir, run)
        candidate = _check(options, warehouse, run_dir, run, prepared, prefetch)
        code = _publish_run(options, warehouse, run, candidate, prepared)
        _serve(options, warehouse, run)
        return code
    except _Stop as stop:
        run.outcome = stop.outcome
        return stop.code
    except Exception as exc:
        log.exception("build failed")
        run.outcome = f"unexpected error: {type(exc).__name__}: {exc}"
        return EXIT_ERROR
    finally:
        if prefetch is not None:  # not taken: a full build, or the build stopped before it needed a candidate
            prefetch.discard()
        run.finished_at = run.finished_at or _now()
        run.peak_memory_mb = _peak_memory_mb()
        _summary(run, time.monotonic() - t0, warehouse, run_dir)
        (run_dir / "run.json").write_text(json.dumps(_run_dict(run), default=str, indent=2), encoding="utf-8")


def _prepare(options: BuildOptions, warehouse: Path, run_dir: Path, run: RunRecord) -> _Prepared:
    """Extract, decide what this build must rebuild (incremental plan), and write the seeds dbt loads."""
    mark = time.monotonic()
    seeds_dir, rejected, result = _extract(options, run_dir, run)
    if options.strict and rejected:
        raise _Stop(EXIT_STRICT, f"strict mode: {len(rejected)} document(s) rejected")
    project = incremental.project_fingerprint(options.project_dir)
    with gc_paused():  # a record per document: see gc_paused
        digests = incremental.document_digests(result) if result is not None else None
        rejected_files = sorted({r.source_file for r in rejected if r is not None})
        if digests is not None and not options.full:
            plan = incremental.plan(run_dir.parent, warehouse, project, digests, rejected_files)
        else:
            plan = incremental.Plan(False, frozenset(), frozenset(), "full build requested")
    run.notes.append(("incremental build: " if plan.incremental else "full build: ") + plan.reason)
    if plan.unchanged:
        raise _Stop(EXIT_PUBLISHED, "no document changed since the published build: nothing to do")
    if result is not None:
        # the seeds dbt loads and the suite validates: every row, or in an incremental build only the rows of
        # the documents that changed (the copy of the published warehouse holds the rest)
        if plan.incremental:
            incremental.write_delta(result, plan, seeds_dir)
        else:
            write_seeds(result, seeds_dir)
    run.seconds["extract"] = round(time.monotonic() - mark, 2)
    files = (
        {d.document_id: d.primary_file for d in result.documents}
        if result is not None
        else quarantine.primary_files(seeds_dir)
    )
    return _Prepared(seeds_dir, result, plan, project, digests, rejected_files, files)


def _check(
    options: BuildOptions,
    warehouse: Path,
    run_dir: Path,
    run: RunRecord,
    prepared: _Prepared,
    prefetch: _Prefetch | None = None,
) -> _Candidate:
    """Build the candidate with dbt while the suite validates the seeds, then trace the failing checks to documents
    and hold back those whose output breaks an integrity check (loaders/quarantine.py)."""
    plan = prepared.plan
    carried, guess = _earlier_findings(warehouse, plan, set(prepared.files))
    quarantine.write_findings(prepared.seeds_dir, [*carried, *guess])
    candidate = _Candidate(
        options,
        warehouse,
        run_dir.parent / "dbt" / "candidate.duckdb",  # a stable path: dbt's partial parsing survives
        run_dir,
        plan.incremental,
        incremental.dbt_selection() if plan.incremental else [],
        plan.changed | plan.removed,
        prefetch,
    )
    candidate.fresh()
    mark = time.monotonic()
    first, gate = _dbt_build_validated(
        options, prepared.seeds_dir, warehouse.parent / "data_docs", candidate.path, run_dir, candidate.selection
    )
    run.seconds["dbt + validation"] = round(time.monotonic() - mark, 2)
    if gate:
        raise _Stop(EXIT_GATE, "the extracted data failed validation: " + "; ".join(gate[:5]))
    mark = time.monotonic()
    refusal = _settle(candidate, prepared.seeds_dir, first, run, carried, guess, prepared.files)
    if time.monotonic() - mark > 1:
        run.seconds["checks traced, documents held back"] = round(time.monotonic() - mark, 2)
    if refusal:
        raise _Stop(EXIT_TESTS, refusal)
    return candidate


def _publish_run(
    options: BuildOptions, warehouse: Path, run: RunRecord, candidate: _Candidate, prepared: _Prepared
) -> int:
    """Record the run inside the candidate, publish it with one rename, and remember what was built from what."""
    run.published = True  # as recorded inside the candidate, which is only ever seen once published
    run.outcome = "published"
    if run.documents_held_back:
        run.outcome += (
            f", {run.documents_held_back} document(s) held back by a check (marts.rpt_rejected_documents, "
            "marts.rpt_flagged_figures)"
        )
    run.finished_at = _now()
    mark = time.monotonic()
    try:
        _record_run(candidate.path, warehouse, run)
        _pause_point("publish")
        _publish(candidate.path, warehouse)
        incremental.save_state(
            candidate.run_dir.parent,
            prepared.project if prepared.digests is not None else None,
            prepared.digests,
            prepared.rejected_files,
        )
        run.seconds["publish"] = round(time.monotonic() - mark, 2)
    except BaseException:
        run.published = False
        raise
    return EXIT_HELD_BACK if run.documents_held_back else EXIT_PUBLISHED


def _serve(options: BuildOptions, warehouse: Path, run: RunRecord) -> None:
    """The published warehouse's copies: Parquet exports of the marts and, with NTP_POSTGRES_DSN, PostgreSQL. A
    failure of either is a warning: the warehouse is published."""
    if options.exports:
        mark = time.monotonic()
        try:
            from loaders.exports import export_marts

            export_marts(
                warehouse,
                options.project_dir / "exports" / "marts"
                if warehouse.parent == options.project_dir
                else warehouse.parent / "exports" / "marts",
            )
        except Exception as exc:
            run.warnings.append(f"Parquet export failed: {exc}")
        run.seconds["Parquet exports"] = round(time.monotonic() - mark, 2)
    if os.environ.get("NTP_POSTGRES_DSN"):
        _serve_postgres(warehouse, os.environ["NTP_POSTGRES_DSN"], run)


def _serve_postgres(warehouse: Path, dsn: str, run: RunRecord) -> bool:
    """Copy the just-published marts to PostgreSQL (NTP_POSTGRES_DSN). The DuckDB file is the warehouse and is
    already published: a failure here is a warning in the summary, and Postgres keeps serving the previous marts
    (the swap is atomic), so `ntp-warehouse serve-postgres` can be retried alone."""
    from loaders.serve_postgres import ServeOptions, redact_dsn, serve_postgres

    try:
        result = serve_postgres(
            ServeOptions(
                dsn=dsn,
                warehouse=warehouse,
                reader_role=os.environ.get("NTP_READER_ROLE", "ntp_reader"),
                reader_password=os.environ.get("NTP_READER_PASSWORD") or None,
            )
        )
    except Exception as exc:
        log.warning("serving to PostgreSQL failed", exc_info=True)
        run.warnings.append(
            f"PostgreSQL serving failed ({redact_dsn(dsn)}): {exc}; the previous marts are still "
            f"served there; retry with `ntp-warehouse serve-postgres`"
        )
        return False
    run.notes.append(
        f"served {len(result.tables)} marts to PostgreSQL ({redact_dsn(dsn)}), schema "
        f"{result.schema}, in {result.seconds:.1f} s"
    )
    return True


@dataclass
class _Candidate:
    """The candidate file and what it takes to build it again (without the documents a check held back)."""

    options: BuildOptions
    warehouse: Path
    path: Path
    run_dir: Path
    incremental: bool
    selection: list[str]
    replaced: frozenset[str] = frozenset()  # in an incremental build, the documents whose rows are replaced

    prefetched: _Prefetch | None = None  # the copy of the published warehouse made while extraction ran

    def fresh(self) -> None:
        """An empty candidate, or in an incremental build a copy of the published warehouse (the copy made while
        extraction ran, the first time)."""
        for leftover in (self.path, self.path.with_name(self.path.name + ".wal")):
            leftover.unlink(missing_ok=True)
        prefetched, self.prefetched = self.prefetched, None
        if not self.incremental:
            return
        if prefetched is None or not prefetched.take(self.path):
            shutil.copy2(self.warehouse, self.path)


class _Prefetch:
    """A copy of the published warehouse, made in a thread while the documents are extracted: an incremental build
    starts from it, and a national warehouse is gigabytes. The published file does not change meanwhile (the build
    lock; a publish renames a new file into place), and a full build throws the copy away."""

    def __init__(self, warehouse: Path, target: Path) -> None:
        self.warehouse, self.target = warehouse, target
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._copy, name="prefetch-candidate", daemon=True)
        self._thread.start()

    def _copy(self) -> None:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.warehouse, self.target)
        except BaseException as exc:  # reported by take(): the candidate is then copied the usual way
            self.error = exc

    def take(self, path: Path) -> bool:
        """The copy, renamed to `path`; False (and nothing left behind) when it failed."""
        self._thread.join()
        if self.error is not None:
            log.warning("copying the published warehouse ahead failed (%s); copying it now", self.error)
            self.target.unlink(missing_ok=True)
            return False
        os.replace(self.target, path)
        return True

    def discard(self) -> None:
        self._thread.join()
        self.target.unlink(missing_ok=True)


def _earlier_findings(
    warehouse: Path, plan: incremental.Plan, documents: set[str]
) -> tuple[list[quarantine.Finding], list[quarantine.Finding]]:
    """From the published warehouse: the documents it holds back that this (incremental) build leaves as they are,
    whose rows it does not have, so they stay held back; and its flagged figures, a first guess at this build's
    (when the checks find the same, no second dbt run is needed to report them)."""
    published = quarantine.published_findings(warehouse)
    replaced = plan.changed | plan.removed
    carried = [
        f for f in published if f.action == quarantine.HELD_BACK and plan.incremental and f.document_id not in replaced
    ]
    guess = [f for f in published if f.action == quarantine.FLAGGED and f.document_id in documents]
    return carried, guess


def _settle(
    candidate: _Candidate,
    seeds_dir: Path,
    dbt_run: DbtRun,
    run: RunRecord,
    carried: list[quarantine.Finding],
    guess: list[quarantine.Finding],
    files: dict[str, str],
) -> str | None:
    """Trace the failing checks of the dbt build to documents; while documents fail checks of our own output's
    integrity, hold them back and build again without them. Then make the findings report say what the checks
    found. Returns why nothing may be published, or None when the candidate may be published."""
    options = candidate.options
    held: dict[str, list[quarantine.Finding]] = {}
    for f in carried:
        held.setdefault(f.document_id, []).append(f)
    written = set(guess)
    kept: list[quarantine.Finding] | None = None  # flags of unchanged documents by checks that skip their rows
    limit = max(2, int(options.max_held_back_share * run.documents_loaded))
    extraction_warnings = list(run.warnings)
    current_seeds = seeds_dir
    for attempt in range(1, MAX_PASSES + 1):
        run.warnings = extraction_warnings + _tally(run, dbt_run)
        if dbt_run.results is None or dbt_run.manifest is None:
            return f"dbt did not run (exit {dbt_run.returncode}); nothing published"
        if kept is None:
            kept = (
                quarantine.carried_flags(guess, dbt_run.manifest, candidate.replaced) if candidate.incremental else []
            )
        verdict = quarantine.assess(candidate.path, dbt_run.manifest, dbt_run.results)
        if verdict.blocking:
            run.warnings = [f"STOPPED {b}" for b in verdict.blocking] + run.warnings
            return (
                f"{len(verdict.blocking)} failure(s) tied to no document (reference data, a model, the build's own "
                "tables); nothing published"
            )
        new = verdict.documents_held_back() - held.keys()
        if not new:
            if verdict.skipped:
                return f"{verdict.skipped} node(s) skipped after a failure no document explains; nothing published"
            break
        if options.strict:
            return (
                f"--strict: {len({f.test_name for f in verdict.held_back})} error-severity check(s) failed on "
                f"{len(new)} document(s); nothing published"
            )
        for f in quarantine.with_files(verdict.held_back, files):
            if f.document_id in new:
                held.setdefault(f.document_id, []).append(f)
        if len(held) > limit:
            return (
                f"the checks would hold back {len(held)} of {run.documents_loaded} documents (more than "
                f"{limit}): a fault of the models or the reference data, not of the documents; nothing published"
            )
        if attempt == MAX_PASSES:
            return f"documents still failing checks after {MAX_PASSES} builds; nothing published"
        flags = quarantine.merge_flags(quarantine.with_files(verdict.flagged, files), kept, held)
        current_seeds = _seeds_without(candidate, seeds_dir, held, flags, attempt + 1)
        written = set(flags)
        run.notes.append(
            f"pass {attempt + 1}: building again without {len(new)} document(s) a check held back ({len(held)} in all)"
        )
        candidate.fresh()
        dbt_run = _dbt_build(options, current_seeds, candidate.path, candidate.run_dir, candidate.selection)
    flags = quarantine.merge_flags(quarantine.with_files(verdict.flagged, files), kept or [], held)
    if set(flags) != written:  # the findings report must say what these checks found: rebuild it alone
        quarantine.write_findings(current_seeds, [*_flatten(held), *flags])
        report = _dbt_build(options, current_seeds, candidate.path, candidate.run_dir, ["--select", "build_findings+"])
        lines = _tally(run, report, add=True)
        if not report.clean:
            run.warnings = extraction_warnings + lines
            return "the findings report did not build; nothing published"
    _count_findings(run, candidate.path, held, flags)
    return None


def _seeds_without(
    candidate: _Candidate,
    seeds_dir: Path,
    held: dict[str, list[quarantine.Finding]],
    flags: list[quarantine.Finding],
    attempt: int,
) -> Path:
    """This run's seeds without the held-back documents' rows, with the findings so far: the next pass's seeds."""
    seeds = candidate.run_dir / f"seeds-pass{attempt}"
    shutil.rmtree(seeds, ignore_errors=True)
    shutil.copytree(seeds_dir, seeds)
    quarantine.drop_documents(seeds, set(held))
    if candidate.incremental:  # their rows also leave the copy of the published warehouse
        incremental.add_replaced(seeds, set(held))
    quarantine.write_findings(seeds, [*_flatten(held), *flags])
    return seeds


def _count_findings(
    run: RunRecord, candidate: Path, held: dict[str, list[quarantine.Finding]], flags: list[quarantine.Finding]
) -> None:
    """The run record's counts of what was published, held back and flagged."""
    run.documents_held_back = len(held)
    run.documents_loaded -= len(held)
    if held:  # the rows published, not the rows read
        run.target_rows, run.funding_rows = _fact_rows(candidate)
    run.figures_flagged = len(flags)
    run.flagged = dict(sorted(Counter(f.check_name for f in flags).items()))
    for document, findings in sorted(held.items(), key=lambda kv: kv[1][0].source_file or kv[0]):
        checks = ", ".join(sorted({f.check_name for f in findings}))
        run.held_back.append(f"{findings[0].source_file or document}: {checks} ({len(findings)} row(s))")


def _fact_rows(database: Path) -> tuple[int, int]:
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    try:
        return tuple(
            con.execute(f"select count(*) from marts.{table}").fetchone()[0]
            for table in ("fct_indicator_targets", "fct_budget_allocations")
        )
    finally:
        con.close()


def _flatten(held: dict[str, list[quarantine.Finding]]) -> list[quarantine.Finding]:
    return [f for findings in held.values() for f in findings]


def _extract(options: BuildOptions, run_dir: Path, run: RunRecord) -> tuple[Path, list, Extraction | None]:
    from loaders.extract import extract_folder
    from loaders.progress import progress_bar

    if options.seeds_dir is not None:
        seeds_dir = run_dir / "seeds"
        shutil.copytree(options.seeds_dir, seeds_dir, ignore=shutil.ignore_patterns("*.yml"))
        import csv

        def count(name: str) -> int:
            with (seeds_dir / name).open(encoding="utf-8") as f:
                return sum(1 for _ in csv.reader(f)) - 1

        run.documents_loaded = count("extracted_documents.csv")
        run.documents_rejected = count("extracted_rejected_documents.csv")
        run.documents_seen = run.documents_loaded + run.documents_rejected
        return seeds_dir, [None] * run.documents_rejected, None
    if not options.documents.is_dir():
        raise FileNotFoundError(f"documents folder {options.documents} does not exist")
    bar = progress_bar("extracting", unit="file")

    def progress(paths):
        for i, path in enumerate(bar(paths)):
            yield path
            if i == 0:
                _pause_point("extract")

    from loaders import ocr

    cache = None if options.no_cache else run_dir.parent / "cache"
    # OCR results have a cache of their own, keyed by file content and OCR settings only: a change in the code
    # re-extracts every document but never reads a scanned page again
    settings = ocr.OcrSettings(cache_dir=run_dir.parent / "ocr-cache")
    lacking = ocr.missing(settings.languages)
    if lacking:
        run.notes.append(
            "OCR is not installed (missing: " + ", ".join(lacking) + "): scanned PDFs and page images are rejected; "
            "install with `apt-get install " + " ".join(lacking) + "` or `bash scripts/ensure_ocr.sh`"
        )
    result = extract_folder(
        options.documents,
        progress=progress,
        cache_dir=cache,
        workers=options.workers,
        ocr=settings,
        spool_dir=run_dir,  # the rows wait on disk, beside the run's other files, until the seeds are written
    )
    seeds_dir = run_dir / "seeds"  # written once the build knows whether it is incremental
    run.documents_loaded = len(result.documents)
    run.documents_rejected = len({r.source_file for r in result.rejected})
    run.documents_seen = sum(len(d.source_files) for d in result.documents) + run.documents_rejected
    run.target_rows, run.funding_rows = result.n_targets, result.n_funding_lines
    run.held_figures, run.ocr_pages = result.n_held, result.ocr_pages
    for rej in result.rejected:
        run.warnings.append(f"rejected {rej.source_file}: {rej.reason}")
    return seeds_dir, result.rejected, result


def _dbt_build_validated(
    options: BuildOptions,
    seeds_dir: Path,
    docs_dir: Path,
    candidate: Path,
    run_dir: Path,
    selection: list[str],
) -> tuple[DbtRun, list[str]]:
    """dbt builds the candidate while the expectation suite validates the extracted CSVs; nothing is published
    unless both pass. (The candidate is a private file: building it before the verdict only saves time.)"""
    from concurrent.futures import ThreadPoolExecutor

    from loaders.expectations import validate_extracted

    with ThreadPoolExecutor(max_workers=1) as pool:
        verdict = pool.submit(validate_extracted, seeds_dir, docs_dir)
        dbt_run = _dbt_build(options, seeds_dir, candidate, run_dir, selection, stop=verdict)
        gate = verdict.result()
    return dbt_run, gate


@dataclass
class DbtRun:
    """One `dbt build`: its exit status, run_results.json's results and the manifest (None when dbt did not get
    that far)."""

    returncode: int
    results: list[dict] | None
    manifest: dict | None
    log: Path

    @property
    def clean(self) -> bool:
        return (
            self.returncode == 0
            and self.results is not None
            and not any(r["status"] in ("fail", "error") for r in self.results)
        )


_PROGRESS = re.compile(r"\b(\d+) of (\d+) (START|OK|PASS|WARN|ERROR|FAIL|SKIP)\b")


def _dbt_build(
    options: BuildOptions,
    seeds_dir: Path,
    candidate: Path,
    run_dir: Path,
    selection: list[str],
    stop=None,
) -> DbtRun:
    """`dbt build` of the candidate from these seeds: its log in the run folder, its progress on stderr, killed as
    soon as `stop` (the suite's verdict) says the data failed validation."""
    work = run_dir.parent / "dbt"
    stable_seeds, target = _dbt_workdir(work, seeds_dir)
    env = {
        **os.environ,
        "NTP_WAREHOUSE_PATH": str(candidate),
        "NTP_EXTRACTED_SEEDS": str(stable_seeds),
        "NTP_DBT_TARGET": "build",
        "NTP_DUCKDB_TEMP_DIR": os.environ.get("NTP_DUCKDB_TEMP_DIR", str(work / "duckdb-spill")),
        "DBT_PROFILES_DIR": str(options.project_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    n = 1 + sum(1 for p in run_dir.glob("dbt*.log"))
    log_path = run_dir / ("dbt.log" if n == 1 else f"dbt-{n}.log")
    proc = subprocess.Popen(
        _dbt_command(options, target, run_dir, selection),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=options.project_dir,
        preexec_fn=_die_with_parent,
    )
    with log_path.open("w", encoding="utf-8") as log_file:
        _follow(proc, log_file, stop)
    results, manifest = _dbt_outputs(target, log_path)
    return DbtRun(proc.returncode, results, manifest, log_path)


def _dbt_workdir(work: Path, seeds_dir: Path) -> tuple[Path, Path]:
    """dbt works in folders that stay the same from run to run (builds of one warehouse never overlap: the lock),
    so its partial parsing is reused and only the seeds' contents change. Returns the seeds and target folders."""
    stable_seeds = work / "seeds"
    shutil.rmtree(stable_seeds, ignore_errors=True)
    try:  # hard links: a national corpus's seeds are gigabytes, and no seed file is ever written in place
        shutil.copytree(seeds_dir, stable_seeds, copy_function=os.link)
    except OSError:
        shutil.rmtree(stable_seeds, ignore_errors=True)
        shutil.copytree(seeds_dir, stable_seeds)
    target = work / "target"
    for stale in ("run_results.json", "manifest.json"):
        (target / stale).unlink(missing_ok=True)
    return stable_seeds, target


def _dbt_command(options: BuildOptions, target: Path, run_dir: Path, selection: list[str]) -> list[str]:
    cmd = [
        str(Path(sys.executable).with_name("dbt")),
        "build",
        "--project-dir",
        str(options.project_dir),
        "--target-path",
        str(target),
        "--log-path",
        str(run_dir / "logs"),
        *selection,
    ]
    if options.strict:  # the checks of what documents say fail the build instead of flagging (models/*.yml)
        cmd += ["--vars", json.dumps({"ntp_strict": True})]
    if os.environ.get("NTP_DBT_THREADS"):  # models and checks run at once (the build profile: 2)
        cmd += ["--threads", os.environ["NTP_DBT_THREADS"]]
    return cmd


def _follow(proc: subprocess.Popen, log_file, stop) -> None:
    """Copy dbt's output to its log and report its progress (a bar on a terminal, a line every 5 s otherwise)."""
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(desc="dbt build", unit="node", leave=False)
    assert proc.stdout is not None
    last_report = 0.0
    for line in proc.stdout:
        log_file.write(line)
        if stop is not None and stop.done() and stop.result():
            proc.kill()  # the data failed validation: the candidate is of no use
            break
        m = _PROGRESS.search(line)
        if m and m.group(3) != "START":
            done, total = int(m.group(1)), int(m.group(2))
            if bar is not None:
                bar.total = total
                bar.update(1)
            elif time.monotonic() - last_report > 5 or done == total:
                print(f"dbt build: {done}/{total} nodes", file=sys.stderr, flush=True)
                last_report = time.monotonic()
    proc.wait()
    if bar is not None:
        bar.close()


def _dbt_outputs(target: Path, log_path: Path) -> tuple[list[dict] | None, dict | None]:
    """run_results.json's results (a copy kept beside the log) and the manifest, when dbt got that far."""
    results_path, manifest_path = target / "run_results.json", target / "manifest.json"
    results = manifest = None
    if results_path.exists():
        shutil.copy2(results_path, log_path.with_name(log_path.stem.replace("dbt", "run_results") + ".json"))
        results = json.loads(results_path.read_text(encoding="utf-8"))["results"]
        if manifest_path.exists():
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return results, manifest


def _tally(run: RunRecord, dbt_run: DbtRun, add: bool = False) -> list[str]:
    """Count the checks of a dbt build into the run record (or add them: the findings report's own build);
    returns one line per failure and warning."""
    if not add:
        run.tests_passed = run.tests_warned = run.tests_failed = 0
    lines = []
    if dbt_run.results is None:
        run.tests_failed += 1
        return [f"dbt did not run (exit {dbt_run.returncode}); see {dbt_run.log}"]
    for r in dbt_run.results:
        if not r["unique_id"].startswith("test."):
            if r["status"] == "error":
                run.tests_failed += 1
                lines.append(f"{r['unique_id']}: {(r.get('message') or '')[:200]}")
            continue
        status, name = r["status"], r["unique_id"].split(".")[2]
        if status == "pass":
            run.tests_passed += 1
        elif status == "warn":
            run.tests_warned += 1
            lines.append(f"warning {name}: {r.get('failures')} row(s)")
        elif status in ("fail", "error"):
            run.tests_failed += 1
            lines.append(f"FAILED {name}: {(r.get('message') or '')[:200]}")
    return lines


def _record_run(candidate: Path, warehouse: Path, run: RunRecord) -> None:
    """Append this run to the run history carried from the published warehouse, and mark the build."""
    import duckdb

    con = duckdb.connect(str(candidate))
    try:
        con.execute("create schema if not exists ops")
        con.execute(_RUNS_DDL)
        if warehouse.exists():
            try:
                con.execute(f"attach '{warehouse}' as published (read_only)")
                has = con.execute(
                    "select count(*) from duckdb_tables() where database_name = 'published' "
                    "and schema_name = 'ops' and table_name = 'build_runs'"
                ).fetchone()[0]
                if has:
                    con.execute(  # by name: runs recorded before a column was added have it empty
                        "insert into ops.build_runs by name select * from published.ops.build_runs "
                        "where run_id not in (select run_id from ops.build_runs)"
                    )
                con.execute("detach published")
            except duckdb.Error as exc:
                log.warning("run history of the published warehouse not carried over: %s", exc)
        con.execute(
            "insert into ops.build_runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run.run_id,
                run.started_at,
                run.finished_at,
                run.documents_seen,
                run.documents_loaded,
                run.documents_rejected,
                run.documents_held_back,
                run.figures_flagged,
                run.target_rows,
                run.funding_rows,
                run.tests_passed,
                run.tests_warned,
                run.tests_failed,
                run.published,
                run.outcome,
                round(run.peak_memory_mb, 1),
            ],
        )
        assert re.fullmatch(r"[0-9A-Za-z-]+", run.run_id)
        con.execute(
            f"create or replace view ops.current_build as select * from ops.build_runs where run_id = '{run.run_id}'"
        )
        con.execute("checkpoint")
    finally:
        con.close()


_RUNS_DDL = """
create table if not exists ops.build_runs (
    run_id varchar primary key,
    started_at timestamp,
    finished_at timestamp,
    documents_seen integer,
    documents_loaded integer,
    documents_rejected integer,
    documents_held_back integer,
    figures_flagged integer,
    target_rows integer,
    funding_rows integer,
    tests_passed integer,
    tests_warned integer,
    tests_failed integer,
    published boolean,
    outcome varchar,
    peak_memory_mb double
)
"""


def _publish(candidate: Path, warehouse: Path) -> None:
    """The published file becomes warehouse.previous, the candidate the published file. A published file is never
    written in place (every build writes a candidate), so the previous one is the same file under a second name
    (a hard link: no copy of a national warehouse's gigabytes), or a copy where links are not supported."""
    if warehouse.exists():
        previous = warehouse.with_name(warehouse.stem + ".previous" + warehouse.suffix)
        tmp = previous.with_name("." + previous.name + ".tmp")
        tmp.unlink(missing_ok=True)
        try:
            os.link(warehouse, tmp)
        except OSError:
            shutil.copy2(warehouse, tmp)
        os.replace(tmp, previous)
    os.replace(candidate, warehouse)  # atomic: readers see the old file or the new one, never a mix
    _fsync_dir(warehouse.parent)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def _prune_runs(runs_dir: Path, keep: int) -> None:
    runs = sorted((p for p in runs_dir.iterdir() if p.is_dir() and p.name[:1].isdigit()), key=lambda p: p.name)
    for old in runs[:-keep] if keep else runs:
        shutil.rmtree(old, ignore_errors=True)


def _peak_memory_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _run_dict(run: RunRecord) -> dict:
    return {k: v for k, v in run.__dict__.items()}


def _headline(run: RunRecord) -> str:
    if run.published and run.documents_held_back:
        return f"PUBLISHED, {run.documents_held_back} DOCUMENT(S) HELD BACK"
    if run.published:
        return "PUBLISHED"
    if run.outcome.startswith("no document changed"):
        return "UP TO DATE"
    return "NOT PUBLISHED"


def _summary(run: RunRecord, seconds: float, warehouse: Path, run_dir: Path) -> None:
    lines = [
        "",
        f"ntp-warehouse build {run.run_id}: {_headline(run)} "
        f"in {seconds:.1f} s (peak memory {run.peak_memory_mb:.0f} MB)",
        f"  documents: {run.documents_seen} files seen, {run.documents_loaded} documents loaded, "
        f"{run.documents_rejected} rejected" + (f", {run.documents_held_back} held back" if run.held_back else ""),
        f"  rows: {run.target_rows} targets, {run.funding_rows} funding lines",
        f"  held for review: {run.held_figures} figure(s) read by OCR that are not sure ({run.ocr_pages} page(s) "
        "read by OCR; see marts.rpt_figures_to_review)",
        "  time: " + ", ".join(f"{k} {v:.1f} s" for k, v in run.seconds.items()),
        f"  checks: {run.tests_passed} passed, {run.tests_warned} warned, {run.tests_failed} failed",
        f"  outcome: {run.outcome}",
        f"  warehouse: {warehouse}" if run.published else f"  run folder (logs, candidate): {run_dir}",
    ]
    for note in run.notes:
        lines.append(f"  {note}")
    if run.held_back:
        lines.append(f"  held back (quarantined; every other document is published): {len(run.held_back)}")
        lines.extend(f"    {h}" for h in run.held_back[:15])
        if len(run.held_back) > 15:
            lines.append(f"    ... {len(run.held_back) - 15} more in marts.rpt_rejected_documents")
    if run.flagged:
        lines.append(
            f"  flagged figures (published, in marts.rpt_flagged_figures): {run.figures_flagged} ("
            + ", ".join(f"{check} {n}" for check, n in run.flagged.items())
            + ")"
        )
    for w in run.warnings[:15]:
        lines.append(f"  - {w}")
    if len(run.warnings) > 15:
        lines.append(f"  ... {len(run.warnings) - 15} more in {run_dir / 'run.json'}")
    print("\n".join(lines), file=sys.stderr if not run.published else sys.stdout, flush=True)
