from __future__ import annotations

import secrets
from uuid import UUID

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError


class RedisResetTokenStore:
    """`portal:reset-token:{<sha256(token)>}` → user; `portal:user-reset-token:{<user>}` → the live token's digest.

    One live token per user: issuing voids the previous one first, then writes the new token and the pointer to it
    (separate slots on a cluster, so in that order rather than in one transaction: a failure half-way leaves at
    most a token nobody has, never two live ones).
    """

    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def issue(self, user_id: UUID, *, ttl_seconds: int) -> str:
        token = secrets.token_urlsafe(32)
        pointer = keys.user_reset_token(str(user_id))
        try:
            previous = await self._redis.get(pointer)
            if previous:
                await self._redis.delete(keys.reset_token_by_digest(keys.as_text(previous)))
            await self._redis.set(keys.reset_token(token), str(user_id), ex=ttl_seconds)
            await self._redis.set(pointer, keys.secret_digest(token), ex=ttl_seconds)
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
