"""Who the caller is travels with the session: Postgres is read once per session, and every change that matters
(a link, ending sessions) is seen on the very next request."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.memory.identity_store import InMemoryUnitOfWork
from application.errors import AuthenticationRequiredError
from application.identity.resolve_caller import ResolveCaller
from application.identity.sessions import ActiveSession
from domain.identity.account_link import AccountLink
from domain.identity.salesforce_id import SalesforceId
from domain.identity.user import User
from domain.identity.whmcs_client_id import WhmcsClientId
from tests.unit.identity.conftest import IdentityWorld

ACCOUNT = "001MEM000000003YBA"


class CountingUnitOfWork(InMemoryUnitOfWork):
    """Counts every repository a use case touches: each would be a database round trip in production."""

    reads = 0

    def __getattribute__(self, name: str) -> Any:
        if name in {"users", "links", "onboardings"}:
            CountingUnitOfWork.reads += 1
        return super().__getattribute__(name)


@pytest.fixture(autouse=True)
def _reset_counter() -> None:
    CountingUnitOfWork.reads = 0


async def next_request(world: IdentityWorld, session: ActiveSession) -> ResolveCaller:
    """What a request builds: the session read from the store and a fresh unit of work."""
    return ResolveCaller(CountingUnitOfWork(world.store), world.sessions)


async def resolved(world: IdentityWorld, session_id: str) -> ActiveSession:
    active = await world.sessions.resolve(session_id)
    assert active is not None
    return active


async def link(world: IdentityWorld, user: User) -> None:
    uow = world.uow()
    await uow.links.add(AccountLink(user.id, WhmcsClientId(4242), SalesforceId.parse(ACCOUNT), None, world.clock.now()))
    await uow.commit()


async def test_a_warm_request_reads_no_database(world: IdentityWorld) -> None:
    """Rule: once a session has been asked who its user is, later requests of that session touch no repository."""
    user = await world.add_user()
    await link(world, user)
    started = await world.sessions.start(user.id)
    first = await resolved(world, started.session_id)
    caller = await (await next_request(world, first)).execute(first)
    assert CountingUnitOfWork.reads > 0
    CountingUnitOfWork.reads = 0
    for _ in range(3):
        session = await resolved(world, started.session_id)
        assert await (await next_request(world, session)).execute(session) == caller
    assert CountingUnitOfWork.reads == 0
    assert caller.sf_account_id == SalesforceId.parse(ACCOUNT).value
    assert caller.whmcs_client_id == 4242


async def test_a_changed_link_is_seen_on_the_very_next_request(world: IdentityWorld) -> None:
    """Rule: a link written for a signed-in user (and `forget_callers` called, as every writer of users or links
    must) shows on that user's next request, in every one of its sessions."""
    user = await world.add_user()
    phone, laptop = await world.sessions.start(user.id), await world.sessions.start(user.id)
    for started in (phone, laptop):
        session = await resolved(world, started.session_id)
        assert (await (await next_request(world, session)).execute(session)).sf_account_id is None
    await link(world, user)
    await world.sessions.forget_callers(user.id)
    for started in (phone, laptop):
        session = await resolved(world, started.session_id)
        assert (await (await next_request(world, session)).execute(session)).whmcs_client_id == 4242


async def test_a_read_overtaken_by_an_invalidation_is_never_kept(world: IdentityWorld) -> None:
    """Rule: a caller read from the database before a change, and stored after it, would hide the change for the
    whole session; the compare-and-set refuses it, and the next request reads the database again."""
    user = await world.add_user()
    started = await world.sessions.start(user.id)
    before = await resolved(world, started.session_id)  # slot read: empty
    await link(world, user)
    await world.sessions.forget_callers(user.id)  # the change lands while `before`'s request is still running
    # `before`'s request now stores what it read (too late: the slot changed since)
    stale = await (await next_request(world, before)).execute(before)
    assert stale.sf_account_id is not None  # (the in-memory store already had the link; what matters is below)
    session = await resolved(world, started.session_id)
    assert session.caller is None, "a fill that an invalidation overtook was stored"
    assert (await (await next_request(world, session)).execute(session)).whmcs_client_id == 4242


async def test_ended_sessions_take_their_caller_with_them(world: IdentityWorld) -> None:
    """Rule: logout, logout everywhere and a password change end sessions; nothing of them answers afterwards."""
    user = await world.add_user()
    await link(world, user)
    sessions = [await world.sessions.start(user.id) for _ in range(3)]
    for started in sessions:
        session = await resolved(world, started.session_id)
        await (await next_request(world, session)).execute(session)
    await world.sessions.end(sessions[0].session_id)
    assert await world.sessions.resolve(sessions[0].session_id) is None
    await world.sessions.end_all(user.id)
    assert [await world.sessions.resolve(s.session_id) for s in sessions] == [None, None, None]


async def test_a_user_deleted_while_signed_in_is_signed_out(world: IdentityWorld) -> None:
    user = await world.add_user()
    started = await world.sessions.start(user.id)
    del world.store.users[user.id]
    session = await resolved(world, started.session_id)
    with pytest.raises(AuthenticationRequiredError):
        await (await next_request(world, session)).execute(session)
