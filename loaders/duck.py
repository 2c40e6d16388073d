"""DuckDB connections the build opens in its own process (tracing failing checks, exports, counts), capped like
dbt's (profiles.yml, target `build`): DuckDB's default is 80 % of the machine's memory, which a check failing on
hundreds of thousands of rows of a national corpus would take while the build's other processes hold theirs."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb


def settings() -> dict[str, str]:
    """The memory cap and threads of the build profile, from the same environment variables."""
    return {
        "memory_limit": os.environ.get("NTP_DUCKDB_MEMORY_LIMIT", "2GB"),
        "threads": os.environ.get("NTP_DUCKDB_THREADS", "2"),
    }


def connect(database: Path, read_only: bool = True, spill: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to `database` with the build's memory cap; past it, work spills into `spill` (default: a
    folder beside the database)."""
    config = {**settings(), "temp_directory": str(spill or database.with_name(database.name + ".tmp"))}
    con = duckdb.connect(str(database), read_only=read_only, config=config)
    con.execute("set enable_progress_bar = false")  # the build's log is not a terminal
    return con
