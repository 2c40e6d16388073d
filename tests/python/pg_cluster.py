"""A throwaway PostgreSQL cluster for tests: initdb and pg_ctl in a temporary folder, listening on 127.0.0.1 only on
a free port, password (scram-sha-256) authentication for every connection, stopped and removed afterwards.

The server binaries come from scripts/ensure_postgres.sh (which installs Debian's postgresql when missing). The
server refuses to run as root, so as root it runs as the `postgres` user (or `nobody`)."""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class PostgresUnavailable(RuntimeError):
    pass


def postgres_bindir() -> Path:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ensure_postgres.sh")], capture_output=True, text=True, timeout=900
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise PostgresUnavailable(result.stderr.strip() or "scripts/ensure_postgres.sh found no PostgreSQL")
    return Path(result.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise PostgresUnavailable("running as root and there is no postgres or nobody user to run the server as")


@dataclass
class PgCluster:
    bindir: Path
    base: Path
    port: int
    user: str | None
    admin: str = "ntp_admin"
    admin_password: str = ""
    host: str = "127.0.0.1"

    @property
    def datadir(self) -> Path:
        return self.base / "data"

    def dsn(self, dbname: str = "postgres", user: str | None = None, password: str | None = None) -> str:
        user = user or self.admin
        password = self.admin_password if password is None and user == self.admin else password
        parts = [f"host={self.host}", f"port={self.port}", f"dbname={dbname}", f"user={user}", "connect_timeout=10"]
        if password:
            parts.append(f"password={password}")
        return " ".join(parts)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(a) for a in args], capture_output=True, text=True, timeout=120, user=self.user, cwd=self.base
        )
        if result.returncode != 0:
            log = self.base / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PostgresUnavailable(f"{args[0]} failed: {result.stdout}{result.stderr}{tail}")
        return result

    def start(self) -> PgCluster:
        pwfile = self.base / "pwfile"
        pwfile.write_text(self.admin_password + "\n")
        if self.user:
            for path in (self.base, pwfile):
                shutil.chown(path, user=self.user)
        self._run(
            self.bindir / "initdb",
            "-D",
            self.datadir,
            "-U",
            self.admin,
            f"--pwfile={pwfile}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses={self.host} -p {self.port} -k {self.base} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            self.bindir / "pg_ctl",
            "-D",
            self.datadir,
            "-l",
            self.base / "server.log",
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        return self

    def stop(self) -> None:
        try:
            if (self.datadir / "postmaster.pid").exists():
                self._run(self.bindir / "pg_ctl", "-D", self.datadir, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def start_cluster() -> PgCluster:
    bindir = postgres_bindir()
    base = Path(tempfile.mkdtemp(prefix="ntp-pg-"))
    cluster = PgCluster(
        bindir=bindir, base=base, port=_free_port(), user=_server_user(), admin_password=secrets.token_hex(12)
    )
    try:
        return cluster.start()
    except BaseException:
        cluster.stop()
        raise
