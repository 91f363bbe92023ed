"""`portal serve` with several workers, as operators run it: Prometheus multiprocess mode sums every worker's
counts whichever worker answers the scrape, process metrics come per worker, and JSON logs carry no ANSI codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.support.servers import free_port, wait_for_port

pytestmark = pytest.mark.e2e
REQUESTS = 60


@pytest.fixture(scope="module")
def two_workers() -> Iterator[tuple[int, Path]]:
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="portal-serve-")) / "stderr.log"
    env = {
        **{k: v for k, v in os.environ.items() if k != "PROMETHEUS_MULTIPROC_DIR"},
        "PORTAL_ADAPTERS": "memory",
        "PORTAL_LOG_FORMAT": "json",
        "PORTAL_LOG_LEVEL": "INFO",
    }
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "entrypoints.cli", "serve", "--port", str(port), "--workers", "2"],
            env=env, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for_port(port, timeout=60)
            yield port, log
        finally:
            process.terminate()
            process.wait(20)


def _health_series(text: str) -> float:
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "portal_http_requests_total"
        and sample.labels == {"method": "GET", "route": "/api/health", "status": "200"}
    )


def test_every_scrape_sums_every_workers_requests(two_workers: tuple[int, Path]) -> None:
    port, _ = two_workers
    for _ in range(REQUESTS):  # a fresh connection each: the kernel spreads them over both workers
        assert httpx.get(f"http://127.0.0.1:{port}/api/health", headers={"Connection": "close"}).status_code == 200
    scrapes = [httpx.get(f"http://127.0.0.1:{port}/metrics", headers={"Connection": "close"}).text for _ in range(6)]
    assert {_health_series(text) for text in scrapes} == {REQUESTS}
    pids = {
        sample.labels.get("pid")
        for family in text_string_to_metric_families(scrapes[-1])
        for sample in family.samples
        if sample.name == "process_resident_memory_bytes"
    }
    assert len(pids) == 2  # one series per worker


def test_json_log_lines_are_json_without_terminal_codes(two_workers: tuple[int, Path]) -> None:
    _, log = two_workers
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert "\x1b" not in json.dumps(json.loads(line), ensure_ascii=False), line  # raw or as \u001b
