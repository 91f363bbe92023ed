from __future__ import annotations

import logging

from application.errors import ApplicationError
from application.identity.onboarding_steps import LEASE_SECONDS, OnboardingSteps
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWork
from domain.identity.onboarding import OnboardingState

log = logging.getLogger(__name__)
IDLE_SECONDS = 60  # leave fresh records to the request that is still working on them
MAX_ATTEMPTS = 30  # with the worker's one-minute sweep: about half an hour before an operator is asked


class ResumeOnboardings:
    """The worker's sweep: every sign-up or link left half-done by a crash or an outage is taken forward."""

    def __init__(self, uow: UnitOfWork, steps: OnboardingSteps, clock: Clock) -> None:
        self._uow = uow
        self._steps = steps
        self._clock = clock

    async def execute(self, *, limit: int = 50) -> int:
        resumed = 0
        for _ in range(limit):
            onboarding = await self._uow.onboardings.claim_stalled(
                now=self._clock.now(), idle_seconds=IDLE_SECONDS, lease_seconds=LEASE_SECONDS
            )
            await self._uow.commit()
            if onboarding is None:
                break
            resumed += 1
            if onboarding.attempts > MAX_ATTEMPTS:
                onboarding.advance(OnboardingState.NEEDS_ATTENTION, self._clock.now())
                await self._uow.onboardings.save(onboarding)
                await self._uow.commit()
                log.error("onboarding_needs_attention", extra={"onboarding_id": str(onboarding.id)})
                continue
            try:
                await self._steps.run(onboarding)
            except ApplicationError as error:
                # The outcome is recorded by the steps; an outage just waits for the next sweep.
                log.warning(
                    "onboarding_resume_stopped", extra={"onboarding_id": str(onboarding.id), "code": error.code}
                )
        return resumed
