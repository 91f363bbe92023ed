"""One short transaction per call, for stores whose every write must be durable when the call returns."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from application.errors import UpstreamUnavailableError


@asynccontextmanager
async def transaction(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """Commits on leaving; the database being unreachable is an outage like any other (retryable)."""
    try:
        async with engine.begin() as connection:
            yield connection
    except (OperationalError, InterfaceError, OSError, TimeoutError) as error:
        raise UpstreamUnavailableError("postgres", "The portal database is unavailable.") from error
    except DBAPIError as error:
        if error.connection_invalidated:
            raise UpstreamUnavailableError("postgres", "The portal database connection was lost.") from error
        raise
