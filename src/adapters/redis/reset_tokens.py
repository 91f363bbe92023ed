from __future__ import annotations

import secrets
from uuid import UUID

from redis.asyncio import Redis
from redis.exceptions import RedisError

from adapters.redis import keys
from application.errors import UpstreamUnavailableError


class RedisResetTokenStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def issue(self, user_id: UUID, *, ttl_seconds: int) -> str:
        token = secrets.token_urlsafe(32)
        pointer = keys.user_reset_token(str(user_id))
        try:
            previous = await self._redis.get(pointer)
            async with self._redis.pipeline(transaction=True) as pipe:
                if previous:
                    pipe.delete(f"{keys.PREFIX}:reset-token:{keys.as_text(previous)}")
                pipe.set(keys.reset_token(token), str(user_id), ex=ttl_seconds)
                pipe.set(pointer, keys.secret_digest(token), ex=ttl_seconds)
                await pipe.execute()
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
        return token

    async def consume(self, token: str) -> UUID | None:
        try:
            # GETDEL: of two concurrent uses of one link, exactly one sees the user.
            raw = await self._redis.getdel(keys.reset_token(token))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
        return UUID(keys.as_text(raw)) if raw else None
