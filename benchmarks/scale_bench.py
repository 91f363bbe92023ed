"""Benchmark: what one core serves — public and account routes of `portal serve`, and nginx's cache in front.

    .venv/bin/python benchmarks/scale_bench.py [--seconds 8] [--connections 64] [--redis-cluster]

Needs Postgres (a throwaway database is created and dropped) and Redis (PORTAL_BENCH_REDIS_URL, default
redis://127.0.0.1:6379/12, flushed; `--redis-cluster` starts a 3-master cluster on loopback instead) and nginx for
the edge figures. Starts the emulators in this process, then `portal serve` (one uvicorn worker, uvloop +
httptools, log level WARNING) pinned to CPU 0 with the demo logins, while the load generator runs on CPU 1
(closed loop, keep-alive connections). Hanako's session is used for the account routes, each warmed once (read
models and caches filled), so the figures are the steady state: session lookup in Redis, the account link in
Postgres, the read model or cache in Redis. Then nginx (one worker, CPU 0) in front: the public catalog from its
cache, and an account route through it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import redis

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks.catalog_bench import CLIENT_CPU, SERVER_CPU, _pin, report, server  # noqa: E402
from benchmarks.load import Result, load  # noqa: E402
from tests.e2e.edge.nginx import running_nginx  # noqa: E402
from tests.support.postgres import create_migrated_database, drop  # noqa: E402
from tests.support.redis_cluster import redis_cluster  # noqa: E402
from tests.support.sandbox import running_sandbox  # noqa: E402
from tests.support.servers import free_port  # noqa: E402

from entrypoints.demo.world import DEMO_LOGINS  # noqa: E402
from sandbox.runner import portal_environment  # noqa: E402

REDIS_URL = os.environ.get("PORTAL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
PUBLIC = "/api/public/services/internet"
ACCOUNT_ROUTES = ("/api/me", "/api/me/status", "/api/orders", "/api/billing/invoices", "/api/account/services/sim")


@contextlib.contextmanager
def stores(cluster: bool) -> Iterator[tuple[str, bool]]:
    if cluster:
        with redis_cluster() as servers:
            yield servers.url, True
        return
    redis.Redis.from_url(REDIS_URL).flushdb()
    yield REDIS_URL, False


def pinned_nginx_options() -> str:
    return "max_fails=1 fail_timeout=5s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--redis-cluster", action="store_true", help="a 3-master Redis Cluster instead of one Redis")
    args = parser.parse_args()
    _pin(CLIENT_CPU)
    database = create_migrated_database("bench")
    results: list[tuple[str, Result]] = []
    try:
        with (
            tempfile.TemporaryDirectory() as scratch,
            running_sandbox(Path(scratch)) as sandbox,
            stores(args.redis_cluster) as (redis_url, cluster),
        ):
            port = free_port()
            env = {
                "PORTAL_ADAPTERS": "real", "PORTAL_DATABASE_URL": database, "PORTAL_REDIS_URL": redis_url,
                "PORTAL_REDIS_CLUSTER": str(cluster).lower(), "PORTAL_LOG_LEVEL": "WARNING",
                "PORTAL_LOG_FORMAT": "json",
                "PORTAL_PUBLIC_RATE_LIMIT_REQUESTS": "10000000", "PORTAL_DEMO_SEED_LOGINS": "true",
                "PORTAL_SESSION_COOKIE_SECURE": "false", "PORTAL_TRUSTED_PROXY_HEADER": "X-Forwarded-For",
                "PYTHONPATH": str(ROOT / "src"), **portal_environment(sandbox.addresses, sandbox.credentials),
            }  # fmt: skip
            portal = [sys.executable, "-m", "entrypoints.cli", "serve", "--port", str(port), "--workers", "1"]
            with server(portal, env, port):
                cookie = sign_in(port)
                for path in (PUBLIC, *ACCOUNT_ROUTES):  # warm: read models and caches filled
                    assert httpx.get(
                        f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie}, timeout=30
                    ).is_success
                run = {"connections": args.connections, "seconds": args.seconds}
                results.append((f"GET {PUBLIC}", load("127.0.0.1", port, PUBLIC, **run)))  # type: ignore[arg-type]
                for path in ACCOUNT_ROUTES:
                    results.append((f"GET {path}", load("127.0.0.1", port, path, headers={"Cookie": cookie}, **run)))  # type: ignore[arg-type]
                edge_dir = Path(scratch) / "nginx"
                with running_nginx(edge_dir, [f"127.0.0.1:{port}"], server_options=pinned_nginx_options()) as nginx:
                    pin_nginx(edge_dir)
                    results.append((f"edge: GET {PUBLIC} (cached)", load("127.0.0.1", nginx.port, PUBLIC, **run)))  # type: ignore[arg-type]
                    results.append(
                        ("edge: GET /api/orders (proxied)",
                         load("127.0.0.1", nginx.port, "/api/orders", headers={"Cookie": cookie}, **run))  # type: ignore[arg-type]
                    )  # fmt: skip
    finally:
        drop(database)
    redis_kind = "a 3-master Redis Cluster" if args.redis_cluster else "one Redis"
    print(
        f"\n{args.connections} connections, {args.seconds:g} s per run after 2 s warm-up; portal serve (1 worker) and "
        f"nginx (1 worker) on CPU {SERVER_CPU}, load on CPU {CLIENT_CPU}; {redis_kind}"
    )
    for name, result in results:
        report(name, result)
    return 0


def sign_in(port: int) -> str:
    hanako = DEMO_LOGINS[0]
    answer = httpx.post(
        f"http://127.0.0.1:{port}/api/auth/login", json={"email": hanako.email, "password": hanako.password}, timeout=30
    )
    answer.raise_for_status()
    return "; ".join(f"{name}={value}" for name, value in answer.cookies.items())


def pin_nginx(directory: Path) -> None:
    """nginx's worker onto the server's CPU, like the portal."""
    master = int((directory / "nginx.pid").read_text())
    workers = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True, check=False).stdout.split()
    for pid in [master, *map(int, workers)]:
        with contextlib.suppress(OSError):
            os.sched_setaffinity(pid, {SERVER_CPU})


if __name__ == "__main__":
    sys.exit(main())
