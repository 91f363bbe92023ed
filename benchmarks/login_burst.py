"""Benchmark: the largest concurrent login burst that leaves other customers unaffected.

    .venv/bin/python benchmarks/login_burst.py [--bursts 8,16,32,64,128,256] [--redis redis://127.0.0.1:6379/9]

Starts `portal serve` (one worker, the production Argon2id profile: 64 MiB, t=3, p=4, and the default hashing bound
`PORTAL_PASSWORD_HASHING_CONCURRENCY`) on a fresh database of the local Postgres, trusting X-Forwarded-For so that
every login comes from an address of its own (no per-IP limit hides the load). While each burst of N concurrent
logins runs (unknown addresses: the dummy verification costs what a real one does), a signed-in customer reads
`GET /api/me` in a loop. Prints per burst: the logins' answers by status, the customer's answers by status and
latency (p50, max), and the API process's RSS. "Unaffected": every customer request answered 200 within 1 s.
Redis keys are not flushed (the attempt counters it leaves expire in 15 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.support.app import create_user  # noqa: E402
from tests.support.postgres import create_migrated_database, drop  # noqa: E402
from tests.support.servers import free_port, wait_for_port  # noqa: E402

CUSTOMER, PASSWORD = "steady.customer@example.jp", "correct horse battery staple"


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024


async def customer_reads(client: httpx.AsyncClient, stop: asyncio.Event) -> list[tuple[int, float]]:
    seen = []
    while not stop.is_set():
        started = time.perf_counter()
        response = await client.get("/api/me")
        seen.append((response.status_code, time.perf_counter() - started))
        await asyncio.sleep(0.05)
    return seen


async def burst(base: str, size: int) -> dict[int, int]:
    octet = secrets.randbelow(200)
    limits = httpx.Limits(max_connections=size, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        answers = await asyncio.gather(
            *(
                client.post(
                    "/api/auth/login",
                    json={"email": f"nobody-{secrets.token_hex(4)}@example.jp", "password": "a wrong guess"},
                    headers={"X-Forwarded-For": f"10.{octet}.{n // 250}.{n % 250}"},
                )
                for n in range(size)
            )
        )
    counts: dict[int, int] = {}
    for answer in answers:
        counts[answer.status_code] = counts.get(answer.status_code, 0) + 1
    return counts


async def measure(base: str, pid: int, sizes: list[int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as customer:
        login = await customer.post("/api/auth/login", json={"email": CUSTOMER, "password": PASSWORD})
        login.raise_for_status()
        print(f"idle RSS {rss_mb(pid):.0f} MB")
        largest_unaffected = 0
        for size in sizes:
            stop = asyncio.Event()
            reading = asyncio.create_task(customer_reads(customer, stop))
            await asyncio.sleep(0.2)
            started = time.perf_counter()
            logins = await burst(base, size)
            elapsed = time.perf_counter() - started
            peak = rss_mb(pid)
            stop.set()
            seen = await reading
            statuses: dict[int, int] = {}
            for status, _ in seen:
                statuses[status] = statuses.get(status, 0) + 1
            latencies = sorted(latency for _, latency in seen)
            p50, worst = latencies[len(latencies) // 2] * 1000, latencies[-1] * 1000
            unaffected = set(statuses) == {200} and worst < 1000
            largest_unaffected = size if unaffected else largest_unaffected
            print(
                f"burst {size:4d}: logins {logins} in {elapsed:.1f} s | customer {statuses} p50 {p50:.0f} ms "
                f"max {worst:.0f} ms | RSS after {peak:.0f} MB | {'unaffected' if unaffected else 'AFFECTED'}"
            )
            await asyncio.sleep(1)
        print(f"largest burst that left the customer unaffected: {largest_unaffected}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bursts", default="8,16,32,64,128,256")
    parser.add_argument("--redis", default=os.environ.get("PORTAL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"))
    args = parser.parse_args()
    database = create_migrated_database("login_burst")
    asyncio.run(create_user(database, CUSTOMER, PASSWORD))
    port = free_port()
    env = {
        **os.environ,
        "PORTAL_DATABASE_URL": database,
        "PORTAL_REDIS_URL": args.redis,
        "PORTAL_HTTP_PORT": str(port),
        "PORTAL_LOG_LEVEL": "ERROR",
        "PORTAL_LOG_FORMAT": "json",
        "PORTAL_SESSION_COOKIE_SECURE": "false",
        "PORTAL_TRUSTED_PROXY_HEADER": "X-Forwarded-For",
    }
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([sys.executable, "-m", "entrypoints.cli", "serve"], env=env, stdout=log, stderr=log)
        try:
            wait_for_port(port, timeout=30)
            asyncio.run(measure(f"http://127.0.0.1:{port}", process.pid, [int(s) for s in args.bursts.split(",")]))
        finally:
            process.terminate()
            process.wait(15)
            drop(database)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
