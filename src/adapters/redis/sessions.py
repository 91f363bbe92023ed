from __future__ import annotations

import secrets
from uuid import UUID

import msgspec
from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError
from application.ports.sessions import SessionRecord

_decode = msgspec.json.Decoder(SessionRecord).decode


class RedisSessionStore:
    """`portal:session:{<sha256(id)>}` → record (TTL = idle lifetime); `portal:user-sessions:{<user>}` → those digests.

    The two live in different slots of a cluster, so they are written one after the other, the index first: a
    session can then never exist without its user's index naming it (which ending every session relies on); at
    worst the index names a session that was never written, which ends as nothing.

    Without Redis nobody can be signed in; that is reported as an outage, never as 'not signed in'.
    """

    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def create(self, record: SessionRecord, *, ttl_seconds: int) -> str:
        session_id = secrets.token_urlsafe(32)
        await self.touch(session_id, record, ttl_seconds=ttl_seconds)
        return session_id

    async def get(self, session_id: str) -> SessionRecord | None:
        try:
            raw = await self._redis.get(keys.session(session_id))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
        return _decode(raw) if raw else None

    async def touch(self, session_id: str, record: SessionRecord, *, ttl_seconds: int) -> None:
        index = keys.user_sessions(str(record.user_id))
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.sadd(index, keys.secret_digest(session_id))
                pipe.expire(index, ttl_seconds, gt=True)
                pipe.expire(index, ttl_seconds, nx=True)
                await pipe.execute()
            await self._redis.set(keys.session(session_id), msgspec.json.encode(record), ex=ttl_seconds)
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error

    async def revoke(self, session_id: str) -> None:
        try:
            await self._redis.delete(keys.session(session_id))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error

    async def revoke_all(self, user_id: UUID, *, keep: str | None = None) -> None:
        index = keys.user_sessions(str(user_id))
        kept = keys.secret_digest(keep) if keep else None
        try:
            digests = [keys.as_text(d) for d in await self._redis.smembers(index)]
            doomed = [d for d in digests if d != kept]
            if doomed:
                await self._redis.delete(*(keys.session_by_digest(d) for d in doomed))
                await self._redis.srem(index, *doomed)
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
