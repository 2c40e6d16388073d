"""Extraction on local Spark beside the local run: the same generated corpus (benchmarks/generate_corpus.py, reused
from `make bench`'s work folder when there) extracted by `ntp-warehouse extract` on this machine (one process per
core) and by `ntp-warehouse extract --engine spark` on a local Spark with as many cores, both cold (no cache), each
timed end to end (the Spark run includes starting its JVM) with the peak memory of its process tree; the two
outputs must be byte-identical. Prints a JSON line of results and a Markdown table row for BENCHMARKS.md.

    .venv/bin/python -m benchmarks.spark_extract --documents 10000 [--cores 2] [--repeats 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.bench import BIN, ROOT, corpus_prefix, generated_corpus, median, run_measured


def extract_cmd(documents: Path, out: Path, engine: str, cores: int) -> list[str]:
    cmd = [str(BIN / "ntp-warehouse"), "extract", "--documents", str(documents), "--out", str(out)]
    if engine == "spark":
        return [*cmd, "--engine", "spark", "--spark-master", f"local[{cores}]"]
    return [*cmd, "--workers", str(cores)]


def measure(documents: Path, work: Path, cores: int, repeats: int) -> dict:
    results: dict = {"documents": len([p for p in documents.iterdir() if p.is_file()]), "cores": cores}
    outputs: dict[str, dict[str, bytes]] = {}
    loads: list[float] = []  # the machine's load average during each run
    for engine in ("local", "spark"):
        seconds, peaks = [], []
        for _ in range(repeats):
            out = work / f"extracted-{engine}"
            shutil.rmtree(out, ignore_errors=True)
            run = run_measured(extract_cmd(documents, out, engine, cores), env={**os.environ})
            if run.returncode != 0:
                raise SystemExit(f"{engine} extraction failed:\n{run.stdout}\n{run.stderr[-5000:]}")
            seconds.append(run.seconds)
            peaks.append(run.peak_mb)
            loads.append(run.load)
            outputs[engine] = {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}
        results[engine] = {"seconds": median(seconds), "peak_mb": max(peaks), "runs": seconds}
    results["load"] = round(max(loads), 1)
    results["identical"] = outputs["local"] == outputs["spark"]
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.spark_extract", description=__doc__)
    ap.add_argument("--documents", type=int, default=10_000, help="generated documents to extract")
    ap.add_argument("--cores", type=int, default=2, help="local worker processes, and local[N] for Spark")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1719)
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    a = ap.parse_args(argv)
    work = a.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    print(f"[bench-spark {time.strftime('%H:%M:%S')}] corpus of {a.documents:,} documents", flush=True)
    corpus = corpus_prefix(generated_corpus(work, a.documents, a.seed), a.documents, work) / "documents"
    with tempfile.TemporaryDirectory(dir=work, prefix="spark-extract-") as tmp:
        r = measure(corpus, Path(tmp), a.cores, a.repeats)
    print(json.dumps(r), flush=True)
    local, spark = r["local"], r["spark"]
    cells = [
        f"{r['documents']:,} generated documents, {a.cores} cores",
        f"{local['seconds']:.0f} s, {local['peak_mb']:,.0f} MB",
        f"{spark['seconds']:.0f} s, {spark['peak_mb']:,.0f} MB",
        "identical" if r["identical"] else "DIFFERENT",
    ]
    print("| extraction | local | local Spark | output |\n|---|---|---|---|\n| " + " | ".join(cells) + " |")
    return 0 if r["identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
