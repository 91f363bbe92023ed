from __future__ import annotations

import msgspec
from redis.exceptions import RedisError

from adapters.outbox import OutboxMessage
from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError
from application.ports.clock import Clock

KEEP = 100


class RedisOutboxNotifier:
    """The sandbox's mail server: messages are recorded (newest first, last 100) where tests and the demo tour can
    read them (`portal:sandbox:{outbox}`). A production deployment plugs a real email adapter into `Notifier`."""

    def __init__(self, redis: RedisClient, clock: Clock) -> None:
        self._redis = redis
        self._clock = clock

    async def send_password_reset(self, email: str, *, reset_url: str, expires_in_minutes: int) -> None:
        message = OutboxMessage.password_reset(email, reset_url, expires_in_minutes, self._clock.now())
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.lpush(keys.sandbox_outbox(), msgspec.json.encode(message))
                pipe.ltrim(keys.sandbox_outbox(), 0, KEEP - 1)
                await pipe.execute()
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("notifications") from error

    async def messages(self) -> list[OutboxMessage]:
        raw = await self._redis.lrange(keys.sandbox_outbox(), 0, -1)
        return [msgspec.json.decode(item, type=OutboxMessage) for item in raw]
