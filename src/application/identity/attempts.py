"""Counting attempts at the sensitive actions (log in, sign up, link, reset) per client IP and per email."""

from __future__ import annotations

import hashlib
from typing import ClassVar

from application.errors import STORE_OUTAGE, Raises
from application.identity.errors import RateLimitedError
from application.identity.policy import IdentityPolicy
from application.ports.rate_limiter import RateLimiter


def _email_key(email: str) -> str:
    # Counters are keyed by a hash, so Redis never holds a list of who tried to log in.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


class AttemptGuard:
    raises: ClassVar[Raises] = (RateLimitedError, *STORE_OUTAGE)

    def __init__(self, limiter: RateLimiter, policy: IdentityPolicy) -> None:
        self._limiter = limiter
        self._policy = policy

    async def ensure_allowed(self, action: str, *, client_ip: str, email: str) -> None:
        """Refuse when either counter is exhausted, without counting this attempt."""
        for kind, identifier in (("ip", client_ip), ("email", _email_key(email))):
            decision = await self._limiter.peek(self._policy.rule(action, kind), identifier)
            if not decision.allowed:
                raise RateLimitedError(decision.retry_after_seconds)

    async def count(self, action: str, *, client_ip: str, email: str) -> None:
        for kind, identifier in (("ip", client_ip), ("email", _email_key(email))):
            await self._limiter.hit(self._policy.rule(action, kind), identifier)

    async def count_and_check(self, action: str, *, client_ip: str, email: str) -> None:
        """For actions where every attempt counts (sign-up, link, reset): count, then refuse past the limit."""
        await self.ensure_allowed(action, client_ip=client_ip, email=email)
        await self.count(action, client_ip=client_ip, email=email)
