"""The sandbox's mail server: a real SMTP server (aiosmtpd) that keeps what it receives instead of delivering it,
so the demo, the tour and the tests read the portal's mail where a customer would get it."""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import msgspec
from aiosmtpd.smtp import SMTP, Envelope, Session

KEEP = 1000


class CaughtMail(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    id: int
    mail_from: str
    to: list[str]
    subject: str
    body: str
    message_id: str
    received_at: datetime


class MailCatcher:
    def __init__(self) -> None:
        self._messages: deque[CaughtMail] = deque(maxlen=KEEP)
        self._ids = itertools.count(1)
        self.refused: set[str] = set()  # addresses answered with 550, as a real server answers an unknown mailbox

    def messages(self, *, to: str | None = None) -> list[CaughtMail]:
        """Newest first."""
        wanted = to.lower() if to else None
        found = reversed(self._messages)
        return [m for m in found if wanted is None or wanted in (a.lower() for a in m.to)]

    def reset(self) -> None:
        self._messages.clear()
        self.refused.clear()

    def keep(self, mail_from: str, recipients: list[str], content: bytes) -> CaughtMail:
        parsed = BytesParser(policy=policy.default).parsebytes(content)
        assert isinstance(parsed, EmailMessage)
        part = parsed.get_body(preferencelist=("plain",))
        caught = CaughtMail(
            id=next(self._ids),
            mail_from=mail_from,
            to=recipients,
            subject=str(parsed.get("Subject", "")),
            body=part.get_content() if part is not None else "",
            message_id=str(parsed.get("Message-ID", "")),
            received_at=datetime.now(UTC),
        )
        self._messages.append(caught)
        return caught


class CatcherHandler:
    """aiosmtpd's handler hooks."""

    def __init__(self, catcher: MailCatcher) -> None:
        self._catcher = catcher

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address.lower() in self._catcher.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.original_content or b""
        self._catcher.keep(str(envelope.mail_from), list(envelope.rcpt_tos), content)
        return "250 Message accepted for delivery"


async def serve_smtp(catcher: MailCatcher, host: str, port: int) -> asyncio.Server:
    handler = CatcherHandler(catcher)
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: SMTP(handler, hostname="mail.sandbox.invalid"), host, port)
