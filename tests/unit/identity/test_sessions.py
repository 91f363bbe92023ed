from __future__ import annotations

import uuid

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
