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
