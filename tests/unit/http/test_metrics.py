"""/metrics as operators expect: collectors that live with the process (not counters rebuilt per scrape), HTTP
requests by route template and status, process metrics, CDC counts as counters."""

from __future__ import annotations

from datetime import UTC, datetime

from litestar.testing import TestClient
from prometheus_client.parser import text_string_to_metric_families

from application.read_models.health import CacheHealth, ChannelState
from application.read_models.stats import ReadModelStats
from entrypoints.http.metrics import ReadModelCounters, exposition
from tests.unit.http.openapi_walk import memory_app


def families(text: str) -> dict[str, object]:
    return {family.name: family for family in text_string_to_metric_families(text)}


def samples(text: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    return {
        tuple(sorted(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    }


def test_requests_are_counted_and_timed_by_route_template_and_status() -> None:
    with TestClient(memory_app()) as client:
        before = samples(client.get("/metrics").text, "portal_http_requests_total")
        for invoice in (3, 4, 5):
            client.get(f"/api/billing/invoices/{invoice}")  # no session: 401
        client.get("/api/no/such/path")
        client.head("/api/health")
        text = client.get("/metrics").text
    after = samples(text, "portal_http_requests_total")
    invoice = (("method", "GET"), ("route", "/api/billing/invoices/{invoice_id}"), ("status", "401"))
    assert after[invoice] - before.get(invoice, 0) == 3  # one series for every id
    unmatched = (("method", "GET"), ("route", "unmatched"), ("status", "404"))
    assert after[unmatched] - before.get(unmatched, 0) == 1
    assert (("method", "HEAD"), ("route", "/api/health"), ("status", "200")) in after
    histogram = samples(text, "portal_http_request_duration_seconds_count")
    assert histogram[invoice] >= 3
    assert "process_resident_memory_bytes" in families(text)


def test_read_model_counts_carry_over_by_delta_and_cdc_counts_are_counters() -> None:
    stats = ReadModelStats(family="unit-model")
    counters = ReadModelCounters([stats])
    channel = ChannelState(
        channel="/data/Product2ChangeEvent", connected=True, leader="cdc-1", reported_at=datetime.now(UTC),
        last_event_at=None, last_replay_id=41, lag_seconds=0.2, applied=7, duplicates=1, resyncs=0,
    )  # fmt: skip
    report = CacheHealth(store_available=True, read_models=(), channels=(channel,))
    stats.hits, stats.misses = 5, 2
    first = samples(exposition(report, counters).decode(), "portal_read_model_hits_total")
    stats.hits = 8
    second = exposition(report, counters).decode()
    model = (("model", "unit-model"),)
    assert samples(second, "portal_read_model_hits_total")[model] - first[model] == 3  # not re-added each scrape
    cdc = families(second)
    assert cdc["portal_cdc_events_applied"].type == "counter"  # type: ignore[attr-defined]
    assert samples(second, "portal_cdc_events_applied_total")[(("channel", "/data/Product2ChangeEvent"),)] == 7
    assert cdc["portal_cdc_channel_lag_seconds"].type == "gauge"  # type: ignore[attr-defined]
