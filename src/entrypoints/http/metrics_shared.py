"""Metrics of what every API process sees alike (read from the store's health report at each scrape): whether each
read model is stored, and the CDC channels — connected, lag and replay id as gauges; applied events, duplicates
and resyncs as counters (they grow while a leader lives; a new leader starts again, which Prometheus reads as a
counter reset)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from application.read_models.health import CacheHealth


class SharedState(Collector):
    """What every process sees alike, from the health report taken for this scrape."""

    def __init__(self, report: CacheHealth) -> None:
        self._report = report

    def collect(self) -> Iterator[Metric]:
        report = self._report
        up = GaugeMetricFamily("portal_read_model_store_up", "1 when the read-model store answers.")
        up.add_metric([], 1 if report.store_available else 0)
        present = GaugeMetricFamily(
            "portal_read_model_present", "1 when the current version is stored.", labels=["model"]
        )
        rebuild = GaugeMetricFamily(
            "portal_read_model_last_rebuild_seconds", "Duration of the last rebuild.", labels=["model"]
        )
        for model in report.read_models:
            if model.present is not None:
                present.add_metric([model.name], 1 if model.present else 0)
            if model.last_rebuild_seconds is not None:
                rebuild.add_metric([model.name], model.last_rebuild_seconds)
        yield from (up, present, rebuild)
        yield from _channels(report)


def _channels(report: CacheHealth) -> Iterator[Metric]:
    labels = ["channel"]
    gauges: dict[str, GaugeMetricFamily] = {
        "connected": GaugeMetricFamily(
            "portal_cdc_channel_connected", "1 when a live leader consumes it.", labels=labels
        ),
        "lag_seconds": GaugeMetricFamily(
            "portal_cdc_channel_lag_seconds", "Commit-to-applied delay of the last event.", labels=labels
        ),
        "last_replay_id": GaugeMetricFamily(
            "portal_cdc_channel_last_replay_id", "Replay id of the last applied event.", labels=labels
        ),
    }
    counters: dict[str, CounterMetricFamily] = {
        "applied": CounterMetricFamily(
            "portal_cdc_events_applied", "Events applied by the current leader.", labels=labels
        ),
        "duplicates": CounterMetricFamily(
            "portal_cdc_events_duplicate", "Redeliveries the current leader skipped.", labels=labels
        ),
        "resyncs": CounterMetricFamily("portal_cdc_resyncs", "Full resyncs by the current leader.", labels=labels),
    }
    for channel in report.channels:
        for name, gauge in gauges.items():
            if (value := getattr(channel, name)) is not None:
                gauge.add_metric([channel.channel], float(value))
        for name, counter in counters.items():
            counter.add_metric([channel.channel], float(getattr(channel, name)))
    yield from (*gauges.values(), *counters.values())
