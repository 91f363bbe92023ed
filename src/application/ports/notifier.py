from __future__ import annotations

from typing import Protocol


class Notifier(Protocol):
    """Messages to customers (email in production)."""

    async def send_password_reset(self, email: str, *, reset_url: str, expires_in_minutes: int) -> None: ...
