"""The record of one customer's journey into the portal (sign-up or linking), step by step.

Each step that touches another system is a recovery point: a crash leaves the record in the state of the last
completed step, and the worker resumes from there. Only definite failures end it; outages just pause it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.identity.contact_details import JapaneseAddress, PersonName, PhoneNumber
from domain.identity.customer_number import CustomerNumber
from domain.identity.email import EmailAddress
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId


class OnboardingKind(StrEnum):
    SIGN_UP = "sign_up"  # new billing client created by us
    LINK = "link"  # existing billing client proved by its WHMCS login


class OnboardingState(StrEnum):
    RESERVED = "reserved"  # email and customer number held; nothing created anywhere yet (or unknown)
    BILLING_CREATED = "billing_created"  # the WHMCS client exists
    USER_CREATED = "user_created"  # the portal user and link exist: the customer can log in
    COMPENSATING = "compensating"  # refused after the WHMCS client existed; making it Inactive
    COMPLETED = "completed"  # the CRM account says portal-active
    FAILED = "failed"  # refused before anything needed undoing
    COMPENSATED = "compensated"  # refused after the WHMCS client existed; it was made Inactive
    NEEDS_ATTENTION = "needs_attention"  # retries exhausted: an operator must look

    @property
    def is_final(self) -> bool:
        return self in {self.COMPLETED, self.FAILED, self.COMPENSATED, self.NEEDS_ATTENTION}


@dataclass(frozen=True, slots=True)
class CustomerProfile:
    name: PersonName
    phone: PhoneNumber
    address: JapaneseAddress


@dataclass(slots=True)
class Onboarding:
    id: UUID
    kind: OnboardingKind
    email: EmailAddress
    customer_number: CustomerNumber
    sf_account_id: SalesforceId
    sf_contact_id: SalesforceId | None
    password_hash: str
    profile: CustomerProfile | None  # sign-up only: what the WHMCS client is created from
    state: OnboardingState
    created_at: datetime
    updated_at: datetime
    whmcs_client_id: WhmcsClientId | None = None
    user_id: UUID | None = None
    billing_attempted: bool = False  # AddClient was sent at least once: an existing client may be ours
    attempts: int = 0
    last_error: str | None = None
    history: list[str] = field(default_factory=list)

    def advance(self, state: OnboardingState, now: datetime) -> None:
        self.history.append(f"{now.isoformat()} {self.state.value}->{state.value}")
        self.state = state
        self.updated_at = now

    def reopen(self, now: datetime) -> bool:
        """An operator takes one that exhausted its retries back to where it stopped, with a fresh count of
        attempts; False (nothing changed) for any other."""
        if self.state is not OnboardingState.NEEDS_ATTENTION:
            return False
        arrival = next((h for h in reversed(self.history) if h.endswith(f"->{self.state.value}")), None)
        before = arrival.rsplit(" ", 1)[-1].split("->")[0] if arrival else OnboardingState.RESERVED.value
        self.advance(OnboardingState(before), now)
        self.attempts = 0
        return True
