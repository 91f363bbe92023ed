"""A `RateLimiter` for hot public endpoints: shared fixed-window counters in Redis, taken in leases.

A counter round trip per request would cost the public catalog most of its throughput, so each process takes
a small batch of the window's allowance at once (`INCRBY`) and spends it locally. The shared counter never
grants more than the limit in a window; the price is that tokens a process leased but did not use are lost
for that window (at most `lease - 1` per process and client). Limits below 20 lease one token at a time,
which makes them exact. If Redis fails the limiter fails open: a limiter outage must not take the public
catalog down with it (the catalog itself then degrades to bounded live reads).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.ports.rate_limiter import RateDecision, RateRule

_TAKE = """
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
if total == tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return total
"""


@dataclass
class _Allowance:
    window: int
    remaining: int
    exhausted: bool = False
    leasing: asyncio.Lock = field(default_factory=asyncio.Lock)  # one lease request at a time per client


class LeasedRateLimiter:
    def __init__(self, redis: RedisClient, *, max_lease: int = 50, max_tracked: int = 100_000) -> None:
        self._redis = redis
        self._take = redis.register_script(_TAKE)
        self._max_lease = max_lease
        self._max_tracked = max_tracked
        self._allowances: dict[tuple[str, str], _Allowance] = {}
        self._current_window: dict[str, int] = {}

    def lease_size(self, rule: RateRule) -> int:
        return 1 if rule.limit < 20 else max(1, min(self._max_lease, rule.limit // 20))

    async def hit(self, rule: RateRule, identifier: str) -> RateDecision:
        now = time.time()
        window = int(now // rule.per_seconds)
        self._forget_old_windows(rule, window)
        allowance = self._allowances.get((rule.name, identifier))
        if allowance is None or allowance.window != window:
            allowance = self._allowances[(rule.name, identifier)] = _Allowance(window, 0)
        if allowance.remaining <= 0 and not allowance.exhausted:
            async with allowance.leasing:
                if allowance.remaining <= 0 and not allowance.exhausted:  # else a concurrent request leased
                    granted = await self._lease(rule, identifier, window)
                    allowance.remaining += granted
                    allowance.exhausted = granted == 0
        if allowance.remaining > 0:
            allowance.remaining -= 1
            return RateDecision(allowed=True)
        retry_after = max(1, int((window + 1) * rule.per_seconds - now + 0.999))
        return RateDecision(allowed=False, retry_after_seconds=retry_after)

    async def peek(self, rule: RateRule, identifier: str) -> RateDecision:
        allowance = self._allowances.get((rule.name, identifier))
        window = int(time.time() // rule.per_seconds)
        if allowance is not None and allowance.window == window and allowance.exhausted:
            return RateDecision(allowed=False, retry_after_seconds=1)
        return RateDecision(allowed=True)

    async def _lease(self, rule: RateRule, identifier: str, window: int) -> int:
        size = self.lease_size(rule)
        key = keys.public_rate_window(rule.name, identifier, window)
        try:
            total = int(await self._take(keys=[key], args=[size, rule.per_seconds + 1]))
        except (RedisError, OSError):
            return size  # fail open
        granted_before = total - size
        return max(0, min(size, rule.limit - granted_before))

    def _forget_old_windows(self, rule: RateRule, window: int) -> None:
        if self._current_window.get(rule.name) != window or len(self._allowances) > self._max_tracked:
            self._current_window[rule.name] = window
            self._allowances = {k: a for k, a in self._allowances.items() if a.window >= window}
