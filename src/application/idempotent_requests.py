"""Idempotency keys (IETF draft-ietf-httpapi-idempotency-key-header, Stripe's semantics).

The first request with a key runs; its outcome (success or a definite error) is recorded and every later request
with the same key and the same body gets exactly that answer back. The same key with another body is refused
(422); a retry while the first is still running is told so (409). A retryable failure (an outage) records
nothing, so the client's retry with the same key runs again — safe, because what it creates is itself keyed.
"""

from __future__ import annotations

import hashlib
from typing import ClassVar

import msgspec

from application.errors import (
    STORE_OUTAGE,
    ApplicationError,
    ContractViolationError,
    IdempotencyKeyMissingError,
    IdempotencyKeyReusedError,
    Raises,
    RequestInProgressError,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.ports.clock import Clock
from application.ports.idempotency import IdempotencyStore, RecordedResponse
from domain.errors import DomainError

MAX_KEY_LENGTH = 255


class IdempotencyPolicy(msgspec.Struct, frozen=True, kw_only=True):
    keep_seconds: int = 24 * 3600  # the draft and Stripe: at least 24 hours
    lease_seconds: int = 60  # longer than any request may run: after it, a dead request's key can be retried


class IdempotencyScope(msgspec.Struct, frozen=True, kw_only=True):
    scope: str  # whose keys (a user): one client's key never collides with another's
    key: str
    request_hash: str


def fingerprint(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


class IdempotentRequests:
    raises: ClassVar[Raises] = (
        IdempotencyKeyMissingError,
        IdempotencyKeyReusedError,
        RequestInProgressError,
        ContractViolationError,
        *STORE_OUTAGE,
    )

    def __init__(self, store: IdempotencyStore, clock: Clock, policy: IdempotencyPolicy) -> None:
        self._store = store
        self._clock = clock
        self._policy = policy

    @staticmethod
    def scope(owner: str, key: str | None, request: bytes) -> IdempotencyScope:
        if not key or not key.strip():
            raise IdempotencyKeyMissingError()
        if len(key) > MAX_KEY_LENGTH or not key.isprintable():
            raise ContractViolationError(
                "The Idempotency-Key must be at most 255 printable characters.", fields={"Idempotency-Key": "invalid"}
            )
        return IdempotencyScope(scope=owner, key=key, request_hash=fingerprint(request))

    async def begin(self, scope: IdempotencyScope) -> RecordedResponse | None:
        """None: go ahead (and `finish` or `abandon`). Otherwise the first request's answer, to send again."""
        existing = await self._store.claim(
            scope.scope,
            scope.key,
            scope.request_hash,
            now=self._clock.now(),
            lease_seconds=self._policy.lease_seconds,
            keep_seconds=self._policy.keep_seconds,
        )
        if existing is None:
            return None
        if existing.request_hash != scope.request_hash:
            raise IdempotencyKeyReusedError()
        if existing.response is None:
            raise RequestInProgressError()
        return existing.response

    async def finish(self, scope: IdempotencyScope, response: RecordedResponse) -> None:
        await self._store.complete(scope.scope, scope.key, response, now=self._clock.now())

    async def abandon(self, scope: IdempotencyScope) -> None:
        await self._store.release(scope.scope, scope.key)


def is_definite(error: Exception) -> bool:
    """Whether an error is the request's final answer (recorded) or a moment's failure (retry the same key)."""
    if isinstance(error, UpstreamUnavailableError | UpstreamConfigurationError | RequestInProgressError):
        return False
    return isinstance(error, ApplicationError | DomainError)
