"""The cancellation journey's settings (`PORTAL_CANCELLATION_*`)."""

from __future__ import annotations

import msgspec


class CancellationPolicy(msgspec.Struct, frozen=True, kw_only=True):
    cutoff_day: int = 25  # requests and withdrawals for a month's end close when this day ends (Tokyo)
    months_offered: int = 6  # how many month-ends, from the earliest, a customer may choose among
    idle_after_seconds: int = 120  # a due cancellation untouched this long is queued again by the sweep
    busy_retry_seconds: int = 60  # a SIM line locked by another change is tried again after this
