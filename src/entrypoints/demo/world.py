"""The demo's ready-made portal logins (../shared/DEMO-WORLD.md: the customers who are "linked").

Their billing clients and CRM accounts live in the emulators' seeds; here are only the portal side and the
passwords, which the demo prints. Seeding is idempotent and runs inside the API process (so it also works when
the stores are in memory).
"""

from __future__ import annotations

import logging
import uuid

import msgspec
from dishka import AsyncContainer

from application.errors import ApplicationError
from application.identity.conflicts import AccountAlreadyLinkedError, EmailAlreadyRegisteredError
from application.ports.clock import Clock
from application.ports.customer_accounts import CustomerAccounts
from application.ports.password_hasher import PasswordHasher
from application.ports.unit_of_work import UnitOfWork
from domain.identity.account_link import AccountLink
from domain.identity.email import EmailAddress
from domain.identity.salesforce_id import SalesforceId
from domain.identity.user import User, UserStatus
from domain.identity.whmcs_client_id import WhmcsClientId

log = logging.getLogger(__name__)


class DemoLogin(msgspec.Struct, frozen=True):
    name: str
    email: str
    password: str
    customer_number: str
    whmcs_client_id: int
    story: str


DEMO_LOGINS = (
    DemoLogin("Hanako Tanaka", "hanako.tanaka@example.jp", "Sakura-Hanako-2026", "SH-100001", 1,
              "Home 1G + SIM, invoices in every state, a card on file, an open case"),
    DemoLogin("Daichi Kobayashi", "daichi.kobayashi@example.jp", "Sakura-Daichi-2026", "SH-100004", 4,
              "Internet eligibility requested and pending"),
    DemoLogin("Mei Watanabe", "mei.watanabe@example.jp", "Sakura-Mei-2026", "SH-100005", 5,
              "not eligible for any fibre offering"),
    DemoLogin("Sota Yamamoto", "sota.yamamoto@example.jp", "Sakura-Sota-2026", "SH-100006", 6,
              "no payment method: checkout says PAYMENT_METHOD_MISSING"),
)  # fmt: skip

OTHER_CUSTOMERS = (
    ("SH-100003", "Yuki Suzuki", "CRM account only: sign up with this customer number"),
    ("SH-100002", "Kenji Sato", "billing login kenji.sato@example.jp / Sakura-Kenji-2026: link it"),
    ("SH-100007", "Aiko Ito", "billing login aiko.ito@example.jp / Sakura-Aiko-2026 has 2FA: linking is refused"),
    ("SH-100008", "Ren Nakamura", "CRM account already linked to another billing client: sign-up refused"),
)


async def seed_demo_logins(container: AsyncContainer) -> int:
    """Create the portal user and link of each demo login that does not exist yet; the number created."""
    created = 0
    async with container() as request:
        accounts = await request.get(CustomerAccounts)
        hasher = await request.get(PasswordHasher)
        clock = await request.get(Clock)
        uow = await request.get(UnitOfWork)
        for login in DEMO_LOGINS:
            if await uow.users.get_by_email(EmailAddress.parse(login.email)) is not None:
                continue
            try:
                account = await accounts.find_by_customer_number(login.customer_number)
            except ApplicationError as error:
                log.warning("demo_seed_skipped", extra={"customer_number": login.customer_number, "code": error.code})
                continue
            if account is None:
                continue
            now = clock.now()
            user = User(uuid.uuid4(), EmailAddress.parse(login.email), await hasher.hash(login.password),
                        UserStatus.ACTIVE, now, now)  # fmt: skip
            contact = SalesforceId.parse(account.primary_contact_id) if account.primary_contact_id else None
            link = AccountLink(
                user.id, WhmcsClientId(login.whmcs_client_id), SalesforceId.parse(account.id), contact, now
            )
            try:
                await uow.users.add(user)
                await uow.links.add(link)
                await uow.commit()
                created += 1
            except (EmailAlreadyRegisteredError, AccountAlreadyLinkedError):
                await uow.rollback()  # another API worker seeded it first
    return created
