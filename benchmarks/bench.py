"""`make bench`: measure ntp-warehouse on generated corpora and write BENCHMARKS.md.

    python -m benchmarks.bench [--sizes 10,1000,10000,100000] [--repeats 3] [--large-repeats 1]
                               [--work bench/out] [--out BENCHMARKS.md] [--seed 1719]
                               [--render bench/out/results.json]

What is measured (every timing a median of --repeats runs, --large-repeats for corpora over 10,000 documents;
cold: a new warehouse folder and no extraction cache each time, unless said otherwise):

- extraction throughput: documents/s and MB/s of `extract_folder` on the sample corpus (documents/) and on
  a generated corpus, with one worker and with all cores;
- `ntp-warehouse build` (extract, validate, dbt build with every test, publish, Parquet exports) wall time and
  peak memory for each size; peak memory is the largest sum of the proportional set size (PSS) of the build's
  whole process tree, sampled every 200 ms;
- the load step: dbt's load of the extracted seeds (the seed nodes of the largest build) against DuckDB's own
  `read_csv` of the same files into a table of a new database file;
- rebuilding after adding one document to the largest corpus (incremental build, the normal scheduled run);
- extraction of the 10,000-document corpus on local Spark beside the local run (a placeholder row until the Spark
  extraction exists: issue 15);
- the latency of every analyses/ query on the largest warehouse (read-only connection, first run and median of
  the next runs);
- accuracy against the answer key: the sample corpus against tests/data/gold, the generated corpus against the
  generator's key;
- OCR: the sample corpus printed to PDF and scanned at 200 dpi (tests/python/pdf_builders.py), read by
  `extract_folder` with one page at a time and with one page per core, no OCR cache: pages per minute, CPU
  seconds per page, and what a scanned corpus costs. `--ocr-only` measures this alone and rewrites only the OCR
  section of --out (`make bench-ocr`).

The generated documents are written once under --work and reused while the seed and size are the same.
BENCHMARKS.md and results.json are rewritten after each measurement, so a long run that is stopped keeps what it
measured.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SAMPLE_GOLD = ROOT / "tests" / "data" / "gold"
FORMATS = ("txt", "docx", "xlsx")


# ----------------------------------------------------------------------------- measuring a process tree
def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            out.extend(int(c) for c in text.split())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


# reading every process's smaps_rollup costs CPU the build then lacks on two cores (about 1.5 s of an 18 s build
# at 50 ms); a peak that lasts less than this is missed
SAMPLE_SECONDS = 0.2


def tree_pss_mb(root_pid: int) -> float:
    seen, stack, total = set(), [root_pid], 0
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _pss_kb(pid)
        stack.extend(_children(pid))
    return total / 1024


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str = ""
    stderr: str = ""
    load: float = 0.0  # the machine's 1-minute load average during the run (mean of the samples)


def run_measured(cmd: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> Run:
    """Run `cmd`, sampling the memory of its process tree; wall time from start to exit."""
    peak = 0.0
    loads: list[float] = []
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_pss_mb(proc.pid))
                loads.append(os.getloadavg()[0])
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = proc.wait()
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        return Run(seconds, peak, returncode, out.read(), err.read(), statistics.fmean(loads) if loads else 0.0)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# ----------------------------------------------------------------------------- corpora
def generated_corpus(work: Path, n: int, seed: int) -> Path:
    """The generator's corpus of `n` documents (reused when already there)."""
    out = work / f"corpus-{seed}-{n}"
    marker = out / ".complete"
    if not marker.exists():
        shutil.rmtree(out, ignore_errors=True)
        from benchmarks.generate_corpus import write_corpus

        write_corpus(out, n, seed, FORMATS, workers=os.cpu_count() or 1)
        marker.write_text(f"{n}\n")
    return out


def corpus_prefix(corpus: Path, n: int, work: Path) -> Path:
    """A folder of the first `n` documents of `corpus` (hard links) with its answer key cut to them."""
    out = work / f"{corpus.name}-first-{n}"
    if (out / ".complete").exists():
        return out
    shutil.rmtree(out, ignore_errors=True)
    files = sorted(p for p in (corpus / "documents").iterdir() if p.is_file())[:n]
    (out / "documents").mkdir(parents=True)
    for p in files:
        os.link(p, out / "documents" / p.name)
    names = {p.name for p in files}
    (out / "answer_key").mkdir()
    for key in sorted((corpus / "answer_key").glob("*.csv")):
        with (
            key.open(encoding="utf-8", newline="") as f,
            (out / "answer_key" / key.name).open("w", encoding="utf-8", newline="") as g,
        ):
            reader = csv.DictReader(f)
            writer = csv.DictWriter(g, reader.fieldnames or [], lineterminator="\n")
            writer.writeheader()
            writer.writerows(r for r in reader if r["doc_file"] in names)
    (out / ".complete").write_text(f"{n}\n")
    return out


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ----------------------------------------------------------------------------- the measurements
def bench_extraction(folder: Path, repeats: int, workers: int) -> dict:
    """extract_folder + write_seeds in a fresh interpreter (imports excluded from the timing)."""
    code = (
        "import sys, time, tempfile, pathlib\n"
        "from loaders.extract import extract_folder\n"
        "from loaders.seeds import write_seeds\n"
        "t = time.perf_counter()\n"
        f"r = extract_folder(pathlib.Path({str(folder)!r}), workers={workers})\n"
        "with tempfile.TemporaryDirectory() as d: write_seeds(r, pathlib.Path(d))\n"
        "print(time.perf_counter() - t, len(r.files), r.n_targets + r.n_funding_lines)\n"
    )
    seconds, files, rows = [], 0, 0
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        s, files_, rows_ = out.stdout.split()
        seconds.append(float(s))
        files, rows = int(files_), int(rows_)
    mb = folder_bytes(folder) / 1e6
    t = median(seconds)
    return {
        "folder": str(folder),
        "files": files,
        "rows": rows,
        "megabytes": mb,
        "workers": workers,
        "seconds": t,
        "docs_per_s": files / t,
        "mb_per_s": mb / t,
    }


# exit codes of a build that published (6: with documents a check held back; docs/operations.md)
PUBLISHED = (0, 6)


def build_cmd(documents: Path, warehouse: Path, *extra: str) -> list[str]:
    return [str(BIN / "ntp-warehouse"), "build", "--documents", str(documents), "--warehouse", str(warehouse), *extra]


def bench_build(documents: Path, work: Path, repeats: int, keep: bool) -> tuple[dict, Path | None]:
    """Cold builds of `documents`: a new warehouse folder each run. Keeps the last warehouse when `keep`."""
    runs: list[Run] = []
    kept: Path | None = None
    phases: list[dict[str, float]] = []
    for i in range(repeats):
        home = work / f"build-{documents.parent.name}-{i}"
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        run = run_measured(build_cmd(documents, home / "warehouse.duckdb"))
        if run.returncode not in PUBLISHED:
            raise SystemExit(
                f"build of {documents} failed ({run.returncode}):\n{run.stdout[-3000:]}{run.stderr[-3000:]}"
            )
        runs.append(run)
        phases.append(_phases(home / "warehouse.duckdb"))
        if keep and i == repeats - 1:
            kept = home / "warehouse.duckdb"
        else:
            shutil.rmtree(home, ignore_errors=True)
    n_files = sum(1 for p in documents.iterdir() if p.is_file())
    result = {
        "documents": n_files,
        "megabytes": folder_bytes(documents) / 1e6,
        "seconds": median([r.seconds for r in runs]),
        "seconds_all": [round(r.seconds, 2) for r in runs],
        "peak_mb": median([r.peak_mb for r in runs]),
        "phases": {k: median([p.get(k, 0.0) for p in phases]) for k in phases[0]} if phases else {},
        "load": round(median([r.load for r in runs]), 1),
    }
    return result, kept


def _last_run(warehouse: Path) -> Path:
    runs = sorted(p for p in (warehouse.parent / ".ntp-runs").iterdir() if p.is_dir() and p.name[:1].isdigit())
    return runs[-1]


def _phases(warehouse: Path) -> dict[str, float]:
    """Wall time of each phase of the last build (its run.json)."""
    return json.loads((_last_run(warehouse) / "run.json").read_text(encoding="utf-8")).get("seconds", {})


def bench_load(warehouse: Path, repeats: int) -> dict:
    """dbt's load of the extracted seeds in the last build against DuckDB read_csv of the same files."""
    import duckdb

    dbt_dir = warehouse.parent / ".ntp-runs" / "dbt"
    results = json.loads((_last_run(warehouse) / "run_results.json").read_text(encoding="utf-8"))
    seed_seconds = {
        r["unique_id"].rsplit(".", 1)[-1]: r["execution_time"]
        for r in results["results"]
        if r["unique_id"].startswith("seed.") and ".extracted_" in r["unique_id"]
    }
    files = {name: dbt_dir / "seeds" / f"{name}.csv" for name in seed_seconds}
    read_csv: list[float] = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as d:
            con = duckdb.connect(str(Path(d) / "read_csv.duckdb"))
            t = time.perf_counter()
            for name, path in files.items():
                con.execute(f"create table {name} as select * from read_csv('{path}', header = true)")
            read_csv.append(time.perf_counter() - t)
            con.close()
    dbt_total = sum(seed_seconds.values())
    rows = sum(sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in files.values())
    mb = sum(p.stat().st_size for p in files.values()) / 1e6
    duck = median(read_csv)
    return {
        "files": len(files),
        "rows": rows,
        "megabytes": mb,
        "dbt_seed_seconds": dbt_total,
        "read_csv_seconds": duck,
        "ratio": dbt_total / duck if duck else float("nan"),
    }


def bench_add_one(warehouse: Path, documents: Path, extra: Path, repeats: int) -> dict:
    """Add one new document at a time to the corpus folder and rebuild (incremental, as a scheduled run)."""
    new_docs = sorted(p for p in (extra / "documents").iterdir() if p.is_file())[:repeats]
    runs: list[Run] = []
    phases: list[dict[str, float]] = []
    added: list[Path] = []
    base = sum(1 for p in documents.iterdir() if p.is_file())
    try:
        for doc in new_docs:
            target = documents / f"added_{doc.name}"
            shutil.copyfile(doc, target)
            added.append(target)
            run = run_measured(build_cmd(documents, warehouse))
            if run.returncode not in PUBLISHED:
                raise SystemExit(f"rebuild after adding {doc.name} failed:\n{run.stdout[-3000:]}{run.stderr[-3000:]}")
            runs.append(run)
            phases.append(_phases(warehouse))
    finally:
        for p in added:
            p.unlink(missing_ok=True)
    return {
        "base_documents": base,
        "seconds": median([r.seconds for r in runs]),
        "seconds_all": [round(r.seconds, 2) for r in runs],
        "peak_mb": median([r.peak_mb for r in runs]),
        "phases": {k: median([p.get(k, 0.0) for p in phases]) for k in phases[0]} if phases else {},
        "load": round(median([r.load for r in runs]), 1),
    }


def compile_analyses(warehouse: Path, work: Path) -> dict[str, str]:
    """`dbt compile` of every analysis against `warehouse` through the read-only target: name -> SQL (also the
    tests' fixture, tests/python/conftest.py)."""
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "NTP_WAREHOUSE_PATH": str(warehouse),
        "NTP_DBT_TARGET": "readonly",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    target = work / "analyses-target"
    result = subprocess.run(
        [
            str(BIN / "dbt"),
            "compile",
            "--select",
            "resource_type:analysis",
            "--project-dir",
            str(ROOT),
            "--target-path",
            str(target),
            "--log-path",
            str(work / "analyses-logs"),
            "--quiet",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"dbt compile of the analyses failed:\n{result.stdout[-4000:]}{result.stderr[-4000:]}")
    compiled = target / "compiled" / "ntp_warehouse" / "analyses"
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(compiled.glob("*.sql"))}


def bench_analyses(warehouse: Path, work: Path, repeats: int) -> list[dict]:
    import duckdb

    queries = compile_analyses(warehouse, work)
    out = []
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for name, sql in queries.items():
            t = time.perf_counter()
            rows = len(con.sql(sql).fetchall())
            first = time.perf_counter() - t
            timings = []
            for _ in range(max(repeats, 5)):
                t = time.perf_counter()
                con.sql(sql).fetchall()
                timings.append(time.perf_counter() - t)
            out.append(
                {
                    "analysis": name,
                    "rows": rows,
                    "first_ms": first * 1000,
                    "median_ms": median(timings) * 1000,
                    "max_ms": max(timings) * 1000,
                }
            )
    finally:
        con.close()
    return out


def score(warehouse: Path, key: Path) -> dict:
    """The in-repository scorer (tests/python/scoring.py): the reference scorer's rules and numbers (test_scoring.py
    checks they agree), with the key indexed by file, where the reference filters the whole key for every file
    (quadratic: hours at 10,000 documents)."""
    sys.path.insert(0, str(ROOT / "tests" / "python"))
    from scoring import score as score_warehouse

    return score_warehouse(warehouse, key).as_dict()


# ----------------------------------------------------------------------------- the machine
def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    from importlib.metadata import version

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "duckdb": version("duckdb"),
        "dbt_core": version("dbt-core"),
        "dbt_duckdb": version("dbt-duckdb"),
        "commit": (commit.stdout.strip() or "unknown") + (" (modified)" if dirty.stdout.strip() else ""),
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


# ----------------------------------------------------------------------------- the report
@dataclass
class Results:
    machine: dict
    sizes: list[int]
    repeats: int
    extraction: list[dict] = field(default_factory=list)
    builds: list[dict] = field(default_factory=list)
    load: dict = field(default_factory=dict)
    add_one: dict = field(default_factory=dict)
    analyses: list[dict] = field(default_factory=list)
    accuracy: dict = field(default_factory=dict)
    ocr: dict = field(default_factory=dict)
    large_repeats: int | None = None  # runs of each build over LARGE documents (None: --repeats)
    spark: list[dict] = field(default_factory=list)  # extraction on local Spark beside the local run
    notes: list[str] = field(default_factory=list)  # what the person running the benchmark saw (--note)


LARGE = 10_000  # corpora over this many documents are built --large-repeats times (a 100,000 build is long)


# ----------------------------------------------------------------------------- OCR
def scanned_sample(work: Path) -> Path:
    """The sample documents printed to PDF (A4, 11 pt, wrapped at the margin) and scanned at 200 dpi."""
    folder = work / "scanned-sample"
    if folder.is_dir() and any(folder.glob("*.pdf")):
        return folder
    sys.path.insert(0, str(ROOT / "tests" / "python"))
    from pdf_builders import print_pdf, scan_pdf, units_of

    tmp = work / "printed-sample"
    tmp.mkdir(parents=True, exist_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    for n, src in enumerate(sorted((ROOT / "documents").glob("*.txt"))):
        pdf = print_pdf(units_of(src), tmp / f"{src.stem}.pdf", running_header=src.stem[:24])
        scan_pdf(pdf, folder / f"{src.stem}.pdf", dpi=200, seed=n)
    return folder


def bench_ocr(work: Path, repeats: int) -> dict:
    import resource

    import pypdfium2 as pdfium

    from loaders import ocr

    folder = scanned_sample(work)
    files = sorted(folder.glob("*.pdf"))
    pages = 0
    for f in files:
        doc = pdfium.PdfDocument(str(f))
        pages += len(doc)
        doc.close()
    cores = os.cpu_count() or 1
    runs = []
    for jobs in sorted({1, cores}):
        times, cpus, loads = [], [], []
        for _ in range(repeats):
            loads.append(os.getloadavg()[0])
            code = (
                "import sys; from pathlib import Path; from loaders.extract import extract_folder; "
                "from loaders.ocr import OcrSettings; "
                f"r = extract_folder(Path({str(folder)!r}), workers=1, ocr=OcrSettings(jobs={jobs})); "
                "sys.exit(1 if r.rejected else 0)"
            )
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
            times.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
            loads.append(os.getloadavg()[0])
            if done.returncode != 0:
                raise RuntimeError(f"OCR benchmark failed: {done.stderr[-2000:]}")
        seconds = median(times)
        runs.append(
            {
                "jobs": jobs,
                "seconds": round(seconds, 2),
                "pages_per_minute": round(60 * pages / seconds, 1),
                "cpu_seconds_per_page": round(median(cpus) / pages, 2),
                "seconds_all": [round(t, 1) for t in times],
                "load": round(max(loads), 1),
            }
        )
    return {
        "files": len(files),
        "pages": pages,
        "megabytes": round(sum(f.stat().st_size for f in files) / 1e6, 2),
        "engine": ocr.engine_version(),
        "dpi": ocr.OcrSettings().dpi,
        "runs": runs,
    }


def render_ocr(o: dict) -> list[str]:
    best = max(o["runs"], key=lambda r: r["pages_per_minute"])
    lowest_cpu = min(r["cpu_seconds_per_page"] for r in o["runs"])
    per_hour = best["pages_per_minute"] * 60
    lines = [
        "## OCR",
        "",
        f"The sample corpus printed to PDF (A4, 11 pt) and scanned at 200 dpi: {o['files']} files, {o['pages']} pages,",
        f"{o['megabytes']:.1f} MB. `extract_folder` reads every page by OCR ({o['engine']}, Vietnamese model, pages",
        f"rendered at {o['dpi']} dpi, straightened, ruling lines found and painted out, one `tesseract` per page) with",
        "one page at a time and with one page per core; no OCR cache. CPU seconds count every process.",
        "",
        "| pages at once | wall s | pages per minute | CPU s per page | load average | runs (s) |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for r in o["runs"]:
        lines.append(
            f"| {r['jobs']} | {r['seconds']:.1f} | {r['pages_per_minute']:.1f} | {r['cpu_seconds_per_page']:.2f} | "
            f"{r.get('load', '')} | {', '.join(str(s) for s in r['seconds_all'])} |"
        )
    lines += [
        "",
        "The load average is the machine's (1 minute, highest seen at the start and end of the runs): other work on",
        "the two cores slows OCR in proportion, and one page per core only helps when the cores are free. The CPU",
        f"time per page bounds what free cores give: about {60 / lowest_cpu:.0f} pages per minute per core.",
        "",
        f"What a scanned corpus costs on this machine at {best['pages_per_minute']:.0f} pages per minute: a 60-page",
        f"scanned plan {60 / best['pages_per_minute']:.1f} minutes; 1,000 documents of 10 pages "
        f"{10_000 / per_hour:.1f} hours; 10,000 such",
        f"documents {100_000 / per_hour:.0f} hours. OCR runs once per file content (the OCR cache keeps every page's",
        "words by the file's SHA-256 and the OCR settings), so only new or changed scans pay it again; a first",
        "build of a scanned corpus of that size wants more than one machine.",
    ]
    return lines


def replace_section(text: str, heading: str, section: list[str]) -> str:
    """`text` with the section under `heading` (up to the next '## ') replaced by `section`, or it appended."""
    lines = text.rstrip("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if line == heading), None)
    if start is None:
        return "\n".join([*lines, "", *section]) + "\n"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    tail = ["", *lines[end:]] if end < len(lines) else []
    return "\n".join([*lines[:start], *section, *tail]) + "\n"


SPARK = "## Extraction on Spark"
OCR = "## OCR"


def keep_section(text: str, old: str, heading: str) -> str:
    """`text` with the section under `heading` that `old` had (a run that did not measure it keeps the last
    measurement)."""
    if f"\n{heading}\n" not in old:
        return text
    section = old[old.index(f"\n{heading}\n") + 1 :].rstrip("\n").split("\n")
    end = next((i for i in range(1, len(section)) if section[i].startswith("## ")), None)
    return replace_section(text, heading, section[:end])


def keep_unmeasured(results: Results, text: str, old: str) -> str:
    """The rendered `text` with the sections this run did not measure as `old` had them."""
    if not results.ocr:
        text = keep_section(text, old, OCR)
    if not results.spark:
        text = keep_section(text, old, SPARK)
    return text


def _acc_row(label: str, s: dict) -> str:
    return (
        f"| {label} | {s['documents_correct']}/{s['documents']} | {s['targets_recall']:.3f} | "
        f"{s['targets_precision']:.3f} | {s['funding_recall']:.3f} | {s['funding_precision']:.3f} | "
        f"{s['targets_gold']} / {s['funding_gold']} |"
    )


def growth_lines(builds: list[dict]) -> list[str]:
    """Time and peak memory from each size to the next one ten times larger: no worse than linear?"""
    by_size = {b["documents"]: b for b in builds}
    lines = []
    for small in sorted(by_size):
        large = by_size.get(small * 10)
        if large is None:
            continue
        ratio = large["seconds"] / by_size[small]["seconds"]
        memory = large["peak_mb"] / by_size[small]["peak_mb"]
        lines.append(
            f"Growth from {small:,} to {small * 10:,} documents: {ratio:.1f}x the time for 10x the documents "
            f"({'no worse than' if ratio <= 10 else 'WORSE than'} linear); peak memory {memory:.2f}x."
        )
    return ["", *lines] if lines else []


def render_spark(spark: list[dict]) -> list[str]:
    """Extraction on local Spark beside the local extraction of the same corpus (benchmarks/spark_extract.py)."""
    lines = [
        "## Extraction on Spark",
        "",
        "One generated corpus extracted cold (no cache) by `ntp-warehouse extract` on this machine (one process per",
        "core) and by `ntp-warehouse extract --engine spark` on a local Spark with as many cores (`local[N]`, its JVM",
        "start included), each timed end to end with the peak memory of its process tree; the two outputs compared",
        "byte for byte.",
        "",
        "| corpus | cores | local s | local peak MB | Spark s | Spark peak MB | outputs | load |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for s in spark:
        local, on_spark = s["local"], s["spark"]
        lines.append(
            f"| {s['documents']:,} generated documents | {s['cores']} | {local['seconds']:.1f} | "
            f"{local['peak_mb']:,.0f} | {on_spark['seconds']:.1f} | {on_spark['peak_mb']:,.0f} | "
            f"{'identical' if s['identical'] else 'DIFFERENT'} | {s.get('load', '')} |"
        )
    if not spark:
        lines.append("| not measured (`make bench` without --skip-spark measures it) | | | | | | | |")
    return lines


def render(r: Results) -> str:
    m = r.machine
    largest = r.builds[-1] if r.builds else None
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks.bench`); do not edit by hand. Generated corpora come from",
        "`benchmarks/generate_corpus.py` (invented figures, real place names, about 2% .docx/.xlsx). Timings are",
        f"medians of {r.repeats} cold runs (new warehouse folder, no extraction cache) unless said otherwise"
        + (
            f"; corpora over {LARGE:,} documents are built {r.large_repeats} time(s)."
            if r.large_repeats is not None and r.large_repeats != r.repeats and any(n > LARGE for n in r.sizes)
            else "."
        ),
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB memory, {m['os']}; Python {m['python']},",
        f"DuckDB {m['duckdb']}, dbt-core {m['dbt_core']}, dbt-duckdb {m['dbt_duckdb']}; commit {m['commit']}, "
        f"{m['date']}.",
        *(line for note in r.notes for line in ("", f"Note: {note}")),
        "",
        "## Extraction",
        "",
        "`extract_folder` and writing the seed CSVs, in a fresh interpreter (imports not counted).",
        "",
        "| corpus | files | MB | workers | seconds | documents/s | MB/s | rows |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for e in r.extraction:
        lines.append(
            f"| {e['label']} | {e['files']} | {e['megabytes']:.2f} | {e['workers']} | {e['seconds']:.2f} | "
            f"{e['docs_per_s']:.0f} | {e['mb_per_s']:.2f} | {e['rows']} |"
        )
    lines += [
        "",
        "## `ntp-warehouse build`",
        "",
        "A cold build: extract, validate (Great Expectations, alongside dbt), `dbt build` with every test into a",
        "candidate file, publish, Parquet exports. Peak memory: the largest sum of PSS over the build's process tree",
        "(sampled every 200 ms). Load: the machine's 1-minute load average during the build (2 cores: above 2, other",
        "work shares them and the wall time stretches in proportion; peak memory does not depend on it).",
        "",
        "| documents | MB | wall s | s per 1,000 docs | peak memory MB | extract s | dbt + validation s | load "
        "| runs (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for b in r.builds:
        ph = b["phases"]
        lines.append(
            f"| {b['documents']:,} | {b['megabytes']:.1f} | {b['seconds']:.1f} | "
            f"{1000 * b['seconds'] / b['documents']:.1f} | {b['peak_mb']:.0f} | {ph.get('extract', 0):.1f} | "
            f"{ph.get('dbt + validation', 0):.1f} | {b.get('load', '')} | "
            f"{', '.join(str(s) for s in b['seconds_all'])} |"
        )
    lines += growth_lines(r.builds)
    if r.load:
        ld = r.load
        lines += [
            "",
            "## Load step",
            "",
            f"The extracted seeds of the {largest['documents']:,}-document build ({ld['files']} CSV files, "
            f"{ld['rows']:,} rows, {ld['megabytes']:.1f} MB): dbt's seed nodes (the project's DuckDB seed",
            "materialization, `read_csv` with the declared column types) against DuckDB's own `read_csv` of the same",
            "files into tables of a new database file.",
            "",
            "| dbt seed load s | DuckDB read_csv s | ratio |",
            "|---:|---:|---:|",
            f"| {ld['dbt_seed_seconds']:.2f} | {ld['read_csv_seconds']:.2f} | {ld['ratio']:.2f}x |",
        ]
    if r.add_one:
        a = r.add_one
        ph = a["phases"]
        lines += [
            "",
            "## Adding one document",
            "",
            f"One new document copied into the {a['base_documents']:,}-document folder, then `ntp-warehouse build`",
            "as a scheduled run does it (incremental: unchanged files come from the extraction cache; in a copy of",
            "the published file the new document's rows are added to the extracted tables, and dbt rebuilds and",
            "tests what depends on them).",
            "",
            "| wall s | extract s | dbt + validation s | Parquet exports s | peak memory MB | load | runs (s) |",
            "|---:|---:|---:|---:|---:|---:|---|",
            f"| {a['seconds']:.1f} | {ph.get('extract', 0):.1f} | {ph.get('dbt + validation', 0):.1f} | "
            f"{ph.get('Parquet exports', 0):.1f} | {a['peak_mb']:.0f} | {a.get('load', '')} | "
            f"{', '.join(str(s) for s in a['seconds_all'])} |",
        ]
    lines += ["", *render_spark(r.spark)]
    if r.analyses:
        lines += [
            "",
            "## Analyses",
            "",
            f"Every query of `analyses/` (compiled by dbt) on the {largest['documents']:,}-document warehouse, through",
            "a read-only DuckDB connection: the first run and the median and maximum of the next runs.",
            "",
            "| analysis | rows | first ms | median ms | max ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for q in r.analyses:
            lines.append(
                f"| {q['analysis']} | {q['rows']} | {q['first_ms']:.1f} | {q['median_ms']:.1f} | {q['max_ms']:.1f} |"
            )
    if r.accuracy:
        lines += [
            "",
            "## Accuracy",
            "",
            "`tests/python/scoring.py` on the published warehouse: the rules of the reference scorer",
            "(`tests/data/score_gold.py`), which `test_scoring.py` shows give the same numbers; the reference",
            "scorer itself filters the whole key for every file, which grows with the square of the corpus.",
            "",
            "| corpus | documents right | targets recall | targets precision | funding recall | funding precision |"
            " key rows (targets / funding) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for label, s in r.accuracy.items():
            lines.append(_acc_row(label, s))
    if r.ocr:
        lines += ["", *render_ocr(r.ocr)]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="10,100,1000,10000", help="corpus sizes to build (comma-separated)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument(
        "--large-repeats", type=int, default=1, help=f"builds of each corpus over {LARGE:,} documents (default 1)"
    )
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--seed", type=int, default=1719)
    ap.add_argument(
        "--render",
        type=Path,
        metavar="RESULTS_JSON",
        help="measure nothing: rewrite --out from an earlier run's results",
    )
    ap.add_argument(
        "--note",
        action="append",
        default=[],
        help="a remark printed under the machine line (e.g. what else ran on the machine); may be repeated",
    )
    ap.add_argument("--ocr-only", action="store_true", help="measure OCR alone and rewrite only its section of --out")
    ap.add_argument(
        "--skip-ocr",
        action="store_true",
        help="measure no OCR (the small benchmark of the tests); the OCR section of --out is kept as it is",
    )
    ap.add_argument(
        "--skip-spark",
        action="store_true",
        help="no extraction on local Spark (needs `make install-spark`); the Spark section of --out is kept",
    )
    ap.add_argument("--spark-size", type=int, default=10_000, help="documents extracted on local Spark and locally")
    ap.add_argument(
        "--keep-largest",
        action="store_true",
        help="keep the largest corpus's published warehouse, state and caches in --work (to measure more on it)",
    )
    a = ap.parse_args(argv)
    if a.render:
        old = a.out.read_text(encoding="utf-8") if a.out.exists() else ""
        results = Results(**json.loads(a.render.read_text(encoding="utf-8")))
        results.notes += a.note
        a.out.write_text(keep_unmeasured(results, render(results), old), encoding="utf-8")
        return 0
    sizes = sorted({int(s) for s in a.sizes.split(",") if s.strip()})
    work = a.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    if a.ocr_only:
        o = bench_ocr(work, a.repeats)
        old = a.out.read_text(encoding="utf-8") if a.out.exists() else "# Benchmarks\n"
        a.out.write_text(replace_section(old, OCR, render_ocr(o)), encoding="utf-8")
        (work / "ocr_results.json").write_text(json.dumps(o, indent=2), encoding="utf-8")
        return 0
    results = Results(machine(), sizes, a.repeats, large_repeats=a.large_repeats, notes=a.note)
    old_text = a.out.read_text(encoding="utf-8") if a.out.exists() else ""

    def say(msg: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)

    def checkpoint() -> None:
        """results.json and --out as measured so far (a stopped run keeps them); with --skip-ocr or --skip-spark,
        the section --out had is kept."""
        (work / "results.json").write_text(json.dumps(results.__dict__, indent=2, ensure_ascii=False), encoding="utf-8")
        text = render(results)
        a.out.write_text(keep_unmeasured(results, text, old_text), encoding="utf-8")

    say(f"generating {sizes[-1]:,} documents (seed {a.seed})")
    corpus = generated_corpus(work, sizes[-1], a.seed)
    extra = generated_corpus(work, max(a.repeats, 1), a.seed + 1)  # documents to add, one at a time
    prefixes = {n: corpus_prefix(corpus, n, work) for n in sizes}

    cores = os.cpu_count() or 1
    extraction_corpus = prefixes[min(1000, sizes[-1])]
    for label, folder in (
        ("sample (documents/)", ROOT / "documents"),
        (f"generated, {min(1000, sizes[-1]):,} documents", extraction_corpus / "documents"),
    ):
        for workers in sorted({1, cores}):
            say(f"extraction: {label}, {workers} worker(s)")
            e = bench_extraction(folder, a.repeats, workers)
            e["label"] = label
            results.extraction.append(e)

    kept: Path | None = None
    for n in sizes:
        repeats = a.large_repeats if n > LARGE else a.repeats
        say(f"build: {n:,} documents x {repeats}")
        b, kept = bench_build(prefixes[n] / "documents", work, repeats, keep=(n == sizes[-1]))
        results.builds.append(b)
        checkpoint()
        say(f"  {b['seconds']:.1f} s, peak {b['peak_mb']:.0f} MB")
    assert kept is not None
    largest = prefixes[sizes[-1]]

    if not a.skip_spark:
        from benchmarks.spark_extract import measure

        n = min(a.spark_size, sizes[-1])
        say(f"extraction of {n:,} documents on local Spark and locally ({cores} cores)")
        with tempfile.TemporaryDirectory(dir=work, prefix="spark-extract-") as tmp:
            results.spark = [measure(corpus_prefix(corpus, n, work) / "documents", Path(tmp), cores, 1)]
        checkpoint()

    say("load step against read_csv")  # before adding a document: the last build must be the full one
    results.load = bench_load(kept, a.repeats)
    say("adding one document")
    results.add_one = bench_add_one(kept, largest / "documents", extra, a.repeats)
    checkpoint()
    say(f"  {results.add_one['seconds']:.1f} s, peak {results.add_one['peak_mb']:.0f} MB")
    say("analyses latency")
    results.analyses = bench_analyses(kept, work, a.repeats)
    checkpoint()
    say("accuracy")
    results.accuracy[f"generated, {sizes[-1]:,} documents"] = score(kept, largest / "answer_key")
    with tempfile.TemporaryDirectory(dir=work) as d:
        sample = Path(d) / "warehouse.duckdb"
        run = run_measured(build_cmd(ROOT / "documents", sample, "--no-exports"))
        if run.returncode in PUBLISHED:
            results.accuracy["sample (documents/, ../shared/gold)"] = score(sample, SAMPLE_GOLD)
    checkpoint()
    if not a.skip_ocr:
        say("OCR of the scanned sample corpus")
        results.ocr = bench_ocr(work, a.repeats)
    checkpoint()
    if a.keep_largest:
        say(f"kept {kept.parent}")
    else:
        shutil.rmtree(kept.parent, ignore_errors=True)
    say(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
