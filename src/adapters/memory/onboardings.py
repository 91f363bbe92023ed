"""In-memory `OnboardingRepository`, part of the identity store twin (`adapters.memory.identity_store`)."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from uuid import UUID

from adapters.memory.identity_state import Staged
from application.errors import NotFoundError
from application.identity.errors import SignUpInProgressError
from domain.identity.customer_number import CustomerNumber
from domain.identity.email import EmailAddress
from domain.identity.onboarding import Onboarding, OnboardingState


class InMemoryOnboardingRepository:
    def __init__(self, staged: Staged) -> None:
        self._staged = staged

    async def add(self, onboarding: Onboarding, *, lease_until: datetime) -> None:
        for existing, _ in self._staged.all_onboardings().values():
            if not existing.state.is_final and (
                existing.email == onboarding.email or existing.customer_number == onboarding.customer_number
            ):
                raise SignUpInProgressError()
        self._staged.onboardings[onboarding.id] = (copy.deepcopy(onboarding), lease_until)

    async def save(self, onboarding: Onboarding, *, lease_until: datetime | None = None) -> None:
        if onboarding.id not in self._staged.all_onboardings():
            raise NotFoundError("No such onboarding.")
        self._staged.onboardings[onboarding.id] = (copy.deepcopy(onboarding), lease_until)

    async def get(self, onboarding_id: UUID) -> Onboarding | None:
        entry = self._staged.all_onboardings().get(onboarding_id)
        return copy.deepcopy(entry[0]) if entry else None

    async def find_unfinished(self, email: EmailAddress, customer_number: CustomerNumber) -> Onboarding | None:
        for onboarding, _ in self._staged.all_onboardings().values():
            if not onboarding.state.is_final and (
                onboarding.email == email or onboarding.customer_number == customer_number
            ):
                return copy.deepcopy(onboarding)
        return None

    async def claim_stalled(self, *, now: datetime, idle_seconds: int, lease_seconds: int) -> Onboarding | None:
        stalled = sorted(
            (
                onboarding
                for onboarding, lease in self._staged.all_onboardings().values()
                if not onboarding.state.is_final
                and onboarding.updated_at <= now - timedelta(seconds=idle_seconds)
                and (lease is None or lease <= now)
            ),
            key=lambda o: o.updated_at,
        )
        if not stalled:
            return None
        claimed = copy.deepcopy(stalled[0])
        claimed.attempts += 1
        self._staged.onboardings[claimed.id] = (copy.deepcopy(claimed), now + timedelta(seconds=lease_seconds))
        return claimed

    async def stuck(self, *, idle_since: datetime, limit: int = 100) -> tuple[Onboarding, ...]:
        found = [
            copy.deepcopy(onboarding)
            for onboarding, _ in self._staged.all_onboardings().values()
            if onboarding.state is OnboardingState.NEEDS_ATTENTION
            or (not onboarding.state.is_final and onboarding.updated_at <= idle_since)
        ]
        return tuple(sorted(found, key=lambda o: o.updated_at)[:limit])

    async def claim(self, onboarding_id: UUID, *, now: datetime, lease_seconds: int) -> Onboarding | None:
        entry = self._staged.all_onboardings().get(onboarding_id)
        if entry is None or entry[0].state.is_final or (entry[1] is not None and entry[1] > now):
            return None
        claimed = copy.deepcopy(entry[0])
        claimed.attempts += 1
        self._staged.onboardings[claimed.id] = (copy.deepcopy(claimed), now + timedelta(seconds=lease_seconds))
        return claimed
