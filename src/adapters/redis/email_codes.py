"""`EmailCodes` on Redis: `portal:email-code:{<subject>}` is a hash {digest, attempts} with the code's TTL; a proof
is `portal:email-proof:{<digest>}` → the email. The check is one script, so concurrent guesses are each counted
and at most `max_attempts` of them are compared."""

from __future__ import annotations

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError
from application.ports.email_codes import CodeCheck

CHECK = """
local digest = redis.call('HGET', KEYS[1], 'digest')
if not digest then return 'gone' end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if attempts > tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return 'gone'
end
if digest == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 'match'
end
if attempts >= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
end
return 'wrong'
"""


class RedisEmailCodes:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis
        self._check = redis.register_script(CHECK)

    async def issue(self, subject: str, code_digest: str, *, ttl_seconds: int) -> None:
        key = keys.email_code(subject)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.delete(key)
                pipe.hset(key, mapping={"digest": code_digest, "attempts": 0})
                pipe.expire(key, ttl_seconds)
                await pipe.execute()
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error

    async def check(self, subject: str, code_digest: str, *, max_attempts: int) -> CodeCheck:
        try:
            outcome = await self._check(keys=[keys.email_code(subject)], args=[code_digest, max_attempts])
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
        return CodeCheck(keys.as_text(outcome))

    async def grant(self, proof_digest: str, email: str, *, ttl_seconds: int) -> None:
        try:
            await self._redis.set(keys.email_proof(proof_digest), email, ex=ttl_seconds)
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error

    async def proven_email(self, proof_digest: str) -> str | None:
        try:
            raw = await self._redis.get(keys.email_proof(proof_digest))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
        return keys.as_text(raw) if raw else None

    async def revoke(self, proof_digest: str) -> None:
        try:
            await self._redis.delete(keys.email_proof(proof_digest))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("session") from error
