"""Benchmark: warm account reads against a bare Litestar handler, and what each costs in Postgres and Redis.

    .venv/bin/python benchmarks/account_bench.py [--seconds 5] [--connections 32] [--rounds 2] [--count 300]

Needs Postgres (a throwaway database is created and dropped) and Redis (PORTAL_BENCH_REDIS_URL, default
redis://127.0.0.1:6379/11, flushed). Starts the emulators in this process, `portal serve` (one uvicorn worker,
uvloop + httptools, log level WARNING) and the bare app, both pinned to CPU 0, while the load generator runs on
CPU 1 (closed loop, keep-alive connections). Hanako signs in once; every route is warmed once (read models and
caches filled), so the figures are the steady state.

Throughput is measured in rounds, each round interleaving the bare handler, the bare handler doing two Redis
GETs, and every account route, so each ratio compares runs made seconds apart on a noisy machine.

Then a second `portal serve` talks to Postgres and Redis through counting proxies (`benchmarks/wire_counter.py`),
and `--count` sequential warm requests per route give the commands and round trips per request, as they cross
the wire (the process's own background work, measured while idle, is subtracted).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import redis

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks.bare_app import DOCUMENT_KEY, SESSION_KEY, TWO_GETS_PATH  # noqa: E402
from benchmarks.catalog_bench import CLIENT_CPU, SERVER_CPU, _pin, server  # noqa: E402
from benchmarks.load import Result, load  # noqa: E402
from benchmarks.scale_bench import sign_in  # noqa: E402
from benchmarks.wire_counter import CountingProxy, Counts, counting  # noqa: E402
from tests.support.postgres import create_migrated_database, drop  # noqa: E402
from tests.support.sandbox import running_sandbox  # noqa: E402
from tests.support.servers import free_port  # noqa: E402

from sandbox.runner import portal_environment  # noqa: E402

REDIS_URL = os.environ.get("PORTAL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
PUBLIC = "/api/public/services/internet"
ROUTES = (
    "/api/me",
    "/api/billing/invoices",
    "/api/subscriptions",
    "/api/orders",
    "/api/account/services/sim",
)
DASHBOARD = "/api/me/status"  # helper "live"'s dashboard: measured when this build has it


def portal_env(database: str, redis_url: str, sandbox_env: dict[str, str]) -> dict[str, str]:
    return {
        "PORTAL_ADAPTERS": "real", "PORTAL_DATABASE_URL": database, "PORTAL_REDIS_URL": redis_url,
        "PORTAL_LOG_LEVEL": "WARNING", "PORTAL_LOG_FORMAT": "json",
        "PORTAL_PUBLIC_RATE_LIMIT_REQUESTS": "10000000", "PORTAL_DEMO_SEED_LOGINS": "true",
        "PORTAL_SESSION_COOKIE_SECURE": "false", "PORTAL_TRUSTED_PROXY_HEADER": "X-Forwarded-For",
        "PYTHONPATH": str(ROOT / "src"), **sandbox_env,
    }  # fmt: skip


def through(url: str, port: int) -> str:
    """`url` with its host and port replaced by the proxy's."""
    parts = urlsplit(url)
    userinfo = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    return urlunsplit(parts._replace(netloc=f"{userinfo}127.0.0.1:{port}"))


def host_port(url: str, default: int) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or default


def warm(port: int, cookie: str, paths: list[str]) -> list[str]:
    """Each path once (fills read models and caches); the ones this build answers successfully."""
    served = []
    for path in paths:
        answer = httpx.get(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie}, timeout=60)
        if answer.is_success:
            served.append(path)
        elif path != DASHBOARD:
            raise SystemExit(f"{path}: {answer.status_code} {answer.text[:300]}")
    return served


def line(name: str, result: Result, bare: float | None = None, redis_bare: float | None = None) -> str:
    ratios = ""
    if bare:
        ratios += f"  x bare {result.rate / bare:.2f}"
    if redis_bare:
        ratios += f"  x 2-GET {result.rate / redis_bare:.2f}"
    return (
        f"{name:<34} {result.rate:>8,.0f} req/s  p50 {result.percentile(0.5):6.2f} ms  "
        f"p99 {result.percentile(0.99):6.2f} ms  {dict(sorted(result.statuses.items()))}{ratios}"
    )


def count_per_request(
    port: int, cookie: str, paths: list[str], n: int, pg: CountingProxy, rd: CountingProxy
) -> list[tuple[str, float, float, float, float, dict[str, float], dict[str, float]]]:
    rows = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Cookie": cookie}, timeout=30) as client:
        for path in paths:
            for _ in range(20):  # this client's connection, caches of the route
                client.get(path).raise_for_status()
            # Background work of the process (catalog freshness checks, metrics) over a quiet spell as long as
            # the counted one, subtracted below.
            started = time.perf_counter()
            pg0, rd0 = pg.counts.copy(), rd.counts.copy()
            for _ in range(n):
                assert client.get(path).is_success
            spent = time.perf_counter() - started
            pg1, rd1 = pg.counts.copy(), rd.counts.copy()
            time.sleep(spent)
            pg2, rd2 = pg.counts.copy(), rd.counts.copy()
            pgd, rdd = pg1.minus(pg0), rd1.minus(rd0)
            pgi, rdi = pg2.minus(pg1), rd2.minus(rd1)

            def per(busy: Counts, idle: Counts) -> tuple[float, float, dict[str, float]]:
                names = {k: (v - idle.names.get(k, 0)) / n for k, v in busy.names.items()}
                return (
                    max(0.0, (busy.commands - idle.commands) / n),
                    max(0.0, (busy.round_trips - idle.round_trips) / n),
                    {k: round(v, 3) for k, v in names.items() if v > 0.001},
                )

            pc, pr, pn = per(pgd, pgi)
            rc, rr, rn = per(rdd, rdi)
            rows.append((path, pc, pr, rc, rr, pn, rn))
    return rows


@contextlib.contextmanager
def portal(
    src: Path, database: str, redis_url: str, sandbox_env: dict[str, str]
) -> Iterator[tuple[int, str, list[str]]]:
    """`portal serve` of the build in `src`, signed in as Hanako and warmed: (port, cookie, the paths it serves)."""
    redis.Redis.from_url(redis_url).flushdb()
    port = free_port()
    env = {**portal_env(database, redis_url, sandbox_env), "PYTHONPATH": str(src)}
    argv = [sys.executable, "-m", "entrypoints.cli", "serve", "--port", str(port), "--workers", "1"]
    with server(argv, env, port):
        cookie = sign_in(port)
        yield port, cookie, warm(port, cookie, [PUBLIC, *ROUTES, DASHBOARD])[1:]


def rss_kib(port: int) -> int:
    """Resident memory of the `portal serve` process listening on `port` (one worker: the process itself)."""
    pids = subprocess.run(["pgrep", "-f", f"serve --port {port} "], capture_output=True, text=True, check=False)
    total = 0
    for pid in pids.stdout.split():
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
    return total


def mixed(port: int, cookie: str, paths: list[str], requests: int, connections: int) -> int:
    """`requests` warm requests spread over the public catalog and the account routes, in chunks per route."""
    done, chunk, routes = 0, 5_000, [PUBLIC, *paths]
    while done < requests:
        path = routes[(done // chunk) % len(routes)]
        result = load("127.0.0.1", port, path, headers={"Cookie": cookie}, connections=connections,
                      seconds=None, total=min(chunk, requests - done), warmup=0)  # fmt: skip
        done += result.requests
    return done


def other_db(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{int(parts.path.strip('/') or 0) + 1}"))


def main() -> int:  # noqa: PLR0912, PLR0915 - one straight script
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--count", type=int, default=300, help="sequential warm requests counted per route")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument(
        "--rss-requests", type=int, default=0, help="RSS after warm-up and after this many mixed requests"
    )
    parser.add_argument(
        "--compare-src", type=Path, help="the `src` of another build (e.g. a checkout of main): measured alongside"
    )
    args = parser.parse_args()
    _pin(CLIENT_CPU)
    database = create_migrated_database("bench")
    rounds: list[dict[str, Result]] = []
    counted: dict[str, list[Any]] = {}
    rss: tuple[int, int, int] | None = None
    half: dict[str, Result] = {}
    builds = {"": ROOT / "src", **({"before ": args.compare_src.resolve()} if args.compare_src else {})}
    redis_urls = {"": REDIS_URL, "before ": other_db(REDIS_URL)}
    try:
        with (
            tempfile.TemporaryDirectory() as scratch,
            running_sandbox(Path(scratch)) as sandbox,
            contextlib.ExitStack() as stack,
        ):
            sandbox_env = portal_environment(sandbox.addresses, sandbox.credentials)
            running = {
                label: stack.enter_context(portal(src, database, redis_urls[label], sandbox_env))
                for label, src in builds.items()
            }
            port, cookie, paths = running[""]
            body = httpx.get(f"http://127.0.0.1:{port}{PUBLIC}", headers={"Accept-Encoding": "identity"})
            document = httpx.get(f"http://127.0.0.1:{port}/api/billing/invoices", headers={"Cookie": cookie})
            body_file = Path(scratch) / "body.json"
            body_file.write_bytes(body.content)
            store = redis.Redis.from_url(REDIS_URL)
            store.set(SESSION_KEY, b"x" * 200)
            store.set(DOCUMENT_KEY, document.content)
            bare_port = free_port()
            bare = [sys.executable, "-m", "uvicorn", "--factory", "benchmarks.bare_app:app", "--port",
                    str(bare_port), "--loop", "uvloop", "--http", "httptools", "--no-access-log",
                    "--log-level", "warning"]  # fmt: skip
            bare_env = {"BENCH_BODY_FILE": str(body_file), "BENCH_ETAG": body.headers["etag"],
                        "BENCH_REDIS_URL": REDIS_URL, "PYTHONPATH": str(ROOT)}  # fmt: skip
            run: dict[str, Any] = {"connections": args.connections, "seconds": args.seconds, "warmup": 1.0}
            if not args.skip_throughput:
                with server(bare, bare_env, bare_port):
                    for _ in range(args.rounds):
                        results = {
                            "bare": load("127.0.0.1", bare_port, PUBLIC, **run),
                            "bare-2get": load("127.0.0.1", bare_port, TWO_GETS_PATH, **run),
                        }
                        for path in [PUBLIC, *paths]:
                            for label, (p, c, served) in running.items():
                                if path == PUBLIC or path in served:
                                    results[f"{label}{path}"] = load("127.0.0.1", p, path, headers={"Cookie": c}, **run)
                        rounds.append(results)
                    # The latency a route gives at half of its peak (open loop: latencies from when each request
                    # was due), where a service should run.
                    for name in rounds[0]:
                        peak = statistics.median(r[name].rate for r in rounds)
                        target, path = (bare_port, PUBLIC) if name == "bare" else (None, name)
                        if name == "bare-2get":
                            target, path = bare_port, TWO_GETS_PATH
                        label = "before " if name.startswith("before ") else ""
                        if target is None:
                            target, path = running[label][0], name.removeprefix(label)
                        cookie_of = running[label][1] if target != bare_port else ""
                        half[name] = load(
                            "127.0.0.1", target, path, headers={"Cookie": cookie_of}, rate=peak / 2, **run
                        )
            if args.rss_requests:
                port, cookie, paths = running[""]
                mixed(port, cookie, paths, 20_000, args.connections)  # warm-up: caches, pools, allocator arenas
                rss_warm = rss_kib(port)
                sent = mixed(port, cookie, paths, args.rss_requests, args.connections)
                rss_after = rss_kib(port)
                rss = (rss_warm, rss_after, sent)
            stack.close()
            if args.count:
                for label, src in builds.items():
                    with counting(host_port(database, 5432), host_port(REDIS_URL, 6379)) as (pg, rd):
                        port = free_port()
                        proxied = portal_env(
                            through(database, pg.port), through(redis_urls[label], rd.port), sandbox_env
                        )
                        env = {**proxied, "PYTHONPATH": str(src)}
                        argv = [sys.executable, "-m", "entrypoints.cli", "serve", "--port", str(port)]
                        with server([*argv, "--workers", "1"], env, port):
                            cookie = sign_in(port)
                            served = warm(port, cookie, paths)
                            counted[label] = count_per_request(port, cookie, served, args.count, pg, rd)
    finally:
        drop(database)
    print(
        f"\n{args.connections} connections, {args.seconds:g} s per run after 1 s warm-up, {len(rounds)} interleaved "
        f"rounds; portal serve (1 worker) and the bare app on CPU {SERVER_CPU}, load on CPU {CLIENT_CPU}. Ratios are "
        "to the bare handler (constant bytes) and to the bare handler doing two Redis GETs, in the same round."
    )
    for index, results in enumerate(rounds, 1):
        print(f"-- round {index}")
        bare_rate, two = results["bare"].rate, results["bare-2get"].rate
        print(line("bare Litestar, constant bytes", results["bare"]))
        print(line("bare + 2 Redis GETs", results["bare-2get"], bare_rate))
        for name, result in results.items():
            if name.startswith(("/", "before")):
                print(line(f"GET {name}", result, bare_rate, two))
    if rounds:
        print("-- median ratio to bare over rounds")
        for name in rounds[0]:
            if name != "bare":
                ratios = [r[name].rate / r["bare"].rate for r in rounds]
                print(f"{name:<34} x bare {statistics.median(ratios):.2f}")
    if rss:
        warm_kib, after_kib, sent = rss
        growth = (after_kib - warm_kib) * 100 / warm_kib
        print(
            f"\nRSS of the worker: {warm_kib / 1024:.1f} MiB after warm-up (20,000 requests), "
            f"{after_kib / 1024:.1f} MiB after {sent:,} more mixed requests ({growth:+.1f} %)"
        )
    if half:
        print("-- at half of each one's peak (open loop, latency from when each request was due)")
        for name, result in half.items():
            print(line(name, result))
    for label, rows in counted.items():
        print(f"\n{label or 'this build: '}per warm request (mean of {args.count} sequential requests, idle background "
              "subtracted):")  # fmt: skip
        for path, pc, pr, rc, rr, pn, rn in rows:
            print(
                f"GET {path:<30} Postgres {pc:4.2f} statements / {pr:4.2f} round trips   "
                f"Redis {rc:4.2f} commands / {rr:4.2f} round trips"
            )
            print(f"    postgres {pn}  redis {rn}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
