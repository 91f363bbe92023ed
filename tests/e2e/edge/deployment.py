"""The portal as it is deployed, on one machine: nginx (the shipped configuration) in front of `portal serve`
processes, optionally `portal cdc` and `portal worker` ones, on one Postgres database and one Redis (or Redis
Cluster), against the emulators. Every process is started on free ports and always stopped."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redis import Redis

from sandbox.runner import portal_environment
from tests.e2e.edge.nginx import RunningNginx, running_nginx
from tests.e2e.orders.processes import PortalProcess, environment, wait_until_answering
from tests.support.postgres import create_migrated_database, drop
from tests.support.sandbox import RunningSandbox
from tests.support.servers import free_port


@dataclass
class Deployment:
    sandbox: RunningSandbox
    database: str
    redis_url: str
    env: dict[str, str]
    log_dir: Path
    processes: dict[str, PortalProcess] = field(default_factory=dict)
    api_ports: dict[str, int] = field(default_factory=dict)
    nginx: RunningNginx | None = None

    @property
    def edge(self) -> str:
        assert self.nginx is not None
        return self.nginx.url

    def api(self, name: str) -> str:
        return f"http://127.0.0.1:{self.api_ports[name]}"

    def portal_log(self, name: str) -> list[dict[str, Any]]:
        """The JSON lines a process wrote (anything else it printed is skipped)."""
        lines = []
        for line in self.processes[name].log.read_text(errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                if isinstance(record, dict):
                    lines.append(record)
        return lines

    def requests_reaching(self, path_prefix: str) -> int:
        """Requests the API processes answered under `path_prefix` (their access-log lines)."""
        return sum(
            1
            for name in self.api_ports
            for line in self.portal_log(name)
            if line.get("event") == "request" and str(line.get("path", "")).startswith(path_prefix)
        )


@contextlib.contextmanager
def deployed(
    sandbox: RunningSandbox,
    log_dir: Path,
    *,
    apis: int = 2,
    consumers: int = 0,
    workers: int = 0,
    redis_url: str,
    redis_cluster: bool = False,
    **settings: str,
) -> Iterator[Deployment]:
    database = create_migrated_database("edge")
    if not redis_cluster:
        Redis.from_url(redis_url).flushdb()
    env = environment(
        PORTAL_ADAPTERS="real",
        PORTAL_DATABASE_URL=database,
        PORTAL_REDIS_URL=redis_url,
        PORTAL_REDIS_CLUSTER=str(redis_cluster).lower(),
        PORTAL_LOG_FORMAT="json",
        PORTAL_SESSION_COOKIE_SECURE="false",
        PORTAL_TRUSTED_PROXY_HEADER="X-Forwarded-For",
        PORTAL_TRUSTED_PROXY_COUNT="1",
        **portal_environment(sandbox.addresses, sandbox.credentials),
        **settings,
    )
    deployment = Deployment(sandbox, database, redis_url, env, log_dir)
    for n in range(1, apis + 1):
        port = deployment.api_ports[f"api-{n}"] = free_port()
        deployment.processes[f"api-{n}"] = PortalProcess(f"api-{n}", ["serve"], {**env, "PORTAL_HTTP_PORT": str(port)},
                                                         log_dir)  # fmt: skip
    for n in range(1, consumers + 1):
        deployment.processes[f"cdc-{n}"] = PortalProcess(f"cdc-{n}", ["cdc", "--holder", f"cdc-{n}"], env, log_dir)
    for n in range(1, workers + 1):
        deployment.processes[f"worker-{n}"] = PortalProcess(f"worker-{n}", ["worker", "--concurrency", "2"], env,
                                                            log_dir)  # fmt: skip
    try:
        for process in deployment.processes.values():
            process.start()
        for name in deployment.api_ports:
            wait_until_answering(f"{deployment.api(name)}/api/health", within=60)
        upstreams = [f"127.0.0.1:{port}" for port in deployment.api_ports.values()]
        with running_nginx(log_dir / "nginx", upstreams, server_options="max_fails=1 fail_timeout=5s") as nginx:
            deployment.nginx = nginx
            yield deployment
    finally:
        for process in deployment.processes.values():
            process.stop()
        if not redis_cluster:
            Redis.from_url(redis_url).flushdb()
        drop(database)
