"""Scheduled rebuilds while people read: a killed build never harms the published warehouse, readers never fail
and never see a mix of two builds, bad input never costs the good documents, and a second build never runs at
the same time as the first."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from conftest import BIN, ROOT, run_cli
from doc_builders import cp1258_bytes, minimal_pdf
from scoring import score

SEEDS = ROOT / "seeds" / "extracted"
GOLD = ROOT / "tests" / "data" / "gold"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _start_build(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "ntp-warehouse"), "build", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def _wait_for(proc: subprocess.Popen, marker: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    assert proc.stderr is not None
    for line in proc.stderr:
        if marker in line:
            return
        if time.monotonic() > deadline:
            break
    raise AssertionError(f"the build never printed {marker!r}")


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if text in cmdline:
                found.append(int(pid))
    return found


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    warehouse = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    result = run_cli("build", "--documents", str(ROOT / "documents"), "--warehouse", str(warehouse), "--no-exports")
    assert result.returncode == 0, result.stdout + result.stderr
    return warehouse


def _kill_at(published: Path, phase: str) -> subprocess.Popen:
    env = {"NTP_BUILD_PAUSE_AT": phase} if phase != "dbt" else {}
    # --full --no-cache: every phase really runs (no file comes from the extraction cache)
    proc = _start_build(
        "--documents",
        str(ROOT / "documents"),
        "--warehouse",
        str(published),
        "--no-exports",
        "--full",
        "--no-cache",
        env=env,
    )
    _wait_for(proc, f"NTP_BUILD_PAUSED {phase}" if phase != "dbt" else "dbt build:")
    return proc


def _assert_intact(published: Path, before: str) -> None:
    time.sleep(1)
    assert _digest(published) == before
    con = duckdb.connect(str(published), read_only=True)
    assert con.execute("select count(*) from marts.fct_indicator_targets").fetchone()[0] > 0
    con.close()
    assert not _processes_mentioning(str(published.parent / ".ntp-runs")), "an orphan process survived the kill"


def test_a_build_killed_at_any_point_leaves_the_published_file_intact(published: Path):
    before = _digest(published)
    for phase in ("extract", "dbt", "publish"):
        # given a build of the same warehouse, when it is killed with SIGKILL during `phase`
        proc = _kill_at(published, phase)
        if phase == "dbt":
            time.sleep(random.uniform(0.0, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        # then the published file is byte-identical and readable, and no orphan dbt goes on writing
        _assert_intact(published, before)
    # and the next build succeeds
    result = run_cli("build", "--documents", str(ROOT / "documents"), "--warehouse", str(published), "--no-exports")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_second_build_does_not_run_alongside_the_first(published: Path):
    before = _digest(published)
    first = _kill_at(published, "publish")
    try:
        # when a second build starts while the first holds the lock
        second = run_cli(
            "build", "--documents", str(ROOT / "documents"), "--warehouse", str(published), "--no-exports", timeout=120
        )
        # then it exits 75 with a clear message and changes nothing
        assert second.returncode == 75, second.stdout + second.stderr
        assert "another build is running" in second.stderr
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=60)
    _assert_intact(published, before)


READER = textwrap.dedent("""
    import json, sys, time, duckdb
    path, out, stop = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(out, "w") as f:
        while True:
            try:
                con = duckdb.connect(path, read_only=True)
                row = con.execute(
                    "select (select run_id from ops.current_build), "
                    "(select count(*) from marts.fct_indicator_targets), "
                    "(select count(*) from marts.fct_budget_allocations), "
                    "(select count(*) from marts.dim_document)").fetchone()
                con.close()
                f.write(json.dumps({"ok": list(row)}) + "\\n")
            except Exception as exc:
                f.write(json.dumps({"error": repr(exc)}) + "\\n")
            f.flush()
            import os
            if os.path.exists(stop):
                break
            time.sleep(0.02)
""")


def _smaller_seeds(tmp_path: Path) -> Path:
    """The committed CSVs without one document: a second, different state of the warehouse."""
    seeds = tmp_path / "seeds_b"
    shutil.copytree(SEEDS, seeds)
    with (seeds / "extracted_documents.csv").open(encoding="utf-8") as f:
        dropped = next(r for r in csv.DictReader(f) if r["primary_file"].startswith("004"))["document_id"]
    for path in seeds.glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.startswith(dropped)), encoding="utf-8")
    return seeds


def test_readers_never_fail_and_never_see_a_mix_of_builds(published: Path, tmp_path: Path):
    seeds_b = _smaller_seeds(tmp_path)
    stop = tmp_path / "stop"
    logs = [tmp_path / f"reader{i}.jsonl" for i in range(2)]
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(published), str(log), str(stop)]) for log in logs]
    try:
        time.sleep(1)
        for seeds in (seeds_b, SEEDS, seeds_b):
            result = run_cli("build", "--seeds-dir", str(seeds), "--warehouse", str(published), "--no-exports")
            assert result.returncode == 0, result.stdout + result.stderr
        time.sleep(1)
    finally:
        stop.touch()
        for r in readers:
            r.wait(timeout=60)
    records = [json.loads(line) for log in logs for line in log.read_text().splitlines()]
    errors = [r["error"] for r in records if "error" in r]
    assert not errors, errors[:5]
    states: dict[str, set[tuple]] = {}
    for r in records:
        run_id, *counts = r["ok"]
        states.setdefault(run_id, set()).add(tuple(counts))
    assert len(records) > 50 and len(states) >= 3, (len(records), states)
    assert all(len(counts) == 1 for counts in states.values()), states  # one run id, one consistent state


def _bad_corpus(tmp_path: Path) -> Path:
    docs = tmp_path / "documents"
    shutil.copytree(ROOT / "documents", docs)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "garbage.bin").write_bytes(random.Random(7).randbytes(20_000))
    (docs / "scan.pdf").write_bytes(minimal_pdf([[]]))
    with (docs / "huge.txt").open("w", encoding="utf-8") as f:
        line = "Hỗ trợ nhà ở cho 640 hộ đồng bào dân tộc thiểu số nghèo trên địa bàn tỉnh Hà Giang. " * 4 + "\n"
        while f.tell() < 50 * 1024 * 1024:
            f.write(line * 500)
    plan = (
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\n\nKẾ HOẠCH\n\nThực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - "
        "xã hội vùng đồng bào dân tộc thiểu số và miền núi trên địa bàn tỉnh Hà Giang năm 2024\n\n"
        "1. Dự án 1: Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt\n\n"
        "- Chỉ tiêu: hỗ trợ nhà ở cho 1.120 hộ; hỗ trợ nước sinh hoạt phân tán cho 2.340 hộ.\n\n"
        "2. Nguồn vốn: tổng vốn thực hiện là 245.600 triệu đồng.\n"
    )
    (docs / "kế hoạch Hà Giang (Windows-1258).txt").write_bytes(cp1258_bytes(plan))
    article = (ROOT / "documents" / "003_1e422d0ab28d4cfd.txt").read_bytes()
    (docs / "truncated plan.txt").write_bytes(article[: len(article) // 3 + 1])
    scripts = "".join(f"<script>var x{i} = 'Dự án {i}: 100 hộ';</script>" for i in range(200))
    (docs / "page.html").write_text(
        f"<html><head>{scripts}</head><body><nav>Trang chủ | Thời sự</nav><article><h1>Tỉnh Sơn La triển khai "
        "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi năm "
        "2024</h1><p>Năm 2024, tỉnh hỗ trợ nhà ở cho 930 hộ đồng bào dân tộc thiểu số nghèo.</p></article>"
        f"{scripts}</body></html>",
        encoding="utf-8",
    )
    (docs / "no province.txt").write_text(
        "KẾ HOẠCH\n\nThực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc "
        "thiểu số và miền núi năm 2024\n\nHỗ trợ nhà ở cho 50 hộ.\n",
        encoding="utf-8",
    )
    (docs / "quotes'; drop table marts.dim_province; --.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN\n\nKẾ HOẠCH\n\nThực hiện Chương trình mục tiêu quốc gia phát triển kinh tế "
        "- xã hội vùng đồng bào dân tộc thiểu số và miền núi năm 2024\n\n"
        'Dự án "nhà ở" \'; drop table marts.dim_province; -- hỗ trợ nhà ở cho 75 hộ; '
        "select * from marts.fct_budget_allocations; hỗ trợ 12 công trình nước sinh hoạt.\n",
        encoding="utf-8",
    )
    shutil.copy2(ROOT / "documents" / "002_a9ee52e6de03f7b5.txt", docs / "Bản sao tin Nghệ An.txt")
    return docs


def test_bad_inputs_are_rejected_with_reasons_and_the_good_documents_still_load(tmp_path: Path):
    docs = _bad_corpus(tmp_path)
    warehouse = tmp_path / "wh" / "warehouse.duckdb"
    result = run_cli("build", "--documents", str(docs), "--warehouse", str(warehouse), "--no-exports")
    assert result.returncode == 0, result.stdout + result.stderr
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rejected = dict(con.execute("select source_file, reason from marts.rpt_rejected_documents").fetchall())
        details = con.execute("select detail from marts.rpt_rejected_documents").fetchall()
        documents = con.execute("select source_files, province_code from marts.dim_document").fetchall()
        peak = con.execute("select peak_memory_mb from ops.current_build").fetchone()[0]
        provinces = con.execute("select count(*) from marts.dim_province").fetchone()[0]
        hg = con.execute("select count(*) from marts.fct_indicator_targets where province_code = '02'").fetchone()[0]
    finally:
        con.close()
    assert rejected["empty.txt"] == "empty_file"
    assert rejected["garbage.bin"] in ("binary_content", "unsupported_format")
    assert rejected["scan.pdf"] == "no_text_layer"
    assert rejected["huge.txt"] == "too_large"
    assert rejected["no province.txt"] == "no_province"
    for (detail,) in details:
        assert detail and len(detail) > 20
    # unusual but readable: loaded
    assert hg == 2  # the Windows-1258 plan's two targets
    assert any("page.html" in files for files, _ in documents)
    assert any("drop table" in files for files, _ in documents) and provinces == 64
    assert any("Bản sao tin Nghệ An.txt" in files and "002_a9ee52e6de03f7b5.txt" in files for files, _ in documents)
    # every fact of the good samples is still there
    s = score(warehouse, GOLD)
    assert s.targets_recall == 1.0 and s.funding_recall == 1.0, s.misses
    assert peak < 1024, f"peak memory {peak} MB"


def test_strict_mode_fails_when_a_document_is_rejected(tmp_path: Path):
    docs = tmp_path / "documents"
    shutil.copytree(ROOT / "documents", docs)
    (docs / "empty.txt").write_bytes(b"")
    warehouse = tmp_path / "warehouse.duckdb"
    result = run_cli("build", "--documents", str(docs), "--warehouse", str(warehouse), "--strict", "--no-exports")
    assert result.returncode == 5, result.stdout + result.stderr
    assert not warehouse.exists()
    assert "empty.txt" in result.stdout + result.stderr
