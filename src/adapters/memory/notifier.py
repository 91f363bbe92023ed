from __future__ import annotations

from adapters.outbox import OutboxMessage
from application.ports.clock import Clock


class InMemoryNotifier:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self.sent: list[OutboxMessage] = []

    async def send_password_reset(self, email: str, *, reset_url: str, expires_in_minutes: int) -> None:
        self.sent.insert(0, OutboxMessage.password_reset(email, reset_url, expires_in_minutes, self._clock.now()))

    async def messages(self) -> list[OutboxMessage]:
        return list(self.sent)
