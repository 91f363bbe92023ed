"""Where each SIM plan change keeps its recovery points (Postgres in production).

Every call is its own transaction: a change recorded by `save` is durable when `save` returns. `save` is fenced by
the record's `version`: a process saving an older copy than the stored one gets `StalePlanChangeError` and must stop
(another worker, or the customer's cancellation, went on from that state first). At most one open (scheduled or
applying) change per SIM. Errors: `UpstreamUnavailableError` when the store cannot answer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.sims.plan_change import PlanChange


class StalePlanChangeError(Exception):
    """Another process saved the change since this copy was read: whoever holds this copy stops (never shown to a
    customer, so it carries no problem code)."""


class PlanChangeRecords(Protocol):
    async def get(self, change_id: str) -> PlanChange | None: ...

    async def by_key(self, user_id: str, idempotency_key: str) -> PlanChange | None:
        """The change this user made with this Idempotency-Key, if any."""
        ...

    async def begin(self, change: PlanChange) -> PlanChange | None:
        """Store `change` unless the user already made one with its key (that one is returned); None when the SIM
        already has another open change."""
        ...

    async def save(self, change: PlanChange) -> None:
        """Store `change` if nobody saved it since it was read (its `version`), bumping the version."""
        ...

    async def open_for_sim(self, sim_id: int) -> PlanChange | None:
        """The SIM's scheduled or applying change, if any."""
        ...

    async def scheduled_change(self, sim_id: int) -> str | None:
        """`plan_change` while the SIM has an open change (`ScheduledLineChanges`: the one-change-at-a-time gate)."""
        ...

    async def due(self, *, now: datetime, limit: int = 100) -> tuple[str, ...]:
        """Open changes whose cut-off has passed (their date has come in Japan), oldest first."""
        ...
