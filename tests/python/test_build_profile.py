"""The build profile opens DuckDB the way dbt-duckdb does: `config_options` once when the file is opened, every
`settings` entry as a `SET` on each new cursor (one per dbt node). DuckDB refuses to move its temporary directory
once a query has spilled into it, so a large build (which spills past the memory cap) failed on the next node
when the temporary directory was among the per-cursor settings."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import jinja2
import pytest
import yaml
from conftest import ROOT


def _build_target(env: dict[str, str], profile: str = (ROOT / "profiles.yml").read_text(encoding="utf-8")) -> dict:
    rendered = jinja2.Template(profile).render(env_var=lambda name, default=None: env.get(name, default))
    return yaml.safe_load(rendered)["ntp_warehouse"]["outputs"]["build"]


def _open_like_dbt_duckdb(target: dict):
    """A connection and a cursor factory with dbt-duckdb's order of configuration."""
    con = duckdb.connect(target["path"], config=dict(target.get("config_options") or {}))

    def cursor():
        cur = con.cursor()
        for key, value in (target.get("settings") or {}).items():
            cur.execute(f"SET {key} = '{value}'")
        return cur

    return con, cursor


def _spill_then_open_another_cursor(target: dict) -> Path:
    """The temporary directory the first query spilled into (DuckDB removes it when the file is closed)."""
    con, cursor = _open_like_dbt_duckdb(target)
    try:
        first = cursor()
        # larger than the memory cap: the sort spills into the temporary directory
        first.execute("select count(*) from (select i, md5(i::varchar) as h from range(3000000) t(i) order by h)")
        assert first.fetchone()[0] == 3_000_000
        spilled = Path(first.execute("select current_setting('temp_directory')").fetchone()[0])
        assert spilled.is_dir() and any(spilled.iterdir())
        second = cursor()  # the next dbt node
        assert second.execute("select 1").fetchone()[0] == 1
        return spilled
    finally:
        con.close()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NTP_WAREHOUSE_PATH": str(tmp_path / "candidate.duckdb"),
        "NTP_DUCKDB_TEMP_DIR": str(tmp_path / "spill"),
        "NTP_DUCKDB_MEMORY_LIMIT": "64MB",
        "NTP_DUCKDB_THREADS": "1",
    }


def test_a_build_that_spilled_opens_its_next_node(env: dict[str, str]):
    target = _build_target(env)
    assert _spill_then_open_another_cursor(target) == Path(env["NTP_DUCKDB_TEMP_DIR"])  # where the build said


def test_the_temporary_directory_among_per_cursor_settings_is_refused(env: dict[str, str]):
    """The fixture the check above must reject: the profile as it was."""
    target = _build_target(env)
    target["settings"] = {**target["settings"], **target.pop("config_options")}
    with pytest.raises(duckdb.NotImplementedException, match="temporary directory"):
        _spill_then_open_another_cursor(target)


def test_the_builds_own_connections_are_capped_like_dbts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Tracing failing checks and exports open DuckDB in the build's own process: the same cap as dbt's, from the
    same variables and defaults (else DuckDB takes 80 % of the machine beside dbt's share)."""
    from loaders import duck

    for name in ("NTP_DUCKDB_MEMORY_LIMIT", "NTP_DUCKDB_THREADS"):
        monkeypatch.delenv(name, raising=False)
    defaults = _build_target({"NTP_WAREHOUSE_PATH": str(tmp_path / "w.duckdb")})["settings"]
    assert duck.settings() == {k: str(v) for k, v in defaults.items()}
    monkeypatch.setenv("NTP_DUCKDB_MEMORY_LIMIT", "300MB")
    duckdb.connect(str(tmp_path / "w.duckdb")).close()
    con = duck.connect(tmp_path / "w.duckdb")
    try:
        limit = con.execute("select current_setting('memory_limit')").fetchone()[0]
        spill = con.execute("select current_setting('temp_directory')").fetchone()[0]
    finally:
        con.close()
    assert limit.replace(" ", "") in {"286.1MiB", "300.0MB"}, limit
    assert spill == str(tmp_path / "w.duckdb.tmp")
