"""Every way the portal database can be out of reach becomes `UpstreamUnavailableError("postgres")`, at the engine.

Two hooks on the one engine every repository, store and readiness check uses:
- the pool, for failures to get a connection: refused, reset, timed out, "the database system is starting up",
  too many connections, and the pool itself exhausted (every connection busy for `pool_timeout`);
- `handle_error`, for a statement whose connection died under it: admin or crash shutdown, a terminated backend,
  a reset socket, a statement that timed out.

Use cases, workers and the HTTP edge then see the same retryable error as for every other dependency (503 with
Retry-After), and no driver exception leaves this package. Errors that are the caller's or ours (constraint
violations, bad SQL) are left alone.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import AsyncAdaptedQueuePool, PoolProxiedConnection

from application.errors import UpstreamUnavailableError

SYSTEM = "postgres"
# SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many connections, disk, memory),
# 57P operator intervention (admin/crash shutdown, cannot connect now); 57014 a cancelled (timed-out) statement.
OUTAGE_SQLSTATE_PREFIXES = ("08", "53", "57P")
OUTAGE_SQLSTATES = frozenset({"57014"})
POOL_EXHAUSTED_RETRY_AFTER_SECONDS = 1.0
OUTAGE_RETRY_AFTER_SECONDS = 5.0


def _sqlstate(error: BaseException) -> str | None:
    code = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    return code if isinstance(code, str) else None


def is_outage(error: BaseException) -> bool:
    """Whether `error` means "the database cannot be reached or cannot serve now" (retryable), not a bad request."""
    if isinstance(error, UpstreamUnavailableError | OSError | TimeoutError | sa_exc.TimeoutError):
        return True
    if isinstance(error, sa_exc.DBAPIError):
        if error.connection_invalidated:
            return True
        error = error.orig or error
    if isinstance(error, sa_exc.InterfaceError):
        return True
    code = _sqlstate(error)
    return code is not None and (code.startswith(OUTAGE_SQLSTATE_PREFIXES) or code in OUTAGE_SQLSTATES)


def database_unavailable(error: BaseException) -> UpstreamUnavailableError:
    if isinstance(error, UpstreamUnavailableError):
        return error
    if isinstance(error, sa_exc.TimeoutError):  # the pool's own timeout: every connection is busy
        return UpstreamUnavailableError(
            SYSTEM,
            "The portal database is busy; please try again in a moment.",
            retry_after=POOL_EXHAUSTED_RETRY_AFTER_SECONDS,
        )
    return UpstreamUnavailableError(
        SYSTEM, "The portal database is unavailable; please try again later.", retry_after=OUTAGE_RETRY_AFTER_SECONDS
    )


class OutageAwarePool(AsyncAdaptedQueuePool):
    """The engine's pool: checking out a connection fails as an outage, never as a driver error."""

    def connect(self) -> PoolProxiedConnection:
        try:
            return super().connect()
        except Exception as error:
            if is_outage(error):
                raise database_unavailable(error) from error
            raise


def _translate_statement_error(context: ExceptionContext) -> BaseException | None:
    if context.is_pre_ping:
        return None  # a dead pooled connection found by the ping: the pool replaces it by itself
    if context.is_disconnect or is_outage(context.original_exception):
        return database_unavailable(context.original_exception)
    return None


def translate_outages(engine: AsyncEngine) -> AsyncEngine:
    """Install the statement-level translation (the pool-level one comes with `poolclass=OutageAwarePool`)."""
    event.listen(engine.sync_engine, "handle_error", _translate_statement_error)
    return engine
