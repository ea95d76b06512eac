# ruff: noqa: S603 - runs the machine's own PostgreSQL binaries with fixed arguments
"""Throwaway PostgreSQL servers for drills and the replica-router test.

A primary (and optionally a streaming replica made with ``pg_basebackup -R``) in a
temporary folder on a free loopback port, run as the ``postgres`` system user, trust
authentication, removed afterwards. The machine's own cluster is never touched, so a
drill may restart these while other people's tests use theirs.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


def bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def available() -> str:
    """'' when throwaway servers can be started here, else the reason."""
    if bindir() is None:
        return "PostgreSQL server binaries are not installed"
    if os.geteuid() != 0 and os.environ.get("USER") != "postgres":
        return "starting a server needs root (to run as postgres) or the postgres user"
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(*args: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


@dataclass
class Server:
    data: Path
    port: int
    log: Path
    bin: Path = field(default_factory=lambda: bindir() or Path("/nonexistent"))

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def ctl(self, action: str, *extra: str) -> None:
        subprocess.run(
            _as_postgres(
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1 -c fsync=off",
                *extra,
                action,
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        self.ctl("start")

    def stop(self, mode: str = "fast") -> None:
        self.ctl("stop", "-m", mode)

    def restart(self) -> None:
        self.ctl("restart", "-m", "fast")

    def ready(self) -> bool:
        done = subprocess.run(
            [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"],
            check=False,
        )
        return done.returncode == 0


class Cluster:
    """``with Cluster(replica=True) as c:`` → c.primary, c.replica (or None)."""

    def __init__(self, *, replica: bool = False) -> None:
        self.want_replica = replica
        self.root = Path(tempfile.mkdtemp(prefix="tsunagari-pg-"))
        self.primary: Server | None = None
        self.replica: Server | None = None

    def __enter__(self) -> Cluster:
        reason = available()
        if reason:
            raise RuntimeError(reason)
        os.chmod(self.root, 0o777)  # noqa: S103 - the postgres user writes here; removed at exit
        bin_ = bindir() or Path("/nonexistent")
        primary = Server(self.root / "primary", free_port(), self.root / "primary.log")
        subprocess.run(
            _as_postgres(
                str(bin_ / "initdb"), "-D", str(primary.data), "-U", "postgres", "-A", "trust"
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with (primary.data / "postgresql.conf").open("a") as conf:
            conf.write("wal_level = replica\nmax_wal_senders = 4\n")
        with (primary.data / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        primary.start()
        self.primary = primary
        if self.want_replica:
            replica = Server(self.root / "replica", free_port(), self.root / "replica.log")
            subprocess.run(
                _as_postgres(
                    str(bin_ / "pg_basebackup"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(primary.port),
                    "-U",
                    "postgres",
                    "-D",
                    str(replica.data),
                    "-R",  # standby.signal + primary_conninfo: a streaming replica
                    "-X",
                    "stream",
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )
            replica.start()
            self.replica = replica
        return self

    def __exit__(self, *exc: object) -> None:
        for server in (self.replica, self.primary):
            if server is not None:
                try:
                    server.stop("immediate")
                except subprocess.CalledProcessError:
                    pass
        shutil.rmtree(self.root, ignore_errors=True)

    def wait_replayed(self, seconds: float = 10.0) -> None:
        """Until the replica has replayed everything the primary wrote so far."""
        import psycopg

        if self.primary is None or self.replica is None:
            raise RuntimeError("no replica was started")
        with psycopg.connect(self.primary.url, autocommit=True) as conn:
            row = conn.execute("SELECT pg_current_wal_lsn()").fetchone()
            target = row[0] if row else "0/0"
        deadline = time.monotonic() + seconds
        with psycopg.connect(self.replica.url, autocommit=True) as conn:
            while time.monotonic() < deadline:
                row = conn.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (str(target),)
                ).fetchone()
                if row and row[0]:
                    return
                time.sleep(0.05)
        raise TimeoutError("the replica did not catch up")
