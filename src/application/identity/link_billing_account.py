from __future__ import annotations

from typing import ClassVar

import msgspec

from application.capacity import HASHING
from application.errors import Raises
from application.identity.account_lookup import CustomerNumberLookup
from application.identity.attempts import AttemptGuard
from application.identity.conflicts import EmailAlreadyRegisteredError
from application.identity.errors import (
    AccountAlreadyExistsError,
    InvalidCredentialsError,
    LinkingNotPossibleError,
    SignUpInProgressError,
    TwoFactorLinkingError,
)
from application.identity.onboarding_steps import OnboardingSteps
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.billing.clients import BillingClients
from application.ports.billing.logins import BillingLogins
from application.ports.password_hasher import PasswordHasher
from application.ports.unit_of_work import UnitOfWork
from domain.errors import DomainError
from domain.identity.customer_number import CustomerNumber
from domain.identity.email import EmailAddress
from domain.identity.onboarding import Onboarding, OnboardingKind
from domain.identity.password_policy import WeakPasswordError, check_password
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId


class LinkBillingAccountCommand(msgspec.Struct, frozen=True, kw_only=True):
    email: str  # the customer's WHMCS login
    password: str  # their WHMCS password: checked once by WHMCS, never stored
    new_password: str  # their new portal password
    client_ip: str


class LinkBillingAccount:
    """An existing WHMCS customer proves their billing login and becomes a portal user (source "Migrated")."""

    raises: ClassVar[Raises] = (
        InvalidCredentialsError, TwoFactorLinkingError, LinkingNotPossibleError, AccountAlreadyExistsError,
        SignUpInProgressError, EmailAlreadyRegisteredError, WeakPasswordError,
        *AttemptGuard.raises, *OnboardingSteps.raises, *HASHING,
    )  # fmt: skip

    def __init__(
        self,
        uow: UnitOfWork,
        logins: BillingLogins,
        clients: BillingClients,
        lookup: CustomerNumberLookup,
        steps: OnboardingSteps,
        hasher: PasswordHasher,
        sessions: SessionManager,
        attempts: AttemptGuard,
    ) -> None:
        self._uow = uow
        self._logins = logins
        self._clients = clients
        self._lookup = lookup
        self._steps = steps
        self._hasher = hasher
        self._sessions = sessions
        self._attempts = attempts

    async def execute(self, command: LinkBillingAccountCommand) -> ActiveSession:
        # Every try counts (each checks a WHMCS password), except one an outage interrupted.
        async with self._attempts.attempt(
            "link", client_ip=command.client_ip, email=command.email, success_counts=True
        ):
            return await self._link(command)

    async def _link(self, command: LinkBillingAccountCommand) -> ActiveSession:
        login = await self._logins.validate_login(command.email, command.password)
        if login is None:
            raise InvalidCredentialsError("The billing account email or password is incorrect.")
        if login.two_factor_enabled:
            raise TwoFactorLinkingError()
        client = await self._clients.get_client(login.client_id)
        try:
            number = CustomerNumber.parse(client.customer_number or "")
            email = EmailAddress.parse(client.email)
        except DomainError as error:
            raise LinkingNotPossibleError() from error
        check_password(command.new_password, email=email.value)
        client_id = WhmcsClientId(client.id)
        if await self._uow.links.get_by_whmcs_client(client_id) is not None:
            raise AccountAlreadyExistsError("This billing account is already linked: log in instead.")
        onboarding = await self._uow.onboardings.find_unfinished(email, number)
        await self._uow.rollback()  # no connection held while hashing or calling the CRM
        if onboarding is not None and not (
            onboarding.kind is OnboardingKind.LINK and onboarding.whmcs_client_id == client_id
        ):
            raise SignUpInProgressError()
        if onboarding is None:
            onboarding = await self._reserve(email, number, client_id, command.new_password)
        else:
            onboarding.password_hash = await self._hasher.hash(command.new_password)
        onboarding = await self._steps.run(onboarding)
        assert onboarding.user_id is not None
        return await self._sessions.start(onboarding.user_id)

    async def _reserve(
        self, email: EmailAddress, number: CustomerNumber, client_id: WhmcsClientId, new_password: str
    ) -> Onboarding:
        account = await self._lookup.find(number)
        if account is None or account.whmcs_client_id not in {None, client_id.value}:
            raise LinkingNotPossibleError()
        account_id = SalesforceId.parse(account.id)
        if await self._uow.links.get_by_sf_account(account_id) is not None:
            raise AccountAlreadyExistsError()
        if await self._uow.users.get_by_email(email) is not None:
            raise EmailAlreadyRegisteredError("A portal login already uses this email: log in instead.")
        await self._uow.rollback()  # reads over, before the slow hash; the insert in `begin` decides any race
        password_hash = await self._hasher.hash(new_password)
        return await self._steps.begin(
            OnboardingKind.LINK,
            email=email,
            number=number,
            account=account,
            password_hash=password_hash,
            whmcs_client_id=client_id,
        )
