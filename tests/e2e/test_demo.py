"""`portal demo` as a newcomer runs it: every process starts, the tour succeeds, Ctrl-C leaves nothing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.postgres import SERVER_URL, drop
from tests.support.redis_server import redis_url
from tests.support.servers import free_port, port_is_free

pytestmark = pytest.mark.e2e
PORTAL = [sys.executable, "-m", "entrypoints.cli"]


class Running:
    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def wait_for(self, text: str, within: float) -> None:
        deadline = time.monotonic() + within
        while not any(text in line for line in self.lines):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"never saw {text!r}:\n{''.join(self.lines[-60:])}")
            time.sleep(0.2)

    def output(self) -> str:
        return "".join(self.lines)


def descendants(pid: int) -> set[int]:
    children: dict[int, set[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, set()).add(int(entry.name))
    found: set[int] = set()
    frontier = [pid]
    while frontier:
        for child in children.get(frontier.pop(), set()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def demo_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    database = f"{SERVER_URL}/portal_e2e_demo_{os.getpid()}"
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": database,
        "PORTAL_REDIS_URL": redis_url(14),
        "PYTHONUNBUFFERED": "1",
    }
    subprocess.run(["redis-cli", "-u", redis_url(14), "flushdb"], check=False, capture_output=True)
    yield env
    drop(database)


def test_demo_runs_the_tour_and_stops_cleanly(demo_env: dict[str, str], tmp_path: Path) -> None:
    ports = {name: free_port() for name in ("api", "whmcs", "salesforce", "freebit", "mail", "smtp")}
    state_dir = tmp_path / "demo"
    demo = Running(
        [
            *PORTAL, "demo", "--api-port", str(ports["api"]), "--whmcs-port", str(ports["whmcs"]),
            "--salesforce-port", str(ports["salesforce"]), "--freebit-port", str(ports["freebit"]),
            "--mail-port", str(ports["mail"]), "--smtp-port", str(ports["smtp"]), "--state-dir", str(state_dir),
        ],
        demo_env,
    )  # fmt: skip
    try:
        demo.wait_for("demo is ready", within=120)
        assert "Postgres portal_e2e_demo" in demo.output()
        children = descendants(demo.process.pid)
        assert len(children) >= 3  # sandbox, api, worker

        tour = subprocess.run(
            [*PORTAL, "tour", "--api", f"http://127.0.0.1:{ports['api']}", "--salesforce-port",
             str(ports["salesforce"]), "--mail-port", str(ports["mail"]), "--state-dir", str(state_dir)],
            env=demo_env, capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
        assert tour.returncode == 0, tour.stdout + tour.stderr
        assert "FAILED" not in tour.stdout
        assert "not built yet" not in tour.stdout  # every journey of the brief is built
        assert tour.stdout.count("\n  ok ") == 22, tour.stdout
    finally:
        demo.process.send_signal(signal.SIGINT)
        exit_code = demo.process.wait(timeout=60)
    assert exit_code == 0, demo.output()[-3000:]
    assert "Demo stopped." in demo.output()
    assert [pid for pid in children if alive(pid)] == []
    assert all(port_is_free(port) for port in ports.values())


def test_demo_without_postgres_and_redis_runs_in_memory_and_says_so(tmp_path: Path) -> None:
    ports = {name: free_port() for name in ("api", "whmcs", "salesforce", "freebit", "mail", "smtp")}
    state_dir = tmp_path / "demo"
    demo = Running(
        [
            *PORTAL, "demo", "--memory", "--api-port", str(ports["api"]), "--whmcs-port", str(ports["whmcs"]),
            "--salesforce-port", str(ports["salesforce"]), "--freebit-port", str(ports["freebit"]),
            "--mail-port", str(ports["mail"]), "--smtp-port", str(ports["smtp"]), "--state-dir", str(state_dir),
            "--tour",
        ],
        {**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        demo.wait_for("Tour finished", within=180)
        output = demo.output()
        assert "in memory (--memory)" in output
        assert "worker: durable jobs need Postgres" in output
        assert "every step that can run here succeeded" in output
        assert "skipped        Watch it activate" in output
        assert "skipped        Staff verify it; the customer is told in the portal and by mail" in output
        assert "FAILED" not in output
    finally:
        demo.process.send_signal(signal.SIGINT)
        assert demo.process.wait(timeout=60) == 0
    assert all(port_is_free(port) for port in ports.values())
