from __future__ import annotations

from redis.exceptions import RedisError

from adapters.redis.client import RedisClient
from application.ports.readiness import CheckResult


class RedisReadiness:
    name = "redis"

    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def check(self) -> CheckResult:
        try:
            await self._redis.ping()
        except (RedisError, OSError) as error:
            return CheckResult(name=self.name, ok=False, detail=f"unreachable: {type(error).__name__}")
        return CheckResult(name=self.name, ok=True)
