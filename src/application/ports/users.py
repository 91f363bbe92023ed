from __future__ import annotations

from typing import Protocol
from uuid import UUID

from domain.identity.email import EmailAddress
from domain.identity.user import User


class UserRepository(Protocol):
    async def add(self, user: User) -> None:
        """Stage a new user; raises `EmailAlreadyRegisteredError` if the email (any case) is taken."""
        ...

    async def get(self, user_id: UUID) -> User | None: ...

    async def get_by_email(self, email: EmailAddress) -> User | None: ...

    async def update(self, user: User) -> None:
        """Persist changed password hash / status; raises `NotFoundError` for an unknown id."""
        ...
