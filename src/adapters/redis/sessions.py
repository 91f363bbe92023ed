from __future__ import annotations

import secrets
from uuid import UUID

import msgspec
from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError
from application.ports.sessions import Caller, SessionLookup, SessionRecord

_decode = msgspec.json.Decoder(SessionRecord).decode
_decode_caller = msgspec.json.Decoder(Caller).decode
# What an invalidated caller slot holds: a fresh random mark each time, so no fill that read the slot before the
# invalidation can match it (no ABA), and the next reader loads the caller again.
_FORGOTTEN = "forgotten:"

# Compare-and-set of a caller slot: store ARGV[2] only if the slot still holds ARGV[1] ('' = nothing).
_REMEMBER = """
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1
"""


class RedisSessionStore:
    """`portal:session:{<sha256(id)>}` → record (TTL = idle lifetime); `portal:session-caller:{<sha256(id)>}` → who
    the user is (same slot, read with the record in one MGET); `portal:user-sessions:{<user>}` → those digests.

    The session and the index live in different slots of a cluster, so they are written one after the other, the
    index first: a session can then never exist without its user's index naming it (which ending every session
    and forgetting every caller rely on); at worst the index names a session that was never written, which ends
    as nothing.

    Without Redis nobody can be signed in; that is reported as an outage, never as 'not signed in'.
    """

    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis
        self._remember = redis.register_script(_REMEMBER)

    async def create(self, record: SessionRecord, *, ttl_seconds: int) -> str:
        session_id = secrets.token_urlsafe(32)
        await self.touch(session_id, record, ttl_seconds=ttl_seconds)
        return session_id

    async def get(self, session_id: str) -> SessionRecord | None:
        found = await self.lookup(session_id)
        return found.record if found else None

    async def lookup(self, session_id: str) -> SessionLookup | None:
        digest = keys.secret_digest(session_id)
        try:
            raw, caller = await self._redis.mget(keys.session_by_digest(digest), keys.session_caller_by_digest(digest))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
        if not raw:
            return None
        seen = keys.as_text(caller) if caller else ""
        known = None
        if seen and not seen.startswith(_FORGOTTEN):
            try:
                known = _decode_caller(seen)
            except msgspec.DecodeError:
                known = None  # written by another version of this code: read it again
        return SessionLookup(record=_decode(raw), caller=known, caller_seen=seen)

    async def touch(self, session_id: str, record: SessionRecord, *, ttl_seconds: int) -> None:
        index = keys.user_sessions(str(record.user_id))
        digest = keys.secret_digest(session_id)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.sadd(index, digest)
                pipe.expire(index, ttl_seconds, gt=True)
                pipe.expire(index, ttl_seconds, nx=True)
                await pipe.execute()
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.set(keys.session_by_digest(digest), msgspec.json.encode(record), ex=ttl_seconds)
                pipe.expire(keys.session_caller_by_digest(digest), ttl_seconds)
                await pipe.execute()
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error

    async def remember_caller(self, session_id: str, caller: Caller, *, seen: str, ttl_seconds: int) -> bool:
        try:
            stored = await self._remember(
                keys=[keys.session_caller(session_id)], args=[seen, msgspec.json.encode(caller), ttl_seconds]
            )
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
        return bool(stored)

    async def forget_callers(self, user_id: UUID, *, ttl_seconds: int) -> None:
        try:
            digests = [keys.as_text(d) for d in await self._redis.smembers(keys.user_sessions(str(user_id)))]
            if not digests:
                return
            async with self._redis.pipeline(transaction=False) as pipe:
                for digest in digests:
                    mark = _FORGOTTEN + secrets.token_hex(8)
                    pipe.set(keys.session_caller_by_digest(digest), mark, ex=ttl_seconds)
                await pipe.execute()
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error

    async def revoke(self, session_id: str) -> None:
        digest = keys.secret_digest(session_id)
        try:
            await self._redis.delete(keys.session_by_digest(digest), keys.session_caller_by_digest(digest))
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
                await self._redis.delete(*(keys.session_caller_by_digest(d) for d in doomed))
                await self._redis.srem(index, *doomed)
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
