"""A PostgreSQL server of the test's own — initdb in a temporary directory, a free port — that it may stop, crash
and start again. Never the shared server: outage tests must not take other people's databases down.

initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (`runuser`).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.servers import free_port


def _binaries() -> Path:
    configured = os.environ.get("PORTAL_TEST_POSTGRES_BIN")
    if configured:
        return Path(configured)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found; set PORTAL_TEST_POSTGRES_BIN")


class PrivatePostgres:
    def __init__(self, directory: Path, password: str | None = None) -> None:
        self.directory = directory
        self.password = password  # set: the server asks for it on 127.0.0.1 (scram-sha-256), as many do
        self.data = directory / "data"
        self.port = free_port()
        self._bin = _binaries()
        self._as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def server_url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}"

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self._as_owner, *argv], capture_output=True, text=True, check=False, timeout=60)

    def init(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if self._as_owner:
            shutil.chown(self.directory, "postgres")
        auth = ["-A", "trust"]
        if self.password is not None:
            password_file = self.directory / "password"
            password_file.write_text(self.password)
            if self._as_owner:
                shutil.chown(password_file, "postgres")
            auth = ["-A", "scram-sha-256", "--pwfile", str(password_file)]
        done = self._run(
            str(self._bin / "initdb"), "-D", str(self.data), *auth, "-U", "postgres", "--no-sync", "-E", "UTF8"
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        done = self._run(
            str(self._bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.directory / "log"), "-w",
            "start",
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed: {done.stderr}{self.log_tail()}")

    def stop(self, mode: str = "fast") -> None:
        """`fast`: sessions end with "terminating connection due to administrator command"; `immediate`: a crash."""
        self._run(str(self._bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def log_tail(self, lines: int = 20) -> str:
        log = self.directory / "log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""


@contextmanager
def private_postgres(password: str | None = None) -> Iterator[PrivatePostgres]:
    """In a directory of its own under the system temp dir: pytest's are private to the user running the tests,
    which the `postgres` user cannot enter."""
    directory = Path(tempfile.mkdtemp(prefix="portal-test-pg-"))
    server = PrivatePostgres(directory, password)
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(directory, ignore_errors=True)
