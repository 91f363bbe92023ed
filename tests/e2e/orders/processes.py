"""The portal's own processes for end-to-end tests: `portal serve`, `portal cdc`, `portal worker`, each with the
PORTAL_* environment pointing at the test stores and the emulators, stopped (or killed) on demand."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from redis import Redis

from sandbox.runner import portal_environment
from tests.support.postgres import create_migrated_database, drop
from tests.support.redis_server import redis_url
from tests.support.sandbox import RunningSandbox
from tests.support.servers import free_port

PORTAL = [sys.executable, "-m", "entrypoints.cli"]


class PortalProcess:
    def __init__(self, name: str, argv: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.argv = argv
        self.env = env
        self.log = log_dir / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen([*PORTAL, *self.argv], env=self.env, stdout=out, stderr=out)

    def kill(self) -> None:
        """SIGKILL: no clean-up, no goodbye, as a crash or an OOM kill."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""


def wait_until_answering(url: str, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


def environment(**values: str) -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", **values}


@contextlib.contextmanager
def portal_stack(
    sandbox: RunningSandbox, tmp_path: Path, *, purpose: str, redis_db: int, apis: int = 1, **settings: str
) -> Iterator[dict[str, PortalProcess]]:
    """`portal serve` (× apis: "api", "api2", …), `portal cdc` and `portal worker` on a fresh migrated database and a
    flushed Redis database, against the emulators reset to the demo world, with short timings; stopped and dropped
    after."""
    sandbox.reset()
    database = create_migrated_database(purpose)
    redis = Redis.from_url(redis_url(redis_db))
    redis.flushdb()
    base = environment(
        PORTAL_ADAPTERS="real",
        PORTAL_DATABASE_URL=database,
        PORTAL_REDIS_URL=redis_url(redis_db),
        PORTAL_LOG_FORMAT="json",
        PORTAL_SESSION_COOKIE_SECURE="false",
        PORTAL_DEMO_SEED_LOGINS="true",
        PORTAL_FULFILMENT_SIM_POLL_SECONDS="0.5",
        PORTAL_CDC_LEASE_TTL_SECONDS="2",
        PORTAL_CDC_COLD_START_SETTLE_SECONDS="1",
        PORTAL_WORKER_HEARTBEAT_SECONDS="1",
        **portal_environment(sandbox.addresses, sandbox.credentials),
        **settings,
    )
    ports = [free_port() for _ in range(apis)]
    processes = {
        name: PortalProcess(name, ["serve"], {**base, "PORTAL_HTTP_PORT": str(port)}, tmp_path)
        for name, port in zip(("api", *(f"api{n}" for n in range(2, apis + 1))), ports, strict=True)
    }
    processes["cdc"] = PortalProcess("cdc", ["cdc"], base, tmp_path)
    processes["worker"] = PortalProcess("worker", ["worker", "--concurrency", "2"], base, tmp_path)
    try:
        for process in processes.values():
            process.start()
        for port in ports:
            wait_until_answering(f"http://127.0.0.1:{port}/api/health", within=90)  # several processes, busy machine
        yield processes
    finally:
        for process in processes.values():
            process.stop()
        redis.flushdb()
        redis.close()
        drop(database)
