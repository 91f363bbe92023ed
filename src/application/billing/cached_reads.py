"""Read-through caching for billing reads: TTLs on the injected clock, failures never stored, cache optional.

Each entry is stored (as JSON, which keeps time zone offsets as they came) with the time it stops being fresh,
measured on the injected `Clock` (so tests move time instead of sleeping); the cache's own TTL is set too, so
entries also disappear on their own. Only values that
were read successfully are stored: an upstream error propagates and leaves the cache as it was. The `Cache`
port turns its own failures into misses, so a cache outage means live reads, never errors.

A fill that raced an invalidation must not put the old value back for a whole TTL: invalidations stamp the
account's fence key with their time, and a fill that started before that stamp is served but not stored.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Generic, TypeVar, cast

import msgspec

from application.billing.cache_keys import FENCE_TTL, GENERATION_TTL, Slot
from application.ports.cache import Cache
from application.ports.clock import Clock
from application.single_flight import SingleFlight

T = TypeVar("T")
Peeked = Mapping[str, bytes | None]  # slot key -> what the cache held, read earlier in the same request
# API replicas' clocks may disagree by this much; a fill this close to an invalidation is not stored.
CLOCK_SKEW_SECONDS = 1.0


class Entry(msgspec.Struct, Generic[T], frozen=True, array_like=True):
    fresh_until: float  # POSIX seconds on the injected clock
    value: T


@functools.cache
def _decoder(kind: Any) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(Entry[kind])


class CachedReads:
    """One per process (it holds the in-flight loads); the keys come from `application.billing.cache_keys`."""

    def __init__(self, cache: Cache, clock: Clock) -> None:
        self._cache = cache
        self._clock = clock
        self._flights = SingleFlight()

    async def peek(self, *slots: Slot) -> Peeked:
        """What several slots hold, read at once (one round trip): pass it to `read` for each of them."""
        return dict(zip((slot.key for slot in slots), await self._cache.get_many(*(s.key for s in slots)), strict=True))

    async def read(
        self,
        slot: Slot,
        kind: type[T] | Any,
        load: Callable[[], Awaitable[T]],
        *,
        fence: str | None = None,
        peeked: Peeked | None = None,
    ) -> T:
        """The fresh cached value of `slot`, or `load()`'s result (stored for `slot.ttl_seconds`)."""
        raw = peeked[slot.key] if peeked is not None and slot.key in peeked else await self._cache.get(slot.key)
        entry = self._decode(raw, kind)
        if entry is not None and entry.fresh_until > self._now():
            return cast(T, entry.value)
        return await self._flights.run(slot.key, lambda: self._fill(slot, load, fence))

    @staticmethod
    def _decode(raw: bytes | None, kind: Any) -> Entry[Any] | None:
        if raw is None:
            return None
        try:
            entry: Entry[Any] = _decoder(kind).decode(raw)
        except msgspec.DecodeError:
            return None  # written by another version of this code: a miss
        return entry

    async def _fill(self, slot: Slot, load: Callable[[], Awaitable[T]], fence: str | None) -> T:
        started = self._now()
        value = await load()
        if fence is None or not await self._fenced(fence, started):
            entry = Entry(fresh_until=started + slot.ttl_seconds, value=value)
            await self._cache.set(slot.key, msgspec.json.encode(entry), ttl_seconds=slot.ttl_seconds)
        return value

    async def _fenced(self, fence: str, started: float) -> bool:
        stamp = await self._cache.get(fence)
        try:
            return stamp is not None and float(stamp) >= started - CLOCK_SKEW_SECONDS
        except ValueError:
            return True  # unreadable: assume the worst and skip storing (the next read fills it)

    async def generation(self, key: str) -> str:
        """The current generation token at `key`, starting a new one when there is none."""
        current = await self._cache.get(key)
        if current:
            return current.decode(errors="replace")

        async def start() -> str:
            token = secrets.token_hex(6)
            await self._cache.set(key, token.encode(), ttl_seconds=GENERATION_TTL)
            return token

        # Concurrent first readers share one new generation, and so one fill of the entry they all want.
        return await self._flights.run(key, start)

    async def current_generation(self, key: str) -> str | None:
        current = await self._cache.get(key)
        return current.decode(errors="replace") if current else None

    async def invalidate(self, keys: list[str], *, fence: str | None) -> None:
        """Stamp the fence first, then delete: a fill finishing in between sees the stamp and stores nothing."""
        if fence is not None:
            await self._cache.set(fence, repr(self._now()).encode(), ttl_seconds=FENCE_TTL)
        await self._cache.delete(*keys)

    def _now(self) -> float:
        return self._clock.now().timestamp()
