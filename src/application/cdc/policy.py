from __future__ import annotations

import msgspec

from application.cdc.channels import RETENTION_SECONDS


class ConsumerPolicy(msgspec.Struct, frozen=True, kw_only=True):
    lease_ttl_ms: int = 6_000  # a dead leader's channel is free after this
    renew_seconds: float = 2.0  # the leader extends its lease this often (and reports its status)
    acquire_seconds: float = 1.0  # standbys try to take a free channel this often
    processed_ttl_seconds: int = RETENTION_SECONDS  # no redelivery comes later
    finish_in_flight_seconds: float = 10.0  # on stop or lost lease, the message in hand gets this long to finish
    retry_initial_seconds: float = 0.2
    retry_max_seconds: float = 10.0
    # A channel never consumed before starts with new events only, so whatever changed before the subscription
    # was live is unknown: its read models are resynced when consumption starts and once more after this delay,
    # by which time the subscription is established.
    cold_start_settle_seconds: float = 10.0
