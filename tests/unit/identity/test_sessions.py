from __future__ import annotations

import uuid

from adapters.memory.sessions import InMemorySessionStore
from application.identity.sessions import SessionManager
from application.ports.sessions import SessionRecord
from tests.unit.identity.conftest import IdentityWorld


async def test_a_session_ends_after_the_idle_lifetime(world: IdentityWorld) -> None:
    session = await world.sessions.start(uuid.uuid4())
    world.clock.advance(world.policy.session_idle_seconds - 1)
    assert await world.sessions.resolve(session.session_id) is not None
    world.clock.advance(world.policy.session_idle_seconds)
    assert await world.sessions.resolve(session.session_id) is None


async def test_activity_keeps_a_session_alive_but_not_past_the_absolute_lifetime(world: IdentityWorld) -> None:
    session = await world.sessions.start(uuid.uuid4())
    step = world.policy.session_idle_seconds // 2
    elapsed = 0
    while elapsed + step < world.policy.session_absolute_seconds:
        world.clock.advance(step)
        elapsed += step
        assert await world.sessions.resolve(session.session_id) is not None, elapsed
    world.clock.advance(step)
    assert await world.sessions.resolve(session.session_id) is None


async def test_ending_everywhere_spares_only_the_kept_session(world: IdentityWorld) -> None:
    user_id = uuid.uuid4()
    phone, laptop, other_user = (
        await world.sessions.start(user_id),
        await world.sessions.start(user_id),
        await world.sessions.start(uuid.uuid4()),
    )
    await world.sessions.end_all(user_id, keep=laptop.session_id)
    assert await world.sessions.resolve(phone.session_id) is None
    assert await world.sessions.resolve(laptop.session_id) is not None
    assert await world.sessions.resolve(other_user.session_id) is not None


async def test_every_session_gets_its_own_csrf_token(world: IdentityWorld) -> None:
    user_id = uuid.uuid4()
    a, b = await world.sessions.start(user_id), await world.sessions.start(user_id)
    assert a.csrf_token != b.csrf_token
    assert len(a.csrf_token) >= 32


class LaxStore(InMemorySessionStore):
    """A store that keeps sessions ten times longer than asked: the manager's own checks must end them on time."""

    async def create(self, record: SessionRecord, *, ttl_seconds: int) -> str:
        return await super().create(record, ttl_seconds=ttl_seconds * 10)

    async def touch(self, session_id: str, record: SessionRecord, *, ttl_seconds: int) -> None:
        await super().touch(session_id, record, ttl_seconds=ttl_seconds * 10)


def lax(world: IdentityWorld) -> tuple[SessionManager, LaxStore]:
    store = LaxStore(world.clock)
    return SessionManager(store, world.clock, world.policy), store


async def test_a_session_idle_for_exactly_its_lifetime_has_ended_and_is_destroyed(world: IdentityWorld) -> None:
    sessions, store = lax(world)
    session = await sessions.start(uuid.uuid4())
    world.clock.advance(world.policy.session_idle_seconds)
    assert await sessions.resolve(session.session_id) is None
    assert await store.get(session.session_id) is None


async def test_a_session_exactly_its_absolute_lifetime_old_has_ended_and_is_destroyed(world: IdentityWorld) -> None:
    sessions, store = lax(world)
    session, started = await sessions.start(uuid.uuid4()), world.clock.now()

    def age() -> float:
        return (world.clock.now() - started).total_seconds()

    step = world.policy.session_idle_seconds - 1
    while age() + step < world.policy.session_absolute_seconds:
        world.clock.advance(step)
        assert await sessions.resolve(session.session_id) is not None, age()
    world.clock.advance(world.policy.session_absolute_seconds - age())
    assert await sessions.resolve(session.session_id) is None
    assert await store.get(session.session_id) is None


async def test_activity_a_refresh_interval_after_the_last_refresh_extends_the_idle_expiry(world: IdentityWorld) -> None:
    sessions, _ = lax(world)
    session = await sessions.start(uuid.uuid4())
    world.clock.advance(world.policy.session_touch_interval_seconds)
    assert await sessions.resolve(session.session_id) is not None  # refreshed now
    world.clock.advance(world.policy.session_idle_seconds - 1)
    assert await sessions.resolve(session.session_id) is not None


async def test_logging_in_again_destroys_the_session_it_arrived_with(world: IdentityWorld) -> None:
    user = uuid.uuid4()
    before = await world.sessions.start(user)
    after = await world.sessions.start(user, replacing=before.session_id)
    assert after.session_id != before.session_id
    assert await world.sessions.resolve(before.session_id) is None
    assert await world.sessions.resolve(after.session_id) == after


async def test_a_session_is_resolved_to_its_user_and_its_own_token(world: IdentityWorld) -> None:
    user = uuid.uuid4()
    session = await world.sessions.start(user)
    resolved = await world.sessions.resolve(session.session_id)
    assert resolved is not None
    assert (resolved.user_id, resolved.csrf_token, resolved.session_id) == (
        user,
        session.csrf_token,
        session.session_id,
    )
    assert await world.sessions.resolve(None) is None
    assert await world.sessions.resolve("") is None
    assert await world.sessions.resolve("no-such-session") is None


async def test_logging_out_ends_only_that_session(world: IdentityWorld) -> None:
    user = uuid.uuid4()
    phone, laptop = await world.sessions.start(user), await world.sessions.start(user)
    await world.sessions.end(phone.session_id)
    assert await world.sessions.resolve(phone.session_id) is None
    assert await world.sessions.resolve(laptop.session_id) is not None
