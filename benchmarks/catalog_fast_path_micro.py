"""Micro-benchmark: the in-process cost of one warm public catalog answer on the fast path, without network.

    .venv/bin/python benchmarks/catalog_fast_path_micro.py [--trusted-header X-Forwarded-For]

Calls `PublicCatalogFastPath` directly with a verified copy of the demo catalog and an always-allowing rate
limiter (the limiter is the same code before and after any change to the fast path; leaving it out isolates the
path's own work). Prints the best of 7 rounds of 20,000 answers, for a 200, a 200 as a browser asks (Accept-Encoding with br) and a 304. Unlike
catalog_bench.py it needs no Redis, no emulator and no second core, so it stays comparable on a busy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.unit.catalog.world import demo_crm  # noqa: E402

from application.catalog.catalog_read_model import CatalogReadModel  # noqa: E402
from application.catalog.public_limit import PublicCatalogLimit  # noqa: E402
from application.catalog.snapshot import CatalogSnapshot, build_snapshot  # noqa: E402
from application.ports.rate_limiter import RateDecision, RateRule  # noqa: E402
from entrypoints.http.catalog.documents import PublicCatalogJson  # noqa: E402
from entrypoints.http.catalog.fast_path import PublicCatalogFastPath  # noqa: E402
from entrypoints.http.catalog.public_answer import PublicCatalogEndpoint  # noqa: E402
from entrypoints.http.client_ip import ClientIpResolver  # noqa: E402

ROUNDS, ANSWERS = 7, 20_000
ALLOWED = RateDecision(allowed=True)


class Unlimited:
    async def hit(self, rule: RateRule, identifier: str) -> RateDecision:
        return ALLOWED

    async def peek(self, rule: RateRule, identifier: str) -> RateDecision:
        return ALLOWED


class VerifiedCopy:
    def __init__(self, snapshot: CatalogSnapshot) -> None:
        self.snapshot = snapshot

    def verified_copy(self) -> CatalogSnapshot:
        return self.snapshot


class OneEndpoint:
    def __init__(self, endpoint: PublicCatalogEndpoint) -> None:
        self.endpoint = endpoint

    async def get(self, _: object) -> PublicCatalogEndpoint:
        return self.endpoint


async def fell_through(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("the fast path did not answer")


async def sent(message: Any) -> None:
    pass


async def main(trusted_header: str) -> None:
    data, _ = demo_crm()
    snapshot = build_snapshot(
        list(data.entries.values()), PublicCatalogJson(), built_at=datetime.now(UTC), build_seconds=0
    )
    catalog: CatalogReadModel = VerifiedCopy(snapshot)  # type: ignore[assignment]
    limit = PublicCatalogLimit(Unlimited(), RateRule(name="bench", limit=1, per_seconds=1))
    endpoint = PublicCatalogEndpoint(catalog, limit, ClientIpResolver(trusted_header, 1), 300)
    fast = PublicCatalogFastPath(fell_through, OneEndpoint(endpoint))  # type: ignore[arg-type]
    headers = [(b"host", b"portal"), (b"accept", b"*/*"), (b"x-forwarded-for", b"203.0.113.9")]
    brotli = [(b"accept-encoding", b"gzip, deflate, br, zstd")]  # as browsers ask: the copy compressed once
    cases = (("200", []), ("200 br", brotli), ("304", [(b"if-none-match", snapshot.etags["internet"].encode())]))
    for name, extra in cases:
        scope = {"type": "http", "method": "GET", "path": "/api/public/services/internet",
                 "headers": headers + extra, "client": ("127.0.0.1", 50000)}  # fmt: skip
        best = float("inf")
        for _ in range(ROUNDS):
            started = time.perf_counter()
            for _ in range(ANSWERS):
                await fast(scope, None, sent)  # type: ignore[arg-type]
            best = min(best, (time.perf_counter() - started) / ANSWERS)
        print(f"{name:<6}  trusted header {trusted_header or '-':<16} {best * 1e6:6.2f} µs per answer", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trusted-header", default="")
    asyncio.run(main(parser.parse_args().trusted_header))
