"""The anonymous catalog's rate limit: a budget per client address, shared by every API worker."""

from __future__ import annotations

from application.identity.errors import RateLimitedError
from application.ports.rate_limiter import RateLimiter, RateRule


class PublicCatalogLimit:
    def __init__(self, limiter: RateLimiter, rule: RateRule) -> None:
        self._limiter = limiter
        self._rule = rule

    async def check(self, client: str) -> None:
        decision = await self._limiter.hit(self._rule, client)
        if not decision.allowed:
            raise RateLimitedError(decision.retry_after_seconds)

    async def allows(self, client: str) -> bool:
        """Count this request; False when over the limit (the caller then lets `check` answer the 429, which
        counts once more: the client is over its limit either way)."""
        return (await self._limiter.hit(self._rule, client)).allowed
