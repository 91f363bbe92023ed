"""A real Redis Cluster of three masters on loopback, started for the tests and always stopped.

`redis-server --cluster-enabled yes` three times on free ports (each also needs its cluster bus port, +10000),
then `redis-cli --cluster create ... --cluster-yes`; ready when every node reports `cluster_state:ok`.
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.servers import free_port, port_is_free, wait_for_port

MASTERS = 3
BUS_OFFSET = 10_000


def _free_node_port() -> int:
    for _ in range(200):
        port = free_port()
        if port + BUS_OFFSET < 65_536 and port_is_free(port + BUS_OFFSET):
            return port
    raise RuntimeError("no free port pair for a cluster node")


@dataclass
class RedisClusterServers:
    directory: Path
    ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        """What the portal is given: any one node (database 0)."""
        return f"redis://127.0.0.1:{self.ports[0]}"

    def start(self) -> None:
        for _ in range(MASTERS):
            port = _free_node_port()
            node = self.directory / str(port)
            node.mkdir()
            argv = [
                *("redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"),
                *("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000"),
            ]
            self.processes.append(
                subprocess.Popen(argv, cwd=node, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
            self.ports.append(port)
        for port in self.ports:
            wait_for_port(port, timeout=10)
        nodes = [f"127.0.0.1:{port}" for port in self.ports]
        subprocess.run(
            ["redis-cli", "--cluster", "create", *nodes, "--cluster-replicas", "0", "--cluster-yes"],
            check=True,
            capture_output=True,
            timeout=30,
        )
        self._until_ok()

    def _until_ok(self, within: float = 20) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if all("cluster_state:ok" in self._cli(port, "cluster", "info") for port in self.ports):
                return
            time.sleep(0.1)
        raise RuntimeError("the Redis Cluster never reached cluster_state:ok")

    def _cli(self, port: int, *command: str) -> str:
        argv = ["redis-cli", "-p", str(port), *command]
        result = subprocess.run(argv, check=False, capture_output=True, text=True, timeout=5)
        return result.stdout

    def flush(self) -> None:
        for port in self.ports:
            self._cli(port, "flushall")

    def stop(self) -> None:
        for process in self.processes:
            process.kill()
        for process in self.processes:
            process.wait(10)
        self.processes.clear()


@contextlib.contextmanager
def redis_cluster() -> Iterator[RedisClusterServers]:
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        raise RuntimeError("redis-server and redis-cli are needed (Debian: apt-get install -y redis-server)")
    with tempfile.TemporaryDirectory(prefix="portal-redis-cluster-") as directory:
        cluster = RedisClusterServers(Path(directory))
        try:
            cluster.start()
            yield cluster
        finally:
            cluster.stop()


class SharedCluster:
    """One cluster for the whole test session, started by the first test that asks for it (most runs never do),
    stopped by the session's end (`tests/conftest.py`) or, failing that, at exit."""

    def __init__(self) -> None:
        self._running: contextlib.ExitStack | None = None
        self._servers: RedisClusterServers | None = None

    def servers(self) -> RedisClusterServers:
        if self._servers is None:
            stack = contextlib.ExitStack()
            self._servers = stack.enter_context(redis_cluster())
            self._running = stack
            atexit.register(self.stop)
        return self._servers

    def stop(self) -> None:
        if self._running is not None:
            self._running.close()
        self._running, self._servers = None, None


SHARED = SharedCluster()
