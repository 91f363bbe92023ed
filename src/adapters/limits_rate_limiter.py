from __future__ import annotations

import math
import time

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

from application.errors import UpstreamUnavailableError
from application.ports.rate_limiter import RateDecision, RateRule


class LimitsRateLimiter:
    """The `limits` library's moving window on process memory: the in-memory twin of the public catalog's limiter
    (`adapters.redis.leased_rate_limiter`). Attempts at secrets have their own port, `AttemptCounter`."""

    def __init__(self, storage: Storage) -> None:
        self._limiter = MovingWindowRateLimiter(storage)

    @classmethod
    def in_memory(cls) -> LimitsRateLimiter:
        return cls(MemoryStorage())

    async def hit(self, rule: RateRule, identifier: str) -> RateDecision:
        item = self._item(rule)
        try:
            if await self._limiter.hit(item, rule.name, identifier):
                return RateDecision(allowed=True)
            return await self._refusal(rule, identifier)
        except StorageError as error:
            raise UpstreamUnavailableError("rate-limit store") from error

    async def peek(self, rule: RateRule, identifier: str) -> RateDecision:
        try:
            if await self._limiter.test(self._item(rule), rule.name, identifier):
                return RateDecision(allowed=True)
            return await self._refusal(rule, identifier)
        except StorageError as error:
            raise UpstreamUnavailableError("rate-limit store") from error

    async def _refusal(self, rule: RateRule, identifier: str) -> RateDecision:
        stats = await self._limiter.get_window_stats(self._item(rule), rule.name, identifier)
        return RateDecision(allowed=False, retry_after_seconds=max(1, math.ceil(stats.reset_time - time.time())))

    @staticmethod
    def _item(rule: RateRule) -> RateLimitItemPerSecond:
        return RateLimitItemPerSecond(rule.limit, rule.per_seconds)
