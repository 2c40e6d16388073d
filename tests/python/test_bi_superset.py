"""End to end: Apache Superset on the marts, looked at through headless Chromium (bi/README.md).

Given the sample warehouse, a Superset set up by `make bi` in a state folder of its own and served on a free port
of 127.0.0.1; when a browser logs in and opens the dashboard, then every chart renders, with Vietnamese labels and
the totals the marts hold. And a build that publishes onto the same warehouse while Superset serves it succeeds,
and the dashboard then shows the new file's figures.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import yaml
from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow

BI = ROOT / "bi"
BI_PYTHON = BI / ".venv" / "bin" / "python"
SCREENSHOTS = BI / "screenshots"  # git-ignored
# figures the sample corpus states (59/KH-UBND, Lạng Sơn 2023): the planned total and its central budget lines
LANG_SON = "20"
LANG_SON_PLANNED_TOTAL = Decimal("1238075")
LANG_SON_CENTRAL_LINES = {Decimal("543193"), Decimal("588800")}
WHOLE_PROGRAMME = "Toàn Chương trình (không phân theo dự án)"  # the dashboard's label for lines of no project


@dataclass
class Superset:
    url: str
    home: Path
    warehouse: Path
    process: subprocess.Popen
    log: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(server: Superset, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"Superset exited ({server.process.returncode}):\n{server.log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"Superset did not answer on {server.url} within {timeout} s:\n{server.log.read_text()[-4000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # the server's own process group, started below
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def superset(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Superset]:
    """Superset serving its own copy of the sample warehouse (the session's warehouse stays untouched)."""
    chromium = subprocess.run(["bash", str(BI / "ensure_chromium.sh")], capture_output=True, text=True, timeout=900)
    assert chromium.returncode == 0, chromium.stdout[-2000:] + chromium.stderr[-2000:]

    root = tmp_path_factory.mktemp("bi")
    warehouse = root / "warehouse.duckdb"
    shutil.copy2(built_warehouse, warehouse)
    home = root / "superset_home"
    env = {**os.environ, "SUPERSET_HOME": str(home), "NTP_WAREHOUSE_PATH": str(warehouse)}
    started = time.monotonic()
    made = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "bi"], env=env, capture_output=True,
                          text=True, timeout=1800)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-5000:]
    print(f"make bi: {time.monotonic() - started:.0f} s")

    port = _free_port()
    log = root / "superset.log"
    with log.open("w") as out:
        process = subprocess.Popen([str(BI / "serve.sh")], env={**env, "NTP_BI_PORT": str(port)}, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = Superset(url=f"http://127.0.0.1:{port}", home=home, warehouse=warehouse, process=process, log=log)
    try:
        _wait_healthy(server)
        yield server
    finally:
        _stop(process)


def open_dashboard(server: Superset, screenshot: Path) -> dict:
    """Log in and open the dashboard in headless Chromium (bi/check_dashboard.py); its report."""
    result = subprocess.run([str(BI_PYTHON), str(BI / "check_dashboard.py"), "--url", server.url,
                             "--screenshot", str(screenshot)], capture_output=True, text=True, timeout=600)
    assert result.stdout.strip(), result.stderr[-4000:]
    report = json.loads(result.stdout)
    failed = [c for c in report["charts"] if c["state"] != "rendered"]
    assert result.returncode == 0 and not failed, (failed, result.stderr[-3000:], server.log.read_text()[-3000:])
    return report


def _chart(report: dict, bundle_file: str) -> dict:
    title = yaml.safe_load((BI / "dashboard" / "charts" / bundle_file).read_text(encoding="utf-8"))["slice_name"]
    matches = [c for c in report["charts"] if c["title"] == title]
    assert len(matches) == 1, (title, [c["title"] for c in report["charts"]])
    return matches[0]


def _fmt(amount: Decimal | int) -> str:
    """As the dashboard formats million VND and counts (d3 ',.0f')."""
    return f"{amount:,.0f}"


@dataclass
class Expected:
    province_names: dict[str, str]
    top_totals: dict[str, Decimal]  # province name -> planned amount of its documents' top lines of no project
    central_lines: dict[str, Decimal]  # capital type -> central amount, Lạng Sơn
    targets: dict[str, int]  # "DA1. name" -> figures


def expected_from(warehouse: Path) -> Expected:
    """What the marts of `warehouse` hold, queried directly (not through the dashboard's datasets)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = dict(con.execute("select province_code, province_name from marts.dim_province").fetchall())
        tops = con.execute("""
            select provinces.province_name, sum(allocations.amount_million_vnd)
            from marts.fct_budget_allocations as allocations
            inner join marts.dim_province as provinces using (province_code)
            where allocations.parent_line_code is null and allocations.budget_phase = 'planned'
                and allocations.project_code is null
            group by all
        """).fetchall()
        central = con.execute("""
            select capital_type, amount_million_vnd from marts.fct_budget_allocations
            where province_code = ? and budget_level = 'central'
        """, [LANG_SON]).fetchall()
        targets = con.execute("""
            select projects.project_code || '. ' || projects.project_name_vi, count(*)
            from marts.fct_indicator_targets as targets
            inner join marts.dim_project as projects using (project_code)
            group by all
        """).fetchall()
    finally:
        con.close()
    return Expected(names, dict(tops), dict(central), dict(targets))


def check_dashboard(report: dict, expected: Expected) -> None:
    assert report["page_title"] == "Ngân sách và chỉ tiêu — ntp-warehouse"
    assert len(report["charts"]) == 5
    lang_son = expected.province_names[LANG_SON]
    assert lang_son == "Lạng Sơn"

    # funding by province and project: one row per province top line, Vietnamese names, the stated totals
    funding = _chart(report, "fund_table.yaml")
    assert funding["kind"] == "table"
    header, *rows = funding["rows"]
    assert header[0] == "Tỉnh (province)" and header[-1] == "Triệu đồng (million VND)"
    shown: dict[str, Decimal] = {}
    for province, project, _year, phase, _document, amount in rows:
        if project == WHOLE_PROGRAMME and phase == "planned":
            shown[province] = shown.get(province, Decimal(0)) + Decimal(amount.replace(",", ""))
    assert shown == expected.top_totals, funding["rows"]
    assert shown[lang_son] == LANG_SON_PLANNED_TOTAL
    assert any(row[0] == lang_son and row[-1] == _fmt(LANG_SON_PLANNED_TOTAL) for row in rows)

    # central versus local: a bar chart drawn, and the pivot's central column holds Lạng Sơn's two central lines
    assert _chart(report, "level_bar.yaml")["kind"] == "canvas"
    pivot = _chart(report, "level_pivot.yaml")
    levels = next(row for row in pivot["rows"] if row and row[0] == "Cấp ngân sách")[1:]
    central_at = levels.index("Ngân sách trung ương")
    assert set(expected.central_lines.values()) == LANG_SON_CENTRAL_LINES
    for capital_type, label in (("investment", "Vốn đầu tư phát triển"), ("recurrent", "Vốn sự nghiệp")):
        row = next(r for r in pivot["rows"] if label in r)
        values = row[-(len(levels) + 1):-1]  # the level columns, before the row total
        assert values[central_at] == _fmt(expected.central_lines[capital_type]), (label, row)
    assert lang_son in pivot["text"]

    # targets by project: every project's name with its diacritics, and its number of figures
    assert _chart(report, "target_bar.yaml")["kind"] == "canvas"
    targets = _chart(report, "target_table.yaml")
    shown = {row[0]: row[1] for row in targets["rows"][1:] if row}
    for project, figures in expected.targets.items():
        assert shown.get(project) == _fmt(figures), (project, shown)
    assert "DA1. Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt" in shown


def test_dashboard_renders_the_marts_with_vietnamese_labels(superset: Superset, capsys) -> None:
    # given Superset on the sample warehouse, when a person opens the dashboard
    screenshot = SCREENSHOTS / "dashboard.png"
    report = open_dashboard(superset, screenshot)

    # then every chart shows what the marts hold
    check_dashboard(report, expected_from(superset.warehouse))
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 50_000
    with capsys.disabled():
        print(f"\ndashboard screenshot: {screenshot} (loaded in {report['seconds']} s)")


def _open_files(pgid: int) -> set[str]:
    """Every file the processes of one process group hold open."""
    held = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if os.getpgid(int(proc.name)) != pgid:
                continue
            for fd in (proc / "fd").iterdir():
                held.add(os.readlink(fd))
        except OSError:
            continue
    return held


def test_build_publishes_while_superset_serves_the_warehouse(superset: Superset, tmp_path: Path, capsys) -> None:
    # given Superset has just served the dashboard from the warehouse
    open_dashboard(superset, SCREENSHOTS / "dashboard-before-build.png")
    assert str(superset.warehouse) not in _open_files(superset.process.pid), "Superset holds the warehouse open"

    # when a build publishes onto the same path, from the documents of every province but one
    con = duckdb.connect(str(superset.warehouse), read_only=True)
    try:
        dropped_code, dropped_files = con.execute("""
            select documents.province_code, string_agg(documents.source_files, ',')
            from marts.dim_document as documents
            where documents.province_code <> ? and documents.document_id in (
                select document_id from marts.fct_budget_allocations
            )
            group by all order by 1 limit 1
        """, [LANG_SON]).fetchone()
    finally:
        con.close()
    dropped = set(dropped_files.split(","))
    documents = tmp_path / "documents"
    documents.mkdir()
    for path in (ROOT / "documents").iterdir():
        if path.name not in dropped:
            shutil.copy2(path, documents / path.name)
    inode = superset.warehouse.stat().st_ino
    result = run_cli("build", "--documents", str(documents), "--warehouse", str(superset.warehouse), "--no-exports")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "PUBLISHED" in result.stdout
    assert superset.warehouse.stat().st_ino != inode  # a new file, renamed into place

    # then the dashboard still loads, and shows the new file: that province is gone, Lạng Sơn unchanged
    screenshot = SCREENSHOTS / "dashboard-after-build.png"
    report = open_dashboard(superset, screenshot)
    expected = expected_from(superset.warehouse)
    assert expected.province_names[dropped_code] not in expected.top_totals
    check_dashboard(report, expected)
    with capsys.disabled():
        print(f"\ndashboard screenshot after the build: {screenshot}")
