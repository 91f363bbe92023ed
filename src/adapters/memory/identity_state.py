"""The identity twin's state: what is committed (shared by every unit of work of one app) and what one unit of
work has staged on top of it."""

from __future__ import annotations

import asyncio
from datetime import datetime
from uuid import UUID

from domain.identity.account_link import AccountLink
from domain.identity.onboarding import Onboarding
from domain.identity.user import User


class InMemoryIdentityStore:
    """Committed state, shared by every unit of work of one app (APP scope)."""

    def __init__(self) -> None:
        self.users: dict[UUID, User] = {}
        self.links: dict[UUID, AccountLink] = {}
        self.onboardings: dict[UUID, tuple[Onboarding, datetime | None]] = {}
        self.lock = asyncio.Lock()


class Staged:
    def __init__(self, store: InMemoryIdentityStore) -> None:
        self.store = store
        self.users: dict[UUID, User] = {}
        self.links: dict[UUID, AccountLink] = {}
        self.onboardings: dict[UUID, tuple[Onboarding, datetime | None]] = {}

    def all_onboardings(self) -> dict[UUID, tuple[Onboarding, datetime | None]]:
        return {**self.store.onboardings, **self.onboardings}

    def all_users(self) -> dict[UUID, User]:
        return {**self.store.users, **self.users}

    def all_links(self) -> dict[UUID, AccountLink]:
        return {**self.store.links, **self.links}
