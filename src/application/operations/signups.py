"""Sign-ups and links that did not finish: listed for an operator, and taken forward on request.

A retry runs the same recovery steps as the worker's sweep, now, under the record's lease (so it never runs
beside the sweep or a customer's request). One that exhausted its retries is first taken back to where it stopped
with a fresh count. A finished one is left as it is: retrying it again changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar
from uuid import UUID

import msgspec

from application.errors import STORE_OUTAGE, ApplicationError, NotFoundError, Raises
from application.identity.onboarding_steps import LEASE_SECONDS, OnboardingSteps
from application.operations.audit import recorded
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWork
from domain.identity.onboarding import Onboarding


class StuckSignUp(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    kind: str
    state: str
    customer_number: str
    sf_account_id: str
    attempts: int
    last_error: str | None
    updated_at: datetime


class SignUpRetried(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    outcome: str  # "completed" and the other states it reached, "in_progress", or "already_<final state>"
    error_code: str | None = None


def _view(onboarding: Onboarding) -> StuckSignUp:
    return StuckSignUp(
        id=onboarding.id,
        kind=onboarding.kind.value,
        state=onboarding.state.value,
        customer_number=onboarding.customer_number.value,
        sf_account_id=onboarding.sf_account_id.value,
        attempts=onboarding.attempts,
        last_error=onboarding.last_error,
        updated_at=onboarding.updated_at,
    )


class ListStuckSignUps:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, *, idle_minutes: int = 10, limit: int = 100) -> tuple[StuckSignUp, ...]:
        idle_since = self._clock.now() - timedelta(minutes=idle_minutes)
        found = await self._uow.onboardings.stuck(idle_since=idle_since, limit=limit)
        await self._uow.rollback()
        return tuple(_view(o) for o in found)


class RetrySignUp:
    raises: ClassVar[Raises] = (NotFoundError, *STORE_OUTAGE)

    def __init__(self, uow: UnitOfWork, steps: OnboardingSteps, clock: Clock) -> None:
        self._uow = uow
        self._steps = steps
        self._clock = clock

    async def execute(self, onboarding_id: UUID) -> SignUpRetried:
        onboarding = await self._uow.onboardings.get(onboarding_id)
        if onboarding is None:
            await self._uow.rollback()
            raise NotFoundError("No such sign-up.")
        if onboarding.reopen(self._clock.now()):
            await self._uow.onboardings.save(onboarding)
            await self._uow.commit()
        elif onboarding.state.is_final:
            await self._uow.rollback()
            return self._recorded(SignUpRetried(id=onboarding_id, outcome=f"already_{onboarding.state.value}"))
        claimed = await self._uow.onboardings.claim(onboarding_id, now=self._clock.now(), lease_seconds=LEASE_SECONDS)
        await self._uow.commit()
        if claimed is None:
            return self._recorded(SignUpRetried(id=onboarding_id, outcome="in_progress"))
        try:
            await self._steps.run(claimed)
        except ApplicationError as error:  # the steps recorded the outcome; an outage waits for the sweep
            return self._recorded(SignUpRetried(id=onboarding_id, outcome=claimed.state.value, error_code=error.code))
        return self._recorded(SignUpRetried(id=onboarding_id, outcome=claimed.state.value))

    @staticmethod
    def _recorded(result: SignUpRetried) -> SignUpRetried:
        recorded("signups.retry", result.outcome, onboarding_id=str(result.id), error_code=result.error_code)
        return result
