"""Sign-up and link wired on in-memory twins of all three systems, with a customer in each state."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.memory.billing_twin import InMemoryBilling
from adapters.memory.cache import InMemoryCache
from adapters.memory.crm_accounts import InMemoryCustomerAccounts
from adapters.memory.crm_data import InMemoryCrmData
from application.identity.account_lookup import CustomerNumberLookup
from application.identity.contact_form import CONTACT_FIELDS, ContactForm
from application.identity.link_billing_account import LinkBillingAccount, LinkBillingAccountCommand
from application.identity.onboarding_steps import OnboardingSteps
from application.identity.resume_onboardings import ResumeOnboardings
from application.identity.sign_up import SignUp, SignUpCommand
from application.ports.billing.clients import NewClient
from application.ports.billing.values import PostalAddress
from application.ports.crm_models import CrmAddress, CustomerAccount, InternetEligibility
from domain.identity.onboarding import Onboarding
from tests.unit.identity.conftest import IdentityWorld

FRESH_ACCOUNT = "001MEM000000003YBA"  # SH-100003: CRM account only, ready for sign-up
LINKABLE_ACCOUNT = "001MEM000000002YBA"  # SH-100002: WHMCS client without a portal user
PASSWORD = "correct horse battery"


def account(account_id: str, number: str, name: str, whmcs_client_id: int | None = None) -> CustomerAccount:
    return CustomerAccount(
        id=account_id,
        customer_number=number,
        name=name,
        portal_status="Not Yet",
        portal_source=None,
        whmcs_client_id=whmcs_client_id,
        id_verification=None,
        billing_address=CrmAddress(),
        primary_contact_id=None,
    )


@dataclass
class OnboardingWorld(IdentityWorld):
    crm: InMemoryCrmData = field(default_factory=InMemoryCrmData)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.billing = InMemoryBilling.empty(clock=self.clock)
        self.accounts = InMemoryCustomerAccounts(self.crm)
        self.cache = InMemoryCache(self.clock)
        not_checked = InternetEligibility(
            account_id="", status="Not Requested", offering_type=None, checked_at=None, notes=None
        )
        self.crm.add_account(account(FRESH_ACCOUNT, "SH-100003", "Yuki Suzuki"), not_checked)

    def steps(self) -> OnboardingSteps:
        return OnboardingSteps(self.uow(), self.billing.clients, self.accounts, self.clock)

    def sign_up(self) -> SignUp:
        uow = self.uow()
        return SignUp(
            uow,
            CustomerNumberLookup(self.accounts, self.cache),
            OnboardingSteps(uow, self.billing.clients, self.accounts, self.clock),
            self.hasher,
            self.sessions,
            self.attempts,
        )

    def link(self) -> LinkBillingAccount:
        uow = self.uow()
        return LinkBillingAccount(
            uow,
            self.billing.logins,
            self.billing.clients,
            CustomerNumberLookup(self.accounts, self.cache),
            OnboardingSteps(uow, self.billing.clients, self.accounts, self.clock),
            self.hasher,
            self.sessions,
            self.attempts,
        )

    def resume(self) -> ResumeOnboardings:
        uow = self.uow()
        return ResumeOnboardings(uow, OnboardingSteps(uow, self.billing.clients, self.accounts, self.clock), self.clock)

    async def existing_billing_client(self, *, two_factor: bool = False) -> int:
        number = "SH-100002"
        self.crm.add_account(
            account(LINKABLE_ACCOUNT, number, "Kenji Sato"),
            InternetEligibility(account_id="", status="Not Requested", offering_type=None, checked_at=None, notes=None),
        )
        client_id = await self.billing.clients.add_client(
            NewClient(
                first_name="Kenji",
                last_name="Sato",
                email="kenji.sato@example.jp",
                password="Sakura-Kenji-2026",
                phone="03-1111-2222",
                address=PostalAddress(address1="1-1-1 Ebisu", city="Shibuya-ku", state="Tokyo", postcode="150-0013"),
                customer_number=number,
            )
        )
        if two_factor:
            for user in self.billing.world.users.values():
                user.two_factor = True
        return client_id

    def onboardings(self) -> list[Onboarding]:
        return [entry for entry, _ in self.store.onboardings.values()]

    def billing_clients(self) -> list[dict[str, str]]:
        return [client.values for client in self.billing.world.clients.values()]


def sign_up_command(**changes: str) -> SignUpCommand:
    values = {
        "email": "yuki.suzuki@example.jp",
        "password": PASSWORD,
        "first_name": "Yuki",
        "last_name": "Suzuki",
        "phone": "090-1234-5678",
        "postcode": "160-0022",
        "prefecture": "Tokyo",
        "city": "Shinjuku-ku",
        "street": "3-1-1 Shinjuku, Room 501",
        "customer_number": "SH-100003",
        "client_ip": "203.0.113.9",
    }
    values.update(changes)
    return SignUpCommand(contact=ContactForm(**{k: values.pop(k) for k in CONTACT_FIELDS}), **values)


def link_command(**changes: str) -> LinkBillingAccountCommand:
    values = {
        "email": "kenji.sato@example.jp",
        "password": "Sakura-Kenji-2026",
        "new_password": "a new portal passphrase",
        "client_ip": "203.0.113.9",
    }
    values.update(changes)
    return LinkBillingAccountCommand(**values)
