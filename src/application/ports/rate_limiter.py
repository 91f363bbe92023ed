from __future__ import annotations

from typing import Protocol

import msgspec


class RateRule(msgspec.Struct, frozen=True, kw_only=True):
    name: str  # part of the counter key: rules never share counters
    limit: int
    per_seconds: int


class RateDecision(msgspec.Struct, frozen=True, kw_only=True):
    allowed: bool
    retry_after_seconds: int = 0


class RateLimiter(Protocol):
    """Counters shared by every process of the service (so N workers do not mean N × the limit)."""

    async def hit(self, rule: RateRule, identifier: str) -> RateDecision:
        """Count one attempt; not allowed when the rule's limit was already reached."""
        ...

    async def peek(self, rule: RateRule, identifier: str) -> RateDecision:
        """Whether one more attempt would be allowed, without counting one."""
        ...
