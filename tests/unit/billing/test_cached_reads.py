"""The read-through mechanics: racing fills, shared flights, unreadable entries, generations."""

from __future__ import annotations

import asyncio
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from adapters.memory.cache import InMemoryCache
from adapters.memory.clock import FrozenClock
from application.billing.cache_keys import BillingKeys, Slot
from application.billing.cached_reads import CachedReads

SLOT = Slot("acct:x:billing:thing", 60)
FENCE = "acct:x:billing:invalidated-at"


class Upstream:
    """A load that waits until the test lets it answer, counting calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.answer = asyncio.Event()
        self.value = "old"

    async def load(self) -> str:
        self.calls += 1
        await self.answer.wait()
        return self.value


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def cache(clock: FrozenClock) -> InMemoryCache:
    return InMemoryCache(clock)


async def test_a_fill_that_raced_an_invalidation_is_served_but_not_stored(
    clock: FrozenClock, cache: InMemoryCache
) -> None:
    reads, upstream = CachedReads(cache, clock), Upstream()
    fill = asyncio.create_task(reads.read(SLOT, str, upstream.load, fence=FENCE))
    await asyncio.sleep(0)  # the load has started and read the old value...
    clock.advance(5)
    await reads.invalidate([SLOT.key], fence=FENCE)  # ...when the change is announced
    upstream.answer.set()
    assert await fill == "old"
    assert await cache.get(SLOT.key) is None  # the old value did not come back for a whole TTL


async def test_fills_long_after_an_invalidation_are_stored(clock: FrozenClock, cache: InMemoryCache) -> None:
    reads, upstream = CachedReads(cache, clock), Upstream()
    upstream.answer.set()
    await reads.invalidate([SLOT.key], fence=FENCE)
    clock.advance(2)
    await reads.read(SLOT, str, upstream.load, fence=FENCE)
    await reads.read(SLOT, str, upstream.load, fence=FENCE)
    assert upstream.calls == 1


async def test_concurrent_misses_share_one_upstream_call(clock: FrozenClock, cache: InMemoryCache) -> None:
    reads, upstream = CachedReads(cache, clock), Upstream()
    waiting = [asyncio.create_task(reads.read(SLOT, str, upstream.load)) for _ in range(8)]
    await asyncio.sleep(0)
    upstream.answer.set()
    assert await asyncio.gather(*waiting) == ["old"] * 8
    assert upstream.calls == 1


async def test_a_caller_that_gives_up_does_not_cancel_the_others(clock: FrozenClock, cache: InMemoryCache) -> None:
    reads, upstream = CachedReads(cache, clock), Upstream()
    leader = asyncio.create_task(reads.read(SLOT, str, upstream.load))
    follower = asyncio.create_task(reads.read(SLOT, str, upstream.load))
    await asyncio.sleep(0)
    leader.cancel()
    upstream.answer.set()
    assert await follower == "old"
    assert leader.cancelled()


async def test_an_unreadable_entry_is_a_miss(clock: FrozenClock, cache: InMemoryCache) -> None:
    reads, upstream = CachedReads(cache, clock), Upstream()
    upstream.answer.set()
    await cache.set(SLOT.key, b"written by another version", ttl_seconds=60)
    assert await reads.read(SLOT, str, upstream.load) == "old"
    assert upstream.calls == 1


async def test_entries_are_json_that_keeps_time_zones(clock: FrozenClock, cache: InMemoryCache) -> None:
    reads = CachedReads(cache, clock)
    value = clock.now().astimezone(ZoneInfo("Asia/Tokyo"))

    async def load() -> object:
        return value

    await reads.read(SLOT, type(value), load)
    assert await reads.read(SLOT, type(value), load) == value
    assert b"+09:00" in (await cache.get(SLOT.key) or b"")


async def test_a_generation_is_kept_until_deleted(clock: FrozenClock, cache: InMemoryCache) -> None:
    reads = CachedReads(cache, clock)
    first = await reads.generation("g")
    assert await reads.generation("g") == first
    await reads.invalidate(["g"], fence=None)
    assert await reads.current_generation("g") is None
    assert await reads.generation("g") != first


# Scopes are Salesforce ids: letters and digits, so a key names exactly one account.
ids = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", min_size=15, max_size=18)


@given(ids, ids)
def test_two_accounts_never_share_a_key(first: str, second: str) -> None:
    assume(first != second)

    def every_key(account: str) -> set[str]:
        k = BillingKeys(f"acct:{account}")
        return {
            k.fence, k.invoice_list_generation, k.invoice_page("g", "Paid", 0, 25).key, k.invoice(1).key,
            k.subscription_list.key, k.subscription_generation, k.subscription("g", 1).key, k.pay_methods.key,
            k.profile.key,
        }  # fmt: skip

    assert every_key(first).isdisjoint(every_key(second))


async def fill_after(clock: FrozenClock, cache: InMemoryCache, seconds: float) -> int:
    """Invalidate, let `seconds` pass, fill and read again: how many upstream calls that took (1: stored)."""
    reads, upstream = CachedReads(cache, clock), Upstream()
    upstream.answer.set()
    await reads.invalidate([SLOT.key], fence=FENCE)
    clock.advance(seconds)
    await reads.read(SLOT, str, upstream.load, fence=FENCE)
    await reads.read(SLOT, str, upstream.load, fence=FENCE)
    return upstream.calls


@pytest.mark.parametrize("seconds", [0, 0.5, 1.0])
async def test_a_fill_starting_within_a_second_of_an_invalidation_is_not_stored(
    clock: FrozenClock, cache: InMemoryCache, seconds: float
) -> None:
    """Replicas' clocks may disagree by a second: a fill that close to the fence may have read the old value."""
    assert await fill_after(clock, cache, seconds) == 2


async def test_a_fill_starting_more_than_a_second_after_an_invalidation_is_stored(
    clock: FrozenClock, cache: InMemoryCache
) -> None:
    assert await fill_after(clock, cache, 1.25) == 1


async def test_an_unreadable_fence_stamp_counts_as_a_fresh_invalidation(
    clock: FrozenClock, cache: InMemoryCache
) -> None:
    reads, upstream = CachedReads(cache, clock), Upstream()
    upstream.answer.set()
    await cache.set(FENCE, b"not a time", ttl_seconds=60)
    await reads.read(SLOT, str, upstream.load, fence=FENCE)
    assert await cache.get(SLOT.key) is None


async def test_another_accounts_fence_does_not_stop_my_fill(clock: FrozenClock, cache: InMemoryCache) -> None:
    reads, upstream = CachedReads(cache, clock), Upstream()
    upstream.answer.set()
    await reads.invalidate(["acct:y:billing:thing"], fence="acct:y:billing:invalidated-at")
    await reads.read(SLOT, str, upstream.load, fence=FENCE)
    assert await cache.get(SLOT.key) is not None


class Recording(InMemoryCache):
    def __init__(self, clock: FrozenClock) -> None:
        super().__init__(clock)
        self.writes: list[tuple[str, str]] = []

    async def set(self, key: str, value: bytes, *, ttl_seconds: int) -> None:
        self.writes.append(("set", key))
        await super().set(key, value, ttl_seconds=ttl_seconds)

    async def delete(self, *keys: str) -> None:
        self.writes.extend(("delete", key) for key in keys)
        await super().delete(*keys)


async def test_an_invalidation_stamps_the_fence_before_it_deletes(clock: FrozenClock) -> None:
    """A fill finishing between the two steps sees the stamp, so it cannot put the old value back."""
    cache = Recording(clock)
    await CachedReads(cache, clock).invalidate([SLOT.key, "other"], fence=FENCE)
    assert cache.writes == [("set", FENCE), ("delete", SLOT.key), ("delete", "other")]
    stamp = await cache.get(FENCE)
    assert stamp is not None
    assert float(stamp) == clock.now().timestamp()


async def test_an_entry_is_served_until_its_ttl_then_loaded_again(clock: FrozenClock, cache: InMemoryCache) -> None:
    reads, upstream = CachedReads(cache, clock), Upstream()
    upstream.answer.set()
    await reads.read(SLOT, str, upstream.load)
    clock.advance(SLOT.ttl_seconds - 1)
    await reads.read(SLOT, str, upstream.load)
    assert upstream.calls == 1
    await cache.set(SLOT.key, (await cache.get(SLOT.key)) or b"", ttl_seconds=3600)  # the store keeps it longer
    clock.advance(1)
    await reads.read(SLOT, str, upstream.load)
    assert upstream.calls == 2


async def test_concurrent_misses_of_different_keys_each_load_their_own(
    clock: FrozenClock, cache: InMemoryCache
) -> None:
    reads, first, second = CachedReads(cache, clock), Upstream(), Upstream()
    first.value, second.value = "first", "second"
    other = Slot("acct:x:billing:other", 60)
    a = asyncio.create_task(reads.read(SLOT, str, first.load))
    b = asyncio.create_task(reads.read(other, str, second.load))
    await asyncio.sleep(0)
    first.answer.set()
    second.answer.set()
    assert (await a, await b) == ("first", "second")
    assert (first.calls, second.calls) == (1, 1)


async def test_concurrent_first_readers_of_different_generations_get_their_own(
    clock: FrozenClock, cache: InMemoryCache
) -> None:
    reads = CachedReads(cache, clock)
    tokens = await asyncio.gather(reads.generation("g1"), reads.generation("g2"), reads.generation("g1"))
    assert tokens[0] == tokens[2] != tokens[1]
    assert await reads.current_generation("g1") == tokens[0]
    assert await reads.current_generation("g2") == tokens[1]
    assert await reads.current_generation("g3") is None
