"""Benchmark: the warm public catalog endpoint against a bare Litestar handler returning the same bytes.

    .venv/bin/python benchmarks/catalog_bench.py [--seconds 8] [--connections 64] [--requests 100000]

Needs Redis (PORTAL_BENCH_REDIS_URL, default redis://127.0.0.1:6379/13, flushed). Starts the Salesforce emulator
in this process, then, one after the other, the bare app and `portal serve` (one uvicorn worker, uvloop +
httptools, log level WARNING so no access log) pinned to CPU 0, while the load generator runs on CPU 1 — all
in one run, so the ratio is the figure that counts. Prints requests/s and p50/p99 (closed loop, 64 keep-alive
connections) for: bare handler, warm 200, warm 200 as a browser asks (brotli), 304 revalidation; then Salesforce
API requests during a fixed number of warm requests (the target is zero beyond the cold start).
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

from benchmarks.load import Result, load  # noqa: E402
from tests.e2e.catalog.salesforce import running_salesforce  # noqa: E402
from tests.support.servers import free_port, wait_for_port  # noqa: E402

PATH = "/api/public/services/internet"
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"  # what current browsers send
REDIS_URL = os.environ.get("PORTAL_BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
SERVER_CPU, CLIENT_CPU = 0, 1


def _pin(cpu: int) -> None:
    with contextlib.suppress(OSError, AttributeError, ValueError):
        os.sched_setaffinity(0, {cpu % (os.cpu_count() or 1)})


@contextlib.contextmanager
def server(argv: list[str], env: dict[str, str], port: int) -> Iterator[None]:
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below, after the process ends
    process = subprocess.Popen(
        argv, env={**os.environ, **env}, cwd=ROOT, preexec_fn=lambda: _pin(SERVER_CPU),  # noqa: PLW1509
        stdout=log, stderr=log,
    )  # fmt: skip
    try:
        try:
            wait_for_port(port, timeout=60)
        except TimeoutError:
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace")[-3000:])
            raise
        yield
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def report(name: str, result: Result, baseline: Result | None = None) -> None:
    ratio = f"  x bare {result.rate / baseline.rate:.2f}" if baseline else ""
    print(
        f"{name:<34} {result.rate:>9,.0f} req/s   p50 {result.percentile(0.5):6.2f} ms   "
        f"p99 {result.percentile(0.99):6.2f} ms   statuses {result.statuses}{ratio}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--requests", type=int, default=100_000)
    args = parser.parse_args()
    _pin(CLIENT_CPU)
    redis.Redis.from_url(REDIS_URL).flushdb()
    with tempfile.TemporaryDirectory() as scratch, running_salesforce(Path(scratch)) as salesforce:
        sf_state = salesforce.app.state.salesforce
        port = free_port()
        env = {
            "PORTAL_ADAPTERS": "real", "PORTAL_REDIS_URL": REDIS_URL, "PORTAL_LOG_LEVEL": "WARNING",
            "PORTAL_LOG_FORMAT": "json", "PORTAL_PUBLIC_RATE_LIMIT_REQUESTS": "10000000",
            "PYTHONPATH": str(ROOT / "src"), **salesforce.environment(),
        }  # fmt: skip
        portal = [sys.executable, "-m", "entrypoints.cli", "serve", "--port", str(port), "--workers", "1"]
        with server(portal, env, port):
            before_cold = sf_state.api_requests
            cold = httpx.get(f"http://127.0.0.1:{port}{PATH}", timeout=30, headers={"Accept-Encoding": "identity"})
            cold_requests = sf_state.api_requests - before_cold
            body, etag = cold.content, cold.headers["etag"]
            warm = load("127.0.0.1", port, PATH, connections=args.connections, seconds=args.seconds)
            compressed = load(
                "127.0.0.1", port, PATH, connections=args.connections, seconds=args.seconds,
                headers={"Accept-Encoding": BROWSER_ENCODINGS},
            )  # fmt: skip
            brotli = httpx.get(f"http://127.0.0.1:{port}{PATH}", headers={"Accept-Encoding": "br"})
            brotli_size = int(brotli.headers["content-length"])
            not_modified = load(
                "127.0.0.1", port, PATH, connections=args.connections, seconds=args.seconds,
                headers={"If-None-Match": etag},
            )  # fmt: skip
            before = sf_state.api_requests
            counted = load("127.0.0.1", port, PATH, connections=args.connections, seconds=None,
                           total=args.requests, warmup=0)  # fmt: skip
            sf_during = sf_state.api_requests - before
        body_file = Path(scratch) / "body.json"
        body_file.write_bytes(body)
        bare_port = free_port()
        bare = [sys.executable, "-m", "uvicorn", "--factory", "benchmarks.bare_app:app", "--port", str(bare_port),
                "--loop", "uvloop", "--http", "httptools", "--no-access-log", "--log-level", "warning"]  # fmt: skip
        bare_env = {"BENCH_BODY_FILE": str(body_file), "BENCH_ETAG": etag, "PYTHONPATH": str(ROOT)}
        with server(bare, bare_env, bare_port):
            baseline = load("127.0.0.1", bare_port, PATH, connections=args.connections, seconds=args.seconds)
    print(
        f"\ncatalog document: {len(body):,} bytes, ETag {etag}; {args.connections} connections, {args.seconds:g} s "
        f"per run after 2 s warm-up; server on CPU {SERVER_CPU}, load on CPU {CLIENT_CPU}"
    )
    report("bare Litestar, same bytes", baseline)
    report("GET public/services/internet", warm, baseline)
    report(f"  brotli ({brotli_size:,} bytes on the wire)", compressed, baseline)
    report("  304 (If-None-Match)", not_modified, baseline)
    print(f"Salesforce API requests: cold start {cold_requests}; during {counted.requests:,} warm requests "
          f"{sf_during} (= {sf_during * 100_000 / max(1, counted.requests):g} per 100,000)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
