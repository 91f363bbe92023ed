"""The demo's web address: Debian's nginx running the shipped `deploy/nginx/portal.conf.template` in front of the
demo's API, serving the built frontend (`web/dist`) on the same origin — the deployment's own edge, not a stand-in.

The template is filled in as the official nginx image does (envsubst of the `${PORTAL_EDGE_*}` names only) and
included in a small main configuration of our own (pid, logs and temp paths in one directory).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]
TEMPLATE = REPOSITORY / "deploy" / "nginx" / "portal.conf.template"
WEB_DIST = REPOSITORY / "web" / "dist"
INSTALL_NGINX = "apt-get update && apt-get install -y nginx"
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
    include {types}
    default_type application/octet-stream;
    include {dir}/portal.conf;
}}
"""
# Debian's nginx ships the MIME types beside its configuration; the browser needs them for scripts and styles.
MIME_TYPES = Path("/etc/nginx/mime.types")
FALLBACK_TYPES = "types { text/html html; text/css css; application/javascript js; image/svg+xml svg; }"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


def render(template: str, values: dict[str, str]) -> str:
    """envsubst, limited to the PORTAL_EDGE_* names (nginx's own $variables stay as they are)."""
    return re.sub(r"\$\{(PORTAL_EDGE_[A-Z_]+)\}", lambda m: values[m.group(1)], template)


@dataclass(frozen=True)
class EdgeConfig:
    argv: list[str]
    port: int
    directory: Path

    @property
    def check(self) -> list[str]:
        return [*self.argv, "-t"]

    @property
    def foreground(self) -> list[str]:
        return [*self.argv, "-g", "daemon off;"]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def write_edge_config(
    directory: Path, *, binary: str, listen_port: int, upstreams: list[str], web_root: Path, server_options: str = ""
) -> EdgeConfig:
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    (directory / "cache").mkdir(exist_ok=True)
    values = {
        "PORTAL_EDGE_LISTEN": f"127.0.0.1:{listen_port}",
        "PORTAL_EDGE_UPSTREAMS": " ".join(f"server {address} {server_options};" for address in upstreams),
        "PORTAL_EDGE_CACHE_DIR": str(directory / "cache"),
        "PORTAL_EDGE_ACCESS_LOG": str(directory / "access.log"),
        "PORTAL_EDGE_WEB_ROOT": str(web_root),
    }
    (directory / "portal.conf").write_text(render(TEMPLATE.read_text(), values))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach private directories
    types = f"{MIME_TYPES};" if MIME_TYPES.exists() else FALLBACK_TYPES
    (directory / "nginx.conf").write_text(MAIN.format(dir=directory, user=user, types=types))
    argv = [binary, "-p", str(directory), "-c", str(directory / "nginx.conf"), "-e", str(directory / "error.log")]
    return EdgeConfig(argv, listen_port, directory)
