"""Benchmark: CPU instructions per warm request, counted by valgrind's callgrind — the same figure on a busy machine
as on a quiet one, so a change's effect shows even while other work runs.

    .venv/bin/python benchmarks/instruction_counts.py [--requests 100] [--routes /api/me,/api/orders]

Re-runs itself under `valgrind --tool=callgrind --instr-atstart=no` (Debian's valgrind). The portal's app (the
demo world's emulators, a throwaway Postgres database, Redis at PORTAL_BENCH_REDIS_URL, flushed) and the bare apps
of `benchmarks/bare_app.py` are driven in this process through their ASGI callables — no sockets, no HTTP parser,
so what is counted is the framework, the middleware, the DI container, the use case, the Redis client and
serialisation. Instrumentation is switched on only around N and then 2N sequential warm requests per route; the
figure printed is the difference divided by N, which cancels what is not per request. Takes a few minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable
from pathlib import Path
from typing import Any, Protocol

import httpx
import redis.asyncio

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks import bare_app  # noqa: E402
from tests.integration.orders.portal import orders_app, sign_in  # noqa: E402
from tests.support.postgres import create_migrated_database, drop  # noqa: E402
from tests.support.sandbox import running_sandbox  # noqa: E402

REDIS_URL = os.environ.get("PORTAL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
ROUTES = "/api/me,/api/billing/invoices,/api/subscriptions,/api/orders,/api/account/services/sim"
UNDER_VALGRIND = "PORTAL_BENCH_UNDER_CALLGRIND"


class Asgi(Protocol):
    async def __call__(self, scope: Any, receive: Any, send: Any) -> None: ...


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--routes", default=ROUTES)
    args = parser.parse_args()
    if os.environ.get(UNDER_VALGRIND):
        os.environ["PORTAL_TEST_REDIS_SERVER"] = REDIS_URL.rsplit("/", 1)[0]
        body = Path(tempfile.mkstemp()[1])
        body.write_bytes(b'{"offers": []}' * 200)
        os.environ.update(BENCH_BODY_FILE=str(body), BENCH_ETAG='"bench"', BENCH_REDIS_URL=REDIS_URL)
        asyncio.run(measure(args.routes.split(","), args.requests))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt-get install -y valgrind")
    dumps = Path(tempfile.mkdtemp(prefix="callgrind-"))
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={dumps}/cg.%p"]
    subprocess.run([*command, sys.executable, *sys.argv], env={**os.environ, UNDER_VALGRIND: "1"}, check=True)
    report(dumps, args.routes.split(","), args.requests)


async def measure(routes: list[str], requests: int) -> None:
    with running_sandbox(Path(tempfile.mkdtemp())) as sandbox:
        database = create_migrated_database("instructions")
        try:
            bare = bare_app.app()
            portal = orders_app(database, sandbox)
            seed = redis.asyncio.Redis.from_url(REDIS_URL)
            await seed.set(bare_app.SESSION_KEY, b"s" * 200)
            await seed.set(bare_app.DOCUMENT_KEY, b"d" * 2000)
            await seed.aclose()
            async with lifespan(bare), lifespan(portal):
                transport = httpx.ASGITransport(app=portal)  # type: ignore[arg-type]
                async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
                    await sign_in(client, "Hanako")
                    cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
                cases: list[tuple[str, Asgi, str, str]] = [
                    ("bare", bare, "/api/public/services/internet", ""),
                    ("bare+2GET", bare, bare_app.TWO_GETS_PATH, ""),
                    *(("portal", portal, route, cookie) for route in routes),
                ]
                for index, (_, app, path, with_cookie) in enumerate(cases):
                    for count in (requests, 2 * requests):
                        await drive(app, path, with_cookie, 20)  # warm: caches, pools, this route's code
                        await counted(f"case{index}-{count}", drive(app, path, with_cookie, count))
        finally:
            drop(database)


class lifespan:  # noqa: N801 - used as a context manager, like contextlib's
    """The ASGI lifespan protocol, so the app's start-up (container, pools) runs on this event loop."""

    def __init__(self, app: Asgi) -> None:
        self._app = app
        self._inbox: asyncio.Queue[dict[str, str]] = asyncio.Queue()
        self._outbox: asyncio.Queue[dict[str, str]] = asyncio.Queue()

    async def __aenter__(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
        self._task = asyncio.create_task(self._run(scope))
        await self._inbox.put({"type": "lifespan.startup"})
        started = await self._outbox.get()
        assert started["type"] == "lifespan.startup.complete", started

    async def _run(self, scope: dict[str, Any]) -> None:
        await self._app(scope, self._inbox.get, self._outbox.put)

    async def __aexit__(self, *_: object) -> None:
        await self._inbox.put({"type": "lifespan.shutdown"})
        await self._outbox.get()
        await self._task


async def drive(app: Asgi, path: str, cookie: str, count: int) -> None:
    headers = [(b"host", b"127.0.0.1"), (b"accept", b"application/json")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    for n in range(count):
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
            "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers,
            "client": (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}", 40000),  # under any per-IP limit
            "server": ("127.0.0.1", 8000), "state": {},
        }  # fmt: skip
        await app(scope, receive, send)
    if set(statuses) != {200}:
        raise SystemExit(f"{path}: answered {sorted(set(statuses))}, not only 200")


async def counted(label: str, work: Awaitable[None]) -> None:
    # callgrind_control is run blocking on purpose: nothing of this process may run between switching on and off.
    pid = str(os.getpid())
    control = ["callgrind_control"]
    subprocess.run([*control, "--zero", pid], check=True, capture_output=True)  # noqa: ASYNC221
    subprocess.run([*control, "--instr=on", pid], check=True, capture_output=True)  # noqa: ASYNC221
    await work
    subprocess.run([*control, f"--dump={label}", pid], check=True, capture_output=True)  # noqa: ASYNC221
    subprocess.run([*control, "--instr=off", pid], check=True, capture_output=True)  # noqa: ASYNC221


def report(dumps: Path, routes: list[str], requests: int) -> None:
    """Per request: (instructions after 2N requests - after N) / N, for each case in `measure`'s order."""
    totals: dict[tuple[int, int], int] = {}
    for dump in dumps.glob("cg.*.*"):
        lines = dump.read_text(errors="replace").splitlines()
        label = re.search(r"case(\d+)-(\d+)", next(line for line in lines if line.startswith("desc: Trigger")))
        if label is not None:
            total = next(line.split()[1] for line in lines if line.startswith(("totals:", "summary:")))
            totals[(int(label[1]), int(label[2]))] = int(total)
    per = [(totals[(i, 2 * requests)] - totals[(i, requests)]) / requests for i in range(2 + len(routes))]
    bare, two_gets = per[0], per[1]
    print(f"{'per warm request':<42} {'instructions':>13} {'x bare':>7} {'x bare+2GET':>12}")
    print(f"{'bare handler (constant bytes)':<42} {bare:>13,.0f}")
    print(f"{'bare handler doing two Redis GETs':<42} {two_gets:>13,.0f} {bare / two_gets:>7.3f}")
    for route, value in zip(routes, per[2:], strict=True):
        print(f"{route:<42} {value:>13,.0f} {bare / value:>7.3f} {two_gets / value:>12.3f}")


if __name__ == "__main__":
    main()
