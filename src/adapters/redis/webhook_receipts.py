from __future__ import annotations

import logging

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient

log = logging.getLogger(__name__)


class RedisWebhookReceipts:
    """`portal:webhook:{<source>:<sha256 of the delivery id>}`, set with NX so one of two racing deliveries wins."""

    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def first_time(self, source: str, delivery_id: str, *, ttl_seconds: int) -> bool:
        try:
            return bool(await self._redis.set(keys.webhook_receipt(source, delivery_id), b"1", nx=True, ex=ttl_seconds))
        except (RedisError, OSError) as error:
            # Handling a delivery twice is harmless (invalidation is idempotent); dropping one is not.
            log.warning("webhook_receipt_unavailable", extra={"source": source, "error": type(error).__name__})
            return True

    async def forget(self, source: str, delivery_id: str) -> None:
        try:
            await self._redis.delete(keys.webhook_receipt(source, delivery_id))
        except (RedisError, OSError) as error:
            log.warning("webhook_receipt_unavailable", extra={"source": source, "error": type(error).__name__})
