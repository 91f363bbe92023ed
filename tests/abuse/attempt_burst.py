"""One process of a cross-process burst: `python -m tests.abuse.attempt_burst <redis url> <start at> <attempts>`.

Waits for the agreed wall-clock instant, then takes `attempts` attempts at once on the same counters through the
real `RedisAttemptCounter`, and prints how many were allowed.
"""

from __future__ import annotations

import asyncio
import sys
import time

from adapters.redis.attempt_counter import RedisAttemptCounter
from adapters.redis.client import create_redis
from adapters.redis.config import RedisConfig

COUNTERS = ["login:ip:198.51.100.1", "login:email:burst"]
LIMIT = 5
WINDOW_SECONDS = 900


async def burst(redis_url: str, start_at: float, attempts: int) -> int:
    redis = create_redis(RedisConfig(url=redis_url, max_connections=attempts))
    counter = RedisAttemptCounter(redis)
    await redis.ping()  # connect before the start, so the burst is the takes alone
    await asyncio.sleep(max(0.0, start_at - time.time()))
    taken = await asyncio.gather(
        *(counter.take(COUNTERS, limit=LIMIT, window_seconds=WINDOW_SECONDS) for _ in range(attempts))
    )
    await redis.aclose()
    return sum(t.allowed for t in taken)


if __name__ == "__main__":
    print(asyncio.run(burst(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]))))
