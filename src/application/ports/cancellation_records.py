"""Where each service cancellation keeps its saga's recovery points (Postgres in production).

Every call is its own transaction. At most one cancellation holds a service at a time (any state but withdrawn):
`begin` refuses a second with `CancellationExistsError`. `save` is checked against the version it was read at, so
the customer's withdrawal and the worker never overwrite each other: the loser gets `CancellationChangedError`,
reads again and decides again. Errors: `UpstreamUnavailableError` when the store cannot answer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from application.errors import ConflictError
from domain.cancellation.cancellation import Cancellation


class CancellationExistsError(ConflictError):
    code = "CANCELLATION_ALREADY_REQUESTED"
    default_message = "A cancellation of this service is already requested; withdraw it first to choose again."


class CancellationChangedError(ConflictError):
    """Someone else saved the cancellation since it was read (the worker, or the customer withdrawing)."""

    code = "CANCELLATION_CHANGED"
    default_message = "The cancellation changed meanwhile; read it again."


class CancellationRecords(Protocol):
    async def get(self, cancellation_id: str) -> Cancellation | None: ...

    async def begin(self, cancellation: Cancellation) -> Cancellation:
        """Store it unless the user already has one with its idempotency key (that one is returned); refuse it
        with `CancellationExistsError` when another cancellation holds the service."""
        ...

    async def save(self, cancellation: Cancellation) -> None:
        """Store the new state if nobody saved since it was read (its `version`), and bump the version."""
        ...

    async def holding(self, client_id: int, service_id: int) -> Cancellation | None:
        """The cancellation that holds the client's service (any state but withdrawn), if any."""
        ...

    async def scheduled_change(self, sim_id: int) -> str | None:
        """As a `ScheduledLineChanges` source: "cancellation" while one holds the line (it takes no other change)."""
        ...

    async def due(self, *, now: datetime, idle_since: datetime, limit: int = 100) -> tuple[str, ...]:
        """Unfinished cancellations whose next step is due and that nobody touched since `idle_since`."""
        ...
