"""The session's idle refresh is a rare write: requests read the session, they do not rewrite it each time."""

from __future__ import annotations

import uuid

from tests.unit.identity.conftest import IdentityWorld


async def test_the_idle_refresh_is_a_rare_write_never_one_per_request(world: IdentityWorld) -> None:
    """Rule: requests refresh a session's idle expiry at most once per `session_touch_interval_seconds`, so a busy
    session costs reads, not a Redis write per request."""
    touches = 0
    touch = world.session_store.touch

    async def counted(*args: object, **kwargs: object) -> None:
        nonlocal touches
        touches += 1
        await touch(*args, **kwargs)  # type: ignore[arg-type]

    session = await world.sessions.start(uuid.uuid4())
    world.session_store.touch = counted  # type: ignore[method-assign]
    interval = world.policy.session_touch_interval_seconds
    for _ in range(3):  # three intervals, 30 requests in each
        for _ in range(30):
            world.clock.advance(interval / 30)
            assert await world.sessions.resolve(session.session_id) is not None
    assert 1 <= touches <= 3
