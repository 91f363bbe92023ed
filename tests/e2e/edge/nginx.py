"""The real nginx (Debian's package) on loopback, running the shipped `deploy/nginx/portal.conf.template`.

The template is filled in as the official nginx image does (envsubst of the `${PORTAL_EDGE_*}` variables only) and
included in a minimal main configuration of the test's own (pid, logs and temp paths in a temporary directory).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.servers import free_port, wait_for_port

TEMPLATE = Path(__file__).resolve().parents[3] / "deploy" / "nginx" / "portal.conf.template"
INSTALL = "apt-get update && apt-get install -y nginx"  # Debian 12: nginx 1.22 (scripts/test.sh does it as root)
MAIN = """{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    default_type application/octet-stream;
    include {dir}/portal.conf;
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if found is None:
        pytest.fail(f"nginx is not installed; the edge tests run the real one. Install it: {INSTALL}")
    return found


def render(template: str, values: dict[str, str]) -> str:
    """envsubst, limited to the PORTAL_EDGE_* names (nginx's own $variables stay as they are)."""
    return re.sub(r"\$\{(PORTAL_EDGE_[A-Z_]+)\}", lambda m: values[m.group(1)], template)


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
def running_nginx(directory: Path, upstreams: list[str], *, server_options: str = "") -> Iterator[RunningNginx]:
    binary = nginx_binary()
    port = free_port()
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    (directory / "cache").mkdir(exist_ok=True)
    servers = " ".join(f"server {address} {server_options};" for address in upstreams)
    values = {
        "PORTAL_EDGE_LISTEN": f"127.0.0.1:{port}",
        "PORTAL_EDGE_UPSTREAMS": servers,
        "PORTAL_EDGE_CACHE_DIR": str(directory / "cache"),
        "PORTAL_EDGE_ACCESS_LOG": str(directory / "access.log"),
    }
    (directory / "portal.conf").write_text(render(TEMPLATE.read_text(), values))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach the test's private directories
    (directory / "nginx.conf").write_text(MAIN.format(dir=directory, user=user))
    argv = [binary, "-p", str(directory), "-c", str(directory / "nginx.conf"), "-e", str(directory / "error.log")]
    checked = subprocess.run([*argv, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([*argv, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
