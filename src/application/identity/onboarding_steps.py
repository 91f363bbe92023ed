"""The steps of a sign-up or link after the request is validated, each one a recovery point.

RESERVED → (WHMCS AddClient) → BILLING_CREATED → (portal user + link, one transaction) → USER_CREATED →
(CRM account marked portal-active) → COMPLETED. The same code runs in the request and, after a crash or an
outage, in the worker; every step first checks whether it already happened.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import ClassVar

from application.errors import (
    UPSTREAM_OUTAGES,
    ConflictError,
    InvalidInputError,
    Raises,
    UpstreamConfigurationError,
    UpstreamUnavailableError,
)
from application.identity.billing_client import new_billing_client
from application.identity.conflicts import AccountAlreadyLinkedError, EmailAlreadyRegisteredError
from application.identity.errors import BillingAccountExistsError, OnboardingFailedError
from application.ports.billing.clients import BillingClients, ClientUpdate
from application.ports.clock import Clock
from application.ports.crm_models import CustomerAccount, PortalSource
from application.ports.customer_accounts import CustomerAccounts
from application.ports.unit_of_work import UnitOfWork
from domain.identity.account_link import AccountLink
from domain.identity.customer_number import CustomerNumber
from domain.identity.email import EmailAddress
from domain.identity.onboarding import CustomerProfile, Onboarding, OnboardingKind, OnboardingState
from domain.identity.salesforce_id import SalesforceId
from domain.identity.user import User, UserStatus
from domain.identity.whmcs_client_id import WhmcsClientId

log = logging.getLogger(__name__)
LEASE_SECONDS = 120


class OnboardingSteps:
    raises: ClassVar[Raises] = (
        BillingAccountExistsError,
        OnboardingFailedError,
        AccountAlreadyLinkedError,
        EmailAlreadyRegisteredError,
        *UPSTREAM_OUTAGES,
    )

    def __init__(self, uow: UnitOfWork, clients: BillingClients, accounts: CustomerAccounts, clock: Clock) -> None:
        self._uow = uow
        self._clients = clients
        self._accounts = accounts
        self._clock = clock

    async def begin(
        self,
        kind: OnboardingKind,
        *,
        email: EmailAddress,
        number: CustomerNumber,
        account: CustomerAccount,
        password_hash: str,
        profile: CustomerProfile | None = None,
        whmcs_client_id: WhmcsClientId | None = None,
    ) -> Onboarding:
        """Record a new onboarding, holding its email and customer number (the race for them is decided here).
        A link starts with its billing client known; a sign-up must create one."""
        now = self._clock.now()
        onboarding = Onboarding(
            id=uuid.uuid4(),
            kind=kind,
            email=email,
            customer_number=number,
            sf_account_id=SalesforceId.parse(account.id),
            sf_contact_id=SalesforceId.parse(account.primary_contact_id) if account.primary_contact_id else None,
            password_hash=password_hash,
            profile=profile,
            state=OnboardingState.RESERVED if whmcs_client_id is None else OnboardingState.BILLING_CREATED,
            whmcs_client_id=whmcs_client_id,
            created_at=now,
            updated_at=now,
        )
        await self._uow.onboardings.add(onboarding, lease_until=now + timedelta(seconds=LEASE_SECONDS))
        await self._uow.commit()
        return onboarding

    async def run(self, onboarding: Onboarding) -> Onboarding:
        """Advance as far as the systems allow. Definite refusals raise after recording the outcome; an outage
        before the user exists raises too (the customer retries, or the worker resumes); after, it is left to
        the worker, because the customer can already log in."""
        if onboarding.state is OnboardingState.RESERVED:
            await self._create_billing_client(onboarding)
        if onboarding.state is OnboardingState.BILLING_CREATED:
            await self._create_user(onboarding)
        if onboarding.state is OnboardingState.COMPENSATING:
            await self._compensate(onboarding)
        if onboarding.state is OnboardingState.USER_CREATED:
            await self._mark_crm_account_active(onboarding)
        await self._save(onboarding, leased=False)
        return onboarding

    async def _create_billing_client(self, onboarding: Onboarding) -> None:
        existing = await self._clients.find_client_by_email(onboarding.email.value)
        if existing is not None:
            ours = onboarding.billing_attempted and existing.customer_number == onboarding.customer_number.value
            if not ours:
                await self._fail(onboarding, OnboardingState.FAILED, BillingAccountExistsError.code)
                raise BillingAccountExistsError()
            client_id = existing.id
        else:
            # Recorded before the call: from now on a client with this email may be ours (unknown outcome).
            onboarding.billing_attempted = True
            await self._save(onboarding)
            try:
                client_id = await self._clients.add_client(new_billing_client(onboarding))
            except ConflictError:
                await self._fail(onboarding, OnboardingState.FAILED, BillingAccountExistsError.code)
                raise BillingAccountExistsError() from None
            except InvalidInputError as error:
                await self._fail(onboarding, OnboardingState.FAILED, error.message)
                raise
        onboarding.whmcs_client_id = WhmcsClientId(client_id)
        onboarding.advance(OnboardingState.BILLING_CREATED, self._clock.now())
        await self._save(onboarding)

    async def _create_user(self, onboarding: Onboarding) -> None:
        assert onboarding.whmcs_client_id is not None
        now = self._clock.now()
        user = User(uuid.uuid4(), onboarding.email, onboarding.password_hash, UserStatus.ACTIVE, now, now)
        link = AccountLink(user.id, onboarding.whmcs_client_id, onboarding.sf_account_id, onboarding.sf_contact_id, now)
        try:
            await self._uow.users.add(user)
            await self._uow.links.add(link)
        except (EmailAlreadyRegisteredError, AccountAlreadyLinkedError) as error:
            # Someone got there first between our checks and now: a definite failure after the billing step.
            await self._uow.rollback()
            onboarding.last_error = error.code
            if onboarding.kind is OnboardingKind.SIGN_UP:
                onboarding.advance(OnboardingState.COMPENSATING, now)
                await self._save(onboarding, leased=False)
                try:
                    await self._compensate(onboarding)
                except (UpstreamUnavailableError, UpstreamConfigurationError):
                    log.warning("onboarding_compensation_deferred", extra={"onboarding_id": str(onboarding.id)})
            else:
                await self._fail(onboarding, OnboardingState.FAILED, error.code)
            raise OnboardingFailedError() from error
        onboarding.user_id = user.id
        onboarding.advance(OnboardingState.USER_CREATED, now)
        await self._save(onboarding)  # same transaction as the user and link: the pivot

    async def _compensate(self, onboarding: Onboarding) -> None:
        assert onboarding.whmcs_client_id is not None
        await self._clients.update_client(onboarding.whmcs_client_id.value, ClientUpdate(status="Inactive"))
        onboarding.advance(OnboardingState.COMPENSATED, self._clock.now())
        await self._save(onboarding)
        log.warning("onboarding_compensated", extra={"onboarding_id": str(onboarding.id)})

    async def _mark_crm_account_active(self, onboarding: Onboarding) -> None:
        assert onboarding.whmcs_client_id is not None
        source: PortalSource = "New Signup" if onboarding.kind is OnboardingKind.SIGN_UP else "Migrated"
        try:
            await self._accounts.update_portal_link(
                onboarding.sf_account_id.value,
                status="Active",
                source=source,
                whmcs_client_id=onboarding.whmcs_client_id.value,
            )
        except (UpstreamUnavailableError, UpstreamConfigurationError) as error:
            onboarding.last_error = f"crm update: {error.code}"
            log.warning("onboarding_crm_update_deferred", extra={"onboarding_id": str(onboarding.id)})
            return
        onboarding.last_error = None
        onboarding.advance(OnboardingState.COMPLETED, self._clock.now())
        await self._save(onboarding)

    async def _fail(self, onboarding: Onboarding, state: OnboardingState, reason: str) -> None:
        onboarding.last_error = reason
        onboarding.advance(state, self._clock.now())
        await self._save(onboarding, leased=False)

    async def _save(self, onboarding: Onboarding, *, leased: bool = True) -> None:
        lease = self._clock.now() + timedelta(seconds=LEASE_SECONDS) if leased else None
        await self._uow.onboardings.save(onboarding, lease_until=lease)
        await self._uow.commit()
