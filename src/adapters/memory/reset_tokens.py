from __future__ import annotations

import secrets
from uuid import UUID

from application.ports.clock import Clock


class InMemoryResetTokenStore:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._tokens: dict[str, tuple[UUID, float]] = {}

    async def issue(self, user_id: UUID, *, ttl_seconds: int) -> str:
        for token, (owner, _) in list(self._tokens.items()):
            if owner == user_id:
                del self._tokens[token]
        token = secrets.token_urlsafe(32)
        self._tokens[token] = (user_id, self._clock.monotonic() + ttl_seconds)
        return token

    async def consume(self, token: str) -> UUID | None:
        entry = self._tokens.pop(token, None)
        if entry is None or entry[1] <= self._clock.monotonic():
            return None
        return entry[0]
