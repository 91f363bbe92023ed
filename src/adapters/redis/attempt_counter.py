"""`AttemptCounter` on Redis: one sorted set of attempt tickets per counter, checked and added in one script.

The script is the atomicity: Redis runs it alone, so concurrent requests in any number of processes see each
other's attempts. Scores are Redis server time, so the processes' clocks do not matter. Every counter carries the
hash tag `{attempts}`, so the script's keys share one slot of a cluster whichever counters it takes.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError
from application.ports.attempt_counter import AttemptTaken

SYSTEM = "rate-limit store"
# KEYS: the counters. ARGV: window (ms), limit, ticket. Returns 0 when taken, else milliseconds until allowed.
_TAKE = """
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window, limit, ticket = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local wait = 0
for _, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local freeing = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    wait = math.max(wait, tonumber(freeing[2]) + window - now, 1)
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ticket)
  redis.call('PEXPIRE', key, window)
end
return 0
"""


class RedisAttemptCounter:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis
        self._take = redis.register_script(_TAKE)

    async def take(self, counters: Sequence[str], *, limit: int, window_seconds: int) -> AttemptTaken:
        ticket = secrets.token_hex(8)
        try:
            wait_ms = int(
                await self._take(keys=[keys.attempts(c) for c in counters], args=[window_seconds * 1000, limit, ticket])
            )
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError(SYSTEM) from error
        if wait_ms > 0:
            return AttemptTaken(allowed=False, retry_after_seconds=max(1, math.ceil(wait_ms / 1000)))
        return AttemptTaken(allowed=True, ticket=ticket)

    async def give_back(self, counters: Sequence[str], ticket: str) -> None:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                for counter in counters:
                    pipe.zrem(keys.attempts(counter), ticket)
                await pipe.execute()
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError(SYSTEM) from error
