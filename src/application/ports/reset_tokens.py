from __future__ import annotations

from typing import Protocol
from uuid import UUID


class ResetTokenStore(Protocol):
    async def issue(self, user_id: UUID, *, ttl_seconds: int) -> str:
        """A new single-use token; stores keep only its hash. Earlier tokens of the user stop working."""
        ...

    async def consume(self, token: str) -> UUID | None:
        """The user the token was issued to, once; None when unknown, used or expired."""
        ...
