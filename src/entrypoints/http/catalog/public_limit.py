"""The public catalog's rate limit: per client IP (from the trusted proxy header only), shared across workers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar.connection import ASGIConnection

from application.identity.errors import RateLimitedError
from application.ports.rate_limiter import RateLimiter, RateRule
from entrypoints.http.client_ip import ClientIpResolver

if TYPE_CHECKING:
    from litestar.types import Scope


class PublicCatalogLimit:
    def __init__(self, limiter: RateLimiter, rule: RateRule, client_ip: ClientIpResolver) -> None:
        self._limiter = limiter
        self._rule = rule
        self._client_ip = client_ip

    async def check(self, connection: ASGIConnection[Any, Any, Any, Any]) -> None:
        decision = await self._limiter.hit(self._rule, self._client_ip(connection))
        if not decision.allowed:
            raise RateLimitedError(decision.retry_after_seconds)

    async def allows(self, scope: Scope) -> bool:
        """Count this request; False when over the limit (the caller then lets `check` answer the 429, which
        counts once more: the client is over its limit either way)."""
        return (await self._limiter.hit(self._rule, self._client_ip(ASGIConnection(scope)))).allowed
