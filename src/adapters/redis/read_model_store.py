"""`ReadModelStore` on Redis: one hash per document (`v` version tag, `b` bytes), counters for versions.

Keys (see `adapters.redis.keys`): a family is spread over shards by entity, each shard one hash tag
`{rm:<family>:<n>}` holding its epoch and its entities' `gen`, `lease`, `doc` and applied-event markers (72 h), so
every script touches one slot of a cluster; pub/sub channel `portal:rm:changes`. A whole-family invalidation
bumps every shard's epoch, then announces it once: a read that starts after it returns sees the new epoch.
A document whose `v` is not the current tag is stale and reads as absent; it is overwritten by the next fill,
so invalidated versions leave no garbage keys behind.

After a few consecutive failures the store stops asking Redis for a moment (`cooldown_seconds`): a hung Redis
would otherwise cost every request its socket timeout.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient, subscriber
from adapters.redis.keys import as_text
from adapters.redis.read_model_scripts import ACQUIRE, FILL, INVALIDATE, READ, RELEASE
from application.cdc.channels import RETENTION_SECONDS
from application.ports.read_model_store import (
    DocumentVersion,
    ReadModelChange,
    StoredDocument,
    StoreUnavailableError,
)

T = TypeVar("T")
Arg = bytes | str | int | float
APPLIED_EVENT_TTL_SECONDS = RETENTION_SECONDS  # a redelivery can come no later


def parse_tag(tag: str) -> DocumentVersion:
    epoch, _, generation = tag.partition(".")
    return DocumentVersion(epoch=int(epoch), generation=int(generation))


class RedisReadModelStore:
    def __init__(self, redis: RedisClient, *, failures_to_open: int = 3, cooldown_seconds: float = 2.0) -> None:
        self._redis = redis
        self._read = redis.register_script(READ)
        self._acquire = redis.register_script(ACQUIRE)
        self._fill = redis.register_script(FILL)
        self._release = redis.register_script(RELEASE)
        self._invalidate = redis.register_script(INVALIDATE)
        self._failures_to_open = failures_to_open
        self._cooldown = cooldown_seconds
        self._failures = 0
        self._open_until = 0.0

    async def read(self, family: str, entity: str) -> StoredDocument:
        reply = await self._call(lambda: self._read(keys=_keys(family, entity)))
        value = reply[1] if len(reply) > 1 else None
        return StoredDocument(version=parse_tag(as_text(reply[0])), value=value)

    async def acquire_lease(self, family: str, entity: str, version: DocumentVersion, token: str, ttl_ms: int) -> bool:
        reply = await self._call(lambda: self._acquire(keys=_keys(family, entity), args=[version.tag, token, ttl_ms]))
        return bool(reply)

    async def fill(
        self, family: str, entity: str, version: DocumentVersion, token: str, value: bytes, ttl_seconds: int | None
    ) -> bool:
        args: list[Arg] = [version.tag, token, value, ttl_seconds or 0, keys.READ_MODEL_CHANGES, f"{family}|{entity}"]
        return bool(await self._call(lambda: self._fill(keys=_keys(family, entity), args=args)))

    async def release_lease(self, family: str, entity: str, token: str) -> None:
        await self._call(lambda: self._release(keys=[keys.read_model_lease(family, entity)], args=[token]))

    async def invalidate(self, family: str, entity: str, *, once_for: str | None = None) -> bool:
        marker = keys.read_model_applied_event(family, entity, once_for or "")
        args: list[Arg] = [once_for or "", APPLIED_EVENT_TTL_SECONDS, keys.READ_MODEL_CHANGES, f"{family}|{entity}"]
        return bool(await self._call(lambda: self._invalidate(keys=[*_keys(family, entity), marker], args=args)))

    async def invalidate_family(self, family: str) -> None:
        async def bump_every_shard() -> None:
            async with self._redis.pipeline(transaction=False) as pipe:
                for epoch_key in keys.read_model_epochs(family):
                    pipe.incr(epoch_key)
                epochs = await pipe.execute()
            await self._redis.publish(keys.READ_MODEL_CHANGES, f"{family}|*|{max(epochs)}")

        await self._call(bump_every_shard)

    async def changes(self) -> AsyncIterator[ReadModelChange]:
        try:
            async with await subscriber(self._redis) as pubsub:
                await pubsub.subscribe(keys.READ_MODEL_CHANGES)
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        yield parse_change(as_text(message["data"]))
        except (RedisError, OSError) as error:
            raise StoreUnavailableError(f"Read-model change feed lost: {type(error).__name__}") from error

    async def _call(self, call: Callable[[], Awaitable[T]]) -> T:
        if self._open_until > time.monotonic():
            raise StoreUnavailableError()
        try:
            result = await call()
        except (RedisError, OSError) as error:
            self._failures += 1
            if self._failures >= self._failures_to_open:
                self._open_until = time.monotonic() + self._cooldown
            raise StoreUnavailableError(f"Redis failed: {type(error).__name__}") from error
        self._failures = 0
        return result


def parse_change(data: str) -> ReadModelChange:
    family, entity, version = data.split("|", 2)
    return ReadModelChange(family=family, entity=None if entity == "*" else entity, version=version)


def _keys(family: str, entity: str) -> list[Any]:
    return [
        keys.read_model_epoch(family, entity),
        keys.read_model_generation(family, entity),
        keys.read_model_lease(family, entity),
        keys.read_model_document(family, entity),
    ]
