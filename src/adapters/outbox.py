"""What the sandbox notifiers record instead of sending email."""

from __future__ import annotations

from datetime import datetime

import msgspec


class OutboxMessage(msgspec.Struct, frozen=True, kw_only=True):
    to: str
    kind: str
    subject: str
    body: str
    link: str
    sent_at: datetime

    @classmethod
    def password_reset(cls, email: str, url: str, minutes: int, now: datetime) -> OutboxMessage:
        return cls(
            to=email,
            kind="password_reset",
            subject="Reset your Sakura Hikari portal password",
            body=f"Open this link within {minutes} minutes to choose a new password: {url}\n"
            "If you did not ask for this, ignore this message; your password is unchanged.",
            link=url,
            sent_at=now,
        )
