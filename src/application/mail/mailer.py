"""What every journey that mails a customer calls: keep the mail in the outbox, then ask the worker to deliver it."""

from __future__ import annotations

import logging
from typing import ClassVar

from application.errors import STORE_OUTAGE, Raises, UpstreamUnavailableError
from application.ports.clock import Clock
from application.ports.mail import Mail, MailOutbox, MailQueue

log = logging.getLogger(__name__)


class Mailer:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, outbox: MailOutbox, queue: MailQueue, clock: Clock) -> None:
        self._outbox = outbox
        self._queue = queue
        self._clock = clock

    async def send(self, mail: Mail) -> bool:
        """True when the mail is new; one already kept for this event is neither kept nor queued again."""
        if not await self._outbox.add(mail, now=self._clock.now()):
            return False
        try:
            await self._queue.enqueue(mail.event_key)
        except UpstreamUnavailableError:
            # Kept, not queued: the worker's sweep queues unsettled mail a minute later.
            log.warning("mail_not_queued", extra={"template": mail.template.value})
        return True
