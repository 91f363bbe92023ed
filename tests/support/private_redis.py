"""A Redis server of the test's own on a free port, which it may stop and start again (same port, empty, like a
restart without persistence). Never the shared server."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.servers import free_port, port_is_free, wait_for_port


class PrivateRedis:
    def __init__(self) -> None:
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self._process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, timeout=10)

    def stop(self) -> None:
        """SIGKILL: the server vanishes mid-whatever, as in a crash; its connections are reset."""
        if self._process is not None:
            self._process.kill()
            self._process.wait(10)
            self._process = None
        for _ in range(250):  # the port is free again at once after a kill; this only guards a slow kernel
            if port_is_free(self.port):
                return
            time.sleep(0.02)


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()
