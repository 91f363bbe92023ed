"""Mail to customers: written to an outbox once per event, delivered by the worker, over SMTP in production.

The outbox is what makes "never twice for one event" hold: a mail is keyed by the event it tells of (a code sent,
a reset asked for, a verification decided), a second `add` with the same key changes nothing, and delivery marks
it sent. Delivery retries outages only; a refusal by the mail server is final.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class MailTemplate(StrEnum):
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a template name
    EMAIL_CODE = "email_code"
    AVAILABILITY_REQUESTED = "availability_requested"
    VERIFICATION_RESULT = "verification_result"
    CANCELLATION_SCHEDULED = "cancellation_scheduled"
    CANCELLATION_WITHDRAWN = "cancellation_withdrawn"


@dataclass(frozen=True, slots=True, kw_only=True)
class Mail:
    """`event_key` names the event the mail tells of (at most 200 characters); `values` fill the template."""

    event_key: str
    to: str
    template: MailTemplate
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboxEntry:
    mail: Mail
    created_at: datetime
    sent_at: datetime | None
    refused: str | None  # why the mail server refused it for good

    @property
    def settled(self) -> bool:
        return self.sent_at is not None or self.refused is not None


class MailRefusedError(Exception):
    """The mail server refused this message for good (unknown mailbox, policy): retrying cannot help. Only the
    worker meets it; no customer's request waits for a mail to be delivered."""


class MailOutbox(Protocol):
    async def add(self, mail: Mail, *, now: datetime) -> bool:
        """Keep the mail unless one with its event key exists; True when it is new."""
        ...

    async def get(self, event_key: str) -> OutboxEntry | None: ...

    async def mark_sent(self, event_key: str, *, now: datetime) -> None:
        """Sent: its values (codes, links) are dropped, only the fact is kept."""
        ...

    async def mark_refused(self, event_key: str, reason: str, *, now: datetime) -> None: ...

    async def unsettled(self, *, created_after: datetime, created_before: datetime, limit: int) -> list[str]:
        """Event keys of mail neither sent nor refused, created in that window, oldest first."""
        ...

    async def purge(self, *, created_before: datetime) -> int: ...


class MailQueue(Protocol):
    async def enqueue(self, event_key: str) -> None:
        """Ask the worker to deliver it (once: a delivery already waiting is not queued again)."""
        ...


class MailTransport(Protocol):
    async def send(self, mail: Mail) -> None:
        """Render and hand the message to the mail server. Raises `UpstreamUnavailableError` when it may work
        later and `MailRefusedError` when it never will."""
        ...
