from __future__ import annotations

from typing import ClassVar

import msgspec

from application.capacity import HASHING
from application.errors import Raises
from application.identity.account_lookup import CustomerNumberLookup
from application.identity.attempts import AttemptGuard
from application.identity.conflicts import EmailAlreadyRegisteredError
from application.identity.contact_form import ContactForm
from application.identity.errors import AccountAlreadyExistsError, SignUpInProgressError, UnknownCustomerNumberError
from application.identity.onboarding_steps import OnboardingSteps
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.password_hasher import PasswordHasher
from application.ports.unit_of_work import UnitOfWork
from domain.errors import InvalidCustomerNumberError, InvalidEmailError
from domain.identity.contact_details import InvalidContactDetailsError
from domain.identity.customer_number import CustomerNumber
from domain.identity.email import EmailAddress
from domain.identity.onboarding import CustomerProfile, Onboarding, OnboardingKind
from domain.identity.password_policy import WeakPasswordError, check_password
from domain.identity.salesforce_id import SalesforceId


class SignUpCommand(msgspec.Struct, frozen=True, kw_only=True):
    email: str
    password: str
    contact: ContactForm
    customer_number: str
    client_ip: str


class SignUp:
    """A new portal customer: CRM account verified, WHMCS client created, portal user stored, CRM updated."""

    raises: ClassVar[Raises] = (
        AccountAlreadyExistsError, SignUpInProgressError, UnknownCustomerNumberError, EmailAlreadyRegisteredError,
        InvalidEmailError, InvalidCustomerNumberError, WeakPasswordError, InvalidContactDetailsError,
        *AttemptGuard.raises, *OnboardingSteps.raises, *HASHING,
    )  # fmt: skip

    def __init__(
        self,
        uow: UnitOfWork,
        lookup: CustomerNumberLookup,
        steps: OnboardingSteps,
        hasher: PasswordHasher,
        sessions: SessionManager,
        attempts: AttemptGuard,
    ) -> None:
        self._uow = uow
        self._lookup = lookup
        self._steps = steps
        self._hasher = hasher
        self._sessions = sessions
        self._attempts = attempts

    async def execute(self, command: SignUpCommand) -> ActiveSession:
        # Every try counts (customer numbers must not be enumerable), except one an outage interrupted.
        async with self._attempts.attempt(
            "signup", client_ip=command.client_ip, email=command.email, success_counts=True
        ):
            return await self._sign_up(command)

    async def _sign_up(self, command: SignUpCommand) -> ActiveSession:
        email = EmailAddress.parse(command.email)
        number = CustomerNumber.parse(command.customer_number)
        check_password(command.password, email=email.value)
        profile = command.contact.checked()
        onboarding = await self._resume(email, number, command.password) or await self._reserve(
            email, number, command.password, profile
        )
        onboarding = await self._steps.run(onboarding)
        assert onboarding.user_id is not None
        return await self._sessions.start(onboarding.user_id)

    async def _resume(self, email: EmailAddress, number: CustomerNumber, password: str) -> Onboarding | None:
        """The same customer submitting again after an outage continues where the first attempt stopped."""
        unfinished = await self._uow.onboardings.find_unfinished(email, number)
        await self._uow.rollback()  # no connection held while hashing or calling the CRM
        if unfinished is None:
            return None
        same_customer = (
            unfinished.kind is OnboardingKind.SIGN_UP
            and unfinished.email == email
            and unfinished.customer_number == number
            and await self._hasher.verify(unfinished.password_hash, password)
        )
        if not same_customer:
            raise SignUpInProgressError()
        return unfinished

    async def _reserve(
        self, email: EmailAddress, number: CustomerNumber, password: str, profile: CustomerProfile
    ) -> Onboarding:
        account = await self._lookup.find(number)
        if account is None:
            raise UnknownCustomerNumberError()
        account_id = SalesforceId.parse(account.id)
        if (
            account.whmcs_client_id is not None
            or account.portal_status == "Active"
            or await self._uow.links.get_by_sf_account(account_id) is not None
        ):
            raise AccountAlreadyExistsError()
        if await self._uow.users.get_by_email(email) is not None:
            raise EmailAlreadyRegisteredError()
        # Reads over, before the slow hash: the insert in `begin` decides any race for the email or the number.
        await self._uow.rollback()
        password_hash = await self._hasher.hash(password)
        return await self._steps.begin(
            OnboardingKind.SIGN_UP,
            email=email,
            number=number,
            account=account,
            password_hash=password_hash,
            profile=profile,
        )
