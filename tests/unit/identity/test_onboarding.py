"""The sign-up saga and account linking on in-memory twins: a failure at every step, and the end state of all
three systems (CRM, billing, portal) after each."""

from __future__ import annotations

import asyncio

import msgspec
import pytest

from application.errors import InvalidInputError, UpstreamUnavailableError
from application.identity.conflicts import EmailAlreadyRegisteredError
from application.identity.errors import (
    AccountAlreadyExistsError,
    BillingAccountExistsError,
    InvalidCredentialsError,
    LinkingNotPossibleError,
    OnboardingFailedError,
    SignUpInProgressError,
    TwoFactorLinkingError,
    UnknownCustomerNumberError,
)
from domain.identity.account_link import AccountLink
from domain.identity.onboarding import OnboardingState
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId
from tests.unit.identity.onboarding_world import (
    FRESH_ACCOUNT,
    LINKABLE_ACCOUNT,
    PASSWORD,
    OnboardingWorld,
    link_command,
    sign_up_command,
)

DOWN = UpstreamUnavailableError("test")


@pytest.fixture
def world() -> OnboardingWorld:
    return OnboardingWorld()


async def portal_users(world: OnboardingWorld) -> list[str]:
    return [user.email.value for user in world.store.users.values()]


async def test_a_sign_up_reaches_all_three_systems(world: OnboardingWorld) -> None:
    session = await world.sign_up().execute(sign_up_command())
    [client] = world.billing_clients()
    assert client["email"] == "yuki.suzuki@example.jp"
    assert client["status"] == "Active"
    account = world.crm.accounts[FRESH_ACCOUNT]
    assert (account.portal_status, account.portal_source) == ("Active", "New Signup")
    assert account.whmcs_client_id is not None
    link = world.store.links[session.user_id]
    assert link.whmcs_client_id.value == account.whmcs_client_id
    assert [o.state for o in world.onboardings()] == [OnboardingState.COMPLETED]
    assert await world.sessions.resolve(session.session_id) is not None


async def test_the_portal_password_never_becomes_the_billing_password(world: OnboardingWorld) -> None:
    await world.sign_up().execute(sign_up_command())
    [user] = world.billing.world.users.values()
    assert user.password != PASSWORD


async def test_unknown_customer_number_changes_nothing(world: OnboardingWorld) -> None:
    with pytest.raises(UnknownCustomerNumberError):
        await world.sign_up().execute(sign_up_command(customer_number="SH-999999"))
    assert world.billing_clients() == []
    assert world.onboardings() == []


async def test_an_account_already_linked_elsewhere_is_refused(world: OnboardingWorld) -> None:
    world.crm.accounts[FRESH_ACCOUNT] = msgspec.structs.replace(world.crm.accounts[FRESH_ACCOUNT], whmcs_client_id=9)
    with pytest.raises(AccountAlreadyExistsError):
        await world.sign_up().execute(sign_up_command())
    assert world.billing_clients() == []


async def test_crm_outage_before_anything_is_created_leaves_nothing(world: OnboardingWorld) -> None:
    world.crm.fail_next(DOWN)
    with pytest.raises(UpstreamUnavailableError):
        await world.sign_up().execute(sign_up_command())
    assert (world.billing_clients(), world.onboardings(), await portal_users(world)) == ([], [], [])


async def test_an_email_already_billed_is_told_to_link_instead(world: OnboardingWorld) -> None:
    await world.existing_billing_client()
    with pytest.raises(BillingAccountExistsError):
        await world.sign_up().execute(sign_up_command(email="kenji.sato@example.jp"))
    assert len(world.billing_clients()) == 1
    assert [o.state for o in world.onboardings()] == [OnboardingState.FAILED]
    assert world.crm.accounts[FRESH_ACCOUNT].portal_status == "Not Yet"


async def test_billing_refusing_the_values_fails_cleanly(world: OnboardingWorld) -> None:
    world.billing.world.fail_next("add_client", InvalidInputError("Invalid telephone phone number"))
    with pytest.raises(InvalidInputError):
        await world.sign_up().execute(sign_up_command())
    assert world.billing_clients() == []
    assert [o.state for o in world.onboardings()] == [OnboardingState.FAILED]
    # A corrected second attempt is a new sign-up, not blocked by the failed one.
    await world.sign_up().execute(sign_up_command())
    assert len(world.billing_clients()) == 1


async def test_add_client_with_unknown_outcome_creates_exactly_one_client(world: OnboardingWorld) -> None:
    world.billing.world.fail_next("add_client", DOWN, after_apply=True)
    await world.sign_up().execute(sign_up_command())
    assert len(world.billing_clients()) == 1
    assert [o.state for o in world.onboardings()] == [OnboardingState.COMPLETED]


async def test_billing_outage_pauses_the_sign_up_and_a_retry_finishes_it(world: OnboardingWorld) -> None:
    world.billing.world.fail_next("add_client", DOWN)
    with pytest.raises(UpstreamUnavailableError):
        await world.sign_up().execute(sign_up_command())
    assert world.billing_clients() == []
    assert [o.state for o in world.onboardings()] == [OnboardingState.RESERVED]
    session = await world.sign_up().execute(sign_up_command())  # the customer presses the button again
    assert len(world.billing_clients()) == 1
    assert session.user_id in world.store.links


async def test_someone_else_cannot_take_over_a_paused_sign_up(world: OnboardingWorld) -> None:
    world.billing.world.fail_next("add_client", DOWN)
    with pytest.raises(UpstreamUnavailableError):
        await world.sign_up().execute(sign_up_command())
    with pytest.raises(SignUpInProgressError):
        await world.sign_up().execute(sign_up_command(password="an attacker's passphrase"))


async def test_a_crash_right_after_add_client_is_resumed_by_the_worker_without_a_second_client(
    world: OnboardingWorld,
) -> None:
    # The client is created but the answer never arrives and the adapter's look-up fails too: a true unknown,
    # as when the process dies right after the call.
    original = world.billing.clients.add_client

    async def crash_after_create(client):  # type: ignore[no-untyped-def]
        await original(client)
        raise DOWN

    world.billing.clients.add_client = crash_after_create  # type: ignore[method-assign]
    with pytest.raises(UpstreamUnavailableError):
        await world.sign_up().execute(sign_up_command())
    world.billing.clients.add_client = original  # type: ignore[method-assign]
    assert len(world.billing_clients()) == 1
    world.clock.advance(180)
    assert await world.resume().execute() == 1
    assert len(world.billing_clients()) == 1
    assert [o.state for o in world.onboardings()] == [OnboardingState.COMPLETED]
    assert world.crm.accounts[FRESH_ACCOUNT].portal_status == "Active"


async def test_losing_the_race_for_the_crm_account_after_billing_compensates(world: OnboardingWorld) -> None:
    sign_up = world.sign_up()
    original = world.billing.clients.add_client

    async def meanwhile_someone_links(client):  # type: ignore[no-untyped-def]
        created = await original(client)
        uow = world.uow()
        other = await world.add_user("someone.else@example.jp")
        await uow.links.add(
            AccountLink(other.id, WhmcsClientId(777), SalesforceId.parse(FRESH_ACCOUNT), None, world.clock.now())
        )
        await uow.commit()
        return created

    world.billing.clients.add_client = meanwhile_someone_links  # type: ignore[method-assign]
    with pytest.raises(OnboardingFailedError):
        await sign_up.execute(sign_up_command())
    [client] = world.billing_clients()
    assert client["status"] == "Inactive"
    assert [o.state for o in world.onboardings()] == [OnboardingState.COMPENSATED]
    assert "yuki.suzuki@example.jp" not in await portal_users(world)


async def test_compensation_during_an_outage_is_finished_by_the_worker(world: OnboardingWorld) -> None:
    original = world.billing.clients.add_client

    async def meanwhile_someone_registers(client):  # type: ignore[no-untyped-def]
        created = await original(client)
        await world.add_user("yuki.suzuki@example.jp")
        world.billing.world.fail_next("update_client", DOWN)
        return created

    world.billing.clients.add_client = meanwhile_someone_registers  # type: ignore[method-assign]
    with pytest.raises(OnboardingFailedError):
        await world.sign_up().execute(sign_up_command())
    assert [o.state for o in world.onboardings()] == [OnboardingState.COMPENSATING]
    world.clock.advance(180)
    await world.resume().execute()
    assert [o.state for o in world.onboardings()] == [OnboardingState.COMPENSATED]
    assert world.billing_clients()[0]["status"] == "Inactive"


async def test_crm_update_failure_still_lets_the_customer_in_and_the_worker_finishes(world: OnboardingWorld) -> None:
    original = world.accounts.update_portal_link

    async def crm_down(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise DOWN

    world.accounts.update_portal_link = crm_down  # type: ignore[method-assign]
    session = await world.sign_up().execute(sign_up_command())
    assert session.user_id in world.store.links
    assert [o.state for o in world.onboardings()] == [OnboardingState.USER_CREATED]
    assert world.crm.accounts[FRESH_ACCOUNT].portal_status == "Not Yet"
    world.accounts.update_portal_link = original  # type: ignore[method-assign]
    world.clock.advance(30)
    assert await world.resume().execute() == 0  # too fresh: the request may still be working on it
    world.clock.advance(180)
    assert await world.resume().execute() == 1
    assert world.crm.accounts[FRESH_ACCOUNT].portal_status == "Active"
    assert [o.state for o in world.onboardings()] == [OnboardingState.COMPLETED]


async def test_concurrent_sign_ups_for_one_customer_make_one_account(world: OnboardingWorld) -> None:
    results = await asyncio.gather(
        *(world.sign_up().execute(sign_up_command()) for _ in range(4)), return_exceptions=True
    )
    assert sum(not isinstance(r, BaseException) for r in results) == 1
    assert all(
        isinstance(r, (SignUpInProgressError, EmailAlreadyRegisteredError, AccountAlreadyExistsError))
        for r in results
        if isinstance(r, BaseException)
    ), results
    assert len(world.billing_clients()) == 1
    assert len(world.store.users) == 1


async def test_linking_an_existing_billing_customer(world: OnboardingWorld) -> None:
    client_id = await world.existing_billing_client()
    session = await world.link().execute(link_command())
    link = world.store.links[session.user_id]
    assert link.whmcs_client_id.value == client_id
    account = world.crm.accounts[LINKABLE_ACCOUNT]
    assert (account.portal_status, account.portal_source, account.whmcs_client_id) == ("Active", "Migrated", client_id)
    assert len(world.billing_clients()) == 1  # nothing created in billing
    user = world.store.users[session.user_id]
    assert user.password_hash == await world.hasher.hash("a new portal passphrase")


async def test_linking_with_a_wrong_billing_password_is_refused(world: OnboardingWorld) -> None:
    await world.existing_billing_client()
    with pytest.raises(InvalidCredentialsError):
        await world.link().execute(link_command(password="wrong"))
    assert world.store.users == {}


async def test_two_factor_billing_users_get_a_clear_message(world: OnboardingWorld) -> None:
    await world.existing_billing_client(two_factor=True)
    with pytest.raises(TwoFactorLinkingError):
        await world.link().execute(link_command())


async def test_linking_twice_is_refused(world: OnboardingWorld) -> None:
    await world.existing_billing_client()
    await world.link().execute(link_command())
    with pytest.raises(AccountAlreadyExistsError):
        await world.link().execute(link_command())


async def test_a_billing_client_whose_crm_account_points_elsewhere_cannot_be_linked(world: OnboardingWorld) -> None:
    await world.existing_billing_client()
    world.crm.accounts[LINKABLE_ACCOUNT] = msgspec.structs.replace(
        world.crm.accounts[LINKABLE_ACCOUNT], whmcs_client_id=9
    )
    with pytest.raises(LinkingNotPossibleError):
        await world.link().execute(link_command())
