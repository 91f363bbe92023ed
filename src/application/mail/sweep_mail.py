"""The outbox's safety net, run every minute by the worker: mail kept but never queued (the queue was down when it
was written) is queued now; mail older than the keeping time is deleted."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from application.errors import STORE_OUTAGE, Raises
from application.ports.clock import Clock
from application.ports.mail import MailOutbox, MailQueue

# Younger than this, a mail's own job may still be on its way; older than the give-up age, it is stale news (a code
# long expired): neither is queued by the sweep.
SETTLE_SECONDS = 60
GIVE_UP_AFTER = timedelta(hours=1)
KEEP_FOR = timedelta(days=7)
BATCH = 200


class SweepMail:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, outbox: MailOutbox, queue: MailQueue, clock: Clock) -> None:
        self._outbox = outbox
        self._queue = queue
        self._clock = clock

    async def execute(self) -> int:
        now = self._clock.now()
        keys = await self._outbox.unsettled(
            created_after=now - GIVE_UP_AFTER, created_before=now - timedelta(seconds=SETTLE_SECONDS), limit=BATCH
        )
        for key in keys:
            await self._queue.enqueue(key)
        await self._outbox.purge(created_before=now - KEEP_FOR)
        return len(keys)
