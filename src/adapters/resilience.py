"""One place for how we call a system of record: a circuit breaker per system, jittered retries for reads.

Adapters wrap every outbound call in `UpstreamGuard.read` (idempotent: retried) or `UpstreamGuard.write`
(never retried here: creating writes must look up before trying again, which only the adapter knows how to
do). Only `UpstreamUnavailableError` counts as a failure and only it is retried; invalid input, not found
and configuration errors pass straight through and leave the breaker alone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import stamina
from purgatory import AsyncCircuitBreakerFactory
from purgatory.domain.model import OpenedState

from application.errors import UpstreamUnavailableError

T = TypeVar("T")


class CircuitOpenError(UpstreamUnavailableError):
    """Raised without calling the system: it failed repeatedly and is resting."""


def _is_not_an_outage(exc: BaseException) -> bool:
    return not isinstance(exc, UpstreamUnavailableError)


def _worth_retrying(exc: Exception) -> bool | float:
    if isinstance(exc, CircuitOpenError) or not isinstance(exc, UpstreamUnavailableError):
        return False
    # An upstream that named its own back-off (Retry-After) gets it, within reason.
    if exc.retry_after is not None:
        return min(exc.retry_after, 5.0)
    return True


class UpstreamGuard:
    def __init__(
        self,
        system: str,
        *,
        failure_threshold: int = 5,
        open_seconds: float = 30.0,
        read_attempts: int = 3,
        retry_wait_initial: float = 0.1,
        retry_wait_max: float = 1.0,
        retry_budget_seconds: float = 10.0,
    ) -> None:
        self.system = system
        self._open_seconds = open_seconds
        self._read_attempts = read_attempts
        self._wait_initial = retry_wait_initial
        self._wait_max = retry_wait_max
        self._budget = retry_budget_seconds
        self._breakers = AsyncCircuitBreakerFactory(
            default_threshold=failure_threshold,
            default_ttl=open_seconds,
            exclude=[(Exception, _is_not_an_outage)],
        )

    async def read(self, call: Callable[[], Awaitable[T]]) -> T:
        async for attempt in stamina.retry_context(
            on=_worth_retrying,
            attempts=self._read_attempts,
            timeout=self._budget,
            wait_initial=self._wait_initial,
            wait_max=self._wait_max,
        ):
            with attempt:
                return await self.write(call)
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    async def write(self, call: Callable[[], Awaitable[T]]) -> T:
        try:
            async with await self._breakers.get_breaker(self.system):
                return await call()
        except OpenedState as exc:
            raise CircuitOpenError(self.system, retry_after=self._open_seconds) from exc

    async def state(self) -> str:
        """`closed`, `opened` or `half-opened`, for health reports."""
        breaker = await self._breakers.get_breaker(self.system)
        return str(breaker.context.state)
