"""The notification store on Postgres and its twin under one contract: one notification per (account, kind,
source) whoever records it and however often, pages newest first without gaps or repeats, every read and write
scoped by the account, and the retention reaper."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import uuid
from collections.abc import AsyncIterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from adapters.memory.clock import FrozenClock
from adapters.memory.notifications import InMemoryNotifications
from adapters.postgres.notifications import PostgresNotifications
from application.errors import UpstreamUnavailableError
from application.ports.notifications import NotificationDraft, NotificationKind
from tests.integration.conftest import disposable_engine

pytestmark = pytest.mark.integration
NOW = dt.datetime(2026, 11, 2, 1, 0, tzinfo=dt.UTC)
# Accounts of this module alone: other tests' apps (the demo world's start-up) notify the demo customers' accounts.
HANAKO, KENJI = (f"001T{uuid.uuid4().hex[:14]}" for _ in range(2))
EXAMPLES = itertools.count()
Store = InMemoryNotifications | PostgresNotifications


def draft(
    source: str, *, account: str = HANAKO, kind: NotificationKind = NotificationKind.ORDER_ACTIVATED
) -> NotificationDraft:
    return NotificationDraft(sf_account_id=account, kind=kind, source_id=source, title=f"t {source}", body="b")


@pytest.fixture(params=["memory", "postgres"])
async def store(request: pytest.FixtureRequest, database_url: str) -> AsyncIterator[tuple[Store, FrozenClock]]:
    clock = FrozenClock(NOW)
    if request.param == "memory":
        yield InMemoryNotifications(clock), clock
        return
    async with disposable_engine(database_url) as engine:
        yield PostgresNotifications(engine, clock), clock


async def test_one_notification_per_account_kind_and_source_even_when_recorded_concurrently(
    store: tuple[Store, FrozenClock],
) -> None:
    notifications, _ = store
    results = await asyncio.gather(*(notifications.record(draft("801A")) for _ in range(8)))
    assert sorted(results) == [False] * 7 + [True]
    # Another kind, source or account is another notification.
    assert await notifications.record(draft("801A", kind=NotificationKind.ORDER_APPROVED))
    assert await notifications.record(draft("801B"))
    assert await notifications.record(draft("801A", account=KENJI))
    assert await notifications.unread_count(HANAKO) == 3
    assert await notifications.unread_count(KENJI) == 1


async def test_marking_read_is_scoped_by_the_account(store: tuple[Store, FrozenClock]) -> None:
    notifications, clock = store
    await notifications.record(draft("801A"))
    await notifications.record(draft("801B"))
    hers = (await notifications.page(HANAKO, before=None, limit=10)).items
    assert [n.source_id for n in hers] == ["801B", "801A"]

    assert not await notifications.mark_read(KENJI, hers[0].id, at=clock.now())  # not his: not found
    assert await notifications.unread_count(HANAKO) == 2
    assert await notifications.mark_read(HANAKO, hers[0].id, at=clock.now())
    assert await notifications.mark_read(HANAKO, hers[0].id, at=clock.now() + dt.timedelta(hours=1))  # again: fine
    page = (await notifications.page(HANAKO, before=None, limit=10)).items
    assert page[0].read_at == clock.now()  # the first reading is kept
    assert await notifications.unread_count(HANAKO) == 1
    assert await notifications.mark_all_read(KENJI, at=clock.now()) == 0
    assert await notifications.mark_all_read(HANAKO, at=clock.now()) == 1
    assert await notifications.unread_count(HANAKO) == 0


async def test_the_reaper_deletes_what_is_older_than_the_cutoff_read_or_not(store: tuple[Store, FrozenClock]) -> None:
    notifications, clock = store
    await notifications.record(draft("old"))
    clock.advance(10 * 86400)
    await notifications.record(draft("new", account=KENJI))
    assert await notifications.purge_created_before(clock.now() - dt.timedelta(days=5)) == 1
    assert (await notifications.page(HANAKO, before=None, limit=10)).items == ()
    assert len((await notifications.page(KENJI, before=None, limit=10)).items) == 1


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(total=st.integers(min_value=0, max_value=12), limit=st.integers(min_value=1, max_value=5))
async def test_pages_walk_every_notification_newest_first_without_gaps_or_repeats(
    store: tuple[Store, FrozenClock], total: int, limit: int
) -> None:
    notifications, _ = store
    mine = f"001PAGE{next(EXAMPLES):011d}"  # hypothesis reuses the fixture: each example has its own account
    for number in range(total):
        await notifications.record(draft(f"{mine}-{number}", account=mine))
    seen: list[str] = []
    before: int | None = None
    while True:
        page = await notifications.page(mine, before=before, limit=limit)
        assert len(page.items) <= limit
        seen.extend(n.source_id for n in page.items)
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == [f"{mine}-{n}" for n in reversed(range(total))]


async def test_the_postgres_store_refuses_nothing_it_cannot_reach(database_url: str) -> None:
    """A database outage is an outage (retryable), never a silent False that would drop a notification."""
    engine: AsyncEngine = create_async_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    try:
        with pytest.raises(UpstreamUnavailableError):
            await PostgresNotifications(engine, FrozenClock(NOW)).record(draft("x"))
    finally:
        await engine.dispose()
