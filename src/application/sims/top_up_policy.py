"""The knobs of the top-up saga (settings in the composition root)."""

from __future__ import annotations

import msgspec


class TopUpPolicy(msgspec.Struct, frozen=True, kw_only=True):
    invoice_due_days: int = 7  # the invoice is captured at once; its due date matters only if capture is retried
    # Added data lapses this long after purchase (Freebit `expire`): a month's worth, as a plan's own quota does.
    quota_valid_days: int = 31
    busy_retry_seconds: float = 60  # Freebit locks a line while a change runs: come back after this
    idle_after_seconds: float = 120  # a pending top-up untouched this long lost its job: the sweep queues it again
