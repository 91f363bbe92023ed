"""A small closed-loop HTTP/1.1 keep-alive load generator (asyncio protocols on uvloop), one process.

Closed loop: each connection sends its next request when the previous answer is complete, so the figures are
peak throughput and the latency seen at that load (coordinated omission included: no open-loop percentiles).
With `rate`, each connection instead sends on a fixed schedule (rate / connections a second each) and a latency
counts from when the request was due, not when it went out: the latency at that offered load, a server that falls
behind included.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import uvloop


@dataclass
class Result:
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


class _Connection(asyncio.Protocol):
    def __init__(self, request: bytes, run: _Run, interval: float | None = None, offset: float = 0.0) -> None:
        self._request = request
        self._run = run
        self._interval = interval
        self._due = time.perf_counter() + offset
        self._buffer = bytearray()
        self._sent = 0.0
        self.transport: asyncio.Transport | None = None
        self.closed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self._send()

    def _send(self) -> None:
        if self._run.stop_sending():
            assert self.transport is not None
            self.transport.close()
            return
        now = time.perf_counter()
        if self._interval is None:
            self._sent = now
        else:
            self._sent = self._due  # latency from when it was due
            self._due += self._interval
            if self._sent > now:
                asyncio.get_running_loop().call_later(self._sent - now, self._write)
                return
        self._write()

    def _write(self) -> None:
        assert self.transport is not None
        if not self.transport.is_closing():
            self.transport.write(self._request)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while True:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self._buffer[:end]).lower()
            length = 0
            for line in head.split(b"\r\n"):
                if line.startswith(b"content-length:"):
                    length = int(line[15:])
            if len(self._buffer) < end + 4 + length:
                return
            status = int(head[9:12])
            del self._buffer[: end + 4 + length]
            self._run.record(status, time.perf_counter() - self._sent)
            self._send()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(None)


class _Run:
    def __init__(self, *, seconds: float | None, total: int | None, warmup: float) -> None:
        self.result = Result()
        self._total = total
        self._sent_total = 0
        self._started = time.perf_counter()
        self._measure_from = self._started + warmup
        self._until = None if seconds is None else self._measure_from + seconds

    def stop_sending(self) -> bool:
        now = time.perf_counter()
        if self._until is not None:
            return now >= self._until
        assert self._total is not None
        self._sent_total += 1
        return self._sent_total > self._total

    def record(self, status: int, latency: float) -> None:
        if time.perf_counter() < self._measure_from:
            return
        self.result.requests += 1
        self.result.statuses[status] = self.result.statuses.get(status, 0) + 1
        self.result.latencies.append(latency)


async def _drive(
    host: str,
    port: int,
    request: bytes,
    connections: int,
    seconds: float | None,
    total: int | None,
    warmup: float,
    rate: float | None = None,
) -> Result:
    run = _Run(seconds=seconds, total=total, warmup=warmup)
    loop = asyncio.get_running_loop()
    protocols = []
    interval = connections / rate if rate else None
    for index in range(connections):
        offset = interval * index / connections if interval else 0.0  # spread the connections' schedules
        connection = _Connection(request, run, interval, offset)
        _, protocol = await loop.create_connection(lambda c=connection: c, host, port)  # type: ignore[misc]
        protocols.append(protocol)
    started = time.perf_counter()
    await asyncio.gather(*(p.closed for p in protocols))
    run.result.seconds = time.perf_counter() - max(started, run._measure_from)
    return run.result


def load(
    host: str,
    port: int,
    path: str,
    *,
    connections: int = 64,
    seconds: float | None = 8.0,
    total: int | None = None,
    warmup: float = 2.0,
    headers: dict[str, str] | None = None,
    rate: float | None = None,
) -> Result:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "User-Agent: catalog-bench"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    return uvloop.run(_drive(host, port, request, connections, seconds, total, warmup, rate))
