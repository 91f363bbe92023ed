"""In-memory twin of the portal database: same visibility rules as Postgres (nothing seen until commit) and the
same uniqueness rules, so the repository contract suite passes against both."""

from __future__ import annotations

import dataclasses
from uuid import UUID

from adapters.memory.identity_state import InMemoryIdentityStore, Staged
from adapters.memory.onboardings import InMemoryOnboardingRepository
from application.errors import NotFoundError
from application.identity.conflicts import AccountAlreadyLinkedError, EmailAlreadyRegisteredError
from domain.identity.account_link import AccountLink
from domain.identity.email import EmailAddress
from domain.identity.salesforce_id import SalesforceId
from domain.identity.user import User
from domain.identity.whmcs_client_id import WhmcsClientId


class InMemoryUserRepository:
    def __init__(self, staged: Staged) -> None:
        self._staged = staged

    async def add(self, user: User) -> None:
        taken = self._staged.all_users()
        if user.id in taken or any(u.email == user.email for u in taken.values()):
            raise EmailAlreadyRegisteredError()
        self._staged.users[user.id] = dataclasses.replace(user)

    async def get(self, user_id: UUID) -> User | None:
        user = self._staged.all_users().get(user_id)
        return dataclasses.replace(user) if user else None

    async def get_by_email(self, email: EmailAddress) -> User | None:
        found = next((u for u in self._staged.all_users().values() if u.email == email), None)
        return dataclasses.replace(found) if found else None

    async def update(self, user: User) -> None:
        if user.id not in self._staged.all_users():
            raise NotFoundError("No such user.")
        self._staged.users[user.id] = dataclasses.replace(user)


class InMemoryAccountLinkRepository:
    def __init__(self, staged: Staged) -> None:
        self._staged = staged

    async def add(self, link: AccountLink) -> None:
        for existing in self._staged.all_links().values():
            if (
                existing.user_id == link.user_id
                or existing.whmcs_client_id == link.whmcs_client_id
                or existing.sf_account_id == link.sf_account_id
                or (link.sf_contact_id is not None and existing.sf_contact_id == link.sf_contact_id)
            ):
                raise AccountAlreadyLinkedError()
        self._staged.links[link.user_id] = link

    async def get_for_user(self, user_id: UUID) -> AccountLink | None:
        return self._staged.all_links().get(user_id)

    async def get_by_whmcs_client(self, client_id: WhmcsClientId) -> AccountLink | None:
        return next((x for x in self._staged.all_links().values() if x.whmcs_client_id == client_id), None)

    async def get_by_sf_account(self, account_id: SalesforceId) -> AccountLink | None:
        return next((x for x in self._staged.all_links().values() if x.sf_account_id == account_id), None)


class InMemoryUnitOfWork:
    def __init__(self, store: InMemoryIdentityStore) -> None:
        self._store = store
        self._staged = Staged(store)
        self.users = InMemoryUserRepository(self._staged)
        self.links = InMemoryAccountLinkRepository(self._staged)
        self.onboardings = InMemoryOnboardingRepository(self._staged)

    async def commit(self) -> None:
        async with self._store.lock:
            # Re-check uniqueness against what other units of work committed meanwhile, as Postgres would.
            fresh = Staged(self._store)
            for user in self._staged.users.values():
                if user.id not in self._store.users:
                    await InMemoryUserRepository(fresh).add(user)
            for link in self._staged.links.values():
                await InMemoryAccountLinkRepository(fresh).add(link)
            for onboarding, lease in self._staged.onboardings.values():
                if onboarding.id not in self._store.onboardings:
                    await InMemoryOnboardingRepository(fresh).add(
                        onboarding, lease_until=lease or onboarding.created_at
                    )
            self._store.users.update(self._staged.users)
            self._store.links.update(self._staged.links)
            self._store.onboardings.update(self._staged.onboardings)
        await self.rollback()

    async def rollback(self) -> None:
        self._staged.users.clear()
        self._staged.links.clear()
        self._staged.onboardings.clear()


__all__ = [  # the store's state lives in identity_state; it is imported from here as the twin's one entry point
    "InMemoryAccountLinkRepository",
    "InMemoryIdentityStore",
    "InMemoryUnitOfWork",
    "InMemoryUserRepository",
]
