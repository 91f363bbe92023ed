"""Prometheus metrics of the API: collectors that live as long as the process, exposed at `/metrics`.

- HTTP: `portal_http_requests_total` and `portal_http_request_duration_seconds` by method, route template (never the
  raw path: ids would explode the series) and status; recorded for every answer, the catalog's fast path included.
- Read models: this process's counters (hits, misses, fills...) as `portal_read_model_<name>_total`, carried over
  from the use cases' own counters by `ReadModelCounters.sync` (the application layer knows no Prometheus).
- Shared state read at scrape time (the same for every process): whether each read model is stored, the CDC
  channels (connected, lag, replay id as gauges; applied, duplicate and resync counts as counters).
- Process: the standard `process_*` metrics (memory, CPU, open files).

With `PORTAL_HTTP_WORKERS` > 1, `portal serve` runs prometheus-client's multiprocess mode (`PROMETHEUS_MULTIPROC_DIR`):
each worker writes its counters to files and any worker's `/metrics` sums them; process metrics then carry a `pid`
label, one series per worker.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.process_collector import ProcessCollector

from application.read_models.health import CacheHealth
from application.read_models.stats import ReadModelStats
from entrypoints.http.metrics_shared import SharedState

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
COUNTERS_STATE_KEY = "read_model_counters"  # the app's `ReadModelCounters`, set up by its lifespan
SYNC_SECONDS = 5.0  # how often each process carries its read-model counts over (the scraped one also at scrape)
UNMATCHED = "unmatched"  # requests no route answered (404s): one series, whatever the path
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_HTTP = ["method", "route", "status"]
REQUESTS = Counter("portal_http_requests", "HTTP requests answered.", _HTTP, registry=None)
LATENCY = Histogram(
    "portal_http_request_duration_seconds", "Time to answer, by route.", _HTTP, buckets=_LATENCY_BUCKETS, registry=None
)
STATS = ("hits", "local_hits", "misses", "fills", "refused_fills", "live_reads", "store_errors")
_STAT_HELP = {
    "hits": "Reads answered by the read-model store.",
    "local_hits": "Reads answered by this process's verified copy.",
    "misses": "Reads that found the current version absent.",
    "fills": "Loads from the system of record stored as the current version.",
    "refused_fills": "Loads overtaken by an invalidation (not stored).",
    "live_reads": "Loads served without the store.",
    "store_errors": "Read-model store failures.",
}
READ_MODEL = {name: Counter(f"portal_read_model_{name}", _STAT_HELP[name], ["model"], registry=None) for name in STATS}
# Process metrics per worker in multiprocess mode (the standard collector would describe only the scraped worker).
_PROCESS_GAUGES = {
    name: Gauge(name, help_text, registry=None, multiprocess_mode="all")
    for name, help_text in (
        ("process_resident_memory_bytes", "Resident memory size in bytes."),
        ("process_cpu_seconds_total", "Total user and system CPU time spent in seconds."),
        ("process_open_fds", "Number of open file descriptors."),
        ("process_start_time_seconds", "Start time of the process since unix epoch in seconds."),
    )
}


def multiprocess() -> bool:
    return bool(os.environ.get(MULTIPROCESS_DIR))


_SERIES: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}  # bounded: routes x methods x statuses


def observe(method: str, route: str | None, status: int, seconds: float) -> None:
    """Per answer, so the labelled series are looked up once each (`labels()` costs more than the increment)."""
    key = (method, route or UNMATCHED, status)
    series = _SERIES.get(key)
    if series is None:
        labels = (key[0], key[1], str(status))
        series = _SERIES[key] = (REQUESTS.labels(*labels), LATENCY.labels(*labels))
    series[0].inc()
    series[1].observe(seconds)


class ReadModelCounters:
    """Adds what each read model counted since the last sync to its Prometheus counters."""

    def __init__(self, models: Iterable[ReadModelStats]) -> None:
        self._models = tuple(models)
        self._seen: dict[tuple[str, str], int] = {}

    def sync(self) -> None:
        for stats in self._models:
            for name in STATS:
                value = getattr(stats, name)
                delta = value - self._seen.get((stats.family, name), 0)
                if delta > 0:
                    READ_MODEL[name].labels(stats.family).inc(delta)
                self._seen[(stats.family, name)] = value
        if multiprocess():
            _record_process_metrics()


def _record_process_metrics() -> None:
    for family in ProcessCollector(registry=None).collect():
        for sample in family.samples:
            gauge = _PROCESS_GAUGES.get(sample.name)
            if gauge is not None:
                gauge.set(sample.value)


def exposition(report: CacheHealth, counters: ReadModelCounters | None = None) -> bytes:
    if counters is not None:
        counters.sync()
    registry = CollectorRegistry()
    if multiprocess():
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # every worker's series, summed
    else:
        for metric in (REQUESTS, LATENCY, *READ_MODEL.values()):
            registry.register(metric)
        ProcessCollector(registry=registry)
    registry.register(SharedState(report))
    return generate_latest(registry)
