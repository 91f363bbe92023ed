"""Windows and limits of the catalog, the consumer, fulfilment and the worker, plus the demo and CORS switches."""

from __future__ import annotations

from typing import Annotated

import msgspec

from application.cancellations.policy import CancellationPolicy
from application.catalog.windows import SAFETY_TTL_SECONDS
from application.cdc.policy import ConsumerPolicy
from application.live.policy import LivePolicy
from application.notifications.policy import NotificationPolicy
from application.orders.fulfilment.policy import FulfilmentPolicy
from domain.orders.activation import DEFAULT_TRIGGER_STATUSES
from entrypoints.settings.process import Doc
from entrypoints.settings.upstreams import UpstreamSettings

# The defaults of the tunable windows and limits are their areas' (one home each), in this file's units.
_CONSUMER, _FULFILMENT, _NOTIFICATIONS, _LIVE = ConsumerPolicy(), FulfilmentPolicy(), NotificationPolicy(), LivePolicy()
_CANCELLATION = CancellationPolicy()


class TuningSettings(UpstreamSettings, frozen=True, kw_only=True):
    demo_seed_logins: Annotated[
        bool, Doc(description="Seed the demo world (logins, SIM stock) at start-up (`portal demo` sets it).")
    ] = False
    cors_allowed_origins: Annotated[
        list[str], Doc(description="Origins allowed cross-site (comma-separated); empty = same-origin only.")
    ] = msgspec.field(default_factory=list)

    cancellation_cutoff_day: Annotated[
        int,
        Doc(
            ge=1,
            le=28,
            description="Day of the month (Tokyo) whose end closes that month-end for new cancellations and "
            "withdrawals.",
        ),
    ] = _CANCELLATION.cutoff_day
    cancellation_months_offered: Annotated[
        int, Doc(ge=1, le=24, description="How many month-ends, from the earliest open one, a customer may choose.")
    ] = _CANCELLATION.months_offered

    public_rate_limit_requests: Annotated[
        int, Doc(ge=1, le=10_000_000, description="Public catalog requests allowed per client IP per window.")
    ] = 300
    public_rate_limit_window_seconds: Annotated[
        int, Doc(ge=1, le=3600, description="The window of the public catalog rate limit.")
    ] = 60
    public_catalog_max_age_seconds: Annotated[
        int, Doc(ge=0, le=86_400, description="Cache-Control max-age and s-maxage of the public catalog.")
    ] = 300
    catalog_live_reads_per_process: Annotated[
        int,
        Doc(ge=1, le=100, description="Concurrent live Salesforce reads per process when the read models cannot help."),
    ] = 4
    catalog_live_read_wait_seconds: Annotated[
        float, Doc(gt=0, le=60, description="How long a request waits for a live-read slot before a 503.")
    ] = 2.0
    catalog_safety_ttl_hours: Annotated[
        int, Doc(ge=1, le=24 * 30, description="Safety TTL of the catalog read model (events invalidate it).")
    ] = SAFETY_TTL_SECONDS // 3600
    cdc_lease_ttl_seconds: Annotated[
        float, Doc(ge=1, le=120, description="A dead `portal cdc` leader's channels are taken over after this.")
    ] = _CONSUMER.lease_ttl_ms / 1000
    cdc_cold_start_settle_seconds: Annotated[
        float, Doc(ge=0, le=600, description="A never-consumed channel is resynced again this long after starting.")
    ] = _CONSUMER.cold_start_settle_seconds
    fulfilment_trigger_statuses: Annotated[
        list[str],
        Doc(description="Order statuses that, with activation status Activating, start fulfilment (comma-separated)."),
    ] = msgspec.field(default_factory=lambda: list(DEFAULT_TRIGGER_STATUSES))
    fulfilment_sim_poll_seconds: Annotated[
        float, Doc(gt=0, le=3600, description="How often fulfilment checks whether Freebit finished an activation.")
    ] = _FULFILMENT.sim_poll_seconds
    fulfilment_sim_timeout_minutes: Annotated[
        int, Doc(ge=1, le=7 * 24 * 60, description="An activation Freebit has not finished by then fails the order.")
    ] = int(_FULFILMENT.sim_activation_timeout_seconds // 60)

    worker_heartbeat_seconds: Annotated[
        float, Doc(gt=0, le=300, description="How often a `portal worker` tells the queue it is alive.")
    ] = 10.0
    worker_stalled_after_seconds: Annotated[
        float,
        Doc(gt=0, le=3600, description="A worker silent this long is dead: its running jobs are retried elsewhere."),
    ] = 30.0
    notification_retention_days: Annotated[
        int, Doc(ge=1, le=3650, description="Notifications older than this are purged (hourly), read or not.")
    ] = _NOTIFICATIONS.retention_days
    live_streams_per_customer: Annotated[
        int, Doc(ge=1, le=100, description="Live streams (SSE) one customer may hold open on one API process.")
    ] = _LIVE.streams_per_customer
    live_streams_per_process: Annotated[
        int, Doc(ge=1, le=100_000, description="Live streams one API process holds open at most (more: 429).")
    ] = _LIVE.streams_per_process
    live_heartbeat_seconds: Annotated[
        float, Doc(gt=0, le=300, description="An idle live stream sends a heartbeat event this often.")
    ] = _LIVE.heartbeat_seconds
    live_replay_events: Annotated[
        int, Doc(ge=1, le=10_000, description="Events kept per customer for reconnecting streams (older: resync).")
    ] = _LIVE.replay_events
