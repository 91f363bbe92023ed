"""One contract, two implementations: the Postgres repositories and their in-memory twins must agree."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import pytest

from adapters.memory.identity_store import InMemoryIdentityStore, InMemoryUnitOfWork
from adapters.postgres.engine import create_session_factory
from adapters.postgres.unit_of_work import PostgresUnitOfWork
from application.errors import NotFoundError
from application.identity.conflicts import AccountAlreadyLinkedError, EmailAlreadyRegisteredError
from application.ports.unit_of_work import UnitOfWork
from domain.identity.account_link import AccountLink
from domain.identity.email import EmailAddress
from domain.identity.salesforce_id import SalesforceId
from domain.identity.user import User, UserStatus
from domain.identity.whmcs_client_id import WhmcsClientId
from tests.integration.conftest import disposable_engine

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
UnitOfWorkFactory = Callable[[], UnitOfWork]


def new_user(email: str = "hanako.tanaka@example.jp", password_hash: str | None = "$argon2id$...") -> User:
    return User(
        id=uuid.uuid4(),
        email=EmailAddress.parse(email),
        password_hash=password_hash,
        status=UserStatus.ACTIVE,
        created_at=NOW,
        updated_at=NOW,
    )


def new_link(user: User, client: int = 1, account: str = "001D000000IqhSL", contact: str | None = None) -> AccountLink:
    return AccountLink(
        user_id=user.id,
        whmcs_client_id=WhmcsClientId(client),
        sf_account_id=SalesforceId.parse(account),
        sf_contact_id=SalesforceId.parse(contact) if contact else None,
        created_at=NOW,
    )


@pytest.fixture(params=["postgres", "memory"])
async def units(request: pytest.FixtureRequest) -> AsyncIterator[UnitOfWorkFactory]:
    if request.param == "memory":
        store = InMemoryIdentityStore()
        yield lambda: InMemoryUnitOfWork(store)
        return
    async with disposable_engine(request.getfixturevalue("database_url")) as engine:
        factory = create_session_factory(engine)
        sessions = []

        def make() -> UnitOfWork:
            session = factory()
            sessions.append(session)
            return PostgresUnitOfWork(session)

        yield make
        for session in sessions:
            await session.close()


async def save(units: UnitOfWorkFactory, *users_and_links: User | AccountLink) -> None:
    uow = units()
    for item in users_and_links:
        if isinstance(item, User):
            await uow.users.add(item)
        else:
            await uow.links.add(item)
    await uow.commit()


async def test_a_committed_user_is_found_by_id_and_by_email_in_any_case(units: UnitOfWorkFactory) -> None:
    user = new_user()
    await save(units, user)
    reader = units()
    assert await reader.users.get(user.id) == user
    assert await reader.users.get_by_email(EmailAddress.parse("HANAKO.Tanaka@Example.JP")) == user


async def test_uncommitted_work_is_invisible_and_rolled_back(units: UnitOfWorkFactory) -> None:
    user = new_user()
    writer = units()
    await writer.users.add(user)
    assert await units().users.get(user.id) is None
    await writer.rollback()
    assert await units().users.get(user.id) is None


async def test_emails_are_unique_regardless_of_case(units: UnitOfWorkFactory) -> None:
    await save(units, new_user("kenji.sato@example.jp"))
    uow = units()
    with pytest.raises(EmailAlreadyRegisteredError):
        await uow.users.add(new_user("Kenji.Sato@example.jp"))


async def test_the_unit_of_work_stays_usable_after_a_conflict(units: UnitOfWorkFactory) -> None:
    await save(units, new_user("kenji.sato@example.jp"))
    uow = units()
    with pytest.raises(EmailAlreadyRegisteredError):
        await uow.users.add(new_user("kenji.sato@example.jp"))
    other = new_user("yuki.suzuki@example.jp")
    await uow.users.add(other)
    await uow.commit()
    assert await units().users.get(other.id) == other


async def test_concurrent_sign_ups_with_one_email_produce_one_user(units: UnitOfWorkFactory) -> None:
    async def attempt() -> bool:
        uow = units()
        try:
            await uow.users.add(new_user("race@example.jp"))
            await uow.commit()
        except EmailAlreadyRegisteredError:
            await uow.rollback()
            return False
        return True

    outcomes = await asyncio.gather(*(attempt() for _ in range(5)))
    assert outcomes.count(True) == 1


async def test_update_changes_password_and_status(units: UnitOfWorkFactory) -> None:
    user = new_user(password_hash=None)
    await save(units, user)
    uow = units()
    user.password_hash = "$argon2id$new"
    user.status = UserStatus.DISABLED
    await uow.users.update(user)
    await uow.commit()
    stored = await units().users.get(user.id)
    assert stored is not None
    assert (stored.password_hash, stored.status) == ("$argon2id$new", UserStatus.DISABLED)


async def test_updating_an_unknown_user_is_not_found(units: UnitOfWorkFactory) -> None:
    with pytest.raises(NotFoundError):
        await units().users.update(new_user())


async def test_links_are_found_from_every_side(units: UnitOfWorkFactory) -> None:
    user = new_user()
    link = new_link(user, client=1, account="001D000000IqhSL", contact="003D000000AbcDe")
    await save(units, user, link)
    reader = units()
    assert await reader.links.get_for_user(user.id) == link
    assert await reader.links.get_by_whmcs_client(WhmcsClientId(1)) == link
    assert await reader.links.get_by_sf_account(SalesforceId.parse("001D000000IqhSLIAZ")) == link
    assert await reader.links.get_by_whmcs_client(WhmcsClientId(2)) is None


@pytest.mark.parametrize("clash", ["whmcs", "salesforce", "contact", "user"])
async def test_each_external_id_links_to_one_user_only(units: UnitOfWorkFactory, clash: str) -> None:
    first, second = new_user("a@example.jp"), new_user("b@example.jp")
    await save(units, first, second, new_link(first, 1, "001D000000IqhSL", "003D000000AbcDe"))
    candidates = {
        "whmcs": new_link(second, 1, "001D000000Zzzzz"),
        "salesforce": new_link(second, 2, "001D000000IqhSL"),
        "contact": new_link(second, 2, "001D000000Zzzzz", "003D000000AbcDe"),
        "user": new_link(first, 2, "001D000000Zzzzz"),
    }
    uow = units()
    with pytest.raises(AccountAlreadyLinkedError):
        await uow.links.add(candidates[clash])
