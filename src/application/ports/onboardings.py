from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.identity.customer_number import CustomerNumber
from domain.identity.email import EmailAddress
from domain.identity.onboarding import Onboarding


class OnboardingRepository(Protocol):
    async def add(self, onboarding: Onboarding, *, lease_until: datetime) -> None:
        """Stage a new record holding its email and customer number; `SignUpInProgressError` if either is held
        by another unfinished one."""
        ...

    async def save(self, onboarding: Onboarding, *, lease_until: datetime | None = None) -> None: ...

    async def get(self, onboarding_id: UUID) -> Onboarding | None: ...

    async def find_unfinished(self, email: EmailAddress, customer_number: CustomerNumber) -> Onboarding | None: ...

    async def stuck(self, *, idle_since: datetime, limit: int = 100) -> tuple[Onboarding, ...]:
        """Unfinished ones untouched since `idle_since`, and every one waiting for an operator, oldest first."""
        ...

    async def claim(self, onboarding_id: UUID, *, now: datetime, lease_seconds: int) -> Onboarding | None:
        """This unfinished record, leased to the caller; None when it is finished or someone holds its lease."""
        ...

    async def claim_stalled(self, *, now: datetime, idle_seconds: int, lease_seconds: int) -> Onboarding | None:
        """One unfinished record idle for `idle_seconds` and not leased, leased to the caller (skip-locked)."""
        ...
