from __future__ import annotations

import msgspec

from domain.orders.activation import DEFAULT_TRIGGER_STATUSES


class FulfilmentPolicy(msgspec.Struct, frozen=True, kw_only=True):
    # Order statuses that, with activation status "Activating", start (or re-start) fulfilment.
    trigger_statuses: tuple[str, ...] = DEFAULT_TRIGGER_STATUSES
    # Freebit finishes activations asynchronously (minutes): how often to look, and for how long at most.
    sim_poll_seconds: float = 30.0
    sim_activation_timeout_seconds: float = 2 * 3600.0
    # Outages are retried by the queue with backoff; after this many in a row the order is marked failed.
    max_transient_failures: int = 12
    # A running fulfilment untouched this long lost its job (a crash); the sweep queues it again.
    stalled_after_seconds: float = 15 * 60.0

    @property
    def max_sim_waits(self) -> int:
        return max(1, int(self.sim_activation_timeout_seconds // max(self.sim_poll_seconds, 0.001)))
