"""Where each physical SIM replacement keeps its recovery points (Postgres in production).

As `PlanChangeRecords`: each call its own transaction, saves fenced by `version` (`StaleReplacementError`), one
(user, key) per replacement, at most one open replacement per SIM. Errors: `UpstreamUnavailableError`.
"""

from __future__ import annotations

from typing import Protocol

from domain.sims.replacement import SimReplacement


class StaleReplacementError(Exception):
    """Another process saved the replacement since this copy was read: whoever holds this copy stops."""


class ReplacementRecords(Protocol):
    async def get(self, replacement_id: str) -> SimReplacement | None: ...

    async def by_key(self, user_id: str, idempotency_key: str) -> SimReplacement | None: ...

    async def begin(self, replacement: SimReplacement) -> SimReplacement | None:
        """Store it unless the user made one with its key (that one is returned); None when the SIM already has
        another open replacement."""
        ...

    async def save(self, replacement: SimReplacement) -> None: ...

    async def open_for_sim(self, sim_id: int) -> SimReplacement | None: ...

    async def scheduled_change(self, sim_id: int) -> str | None:
        """`sim_replacement` while the SIM has an open replacement (`ScheduledLineChanges`)."""
        ...

    async def unfinished(self, *, limit: int = 100) -> tuple[str, ...]:
        """Open replacements with work for the worker (a card to allocate or ship, a swap to send or follow)."""
        ...
