"""Benchmark: how soon every API worker serves a catalog change that `portal cdc` applied.

    .venv/bin/python benchmarks/freshness_bench.py [--workers 1 2] [--changes 20] [--connections 16]

Needs Postgres (a throwaway database) and Redis (PORTAL_BENCH_REDIS_URL, default redis://127.0.0.1:6379/13,
flushed). Starts the Salesforce emulator in this process, `portal cdc` and `portal serve --workers N`. Keep-alive
connections (each served by one worker for its whole life) poll the public VPN catalog every few milliseconds; an
agent's price change is made in the emulator, and for each change the time from the change to each connection's
first answer with the new price is recorded. "every worker fresh" is the slowest connection of a change: the moment
no connection (so no worker) serves the old price any more.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import msgspec
import redis

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks.catalog_bench import server  # noqa: E402
from tests.e2e.catalog.salesforce import Salesforce, running_salesforce  # noqa: E402
from tests.support.postgres import create_migrated_database, drop  # noqa: E402
from tests.support.servers import free_port  # noqa: E402

REDIS_URL = os.environ.get("PORTAL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
VPN = "/api/public/services/vpn"
SKU = "VPN-USA-SF"
POLL_SECONDS = 0.01


def price_of(document: bytes) -> int:
    plans = msgspec.json.decode(document)["plans"]
    return int(Decimal(next(p["price"]["amount"] for p in plans if p["sku"] == SKU)))


@contextlib.contextmanager
def consumer(env: dict[str, str], log: Path) -> Iterator[None]:
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "entrypoints.cli", "cdc"],
            env={**os.environ, **env},
            cwd=ROOT,
            stdout=out,
            stderr=out,
        )
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


async def poll_until(client: httpx.AsyncClient, price: int, started: float, deadline: float) -> float:
    while time.perf_counter() < deadline:
        answer = await client.get(VPN)
        if price_of(answer.content) == price:
            return time.perf_counter() - started
        await asyncio.sleep(POLL_SECONDS)
    return float("inf")


async def measure(port: int, salesforce: Salesforce, changes: int, connections: int) -> list[list[float]]:
    entry = salesforce.entry(SKU)
    clients = [
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=httpx.Limits(max_connections=1), timeout=10)
        for _ in range(connections)
    ]
    try:
        # The consumer is live once a change shows (it has no "subscribed" signal).
        price, deadline = 5000, time.perf_counter() + 60
        while True:
            price += 1
            salesforce.call("PATCH", f"/records/PricebookEntry/{entry['Id']}", json={"UnitPrice": price})
            seen = await poll_until(clients[0], price, time.perf_counter(), time.perf_counter() + 2)
            if seen != float("inf"):
                break
            if time.perf_counter() > deadline:
                raise SystemExit("the consumer never applied a change")
        await asyncio.sleep(2)  # the cold-start resync settles
        results = []
        for _ in range(changes):
            for client in clients:  # every connection open and warm
                await client.get(VPN)
            price += 1
            started = time.perf_counter()
            salesforce.call("PATCH", f"/records/PricebookEntry/{entry['Id']}", json={"UnitPrice": price})
            results.append(await asyncio.gather(*(poll_until(c, price, started, started + 10) for c in clients)))
            await asyncio.sleep(0.3)
        return results
    finally:
        for client in clients:
            await client.aclose()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    database = create_migrated_database("bench")
    report = []
    try:
        with tempfile.TemporaryDirectory() as scratch, running_salesforce(Path(scratch)) as salesforce:
            for workers in args.workers:
                redis.Redis.from_url(REDIS_URL).flushdb()
                salesforce.call("POST", "/reset")
                env = {
                    "PORTAL_ADAPTERS": "real", "PORTAL_DATABASE_URL": database, "PORTAL_REDIS_URL": REDIS_URL,
                    "PORTAL_LOG_LEVEL": "WARNING", "PORTAL_LOG_FORMAT": "json",
                    "PORTAL_PUBLIC_RATE_LIMIT_REQUESTS": "10000000", "PORTAL_CDC_COLD_START_SETTLE_SECONDS": "1",
                    "PYTHONPATH": str(ROOT / "src"), **salesforce.environment(),
                }  # fmt: skip
                port = free_port()
                argv = [
                    sys.executable,
                    "-m",
                    "entrypoints.cli",
                    "serve",
                    "--port",
                    str(port),
                    "--workers",
                    str(workers),
                ]
                with server(argv, env, port), consumer(env, Path(scratch) / "cdc.log"):
                    httpx.get(f"http://127.0.0.1:{port}{VPN}", timeout=30).raise_for_status()
                    results = asyncio.run(measure(port, salesforce, args.changes, args.connections))
                report.append((workers, results))
    finally:
        drop(database)
    every_ms = POLL_SECONDS * 1000
    print(f"\n{args.changes} price changes, {args.connections} keep-alive connections polling every {every_ms:g} ms")
    for workers, results in report:
        every = [max(change) for change in results]
        each = [latency for change in results for latency in change]
        print(
            f"{workers} worker(s): every worker fresh p50 {pct(every, 0.5):6.1f} ms  p99 {pct(every, 0.99):6.1f} ms  "
            f"worst {max(every) * 1000:6.1f} ms;  first connection fresh p50 {pct([min(c) for c in results], 0.5):6.1f}"
            f" ms;  per connection p50 {statistics.median(each) * 1000:6.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
