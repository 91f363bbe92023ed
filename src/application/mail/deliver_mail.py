"""The worker's delivery of one outbox mail: sent at most once, retried (by the job queue) while the server is out."""

from __future__ import annotations

import logging
from typing import ClassVar

from application.errors import STORE_OUTAGE, Raises, UpstreamUnavailableError
from application.ports.clock import Clock
from application.ports.mail import MailOutbox, MailRefusedError, MailTransport

log = logging.getLogger(__name__)


class DeliverMail:
    # An outage of the outbox or of the mail server: the job is retried with backoff.
    raises: ClassVar[Raises] = (*STORE_OUTAGE, UpstreamUnavailableError)

    def __init__(self, outbox: MailOutbox, transport: MailTransport, clock: Clock) -> None:
        self._outbox = outbox
        self._transport = transport
        self._clock = clock

    async def execute(self, event_key: str) -> str:
        """What happened: "sent", "refused", or "settled" when an earlier run had already finished it."""
        entry = await self._outbox.get(event_key)
        if entry is None or entry.settled:
            return "settled"
        try:
            await self._transport.send(entry.mail)
        except MailRefusedError as refusal:
            await self._outbox.mark_refused(event_key, str(refusal)[:500], now=self._clock.now())
            log.warning("mail_refused", extra={"template": entry.mail.template.value, "reason": str(refusal)[:200]})
            return "refused"
        # Between the server's acceptance and this mark a crash would send it again on the retry: the one window
        # SMTP leaves open. The Message-ID is the event's, so a receiving system can still tell the two apart.
        await self._outbox.mark_sent(event_key, now=self._clock.now())
        return "sent"
