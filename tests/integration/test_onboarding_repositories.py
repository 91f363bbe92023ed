"""The onboarding repository's operator-facing queries on Postgres and the twin: what is stuck, and taking one
by its id under a lease (never from someone holding it)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from domain.identity.customer_number import CustomerNumber
from domain.identity.email import EmailAddress
from domain.identity.onboarding import Onboarding, OnboardingKind, OnboardingState
from domain.identity.salesforce_id import SalesforceId
from tests.integration.test_identity_repositories import UnitOfWorkFactory, units

pytestmark = pytest.mark.integration
__all__ = ["units"]
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def onboarding(n: int, state: OnboardingState, minutes_ago: int) -> Onboarding:
    at = NOW - timedelta(minutes=minutes_ago)
    return Onboarding(
        id=uuid.uuid4(),
        kind=OnboardingKind.SIGN_UP,
        email=EmailAddress.parse(f"user{n}@example.jp"),
        customer_number=CustomerNumber.parse(f"SH-20000{n}"),
        sf_account_id=SalesforceId.parse(f"001D000000IqhS{n}"),
        sf_contact_id=None,
        password_hash="x",
        profile=None,
        state=state,
        created_at=at,
        updated_at=at,
    )


async def test_stuck_ones_are_the_idle_unfinished_and_those_waiting_for_an_operator(units: UnitOfWorkFactory) -> None:
    records = [
        onboarding(1, OnboardingState.RESERVED, 30),
        onboarding(2, OnboardingState.USER_CREATED, 20),
        onboarding(3, OnboardingState.RESERVED, 1),  # fresh: its request may still be at it
        onboarding(4, OnboardingState.NEEDS_ATTENTION, 2),
        onboarding(5, OnboardingState.COMPLETED, 60),
        onboarding(6, OnboardingState.FAILED, 60),
    ]
    uow = units()
    for record in records:
        await uow.onboardings.add(record, lease_until=NOW)
    await uow.commit()

    stuck = await units().onboardings.stuck(idle_since=NOW - timedelta(minutes=10))

    assert [o.customer_number.value for o in stuck] == ["SH-200001", "SH-200002", "SH-200004"]


async def test_one_is_claimed_by_id_only_when_unfinished_and_nobody_holds_it(units: UnitOfWorkFactory) -> None:
    held, free, done = (
        onboarding(1, OnboardingState.RESERVED, 5),
        onboarding(2, OnboardingState.BILLING_CREATED, 5),
        onboarding(3, OnboardingState.COMPLETED, 5),
    )
    uow = units()
    await uow.onboardings.add(held, lease_until=NOW + timedelta(minutes=1))
    await uow.onboardings.add(free, lease_until=NOW - timedelta(minutes=1))
    await uow.onboardings.add(done, lease_until=NOW - timedelta(minutes=1))
    await uow.commit()

    uow = units()
    assert await uow.onboardings.claim(held.id, now=NOW, lease_seconds=120) is None
    assert await uow.onboardings.claim(done.id, now=NOW, lease_seconds=120) is None
    assert await uow.onboardings.claim(uuid.uuid4(), now=NOW, lease_seconds=120) is None
    claimed = await uow.onboardings.claim(free.id, now=NOW, lease_seconds=120)
    await uow.commit()
    assert claimed is not None
    assert (claimed.id, claimed.attempts) == (free.id, 1)
    assert await units().onboardings.claim(free.id, now=NOW + timedelta(seconds=60), lease_seconds=120) is None
