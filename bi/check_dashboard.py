"""Open the ntp-warehouse dashboard in headless Chromium as a person would, and report what it shows.

Run with the BI environment's interpreter (it has selenium):

    bi/.venv/bin/python bi/check_dashboard.py --url http://127.0.0.1:8088 --screenshot bi/screenshots/dashboard.png

Logs in through the login form, opens the dashboard, waits until every chart has rendered (a table or a canvas),
is empty (its query answered with no rows: the warehouse holds nothing for it) or failed, saves a screenshot, and
prints one JSON object: each chart's title, text, table rows and error, and the data the chart was drawn from (the
page's own /api/v1/chart/data answer, recorded in the browser: the only way to read the figures of a chart drawn on a
canvas). Exit 0 when every chart rendered or is empty, 1 otherwise. Needs Debian's `chromium`
and `chromium-driver` (bi/ensure_chromium.sh).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

# the flags a closed network needs: without the background-networking ones Chromium's own connections are refused
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--lang=vi-VN",
)

# state of every chart on the page: rendered (a table or a drawn canvas), failed (an alert), or still loading
_CHARTS_JS = """
return [...document.querySelectorAll('[data-test="chart-grid-component"]')].map(chart => {
    const body = chart.querySelector('[data-test="chart-container"]');
    const title = chart.querySelector('[data-test="editable-title"]');
    const alert = chart.querySelector('[role="alert"], .ant-alert, [data-test="error-message"]');
    const canvas = body && [...body.querySelectorAll('canvas')].find(c => c.width > 0 && c.height > 0);
    const table = body && body.querySelector('table td');
    const loading = chart.querySelector('[data-test="loading-indicator"], .loading');
    const rows = body ? [...body.querySelectorAll('tr')].map(
        tr => [...tr.querySelectorAll('th, td')].map(cell => cell.innerText.trim())).filter(r => r.length) : [];
    return {
        id: chart.getAttribute('data-test-chart-id'),
        title: title ? title.innerText.trim() : '',
        state: alert ? 'error' : (loading ? 'loading' : ((canvas || table) ? 'rendered' : 'loading')),
        kind: table ? 'table' : (canvas ? 'canvas' : null),
        error: alert ? alert.innerText.trim() : null,
        text: body ? body.innerText : '',
        rows: rows,
    };
});
"""


# installed before any page script runs: records every chart-data answer the page receives, with the chart's id (the
# dashboard asks /api/v1/chart/data?form_data={"slice_id": N}); Superset's client captures window.fetch when it loads
_RECORD_CHART_DATA_JS = """
(() => {
    const seen = window.__ntpChartData = [];
    const original = window.fetch;
    window.fetch = async function (input, init) {
        const response = await original.apply(this, arguments);
        const url = typeof input === 'string' ? input : (input && input.url) || '';
        if (url.includes('/api/v1/chart/data')) {
            response.clone().json().then(
                json => seen.push({url: url, status: response.status, json: json}),
                error => seen.push({url: url, status: response.status, error: String(error)}));
        }
        return response;
    };
})();
"""


def _slice_id(url: str) -> str | None:
    form_data = parse_qs(urlsplit(url).query).get("form_data")
    try:
        return str(json.loads(form_data[0])["slice_id"]) if form_data else None
    except (ValueError, KeyError, TypeError):
        return None


def _chart_data(driver: webdriver.Chrome) -> dict[str, dict]:
    """The last chart-data answer per chart id: its status, column names, rows and error."""
    answers: dict[str, dict] = {}
    for answer in driver.execute_script("return window.__ntpChartData || []"):
        chart_id = _slice_id(answer["url"])
        if chart_id is None:
            continue
        results = (answer.get("json") or {}).get("result") or [{}]
        answers[chart_id] = {
            "status": answer["status"],
            "colnames": results[0].get("colnames"),
            "data": results[0].get("data"),
            "error": answer.get("error") or results[0].get("error") or (answer.get("json") or {}).get("message"),
        }
    return answers


def _empty(answer: dict) -> bool:
    """A good chart-data answer with no rows (the warehouse holds nothing for the chart)."""
    return answer["status"] == 200 and not answer["error"] and answer["data"] == []


def start_browser(width: int = 1600, height: int = 1200) -> tuple[webdriver.Chrome, Path]:
    profile = Path(tempfile.mkdtemp(prefix="ntp-bi-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in (*CHROMIUM_FLAGS, f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(options=options, service=service), profile


def log_in(driver: webdriver.Chrome, base_url: str, username: str, password: str, timeout: float) -> None:
    """Through the login form, as a person would; retried, as a fresh server can answer its first login slowly."""
    for _attempt in range(3):
        driver.get(f"{base_url}/login/")
        wait = WebDriverWait(driver, timeout)
        user_input = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, '[data-test="username-input"]')))
        password_input = driver.find_element(By.CSS_SELECTOR, '[data-test="password-input"]')
        user_input.clear()
        user_input.send_keys(username)
        password_input.clear()
        password_input.send_keys(password)
        if user_input.get_attribute("value") != username or password_input.get_attribute("value") != password:
            continue
        driver.find_element(By.CSS_SELECTOR, '[data-test="login-button"]').click()
        try:
            WebDriverWait(driver, 30).until(lambda d: "/login" not in d.current_url)
            return
        except TimeoutException:
            print(f"login attempt failed on {driver.current_url}", file=sys.stderr)
    page = driver.find_element(By.TAG_NAME, "body").text[:500]
    raise SystemExit(f"login as {username!r} failed: still on {driver.current_url}; the page says: {page}")


def open_dashboard(driver: webdriver.Chrome, base_url: str, slug: str, timeout: float) -> list[dict]:
    """Every chart of the dashboard once none is loading and each has its data answer (or `timeout` has passed)."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _RECORD_CHART_DATA_JS})
    driver.get(f"{base_url}/superset/dashboard/{slug}/")
    deadline = time.monotonic() + timeout
    charts: list[dict] = []
    while time.monotonic() < deadline:
        charts = driver.execute_script(_CHARTS_JS)
        answers = _chart_data(driver)
        if charts and all(c["id"] in answers and (c["state"] != "loading" or _empty(answers[c["id"]])) for c in charts):
            time.sleep(1)  # let the canvases finish their animation before a screenshot
            break
        time.sleep(0.5)
    charts = driver.execute_script(_CHARTS_JS)
    answers = _chart_data(driver)
    for chart in charts:
        answer = answers.get(chart["id"])
        chart["data"] = answer["data"] if answer else None
        if answer is not None and _empty(answer):
            chart["state"], chart["kind"] = "empty", None  # a good answer with no rows: Superset says so, no table
            continue
        if chart["state"] == "rendered" and (answer is None or answer["status"] != 200 or answer["error"]):
            chart["state"] = "error"  # drawn, but not from a good answer (none recorded, or a failed query)
            chart["error"] = chart["error"] or f"chart data: {answer}"
    return charts


def screenshot(driver: webdriver.Chrome, path: Path) -> None:
    # the dashboard scrolls inside its own container: size the window to the bottom of the last component
    bottom = driver.execute_script(
        "return Math.max(...[...document.querySelectorAll('[data-test=\"dashboard-component-chart-holder\"]')]"
        ".map(e => e.getBoundingClientRect().bottom + window.scrollY), document.body.scrollHeight)"
    )
    width = driver.execute_script("return window.outerWidth")
    driver.set_window_size(width, min(int(bottom) + 200, 8000))
    time.sleep(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=f"http://127.0.0.1:{os.environ.get('NTP_BI_PORT', '8088')}")
    parser.add_argument("--slug", default="ntp-warehouse")
    parser.add_argument("--username", default=os.environ.get("NTP_BI_ADMIN_USER", "admin"))
    parser.add_argument("--password", default=os.environ.get("NTP_BI_ADMIN_PASSWORD", "admin"))
    parser.add_argument("--screenshot", type=Path, help="PNG to write (the whole dashboard)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the charts")
    args = parser.parse_args(argv)
    base_url = args.url.rstrip("/")

    started = time.monotonic()
    driver, profile = start_browser()
    try:
        log_in(driver, base_url, args.username, args.password, args.timeout)
        charts = open_dashboard(driver, base_url, args.slug, args.timeout)
        title = driver.title
        if args.screenshot:
            screenshot(driver, args.screenshot.resolve())
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    report = {
        "url": f"{base_url}/superset/dashboard/{args.slug}/",
        "page_title": title,
        "seconds": round(time.monotonic() - started, 1),
        "screenshot": str(args.screenshot.resolve()) if args.screenshot else None,
        "charts": charts,
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if charts and all(c["state"] in ("rendered", "empty") for c in charts) else 1


if __name__ == "__main__":
    sys.exit(main())
