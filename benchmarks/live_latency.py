"""Benchmark: how soon an order change applied by `portal cdc` reaches a browser's live stream on another process.

    .venv/bin/python benchmarks/live_latency.py [--events 100]

Needs Postgres (a throwaway database) and Redis (PORTAL_BENCH_REDIS_URL, default redis://127.0.0.1:6379/12,
flushed). Starts the emulators in this process, then two `portal serve` (A and B) and one `portal cdc`. Hanako
places an order through A and opens her order stream (Server-Sent Events) on B; then, one at a time, an agent edits
the order in the Salesforce emulator and the stream waits for its `order.updated`. Two figures per event:
- cdc → client: from the consumer's publish (the event id is Redis's clock at that moment, same machine) to the
  event's arrival at the client: the fan-out through Redis pub/sub to B and B's SSE write;
- CRM → client: from the agent's edit to the arrival, the emulator's change stream (CometD long poll) included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import redis
from httpx_sse import connect_sse

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks.catalog_bench import server  # noqa: E402
from tests.support.postgres import create_migrated_database, drop  # noqa: E402
from tests.support.sandbox import running_sandbox  # noqa: E402
from tests.support.servers import free_port  # noqa: E402

from entrypoints.demo.world import DEMO_LOGINS  # noqa: E402
from sandbox.runner import portal_environment  # noqa: E402

REDIS_URL = os.environ.get("PORTAL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
ORDER = {"orderType": "VPN", "items": [{"sku": "VPN-USA-SF"}, {"sku": "VPN-ACTIVATION-FEE"}]}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100)
    args = parser.parse_args()
    database = create_migrated_database("live_bench")
    redis.Redis.from_url(REDIS_URL).flushdb()
    try:
        with tempfile.TemporaryDirectory() as scratch, running_sandbox(Path(scratch)) as sandbox:
            ports = free_port(), free_port()
            env = {
                "PORTAL_ADAPTERS": "real", "PORTAL_DATABASE_URL": database, "PORTAL_REDIS_URL": REDIS_URL,
                "PORTAL_LOG_LEVEL": "WARNING", "PORTAL_LOG_FORMAT": "json", "PORTAL_DEMO_SEED_LOGINS": "true",
                "PORTAL_SESSION_COOKIE_SECURE": "false", "PORTAL_CDC_COLD_START_SETTLE_SECONDS": "1",
                "PYTHONPATH": str(ROOT / "src"), **portal_environment(sandbox.addresses, sandbox.credentials),
            }  # fmt: skip
            serve = [sys.executable, "-m", "entrypoints.cli", "serve", "--workers", "1", "--port"]
            cdc = [sys.executable, "-m", "entrypoints.cli", "cdc"]
            with server([*serve, str(ports[0])], env, ports[0]), server([*serve, str(ports[1])], env, ports[1]):
                with server(cdc, env, ports[0]):  # the consumer listens on nothing: wait on A's port, already up
                    cdc_latency, crm_latency = measure(sandbox, ports, args.events)
    finally:
        drop(database)
    for name, values in (("cdc publish -> client on B", cdc_latency), ("CRM edit -> client on B", crm_latency)):
        print(
            f"{name:<28} p50 {statistics.median(values):7.1f} ms   p99 {percentile(values, 0.99):7.1f} ms   "
            f"max {max(values):7.1f} ms   ({len(values)} events)",
            flush=True,
        )
    return 0


def measure(sandbox: object, ports: tuple[int, int], events: int) -> tuple[list[float], list[float]]:
    hanako = DEMO_LOGINS[0]
    a = httpx.Client(base_url=f"http://127.0.0.1:{ports[0]}", timeout=30)
    login = a.post("/api/auth/login", json={"email": hanako.email, "password": hanako.password})
    login.raise_for_status()
    a.headers["X-CSRF-Token"] = login.json()["csrfToken"]
    placed = a.post("/api/orders", json=ORDER, headers={"Idempotency-Key": str(uuid.uuid4())})
    placed.raise_for_status()
    order_id = placed.json()["id"]
    b = httpx.Client(base_url=f"http://127.0.0.1:{ports[1]}", timeout=httpx.Timeout(30, read=120), cookies=a.cookies)
    crm = sandbox.salesforce()  # type: ignore[attr-defined]
    arrivals: dict[str, float] = {}
    arrived = threading.Condition()

    def listen() -> None:
        with connect_sse(b, "GET", f"/api/orders/{order_id}/events") as source:
            for event in source.iter_sse():
                if event.event == "order.updated":
                    with arrived:
                        arrivals[event.id] = time.time()
                        arrived.notify_all()

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(1)
    # The consumer is on once an edit comes through (its first subscription replays nothing older).
    edit(crm, order_id, "warm-up", arrivals, arrived, within=60)
    cdc_latency, crm_latency = [], []
    for n in range(events):
        sent = time.time()
        event_id, at = edit(crm, order_id, f"bench {n}", arrivals, arrived, within=30)
        published = int(event_id.split("-")[0]) / 1000
        cdc_latency.append((at - published) * 1000)
        crm_latency.append((at - sent) * 1000)
    return cdc_latency, crm_latency


def edit(
    crm: httpx.Client, order_id: str, text: str, arrivals: dict[str, float], arrived: threading.Condition, within: float
) -> tuple[str, float]:
    with arrived:
        before = set(arrivals)
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        crm.patch(f"/_sandbox/records/Order/{order_id}", json={"Description": text}).raise_for_status()
        with arrived:
            if arrived.wait_for(lambda: set(arrivals) - before, timeout=min(5, within)):
                new = sorted(set(arrivals) - before, key=lambda i: tuple(map(int, i.split("-"))))[-1]
                return new, arrivals[new]
    raise TimeoutError("no order.updated reached the stream")


if __name__ == "__main__":
    sys.exit(main())
