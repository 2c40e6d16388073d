"""End to end: Apache Superset on the marts, looked at through headless Chromium (bi/README.md).

Given the sample warehouse, a Superset set up by `make bi` (which installs bi/.venv when it is missing) in a state
folder of its own and served on a free port of 127.0.0.1; when a browser logs in and opens the dashboard, then every
chart renders, with Vietnamese labels and the totals the marts hold. And while a connection opened the way Superset
opens it (read-only) is held on the warehouse, a build publishes onto the same path, and the dashboard then shows the
new file's figures. Last, a warehouse of generated series of allocations, adjustments and disbursements
(benchmarks/ledger.py) replaces the file, and the allocation in force and the districts' lines the dashboard shows
are the generator's key, line for line (the sample corpus states no allocation decision, so those views are empty
on it).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import threading
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
LANG_SON_CENTRAL_LINES = {"investment": Decimal("543193"), "recurrent": Decimal("588800")}
LANG_SON_CENTRAL_TOTAL = Decimal("1131993")
WHOLE_PROGRAMME = "Toàn Chương trình (không phân theo dự án)"  # the dashboard's label for lines of no project
NO_PROJECT = "Chung"  # the targets bar chart's label for figures of no project
CENTRAL, LOCAL = "Trung ương (central)", "Địa phương (local)"  # the central-versus-local chart's series
# the labels of the allocation-in-force dataset (bi/dashboard/datasets/ntp_warehouse/allocation_in_force.yaml)
WHOLE_PROVINCE_LINE = "Toàn Chương trình"
CAPITAL_LABELS = {"investment": "Vốn đầu tư phát triển", "recurrent": "Vốn sự nghiệp", None: "Không phân loại"}
LEVEL_LABELS = {
    "central": "Ngân sách trung ương",
    "provincial": "Ngân sách tỉnh",
    "district": "Ngân sách huyện",
    "commune": "Ngân sách xã",
    "local": "Ngân sách địa phương",
    None: "Không nêu",
}
IN_FORCE_AMOUNTS = ("allocated", "adjustments", "in_force", "disbursed")


@dataclass
class Superset:
    url: str
    home: Path
    warehouse: Path
    env: dict[str, str]
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
    os.killpg(process.pid, signal.SIGTERM)  # the process's own process group (start_new_session)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def superset(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Superset]:
    """Superset serving its own copy of the sample warehouse (the session's warehouse stays untouched)."""
    started = time.monotonic()
    chromium = subprocess.run(["bash", str(BI / "ensure_chromium.sh")], capture_output=True, text=True, timeout=900)
    assert chromium.returncode == 0, chromium.stdout[-2000:] + chromium.stderr[-2000:]
    print(f"\nbi/ensure_chromium.sh: {time.monotonic() - started:.0f} s")

    root = tmp_path_factory.mktemp("bi")
    warehouse = root / "warehouse.duckdb"
    shutil.copy2(built_warehouse, warehouse)
    home = root / "superset_home"
    env = {
        **os.environ,
        "SUPERSET_HOME": str(home),
        "SUPERSET_CONFIG_PATH": str(BI / "superset_config.py"),
        "NTP_WAREHOUSE_PATH": str(warehouse),
    }
    started = time.monotonic()
    # installs bi/.venv when missing (or older than bi/requirements.txt), then sets Superset up in `home`
    made = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "bi"], env=env, capture_output=True, text=True, timeout=1800
    )
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-5000:]
    print(f"make bi: {time.monotonic() - started:.0f} s")

    port = _free_port()
    log = root / "superset.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(BI / "serve.sh")],
            env={**env, "NTP_BI_PORT": str(port)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Superset(f"http://127.0.0.1:{port}", home, warehouse, env, process, log)
    try:
        _wait_healthy(server)
        yield server
    finally:
        _stop(process)


def open_dashboard(server: Superset, screenshot: Path) -> dict:
    """Log in and open the dashboard in headless Chromium (bi/check_dashboard.py); its report."""
    result = subprocess.run(
        [str(BI_PYTHON), str(BI / "check_dashboard.py"), "--url", server.url, "--screenshot", str(screenshot)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.stdout.strip(), result.stderr[-4000:]
    report = json.loads(result.stdout)
    failed = [c for c in report["charts"] if c["state"] not in ("rendered", "empty")]
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


def _amount(shown: str) -> Decimal:
    return Decimal(shown.replace(",", ""))


@dataclass(frozen=True)
class Expected:
    """What the marts of one warehouse hold, queried directly (not through the dashboard's datasets)."""

    province_names: dict[str, str]  # code -> name
    top_totals: dict[str, Decimal]  # province name -> planned amount of its documents' top lines of no project
    central_lines: dict[str, Decimal]  # Lạng Sơn: capital type -> central amount
    levels: dict[str, dict[str, Decimal]]  # province name -> series -> amount of the highest lines naming a level
    targets: dict[str, int]  # "DA1. name" -> figures
    targets_by_code: dict[str, int]  # "DA1" (or NO_PROJECT) -> figures
    district_targets: dict[tuple[str, str], int]  # (province, "huyện Bắc Sơn") -> figures of it and its communes
    in_force: dict[tuple, tuple]  # a province's own line -> (allocated, adjustments, in force, disbursed)
    area_lines: dict[tuple, tuple]  # a district's or commune's line -> (in force, disbursed)


def expected_from(warehouse: Path) -> Expected:
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
        central = con.execute(
            """
            select capital_type, amount_million_vnd from marts.fct_budget_allocations
            where province_code = ? and budget_level = 'central'
            """,
            [LANG_SON],
        ).fetchall()
        # a line naming a budget level counts unless its parent names one already (it is then part of the parent)
        levels = con.execute(
            """
            select provinces.province_name, if(lines.budget_level = 'central', ?, ?), sum(lines.amount_million_vnd)
            from marts.fct_budget_allocations as lines
            inner join marts.dim_province as provinces using (province_code)
            left join marts.fct_budget_allocations as parents
                on parents.document_id = lines.document_id and parents.line_code = lines.parent_line_code
            where lines.budget_level is not null and parents.budget_level is null
            group by all
            """,
            [CENTRAL, LOCAL],
        ).fetchall()
        targets = con.execute("""
            select targets.project_code, projects.project_code || '. ' || projects.project_name_vi, count(*)
            from marts.fct_indicator_targets as targets
            left join marts.dim_project as projects using (project_code)
            group by all
        """).fetchall()
        district_targets = con.execute("""
            select provinces.province_name, districts.area_type || ' ' || districts.area_name, count(*)
            from marts.fct_indicator_targets as targets
            inner join marts.dim_area as areas on areas.area_code = targets.area_code
            inner join marts.dim_area as districts on districts.area_code = areas.district_code
            inner join marts.dim_province as provinces on provinces.province_code = targets.province_code
            group by all
        """).fetchall()
        lines = con.execute("""
            select
                provinces.province_name, lines.area_code is null and lines.area_name is null,
                districts.area_type || ' ' || districts.area_name, areas.area_type || ' ' || areas.area_name,
                lines.area_name, lines.project_code, lines.period_start_year, lines.period_end_year,
                lines.capital_type, lines.budget_level, cast(lines.disbursed_as_of_date as varchar),
                lines.allocated_million_vnd, lines.adjustment_million_vnd, lines.in_force_million_vnd,
                lines.disbursed_million_vnd
            from marts.fct_allocation_in_force as lines
            left join marts.dim_province as provinces on provinces.province_code = lines.province_code
            left join marts.dim_area as areas on areas.area_code = lines.area_code
            left join marts.dim_area as districts on districts.area_code = areas.district_code
        """).fetchall()
    finally:
        con.close()
    in_force: dict[tuple, tuple] = {}
    area_lines: dict[tuple, tuple] = {}
    for province, whole, district, area, area_name, project, start, end, capital, level, as_of, *amounts in lines:
        period = str(start) if start == end else f"{start}-{end}"
        line = (project or WHOLE_PROVINCE_LINE, period, CAPITAL_LABELS[capital], LEVEL_LABELS[level])
        if whole:
            key = (province, *line, as_of)
            in_force[key] = tuple(_add(a, b) for a, b in zip(in_force.get(key, (None,) * 4), amounts, strict=True))
        else:
            key = (province, district or area_name, area or area_name, *line)
            before = area_lines.get(key, (None, None))
            area_lines[key] = (_add(before[0], amounts[2]), _add(before[1], amounts[3]))
    by_level: dict[str, dict[str, Decimal]] = {}
    for province, series, amount in levels:
        by_level.setdefault(province, {})[series] = amount
    return Expected(
        province_names=names,
        top_totals=dict(tops),
        central_lines=dict(central),
        levels=by_level,
        targets={label: n for _code, label, n in targets if label},
        targets_by_code={code or NO_PROJECT: n for code, _label, n in targets},
        district_targets={(province, district): n for province, district, n in district_targets},
        in_force=in_force,
        area_lines=area_lines,
    )


def _add(total: Decimal | None, value: Decimal | None) -> Decimal | None:
    return value if total is None else total if value is None else total + value


def _number(value: object) -> Decimal | None:
    """A figure of a chart's data (JSON: int or float) or of the marts (Decimal), to compare to the thousandth."""
    return None if value is None else round(Decimal(str(value)), 3)


def check_new_views(report: dict, expected: Expected) -> None:
    """The allocation in force, and the districts' targets and lines: each line of the marts shown once, as it is."""
    # targets by district (a table): figures of each district and its communes
    chart = _chart(report, "district_target_table.yaml")
    if not expected.district_targets:
        assert chart["state"] == "empty", chart
    else:
        assert chart["kind"] == "table" and chart["rows"][0][:2] == ["Tỉnh (province)", "Huyện (district)"]
        shown = {(r["province_name"], r["district_label"]): r["figures"] for r in chart["data"]}
        assert shown == expected.district_targets, (shown, expected.district_targets)

    # the allocation in force of a province's own lines (a table): original, adjustments, in force, disbursed, rate
    chart = _chart(report, "in_force_table.yaml")
    if not expected.in_force:
        assert chart["state"] == "empty", chart
    else:
        assert chart["kind"] == "table" and chart["rows"][0][-5:] == [
            "Giao ban đầu (allocated)",
            "Điều chỉnh (adjustments)",
            "Hiệu lực (in force)",
            "Đã giải ngân (disbursed)",
            "Tỷ lệ giải ngân (rate)",
        ]
        keys = ("province_name", "project_label", "period_label", "capital_type_label", "budget_level_label")
        shown = {
            (*(r[k] for k in keys), r["disbursed_as_of"]): tuple(_number(r[m]) for m in IN_FORCE_AMOUNTS)
            for r in chart["data"]
        }
        assert len(shown) == len(chart["data"])  # one row per line
        want = {k: tuple(_number(v) for v in amounts) for k, amounts in expected.in_force.items()}
        assert shown == want, set(shown.items()) ^ set(want.items())
        for r in chart["data"]:
            if r["disbursed"] is not None and r["in_force"]:
                assert abs(r["disbursement_rate"] - r["disbursed"] / r["in_force"]) < 1e-9, r
        in_force = [amounts[2] for amounts in expected.in_force.values() if amounts[2] is not None]
        assert any(_fmt(amount) in row for amount in in_force for row in chart["rows"][1:])  # as the table shows it

    # the lines of districts and communes (a table): in force and disbursed
    chart = _chart(report, "district_funding_table.yaml")
    if not expected.area_lines:
        assert chart["state"] == "empty", chart
    else:
        assert chart["kind"] == "table" and chart["rows"][0][1] == "Huyện (district)"
        keys = (
            "province_name",
            "district_label",
            "area_label",
            "project_label",
            "period_label",
            "capital_type_label",
            "budget_level_label",
        )
        shown = {tuple(r[k] for k in keys): (_number(r["in_force"]), _number(r["disbursed"])) for r in chart["data"]}
        want = {k: tuple(_number(v) for v in amounts) for k, amounts in expected.area_lines.items()}
        assert shown == want, set(shown.items()) ^ set(want.items())


def check_dashboard(report: dict, expected: Expected) -> None:
    """Every chart against the marts: Vietnamese labels, and the figures shown equal to the figures held."""
    assert report["page_title"] == "Ngân sách và chỉ tiêu — ntp-warehouse"
    assert len(report["charts"]) == 8
    check_new_views(report, expected)
    lang_son = expected.province_names[LANG_SON]
    assert lang_son == "Lạng Sơn"

    # funding by province and project (a table): one row per province top line, Vietnamese names, the stated totals
    funding = _chart(report, "fund_table.yaml")
    assert funding["kind"] == "table"
    header, *rows = funding["rows"]
    assert header[0] == "Tỉnh (province)" and header[1] == "Dự án (project)"
    assert header[-1] == "Triệu đồng (million VND)"
    shown: dict[str, Decimal] = {}
    for province, project, _year, phase, _document, amount in rows:
        if project == WHOLE_PROGRAMME and phase == "planned":
            shown[province] = shown.get(province, Decimal(0)) + _amount(amount)
    assert shown == expected.top_totals, (funding["rows"], expected.top_totals)
    assert expected.top_totals[lang_son] == LANG_SON_PLANNED_TOTAL
    assert any(row[0] == lang_son and row[-1] == _fmt(LANG_SON_PLANNED_TOTAL) for row in rows)

    # central versus local (bars on a canvas): the figures it was drawn from, per province and series
    bars = _chart(report, "level_bar.yaml")
    assert bars["kind"] == "canvas"
    drawn = {
        row["province_name"]: {s: Decimal(str(row[s])) for s in (CENTRAL, LOCAL) if row.get(s) is not None}
        for row in bars["data"]
    }
    assert drawn == expected.levels, (bars["data"], expected.levels)
    assert drawn[lang_son][CENTRAL] == LANG_SON_CENTRAL_TOTAL

    # central versus local by capital type (a pivot table): Lạng Sơn's central column holds its two central lines
    pivot = _chart(report, "level_pivot.yaml")
    assert pivot["kind"] == "table"
    levels = next(row for row in pivot["rows"] if row and row[0] == "Cấp ngân sách")[1:]
    central_at = levels.index("Ngân sách trung ương")
    assert expected.central_lines == LANG_SON_CENTRAL_LINES
    central_cells = {}
    for capital_type, label in (("investment", "Vốn đầu tư phát triển"), ("recurrent", "Vốn sự nghiệp")):
        row = next(r for r in pivot["rows"] if label in r)  # Lạng Sơn's rows come first (provinces a to z)
        values = row[-(len(levels) + 1) : -1]  # the level columns, before the row total
        central_cells[capital_type] = _amount(values[central_at])
    assert central_cells == expected.central_lines, (central_cells, pivot["rows"])
    assert sum(central_cells.values()) == LANG_SON_CENTRAL_TOTAL
    assert lang_son in pivot["text"]

    # targets by project (bars on a canvas, and a table): every project's figures; names with their diacritics
    target_bars = _chart(report, "target_bar.yaml")
    assert target_bars["kind"] == "canvas"
    drawn_targets = {row["project_code_label"]: row["figures"] for row in target_bars["data"]}
    assert drawn_targets == expected.targets_by_code, (drawn_targets, expected.targets_by_code)
    targets = _chart(report, "target_table.yaml")
    assert targets["kind"] == "table"
    shown_targets = {row[0]: row[1] for row in targets["rows"][1:] if row}
    for project, figures in expected.targets.items():
        assert shown_targets.get(project) == _fmt(figures), (project, shown_targets)
    assert "DA1. Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt" in shown_targets
    assert shown_targets["Summary"] == _fmt(sum(expected.targets_by_code.values()))  # the table's total row


def _wrong_versions(expected: Expected) -> Iterator[tuple[str, Expected]]:
    """The expected figures with one of them off by one: the dashboard check must reject each."""
    lang_son = expected.province_names[LANG_SON]
    yield (
        "funding total",
        dataclasses.replace(expected, top_totals={**expected.top_totals, lang_son: expected.top_totals[lang_son] + 1}),
    )
    yield (
        "central bar",
        dataclasses.replace(
            expected,
            levels={**expected.levels, lang_son: {**expected.levels[lang_son], CENTRAL: LANG_SON_CENTRAL_TOTAL + 1}},
        ),
    )
    yield (
        "central line",
        dataclasses.replace(
            expected, central_lines={**expected.central_lines, "recurrent": expected.central_lines["recurrent"] + 1}
        ),
    )
    code, figures = next(iter(expected.targets_by_code.items()))
    yield "target bar", dataclasses.replace(expected, targets_by_code={**expected.targets_by_code, code: figures + 1})
    label, figures = next(iter(expected.targets.items()))
    yield "target table", dataclasses.replace(expected, targets={**expected.targets, label: figures + 1})
    district, figures = next(iter(expected.district_targets.items()))
    yield (
        "district targets",
        dataclasses.replace(expected, district_targets={**expected.district_targets, district: figures + 1}),
    )
    yield "an allocation in force where there is none", dataclasses.replace(expected, in_force={("x",): (1,) * 4})
    yield (
        "a province too many",
        dataclasses.replace(expected, top_totals={**expected.top_totals, "Cao Bằng": Decimal(1)}),
    )


def test_dashboard_renders_the_marts_with_vietnamese_labels(superset: Superset, capsys) -> None:
    # given Superset on the sample warehouse, when a person opens the dashboard
    screenshot = SCREENSHOTS / "dashboard.png"
    screenshot.unlink(missing_ok=True)
    report = open_dashboard(superset, screenshot)

    # then every chart shows what the marts hold
    expected = expected_from(superset.warehouse)
    check_dashboard(report, expected)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 50_000

    # and the check would have noticed any figure off by one
    for what, wrong in _wrong_versions(expected):
        with pytest.raises(AssertionError):
            check_dashboard(report, wrong)
            pytest.fail(f"a wrong {what} went unnoticed")
    with capsys.disabled():
        print(f"\ndashboard screenshot: {screenshot} (loaded in {report['seconds']} s)")


def _open_files(pids: set[int]) -> set[str]:
    """Every file the given processes hold open (a replaced file reads '<path> (deleted)')."""
    held = set()
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                held.add(os.readlink(fd))
        except OSError:
            continue
    return held


def _process_group(pgid: int) -> set[int]:
    pids = set()
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and os.getpgid(int(proc.name)) == pgid:
                pids.add(int(proc.name))
        except OSError:
            continue
    return pids


class Holder:
    """bi/hold_connection.py: Superset's own read-only connection to the warehouse, held open until released."""

    def __init__(self, server: Superset, log: Path) -> None:
        self._stderr = log.open("w")
        self.process = subprocess.Popen(
            [str(BI_PYTHON), str(BI / "hold_connection.py")],
            env=server.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            start_new_session=True,
        )
        self._log = log
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("{"):  # Superset prints its own notices on standard output too
                self._lines.put(line)
        self._lines.put(None)

    def next_line(self, timeout: float = 180) -> dict:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            line = None
        assert line is not None, f"hold_connection.py said nothing:\n{self._log.read_text()[-3000:]}"
        return json.loads(line)

    def release(self) -> dict:
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        line = self.next_line()
        assert self.process.wait(timeout=60) == 0, self._log.read_text()[-3000:]
        return line

    def close(self) -> None:
        _stop(self.process)
        self._stderr.close()


def test_build_publishes_while_superset_holds_its_connection(superset: Superset, tmp_path: Path, capsys) -> None:
    # given Superset has just served the dashboard from the warehouse, and holds a connection to it open
    open_dashboard(superset, SCREENSHOTS / "dashboard-before-build.png")
    before = expected_from(superset.warehouse)
    holder = Holder(superset, tmp_path / "hold_connection.log")
    try:
        held = holder.next_line()
        assert Path(held["warehouse"]) == superset.warehouse
        assert "read-only" in (held["write_refused"] or ""), held  # the connection cannot write
        assert str(superset.warehouse) in _open_files({held["pid"]}), "the held connection has the file open"
        lang_son = before.province_names[LANG_SON]
        assert held["figures"][lang_son] == [f"{LANG_SON_PLANNED_TOTAL}.000", f"{LANG_SON_CENTRAL_TOTAL}.000"]

        # when a build publishes onto the same path, from the documents of every province but one
        con = duckdb.connect(str(superset.warehouse), read_only=True)
        try:
            dropped_code, dropped_files = con.execute(
                """
                select documents.province_code, string_agg(documents.source_files, ',')
                from marts.dim_document as documents
                where documents.province_code <> ? and documents.document_id in (
                    select document_id from marts.fct_budget_allocations
                )
                group by all order by 1 limit 1
                """,
                [LANG_SON],
            ).fetchone()
        finally:
            con.close()
        dropped_name = before.province_names[dropped_code]
        assert dropped_name in held["figures"] and dropped_name in before.top_totals
        dropped = set(dropped_files.split(","))
        documents = tmp_path / "documents"
        documents.mkdir()
        for path in (ROOT / "documents").iterdir():
            if path.name not in dropped:
                shutil.copy2(path, documents / path.name)
        inode = superset.warehouse.stat().st_ino
        result = run_cli("build", "--documents", str(documents), "--warehouse", str(superset.warehouse), "--no-exports")

        # then it publishes, a new file renamed into place, while the held connection goes on reading the old one
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "PUBLISHED" in result.stdout
        assert superset.warehouse.stat().st_ino != inode
        assert holder.process.poll() is None, "the held connection died during the build"
        assert f"{superset.warehouse} (deleted)" in _open_files({held["pid"]})
        assert holder.release()["figures"] == held["figures"]  # the file it opened, whole: the publish broke nothing
    finally:
        holder.close()

    # and Superset's server holds no connection between queries (each query opens the warehouse anew)
    assert not {f for f in _open_files(_process_group(superset.process.pid)) if f.startswith(str(superset.warehouse))}

    # and the dashboard shows the new file: that province gone, Lạng Sơn unchanged
    after = expected_from(superset.warehouse)
    assert dropped_name not in after.top_totals and dropped_name not in after.levels
    assert after.top_totals[lang_son] == LANG_SON_PLANNED_TOTAL
    screenshot = SCREENSHOTS / "dashboard-after-build.png"
    report = open_dashboard(superset, screenshot)
    check_dashboard(report, after)
    with pytest.raises(AssertionError):
        check_dashboard(report, before)  # the old file's figures are no longer what it shows
    with capsys.disabled():
        print(f"\ndashboard screenshot after the build: {screenshot}")


def _key_lines(key_folder: Path, names: dict[str, str]) -> tuple[dict[tuple, tuple], dict[tuple, tuple]]:
    """The generator's key (in_force.csv), in the dashboard's words: a province's own lines, then its areas' lines
    (without the area, which the key names as written)."""
    with (key_folder / "in_force.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    own: dict[tuple, tuple] = {}
    areas: dict[tuple, tuple] = {}
    for r in rows:
        line = (
            names[r["province_code"]],
            r["project_code"] or WHOLE_PROVINCE_LINE,
            r["plan_year"],
            CAPITAL_LABELS[r["capital_type"] or None],
            LEVEL_LABELS[r["budget_level"] or None],
        )
        amounts = [_number(r[f"{m}_million_vnd"] or None) for m in ("allocated", "adjustment", "in_force", "disbursed")]
        if r["area_name"]:
            areas[(*line, r["area_name"])] = (amounts[2], amounts[3])
        else:
            own[(*line, r["disbursed_as_of_date"] or None)] = tuple(amounts)
    return own, areas


def test_dashboard_shows_the_allocation_in_force_and_the_districts_lines_of_the_generators_key(
    superset: Superset, ledger_warehouse: tuple[Path, Path], capsys
) -> None:
    # given the warehouse of generated series about the same budget lines, published onto Superset's path
    copy = superset.warehouse.with_name("ledger.duckdb")
    shutil.copy2(ledger_warehouse[0], copy)
    os.replace(copy, superset.warehouse)
    expected = expected_from(superset.warehouse)
    own, areas = _key_lines(ledger_warehouse[1], expected.province_names)
    assert own and areas

    # when a person opens the dashboard
    screenshot = SCREENSHOTS / "dashboard-in-force.png"
    report = open_dashboard(superset, screenshot)

    # then the in-force and district views show every line of the marts, once, as they are
    check_new_views(report, expected)
    # and those are the generator's key: each province's own line (allocated, adjustments, in force, disbursed and
    # the date it stands at), and each district's or commune's line
    assert dict(expected.in_force) == own, set(expected.in_force.items()) ^ set(own.items())
    shown_areas = sorted((*k[:1], *k[3:], *v) for k, v in expected.area_lines.items())
    assert shown_areas == sorted((*k[:5], *v) for k, v in areas.items())
    # and the check would notice a line off by one
    line, amounts = next((k, v) for k, v in expected.in_force.items() if v[2] is not None)
    wrong = (*amounts[:2], amounts[2] + 1, amounts[3])
    with pytest.raises(AssertionError):
        check_new_views(report, dataclasses.replace(expected, in_force={**expected.in_force, line: wrong}))
        pytest.fail("a wrong amount in force went unnoticed")
    with capsys.disabled():
        print(f"\ndashboard screenshot of the allocation in force: {screenshot}")
