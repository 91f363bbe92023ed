"""Stuck sign-ups: listed by idleness, taken forward on request under their lease, a finished one left alone."""

from __future__ import annotations

import uuid

import pytest

from application.errors import NotFoundError, UpstreamUnavailableError
from application.operations.signups import ListStuckSignUps, RetrySignUp
from domain.identity.onboarding import OnboardingState
from tests.unit.identity.onboarding_world import FRESH_ACCOUNT, OnboardingWorld, sign_up_command
from tests.unit.operations.audit import admin_lines

DOWN = UpstreamUnavailableError("whmcs")


@pytest.fixture
def world() -> OnboardingWorld:
    return OnboardingWorld()


def listing(world: OnboardingWorld) -> ListStuckSignUps:
    return ListStuckSignUps(world.uow(), world.clock)


def retry(world: OnboardingWorld) -> RetrySignUp:
    return RetrySignUp(world.uow(), world.steps(), world.clock)


async def paused_sign_up(world: OnboardingWorld) -> uuid.UUID:
    world.billing.world.fail_next("add_client", DOWN)
    with pytest.raises(UpstreamUnavailableError):
        await world.sign_up().execute(sign_up_command())
    [onboarding] = world.onboardings()
    return onboarding.id


async def test_an_idle_unfinished_sign_up_is_listed_and_a_retry_finishes_it_once(
    world: OnboardingWorld, caplog: pytest.LogCaptureFixture
) -> None:
    onboarding_id = await paused_sign_up(world)
    assert await listing(world).execute(idle_minutes=10) == ()  # fresh: the customer may still be at it
    world.clock.advance(11 * 60)
    [stuck] = await listing(world).execute(idle_minutes=10)
    assert (stuck.id, stuck.state, stuck.sf_account_id) == (onboarding_id, "reserved", FRESH_ACCOUNT)

    caplog.set_level("INFO", logger="portal.admin")
    first = await retry(world).execute(onboarding_id)
    second = await retry(world).execute(onboarding_id)

    assert (first.outcome, second.outcome) == ("completed", "already_completed")
    assert len(world.billing_clients()) == 1
    assert world.crm.accounts[FRESH_ACCOUNT].portal_status == "Active"
    assert await listing(world).execute(idle_minutes=10) == ()
    lines = admin_lines(caplog)
    assert [(line["action"], line["outcome"]) for line in lines] == [
        ("signups.retry", "completed"),
        ("signups.retry", "already_completed"),
    ]


async def test_one_waiting_for_an_operator_is_taken_back_to_where_it_stopped(world: OnboardingWorld) -> None:
    onboarding_id = await paused_sign_up(world)
    world.billing.world.fail_next("add_client", DOWN, times=1_000)
    while world.onboardings()[0].state is not OnboardingState.NEEDS_ATTENTION:  # the sweep gives up in the end
        world.clock.advance(120)
        await world.resume().execute()
    world.billing.world.faults.clear()  # WHMCS is back
    [onboarding] = world.onboardings()
    assert onboarding.state is OnboardingState.NEEDS_ATTENTION
    assert [s.state for s in await listing(world).execute(idle_minutes=10_000)] == ["needs_attention"]

    result = await retry(world).execute(onboarding_id)

    assert result.outcome == "completed"
    [onboarding] = world.onboardings()
    assert [h.split(" ")[1] for h in onboarding.history[-5:]] == [
        "reserved->needs_attention", "needs_attention->reserved", "reserved->billing_created",
        "billing_created->user_created", "user_created->completed",
    ]  # fmt: skip
    assert len(world.billing_clients()) == 1


async def test_a_retry_meeting_an_outage_says_so_and_leaves_it_for_later(world: OnboardingWorld) -> None:
    onboarding_id = await paused_sign_up(world)
    world.clock.advance(600)
    world.billing.world.fail_next("add_client", DOWN)
    result = await retry(world).execute(onboarding_id)
    assert (result.outcome, result.error_code) == ("reserved", "UPSTREAM_UNAVAILABLE")
    world.clock.advance(600)
    assert (await retry(world).execute(onboarding_id)).outcome == "completed"


async def test_a_sign_up_someone_is_working_on_is_not_taken_over(world: OnboardingWorld) -> None:
    onboarding_id = await paused_sign_up(world)  # the customer's request still holds its lease
    assert (await retry(world).execute(onboarding_id)).outcome == "in_progress"
    assert world.billing_clients() == []
    world.clock.advance(121)
    assert (await retry(world).execute(onboarding_id)).outcome == "completed"


async def test_an_unknown_sign_up_is_not_found(world: OnboardingWorld) -> None:
    with pytest.raises(NotFoundError):
        await retry(world).execute(uuid.uuid4())
