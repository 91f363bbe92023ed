"""The real nginx (Debian's package) on loopback, running the shipped `deploy/nginx/portal.conf.template`.

The template is filled in as the official nginx image does (envsubst of the `${PORTAL_EDGE_*}` variables only) and
included in a minimal main configuration of the test's own (pid, logs and temp paths in a temporary directory).
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from entrypoints.demo.edge import nginx_binary as installed_nginx
from entrypoints.demo.edge import write_edge_config
from tests.support.servers import free_port, wait_for_port

INDEX_HTML = '<!doctype html><title>portal</title><div id="root"></div>'

INSTALL = "apt-get update && apt-get install -y nginx"  # Debian 12: nginx 1.22 (scripts/test.sh does it as root)


def nginx_binary() -> str:
    found = installed_nginx()
    if found is None:
        pytest.fail(f"nginx is not installed; the edge tests run the real one. Install it: {INSTALL}")
    return found


@dataclass
class RunningNginx:
    port: int
    directory: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.directory / "access.log"

    def log_lines(self) -> list[str]:
        return self.access_log.read_text().splitlines() if self.access_log.exists() else []

    def error_log(self) -> str:
        path = self.directory / "error.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


@contextlib.contextmanager
def running_nginx(
    directory: Path, upstreams: list[str], *, server_options: str = "", web_root: Path | None = None
) -> Iterator[RunningNginx]:
    binary = nginx_binary()
    if web_root is None:  # a frontend stand-in: one page
        web_root = directory / "web"
        web_root.mkdir(parents=True, exist_ok=True)
        (web_root / "index.html").write_text(INDEX_HTML)
    config = write_edge_config(
        directory, binary=binary, listen_port=free_port(), upstreams=upstreams, web_root=web_root,
        server_options=server_options,
    )  # fmt: skip
    checked = subprocess.run(config.check, capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(config.foreground, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port = config.port
    running = RunningNginx(port, directory)
    try:
        wait_for_port(port, timeout=10)
        yield running
    finally:
        process.send_signal(signal.SIGQUIT)  # graceful: workers finish what they are sending
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
